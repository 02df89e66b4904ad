// The binary record around cereal's PortableBinaryArchive: the header checks, and the translation
// of truncated or corrupt input into an Error instead of an exception.
// clang-format off
#include "cereal_types.hpp"  // first: it picks the rapidjson namespace
// clang-format on

#include <cstring>
#include <sstream>

namespace b2b::wire {
namespace detail {
namespace {

constexpr std::uint8_t kLittleEndianFlag = 1;  // cereal's byte-order flag, written by its output archive

Error decode_error_at(std::string field, std::string message) {
  return Error{ErrorKind::Decode, std::move(field), std::move(message)};
}

}  // namespace

std::string encode_binary_record(const char* type,
                                 const std::function<void(cereal::PortableBinaryOutputArchive&)>& save) {
  std::ostringstream out(std::ios::binary);
  out.write(kBinaryMagic, sizeof kBinaryMagic);
  for (int shift = 0; shift < 32; shift += 8) out.put(static_cast<char>((kBinaryFormatVersion >> shift) & 0xff));
  const std::size_t type_size = std::strlen(type);
  out.put(static_cast<char>(type_size));
  out.write(type, static_cast<std::streamsize>(type_size));
  {
    cereal::PortableBinaryOutputArchive ar(out, cereal::PortableBinaryOutputArchive::Options::LittleEndian());
    save(ar);
  }
  return out.str();
}

std::optional<Error> decode_binary_record(std::string_view bytes, const char* type,
                                          const std::function<void(cereal::PortableBinaryInputArchive&)>& load) {
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

  ViewBuf buffer(payload);
  std::istream stream(&buffer);
  DecodeScope scope(&buffer);
  try {
    cereal::PortableBinaryInputArchive ar(stream);
    load(ar);
  } catch (const DecodeFailure& failure) {
    return decode_error_at(render_path(t_decode.path), failure.message);
  } catch (const cereal::Exception&) {
    // The archive's only complaint: fewer bytes left than the value needs.
    return decode_error_at(render_path(t_decode.path), "truncated: the record ends inside this value");
  } catch (const std::exception& e) {
    return decode_error_at(render_path(t_decode.path), e.what());
  }
  if (buffer.remaining()) {
    return decode_error_at("", std::to_string(buffer.remaining()) + " unexpected bytes after the record");
  }
  return std::nullopt;
}

}  // namespace detail

#define B2B_INSTANTIATE_BINARY(T)                        \
  template std::string encode_binary<T>(const T& value); \
  template Result<T> decode_binary<T>(std::string_view bytes);
B2B_WIRE_TYPES(B2B_INSTANTIATE_BINARY)

}  // namespace b2b::wire
