// cereal serialize functions for the domain types, shared by the JSON and binary wire formats, and
// the field-path tracking that lets a decode error say where it failed. Private to shared/src/wire.
// To carry another type: give it a serialize() and a wire_name() overload in its namespace, and
// instantiate encode_json/decode_json for it.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "archives.hpp"
#include "b2b/domain.hpp"
#include "b2b/wire/binary.hpp"
#include "b2b/wire/json.hpp"

namespace b2b::wire::detail {

// cereal's serialize functions take no context, so the decode in progress keeps its state here.
struct DecodeState {
  std::vector<PathStep> path;
  const BinaryReader* binary_input = nullptr;  // for checking length prefixes against what is left
};
#if defined(__EMSCRIPTEN__) && !defined(__EMSCRIPTEN_PTHREADS__)
// The browser runs the decoders on one thread, and clang 14 turns a catch block that reads a
// thread_local into `unreachable` under WebAssembly exceptions (every decode error would trap).
inline DecodeState t_decode;
#else
inline thread_local DecodeState t_decode;
#endif

class DecodeScope {
 public:
  explicit DecodeScope(const BinaryReader* binary_input) {
    t_decode.path.clear();
    t_decode.binary_input = binary_input;
  }
  ~DecodeScope() { t_decode.binary_input = nullptr; }
};

// "data.lines[3].quantity"
inline std::string render_path(const std::vector<PathStep>& path) {
  std::string text;
  for (const PathStep& step : path) {
    if (step.name) {
      if (!text.empty()) text += '.';
      text += step.name;
    } else {
      text += '[' + std::to_string(step.index) + ']';
    }
  }
  return text;
}

inline std::string quoted_excerpt(const std::string& text) {
  constexpr std::size_t kMax = 40;
  return '"' + (text.size() > kMax ? text.substr(0, kMax) + "..." : text) + '"';
}

// --- Enum code tables --------------------------------------------------------------------------
template <class E>
struct EnumCodes {
  const char* what;  // for "unknown VAT code \"17\""
  const char* (*to_code)(E);
  std::optional<E> (*from_code)(const std::string&);
};

inline std::optional<Currency> currency_from_code(const std::string& code) {
  for (Currency currency : {Currency::PLN, Currency::EUR})
    if (code == currency_code(currency)) return currency;
  return std::nullopt;
}

inline EnumCodes<VatRate> codes_of(VatRate) { return {"VAT", vat_code, vat_from_code}; }
inline EnumCodes<Unit> codes_of(Unit) { return {"unit", unit_code, unit_from_code}; }
inline EnumCodes<Currency> codes_of(Currency) { return {"currency", currency_code, currency_from_code}; }
inline EnumCodes<PaymentTerms> codes_of(PaymentTerms) {
  return {"payment terms", payment_terms_code, payment_terms_from_code};
}
inline EnumCodes<Role> codes_of(Role) { return {"role", role_code, role_from_code}; }
inline EnumCodes<OrderStatus> codes_of(OrderStatus) {
  return {"order status", order_status_code, order_status_from_code};
}
inline EnumCodes<QuoteStatus> codes_of(QuoteStatus) {
  return {"quote status", quote_status_code, quote_status_from_code};
}

// --- Generic field handling --------------------------------------------------------------------
template <class T>
struct IsVector : std::false_type {};
template <class T>
struct IsVector<std::vector<T>> : std::true_type {};
template <class T>
struct IsOptional : std::false_type {};
template <class T>
struct IsOptional<std::optional<T>> : std::true_type {};

template <class Archive>
constexpr bool kIsJson = std::is_same_v<Archive, JsonReader> || std::is_same_v<Archive, JsonWriter>;
template <class Archive>
constexpr bool kIsLoading = Archive::is_loading::value;

template <class T>
constexpr PathStep step_for(const char* name, std::size_t index) {
  if constexpr (IsOptional<T>::value) {
    PathStep step = step_for<typename T::value_type>(name, index);
    step.nullable = true;
    return step;
  } else {
    constexpr Kind kind = std::is_same_v<T, std::string> || std::is_enum_v<T> || std::is_same_v<T, Date> ? Kind::String
                          : std::is_same_v<T, bool>                                                      ? Kind::Boolean
                          : std::is_integral_v<T>                                                        ? Kind::Integer
                          : IsVector<T>::value                                                           ? Kind::Array
                                                                                                         : Kind::Object;
    return {name, index, kind, false};
  }
}

template <class Archive, class T>
void io(Archive& ar, const char* name, T& value);

// Loads or saves one value one level down the path; name is null for list elements.
template <class Archive, class T>
void at(Archive& ar, const char* name, std::size_t index, T& value) {
  if constexpr (kIsLoading<Archive>) {
    t_decode.path.push_back(step_for<T>(name, index));
    io(ar, name, value);
    t_decode.path.pop_back();  // only on success: after a throw the path says where decoding stopped
  } else {
    io(ar, name, value);
  }
}

template <class Archive, class T>
void field(Archive& ar, const char* name, T& value) {
  at(ar, name, 0, value);
}

// A field the sender may leave out; absent, it keeps its default. (Binary records always have it.)
template <class Archive, class T>
void optional_field(Archive& ar, const char* name, T& value) {
  if constexpr (std::is_same_v<Archive, JsonReader>) {
    if (!ar.has_member(name)) return;
  }
  field(ar, name, value);
}

template <class Archive, class T>
void named(Archive& ar, const char* name, T& value) {
  if constexpr (kIsJson<Archive>) {
    if (name) {
      ar(cereal::make_nvp(name, value));
      return;
    }
  }
  ar(value);
}

// Throws unless count more bytes can still follow, before anything is sized by it.
inline void require_bytes(std::uint64_t count) {
  const std::size_t left = t_decode.binary_input->remaining();
  if (count > left) {
    throw DecodeFailure{"length " + std::to_string(count) + " exceeds the " + std::to_string(left) + " bytes left"};
  }
}

template <class Archive, class T>
void io(Archive& ar, const char* name, T& value) {
  constexpr bool loading = kIsLoading<Archive>;
  if constexpr (std::is_same_v<T, std::string> && !kIsJson<Archive>) {
    // Fixed-width length: size_t differs between wasm32 and x86_64.
    std::uint32_t size = static_cast<std::uint32_t>(value.size());
    ar(size);
    if constexpr (loading) {
      require_bytes(size);
      value.resize(size);
    }
    ar.bytes(&value[0], size);
  } else if constexpr (std::is_same_v<T, bool> && !kIsJson<Archive>) {
    std::uint8_t byte = value ? 1 : 0;  // a bool loaded straight from a byte other than 0/1 is undefined
    ar(byte);
    if constexpr (loading) {
      if (byte > 1) throw DecodeFailure{"invalid boolean byte " + std::to_string(byte)};
      value = byte == 1;
    }
  } else if constexpr (std::is_enum_v<T>) {
    const auto codes = codes_of(value);
    std::string code = loading ? "" : codes.to_code(value);
    io(ar, name, code);
    if constexpr (loading) {
      const auto parsed = codes.from_code(code);
      if (!parsed) throw DecodeFailure{std::string("unknown ") + codes.what + " code " + quoted_excerpt(code)};
      value = *parsed;
    }
  } else if constexpr (std::is_same_v<T, Date>) {
    std::string text = loading ? "" : format_date(value);
    io(ar, name, text);
    if constexpr (loading) {
      const auto parsed = parse_date(text);
      if (!parsed) throw DecodeFailure{"invalid date " + quoted_excerpt(text) + ", expected YYYY-MM-DD"};
      value = *parsed;
    }
  } else if constexpr (IsOptional<T>::value) {
    if constexpr (kIsJson<Archive>) {
      if constexpr (loading) {
        if (ar.take_null(name)) return value.reset();
        io(ar, name, value.emplace());
      } else if (value) {
        io(ar, name, *value);
      } else {
        std::nullptr_t null;
        named(ar, name, null);
      }
    } else {
      bool present = value.has_value();
      io(ar, name, present);
      if constexpr (loading) {
        if (!present) return value.reset();
        value.emplace();
      }
      if (present) io(ar, name, *value);
    }
  } else if constexpr (IsVector<T>::value) {
    if constexpr (kIsJson<Archive>) {
      if constexpr (loading) {
        const std::size_t count = ar.begin_array(name);
        value.clear();
        // Grown one element at a time, never sized up front from what the input claims.
        for (std::size_t i = 0; i < count; ++i) at(ar, nullptr, i, value.emplace_back());
      } else {
        ar.begin_array(name);
        for (std::size_t i = 0; i < value.size(); ++i) at(ar, nullptr, i, value[i]);
      }
      ar.end_array();
    } else {
      std::uint32_t count = static_cast<std::uint32_t>(value.size());
      ar(count);
      if constexpr (loading) {
        require_bytes(count);  // every element takes at least a byte
        value.clear();
        for (std::size_t i = 0; i < count; ++i) at(ar, nullptr, i, value.emplace_back());
      } else {
        for (std::size_t i = 0; i < value.size(); ++i) at(ar, nullptr, i, value[i]);
      }
    }
  } else {
    named(ar, name, value);  // strings and integers in JSON, int64 in binary, structs via serialize()
  }
}

// --- Type names and the codec templates (explicitly instantiated in json.cpp and binary.cpp) ---
inline const char* wire_name(const Product*) { return "product"; }
inline const char* wire_name(const LocalizedText*) { return "localized_text"; }
inline const char* wire_name(const PriceList*) { return "price_list"; }
inline const char* wire_name(const PriceListEntry*) { return "price_list_entry"; }
inline const char* wire_name(const PriceTier*) { return "price_tier"; }
inline const char* wire_name(const Company*) { return "company"; }
inline const char* wire_name(const Address*) { return "address"; }
inline const char* wire_name(const User*) { return "user"; }
inline const char* wire_name(const Cart*) { return "cart"; }
inline const char* wire_name(const CartLine*) { return "cart_line"; }
inline const char* wire_name(const CheckoutFields*) { return "checkout"; }
inline const char* wire_name(const PricedLine*) { return "priced_line"; }
inline const char* wire_name(const Totals*) { return "totals"; }
inline const char* wire_name(const StatusChange*) { return "status_change"; }
inline const char* wire_name(const Order*) { return "order"; }
inline const char* wire_name(const Money*) { return "money"; }
inline const char* wire_name(const std::vector<Product>*) { return "products"; }
inline const char* wire_name(const std::vector<PriceList>*) { return "price_lists"; }
inline const char* wire_name(const std::vector<Company>*) { return "companies"; }
inline const char* wire_name(const std::vector<User>*) { return "users"; }
inline const char* wire_name(const std::vector<Cart>*) { return "carts"; }
inline const char* wire_name(const std::vector<Order>*) { return "orders"; }

// The type-independent parts, in json.cpp and binary.cpp; a null type means no "type" field.
std::string encode_json_envelope(const char* type, const std::function<void(JsonWriter&)>& save);
std::optional<Error> decode_json_envelope(std::string_view text, const char* type,
                                          const std::function<void(JsonReader&)>& load);
std::string encode_binary_record(const char* type, const std::function<void(BinaryWriter&)>& save);
std::optional<Error> decode_binary_record(std::string_view bytes, const char* type,
                                          const std::function<void(BinaryReader&)>& load);

}  // namespace b2b::wire::detail

namespace b2b::wire {

template <typename T>
const char* wire_type_name() {
  using detail::wire_name;  // unqualified, so argument-dependent lookup finds other namespaces' names
  return wire_name(static_cast<const T*>(nullptr));
}

// The save side takes T& like cereal's serialize functions, and never writes to it.
template <typename T>
std::string encode_json(const T& value) {
  return detail::encode_json_envelope(wire_type_name<T>(),
                                      [&](auto& ar) { detail::field(ar, "data", const_cast<T&>(value)); });
}

template <typename T>
Result<T> decode_json(std::string_view text) {
  T value{};
  if (auto error = detail::decode_json_envelope(text, wire_type_name<T>(),
                                                [&](auto& ar) { detail::field(ar, "data", value); })) {
    return *error;
  }
  return value;
}

template <typename T>
std::string encode_binary(const T& value) {
  return detail::encode_binary_record(wire_type_name<T>(),
                                      [&](auto& ar) { detail::io(ar, nullptr, const_cast<T&>(value)); });
}

template <typename T>
Result<T> decode_binary(std::string_view bytes) {
  T value{};
  if (auto error =
          detail::decode_binary_record(bytes, wire_type_name<T>(), [&](auto& ar) { detail::io(ar, nullptr, value); })) {
    return *error;
  }
  return value;
}

}  // namespace b2b::wire

// --- serialize functions: in namespace b2b so cereal finds them by argument-dependent lookup ---
namespace b2b {

using wire::detail::field;
using wire::detail::optional_field;

template <class Archive>
void serialize(Archive& ar, Money& money) {
  field(ar, "minor", money.minor);
  field(ar, "currency", money.currency);
}

template <class Archive>
void serialize(Archive& ar, LocalizedText& text) {
  field(ar, "pl", text.pl);
  field(ar, "en", text.en);
}

template <class Archive>
void serialize(Archive& ar, Product& product) {
  field(ar, "sku", product.sku);
  optional_field(ar, "ean", product.ean);
  field(ar, "name", product.name);
  field(ar, "category_path", product.category_path);
  field(ar, "brand", product.brand);
  field(ar, "unit", product.unit);
  field(ar, "pack_size", product.pack_size);
  field(ar, "min_order_quantity", product.min_order_quantity);
  field(ar, "vat", product.vat);
  field(ar, "stock", product.stock);
  field(ar, "active", product.active);
}

template <class Archive>
void serialize(Archive& ar, PriceTier& tier) {
  field(ar, "min_quantity", tier.min_quantity);
  field(ar, "unit_net_minor", tier.unit_net_minor);
}

template <class Archive>
void serialize(Archive& ar, PriceListEntry& entry) {
  field(ar, "sku", entry.sku);
  field(ar, "unit_net_minor", entry.unit_net_minor);
  field(ar, "tiers", entry.tiers);
}

template <class Archive>
void serialize(Archive& ar, PriceList& list) {
  field(ar, "id", list.id);
  field(ar, "company_id", list.company_id);
  field(ar, "currency", list.currency);
  field(ar, "version", list.version);
  field(ar, "entries", list.entries);
}

template <class Archive>
void serialize(Archive& ar, Address& address) {
  field(ar, "id", address.id);
  field(ar, "label", address.label);
  field(ar, "street", address.street);
  field(ar, "postal_code", address.postal_code);
  field(ar, "city", address.city);
  field(ar, "country", address.country);
}

template <class Archive>
void serialize(Archive& ar, Company& company) {
  field(ar, "id", company.id);
  field(ar, "name", company.name);
  field(ar, "nip", company.nip);
  optional_field(ar, "eu_vat_id", company.eu_vat_id);
  field(ar, "addresses", company.addresses);
  field(ar, "payment_terms", company.payment_terms);
  field(ar, "credit_limit", company.credit_limit);
  field(ar, "po_number_required", company.po_number_required);
  field(ar, "price_list_id", company.price_list_id);
}

template <class Archive>
void serialize(Archive& ar, User& user) {
  field(ar, "id", user.id);
  field(ar, "company_id", user.company_id);
  field(ar, "email", user.email);
  field(ar, "name", user.name);
  field(ar, "role", user.role);
  field(ar, "spending_limit", user.spending_limit);
  field(ar, "active", user.active);
}

template <class Archive>
void serialize(Archive& ar, CartLine& line) {
  field(ar, "sku", line.sku);
  field(ar, "quantity", line.quantity);
  optional_field(ar, "note", line.note);
}

template <class Archive>
void serialize(Archive& ar, Cart& cart) {
  field(ar, "id", cart.id);
  field(ar, "name", cart.name);
  field(ar, "owner_user_id", cart.owner_user_id);
  field(ar, "version", cart.version);
  field(ar, "lines", cart.lines);
  optional_field(ar, "update_key", cart.update_key);
}

template <class Archive>
void serialize(Archive& ar, CheckoutFields& checkout) {
  optional_field(ar, "po_number", checkout.po_number);
  optional_field(ar, "cost_centre", checkout.cost_centre);
  optional_field(ar, "requested_delivery", checkout.requested_delivery);
  optional_field(ar, "note", checkout.note);
  field(ar, "ship_to_address_id", checkout.ship_to_address_id);
}

template <class Archive>
void serialize(Archive& ar, PricedLine& line) {
  field(ar, "sku", line.sku);
  field(ar, "quantity", line.quantity);
  field(ar, "unit_net", line.unit_net);
  field(ar, "net", line.net);
  field(ar, "vat", line.vat);
  field(ar, "vat_amount", line.vat_amount);
  field(ar, "gross", line.gross);
  optional_field(ar, "note", line.note);
}

template <class Archive>
void serialize(Archive& ar, Totals& totals) {
  field(ar, "net", totals.net);
  field(ar, "vat", totals.vat);
  field(ar, "gross", totals.gross);
}

template <class Archive>
void serialize(Archive& ar, StatusChange& change) {
  field(ar, "status", change.status);
  field(ar, "by_user_id", change.by_user_id);
  field(ar, "at_unix_seconds", change.at_unix_seconds);
  optional_field(ar, "comment", change.comment);
}

template <class Archive>
void serialize(Archive& ar, Order& order) {
  field(ar, "number", order.number);
  field(ar, "company_id", order.company_id);
  field(ar, "buyer_user_id", order.buyer_user_id);
  field(ar, "status", order.status);
  field(ar, "lines", order.lines);
  field(ar, "totals", order.totals);
  field(ar, "checkout", order.checkout);
  field(ar, "history", order.history);
}

template <class Archive>
void serialize(Archive& ar, QuoteLine& line) {
  field(ar, "sku", line.sku);
  field(ar, "quantity", line.quantity);
  optional_field(ar, "note", line.note);
  optional_field(ar, "quoted_unit_net", line.quoted_unit_net);
}

template <class Archive>
void serialize(Archive& ar, Quote& quote) {
  field(ar, "number", quote.number);
  field(ar, "company_id", quote.company_id);
  field(ar, "buyer_user_id", quote.buyer_user_id);
  field(ar, "status", quote.status);
  field(ar, "lines", quote.lines);
  optional_field(ar, "note", quote.note);
  optional_field(ar, "seller_comment", quote.seller_comment);
  optional_field(ar, "valid_until", quote.valid_until);
  field(ar, "requested_at_unix_seconds", quote.requested_at_unix_seconds);
  optional_field(ar, "order_number", quote.order_number);
}

template <class Archive>
void serialize(Archive& ar, FieldError& error) {
  field(ar, "field", error.field);
  field(ar, "code", error.code);
  optional_field(ar, "message", error.message);
}

namespace wire {
template <class Archive>
void serialize(Archive& ar, WireError& error) {
  field(ar, "kind", error.kind);
  field(ar, "message", error.message);
  optional_field(ar, "fields", error.fields);
}
}  // namespace wire

}  // namespace b2b
