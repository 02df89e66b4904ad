// 64-bit FNV-1a: a few lines, no table, the same result everywhere.
#include "b2b/digest.hpp"

#include <cstdint>

namespace b2b {

std::string stable_digest_hex(std::string_view bytes) {
  std::uint64_t hash = 0xcbf29ce484222325ull;
  for (const char byte : bytes) {
    hash ^= static_cast<unsigned char>(byte);
    hash *= 0x100000001b3ull;
  }
  static const char kHex[] = "0123456789abcdef";
  std::string hex(16, '0');
  for (int i = 15; i >= 0; --i, hash >>= 4) hex[static_cast<std::size_t>(i)] = kHex[hash & 0xf];
  return hex;
}

}  // namespace b2b
