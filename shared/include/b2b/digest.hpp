// A stable digest of bytes, for keys that must come out the same on every platform and build
// (std::hash differs between libstdc++ and libc++, and may change between their versions).
#pragma once
#include <string>
#include <string_view>

namespace b2b {

// 64-bit FNV-1a as 16 lower-case hex digits. Not cryptographic: it tells requests apart, it keeps no secret.
std::string stable_digest_hex(std::string_view bytes);

}  // namespace b2b
