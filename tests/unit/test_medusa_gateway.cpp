// The Medusa gateway: our protocol's requests in, Store API calls out (answered here with responses recorded
// from a real Medusa, tests/fixtures/medusa), and our protocol's answers back, read by OwnProtocol.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "b2b/backend/backends.hpp"
#include "b2b/backend/medusa_gateway.hpp"
#include "b2b/backend/own_protocol.hpp"
#include "b2b/protocol/health.hpp"
#include "scripted_shop.hpp"
#include "wire_samples.hpp"

using namespace b2b;
using namespace b2b::backend;

namespace {

MedusaConfig keyed() {
  MedusaConfig config;
  config.publishable_key = "pk_test";
  return config;
}

const MedusaGateway gateway(keyed());
const OwnProtocol own(gateway.capabilities());

HttpResponse recorded(const std::string& name) { return wire_samples::recorded_response("medusa/" + name); }

// The customer's address id in the recorded answers: a placed order must name it.
std::string recorded_address_id() {
  const auto customer = MedusaStoreApi(keyed()).parse_customer(recorded("customer"));
  REQUIRE(customer.ok());
  return customer.value().addresses.at(0).id;
}

OrderSubmission recorded_submission() {
  OrderSubmission submission;
  submission.idempotency_key = "7f1c2a90-order-key-0001";
  submission.lines = {{"MED-CEM-25", 2, ""}, {"MED-RURA-110", 3, ""}};
  submission.checkout.po_number = "PO-2026-0042";
  submission.checkout.note = "Dostawa na budowę, brama 3";
  submission.checkout.ship_to_address_id = recorded_address_id();
  return submission;
}

// The two SKUs of the recorded order, as a lookup finds them (from the recorded catalog page).
HttpResponse ordered_variants() { return recorded("products-company-prices"); }

}  // namespace

TEST_CASE("Medusa gateway: the backend kind picks it, and it needs the publishable key") {
  const auto picked = gateway_for("medusa", "pk_1");
  REQUIRE(picked.ok());
  REQUIRE(static_cast<bool>(picked.value()));
  CHECK(picked.value()->capabilities().po_number);
  const auto keyless = gateway_for("medusa", "");
  REQUIRE_FALSE(keyless.ok());
  CHECK(keyless.error().field == "backend");
  CHECK(keyless.error().message == "Medusa needs its publishable API key (key=pk_... in the address)");
  CHECK(gateway_for("magento", "").error().message.find("\"medusa\"") != std::string::npos);
}

TEST_CASE("Medusa gateway: signing in gives a session whose company is the customer's, with their addresses") {
  ScriptedShop shop{gateway};
  shop.answers = {recorded("login"), recorded("customer")};
  const auto session = own.parse_login(shop.serve(own.login_request({"kupiec1@budmax.pl", "haslo-buyer-1"})));
  REQUIRE_MESSAGE(session.ok(), session.error().message);
  CHECK(session.value().token == "<token>");
  CHECK(session.value().user.name == "Anna Nowak");
  CHECK(session.value().user.role == Role::Buyer);
  CHECK(session.value().company.name == "Budmax Sp. z o.o.");
  REQUIRE(session.value().company.addresses.size() == 1);
  CHECK(session.value().company.addresses[0].label == "Budmax Sp. z o.o., ul. Budowlana 12, Wrocław");
  REQUIRE(shop.calls.size() == 2);
  CHECK(header_value(shop.calls[1].headers, "Authorization") == "Bearer <token>");

  SUBCASE("a wrong password is our protocol's auth error") {
    ScriptedShop refused{gateway};
    refused.answers = {recorded("login-wrong-password")};
    const auto failed = own.parse_login(refused.serve(own.login_request({"kupiec1@budmax.pl", "zle"})));
    REQUIRE_FALSE(failed.ok());
    CHECK(failed.error().kind == ErrorKind::Auth);
  }
  SUBCASE("signing out forgets the token without calling the shop") {
    ScriptedShop none{gateway};
    CHECK(none.serve(own.logout_request("tok")).status == 204);
    CHECK(none.calls.empty());
  }
}

TEST_CASE("Medusa gateway: health is the PLN region, found by its currency") {
  ScriptedShop shop{gateway};
  shop.answers = {recorded("regions")};
  const auto health = protocol::parse_health_response(shop.serve(protocol::build_health_request()));
  REQUIRE(health.ok());
  CHECK(health.value().server.rfind("Medusa (region reg_", 0) == 0);

  SUBCASE("a wrong publishable key is a server-side problem the client shows, not a silent empty shop") {
    ScriptedShop wrong{gateway};
    wrong.answers = {recorded("products-no-key")};
    const HttpResponse answer = wrong.serve(own.search_request("", {"cement", 20}));
    CHECK(answer.status == 500);
    CHECK(answer.body.find("publishable key") != std::string::npos);
  }
}

TEST_CASE("Medusa gateway: search, lookup and the catalog ask for the region's prices with VAT") {
  SUBCASE("search") {
    ScriptedShop shop{gateway};
    shop.answers = {recorded("regions"), recorded("search")};
    const auto found = own.parse_search(shop.serve(own.search_request("tok", {"płytek", 20})));
    REQUIRE(found.ok());
    REQUIRE(found.value().size() == 1);
    CHECK(found.value()[0].sku == "MED-KLEJ-25");
    CHECK(shop.calls[1].path.find("q=p%C5%82ytek") != std::string::npos);
    CHECK(shop.calls[1].path.find("region_id=reg_") != std::string::npos);
  }
  SUBCASE("lookup") {
    ScriptedShop shop{gateway};
    shop.answers = {recorded("regions"), recorded("lookup")};
    const auto found =
        own.parse_lookup_products(shop.serve(own.lookup_products_request("tok", {{"MED-CEM-25", "MED-WEŁNA-100"}})));
    REQUIRE(found.ok());
    CHECK(found.value().size() == 2);
  }
  SUBCASE("a catalog page says where the next one starts; the last says none") {
    ScriptedShop shop{gateway};
    shop.answers = {recorded("regions"), recorded("products-page")};
    const auto page = own.parse_catalog(shop.serve(own.catalog_request("tok", {0, "", 500})));
    REQUIRE(page.ok());
    CHECK(page.value().products.size() == 5);
    CHECK(page.value().catalog_version == 1);
    CHECK(page.value().next_cursor.empty());  // 12 products fit one page of 100
    CHECK(shop.calls[1].path.find("limit=100&offset=0") != std::string::npos);
  }
  SUBCASE("a cursor that is not an offset is the client's mistake") {
    ScriptedShop shop{gateway};
    const HttpResponse answer = shop.serve(own.catalog_request("tok", {0, "abc", 500}));
    CHECK(answer.status == 400);
    CHECK(shop.calls.empty());
  }
  SUBCASE("the price list is every variant's net price, the company's where its list has one") {
    ScriptedShop shop{gateway};
    shop.answers = {recorded("regions"), recorded("products-company-prices")};
    const auto list = own.parse_price_list(shop.serve(own.price_list_request("tok")));
    REQUIRE(list.ok());
    REQUIRE(list.value().entries.size() == 5);
    CHECK(list.value().entries[0].sku == "MED-CEM-25");
    CHECK(list.value().entries[0].unit_net_minor == 2150);
  }
}

TEST_CASE("Medusa gateway: placing an order finds the customer, region and variants, then walks the checkout") {
  ScriptedShop shop{gateway};
  shop.answers = {recorded("customer"),        recorded("regions"),
                  ordered_variants(),          recorded("orders-none"),
                  recorded("create-cart"),     recorded("shipping-options"),
                  recorded("add-shipping"),    recorded("payment-collection"),
                  recorded("payment-session"), recorded("complete")};
  const HttpResponse answer = shop.serve(own.submit_order_request("tok", recorded_submission()));
  CHECK(answer.status == 201);
  const auto placed = own.parse_submit_order(answer);
  REQUIRE_MESSAGE(placed.ok(), placed.error().message);
  REQUIRE(placed.value().outcome);
  CHECK(placed.value().outcome->order.checkout.po_number == "PO-2026-0042");
  CHECK(shop.answers.empty());
  // The chosen address and the customer's name go into the cart.
  CHECK(shop.calls[4].body.find(R"("first_name":"Anna","last_name":"Nowak","company":"Budmax Sp. z o.o.",)"
                                R"("address_1":"ul. Budowlana 12")") != std::string::npos);

  SUBCASE("a retry finds the order placed with the key: the same order, said to be a replay") {
    ScriptedShop retry{gateway};
    retry.answers = {recorded("customer"), recorded("regions"), ordered_variants(), recorded("orders")};
    const HttpResponse again = retry.serve(own.submit_order_request("tok", recorded_submission()));
    CHECK(again.status == 200);
    const auto replayed = own.parse_submit_order(again);
    REQUIRE(replayed.ok());
    CHECK(replayed.value().outcome->replayed);
  }
  SUBCASE("an address that is not the customer's is refused before any change to the shop") {
    OrderSubmission wrong = recorded_submission();
    wrong.checkout.ship_to_address_id = "cuaddr_other";
    ScriptedShop refused{gateway};
    refused.answers = {recorded("customer")};
    const auto result = own.parse_submit_order(refused.serve(own.submit_order_request("tok", wrong)));
    REQUIRE_FALSE(result.ok());
    CHECK(result.error().field == "checkout.ship_to_address_id");
  }
  SUBCASE("prices changed: our protocol's 409 with the changed line") {
    OrderSubmission stale = recorded_submission();
    stale.expected_prices = {{"MED-CEM-25", Money{2490, Currency::PLN}}, {"MED-RURA-110", Money{3100, Currency::PLN}}};
    ScriptedShop repricing{gateway};
    repricing.answers = {recorded("customer"), recorded("regions"), ordered_variants(), recorded("orders-none"),
                         recorded("create-cart")};
    const HttpResponse refused = repricing.serve(own.submit_order_request("tok", stale));
    CHECK(refused.status == 409);
    const auto result = own.parse_submit_order(refused);
    REQUIRE(result.ok());
    REQUIRE(result.value().repriced);
    CHECK(result.value().repriced->changes.at(0).sku == "MED-CEM-25");
  }
}

TEST_CASE("Medusa gateway: order history and one order") {
  SUBCASE("history with the status filter applied here") {
    ScriptedShop shop{gateway};
    shop.answers = {recorded("orders")};
    const auto all = own.parse_list_orders(shop.serve(own.list_orders_request("tok", {})));
    REQUIRE(all.ok());
    CHECK(all.value().size() == 1);
    ScriptedShop filtered{gateway};
    filtered.answers = {recorded("orders")};
    OrderFilter cancelled;
    cancelled.status = OrderStatus::Cancelled;
    const auto none = own.parse_list_orders(filtered.serve(own.list_orders_request("tok", cancelled)));
    REQUIRE(none.ok());
    CHECK(none.value().empty());
  }
  SUBCASE("one order is asked for by id through the list, which carries the PO number") {
    ScriptedShop shop{gateway};
    shop.answers = {recorded("orders")};
    const auto order = own.parse_order(shop.serve(own.get_order_request("tok", "order_1")));
    REQUIRE(order.ok());
    CHECK(order.value().checkout.po_number == "PO-2026-0042");
    CHECK(shop.calls[0].path.find("&id=order_1") != std::string::npos);
  }
  SUBCASE("an order that is not this customer's is not found") {
    ScriptedShop shop{gateway};
    shop.answers = {recorded("orders-none")};
    const auto order = own.parse_order(shop.serve(own.get_order_request("tok", "order_nosuch")));
    REQUIRE_FALSE(order.ok());
    CHECK(order.error().kind == ErrorKind::NotFound);
  }
}

TEST_CASE("Medusa gateway: what Medusa lacks is answered 501 by name, without calling the shop") {
  ScriptedShop shop{gateway};
  const auto carts = own.parse_list_carts(shop.serve(own.list_carts_request("tok")));
  REQUIRE_FALSE(carts.ok());
  CHECK(carts.error().message == "Medusa does not offer saved carts (carts stay on this device)");
  CHECK(shop.serve(own.list_quotes_request("tok")).status == 501);
  CHECK(shop.calls.empty());
  CHECK_FALSE(gateway.capabilities().approvals);
  CHECK(gateway.capabilities().idempotent_orders);
  CHECK(gateway.capabilities().delivery_charged_on_placing);  // the checkout says the shop adds it
}
