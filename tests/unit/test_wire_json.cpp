// The JSON wire format: golden fixtures pin it, every type round-trips, and every kind of bad
// input is a decode error that names the field instead of a crash or an exception.
#include <doctest/doctest.h>
#include <rapidjson/document.h>

#include <functional>

#include "b2b/wire/json.hpp"
#include "wire_samples.hpp"

using namespace b2b;
using namespace b2b::wire;
using wire_samples::read_fixture;

namespace {

rapidjson::Document parse(const std::string& text) {
  rapidjson::Document document;
  document.Parse(text.c_str(), text.size());
  REQUIRE_MESSAGE(!document.HasParseError(), "not JSON: " << text);
  return document;
}

bool same_json(const std::string& a, const std::string& b) { return parse(a) == parse(b); }

// A cart envelope whose first line is `line`; the rest is valid.
std::string cart_with_line(const std::string& line) {
  return R"({"protocol_version":1,"type":"cart","data":{"id":"c-1","name":"Dach","owner_user_id":"u-1","version":2,)"
         R"("lines":[)" +
         line + "]}}";
}

// The fixture with its first occurrence of `from` replaced.
std::string edited_fixture(const std::string& name, const std::string& from, const std::string& to) {
  std::string text = read_fixture(name);
  const auto at = text.find(from);
  REQUIRE_MESSAGE(at != std::string::npos, from << " not in " << name);
  return text.replace(at, from.size(), to);
}

template <typename T>
Error decode_failure(const std::string& text) {
  const auto decoded = decode_json<T>(text);
  REQUIRE_MESSAGE(!decoded.ok(), "decoded: " << text);
  CHECK(decoded.error().kind == ErrorKind::Decode);
  return decoded.error();
}

template <typename T>
std::string reencode(const std::string& text) {
  const auto decoded = decode_json<T>(text);
  REQUIRE_MESSAGE(decoded.ok(), decoded.error().field << ": " << decoded.error().message);
  return encode_json(decoded.value());
}

}  // namespace

TEST_CASE("wire_type_name gives the envelope type, plural for lists") {
  CHECK(std::string(wire_type_name<Product>()) == "product");
  CHECK(std::string(wire_type_name<PriceList>()) == "price_list");
  CHECK(std::string(wire_type_name<Cart>()) == "cart");
  CHECK(std::string(wire_type_name<CheckoutFields>()) == "checkout");
  CHECK(std::string(wire_type_name<Order>()) == "order");
  CHECK(std::string(wire_type_name<std::vector<Product>>()) == "products");
  CHECK(std::string(wire_type_name<std::vector<Company>>()) == "companies");
  CHECK(std::string(wire_type_name<std::vector<Order>>()) == "orders");
}

TEST_CASE("golden fixtures decode to the expected values") {
  const wire_samples::Samples s;
  SUBCASE("product") {
    CHECK(s.product.sku == "MEC-611953");
    CHECK(s.product.ean == "5901234123457");
    CHECK(s.product.name.pl == "Łącznik śrubowy ocynkowany M12×80");
    CHECK(s.product.category_path == std::vector<std::string>{"Mechanika", "Złącza i łączniki"});
    CHECK(s.product.brand == "Śrubex");
    CHECK(s.product.unit == Unit::Pack);
    CHECK(s.product.pack_size == 25);
    CHECK(s.product.min_order_quantity == 50);
    CHECK(s.product.vat == VatRate::Standard23);
    CHECK(s.product.stock == 1840);
    CHECK(s.product.active);
  }
  SUBCASE("price list") {
    CHECK(s.price_list.currency == Currency::PLN);
    CHECK(s.price_list.version == 3);
    REQUIRE(s.price_list.entries.size() == 2);
    REQUIRE(s.price_list.entries[0].tiers.size() == 2);
    CHECK(s.price_list.entries[0].tiers[1].min_quantity == 200);
    CHECK(s.price_list.entries[0].tiers[1].unit_net_minor == 1290);
    CHECK(s.price_list.entries[1].tiers.empty());
  }
  SUBCASE("company") {
    CHECK(s.company.name == "Budmax Spółka z o.o.");
    CHECK(s.company.eu_vat_id == "PL5261040828");
    REQUIRE(s.company.addresses.size() == 2);
    CHECK(s.company.addresses[1].city == "Łódź");
    CHECK(s.company.addresses[1].street == "ul. Żeromskiego 115");
    CHECK(s.company.payment_terms == PaymentTerms::Net30);
    CHECK(s.company.credit_limit == Money{5000000, Currency::PLN});
    CHECK(s.company.po_number_required);
  }
  SUBCASE("user") {
    CHECK(s.user.name == "Grzegorz Brzęczyszczykiewicz");
    CHECK(s.user.role == Role::Buyer);
    CHECK(s.user.spending_limit == Money{1500000, Currency::PLN});
  }
  SUBCASE("cart and carts") {
    CHECK(s.cart.name == "Budowa Legnicka — II piętro");
    CHECK(s.cart.version == 3);
    REQUIRE(s.cart.lines.size() == 2);
    CHECK(s.cart.lines[1].quantity == 6);
    CHECK(s.cart.lines[1].note == "na poniedziałek, dostawa od ul. Legnickiej");
    REQUIRE(s.carts.size() == 2);
    CHECK(s.carts[1].lines.empty());
  }
  SUBCASE("checkout") {
    CHECK(s.checkout.po_number == "PO/2026/114");
    REQUIRE(s.checkout.requested_delivery.has_value());
    CHECK(*s.checkout.requested_delivery == Date{2026, 12, 3});
    CHECK(s.checkout.ship_to_address_id == "a-1");
  }
  SUBCASE("order") {
    CHECK(s.order.number == "ZAM/2026/000123");
    CHECK(s.order.status == OrderStatus::Approved);
    REQUIRE(s.order.lines.size() == 3);
    CHECK(s.order.lines[0].vat_amount == Money{15537, Currency::PLN});
    CHECK(s.order.lines[2].vat == VatRate::Reduced5);
    CHECK(s.order.totals.gross == Money{159790, Currency::PLN});
    CHECK(s.order.checkout.cost_centre == "BUD-7");
    REQUIRE(s.order.history.size() == 2);
    CHECK(s.order.history[0].status == OrderStatus::PendingApproval);
    CHECK(s.order.history[1].at_unix_seconds == 1795003600);
    CHECK(s.order.history[1].comment == "Zatwierdzam — pilne na budowę");
  }
}

TEST_CASE("re-encoding a golden fixture gives the same JSON") {
  const std::pair<const char*, std::function<std::string(const std::string&)>> fixtures[] = {
      {"product.json", reencode<Product>},
      {"price_list.json", reencode<PriceList>},
      {"company.json", reencode<Company>},
      {"user.json", reencode<User>},
      {"cart.json", reencode<Cart>},
      {"carts.json", reencode<std::vector<Cart>>},
      {"checkout.json", reencode<CheckoutFields>},
      {"order.json", reencode<Order>},
  };
  for (const auto& fixture : fixtures) {
    CAPTURE(fixture.first);
    const std::string original = read_fixture(fixture.first);
    const std::string encoded = fixture.second(original);
    INFO(encoded);
    CHECK(same_json(encoded, original));
  }
}

TEST_CASE("every wire type round-trips through JSON") {
  const auto check = [](const auto& value) {
    using T = std::decay_t<decltype(value)>;
    const std::string text = encode_json(value);
    INFO(text);
    const auto decoded = decode_json<T>(text);
    REQUIRE_MESSAGE(decoded.ok(), decoded.error().field << ": " << decoded.error().message);
    CHECK(encode_json(decoded.value()) == text);
  };
  SUBCASE("realistic values") { wire_samples::for_each_sample(check); }
  SUBCASE("default values") {
#define B2B_CHECK_DEFAULT(T) check(T{});
    B2B_WIRE_TYPES(B2B_CHECK_DEFAULT)
#undef B2B_CHECK_DEFAULT
  }
}

TEST_CASE("the encoder writes compact JSON: snake_case fields, code strings, integer money") {
  const wire_samples::Samples s;
  const std::string text = encode_json(s.order.lines[0]);
  CHECK(text.rfind(R"({"protocol_version":1,"type":"priced_line","data":{"sku":"MEC-611953","quantity":50,)", 0) == 0);
  CHECK(text.find(R"("unit_net":{"minor":1351,"currency":"PLN"})") != std::string::npos);
  CHECK(text.find(R"("vat":"23")") != std::string::npos);
  CHECK(text.find_first_of(" \n") == std::string::npos);
  CHECK(encode_json(s.product).find(R"("unit":"opak")") != std::string::npos);
  CHECK(encode_json(CheckoutFields{}).find(R"("requested_delivery":null)") != std::string::npos);
}

TEST_CASE("the envelope's protocol_version and type are checked") {
  SUBCASE("another protocol version names protocol_version and both versions") {
    const Error error =
        decode_failure<Cart>(edited_fixture("cart.json", R"("protocol_version": 1)", R"("protocol_version": 2)"));
    CHECK(error.field == "protocol_version");
    CHECK(error.message == "protocol version 2 is not supported; this client speaks 1");
  }
  SUBCASE("protocol_version missing or not an integer") {
    CHECK(decode_failure<Cart>(edited_fixture("cart.json", R"("protocol_version": 1,)", "")).field ==
          "protocol_version");
    const Error error =
        decode_failure<Cart>(edited_fixture("cart.json", R"("protocol_version": 1)", R"("protocol_version": "1")"));
    CHECK(error.field == "protocol_version");
    CHECK(error.message == "expected integer");
  }
  SUBCASE("another type names type") {
    const Error error = decode_failure<Order>(read_fixture("cart.json"));
    CHECK(error.field == "type");
    CHECK(error.message == R"(expected "order", got "cart")");
    CHECK(decode_failure<std::vector<Cart>>(read_fixture("cart.json")).field == "type");
  }
  SUBCASE("type or data missing") {
    CHECK(decode_failure<Cart>(edited_fixture("cart.json", R"("type": "cart",)", "")).field == "type");
    const Error error = decode_failure<Cart>(R"({"protocol_version":1,"type":"cart"})");
    CHECK(error.field == "data");
    CHECK(error.message == "missing");
  }
}

TEST_CASE("wrong-typed fields are errors naming the path") {
  const auto failure = [](const std::string& text) { return decode_failure<Cart>(text); };
  SUBCASE("a string where an integer belongs") {
    const Error error = failure(cart_with_line(R"({"sku":"A","quantity":"3"})"));
    CHECK(error.field == "data.lines[0].quantity");
    CHECK(error.message == "expected integer");
  }
  SUBCASE("deeper in a list") {
    const Error error =
        failure(cart_with_line(R"({"sku":"A","quantity":1},{"sku":"B","quantity":2},{"sku":5,"quantity":1})"));
    CHECK(error.field == "data.lines[2].sku");
    CHECK(error.message == "expected string");
  }
  SUBCASE("an object or a string where a list belongs") {
    for (const char* lines : {R"("lines":{})", R"("lines":"none")", R"("lines":null)"}) {
      const Error error =
          decode_failure<Cart>(edited_fixture("cart.json", R"("lines": [)", std::string(lines) + ",\"x\":["));
      CHECK(error.field == "data.lines");
      CHECK(error.message == "expected array");
    }
  }
  SUBCASE("a list element that is not an object") {
    const Error error = failure(cart_with_line(R"({"sku":"A","quantity":1},7)"));
    CHECK(error.field == "data.lines[1]");
    CHECK(error.message == "expected object");
  }
  SUBCASE("a list where an object belongs") {
    const Error error =
        decode_failure<Order>(edited_fixture("order.json", R"("totals": {)", R"("totals": [], "x": {)"));
    CHECK(error.field == "data.totals");
    CHECK(error.message == "expected object");
  }
  SUBCASE("a string where a boolean belongs") {
    const Error error =
        decode_failure<Product>(edited_fixture("product.json", R"("active": true)", R"("active": "yes")"));
    CHECK(error.field == "data.active");
    CHECK(error.message == "expected boolean");
  }
  SUBCASE("a number where an enum code belongs") {
    const Error error = decode_failure<Product>(edited_fixture("product.json", R"("vat": "23")", R"("vat": 23)"));
    CHECK(error.field == "data.vat");
    CHECK(error.message == "expected string");
  }
  SUBCASE("the whole body of the wrong shape") {
    CHECK(decode_failure<Cart>("[1,2]").message == "expected object");
    CHECK(decode_failure<Cart>("\"cart\"").message == "expected object");
    const Error error = decode_failure<std::vector<Cart>>(R"({"protocol_version":1,"type":"carts","data":{}})");
    CHECK(error.field == "data");
    CHECK(error.message == "expected array");
  }
}

TEST_CASE("integers that do not fit an int64 are refused") {
  for (const char* quantity : {"1e30", "-1e30", "9223372036854775808", "18446744073709551616"}) {
    CAPTURE(quantity);
    const Error error = decode_failure<Cart>(cart_with_line(std::string(R"({"sku":"A","quantity":)") + quantity + "}"));
    CHECK(error.field == "data.lines[0].quantity");
    CHECK(error.message == "integer out of range");
  }
  for (const char* quantity : {"3.5", "-0.25", "true", "null"}) {
    CAPTURE(quantity);
    CHECK(decode_failure<Cart>(cart_with_line(std::string(R"({"sku":"A","quantity":)") + quantity + "}")).message ==
          "expected integer");
  }
  const auto extreme = decode_json<Cart>(cart_with_line(R"({"sku":"A","quantity":-9223372036854775808})"));
  REQUIRE(extreme.ok());
  CHECK(extreme.value().lines[0].quantity == INT64_MIN);
}

TEST_CASE("unknown enum codes are errors naming the field and the code") {
  SUBCASE("VAT") {
    const Error error = decode_failure<Product>(edited_fixture("product.json", R"("vat": "23")", R"("vat": "17")"));
    CHECK(error.field == "data.vat");
    CHECK(error.message == R"(unknown VAT code "17")");
  }
  SUBCASE("unit") {
    CHECK(decode_failure<Product>(edited_fixture("product.json", R"("opak")", R"("paleta")")).message ==
          R"(unknown unit code "paleta")");
  }
  SUBCASE("currency, deep in an order") {
    const Error error = decode_failure<Order>(
        edited_fixture("order.json", R"({"minor": 8999, "currency": "PLN"})", R"({"minor": 8999, "currency": "zł"})"));
    CHECK(error.field == "data.lines[1].unit_net.currency");
    CHECK(error.message == R"(unknown currency code "zł")");
  }
  SUBCASE("order status in the history") {
    const Error error =
        decode_failure<Order>(edited_fixture("order.json", R"("status": "approved", "by)", R"("status": "ok", "by)"));
    CHECK(error.field == "data.history[1].status");
    CHECK(error.message == R"(unknown order status code "ok")");
  }
  SUBCASE("role and payment terms") {
    CHECK(decode_failure<User>(edited_fixture("user.json", R"("buyer")", R"("Buyer")")).field == "data.role");
    CHECK(decode_failure<Company>(edited_fixture("company.json", R"("net30")", R"("net45")")).message ==
          R"(unknown payment terms code "net45")");
  }
  SUBCASE("a long code is shortened in the message") {
    const std::string code(500, 'x');
    const Error error =
        decode_failure<Product>(edited_fixture("product.json", R"("vat": "23")", "\"vat\": \"" + code + "\""));
    CHECK(error.message.size() < 80);
  }
}

TEST_CASE("required fields must be present; the documented optional ones take defaults") {
  SUBCASE("a required field missing is named") {
    const Error error = decode_failure<Order>(edited_fixture("order.json", R"("buyer_user_id": "u-kupiec1",)", ""));
    CHECK(error.field == "data.buyer_user_id");
    CHECK(error.message == "missing");
    CHECK(decode_failure<Cart>(cart_with_line(R"({"sku":"A"})")).field == "data.lines[0].quantity");
    CHECK(decode_failure<Order>(edited_fixture("order.json", R"("minor": 15537, )", "")).field ==
          "data.lines[0].vat_amount.minor");
  }
  SUBCASE("optional fields may be left out") {
    const auto cart = decode_json<Cart>(cart_with_line(R"({"sku":"A","quantity":2})"));
    REQUIRE(cart.ok());
    CHECK(cart.value().lines[0].note.empty());
    CHECK(cart.value().update_key.empty());  // an older server's carts have none
    const auto company = decode_json<Company>(edited_fixture("company.json", R"("eu_vat_id": "PL5261040828",)", ""));
    REQUIRE(company.ok());
    CHECK(company.value().eu_vat_id.empty());
    CHECK(company.value().price_list_id == "pl-budmax");
    const auto checkout =
        decode_json<CheckoutFields>(R"({"protocol_version":1,"type":"checkout","data":{"ship_to_address_id":"a-1"}})");
    REQUIRE(checkout.ok());
    CHECK(checkout.value().po_number.empty());
    CHECK_FALSE(checkout.value().requested_delivery.has_value());
  }
  SUBCASE("an optional field that is present must still have the right type") {
    const Error error = decode_failure<Cart>(cart_with_line(R"({"sku":"A","quantity":2,"note":7})"));
    CHECK(error.field == "data.lines[0].note");
    CHECK(error.message == "expected string");
  }
}

TEST_CASE("requested_delivery is a YYYY-MM-DD date, null or absent") {
  const auto checkout = [](const std::string& delivery) {
    return decode_json<CheckoutFields>(R"({"protocol_version":1,"type":"checkout","data":{"ship_to_address_id":"a-1",)"
                                       R"("requested_delivery":)" +
                                       delivery + "}}");
  };
  CHECK(checkout("\"2028-02-29\"").value().requested_delivery == Date{2028, 2, 29});
  CHECK_FALSE(checkout("null").value().requested_delivery.has_value());
  for (const char* bad : {"\"2026-02-30\"", "\"3.12.2026\"", "\"\""}) {
    CAPTURE(bad);
    REQUIRE_FALSE(checkout(bad).ok());
    CHECK(checkout(bad).error().field == "data.requested_delivery");
    CHECK(checkout(bad).error().message.find("expected YYYY-MM-DD") != std::string::npos);
  }
  CHECK(checkout("20261203").error().message == "expected string or null");
}

TEST_CASE("unknown fields are ignored, and known ones may come in any order") {
  SUBCASE("at every level") {
    std::string text = edited_fixture("order.json", R"("protocol_version": 1,)",
                                      R"("protocol_version": 1, "server_hint": {"a": [1, 2, {"b": null}]},)");
    text = text.replace(text.find(R"("number":)"), 9, R"("discount_code": "ZIMA", "number":)");
    text = text.replace(text.find(R"("sku":)"), 6, R"("warehouse": ["Wrocław"], "sku":)");
    const auto decoded = decode_json<Order>(text);
    REQUIRE_MESSAGE(decoded.ok(), decoded.error().field << ": " << decoded.error().message);
    CHECK(same_json(encode_json(decoded.value()), read_fixture("order.json")));
  }
  SUBCASE("in reverse order") {
    const auto decoded = decode_json<Cart>(
        R"({"data":{"lines":[{"note":"n","quantity":4,"sku":"A"}],"version":9,"owner_user_id":"u","name":"N","id":"c"},)"
        R"("type":"cart","protocol_version":1})");
    REQUIRE(decoded.ok());
    CHECK(decoded.value().version == 9);
    CHECK(decoded.value().lines[0].quantity == 4);
  }
}

TEST_CASE("malformed input is an error with an offset, never a crash") {
  SUBCASE("every truncation of a fixture") {
    const std::string text = read_fixture("order.json");
    const std::size_t end_of_json = text.find_last_not_of(" \n") + 1;
    for (std::size_t size = 0; size < end_of_json; ++size) {
      const auto decoded = decode_json<Order>(std::string_view(text).substr(0, size));
      REQUIRE_FALSE(decoded.ok());
      CHECK(decoded.error().kind == ErrorKind::Decode);
    }
  }
  SUBCASE("syntax errors report the offset") {
    const Error error = decode_failure<Cart>(R"({"protocol_version":1,"type":"cart",})");
    CHECK(error.field.empty());
    CHECK(error.message.rfind("invalid JSON at offset 36: ", 0) == 0);
    CHECK(decode_failure<Cart>("").message == "invalid JSON at offset 0: The document is empty.");
    CHECK(decode_failure<Cart>("{} {}").message.rfind("invalid JSON at offset 3", 0) == 0);
  }
  SUBCASE("not quite JSON") {
    for (const std::string& text :
         {std::string("{'a':1}"), std::string(R"({"protocol_version":NaN})"), std::string("{\"a\":\"\xC5\"}"),
          std::string("{\"a\":1}\0{}", 10), std::string(R"({"a":"\ud800"})")}) {
      CHECK(decode_failure<Cart>(text).message.rfind("invalid JSON at offset", 0) == 0);
    }
  }
  SUBCASE("nesting deeper than the limit") {
    const std::string deep = std::string(100000, '[') + std::string(100000, ']');
    CHECK(decode_failure<Cart>(deep).message.find("nested deeper than 64 levels") != std::string::npos);
    const std::string allowed = std::string(kMaxJsonDepth, '[') + std::string(kMaxJsonDepth, ']');
    CHECK(decode_failure<Cart>(allowed).message == "expected object");
  }
}

TEST_CASE("oversized input is refused before parsing") {
  std::string text = read_fixture("cart.json");
  text.append(kMaxJsonBytes + 1 - text.size(), ' ');  // still valid JSON, one byte too long
  const Error error = decode_failure<Cart>(text);
  CHECK(error.field.empty());
  CHECK(error.message == "input of 8388609 bytes exceeds the limit of 8388608");
  text.pop_back();
  CHECK(decode_json<Cart>(text).ok());
}

TEST_CASE("error envelopes") {
  SUBCASE("the golden fixture decodes and re-encodes to the same JSON") {
    const auto decoded = decode_error(read_fixture("error_validation.json"));
    REQUIRE(decoded.ok());
    CHECK(decoded.value().kind == "validation");
    REQUIRE(decoded.value().fields.size() == 2);
    CHECK(decoded.value().fields[0].field == "checkout.po_number");
    CHECK(decoded.value().fields[0].code == "required");
    CHECK(decoded.value().fields[1].message == "ilość 7 nie jest wielokrotnością opakowania 5");
    CHECK(same_json(encode_error(decoded.value()), read_fixture("error_validation.json")));
  }
  SUBCASE("an Error's field problems go on the wire and come back") {
    const Error sent{ErrorKind::Validation,
                     "checkout.po_number",
                     "zamówienie ma 1 błąd",
                     {{"checkout.po_number", "too_long", "najwyżej 35 znaków"}}};
    const std::string text = encode_error(sent);
    CHECK(text.rfind(R"({"protocol_version":1,"error":{"kind":"validation",)", 0) == 0);
    const Error received = to_error(decode_error(text).value());
    CHECK(received.kind == ErrorKind::Validation);
    CHECK(received.field == "checkout.po_number");
    CHECK(received.message == "zamówienie ma 1 błąd");
    REQUIRE(received.fields.size() == 1);
    CHECK(received.fields[0].code == "too_long");
  }
  SUBCASE("an Error with only a field gets one entry with code invalid") {
    const auto decoded = decode_error(encode_error(Error{ErrorKind::Conflict, "version", "koszyk zmienił się"}));
    REQUIRE(decoded.ok());
    CHECK(decoded.value().kind == "conflict");
    REQUIRE(decoded.value().fields.size() == 1);
    CHECK(decoded.value().fields[0].code == "invalid");
  }
  SUBCASE("fields are optional; an unknown kind is kept and counts as a server error") {
    const auto decoded = decode_error(R"({"protocol_version":1,"error":{"kind":"teapot","message":"brew"}})");
    REQUIRE(decoded.ok());
    CHECK(decoded.value().kind == "teapot");
    CHECK(to_error(decoded.value()).kind == ErrorKind::Server);
    CHECK(to_error(decoded.value()).field.empty());
  }
  SUBCASE("every kind has a code that maps back") {
    for (ErrorKind kind :
         {ErrorKind::Network, ErrorKind::Auth, ErrorKind::Forbidden, ErrorKind::Validation, ErrorKind::Conflict,
          ErrorKind::Server, ErrorKind::Decode, ErrorKind::Overflow, ErrorKind::NotFound}) {
      CHECK(error_kind_from_code(error_kind_code(kind)) == kind);
    }
    CHECK(std::string(error_kind_code(ErrorKind::NotFound)) == "not_found");
  }
  SUBCASE("a data envelope is not an error envelope") {
    const auto decoded = decode_error(read_fixture("cart.json"));
    REQUIRE_FALSE(decoded.ok());
    CHECK(decoded.error().field == "error");
    CHECK(decoded.error().message == "missing");
  }
}
