// The JSON envelope around cereal: syntax and size checks before cereal sees the text, and the
// translation of whatever cereal throws into an Error that names the field.
// clang-format off
#include "cereal_types.hpp"  // first: it picks the rapidjson namespace
// clang-format on

#include <rapidjson/document.h>
#include <rapidjson/error/en.h>
#include <rapidjson/memorystream.h>
#include <rapidjson/reader.h>

#include <cmath>
#include <sstream>

#include "b2b/protocol/health.hpp"

namespace b2b::wire {
namespace detail {
namespace {

namespace rj = RAPIDJSON_NAMESPACE;

// Counts nesting so a deep document is refused before cereal's recursive parse could overflow the stack.
struct DepthLimit : rj::BaseReaderHandler<rj::UTF8<>, DepthLimit> {
  int depth = 0;
  bool StartObject() { return ++depth <= kMaxJsonDepth; }
  bool EndObject(rj::SizeType) { return --depth, true; }
  bool StartArray() { return ++depth <= kMaxJsonDepth; }
  bool EndArray(rj::SizeType) { return --depth, true; }
};

// cereal parses without reporting errors or their offset, so the text is checked first (without
// building a document): strict JSON, valid UTF-8, bounded nesting.
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

std::optional<std::string> mismatch(const rj::Value& value, const PathStep& expected) {
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

// cereal says only "IsString()" or "not found", not where: walk the failing path through the document
// to the first value that is not what the decoder expected there.
std::optional<Error> locate_mismatch(std::string_view text, const std::vector<PathStep>& path) {
  rj::Document document;
  document.Parse<rj::kParseIterativeFlag>(text.data(), text.size());
  if (document.HasParseError()) return std::nullopt;
  const rj::Value* value = &document;
  PathStep expected{nullptr, 0, Kind::Object, false};  // the envelope
  for (std::size_t depth = 0;; ++depth) {
    const std::string where = render_path({path.begin(), path.begin() + static_cast<std::ptrdiff_t>(depth)});
    if (const auto problem = mismatch(*value, expected)) return Error{ErrorKind::Decode, where, *problem};
    if (depth == path.size()) return std::nullopt;
    const PathStep& step = path[depth];
    if (step.name) {
      const auto member = value->FindMember(step.name);
      if (member == value->MemberEnd()) {
        return Error{ErrorKind::Decode,
                     render_path({path.begin(), path.begin() + static_cast<std::ptrdiff_t>(depth) + 1}), "missing"};
      }
      value = &member->value;
    } else {
      if (step.index >= value->Size()) return std::nullopt;
      value = &(*value)[static_cast<rj::SizeType>(step.index)];
    }
    expected = step;
  }
}

// The fallback when the walk finds nothing: rapidjson's assertion text, e.g. "IsString()".
std::string describe_cereal_error(const char* what) {
  static const std::pair<const char*, const char*> kMessages[] = {
      {"IsString", "expected string"}, {"IsBool", "expected boolean"}, {"IsObject", "expected object"},
      {"IsArray", "expected array"},   {"Int", "expected integer"},    {"not found", "missing"}};
  for (const auto& [needle, message] : kMessages)
    if (std::strstr(what, needle)) return message;
  return what;
}

// cereal writes through rapidjson's PrettyWriter, which puts every value on its own line even with
// no indent; the wire carries compact JSON. Whitespace outside strings is only formatting.
std::string compact(const std::string& pretty) {
  std::string out;
  out.reserve(pretty.size());
  bool in_string = false;
  bool escaped = false;
  for (const char c : pretty) {
    if (in_string) {
      if (escaped) {
        escaped = false;
      } else if (c == '\\') {
        escaped = true;
      } else if (c == '"') {
        in_string = false;
      }
    } else if (c == ' ' || c == '\n') {
      continue;
    } else if (c == '"') {
      in_string = true;
    }
    out += c;
  }
  return out;
}

}  // namespace

std::string encode_json_envelope(const char* type, const std::function<void(cereal::JSONOutputArchive&)>& save) {
  std::ostringstream out;
  {
    cereal::JSONOutputArchive ar(out, cereal::JSONOutputArchive::Options::NoIndent());
    std::int64_t version = protocol::kProtocolVersion;
    field(ar, "protocol_version", version);
    if (type) {
      std::string name = type;
      field(ar, "type", name);
    }
    save(ar);
  }  // the archive closes the root object when it goes
  return compact(out.str());
}

std::optional<Error> decode_json_envelope(std::string_view text, const char* type,
                                          const std::function<void(cereal::JSONInputArchive&)>& load) {
  if (auto error = check_syntax(text)) return error;
  DecodeScope scope(nullptr);
  try {
    ViewBuf buffer(text);
    std::istream stream(&buffer);
    cereal::JSONInputArchive ar(stream);
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
  } catch (const cereal::Exception& e) {
    if (auto located = locate_mismatch(text, t_decode.path)) return located;
    return Error{ErrorKind::Decode, render_path(t_decode.path), describe_cereal_error(e.what())};
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
