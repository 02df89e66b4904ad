// The binary record around the binary archives (archives.hpp): the header checks, and the translation
// of truncated or corrupt input into an Error instead of an exception.
#include <cstring>

#include "cereal_types.hpp"

namespace b2b::wire {
namespace detail {
namespace {

// The byte-order flag cereal's portable binary archive wrote before the fields (format version 1 was
// written by it); every record is little-endian.
constexpr std::uint8_t kLittleEndianFlag = 1;

Error decode_error_at(std::string field, std::string message) {
  return Error{ErrorKind::Decode, std::move(field), std::move(message)};
}

}  // namespace

std::string encode_binary_record(const char* type, const std::function<void(BinaryWriter&)>& save) {
  std::string out(kBinaryMagic, sizeof kBinaryMagic);
  BinaryWriter ar(out);
  ar.integer(kBinaryFormatVersion);
  const std::size_t type_size = std::strlen(type);
  ar.integer(static_cast<std::uint8_t>(type_size));
  ar.bytes(type, type_size);
  ar.integer(kLittleEndianFlag);
  save(ar);
  return out;
}

std::optional<Error> decode_binary_record(std::string_view bytes, const char* type,
                                          const std::function<void(BinaryReader&)>& load) {
  if (bytes.size() < sizeof kBinaryMagic || bytes.compare(0, sizeof kBinaryMagic, kBinaryMagic, sizeof kBinaryMagic)) {
    return decode_error_at("", "not a B2B binary record (no \"B2BS\" at the start)");
  }
  constexpr std::size_t kFixedHeader = sizeof kBinaryMagic + 4 + 1;  // magic, version, type size
  if (bytes.size() < kFixedHeader) return decode_error_at("", "truncated header");
  std::uint32_t version = 0;
  for (std::size_t i = 4; i-- > 0;) version = version << 8 | static_cast<std::uint8_t>(bytes[sizeof kBinaryMagic + i]);
  if (version != kBinaryFormatVersion) {
    return decode_error_at("format_version", "binary format version " + std::to_string(version) +
                                                 " is not supported; this build reads " +
                                                 std::to_string(kBinaryFormatVersion));
  }
  const std::size_t type_size = static_cast<std::uint8_t>(bytes[kFixedHeader - 1]);
  if (bytes.size() < kFixedHeader + type_size + 1) return decode_error_at("", "truncated header");
  const std::string_view actual_type = bytes.substr(kFixedHeader, type_size);
  if (actual_type != type) {
    return decode_error_at("type",
                           std::string("expected \"") + type + "\", got " + quoted_excerpt(std::string(actual_type)));
  }
  const std::string_view payload = bytes.substr(kFixedHeader + type_size);
  if (static_cast<std::uint8_t>(payload[0]) != kLittleEndianFlag)
    return decode_error_at("", "unsupported byte order flag");

  BinaryReader ar(payload.substr(1));
  DecodeScope scope(&ar);
  try {
    load(ar);
  } catch (const DecodeFailure& failure) {
    return decode_error_at(render_path(t_decode.path), failure.message);
  } catch (const std::exception& e) {
    return decode_error_at(render_path(t_decode.path), e.what());
  }
  if (ar.remaining()) return decode_error_at("", std::to_string(ar.remaining()) + " unexpected bytes after the record");
  return std::nullopt;
}

}  // namespace detail

#define B2B_INSTANTIATE_BINARY(T)                        \
  template std::string encode_binary<T>(const T& value); \
  template Result<T> decode_binary<T>(std::string_view bytes);
B2B_WIRE_TYPES(B2B_INSTANTIATE_BINARY)

}  // namespace b2b::wire
