// The Vendure adapter against a real Vendure 3.7.3 on loopback (tests/shops/vendure): the buyer's scenario
// over real HTTP, with the same sans-IO code the client runs, and the retry that must not order twice.
#include <doctest/doctest.h>

#include <algorithm>
#include <memory>
#include <string>

#include "api_support.hpp"
#include "b2b/backend/vendure_shop_api.hpp"
#include "native_http.hpp"

using namespace b2b;
using namespace b2b::backend;
using api::start_vendure;

namespace {

// Drives the checkout conversation over HTTP to its end.
Result<SubmitResult> place(const test_support::ServerMockProcess& shop, VendureCheckout& checkout) {
  for (int call = 0; call < 50; ++call) {
    if (auto over = checkout.answer(shop.send(checkout.request(), 30))) return *over;
  }
  FAIL("the checkout did not end in 50 calls");
  return Error{ErrorKind::Server, "", "unreachable"};
}

}  // namespace

TEST_CASE("Vendure live: a buyer signs in, pages the catalog, searches, orders with a PO number once") {
  const auto shop = start_vendure();
  const VendureShopApi api;

  const auto session = api.parse_login(shop->send(api.login_request({"kupiec1@budmax.pl", "haslo-buyer-1"})));
  REQUIRE_MESSAGE(session.ok(), session.error().field << ": " << session.error().message);
  const std::string token = session.value().token;

  SUBCASE("a wrong password is refused as Auth") {
    const auto refused = api.parse_login(shop->send(api.login_request({"kupiec1@budmax.pl", "nope"})));
    REQUIRE_FALSE(refused.ok());
    CHECK(refused.error().kind == ErrorKind::Auth);
  }

  // The whole catalog, page by page as a sync would read it.
  std::vector<std::pair<std::string, std::string>> variant_ids;
  std::vector<PriceListEntry> prices;
  CatalogRequest page_request;
  page_request.limit = 20;
  for (int pages = 0; pages < 20; ++pages) {
    const auto page = api.parse_catalog(page_request, shop->send(api.catalog_request(token, page_request)));
    REQUIRE_MESSAGE(page.ok(), page.error().field << ": " << page.error().message);
    variant_ids.insert(variant_ids.end(), page.value().variant_ids.begin(), page.value().variant_ids.end());
    prices.insert(prices.end(), page.value().prices.begin(), page.value().prices.end());
    if (page.value().page.next_cursor.empty()) break;
    page_request.cursor = page.value().page.next_cursor;
  }
  CHECK(variant_ids.size() == 88);  // the sample catalog's 54 products have 88 variants

  const auto found = api.parse_search(shop->send(api.search_request(token, {"laptop", 20})));
  REQUIRE(found.ok());
  REQUIRE(found.value().products.size() >= 2);

  VendureCheckoutInput input;
  input.submission.idempotency_key = "live-order-key-1";
  input.submission.lines = {{found.value().products[0].sku, 2, ""}, {found.value().products[1].sku, 1, ""}};
  input.submission.checkout.po_number = "PO-LIVE-7";
  input.submission.checkout.note = "Brama 3, po 7:00";
  input.ship_to = {"a1", "Budmax Sp. z o.o.", "ul. Budowlana 7", "30-001", "Kraków", "PL"};
  input.recipient = "Jan Kowalski";
  input.variant_ids = variant_ids;
  std::int64_t lines_gross = 0;  // what the buyer saw: net prices from the catalog plus 23% VAT per line
  for (const auto& line : input.submission.lines) {
    const auto price = std::find_if(prices.begin(), prices.end(), [&](const auto& p) { return p.sku == line.sku; });
    REQUIRE(price != prices.end());
    const std::int64_t net = price->unit_net_minor * line.quantity;
    lines_gross += net + (net * 23 + 50) / 100;
  }

  SUBCASE("placed, then a retry with the same key finds the same order, and history shows its PO") {
    VendureCheckout checkout(api, token, input);
    const auto placed = place(*shop, checkout);
    REQUIRE_MESSAGE(placed.ok(), placed.error().field << ": " << placed.error().message);
    REQUIRE(placed.value().outcome);
    const Order order = placed.value().outcome->order;
    CHECK_FALSE(placed.value().outcome->replayed);
    CHECK(order.checkout.po_number == "PO-LIVE-7");
    CHECK(order.lines.size() == 2);

    VendureCheckout retry(api, token, input);
    const auto replayed = place(*shop, retry);
    REQUIRE(replayed.ok());
    REQUIRE(replayed.value().outcome);
    CHECK(replayed.value().outcome->replayed);
    CHECK(replayed.value().outcome->order.number == order.number);

    const auto history = api.parse_list_orders(shop->send(api.list_orders_request(token)));
    REQUIRE(history.ok());
    REQUIRE(history.value().size() == 1);  // exactly once
    CHECK(history.value()[0].number == order.number);
    CHECK(history.value()[0].checkout.po_number == "PO-LIVE-7");

    const auto read_back = api.parse_order(shop->send(api.get_order_request(token, order.number)));
    REQUIRE(read_back.ok());
    CHECK(read_back.value().checkout.note == "Brama 3, po 7:00");

    REQUIRE(api.parse_logout(shop->send(api.logout_request(token))).ok());
    const auto signed_out = api.parse_list_orders(shop->send(api.list_orders_request(token)));
    REQUIRE_FALSE(signed_out.ok());
    CHECK(signed_out.error().kind == ErrorKind::Auth);
  }
  SUBCASE("the total the buyer saw is checked before payment") {
    input.submission.expected_gross_total = Money{lines_gross, Currency::PLN};
    VendureCheckout agreed(api, token, input);
    const auto placed = place(*shop, agreed);
    REQUIRE_MESSAGE(placed.ok(), placed.error().message);
    CHECK(placed.value().outcome);  // our VAT rounding per line agrees with Vendure's

    input.submission.idempotency_key = "live-order-key-2";
    input.submission.expected_gross_total = Money{lines_gross - 1, Currency::PLN};
    VendureCheckout stale(api, token, input);
    const auto repriced = place(*shop, stale);
    REQUIRE(repriced.ok());
    CHECK(repriced.value().repriced);
    CHECK_FALSE(repriced.value().outcome);
  }
}
