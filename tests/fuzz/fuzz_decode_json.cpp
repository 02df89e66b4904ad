// libFuzzer target: every JSON decoder turns any input into a value or an Error (no crash, leak or
// undefined behaviour), and whatever decodes re-encodes to text that decodes to the same text again.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "b2b/wire/protocol.hpp"

namespace {

template <typename Decode, typename Encode>
void check_stable(std::string_view text, Decode decode, Encode encode) {
  const auto decoded = decode(text);
  if (!decoded.ok()) return;
  const std::string once = encode(decoded.value());
  if (once.size() > b2b::wire::kMaxJsonBytes) return;  // defaults for absent fields can grow a body past the limit
  const auto again = decode(once);
  if (!again.ok() || encode(again.value()) != once) std::abort();
}

template <typename T>
void check_type(std::string_view text) {
  check_stable(
      text, [](std::string_view in) { return b2b::wire::decode_json<T>(in); },
      [](const T& value) { return b2b::wire::encode_json(value); });
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
#define B2B_FUZZ_TYPE(T) check_type<T>(text);
  B2B_WIRE_TYPES(B2B_FUZZ_TYPE)
  B2B_PROTOCOL_TYPES(B2B_FUZZ_TYPE)
#undef B2B_FUZZ_TYPE
  check_stable(
      text, [](std::string_view in) { return b2b::wire::decode_error(in); },
      [](const b2b::wire::WireError& error) { return b2b::wire::encode_error(error); });
  return 0;
}
