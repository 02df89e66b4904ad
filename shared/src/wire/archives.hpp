// The four cereal archives of the wire formats: JSON (on rapidjson's DOM and writer) and the binary
// record (over a std::string), none of them through std::iostream. Private to shared/src/wire.
// cereal still dispatches every struct to its serialize() (cereal_types.hpp); these archives read
// and write the values, so a JSON decode error can name what it expected where it found something else.
#pragma once

#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <cereal/cereal.hpp>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

namespace b2b::wire::detail {

enum class Kind { Object, Array, String, Integer, Boolean };

// One level of the path being decoded: a field name, or an index when name is null.
struct PathStep {
  const char* name;
  std::size_t index;
  Kind kind;      // what the decoder expects there
  bool nullable;  // std::optional: null is fine too
};

// A problem the decoders find; the path being decoded (DecodeState) says where.
struct DecodeFailure {
  std::string message;
};

// --- Binary record ----------------------------------------------------------------------------
// Integers little-endian in their own width; everything else is built from them in cereal_types.hpp.
class BinaryWriter : public cereal::OutputArchive<BinaryWriter, cereal::AllowEmptyClassElision> {
 public:
  explicit BinaryWriter(std::string& out) : OutputArchive(this), out_(out) {}
  void bytes(const void* data, std::size_t size) { out_.append(static_cast<const char*>(data), size); }
  template <class T>
  void integer(T value) {
    using Unsigned = std::make_unsigned_t<T>;
    const auto bits = static_cast<Unsigned>(value);
    for (std::size_t byte = 0; byte < sizeof(T); ++byte) out_.push_back(static_cast<char>(bits >> (8 * byte) & 0xff));
  }

 private:
  std::string& out_;
};

class BinaryReader : public cereal::InputArchive<BinaryReader, cereal::AllowEmptyClassElision> {
 public:
  explicit BinaryReader(std::string_view bytes) : InputArchive(this), rest_(bytes) {}
  std::size_t remaining() const { return rest_.size(); }
  void bytes(void* data, std::size_t size) {
    require(size);
    if (size) std::memcpy(data, rest_.data(), size);
    rest_.remove_prefix(size);
  }
  template <class T>
  void integer(T& value) {
    using Unsigned = std::make_unsigned_t<T>;
    require(sizeof(T));
    Unsigned bits = 0;
    for (std::size_t byte = sizeof(T); byte-- > 0;)
      bits = static_cast<Unsigned>(bits << 8 | static_cast<std::uint8_t>(rest_[byte]));
    value = static_cast<T>(bits);
    rest_.remove_prefix(sizeof(T));
  }

 private:
  void require(std::size_t size) const {
    if (size > rest_.size()) throw DecodeFailure{"truncated: the record ends inside this value"};
  }
  std::string_view rest_;
};

template <class T, std::enable_if_t<std::is_integral_v<T> && !std::is_same_v<T, bool>, int> = 0>
void CEREAL_SAVE_FUNCTION_NAME(BinaryWriter& ar, const T& value) {
  ar.integer(value);
}
template <class T, std::enable_if_t<std::is_integral_v<T> && !std::is_same_v<T, bool>, int> = 0>
void CEREAL_LOAD_FUNCTION_NAME(BinaryReader& ar, T& value) {
  ar.integer(value);
}

// --- JSON -------------------------------------------------------------------------------------
// Writes compact JSON; the root is an object. A value inside an object takes the name set last.
class JsonWriter : public cereal::OutputArchive<JsonWriter> {
 public:
  JsonWriter();
  void name_next(const char* name) { next_name_ = name; }
  void begin_object() { key(), writer_.StartObject(); }
  void end_object() { writer_.EndObject(); }
  void begin_array(const char* name) { name_next(name), key(), writer_.StartArray(); }
  void end_array() { writer_.EndArray(); }
  void value(std::int64_t number) { key(), writer_.Int64(number); }
  void value(bool flag) { key(), writer_.Bool(flag); }
  void value(const std::string& text) {
    key(), writer_.String(text.data(), static_cast<rapidjson::SizeType>(text.size()));
  }
  void null() { key(), writer_.Null(); }
  std::string finish();  // closes the root object

 private:
  void key();
  rapidjson::StringBuffer buffer_;
  rapidjson::Writer<rapidjson::StringBuffer> writer_;
  const char* next_name_ = nullptr;
};

// Reads a parsed document: a named value is looked up in the object being read, an unnamed one is
// the next element of the array being read. A value of another type than the one asked for throws
// a DecodeFailure saying what was expected (the message comes from the innermost PathStep).
class JsonReader : public cereal::InputArchive<JsonReader> {
 public:
  explicit JsonReader(const rapidjson::Value& root);
  void name_next(const char* name) { next_name_ = name; }
  bool has_member(const char* name) const;
  // True (and the value consumed) when the next value is null.
  bool take_null(const char* name);
  void begin_object();
  void end_object() { open_.pop_back(); }
  std::size_t begin_array(const char* name);  // the element count
  void end_array() { open_.pop_back(); }
  void value(std::int64_t& number);
  void value(bool& flag);
  void value(std::string& text);

 private:
  struct Open {
    const rapidjson::Value* value;
    rapidjson::SizeType next_element;
  };
  const rapidjson::Value& peek() const;
  const rapidjson::Value& take();  // peek(), then move past the value
  [[noreturn]] void mismatch(const rapidjson::Value& found) const;
  std::vector<Open> open_;
  const char* next_name_ = nullptr;
};

// What cereal dispatches to: names, values, and objects around every struct's serialize().
template <class T>
void CEREAL_SAVE_FUNCTION_NAME(JsonWriter& ar, const cereal::NameValuePair<T>& pair) {
  ar.name_next(pair.name);
  ar(pair.value);
}
template <class T>
void CEREAL_LOAD_FUNCTION_NAME(JsonReader& ar, cereal::NameValuePair<T>& pair) {
  ar.name_next(pair.name);
  ar(pair.value);
}
inline void CEREAL_SAVE_FUNCTION_NAME(JsonWriter& ar, const std::int64_t& number) { ar.value(number); }
inline void CEREAL_LOAD_FUNCTION_NAME(JsonReader& ar, std::int64_t& number) { ar.value(number); }
inline void CEREAL_SAVE_FUNCTION_NAME(JsonWriter& ar, const bool& flag) { ar.value(flag); }
inline void CEREAL_LOAD_FUNCTION_NAME(JsonReader& ar, bool& flag) { ar.value(flag); }
inline void CEREAL_SAVE_FUNCTION_NAME(JsonWriter& ar, const std::string& text) { ar.value(text); }
inline void CEREAL_LOAD_FUNCTION_NAME(JsonReader& ar, std::string& text) { ar.value(text); }
inline void CEREAL_SAVE_FUNCTION_NAME(JsonWriter& ar, const std::nullptr_t&) { ar.null(); }

template <class T>
constexpr bool kIsJsonObject =
    std::is_class_v<T> && !std::is_same_v<T, std::string> && !std::is_base_of_v<cereal::detail::NameValuePairCore, T>;
template <class T, std::enable_if_t<kIsJsonObject<T>, int> = 0>
void prologue(JsonWriter& ar, const T&) {
  ar.begin_object();
}
template <class T, std::enable_if_t<kIsJsonObject<T>, int> = 0>
void epilogue(JsonWriter& ar, const T&) {
  ar.end_object();
}
template <class T, std::enable_if_t<kIsJsonObject<T>, int> = 0>
void prologue(JsonReader& ar, const T&) {
  ar.begin_object();
}
template <class T, std::enable_if_t<kIsJsonObject<T>, int> = 0>
void epilogue(JsonReader& ar, const T&) {
  ar.end_object();
}

}  // namespace b2b::wire::detail
