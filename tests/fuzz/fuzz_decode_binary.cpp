// libFuzzer target: every binary decoder (and the device state record) turns any bytes into a value or an Error (no
// crash, leak, undefined behaviour or huge allocation), and whatever decodes re-encodes to the same bytes again.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "b2b/device_state.hpp"
#include "b2b/wire/protocol.hpp"

namespace {

template <typename T>
void check_type(std::string_view bytes) {
  const auto decoded = b2b::wire::decode_binary<T>(bytes);
  if (!decoded.ok()) return;
  const std::string once = b2b::wire::encode_binary(decoded.value());
  const auto again = b2b::wire::decode_binary<T>(once);
  if (!again.ok() || b2b::wire::encode_binary(again.value()) != once) std::abort();
}

// The device state (v2, or v1 migrating): what decodes re-encodes as v2 to bytes that read back the same.
void check_device_state(std::string_view bytes) {
  const auto decoded = b2b::decode_device_state(bytes);
  if (!decoded.ok()) return;
  const std::string once = b2b::encode_device_state(decoded.value().value);
  const auto again = b2b::decode_device_state(once);
  if (!again.ok() || b2b::encode_device_state(again.value().value) != once) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
#define B2B_FUZZ_TYPE(T) check_type<T>(bytes);
  B2B_WIRE_TYPES(B2B_FUZZ_TYPE)
  check_type<b2b::backend::Session>(bytes);
  check_type<b2b::backend::OrderSubmission>(bytes);
  check_device_state(bytes);
#undef B2B_FUZZ_TYPE
  return 0;
}
