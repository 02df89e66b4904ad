// The embedding protocol's messages: strict checks of what a host posts (every problem names its field),
// and the client's envelopes, written with rapidjson so every string is escaped.
#include "b2b/embed.hpp"

#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <algorithm>
#include <cctype>

#include "b2b/money.hpp"
#include "b2b/validation.hpp"

namespace b2b::embed {
namespace {

using Value = rapidjson::Value;
using Writer = rapidjson::Writer<rapidjson::StringBuffer>;

constexpr std::size_t kMaxIdChars = 64;
constexpr std::size_t kMaxSkuChars = 64;
constexpr std::size_t kMaxNameChars = 100;
constexpr std::size_t kMaxTokenChars = 256;
constexpr std::size_t kMaxCategoryChars = 200;
constexpr std::int64_t kMaxQuantity = 1'000'000;

// A problem with one field of a host message, reported back as bad_message.
struct Problem {
  std::string field;
  std::string message;
};

class Reader {
 public:
  std::optional<Problem> problem;

  const Value* object(const Value& parent, const char* name, const std::string& path, bool required) {
    const Value* value = member(parent, name, path, required);
    if (value && !value->IsObject()) fail(path + name, "expected an object");
    return problem ? nullptr : value;
  }

  std::optional<std::string> string(const Value& parent, const char* name, const std::string& path, bool required,
                                    std::size_t max_chars) {
    const Value* value = member(parent, name, path, required);
    if (!value) return std::nullopt;
    if (!value->IsString()) {
      fail(path + name, "expected a string");
      return std::nullopt;
    }
    std::string text(value->GetString(), value->GetStringLength());
    const auto characters = utf8_code_points(text);
    if (!characters) {
      fail(path + name, "is not valid UTF-8");
      return std::nullopt;
    }
    if (*characters > max_chars) {
      fail(path + name, "longer than " + std::to_string(max_chars) + " characters");
      return std::nullopt;
    }
    return text;
  }

  std::optional<Locale> locale(const Value& parent, const char* name, const std::string& path, bool required) {
    const auto code = string(parent, name, path, required, 8);
    if (!code) return std::nullopt;
    if (*code == "pl") return Locale::pl;
    if (*code == "en") return Locale::en;
    fail(path + name, "must be \"pl\" or \"en\"");
    return std::nullopt;
  }

  std::optional<Theme> theme(const Value& value, const std::string& path) {
    Theme theme;
    if (const auto mode = string(value, "mode", path, false, 8)) {
      if (*mode != "light" && *mode != "dark")
        return fail(path + "mode", "must be \"light\" or \"dark\""), std::nullopt;
      theme.dark = *mode == "dark";
    }
    if (const auto accent = string(value, "accent", path, false, 7)) {
      const bool hex = accent->size() == 7 && (*accent)[0] == '#' &&
                       std::all_of(accent->begin() + 1, accent->end(),
                                   [](char c) { return std::isxdigit(static_cast<unsigned char>(c)); });
      if (!hex) return fail(path + "accent", "must be a colour like \"#1a6b3c\""), std::nullopt;
      theme.accent = static_cast<std::uint32_t>(std::stoul(accent->substr(1), nullptr, 16));
    }
    if (problem) return std::nullopt;
    return theme;
  }

  std::optional<CartPrefill> prefill(const Value& value, const std::string& path) {
    CartPrefill prefill;
    if (const auto name = string(value, "name", path, false, kMaxNameChars)) prefill.name = *name;
    const Value* lines = member(value, "lines", path, true);
    if (!lines) return std::nullopt;
    if (!lines->IsArray()) return fail(path + "lines", "expected an array"), std::nullopt;
    if (lines->Size() == 0) return fail(path + "lines", "is empty"), std::nullopt;
    if (lines->Size() > kMaxPrefillLines) {
      return fail(path + "lines", "more than " + std::to_string(kMaxPrefillLines) + " lines"), std::nullopt;
    }
    for (rapidjson::SizeType i = 0; i < lines->Size(); ++i) {
      const std::string at = path + "lines[" + std::to_string(i) + "].";
      const Value& line = (*lines)[i];
      if (!line.IsObject()) return fail(at.substr(0, at.size() - 1), "expected an object"), std::nullopt;
      PrefillLine parsed;
      const auto sku = string(line, "sku", at, true, kMaxSkuChars);
      if (!sku) return std::nullopt;
      if (sku->empty()) return fail(at + "sku", "is empty"), std::nullopt;
      parsed.sku = *sku;
      const Value* quantity = member(line, "quantity", at, true);
      if (!quantity) return std::nullopt;
      if (!quantity->IsInt64()) return fail(at + "quantity", "expected a whole number"), std::nullopt;
      parsed.quantity = quantity->GetInt64();
      if (parsed.quantity < 1 || parsed.quantity > kMaxQuantity) {
        return fail(at + "quantity", "must be from 1 to " + std::to_string(kMaxQuantity)), std::nullopt;
      }
      prefill.lines.push_back(std::move(parsed));
    }
    return prefill;
  }

  void fail(std::string field, std::string message) {
    if (!problem) problem = Problem{std::move(field), std::move(message)};
  }

 private:
  const Value* member(const Value& parent, const char* name, const std::string& path, bool required) {
    if (problem) return nullptr;
    const auto found = parent.FindMember(name);
    if (found == parent.MemberEnd() || found->value.IsNull()) {
      if (required) fail(path + name, "is missing");
      return nullptr;
    }
    return &found->value;
  }
};

// Writes one envelope; `data` writes the members of "data".
template <typename Data>
std::string envelope(const char* type, Data&& data) {
  rapidjson::StringBuffer buffer;
  Writer out(buffer);
  out.StartObject();
  out.Key("protocol");
  out.String(kProtocolName);
  out.Key("version");
  out.Int(kVersion);
  out.Key("type");
  out.String(type);
  out.Key("data");
  out.StartObject();
  data(out);
  out.EndObject();
  out.EndObject();
  return buffer.GetString();
}

void key_string(Writer& out, const char* key, const std::string& value) {
  out.Key(key);
  out.String(value.c_str(), static_cast<rapidjson::SizeType>(value.size()));
}

void reply_to(Writer& out, const std::string& id) {
  if (!id.empty()) key_string(out, "reply_to", id);
}

void write_totals(Writer& out, const Totals& totals) {
  out.Key("totals");
  out.StartObject();
  out.Key("net_minor");
  out.Int64(totals.net.minor);
  out.Key("vat_minor");
  out.Int64(totals.vat.minor);
  out.Key("gross_minor");
  out.Int64(totals.gross.minor);
  out.Key("currency");
  out.String(currency_code(totals.gross.currency));
  out.EndObject();
}

template <typename Fields>
std::string touchpoint(const char* kind, std::int64_t at_ms, Fields&& fields) {
  return envelope("touchpoint", [&](Writer& out) {
    out.Key("kind");
    out.String(kind);
    out.Key("at_ms");
    out.Int64(at_ms);
    fields(out);
  });
}

}  // namespace

Parsed parse_host_message(std::string_view json) {
  Parsed parsed;
  if (json.size() > kMaxMessageBytes) return parsed;  // not something our hosts send: no answer
  rapidjson::Document doc;
  doc.Parse(json.data(), json.size());
  if (doc.HasParseError() || !doc.IsObject()) return parsed;
  const auto protocol = doc.FindMember("protocol");
  if (protocol == doc.MemberEnd() || !protocol->value.IsString() ||
      std::string_view(protocol->value.GetString(), protocol->value.GetStringLength()) != kProtocolName) {
    return parsed;  // another library's message
  }

  Reader read;
  std::string id;
  if (const auto given = read.string(doc, "id", "", false, kMaxIdChars)) id = *given;
  parsed.kind = Parsed::Kind::Rejected;
  const auto version = doc.FindMember("version");
  if (version == doc.MemberEnd() || !version->value.IsInt() || version->value.GetInt() != kVersion) {
    parsed.reply = envelope("error", [&](Writer& out) {
      key_string(out, "code", "unsupported_version");
      key_string(out, "message", "this client speaks version 1 of the b2b-embed protocol");
      out.Key("supported");
      out.StartArray();
      out.Int(kVersion);
      out.EndArray();
      reply_to(out, id);
    });
    return parsed;
  }

  HostMessage message;
  message.id = id;
  const auto type = read.string(doc, "type", "", true, 32);
  const Value empty(rapidjson::kObjectType);
  const Value* data_value = read.object(doc, "data", "", false);
  const Value& data = data_value ? *data_value : empty;
  if (type && !read.problem) {
    if (*type == "init") {
      Init init;
      init.locale = read.locale(data, "locale", "data.", false);
      if (const Value* theme = read.object(data, "theme", "data.", false))
        init.theme = read.theme(*theme, "data.theme.");
      if (const Value* auth = read.object(data, "auth", "data.", false)) {
        if (const auto token = read.string(*auth, "start_token", "data.auth.", true, kMaxTokenChars)) {
          init.start_token = *token;
        }
      }
      if (const Value* catalog = read.object(data, "catalog", "data.", false)) {
        if (const auto category = read.string(*catalog, "category", "data.catalog.", false, kMaxCategoryChars)) {
          init.category = *category;
        }
      }
      if (const Value* cart = read.object(data, "cart", "data.", false)) init.cart = read.prefill(*cart, "data.cart.");
      message.command = std::move(init);
    } else if (*type == "open_product") {
      const auto sku = read.string(data, "sku", "data.", true, kMaxSkuChars);
      if (sku && sku->empty()) read.fail("data.sku", "is empty");
      message.command = OpenProduct{sku.value_or("")};
    } else if (*type == "prefill_cart") {
      auto prefill = read.prefill(data, "data.");
      message.command = prefill.value_or(CartPrefill{});
    } else if (*type == "set_locale") {
      message.command = SetLocale{read.locale(data, "locale", "data.", true).value_or(Locale::pl)};
    } else if (*type == "set_theme") {
      message.command = SetTheme{read.theme(data, "data.").value_or(Theme{})};
    } else {
      read.fail("type", "unknown message type \"" + *type + "\"");
    }
  }
  if (read.problem) {
    parsed.reply = error_message("bad_message", read.problem->field + ": " + read.problem->message, id);
    return parsed;
  }
  parsed.kind = Parsed::Kind::Accepted;
  parsed.message = std::move(message);
  return parsed;
}

bool origin_allowed(std::string_view origin, const std::vector<std::string>& allowed) {
  if (origin.empty() || origin == "null") return false;  // sandboxed frames and file: pages
  return std::find(allowed.begin(), allowed.end(), origin) != allowed.end();
}

const char* storage_kind_code(StorageKind kind) {
  switch (kind) {
    case StorageKind::Available:
      return "available";
    case StorageKind::Partitioned:
      return "partitioned";
    case StorageKind::Unavailable:
      return "unavailable";
  }
  return "unavailable";
}

std::string ready_message(StorageKind storage) {
  return envelope("ready", [&](Writer& out) {
    out.Key("versions");
    out.StartArray();
    out.Int(kVersion);
    out.EndArray();
    out.Key("embedded_storage");
    out.String(storage_kind_code(storage));
  });
}

std::string initialized_message(bool signed_in, Locale locale, const std::string& reply_to_id) {
  return envelope("initialized", [&](Writer& out) {
    out.Key("signed_in");
    out.Bool(signed_in);
    out.Key("locale");
    out.String(locale_code(locale));
    reply_to(out, reply_to_id);
  });
}

std::string resize_message(int height_css_px) {
  return envelope("resize", [&](Writer& out) {
    out.Key("height");
    out.Int(height_css_px);
  });
}

std::string session_message(bool signed_in, const std::string& company, const std::string& role) {
  return envelope("session", [&](Writer& out) {
    out.Key("signed_in");
    out.Bool(signed_in);
    if (!signed_in) return;
    key_string(out, "company", company);
    key_string(out, "role", role);
  });
}

std::string cart_changed_message(const Cart& cart, const std::optional<Totals>& totals) {
  return envelope("cart_changed", [&](Writer& out) {
    key_string(out, "cart_id", cart.id);
    key_string(out, "name", cart.name);
    out.Key("lines");
    out.StartArray();
    for (const CartLine& line : cart.lines) {
      out.StartObject();
      key_string(out, "sku", line.sku);
      out.Key("quantity");
      out.Int64(line.quantity);
      out.EndObject();
    }
    out.EndArray();
    if (totals) write_totals(out, *totals);
  });
}

std::string order_placed_message(const Order& order) {
  return envelope("order_placed", [&](Writer& out) {
    key_string(out, "number", order.number);
    out.Key("status");
    out.String(order_status_code(order.status));
    key_string(out, "po_number", order.checkout.po_number);
    write_totals(out, order.totals);
    out.Key("line_count");
    out.Uint64(order.lines.size());
  });
}

std::string search_touchpoint(std::int64_t at_ms, const std::string& query, std::size_t results) {
  return touchpoint("search", at_ms, [&](Writer& out) {
    key_string(out, "query", query);
    out.Key("results");
    out.Uint64(results);
  });
}

std::string view_product_touchpoint(std::int64_t at_ms, const std::string& sku) {
  return touchpoint("view_product", at_ms, [&](Writer& out) { key_string(out, "sku", sku); });
}

std::string add_to_cart_touchpoint(std::int64_t at_ms, const std::string& sku, std::int64_t quantity) {
  return touchpoint("add_to_cart", at_ms, [&](Writer& out) {
    key_string(out, "sku", sku);
    out.Key("quantity");
    out.Int64(quantity);
  });
}

std::string order_touchpoint(std::int64_t at_ms, const std::string& number, Money value) {
  return touchpoint("order", at_ms, [&](Writer& out) {
    key_string(out, "number", number);
    out.Key("value_minor");
    out.Int64(value.minor);
    out.Key("currency");
    out.String(currency_code(value.currency));
  });
}

std::string prefill_report_message(const std::vector<PrefillReportLine>& lines, const std::string& reply_to_id) {
  return envelope("prefill_report", [&](Writer& out) {
    out.Key("lines");
    out.StartArray();
    for (const PrefillReportLine& line : lines) {
      out.StartObject();
      key_string(out, "sku", line.sku);
      out.Key("requested");
      out.Int64(line.requested);
      out.Key("added");
      out.Int64(line.added);
      key_string(out, "status", line.status);
      if (!line.reason.empty()) key_string(out, "reason", line.reason);
      out.EndObject();
    }
    out.EndArray();
    reply_to(out, reply_to_id);
  });
}

std::string error_message(const std::string& code, const std::string& message, const std::string& reply_to_id) {
  return envelope("error", [&](Writer& out) {
    key_string(out, "code", code);
    key_string(out, "message", message);
    reply_to(out, reply_to_id);
  });
}

}  // namespace b2b::embed
