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

HttpResponse recorded_response(const std::string& name) { return wire_samples::recorded_response("vendure/" + name); }

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
  const auto session = api.parse_login(recorded_response("login"));
  REQUIRE_MESSAGE(session.ok(), session.error().message);
  CHECK(session.value().token == "<token>");
  CHECK(session.value().user.email == "kupiec1@budmax.pl");

  SUBCASE("a wrong password is an Auth error with Vendure's code") {
    const auto wrong = api.parse_login(recorded_response("login-wrong-password"));
    REQUIRE_FALSE(wrong.ok());
    CHECK(wrong.error().kind == ErrorKind::Auth);
    CHECK(wrong.error().message.find("INVALID_CREDENTIALS_ERROR") != std::string::npos);
  }
  SUBCASE("an answer without the token header names the header") {
    auto response = recorded_response("login");
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

  const auto page = api.parse_catalog(first, recorded_response("products-page"));
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
    const auto end = api.parse_catalog(last, recorded_response("products-last-page"));
    REQUIRE(end.ok());
    CHECK(end.value().page.next_cursor.empty());
  }
  SUBCASE("a page over Vendure's limit is a Validation error") {
    const auto refused = api.parse_catalog(first, recorded_response("products-page-too-large"));
    REQUIRE_FALSE(refused.ok());
    CHECK(refused.error().kind == ErrorKind::Validation);
    CHECK(refused.error().message.find("100") != std::string::npos);
  }
  SUBCASE("a cursor that is not an offset is named") {
    CatalogRequest bad;
    bad.cursor = "abc";
    const auto refused = api.parse_catalog(bad, recorded_response("products-page"));
    REQUIRE_FALSE(refused.ok());
    CHECK(refused.error().field == "cursor");
  }
  SUBCASE("a tax rate that is not Polish VAT names the variant's field") {
    auto response = recorded_response("products-page");
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
  const auto found = api.parse_search(recorded_response("search"));
  REQUIRE(found.ok());
  REQUIRE_FALSE(found.value().products.empty());
  for (const auto& product : found.value().products) CHECK(product.name.en.find("Laptop") != std::string::npos);
  // The search shows no tax rate: 1597.77 with tax on 1299.00 net is 23%.
  const auto& first = found.value().products.front();
  CHECK(first.sku == "L2201308");
  CHECK(first.vat == VatRate::Standard23);
  REQUIRE(found.value().prices.size() == found.value().products.size());
  CHECK(found.value().prices.front().unit_net_minor == 129900);
  REQUIRE(found.value().variant_ids.size() == found.value().products.size());
  CHECK(found.value().variant_ids.front() == std::make_pair(std::string("L2201308"), std::string("1")));
}

TEST_CASE("Vendure: a placed order reads as an order with its PO number, note, lines and totals") {
  const auto order = api.parse_order(recorded_response("order-by-code"));
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
    const auto missing = api.parse_order(recorded_response("order-by-unknown-code"));
    REQUIRE_FALSE(missing.ok());
    CHECK(missing.error().kind == ErrorKind::NotFound);
  }
}

TEST_CASE("Vendure: order history lists the customer's placed orders with their PO numbers") {
  const auto orders = api.parse_list_orders(recorded_response("order-history"));
  REQUIRE_MESSAGE(orders.ok(), orders.error().field << ": " << orders.error().message);
  REQUIRE(orders.value().size() == 1);
  CHECK(orders.value()[0].checkout.po_number == "PO-2026-0042");
  CHECK(orders.value()[0].totals.gross.minor > 0);

  SUBCASE("the active order, not placed yet, is left out") {
    const HttpResponse with_active{
        200,
        {},
        R"({"data":{"activeCustomer":{"orders":{"totalItems":2,"items":[{"code":"OPEN1","state":"AddingItems",)"
        R"("currencyCode":"PLN","total":100,"totalWithTax":123},{"code":"DONE1","state":"PaymentAuthorized",)"
        R"("currencyCode":"PLN","total":200,"totalWithTax":246}]}}}})"};
    const auto history = api.parse_list_orders(with_active);
    REQUIRE(history.ok());
    REQUIRE(history.value().size() == 1);
    CHECK(history.value()[0].number == "DONE1");
  }
  SUBCASE("without a session Vendure answers null, read as Auth") {
    const auto anonymous = api.parse_list_orders(recorded_response("anonymous-history"));
    REQUIRE_FALSE(anonymous.ok());
    CHECK(anonymous.error().kind == ErrorKind::Auth);
  }
}

TEST_CASE("Vendure: errors keep Vendure's code and say what failed") {
  SUBCASE("a GraphQL parse error is HTTP 400") {
    const auto broken = api.parse_search(recorded_response("graphql-syntax-error"));
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

namespace {

// A checkout of two lines whose SKUs the catalog pages mapped to Vendure variant ids.
VendureCheckoutInput checkout_input() {
  VendureCheckoutInput input;
  input.submission.idempotency_key = "7f1c2a90-order-key-0001";
  input.submission.lines = {{"L2201308", 5, ""}, {"C27F390", 3, ""}};
  input.submission.checkout.po_number = "PO-2026-0042";
  input.submission.checkout.note = "Dostawa na budowę, brama 3";
  input.ship_to = {"a1", "Budmax Sp. z o.o.", "ul. Budowlana 7", "30-001", "Kraków", "PL"};
  input.recipient = "Jan Kowalski";
  input.variant_ids = {{"L2201308", "1"}, {"C27F390", "10"}};
  return input;
}

// Answers each step with its recorded response until the conversation ends; checks the steps' order.
Result<SubmitResult> converse(VendureCheckout& checkout,
                              const std::vector<std::pair<VendureCheckout::Step, std::string>>& script) {
  for (const auto& entry : script) {
    // Not a structured binding: doctest's INFO captures by reference, which clang 14 refuses for those.
    const std::string& fixture = entry.second;
    INFO("step answered by " << fixture);
    REQUIRE(checkout.step() == entry.first);
    const auto request = checkout.request();
    REQUIRE(request.method == "POST");
    if (auto over = checkout.answer(recorded_response(fixture))) return *over;
  }
  FAIL("the checkout wanted more calls than the script has");
  return Error{ErrorKind::Server, "", "unreachable"};
}

using Step = VendureCheckout::Step;

const std::vector<std::pair<Step, std::string>> kPlacingScript = {
    {Step::FindPlaced, "find-placed-none"},     {Step::ActiveOrder, "active-order-none"},
    {Step::ClearLines, "clear-lines"},          {Step::AddLine, "add-line"},
    {Step::AddLine, "add-second-line"},         {Step::SetFields, "set-po-and-note"},
    {Step::SetAddress, "set-shipping-address"}, {Step::ShippingMethods, "shipping-methods"},
    {Step::SetShipping, "set-shipping-method"}, {Step::ToPayment, "transition-to-payment"},
    {Step::AddPayment, "add-payment"},
};

}  // namespace

TEST_CASE("Vendure checkout: the conversation places the order with its PO number and note") {
  VendureCheckout checkout(api, "tok", checkout_input());
  const auto result = converse(checkout, kPlacingScript);
  REQUIRE_MESSAGE(result.ok(), result.error().field << ": " << result.error().message);
  REQUIRE(result.value().outcome);
  CHECK_FALSE(result.value().outcome->replayed);
  CHECK(result.value().outcome->order.checkout.po_number == "PO-2026-0042");
  CHECK(result.value().outcome->order.status == OrderStatus::Placed);
  CHECK(checkout.step() == Step::Done);
}

TEST_CASE("Vendure checkout: each step sends what the buyer entered") {
  VendureCheckout checkout(api, "tok", checkout_input());
  const auto find = json_of(checkout.request().body);
  CHECK(std::string(find["variables"]["key"].GetString()) == "7f1c2a90-order-key-0001");
  CHECK(header_value(checkout.request().headers, "Authorization") == "Bearer tok");
  REQUIRE_FALSE(checkout.answer(recorded_response("find-placed-none")));
  REQUIRE_FALSE(checkout.answer(recorded_response("active-order-none")));
  REQUIRE_FALSE(checkout.answer(recorded_response("clear-lines")));
  const auto first_line = json_of(checkout.request().body);
  CHECK(std::string(first_line["variables"]["v"].GetString()) == "1");
  CHECK(first_line["variables"]["q"].GetInt() == 5);
  REQUIRE_FALSE(checkout.answer(recorded_response("add-line")));
  const auto second_line = json_of(checkout.request().body);
  CHECK(std::string(second_line["variables"]["v"].GetString()) == "10");
  REQUIRE_FALSE(checkout.answer(recorded_response("add-second-line")));
  const auto fields = json_of(checkout.request().body);
  const auto& custom = fields["variables"]["input"]["customFields"];
  CHECK(std::string(custom["poNumber"].GetString()) == "PO-2026-0042");
  CHECK(std::string(custom["buyerNote"].GetString()) == "Dostawa na budowę, brama 3");
  CHECK(std::string(custom["clientOrderKey"].GetString()) == "7f1c2a90-order-key-0001");
  REQUIRE_FALSE(checkout.answer(recorded_response("set-po-and-note")));
  const auto address = json_of(checkout.request().body);
  CHECK(std::string(address["variables"]["input"]["city"].GetString()) == "Kraków");
  CHECK(std::string(address["variables"]["input"]["countryCode"].GetString()) == "PL");
  REQUIRE_FALSE(checkout.answer(recorded_response("set-shipping-address")));
  REQUIRE_FALSE(checkout.answer(recorded_response("shipping-methods")));
  const auto shipping = json_of(checkout.request().body);
  CHECK(std::string(shipping["variables"]["ids"][0].GetString()) == "1");  // standard-shipping's id
}

TEST_CASE("Vendure checkout: a retried submission finds the order already placed with its key") {
  VendureCheckout checkout(api, "tok", checkout_input());
  const auto result = converse(checkout, {{Step::FindPlaced, "find-placed"}});
  REQUIRE(result.ok());
  REQUIRE(result.value().outcome);
  CHECK(result.value().outcome->replayed);
  CHECK(result.value().outcome->order.checkout.po_number == "PO-2026-0042");
}

TEST_CASE("Vendure checkout: a total that changed since the buyer saw it stops before payment") {
  auto input = checkout_input();
  input.submission.expected_gross_total = Money{100, Currency::PLN};
  input.submission.expected_prices = {{"L2201308", Money{120000, Currency::PLN}}};
  VendureCheckout checkout(api, "tok", input);
  auto script = kPlacingScript;
  script.resize(9);  // up to setting the shipping method
  const auto result = converse(checkout, script);
  REQUIRE(result.ok());
  REQUIRE(result.value().repriced);
  CHECK_FALSE(result.value().outcome);
  REQUIRE(result.value().repriced->changes.size() == 1);
  CHECK(result.value().repriced->changes[0].sku == "L2201308");
  CHECK(result.value().repriced->changes[0].new_unit_net.minor == 129900);
}

TEST_CASE("Vendure checkout: the unit prices the buyer saw decide, not a grosz of VAT rounding") {
  auto input = checkout_input();
  input.submission.expected_prices = {{"L2201308", Money{129900, Currency::PLN}},
                                      {"C27F390", Money{16994, Currency::PLN}}};
  SUBCASE("the same prices with a total rounded another way go on to payment") {
    input.submission.expected_gross_total = Money{861594, Currency::PLN};  // Vendure's is 861593
    VendureCheckout checkout(api, "tok", input);
    const auto result = converse(checkout, kPlacingScript);
    REQUIRE(result.ok());
    CHECK(result.value().outcome);
  }
  SUBCASE("without the unit prices, the gross total is compared") {
    input.submission.expected_prices.clear();
    input.submission.expected_gross_total = Money{861594, Currency::PLN};
    VendureCheckout checkout(api, "tok", input);
    auto script = kPlacingScript;
    script.resize(9);
    const auto result = converse(checkout, script);
    REQUIRE(result.ok());
    CHECK(result.value().repriced);
  }
}

TEST_CASE("Vendure checkout: failures name what failed and end the conversation") {
  SUBCASE("a SKU the catalog pages never mapped") {
    auto input = checkout_input();
    input.submission.lines.push_back({"NO-SUCH-SKU", 1, ""});
    VendureCheckout checkout(api, "tok", input);
    const auto result = converse(checkout, {{Step::FindPlaced, "find-placed-none"},
                                            {Step::ActiveOrder, "active-order-none"},
                                            {Step::ClearLines, "clear-lines"}});
    REQUIRE_FALSE(result.ok());
    CHECK(result.error().kind == ErrorKind::Validation);
    CHECK(result.error().field == "lines[2].sku");
  }
  SUBCASE("Vendure refuses a line") {
    VendureCheckout checkout(api, "tok", checkout_input());
    const auto result = converse(checkout, {{Step::FindPlaced, "find-placed-none"},
                                            {Step::ActiveOrder, "active-order-none"},
                                            {Step::ClearLines, "clear-lines"},
                                            {Step::AddLine, "add-negative-quantity"}});
    REQUIRE_FALSE(result.ok());
    CHECK(result.error().field == "lines[0]");
    CHECK(result.error().message.find("NEGATIVE_QUANTITY_ERROR") != std::string::npos);
  }
  SUBCASE("the payment is declined") {
    VendureCheckout checkout(api, "tok", checkout_input());
    auto script = kPlacingScript;
    script.back().second = "add-payment-declined";
    const auto result = converse(checkout, script);
    REQUIRE_FALSE(result.ok());
    CHECK(result.error().kind == ErrorKind::Conflict);
    CHECK(result.error().message.find("PAYMENT_DECLINED_ERROR") != std::string::npos);
  }
  SUBCASE("the shop does not offer the shipping method") {
    auto input = checkout_input();
    input.shipping_method_code = "courier-by-drone";
    VendureCheckout checkout(api, "tok", input);
    auto script = kPlacingScript;
    script.resize(8);
    const auto result = converse(checkout, script);
    REQUIRE_FALSE(result.ok());
    CHECK(result.error().field == "shipping_method");
  }
  SUBCASE("an earlier try left the order waiting for payment: it goes back to adding items") {
    VendureCheckout checkout(api, "tok", checkout_input());
    REQUIRE_FALSE(checkout.answer(recorded_response("find-placed-none")));
    // The Shop API's answer for an order an earlier try moved on (the recorded one never got there).
    REQUIRE_FALSE(
        checkout.answer(HttpResponse{200, {}, R"({"data":{"activeOrder":{"id":"1","state":"ArrangingPayment"}}})"}));
    REQUIRE(checkout.step() == Step::BackToAdding);
    CHECK(std::string(json_of(checkout.request().body)["query"].GetString()).find("\"AddingItems\"") !=
          std::string::npos);
    REQUIRE_FALSE(checkout.answer(recorded_response("transition-to-payment")));  // a transition answer
    CHECK(checkout.step() == Step::ClearLines);
  }
}
