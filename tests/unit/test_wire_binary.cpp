// The binary format for data kept on the device: every type round-trips, the bytes are pinned
// (identical on wasm32 and x86_64), and damaged records are errors, never crashes or huge allocations.
#include <doctest/doctest.h>

#include "b2b/wire/binary.hpp"
#include "b2b/wire/json.hpp"
#include "wire_samples.hpp"

using namespace b2b;
using namespace b2b::wire;

namespace {

std::string bytes(std::initializer_list<int> values) {
  std::string out;
  for (int value : values) out += static_cast<char>(value);
  return out;
}

// A record header for `type` followed by cereal's little-endian flag.
std::string header(const std::string& type) {
  return "B2BS" + bytes({1, 0, 0, 0, static_cast<int>(type.size())}) + type + bytes({1});
}

template <typename T>
Error decode_failure(const std::string& record) {
  const auto decoded = decode_binary<T>(record);
  REQUIRE_MESSAGE(!decoded.ok(), "decoded a damaged record");
  CHECK(decoded.error().kind == ErrorKind::Decode);
  return decoded.error();
}

}  // namespace

TEST_CASE("every wire type round-trips through the binary format") {
  const auto check = [](const auto& value) {
    using T = std::decay_t<decltype(value)>;
    const auto decoded = decode_binary<T>(encode_binary(value));
    REQUIRE_MESSAGE(decoded.ok(), decoded.error().field << ": " << decoded.error().message);
    CHECK(encode_json(decoded.value()) == encode_json(value));  // JSON shows every field
  };
  SUBCASE("realistic values") { wire_samples::for_each_sample(check); }
  SUBCASE("default values") {
#define B2B_CHECK_DEFAULT(T) check(T{});
    B2B_WIRE_TYPES(B2B_CHECK_DEFAULT)
#undef B2B_CHECK_DEFAULT
  }
  SUBCASE("an absent and a present requested_delivery") {
    CheckoutFields checkout;
    CHECK_FALSE(decode_binary<CheckoutFields>(encode_binary(checkout)).value().requested_delivery.has_value());
    checkout.requested_delivery = Date{2026, 12, 3};
    CHECK(decode_binary<CheckoutFields>(encode_binary(checkout)).value().requested_delivery == Date{2026, 12, 3});
  }
}

TEST_CASE("the bytes are pinned: the same on every platform") {
  SUBCASE("money") {
    CHECK(encode_binary(Money{123456, Currency::PLN}) ==
          header("money") + bytes({0x40, 0xE2, 0x01, 0, 0, 0, 0, 0, 3, 0, 0, 0}) + "PLN");
  }
  SUBCASE("a cart line with a Polish note") {
    CHECK(encode_binary(CartLine{"A-1", -2, "żółw"}) == header("cart_line") + bytes({3, 0, 0, 0}) + "A-1" +
                                                            bytes({0xFE, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF}) +
                                                            bytes({7, 0, 0, 0}) + "żółw");
  }
  SUBCASE("booleans are one byte, optionals have a presence byte") {
    PriceTier tier{10, 99};
    CHECK(encode_binary(tier).size() == header("price_tier").size() + 16);
    CheckoutFields checkout;
    checkout.ship_to_address_id = "a";
    // po_number, cost_centre: empty; requested_delivery: absent; note: empty; ship_to_address_id: "a"
    CHECK(encode_binary(checkout) ==
          header("checkout") + bytes({0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0}) + "a");
  }
}

TEST_CASE("another magic, version or type is refused") {
  const std::string record = encode_binary(Cart{"c-1", "Dach", "u-1", {{"A", 1, ""}}, 2, ""});
  SUBCASE("magic") {
    CHECK(decode_failure<Cart>("B2BX" + record.substr(4)).message.find("not a B2B binary record") != std::string::npos);
    CHECK(decode_failure<Cart>("").message.find("not a B2B binary record") != std::string::npos);
    CHECK(decode_failure<Cart>(R"({"protocol_version":1})").message.find("not a B2B binary record") !=
          std::string::npos);
  }
  SUBCASE("version") {
    std::string newer = record;
    newer[4] = 2;
    const Error error = decode_failure<Cart>(newer);
    CHECK(error.field == "format_version");
    CHECK(error.message == "binary format version 2 is not supported; this build reads 1");
  }
  SUBCASE("type") {
    const Error error = decode_failure<Order>(record);
    CHECK(error.field == "type");
    CHECK(error.message == R"(expected "order", got "cart")");
    CHECK(decode_failure<std::vector<Cart>>(record).field == "type");
  }
  SUBCASE("byte order flag") {
    std::string big_endian = record;
    big_endian[header("cart").size() - 1] = 0;
    CHECK(decode_failure<Cart>(big_endian).message == "unsupported byte order flag");
  }
}

TEST_CASE("damaged records are errors, never crashes") {
  const wire_samples::Samples samples;
  const std::string record = encode_binary(samples.order);
  SUBCASE("every truncation") {
    for (std::size_t size = 0; size < record.size(); ++size) {
      CAPTURE(size);
      decode_failure<Order>(record.substr(0, size));
    }
    const Error error = decode_failure<Order>(record.substr(0, record.size() - 3));
    CHECK(error.field == "history[1].comment");
  }
  SUBCASE("every single-byte corruption decodes or fails cleanly") {
    for (std::size_t at = 0; at < record.size(); ++at) {
      for (const int flip : {0x01, 0x80, 0xFF}) {
        std::string damaged = record;
        damaged[at] = static_cast<char>(damaged[at] ^ flip);
        const auto decoded = decode_binary<Order>(damaged);
        if (!decoded.ok()) CHECK(decoded.error().kind == ErrorKind::Decode);
      }
    }
  }
  SUBCASE("trailing bytes") {
    CHECK(decode_failure<Order>(record + "x").message == "1 unexpected bytes after the record");
  }
}

TEST_CASE("length prefixes are checked against the bytes left before anything is allocated") {
  SUBCASE("a 4 GiB string") {
    const Error error = decode_failure<Cart>(header("cart") + bytes({0xFF, 0xFF, 0xFF, 0xFF}) + "abc");
    CHECK(error.field == "id");
    CHECK(error.message == "length 4294967295 exceeds the 3 bytes left");
  }
  SUBCASE("a list of four billion orders") {
    const Error error = decode_failure<std::vector<Order>>(header("orders") + bytes({0xFF, 0xFF, 0xFF, 0xFF}));
    CHECK(error.field.empty());
    CHECK(error.message == "length 4294967295 exceeds the 0 bytes left");
  }
}

TEST_CASE("corrupt values inside a record name the field") {
  SUBCASE("a boolean byte other than 0 or 1") {
    Product product;
    const std::string record = encode_binary(product);
    std::string damaged = record;
    damaged.back() = 2;  // active is the last field
    const Error error = decode_failure<Product>(damaged);
    CHECK(error.field == "active");
    CHECK(error.message == "invalid boolean byte 2");
  }
  SUBCASE("an unknown enum code") {
    std::string record = encode_binary(Money{1, Currency::EUR});
    record.replace(record.size() - 3, 3, "USD");
    const Error error = decode_failure<Money>(record);
    CHECK(error.field == "currency");
    CHECK(error.message == R"(unknown currency code "USD")");
  }
}
