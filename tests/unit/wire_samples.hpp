// Sample values of every wire type for the JSON and binary wire tests, taken from the golden fixtures.
#pragma once
#include <doctest/doctest.h>
#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "b2b/http.hpp"
#include "b2b/wire/json.hpp"

namespace wire_samples {

inline std::string read_fixture(const std::string& name) {
  std::ifstream file(std::string(B2B_FIXTURES_DIR) + "/" + name, std::ios::binary);
  REQUIRE_MESSAGE(file.good(), "cannot read fixture " << name);
  std::ostringstream text;
  text << file.rdbuf();
  return text.str();
}

// The response recorded from a real shop (tests/fixtures/<shop>/NAME.json, {step, name, request, response})
// as the transport would hand it over; path is e.g. "vendure/login".
inline b2b::HttpResponse recorded_response(const std::string& path) {
  const std::string text = read_fixture(path + ".json");
  rapidjson::Document doc;
  doc.Parse(text.c_str());
  REQUIRE_MESSAGE(doc.IsObject(), "fixture " << path << " is not JSON");
  const auto& response = doc["response"];
  b2b::HttpResponse result;
  result.status = response["status"].GetInt();
  for (const auto& header : response["headers"].GetObject())
    result.headers.emplace_back(header.name.GetString(), header.value.GetString());
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
  response["body"].Accept(writer);
  result.body = buffer.GetString();
  return result;
}

template <typename T>
T decode_fixture(const std::string& name) {
  const auto decoded = b2b::wire::decode_json<T>(read_fixture(name));
  REQUIRE_MESSAGE(decoded.ok(), name << ": " << decoded.error().field << ": " << decoded.error().message);
  return decoded.value();
}

struct Samples {
  b2b::Product product = decode_fixture<b2b::Product>("product.json");
  b2b::PriceList price_list = decode_fixture<b2b::PriceList>("price_list.json");
  b2b::Company company = decode_fixture<b2b::Company>("company.json");
  b2b::User user = decode_fixture<b2b::User>("user.json");
  b2b::Cart cart = decode_fixture<b2b::Cart>("cart.json");
  std::vector<b2b::Cart> carts = decode_fixture<std::vector<b2b::Cart>>("carts.json");
  b2b::CheckoutFields checkout = decode_fixture<b2b::CheckoutFields>("checkout.json");
  b2b::Order order = decode_fixture<b2b::Order>("order.json");
};

// Calls check(value) with a realistic value of every type in B2B_WIRE_TYPES.
template <typename Check>
void for_each_sample(Check&& check) {
  const Samples s;
  check(s.product);
  check(s.product.name);
  check(s.price_list);
  check(s.price_list.entries.at(0));
  check(s.price_list.entries.at(0).tiers.at(1));
  check(s.company);
  check(s.company.addresses.at(1));
  check(s.user);
  check(s.cart);
  check(s.cart.lines.at(1));
  check(s.checkout);
  check(s.order.lines.at(1));
  check(s.order.totals);
  check(s.order.history.at(1));
  check(s.order);
  check(s.order.totals.gross);
  check(std::vector<b2b::Product>{s.product, s.product});
  check(std::vector<b2b::PriceList>{s.price_list});
  check(std::vector<b2b::Company>{s.company});
  check(std::vector<b2b::User>{s.user, s.user});
  check(s.carts);
  check(std::vector<b2b::Order>{s.order, b2b::Order{}});
}

}  // namespace wire_samples
