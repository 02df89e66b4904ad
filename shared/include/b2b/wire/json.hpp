// The JSON wire format (docs/protocol.md): every domain value travels in a versioned envelope
// {"protocol_version":1,"type":"cart","data":{...}}, and failures in {"protocol_version":1,"error":{...}}.
#pragma once
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "b2b/domain.hpp"
#include "b2b/result.hpp"

// Every type the wire functions (JSON and binary) are instantiated for; tests and fuzzers apply X to each.
// clang-format off
#define B2B_WIRE_TYPES(X)                                                                        \
  X(b2b::Product) X(b2b::LocalizedText) X(b2b::PriceList) X(b2b::PriceListEntry) X(b2b::PriceTier) \
  X(b2b::Company) X(b2b::Address) X(b2b::User) X(b2b::Cart) X(b2b::CartLine) X(b2b::CheckoutFields) \
  X(b2b::PricedLine) X(b2b::Totals) X(b2b::StatusChange) X(b2b::Order) X(b2b::Money)               \
  X(std::vector<b2b::Product>) X(std::vector<b2b::PriceList>) X(std::vector<b2b::Company>)          \
  X(std::vector<b2b::User>) X(std::vector<b2b::Cart>) X(std::vector<b2b::Order>)
// clang-format on

namespace b2b::wire {

// A larger body is refused before parsing (the protocol's response limit).
inline constexpr std::size_t kMaxJsonBytes = 8u << 20;
// Deeper nesting is refused: no message nests more than a few levels, and parsing recurses.
inline constexpr int kMaxJsonDepth = 64;

// The envelope's "type": "product", "cart", "order", ...; lists are plural: "products", "carts".
template <typename T>
const char* wire_type_name();

// Fields a decoder accepts as absent (taking the default): Product.ean, Company.eu_vat_id, every
// note and comment, CheckoutFields.po_number, cost_centre and requested_delivery (also null).
// Unknown fields are ignored. Errors are ErrorKind::Decode with the field path, e.g.
// {"data.lines[3].quantity", "expected integer"}; syntax errors have an empty path.
template <typename T>
std::string encode_json(const T& value);
template <typename T>
Result<T> decode_json(std::string_view text);

// The body of an error envelope; kind stays a string so kinds a newer server adds still decode.
struct WireError {
  using Field = FieldError;
  std::string kind;  // error_kind_code(): "validation", "auth", "not_found", ...
  std::string message;
  std::vector<Field> fields;  // optional on the wire
};

const char* error_kind_code(ErrorKind kind);
// The HTTP status our protocol answers an error of this kind with (a body that did not decode is the
// sender's mistake: 400). Network has none: it is the absence of an answer.
int http_status_for(ErrorKind kind);
std::optional<ErrorKind> error_kind_from_code(const std::string& code);

// error.fields go on the wire as they are; an error with only error.field gets one entry, code "invalid".
std::string encode_error(const Error& error);
std::string encode_error(const WireError& error);
Result<WireError> decode_error(std::string_view text);
// The client's view of a decoded error: an unknown kind counts as Server, field is the first field's.
Error to_error(const WireError& error);

}  // namespace b2b::wire
