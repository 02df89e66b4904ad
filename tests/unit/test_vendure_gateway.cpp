// The Vendure gateway: our protocol's requests in, Shop API calls out (answered here with responses recorded
// from a real Vendure, tests/fixtures/vendure), and our protocol's answers back, read by OwnProtocol.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "b2b/backend/backends.hpp"
#include "b2b/backend/own_protocol.hpp"
#include "b2b/backend/vendure_gateway.hpp"
#include "b2b/protocol/health.hpp"
#include "scripted_shop.hpp"
#include "wire_samples.hpp"

using namespace b2b;
using namespace b2b::backend;

namespace {

const VendureGateway gateway;
const OwnProtocol own;

HttpResponse graphql_answer(const std::string& data_json) {
  return HttpResponse{200, {}, "{\"data\":" + data_json + "}"};
}

HttpResponse recorded(const std::string& name) { return wire_samples::recorded_response("vendure/" + name); }

const char* kCustomer =
    R"({"activeCustomer":{"id":"2","firstName":"Jan","lastName":"Kowalski","emailAddress":"kupiec1@budmax.pl",)"
    R"("addresses":[{"id":"7","fullName":"Jan Kowalski","company":"Budmax Sp. z o.o.","streetLine1":"ul. Legnicka 48",)"
    R"("streetLine2":"","city":"Wrocław","postalCode":"54-204","country":{"code":"PL"}}]}})";

// The variants of the SKUs the recorded checkout ordered, as the lookup's aliased searches find them.
const char* kLookup =
    R"({"s0":{"items":[{"productVariantId":"1","sku":"L2201308","productVariantName":"Laptop 13 inch 8GB",)"
    R"("price":{"value":129900},"priceWithTax":{"value":159777}}]},)"
    R"("s1":{"items":[{"productVariantId":"9","sku":"C27F390X","productVariantName":"Curvy Monitor 27 X",)"
    R"("price":{"value":14374},"priceWithTax":{"value":17680}},{"productVariantId":"10","sku":"C27F390",)"
    R"("productVariantName":"Curvy Monitor 27","price":{"value":14374},"priceWithTax":{"value":17680}}]}})";

OrderSubmission recorded_submission() {
  OrderSubmission submission;
  submission.idempotency_key = "7f1c2a90-order-key-0001";
  submission.lines = {{"L2201308", 5, ""}, {"C27F390", 3, ""}};
  submission.checkout.po_number = "PO-2026-0042";
  submission.checkout.note = "Dostawa na budowę, brama 3";
  submission.checkout.ship_to_address_id = "7";
  return submission;
}

}  // namespace

TEST_CASE("Vendure gateway: signing in gives a session whose company is the customer, with their addresses") {
  ScriptedShop shop{gateway};
  shop.answers = {recorded("login"), graphql_answer(kCustomer)};
  const auto session = own.parse_login(shop.serve(own.login_request({"kupiec1@budmax.pl", "haslo-buyer-1"})));
  REQUIRE_MESSAGE(session.ok(), session.error().message);
  CHECK(session.value().token == "<token>");  // the recorded vendure-auth-token header
  CHECK(session.value().user.name == "Jan Kowalski");
  CHECK(session.value().company.name == "Budmax Sp. z o.o.");  // from the address: Vendure has no companies
  CHECK(session.value().user.role == Role::Buyer);
  REQUIRE(session.value().company.addresses.size() == 1);
  CHECK(session.value().company.addresses[0].id == "7");
  CHECK(session.value().company.addresses[0].label == "Budmax Sp. z o.o., ul. Legnicka 48, Wrocław");
  REQUIRE(shop.calls.size() == 2);
  CHECK(header_value(shop.calls[1].headers, "Authorization") == "Bearer <token>");

  SUBCASE("a wrong password is our protocol's auth error") {
    ScriptedShop refused{gateway};
    refused.answers = {recorded("login-wrong-password")};
    const auto failed = own.parse_login(refused.serve(own.login_request({"kupiec1@budmax.pl", "zle"})));
    REQUIRE_FALSE(failed.ok());
    CHECK(failed.error().kind == ErrorKind::Auth);
    CHECK(failed.error().message.find("INVALID_CREDENTIALS_ERROR") != std::string::npos);
  }
}

TEST_CASE("Vendure gateway: health is the channel, and only a PLN channel is healthy") {
  ScriptedShop shop{gateway};
  shop.answers = {graphql_answer(R"({"activeChannel":{"code":"__default_channel__","currencyCode":"PLN"}})")};
  const auto health = protocol::parse_health_response(shop.serve(protocol::build_health_request()));
  REQUIRE(health.ok());
  CHECK(health.value().server == "Vendure (channel __default_channel__)");
  CHECK(health.value().protocol_version == protocol::kProtocolVersion);

  ScriptedShop euro{gateway};
  euro.answers = {graphql_answer(R"({"activeChannel":{"code":"eu","currencyCode":"USD"}})")};
  const HttpResponse answer = euro.serve(protocol::build_health_request());
  CHECK(answer.status == 502);
  CHECK(answer.body.find("currency USD is not PLN or EUR") != std::string::npos);
}

TEST_CASE("Vendure gateway: search answers products with VAT from the price with tax") {
  ScriptedShop shop{gateway};
  shop.answers = {recorded("search")};
  const auto found = own.parse_search(shop.serve(own.search_request("tok", {"laptop", 20})));
  REQUIRE(found.ok());
  REQUIRE(found.value().size() == 4);
  CHECK(found.value()[0].sku == "L2201308");
  CHECK(found.value()[0].vat == VatRate::Standard23);
  CHECK(shop.calls[0].body.find("\"term\":\"laptop\"") != std::string::npos);

  SUBCASE("a category filter is refused: Vendure's catalog has none here") {
    ScriptedShop none{gateway};
    const HttpResponse answer = none.serve(own.search_request("tok", {"laptop", 20, "Elektrotechnika"}));
    CHECK(answer.status == 501);
    CHECK(none.calls.empty());
  }
}

TEST_CASE("Vendure gateway: a lookup keeps only exact SKU matches, one each") {
  ScriptedShop shop{gateway};
  shop.answers = {graphql_answer(kLookup)};
  const auto found =
      own.parse_lookup_products(shop.serve(own.lookup_products_request("tok", {{"l2201308", "C27F390"}})));
  REQUIRE(found.ok());
  REQUIRE(found.value().size() == 2);
  CHECK(found.value()[0].sku == "L2201308");
  CHECK(found.value()[1].sku == "C27F390");  // not C27F390X, which the search also found
}

TEST_CASE("Vendure gateway: the price list pages through every variant's net price") {
  // Two pages of three variants: Vendure pages products, each with its variants.
  const std::string variant = R"({"id":"V","sku":"SKU","name":"N","price":P,"priceWithTax":1,"currencyCode":"PLN",)"
                              R"("stockLevel":"IN_STOCK","taxRateApplied":{"value":23}})";
  const auto page = [&](int total, std::vector<std::pair<std::string, int>> skus) {
    std::string items;
    for (const auto& entry : skus) {
      std::string v = variant;
      v.replace(v.find("SKU"), 3, entry.first);
      v.replace(v.find("P,"), 1, std::to_string(entry.second));
      items += std::string(items.empty() ? "" : ",") + R"({"id":"1","name":"N","variants":[)" + v + "]}";
    }
    return graphql_answer(R"({"products":{"totalItems":)" + std::to_string(total) + R"(,"items":[)" + items + "]}}");
  };
  ScriptedShop shop{gateway};
  shop.answers = {page(3, {{"ZZ-1", 500}, {"AA-2", 700}}), page(3, {{"MM-3", 900}})};
  const HttpResponse answer = shop.serve(own.price_list_request("tok"));
  const auto list = own.parse_price_list(answer);
  REQUIRE_MESSAGE(list.ok(), answer.body.substr(0, 300));
  CHECK(list.value().currency == Currency::PLN);
  CHECK(shop.calls.size() == 2);
  REQUIRE(list.value().entries.size() == 3);
  CHECK(list.value().entries[0].sku == "AA-2");
  CHECK(list.value().entries[0].unit_net_minor == 700);
  CHECK(list.value().entries[2].sku == "ZZ-1");
  CHECK(shop.calls[1].body.find("\"skip\":2") != std::string::npos);
}

TEST_CASE("Vendure gateway: the catalog syncs in Vendure's pages, whole every time") {
  ScriptedShop shop{gateway};
  shop.answers = {recorded("products-last-page")};
  const auto page = own.parse_catalog(shop.serve(own.catalog_request("tok", {7, "50", 500})));
  REQUIRE_MESSAGE(page.ok(), page.error().message);
  CHECK(page.value().products.size() >= 4);  // the last 4 products' variants
  CHECK(page.value().next_cursor.empty());
  CHECK(page.value().catalog_version == 1);
  CHECK(shop.calls[0].body.find("\"skip\":50") != std::string::npos);
  CHECK(shop.calls[0].body.find("\"take\":100") != std::string::npos);
}

TEST_CASE("Vendure gateway: placing an order finds the address and variants, then walks the checkout") {
  ScriptedShop shop{gateway};
  shop.answers = {graphql_answer(kCustomer),     graphql_answer(kLookup),         recorded("find-placed-none"),
                  recorded("active-order-none"), recorded("clear-lines"),         recorded("add-line"),
                  recorded("add-second-line"),   recorded("set-po-and-note"),     recorded("set-shipping-address"),
                  recorded("shipping-methods"),  recorded("set-shipping-method"), recorded("transition-to-payment"),
                  recorded("add-payment")};
  const HttpResponse answer = shop.serve(own.submit_order_request("tok", recorded_submission()));
  CHECK(answer.status == 201);
  const auto placed = own.parse_submit_order(answer);
  REQUIRE_MESSAGE(placed.ok(), placed.error().message);
  REQUIRE(placed.value().outcome);
  CHECK(placed.value().outcome->order.checkout.po_number == "PO-2026-0042");
  CHECK(shop.answers.empty());
  // The address the buyer chose goes to Vendure.
  CHECK(shop.calls[8].body.find("ul. Legnicka 48") != std::string::npos);

  SUBCASE("a retry finds the order placed with the key: the same order, said to be a replay") {
    ScriptedShop retry{gateway};
    retry.answers = {graphql_answer(kCustomer), graphql_answer(kLookup), recorded("find-placed")};
    const HttpResponse again = retry.serve(own.submit_order_request("tok", recorded_submission()));
    CHECK(again.status == 200);
    const auto replayed = own.parse_submit_order(again);
    REQUIRE(replayed.ok());
    REQUIRE(replayed.value().outcome);
    CHECK(replayed.value().outcome->replayed);
  }
  SUBCASE("an address that is not the customer's is refused before any change to the shop") {
    OrderSubmission wrong = recorded_submission();
    wrong.checkout.ship_to_address_id = "99";
    ScriptedShop refused{gateway};
    refused.answers = {graphql_answer(kCustomer)};
    const auto result = own.parse_submit_order(refused.serve(own.submit_order_request("tok", wrong)));
    REQUIRE_FALSE(result.ok());
    CHECK(result.error().kind == ErrorKind::Validation);
    CHECK(result.error().field == "checkout.ship_to_address_id");
  }
  SUBCASE("no answer half-way is no answer for the client, which sends the same key again") {
    ScriptedShop cut{gateway};
    cut.answers = {graphql_answer(kCustomer), graphql_answer(kLookup), recorded("find-placed-none"), HttpResponse{}};
    const HttpResponse lost = cut.serve(own.submit_order_request("tok", recorded_submission()));
    CHECK(lost.status == 0);
    CHECK(own.parse_submit_order(lost).error().kind == ErrorKind::Network);
  }
}

TEST_CASE("Vendure gateway: order history applies the status and day filters Vendure's query lacks") {
  const char* orders =
      R"({"activeCustomer":{"orders":{"totalItems":2,"items":[)"
      R"({"code":"AAA","state":"PaymentAuthorized","orderPlacedAt":"2026-11-20T10:00:00.000Z","currencyCode":"PLN",)"
      R"("total":1000,"totalWithTax":1230,"customFields":{"poNumber":"PO-1","buyerNote":null}},)"
      R"({"code":"BBB","state":"Cancelled","orderPlacedAt":"2026-10-01T10:00:00.000Z","currencyCode":"PLN",)"
      R"("total":2000,"totalWithTax":2460,"customFields":{"poNumber":"PO-2","buyerNote":null}}]}}})";
  SUBCASE("every order, with the day it was placed") {
    ScriptedShop shop{gateway};
    shop.answers = {graphql_answer(orders)};
    const auto all = own.parse_list_orders(shop.serve(own.list_orders_request("tok", {})));
    REQUIRE(all.ok());
    REQUIRE(all.value().size() == 2);
    REQUIRE(all.value()[0].history.size() == 1);
    CHECK(all.value()[0].history[0].at_unix_seconds == 1795168800);  // 2026-11-20 10:00 UTC
  }
  SUBCASE("placed ones since November") {
    ScriptedShop shop{gateway};
    shop.answers = {graphql_answer(orders)};
    OrderFilter filter;
    filter.status = OrderStatus::Placed;
    filter.from = Date{2026, 11, 1};
    const auto kept = own.parse_list_orders(shop.serve(own.list_orders_request("tok", filter)));
    REQUIRE(kept.ok());
    REQUIRE(kept.value().size() == 1);
    CHECK(kept.value()[0].number == "AAA");
  }
}

TEST_CASE("Vendure gateway: what Vendure lacks is answered 501 by name, without calling the shop") {
  ScriptedShop shop{gateway};
  const auto carts = own.parse_list_carts(shop.serve(own.list_carts_request("tok")));
  REQUIRE_FALSE(carts.ok());
  CHECK(carts.error().message == "Vendure does not offer saved carts (carts stay on this device)");
  CHECK(shop.serve(own.list_quotes_request("tok")).status == 501);
  CHECK(shop.serve(own.list_approvals_request("tok")).status == 501);
  CHECK(shop.serve(own.start_token_request("tok")).status == 501);
  CHECK(shop.calls.empty());
  const Capabilities capabilities = gateway.capabilities();
  CHECK_FALSE(capabilities.saved_carts);
  CHECK_FALSE(capabilities.quotes);
  CHECK(capabilities.catalog_changes);
  CHECK(capabilities.po_number);
  CHECK(capabilities.idempotent_orders);
}

TEST_CASE("Vendure gateway: a request body that is not our protocol's is refused naming the field") {
  ScriptedShop shop{gateway};
  HttpRequest request = own.submit_order_request("tok", recorded_submission());
  request.body = R"({"protocol_version":1,"type":"order_submission","data":{"lines":"many"}})";
  const auto result = own.parse_submit_order(shop.serve(request));
  REQUIRE_FALSE(result.ok());
  CHECK(result.error().kind == ErrorKind::Validation);
  CHECK_FALSE(result.error().field.empty());
  CHECK(shop.calls.empty());
}

TEST_CASE("Backends: the configured kind picks the gateway, and an unknown kind is named") {
  CHECK(gateway_for("", "").value() == nullptr);
  CHECK(gateway_for("own", "").value() == nullptr);
  const auto vendure = gateway_for("vendure", "pl-channel");
  REQUIRE(vendure.ok());
  REQUIRE(vendure.value());
  const auto unknown = gateway_for("magento", "");
  REQUIRE_FALSE(unknown.ok());
  CHECK(unknown.error().field == "backend");
  CHECK(unknown.error().message.find("\"magento\"") != std::string::npos);

  SUBCASE("the build without adapters speaks our protocol and says which build the adapters are in") {
    CHECK(own_gateway_for("").value() == nullptr);
    CHECK(own_gateway_for("own").value() == nullptr);
    for (const char* adapted : {"vendure", "medusa"}) {
      const auto refused = own_gateway_for(adapted);
      REQUIRE_FALSE(refused.ok());
      CHECK(refused.error().field == "backend");
      CHECK(refused.error().message.find("b2b_client_adapters") != std::string::npos);
    }
    CHECK(own_gateway_for("magento").error().message == unknown.error().message);
  }
}
