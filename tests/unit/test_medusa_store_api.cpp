// The Medusa Store API adapter on responses recorded from a real Medusa 2.21 (tests/fixtures/medusa, written
// by tests/shops/medusa/record.mjs): requests it builds, values it reads, errors it names, and the checkout.
#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "b2b/backend/medusa_store_api.hpp"
#include "wire_samples.hpp"

using namespace b2b;
using namespace b2b::backend;

namespace {

MedusaConfig test_config() {
  MedusaConfig config;
  config.publishable_key = "pk_test";
  config.region_id = "reg_test";
  return config;
}

const MedusaStoreApi api(test_config());

HttpResponse recorded(const std::string& name) { return wire_samples::recorded_response("medusa/" + name); }

const Product* find_sku(const std::vector<Product>& products, const std::string& sku) {
  auto it = std::find_if(products.begin(), products.end(), [&](const Product& p) { return p.sku == sku; });
  return it == products.end() ? nullptr : &*it;
}

std::int64_t price_of(const MedusaProducts& found, const std::string& sku) {
  for (const auto& entry : found.prices)
    if (entry.sku == sku) return entry.unit_net_minor;
  FAIL("no price for " << sku);
  return -1;
}

// A products answer with one variant whose amounts are given as JSON number text.
HttpResponse one_variant(const std::string& amount, const std::string& with_tax, const std::string& without_tax) {
  return HttpResponse{200,
                      {},
                      R"({"products":[{"id":"prod_1","title":"Cement","variants":[{"id":"variant_1","sku":"C-1",)"
                      R"("title":"Cement","calculated_price":{"currency_code":"pln","calculated_amount":)" +
                          amount + R"(,"calculated_amount_with_tax":)" + with_tax +
                          R"(,"calculated_amount_without_tax":)" + without_tax + R"(}}]}],"count":1})"};
}

}  // namespace

TEST_CASE("Medusa: every Store API call carries the publishable key; sign-in does not need it") {
  const HttpRequest products = api.products_request("tok", "reg_1", {});
  CHECK(header_value(products.headers, "x-publishable-api-key") == "pk_test");
  CHECK(header_value(products.headers, "Authorization") == "Bearer tok");
  CHECK(products.path.rfind("/store/products?region_id=reg_1&country_code=pl&fields=", 0) == 0);
  const HttpRequest login = api.login_request({"kupiec1@budmax.pl", "haslo"});
  CHECK(login.path == "/auth/customer/emailpass");
  CHECK(login.body == R"({"email":"kupiec1@budmax.pl","password":"haslo"})");
}

TEST_CASE("Medusa: a catalog page gives one product per variant with its net price in grosze and its VAT") {
  const auto page = api.parse_products(recorded("products-page"));
  REQUIRE_MESSAGE(page.ok(), page.error().field << ": " << page.error().message);
  CHECK(page.value().count == 12);  // products in the shop, across pages
  CHECK(page.value().products.size() == 5);
  const Product* cement = find_sku(page.value().products, "MED-CEM-25");
  REQUIRE(cement != nullptr);
  CHECK(cement->name.pl == "Cement portlandzki CEM I 42,5R 25 kg");
  CHECK(cement->vat == VatRate::Standard23);
  CHECK(price_of(page.value(), "MED-CEM-25") == 2490);  // 24.9 zł
  CHECK(price_of(page.value(), "MED-RURA-110") == 3100);
  REQUIRE(page.value().variant_ids.size() == 5);
  CHECK(page.value().variant_ids.front().second.rfind("variant_", 0) == 0);
}

TEST_CASE("Medusa: a signed-in buyer sees their customer group's price list") {
  const auto page = api.parse_products(recorded("products-company-prices"));
  REQUIRE(page.ok());
  CHECK(price_of(page.value(), "MED-CEM-25") == 2150);    // the company's 21.5 zł, not the list 24.9
  CHECK(price_of(page.value(), "MED-RURA-110") == 3100);  // not on the company's list: the list price
}

TEST_CASE("Medusa: search and lookup by SKU") {
  SUBCASE("a search with a Polish word finds the product") {
    const auto found = api.parse_products(recorded("search"));
    REQUIRE(found.ok());
    REQUIRE(found.value().products.size() == 1);
    CHECK(found.value().products[0].sku == "MED-KLEJ-25");
  }
  SUBCASE("a lookup finds the SKUs the shop sells and leaves out the rest") {
    const auto found = api.parse_products(recorded("lookup"));
    REQUIRE(found.ok());
    CHECK(find_sku(found.value().products, "MED-CEM-25") != nullptr);
    CHECK(find_sku(found.value().products, "MED-WEŁNA-100") != nullptr);
    CHECK(found.value().products.size() == 2);
  }
  SUBCASE("the lookup asks for each SKU, encoded") {
    MedusaProductQuery query;
    query.skus = {"MED-WEŁNA-100", "A&B"};
    const std::string path = api.products_request("", "reg_1", query).path;
    CHECK(path.find("variants%5Bsku%5D%5B%5D=MED-WE%C5%81NA-100") != std::string::npos);
    CHECK(path.find("=A%26B") != std::string::npos);
  }
}

TEST_CASE("Medusa: amounts in złoty become grosze exactly, rounded half away from zero") {
  SUBCASE("more decimals than grosze round") {
    const auto found = api.parse_products(one_variant("30.625", "37.66875", "30.625"));
    REQUIRE(found.ok());
    CHECK(found.value().prices[0].unit_net_minor == 3063);
  }
  SUBCASE("a whole amount") {
    const auto found = api.parse_products(one_variant("89", "109.47", "89"));
    REQUIRE(found.ok());
    CHECK(found.value().prices[0].unit_net_minor == 8900);
  }
  SUBCASE("VAT 8% is read from the amounts with and without tax") {
    const auto found = api.parse_products(one_variant("10", "10.8", "10"));
    REQUIRE(found.ok());
    CHECK(found.value().products[0].vat == VatRate::Reduced8);
  }
  SUBCASE("a rate that is not a Polish VAT rate is an error naming the field") {
    const auto found = api.parse_products(one_variant("10", "11.9", "10"));
    REQUIRE_FALSE(found.ok());
    CHECK(found.error().field == "products[0].variants[0].calculated_price.calculated_amount_with_tax");
    CHECK(found.error().message.find("19%") != std::string::npos);
  }
  SUBCASE("an amount in exponent form is refused, not guessed") {
    const auto found = api.parse_products(one_variant("1e-7", "1e-7", "1e-7"));
    REQUIRE_FALSE(found.ok());
    CHECK(found.error().kind == ErrorKind::Decode);
    CHECK(found.error().field == "products[0].variants[0].calculated_price.calculated_amount");
  }
}

TEST_CASE("Medusa: signing in and the customer") {
  SUBCASE("the JWT comes in the answer's body") {
    const auto session = api.parse_login(recorded("login"));
    REQUIRE(session.ok());
    CHECK(session.value().token == "<token>");
  }
  SUBCASE("a wrong password is an Auth error with Medusa's words") {
    const auto session = api.parse_login(recorded("login-wrong-password"));
    REQUIRE_FALSE(session.ok());
    CHECK(session.error().kind == ErrorKind::Auth);
    CHECK(session.error().message == "the shop answered HTTP 401: Invalid email or password");
  }
  SUBCASE("the customer with their company and delivery address") {
    const auto customer = api.parse_customer(recorded("customer"));
    REQUIRE(customer.ok());
    CHECK(customer.value().name == "Anna Nowak");
    CHECK(customer.value().email == "kupiec1@budmax.pl");
    CHECK(customer.value().company == "Budmax Sp. z o.o.");
    REQUIRE(customer.value().addresses.size() == 1);
    const Address& address = customer.value().addresses[0];
    CHECK(address.street == "ul. Budowlana 12");
    CHECK(address.city == "Wrocław");
    CHECK(address.postal_code == "50-001");
    CHECK(address.country == "PL");
  }
  SUBCASE("without a token the shop says Unauthorized") {
    const auto customer = api.parse_customer(recorded("customer-anonymous"));
    REQUIRE_FALSE(customer.ok());
    CHECK(customer.error().kind == ErrorKind::Auth);
  }
}

TEST_CASE("Medusa: order history carries the PO number, note, lines and totals") {
  const auto orders = api.parse_orders(recorded("orders"));
  REQUIRE_MESSAGE(orders.ok(), orders.error().field << ": " << orders.error().message);
  REQUIRE(orders.value().size() == 1);
  const Order& order = orders.value()[0];
  CHECK(order.number.rfind("order_", 0) == 0);
  CHECK(order.status == OrderStatus::Placed);
  CHECK(order.checkout.po_number == "PO-2026-0042");
  CHECK(order.checkout.note == "Dostawa na budowę, brama 3");
  CHECK(order.totals.net.minor == 16100);  // lines 136 zł and delivery 25 zł, before tax
  CHECK(order.totals.gross.minor == 19803);
  CHECK(order.totals.net.minor + order.totals.vat.minor == order.totals.gross.minor);
  REQUIRE(order.lines.size() == 2);
  const auto cement =
      std::find_if(order.lines.begin(), order.lines.end(), [](const PricedLine& l) { return l.sku == "MED-CEM-25"; });
  REQUIRE(cement != order.lines.end());
  CHECK(cement->quantity == 2);
  CHECK(cement->unit_net.minor == 2150);
  CHECK(cement->net.minor == 4300);
  CHECK(cement->gross.minor == 5289);
  CHECK(cement->vat == VatRate::Standard23);
  REQUIRE(order.history.size() == 1);
  CHECK(order.history[0].at_unix_seconds == 1767225600);  // the recorder's masked 2026-01-01T00:00:00Z
  CHECK(api.parse_orders(recorded("orders-none")).value().empty());
}

TEST_CASE("Medusa: errors name what went wrong") {
  SUBCASE("no publishable key: the configuration, said so") {
    const auto found = api.parse_products(recorded("products-no-key"));
    REQUIRE_FALSE(found.ok());
    CHECK(found.error().kind == ErrorKind::Server);
    CHECK(found.error().message.find("publishable key") != std::string::npos);
  }
  SUBCASE("no answer is a Network error, so the client keeps the request") {
    const auto found = api.parse_products(HttpResponse{0, {}, ""});
    REQUIRE_FALSE(found.ok());
    CHECK(found.error().kind == ErrorKind::Network);
  }
  SUBCASE("a server error without JSON") {
    const auto found = api.parse_orders(HttpResponse{502, {}, "<html>Bad Gateway</html>"});
    REQUIRE_FALSE(found.ok());
    CHECK(found.error().kind == ErrorKind::Server);
    CHECK(found.error().message == "the shop answered HTTP 502");
  }
  SUBCASE("a region list without PLN") {
    const auto region =
        api.parse_regions(HttpResponse{200, {}, R"({"regions":[{"id":"reg_1","currency_code":"eur"}]})"});
    REQUIRE_FALSE(region.ok());
    CHECK(region.error().message == "the shop has no region that sells in PLN");
  }
  SUBCASE("the recorded regions have the PLN one") {
    const auto region = api.parse_regions(recorded("regions"));
    REQUIRE(region.ok());
    CHECK(region.value().rfind("reg_", 0) == 0);
  }
}

namespace {

MedusaCheckoutInput recorded_checkout() {
  MedusaCheckoutInput input;
  input.submission.idempotency_key = "7f1c2a90-order-key-0001";
  input.submission.lines = {{"MED-CEM-25", 2, ""}, {"MED-RURA-110", 3, ""}};
  input.submission.checkout.po_number = "PO-2026-0042";
  input.submission.checkout.note = "Dostawa na budowę, brama 3";
  input.region_id = "reg_1";
  input.email = "kupiec1@budmax.pl";
  input.ship_to = Address{"cuaddr_1", "", "ul. Budowlana 12", "50-001", "Wrocław", "PL"};
  input.first_name = "Anna";
  input.last_name = "Nowak";
  input.company = "Budmax Sp. z o.o.";
  input.variant_ids = {{"MED-CEM-25", "variant_cem"}, {"MED-RURA-110", "variant_rura"}};
  return input;
}

// Walks the checkout with recorded answers, one per step, until it is over.
Result<SubmitResult> walk(MedusaCheckout& checkout, const std::vector<HttpResponse>& answers,
                          std::vector<HttpRequest>* calls = nullptr) {
  for (const HttpResponse& answer : answers) {
    if (calls) calls->push_back(checkout.request());
    if (auto over = checkout.answer(answer)) return *over;
  }
  FAIL("the checkout wanted more calls than " << answers.size());
  return Error{ErrorKind::Server, "", "unfinished"};
}

}  // namespace

TEST_CASE(
    "Medusa checkout: a new cart with the lines, address, PO number, note and key, then shipping, payment, complete") {
  MedusaCheckout checkout(api, "tok", recorded_checkout());
  std::vector<HttpRequest> calls;
  const auto result =
      walk(checkout,
           {recorded("orders-none"), recorded("create-cart"), recorded("shipping-options"), recorded("add-shipping"),
            recorded("payment-collection"), recorded("payment-session"), recorded("complete")},
           &calls);
  REQUIRE_MESSAGE(result.ok(), result.error().field << ": " << result.error().message);
  REQUIRE(result.value().outcome);
  const Order& order = result.value().outcome->order;
  CHECK_FALSE(result.value().outcome->replayed);
  CHECK(order.number.rfind("order_", 0) == 0);
  CHECK(order.checkout.po_number == "PO-2026-0042");  // the answer to complete leaves metadata out
  CHECK(order.totals.gross.minor == 19803);
  CHECK(checkout.step() == MedusaCheckout::Step::Done);

  REQUIRE(calls.size() == 7);
  CHECK(calls[1].method == "POST");
  CHECK(calls[1].path.rfind("/store/carts?fields=", 0) == 0);
  const std::string& cart = calls[1].body;
  CHECK(
      cart.find(R"("items":[{"variant_id":"variant_cem","quantity":2},{"variant_id":"variant_rura","quantity":3}])") !=
      std::string::npos);
  CHECK(cart.find(R"("metadata":{"po_number":"PO-2026-0042","note":"Dostawa na budowę, brama 3",)"
                  R"("client_order_key":"7f1c2a90-order-key-0001"})") != std::string::npos);
  CHECK(cart.find(R"("country_code":"pl")") != std::string::npos);
  CHECK(calls[2].path.find("/store/shipping-options?cart_id=cart_") == 0);
  CHECK(calls[3].body.find(R"({"option_id":"so_)") == 0);  // the "standard" option's id
  CHECK(calls[4].body.find(R"({"cart_id":"cart_)") == 0);
  CHECK(calls[5].path.find("/store/payment-collections/pay_col_") == 0);
  CHECK(calls[5].body == R"({"provider_id":"pp_system_default"})");
  CHECK(calls[6].path.find("/complete?") != std::string::npos);
  for (const HttpRequest& call : calls) CHECK(header_value(call.headers, "x-publishable-api-key") == "pk_test");
}

TEST_CASE("Medusa checkout: the ways it ends early") {
  SUBCASE("an order already placed with this key is the answer, replayed; no cart is made") {
    MedusaCheckout checkout(api, "tok", recorded_checkout());
    const auto result = walk(checkout, {recorded("orders")});
    REQUIRE(result.ok());
    REQUIRE(result.value().outcome);
    CHECK(result.value().outcome->replayed);
    CHECK(result.value().outcome->order.checkout.po_number == "PO-2026-0042");
  }
  SUBCASE("a key no order carries does not match") {
    auto input = recorded_checkout();
    input.submission.idempotency_key = "another-key";
    MedusaCheckout checkout(api, "tok", input);
    CHECK_FALSE(checkout.answer(recorded("orders")));
    CHECK(checkout.step() == MedusaCheckout::Step::CreateCart);
  }
  SUBCASE("a SKU the shop does not sell is named before a cart is made") {
    auto input = recorded_checkout();
    input.variant_ids.pop_back();
    MedusaCheckout checkout(api, "tok", input);
    const auto result = walk(checkout, {recorded("orders-none")});
    REQUIRE_FALSE(result.ok());
    CHECK(result.error().kind == ErrorKind::Validation);
    CHECK(result.error().message == "the shop sells no product with SKU MED-RURA-110");
  }
  SUBCASE("a price changed since the buyer saw it: refused with the change, before payment") {
    auto input = recorded_checkout();
    input.submission.expected_prices = {{"MED-CEM-25", Money{2490, Currency::PLN}},
                                        {"MED-RURA-110", Money{3100, Currency::PLN}}};
    MedusaCheckout checkout(api, "tok", input);
    const auto result = walk(checkout, {recorded("orders-none"), recorded("create-cart")});
    REQUIRE(result.ok());
    REQUIRE(result.value().repriced);
    REQUIRE(result.value().repriced->changes.size() == 1);
    CHECK(result.value().repriced->changes[0].sku == "MED-CEM-25");
    CHECK(result.value().repriced->changes[0].new_unit_net.minor == 2150);
    CHECK(result.value().repriced->totals.net.minor == 13600);  // the lines, without delivery
  }
  SUBCASE("the prices the buyer saw: on to shipping") {
    auto input = recorded_checkout();
    input.submission.expected_prices = {{"MED-CEM-25", Money{2150, Currency::PLN}},
                                        {"MED-RURA-110", Money{3100, Currency::PLN}}};
    MedusaCheckout checkout(api, "tok", input);
    CHECK_FALSE(checkout.answer(recorded("orders-none")));
    CHECK_FALSE(checkout.answer(recorded("create-cart")));
    CHECK(checkout.step() == MedusaCheckout::Step::ShippingOptions);
  }
  SUBCASE("an unknown variant: Medusa's words") {
    MedusaCheckout checkout(api, "tok", recorded_checkout());
    const auto result = walk(checkout, {recorded("orders-none"), recorded("create-cart-unknown-variant")});
    REQUIRE_FALSE(result.ok());
    CHECK(result.error().kind == ErrorKind::Validation);
    CHECK(result.error().message.find("variant_nosuch do not exist") != std::string::npos);
  }
  SUBCASE("no shipping option with the configured code") {
    MedusaConfig config = test_config();
    config.shipping_option_code = "pigeon";
    const MedusaStoreApi pigeon_api(config);
    MedusaCheckout checkout(pigeon_api, "tok", recorded_checkout());
    const auto result =
        walk(checkout, {recorded("orders-none"), recorded("create-cart"), recorded("shipping-options")});
    REQUIRE_FALSE(result.ok());
    CHECK(result.error().message == "the shop offers no shipping option \"pigeon\" to this address");
  }
  SUBCASE("Medusa refuses to complete the cart") {
    MedusaCheckout checkout(api, "tok", recorded_checkout());
    const auto result = walk(
        checkout,
        {recorded("orders-none"), recorded("create-cart"), recorded("shipping-options"), recorded("add-shipping"),
         recorded("payment-collection"), recorded("payment-session"),
         HttpResponse{200, {}, R"({"type":"cart","cart":{},"error":{"message":"Payment authorization failed"}})"}});
    REQUIRE_FALSE(result.ok());
    CHECK(result.error().kind == ErrorKind::Conflict);
    CHECK(result.error().message == "the shop did not place the order: Payment authorization failed");
  }
  SUBCASE("the answer to complete is lost: the retry finds the order by its key") {
    MedusaCheckout first(api, "tok", recorded_checkout());
    const auto lost = walk(first, {recorded("orders-none"), recorded("create-cart"), recorded("shipping-options"),
                                   recorded("add-shipping"), recorded("payment-collection"),
                                   recorded("payment-session"), HttpResponse{0, {}, ""}});
    REQUIRE_FALSE(lost.ok());
    CHECK(lost.error().kind == ErrorKind::Network);
    MedusaCheckout retry(api, "tok", recorded_checkout());
    const auto found = walk(retry, {recorded("orders")});
    REQUIRE(found.ok());
    CHECK(found.value().outcome->replayed);
  }
}
