// The Vendure Shop API adapter against answers recorded from a real Vendure 3.7.3 (tests/fixtures/vendure,
// written by tests/shops/vendure/record.mjs): requests it builds, domain values and errors it parses.
#include <doctest/doctest.h>
#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "b2b/backend/vendure_shop_api.hpp"
#include "wire_samples.hpp"

using namespace b2b;
using namespace b2b::backend;

namespace {

// The recorded response of a fixture as the transport would hand it over.
HttpResponse recorded_response(const std::string& name) {
  const std::string text = wire_samples::read_fixture("vendure/" + name + ".json");
  rapidjson::Document doc;
  doc.Parse(text.c_str());
  REQUIRE_MESSAGE(doc.IsObject(), "fixture vendure/" << name << " is not JSON");
  const auto& response = doc["response"];
  HttpResponse result;
  result.status = response["status"].GetInt();
  for (const auto& header : response["headers"].GetObject())
    result.headers.emplace_back(header.name.GetString(), header.value.GetString());
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
  response["body"].Accept(writer);
  result.body = buffer.GetString();
  return result;
}

rapidjson::Document json_of(const std::string& text) {
  rapidjson::Document doc;
  doc.Parse(text.c_str());
  REQUIRE(doc.IsObject());
  return doc;
}

const VendureShopApi api;

}  // namespace

TEST_CASE("Vendure: requests are GraphQL POSTs to the Shop API with the bearer token and channel") {
  const auto request = api.login_request({"kupiec1@budmax.pl", "haslo \"1\""});
  CHECK(request.method == "POST");
  CHECK(request.path == "/shop-api");
  CHECK(header_value(request.headers, "Content-Type") == "application/json");
  CHECK(header_value(request.headers, "Authorization").empty());
  const auto body = json_of(request.body);
  CHECK(std::string(body["query"].GetString()).find("login(username: $u, password: $p)") != std::string::npos);
  CHECK(std::string(body["variables"]["p"].GetString()) == "haslo \"1\"");

  SUBCASE("signed in, on a channel") {
    const VendureShopApi channel_api(VendureConfig{"/shop-api", "pl-channel"});
    const auto orders = channel_api.list_orders_request("tok");
    CHECK(header_value(orders.headers, "Authorization") == "Bearer tok");
    CHECK(header_value(orders.headers, "vendure-token") == "pl-channel");
  }
}

TEST_CASE("Vendure: sign-in takes the session token from the vendure-auth-token header") {
  const auto session = api.parse_login(recorded_response("06-login"));
  REQUIRE_MESSAGE(session.ok(), session.error().message);
  CHECK(session.value().token == "<token>");
  CHECK(session.value().user.email == "kupiec1@budmax.pl");

  SUBCASE("a wrong password is an Auth error with Vendure's code") {
    const auto wrong = api.parse_login(recorded_response("05-login-wrong-password"));
    REQUIRE_FALSE(wrong.ok());
    CHECK(wrong.error().kind == ErrorKind::Auth);
    CHECK(wrong.error().message.find("INVALID_CREDENTIALS_ERROR") != std::string::npos);
  }
  SUBCASE("an answer without the token header names the header") {
    auto response = recorded_response("06-login");
    response.headers.clear();
    const auto missing = api.parse_login(response);
    REQUIRE_FALSE(missing.ok());
    CHECK(missing.error().field == "vendure-auth-token");
  }
}

TEST_CASE("Vendure: the catalog comes in pages of products with net prices and VAT") {
  CatalogRequest first;
  first.limit = 5;
  const auto request = json_of(api.catalog_request("", first).body);
  CHECK(request["variables"]["skip"].GetInt() == 0);
  CHECK(request["variables"]["take"].GetInt() == 5);

  const auto page = api.parse_catalog(first, recorded_response("02-products-page"));
  REQUIRE_MESSAGE(page.ok(), page.error().field << ": " << page.error().message);
  CHECK(page.value().total_products == 54);
  REQUIRE(page.value().page.products.size() == page.value().prices.size());
  REQUIRE(page.value().page.products.size() > 5);  // 5 products, one entry per variant
  const auto& laptop = page.value().page.products.front();
  CHECK(laptop.sku == "L2201308");
  CHECK(laptop.name.en == "Laptop 13 inch 8GB");
  CHECK(laptop.vat == VatRate::Standard23);
  CHECK(laptop.stock > 0);
  CHECK(page.value().prices.front().sku == "L2201308");
  CHECK(page.value().prices.front().unit_net_minor == 129900);
  CHECK(page.value().page.next_cursor == "5");

  SUBCASE("the last page has no next cursor") {
    CatalogRequest last;
    last.cursor = "50";
    const auto body = json_of(api.catalog_request("", last).body);
    CHECK(body["variables"]["skip"].GetInt() == 50);
    CHECK(body["variables"]["take"].GetInt() == kVendureMaxPage);
    const auto end = api.parse_catalog(last, recorded_response("03-products-last-page"));
    REQUIRE(end.ok());
    CHECK(end.value().page.next_cursor.empty());
  }
  SUBCASE("a page over Vendure's limit is a Validation error") {
    const auto refused = api.parse_catalog(first, recorded_response("04-products-page-too-large"));
    REQUIRE_FALSE(refused.ok());
    CHECK(refused.error().kind == ErrorKind::Validation);
    CHECK(refused.error().message.find("100") != std::string::npos);
  }
  SUBCASE("a cursor that is not an offset is named") {
    CatalogRequest bad;
    bad.cursor = "abc";
    const auto refused = api.parse_catalog(bad, recorded_response("02-products-page"));
    REQUIRE_FALSE(refused.ok());
    CHECK(refused.error().field == "cursor");
  }
  SUBCASE("a tax rate that is not Polish VAT names the variant's field") {
    auto response = recorded_response("02-products-page");
    const auto at = response.body.find("\"value\":23");
    REQUIRE(at != std::string::npos);
    response.body.replace(at, 10, "\"value\":20");
    const auto refused = api.parse_catalog(first, response);
    REQUIRE_FALSE(refused.ok());
    CHECK(refused.error().kind == ErrorKind::Decode);
    CHECK(refused.error().field == "products.items[0].variants[0].taxRateApplied.value");
  }
}

TEST_CASE("Vendure: search finds variants by name") {
  const auto request = json_of(api.search_request("", {"laptop", 20}).body);
  CHECK(std::string(request["variables"]["term"].GetString()) == "laptop");
  const auto found = api.parse_search(recorded_response("01-search"));
  REQUIRE(found.ok());
  REQUIRE_FALSE(found.value().empty());
  for (const auto& product : found.value()) CHECK(product.name.en.find("Laptop") != std::string::npos);
}

TEST_CASE("Vendure: a placed order reads as an order with its PO number, note, lines and totals") {
  const auto order = api.parse_order(recorded_response("22-order-by-code"));
  REQUIRE_MESSAGE(order.ok(), order.error().field << ": " << order.error().message);
  const auto& placed = order.value();
  CHECK(placed.status == OrderStatus::Placed);
  CHECK(placed.checkout.po_number == "PO-2026-0042");
  CHECK(placed.checkout.note == "Dostawa na budowę, brama 3");
  REQUIRE(placed.lines.size() == 2);
  Money lines_net{0, Currency::PLN};
  for (const auto& line : placed.lines) {
    CHECK(line.net.minor == line.unit_net.minor * line.quantity);
    CHECK(line.gross.minor == line.net.minor + line.vat_amount.minor);
    lines_net.minor += line.net.minor;
  }
  CHECK(placed.totals.gross.minor == placed.totals.net.minor + placed.totals.vat.minor);
  CHECK(placed.totals.net.minor >= lines_net.minor);  // shipping is on top of the lines

  SUBCASE("an unknown code is NotFound, though Vendure says FORBIDDEN") {
    const auto missing = api.parse_order(recorded_response("23-order-by-unknown-code"));
    REQUIRE_FALSE(missing.ok());
    CHECK(missing.error().kind == ErrorKind::NotFound);
  }
}

TEST_CASE("Vendure: order history lists the customer's placed orders with their PO numbers") {
  const auto orders = api.parse_list_orders(recorded_response("24-order-history"));
  REQUIRE_MESSAGE(orders.ok(), orders.error().field << ": " << orders.error().message);
  REQUIRE(orders.value().size() == 1);
  CHECK(orders.value()[0].checkout.po_number == "PO-2026-0042");
  CHECK(orders.value()[0].totals.gross.minor > 0);

  SUBCASE("without a session Vendure answers null, read as Auth") {
    const auto anonymous = api.parse_list_orders(recorded_response("27-anonymous-history"));
    REQUIRE_FALSE(anonymous.ok());
    CHECK(anonymous.error().kind == ErrorKind::Auth);
  }
}

TEST_CASE("Vendure: errors keep Vendure's code and say what failed") {
  SUBCASE("a GraphQL parse error is HTTP 400") {
    const auto broken = api.parse_search(recorded_response("28-graphql-syntax-error"));
    REQUIRE_FALSE(broken.ok());
    CHECK(broken.error().message.find("GRAPHQL_PARSE_FAILED") != std::string::npos);
  }
  SUBCASE("no answer at all is a Network error") {
    const auto offline = api.parse_search(HttpResponse{});
    REQUIRE_FALSE(offline.ok());
    CHECK(offline.error().kind == ErrorKind::Network);
  }
  SUBCASE("a proxy's HTML page is not taken for data") {
    const auto html = api.parse_search(HttpResponse{502, {}, "<html>Bad gateway</html>"});
    REQUIRE_FALSE(html.ok());
    CHECK(html.error().kind == ErrorKind::Server);
  }
}

TEST_CASE("Vendure: the adapter says what the backend cannot do") {
  const auto capabilities = api.capabilities();
  CHECK(capabilities.po_number);
  CHECK_FALSE(capabilities.approvals);
  CHECK_FALSE(capabilities.saved_carts);
  CHECK_FALSE(capabilities.company_price_lists);
  CHECK_FALSE(capabilities.quotes);
  CHECK_FALSE(capabilities.idempotent_orders);
}
