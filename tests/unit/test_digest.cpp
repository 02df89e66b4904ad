// The stable digest behind request keys: FNV-1a's published values, so native and wasm builds agree.
#include <doctest/doctest.h>

#include "b2b/digest.hpp"

TEST_CASE("stable_digest_hex is 64-bit FNV-1a as 16 hex digits") {
  CHECK(b2b::stable_digest_hex("") == "cbf29ce484222325");
  CHECK(b2b::stable_digest_hex("a") == "af63dc4c8601ec8c");
  CHECK(b2b::stable_digest_hex("foobar") == "85944171f73967e8");
  CHECK(b2b::stable_digest_hex("Łącznik") != b2b::stable_digest_hex("Lacznik"));  // bytes, not folded text
}
