// A compact binary encoding of the domain values the client keeps on the device (carts, orders,
// catalog, prices); the same bytes on wasm32 and x86_64.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>

#include "b2b/result.hpp"
#include "b2b/wire/json.hpp"

namespace b2b::wire {

// Layout: "B2BS", format version (uint32 little-endian), type name (uint8 length + the
// wire_type_name bytes), cereal's byte-order flag (1: little-endian), then the fields in
// declaration order: integers int64, bools one byte, strings and lists a uint32 count first,
// enums as their code strings, optionals a presence byte first. All little-endian.
inline constexpr char kBinaryMagic[4] = {'B', '2', 'B', 'S'};
inline constexpr std::uint32_t kBinaryFormatVersion = 1;

// Instantiated for every type in B2B_WIRE_TYPES.
template <typename T>
std::string encode_binary(const T& value);
// Errors (ErrorKind::Decode): another magic, version or type, truncated or corrupt records, and
// trailing bytes; the field path is relative to the record, e.g. "lines[2].note".
template <typename T>
Result<T> decode_binary(std::string_view bytes);

}  // namespace b2b::wire
