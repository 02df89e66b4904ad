// The JSON envelope around the JSON archives (archives.hpp): syntax and size checks before the
// document is parsed, and the translation of what the decoder throws into an Error naming the field.
#include <rapidjson/document.h>
#include <rapidjson/error/en.h>
#include <rapidjson/memorystream.h>
#include <rapidjson/reader.h>

#include "b2b/protocol/health.hpp"
#include "cereal_types.hpp"

namespace b2b::wire {
namespace detail {
namespace {

namespace rj = rapidjson;

// Counts nesting so a deep document is refused before anything recursive walks it.
struct DepthLimit : rj::BaseReaderHandler<rj::UTF8<>, DepthLimit> {
  int depth = 0;
  bool StartObject() { return ++depth <= kMaxJsonDepth; }
  bool EndObject(rj::SizeType) { return --depth, true; }
  bool StartArray() { return ++depth <= kMaxJsonDepth; }
  bool EndArray(rj::SizeType) { return --depth, true; }
};

// The text is checked first, without building a document: strict JSON, valid UTF-8, bounded nesting.
std::optional<Error> check_syntax(std::string_view text) {
  const auto invalid = [](std::size_t offset, const std::string& problem) {
    return Error{ErrorKind::Decode, "", "invalid JSON at offset " + std::to_string(offset) + ": " + problem};
  };
  if (text.size() > kMaxJsonBytes) {
    return Error{
        ErrorKind::Decode, "",
        "input of " + std::to_string(text.size()) + " bytes exceeds the limit of " + std::to_string(kMaxJsonBytes)};
  }
  // A NUL would end the text early for both parsers, hiding whatever follows it.
  if (const auto nul = text.find('\0'); nul != std::string_view::npos) return invalid(nul, "NUL byte");
  rj::MemoryStream stream(text.data(), text.size());
  rj::Reader reader;
  DepthLimit depth_limit;
  reader.Parse<rj::kParseIterativeFlag | rj::kParseValidateEncodingFlag>(stream, depth_limit);
  if (!reader.HasParseError()) return std::nullopt;
  const rj::ParseErrorCode code = reader.GetParseErrorCode();
  return invalid(reader.GetErrorOffset(), code == rj::kParseErrorTermination
                                              ? "nested deeper than " + std::to_string(kMaxJsonDepth) + " levels"
                                              : rj::GetParseError_En(code));
}

}  // namespace

std::string encode_json_envelope(const char* type, const std::function<void(JsonWriter&)>& save) {
  JsonWriter ar;
  std::int64_t version = protocol::kProtocolVersion;
  field(ar, "protocol_version", version);
  if (type) {
    std::string name = type;
    field(ar, "type", name);
  }
  save(ar);
  return ar.finish();
}

std::optional<Error> decode_json_envelope(std::string_view text, const char* type,
                                          const std::function<void(JsonReader&)>& load) {
  if (auto error = check_syntax(text)) return error;
  rj::Document document;
  document.Parse<rj::kParseIterativeFlag>(text.data(), text.size());
  if (document.HasParseError()) {  // check_syntax accepted it, so only running out of memory gets here
    return Error{ErrorKind::Decode, "", rj::GetParseError_En(document.GetParseError())};
  }
  DecodeScope scope(nullptr);
  try {
    JsonReader ar(document);
    std::int64_t version = 0;
    field(ar, "protocol_version", version);
    if (version != protocol::kProtocolVersion) {
      return Error{ErrorKind::Decode, "protocol_version",
                   "protocol version " + std::to_string(version) + " is not supported; this client speaks " +
                       std::to_string(protocol::kProtocolVersion)};
    }
    if (type) {
      std::string actual;
      field(ar, "type", actual);
      if (actual != type) {
        return Error{ErrorKind::Decode, "type",
                     std::string("expected \"") + type + "\", got " + quoted_excerpt(actual)};
      }
    }
    load(ar);
    return std::nullopt;
  } catch (const DecodeFailure& failure) {
    return Error{ErrorKind::Decode, render_path(t_decode.path), failure.message};
  } catch (const std::exception& e) {
    return Error{ErrorKind::Decode, render_path(t_decode.path), e.what()};
  }
}

}  // namespace detail

namespace {

constexpr std::pair<ErrorKind, const char*> kErrorKindCodes[] = {
    {ErrorKind::Network, "network"},       {ErrorKind::Auth, "auth"},         {ErrorKind::Forbidden, "forbidden"},
    {ErrorKind::Validation, "validation"}, {ErrorKind::Conflict, "conflict"}, {ErrorKind::Server, "server"},
    {ErrorKind::Decode, "decode"},         {ErrorKind::Overflow, "overflow"}, {ErrorKind::NotFound, "not_found"}};

}  // namespace

int http_status_for(ErrorKind kind) {
  switch (kind) {
    case ErrorKind::Validation:
    case ErrorKind::Decode:
    case ErrorKind::Overflow:
      return 400;
    case ErrorKind::Auth:
      return 401;
    case ErrorKind::Forbidden:
      return 403;
    case ErrorKind::NotFound:
      return 404;
    case ErrorKind::Conflict:
      return 409;
    case ErrorKind::Network:
    case ErrorKind::Server:
      break;
  }
  return 500;
}

const char* error_kind_code(ErrorKind kind) {
  for (const auto& [value, code] : kErrorKindCodes)
    if (value == kind) return code;
  return "server";
}

std::optional<ErrorKind> error_kind_from_code(const std::string& code) {
  for (const auto& [value, known] : kErrorKindCodes)
    if (code == known) return value;
  return std::nullopt;
}

std::string encode_error(const WireError& error) {
  return detail::encode_json_envelope(nullptr,
                                      [&](auto& ar) { detail::field(ar, "error", const_cast<WireError&>(error)); });
}

std::string encode_error(const Error& error) {
  WireError wire{error_kind_code(error.kind), error.message, error.fields};
  if (wire.fields.empty() && !error.field.empty()) wire.fields.push_back({error.field, "invalid", error.message});
  return encode_error(wire);
}

Result<WireError> decode_error(std::string_view text) {
  WireError error;
  if (auto failure =
          detail::decode_json_envelope(text, nullptr, [&](auto& ar) { detail::field(ar, "error", error); })) {
    return *failure;
  }
  return error;
}

Error to_error(const WireError& error) {
  return Error{error_kind_from_code(error.kind).value_or(ErrorKind::Server),
               error.fields.empty() ? "" : error.fields.front().field, error.message, error.fields};
}

#define B2B_INSTANTIATE_JSON(T)                        \
  template const char* wire_type_name<T>();            \
  template std::string encode_json<T>(const T& value); \
  template Result<T> decode_json<T>(std::string_view text);
B2B_WIRE_TYPES(B2B_INSTANTIATE_JSON)

}  // namespace b2b::wire
