// The JSON archives' reading and writing (archives.hpp), and the message for a value of the wrong type.
#include "archives.hpp"

#include <cmath>
#include <optional>

#include "cereal_types.hpp"

namespace b2b::wire::detail {
namespace {

// What is wrong with `value` where the decoder expects `expected`; nothing when it fits.
std::optional<std::string> type_problem(const rapidjson::Value& value, const PathStep& expected) {
  if (expected.nullable && value.IsNull()) return std::nullopt;
  switch (expected.kind) {
    case Kind::Object:
      if (value.IsObject()) return std::nullopt;
      return "expected object";
    case Kind::Array:
      if (value.IsArray()) return std::nullopt;
      return "expected array";
    case Kind::String:
      if (value.IsString()) return std::nullopt;
      return expected.nullable ? "expected string or null" : "expected string";
    case Kind::Boolean:
      if (value.IsBool()) return std::nullopt;
      return "expected boolean";
    case Kind::Integer: {
      if (value.IsInt64()) return std::nullopt;
      const bool whole = value.IsUint64() || (value.IsDouble() && std::isfinite(value.GetDouble()) &&
                                              std::trunc(value.GetDouble()) == value.GetDouble());
      return whole ? "integer out of range" : "expected integer";
    }
  }
  return std::nullopt;
}

}  // namespace

JsonWriter::JsonWriter() : OutputArchive(this), writer_(buffer_) { writer_.StartObject(); }

void JsonWriter::key() {
  if (!next_name_) return;  // an array element
  writer_.Key(next_name_);
  next_name_ = nullptr;
}

std::string JsonWriter::finish() {
  writer_.EndObject();
  return std::string(buffer_.GetString(), buffer_.GetSize());
}

JsonReader::JsonReader(const rapidjson::Value& root) : InputArchive(this) {
  if (!root.IsObject()) mismatch(root);
  open_.push_back({&root, 0});
}

bool JsonReader::has_member(const char* name) const { return open_.back().value->HasMember(name); }

const rapidjson::Value& JsonReader::peek() const {
  const Open& open = open_.back();
  if (next_name_) {
    const auto member = open.value->FindMember(next_name_);
    if (member == open.value->MemberEnd()) throw DecodeFailure{"missing"};
    return member->value;
  }
  // Callers read no more elements than the array has (begin_array's count).
  return (*open.value)[open.next_element];
}

const rapidjson::Value& JsonReader::take() {
  const rapidjson::Value& value = peek();
  if (next_name_) {
    next_name_ = nullptr;
  } else {
    ++open_.back().next_element;
  }
  return value;
}

bool JsonReader::take_null(const char* name) {
  name_next(name);
  if (peek().IsNull()) return take(), true;
  next_name_ = nullptr;  // the value is read next, under its name again
  return false;
}

void JsonReader::begin_object() {
  const rapidjson::Value& value = take();
  if (!value.IsObject()) mismatch(value);
  open_.push_back({&value, 0});
}

std::size_t JsonReader::begin_array(const char* name) {
  name_next(name);
  const rapidjson::Value& value = take();
  if (!value.IsArray()) mismatch(value);
  open_.push_back({&value, 0});
  return value.Size();
}

void JsonReader::value(std::int64_t& number) {
  const rapidjson::Value& value = take();
  if (!value.IsInt64()) mismatch(value);
  number = value.GetInt64();
}

void JsonReader::value(bool& flag) {
  const rapidjson::Value& value = take();
  if (!value.IsBool()) mismatch(value);
  flag = value.GetBool();
}

void JsonReader::value(std::string& text) {
  const rapidjson::Value& value = take();
  if (!value.IsString()) mismatch(value);
  text.assign(value.GetString(), value.GetStringLength());
}

void JsonReader::mismatch(const rapidjson::Value& found) const {
  constexpr PathStep kEnvelope{nullptr, 0, Kind::Object, false};
  const PathStep& expected = t_decode.path.empty() ? kEnvelope : t_decode.path.back();
  throw DecodeFailure{type_problem(found, expected).value_or("unexpected value")};
}

}  // namespace b2b::wire::detail
