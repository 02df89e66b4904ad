// Field readers for the JSON that foreign shops answer; see json_fields.hpp.
#include "json_fields.hpp"

#include <cctype>
#include <charconv>

namespace b2b::backend::json {

Error decode_error(std::string field, std::string message) {
  return Error{ErrorKind::Decode, std::move(field), std::move(message)};
}

const char* member_string(const Value& object, const char* name) {
  if (!object.IsObject()) return nullptr;
  auto it = object.FindMember(name);
  return it != object.MemberEnd() && it->value.IsString() ? it->value.GetString() : nullptr;
}

Result<std::string> read_string(const Value& object, const char* name, const std::string& path) {
  if (const char* text = member_string(object, name)) return std::string(text);
  return decode_error(path + "." + name, "expected a string");
}

Result<std::int64_t> read_int(const Value& object, const char* name, const std::string& path) {
  if (object.IsObject()) {
    auto it = object.FindMember(name);
    if (it != object.MemberEnd() && it->value.IsInt64()) return it->value.GetInt64();
  }
  return decode_error(path + "." + name, "expected an integer");
}

Result<const Value*> read_array(const Value& object, const char* name, const std::string& path) {
  if (object.IsObject()) {
    auto it = object.FindMember(name);
    if (it != object.MemberEnd() && it->value.IsArray()) return &it->value;
  }
  return decode_error(path + "." + name, "expected an array");
}

Result<const Value*> read_object(const Value& object, const char* name, const std::string& path) {
  if (object.IsObject()) {
    auto it = object.FindMember(name);
    if (it != object.MemberEnd() && it->value.IsObject()) return &it->value;
  }
  return decode_error(path + "." + name, "expected an object");
}

Result<VatRate> vat_for_percent(std::int64_t percent, const std::string& field) {
  switch (percent) {
    case 23:
      return VatRate::Standard23;
    case 8:
      return VatRate::Reduced8;
    case 5:
      return VatRate::Reduced5;
    case 0:
      return VatRate::Zero;
    default:
      return decode_error(field, "a tax rate of " + std::to_string(percent) + "% is not a Polish VAT rate");
  }
}

std::optional<std::int64_t> unix_of_instant(const std::string& text) {
  if (text.size() < 20 || text[10] != 'T' || text[13] != ':' || text[16] != ':' || text.back() != 'Z')
    return std::nullopt;
  const auto date = parse_date(text.substr(0, 10));
  if (!date) return std::nullopt;
  const auto number = [&](std::size_t at) { return (text[at] - '0') * 10 + (text[at + 1] - '0'); };
  for (std::size_t at : {11u, 14u, 17u})
    if (!std::isdigit(static_cast<unsigned char>(text[at])) || !std::isdigit(static_cast<unsigned char>(text[at + 1])))
      return std::nullopt;
  return days_since_epoch(*date) * 86400 + number(11) * 3600 + number(14) * 60 + number(17);
}

std::optional<std::int64_t> offset_of(const std::string& cursor) {
  if (cursor.empty()) return 0;
  std::int64_t offset = 0;
  auto [end, error] = std::from_chars(cursor.data(), cursor.data() + cursor.size(), offset);
  if (error != std::errc() || end != cursor.data() + cursor.size() || offset < 0) return std::nullopt;
  return offset;
}

std::string fold_case(std::string text) {
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

}  // namespace b2b::backend::json
