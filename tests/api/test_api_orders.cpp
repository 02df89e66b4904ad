// API tests of placing orders over real HTTP against server-mock: validation by field, repricing, the
// approval flow, idempotent retries (also across dropped responses and restarts) and persistence.
#include <doctest/doctest.h>
#include <sys/wait.h>

#include <algorithm>

#include "api_support.hpp"

using namespace api;

namespace {

bool clean_exit(int status) { return WIFEXITED(status) && WEXITSTATUS(status) == 0; }

}  // namespace

TEST_CASE("order validation names each bad field") {
  Shop shop;
  const Session buyer = shop.login("kupiec1@budmax.pl");
  const Pick good = cheap_line();
  OrderSubmission order = cheap_submission();
  std::string field, code;

  SUBCASE("quantity not a multiple of the pack") {
    const Product& p = product_with_pack_above_one();
    order.lines = {{good.product->sku, good.quantity, ""}, {p.sku, p.min_order_quantity + 1, ""}};
    field = "lines[1].quantity";
    code = "not_multiple_of_pack";
  }
  SUBCASE("quantity below the minimum") {
    const Product& p = product_with_minimum_above_pack();
    order.lines = {{p.sku, p.pack_size, ""}};
    field = "lines[0].quantity";
    code = "below_minimum";
  }
  SUBCASE("quantity zero") {
    order.lines[0].quantity = 0;
    field = "lines[0].quantity";
    code = "not_positive";
  }
  SUBCASE("quantity negative") {
    order.lines[0].quantity = -good.quantity;
    field = "lines[0].quantity";
    code = "not_positive";
  }
  SUBCASE("unknown product") {
    order.lines.push_back({"XYZ-000000", 1, ""});
    field = "lines[1].sku";
    code = "unknown_product";
  }
  SUBCASE("inactive product") {
    order.lines = {{inactive_product().sku, inactive_product().min_order_quantity, ""}};
    field = "lines[0].sku";
    code = "inactive";
  }
  SUBCASE("no lines") {
    order.lines.clear();
    field = "lines";
  }
  SUBCASE("PO number missing where the company requires one") {
    order.checkout.po_number = "";
    field = "checkout.po_number";
    code = "required";
  }
  SUBCASE("PO number blank") {
    order.checkout.po_number = "   ";
    field = "checkout.po_number";
    code = "required";
  }
  SUBCASE("PO number over 35 characters") {
    order.checkout.po_number = std::string(36, '7');
    field = "checkout.po_number";
    code = "too_long";
  }
  SUBCASE("delivery date in the past") {
    order.checkout.requested_delivery = days_from_today(-2);
    field = "checkout.requested_delivery";
    code = "in_the_past";
  }
  SUBCASE("another company's address") {
    order.checkout.ship_to_address_id = "a-4";  // c-elektroiskra's
    field = "checkout.ship_to_address_id";
    code = "unknown_address";
  }
  SUBCASE("an address that does not exist") {
    order.checkout.ship_to_address_id = "a-999";
    field = "checkout.ship_to_address_id";
    code = "unknown_address";
  }
  SUBCASE("no address") {
    order.checkout.ship_to_address_id = "";
    field = "checkout.ship_to_address_id";
    code = "required";
  }

  CAPTURE(field);
  CAPTURE(code);
  const HttpResponse response = shop.send(own_protocol().submit_order_request(buyer.token, order));
  CHECK_MESSAGE(response.status == 400, describe(response));
  const auto parsed = own_protocol().parse_submit_order(response);
  REQUIRE_FALSE(parsed.ok());
  CHECK(parsed.error().kind == ErrorKind::Validation);
  const std::vector<FieldError> fields = field_errors(response);
  const bool named = std::any_of(fields.begin(), fields.end(), [&](const FieldError& f) {
    return f.field == field && (code.empty() || f.code == code);
  });
  CHECK_MESSAGE(named, describe(response));
  CHECK(shop.orders(buyer.token).empty());
}

TEST_CASE("order validation: several problems at once, the fixed order then goes through with the same key") {
  Shop shop;
  const Session buyer = shop.login("kupiec1@budmax.pl");
  const Product& packed = product_with_pack_above_one();
  const Pick good = cheap_line();
  OrderSubmission order = submission(
      {{good.product->sku, good.quantity, ""}, {packed.sku, packed.min_order_quantity + 1, ""}}, budmax_checkout());
  order.checkout.po_number = "";
  order.checkout.requested_delivery = days_from_today(-3);

  const HttpResponse refused = shop.send(own_protocol().submit_order_request(buyer.token, order));
  CHECK_MESSAGE(refused.status == 400, describe(refused));
  CHECK(has_field_error(refused, "lines[1].quantity", "not_multiple_of_pack"));
  CHECK(has_field_error(refused, "checkout.po_number", "required"));
  CHECK(has_field_error(refused, "checkout.requested_delivery", "in_the_past"));
  CHECK_FALSE(has_field_error(refused, "lines[0].quantity", "not_multiple_of_pack"));

  order.lines[1].quantity = packed.min_order_quantity;
  order.checkout = budmax_checkout();
  const HttpResponse placed = shop.send(own_protocol().submit_order_request(buyer.token, order));
  CHECK_MESSAGE(placed.status == 201, describe(placed));
  CHECK(shop.orders(buyer.token).size() == 1);
}

TEST_CASE("order rules that let an order through") {
  Shop shop;
  SUBCASE("a PO number of exactly 35 characters, counted in letters not bytes") {
    const Session buyer = shop.login("kupiec1@budmax.pl");
    OrderSubmission order = cheap_submission();
    order.checkout.po_number = "ZAMÓWIENIE/ŁÓDŹ/ŻÓŁTA/ĆMA/2026/0001";  // 35 letters, 43 bytes
    REQUIRE(order.checkout.po_number.size() > 35);
    const HttpResponse response = shop.send(own_protocol().submit_order_request(buyer.token, order));
    CHECK_MESSAGE(response.status == 201, describe(response));
  }
  SUBCASE("a company without the PO rule orders without one") {
    const Session buyer = shop.login("kupiec1@elektroiskra.pl");
    const Pick pick = cheap_line();
    const OrderSubmission order = submission({{pick.product->sku, pick.quantity, ""}}, elektroiskra_checkout());
    const HttpResponse response = shop.send(own_protocol().submit_order_request(buyer.token, order));
    CHECK_MESSAGE(response.status == 201, describe(response));
    const auto result = own_protocol().parse_submit_order(response);
    REQUIRE(result.ok());
    REQUIRE(result.value().outcome);
    const PricedCart expected = price_lines(order.lines, seed_price_list("c-elektroiskra"));
    CHECK(result.value().outcome->order.totals.gross == expected.totals.gross);
    CHECK(result.value().outcome->order.company_id == "c-elektroiskra");
  }
  SUBCASE("no Idempotency-Key header is refused") {
    const Session buyer = shop.login("kupiec1@budmax.pl");
    HttpRequest request = own_protocol().submit_order_request(buyer.token, cheap_submission());
    request.headers.erase(std::remove_if(request.headers.begin(), request.headers.end(),
                                         [](const auto& h) { return h.first == "Idempotency-Key"; }),
                          request.headers.end());
    const HttpResponse response = shop.send(request);
    CHECK_MESSAGE(response.status == 400, describe(response));
    CHECK(shop.orders(buyer.token).empty());
  }
}

TEST_CASE("an accepted order empties the cart it came from") {
  Shop shop;
  const Session buyer = shop.login("kupiec1@budmax.pl");
  const Pick pick = cheap_line();
  const Cart cart =
      shop.create_cart(buyer.token, {"", "Na zamówienie", "", {{pick.product->sku, pick.quantity, ""}}, 0, ""});
  OrderSubmission order = submission(cart.lines, budmax_checkout());
  order.cart_id = cart.id;

  SUBCASE("accepted: emptied, version + 1") {
    shop.place(buyer.token, order);
    const std::vector<Cart> carts = shop.carts(buyer.token);
    REQUIRE(carts.size() == 1);
    CHECK(carts[0].id == cart.id);
    CHECK(carts[0].lines.empty());
    CHECK(carts[0].version == cart.version + 1);
  }
  SUBCASE("refused: the cart stays as it was") {
    order.checkout.po_number = "";
    CHECK(shop.send(own_protocol().submit_order_request(buyer.token, order)).status == 400);
    const std::vector<Cart> carts = shop.carts(buyer.token);
    REQUIRE(carts.size() == 1);
    CHECK(carts[0].lines.size() == 1);
    CHECK(carts[0].version == cart.version);
  }
}

TEST_CASE("an order with stale prices is refused with the changes, then placed at the new prices") {
  Shop shop;
  const Session buyer = shop.login("kupiec1@budmax.pl");
  const Pick first = cheap_line();
  const Pick second = cheap_line(50000, first.product->sku);
  const std::vector<CartLine> lines = {{first.product->sku, first.quantity, ""},
                                       {second.product->sku, second.quantity, ""}};
  const PriceList seen = shop.price_list(buyer.token);
  const PricedCart priced = price_lines(lines, seen);
  OrderSubmission order = submission(lines, budmax_checkout());
  order.expected_gross_total = priced.totals.gross;
  for (const PricedLine& line : priced.lines) order.expected_prices.push_back({line.sku, line.unit_net});

  SUBCASE("the prices the buyer saw still hold") {
    const OrderOutcome outcome = shop.place(buyer.token, order);
    CHECK(outcome.order.totals.gross == priced.totals.gross);
  }
  SUBCASE("a price changed: 409 with the new totals and the changed line, then the same key places it") {
    const std::int64_t old_price = entry_of(seen, first.product->sku)->unit_net_minor;
    const std::int64_t new_price = old_price + 1234;
    shop.set_price("pl-budmax", first.product->sku, new_price);
    const PriceList now = shop.price_list(buyer.token);
    CHECK(now.version > seen.version);
    REQUIRE(entry_of(now, first.product->sku) != nullptr);
    CHECK(entry_of(now, first.product->sku)->unit_net_minor == new_price);
    const PricedCart repriced_locally = price_lines(lines, now);
    REQUIRE(repriced_locally.totals.gross.minor != priced.totals.gross.minor);

    const HttpResponse response = shop.send(own_protocol().submit_order_request(buyer.token, order));
    CHECK_MESSAGE(response.status == 409, describe(response));
    const auto result = own_protocol().parse_submit_order(response);
    REQUIRE_MESSAGE(result.ok(), describe(response));
    REQUIRE_MESSAGE(result.value().repriced.has_value(), describe(response));
    const RepricedOrder& repriced = *result.value().repriced;
    CHECK(repriced.totals.gross == repriced_locally.totals.gross);
    CHECK(repriced.totals.net == repriced_locally.totals.net);
    REQUIRE(repriced.changes.size() == 1);
    CHECK(repriced.changes[0].sku == first.product->sku);
    CHECK(repriced.changes[0].reason == "price_changed");
    CHECK(repriced.changes[0].old_unit_net == pln(old_price));
    CHECK(repriced.changes[0].new_unit_net == pln(new_price));
    CHECK(shop.orders(buyer.token).empty());

    // The buyer confirms the new total; the same key now places the order.
    order.expected_gross_total = repriced.totals.gross;
    order.expected_prices[0].unit_net = pln(new_price);
    const HttpResponse placed = shop.send(own_protocol().submit_order_request(buyer.token, order));
    CHECK_MESSAGE(placed.status == 201, describe(placed));
    const auto outcome = own_protocol().parse_submit_order(placed);
    REQUIRE(outcome.ok());
    REQUIRE(outcome.value().outcome);
    CHECK(outcome.value().outcome->order.totals.gross == repriced_locally.totals.gross);
    CHECK(shop.orders(buyer.token).size() == 1);
  }
  SUBCASE("without an expected total the server's current prices are charged, never the client's") {
    const std::int64_t old_price = entry_of(seen, first.product->sku)->unit_net_minor;
    shop.set_price("pl-budmax", first.product->sku, old_price + 500);
    order.expected_gross_total.reset();
    for (ExpectedPrice& p : order.expected_prices) p.unit_net = pln(1);  // claims to have seen 1 grosz
    const OrderOutcome outcome = shop.place(buyer.token, order);
    const PricedCart server = price_lines(lines, shop.price_list(buyer.token));
    CHECK(outcome.order.totals.gross == server.totals.gross);
    REQUIRE(outcome.order.lines.size() == 2);
    CHECK(outcome.order.lines[0].unit_net == pln(old_price + 500));
  }
  SUBCASE("a product taken off sale is refused on its line") {
    shop.set_active(first.product->sku, false);
    order.expected_gross_total.reset();
    order.expected_prices.clear();
    const HttpResponse response = shop.send(own_protocol().submit_order_request(buyer.token, order));
    CHECK_MESSAGE(response.status == 400, describe(response));
    CHECK(has_field_error(response, "lines[0].sku", "inactive"));
    // The catalog's changes list it as inactive, so clients drop it.
    CatalogRequest changes;
    changes.since_version = 1;
    bool listed_inactive = false;
    for (int pages = 0; pages < 10; ++pages) {
      const auto page = own_protocol().parse_catalog(shop.send(own_protocol().catalog_request(buyer.token, changes)));
      REQUIRE(page.ok());
      for (const Product& p : page.value().products)
        if (p.sku == first.product->sku && !p.active) listed_inactive = true;
      if (page.value().next_cursor.empty()) break;
      changes.cursor = page.value().next_cursor;
    }
    CHECK(listed_inactive);
  }
}

TEST_CASE("approval flow: an order over the buyer's limit waits; an approver rejects with a comment or approves") {
  Shop shop;
  const Session buyer = shop.login("kupiec1@budmax.pl");
  const Session approver = shop.login("akceptant1@budmax.pl");
  const Session admin = shop.login("admin1@budmax.pl");

  const OrderSubmission over_limit = pending_submission();
  const Order first = shop.place(buyer.token, over_limit).order;
  const Order second = shop.place(buyer.token, submission(over_limit.lines, over_limit.checkout)).order;
  const Order small = shop.place(buyer.token, cheap_submission()).order;
  CHECK(first.status == OrderStatus::PendingApproval);
  CHECK(second.status == OrderStatus::PendingApproval);
  CHECK(small.status == OrderStatus::Placed);
  REQUIRE_FALSE(first.history.empty());
  CHECK(first.history.front().status == OrderStatus::PendingApproval);
  // The same lines are within kupiec2's 20 000 zł.
  const Session kupiec2 = shop.login("kupiec2@budmax.pl");
  CHECK(shop.place(kupiec2.token, submission(over_limit.lines, over_limit.checkout)).order.status ==
        OrderStatus::Placed);

  const auto pending =
      own_protocol().parse_list_approvals(shop.send(own_protocol().list_approvals_request(approver.token)));
  REQUIRE(pending.ok());
  std::vector<std::string> numbers;
  for (const backend::PendingApproval& p : pending.value()) numbers.push_back(p.order.number);
  std::sort(numbers.begin(), numbers.end());
  std::vector<std::string> expected = {first.number, second.number};
  std::sort(expected.begin(), expected.end());
  CHECK(numbers == expected);

  const HttpResponse by_buyer =
      shop.send(own_protocol().decide_approval_request(buyer.token, {first.number, true, ""}));
  CHECK_MESSAGE(by_buyer.status == 403, describe(by_buyer));

  const HttpResponse no_comment =
      shop.send(own_protocol().decide_approval_request(approver.token, {first.number, false, ""}));
  CHECK_MESSAGE(no_comment.status == 400, describe(no_comment));
  const std::vector<FieldError> problems = field_errors(no_comment);
  CHECK_MESSAGE(std::any_of(problems.begin(), problems.end(), [](const FieldError& f) { return f.field == "comment"; }),
                describe(no_comment));
  CHECK(shop.order(buyer.token, first.number).status == OrderStatus::PendingApproval);

  const std::string comment = "Za drogo, weź mniejsze opakowania";
  const Order rejected = shop.decide(approver.token, first.number, false, comment);
  CHECK(rejected.status == OrderStatus::Rejected);
  REQUIRE_FALSE(rejected.history.empty());
  CHECK(rejected.history.back().status == OrderStatus::Rejected);
  CHECK(rejected.history.back().by_user_id == approver.user.id);
  CHECK(rejected.history.back().comment == comment);

  const Order seen_by_buyer = shop.order(buyer.token, first.number);
  CHECK(seen_by_buyer.status == OrderStatus::Rejected);
  REQUIRE_FALSE(seen_by_buyer.history.empty());
  CHECK(seen_by_buyer.history.back().comment == comment);

  const HttpResponse twice =
      shop.send(own_protocol().decide_approval_request(approver.token, {first.number, true, ""}));
  CHECK_MESSAGE(twice.status == 409, describe(twice));
  // The same decision again (its answer was lost): the order as decided, nothing recorded twice.
  const HttpResponse again =
      shop.send(own_protocol().decide_approval_request(approver.token, {first.number, false, comment}));
  CHECK_MESSAGE(again.status == 200, describe(again));
  CHECK(own_protocol().parse_order(again).value().history.size() == rejected.history.size());
  const HttpResponse by_admin =
      shop.send(own_protocol().decide_approval_request(admin.token, {first.number, false, comment}));
  CHECK_MESSAGE(by_admin.status == 409, describe(by_admin));  // decided by someone else: said so

  const Order approved = shop.decide(admin.token, second.number, true, "");
  CHECK(approved.status == OrderStatus::Approved);
  CHECK(approved.history.back().by_user_id == admin.user.id);
  CHECK(shop.order(buyer.token, second.number).status == OrderStatus::Approved);

  const HttpResponse placed =
      shop.send(own_protocol().decide_approval_request(approver.token, {small.number, true, ""}));
  CHECK_MESSAGE(placed.status == 409, describe(placed));

  const auto left =
      own_protocol().parse_list_approvals(shop.send(own_protocol().list_approvals_request(approver.token)));
  REQUIRE(left.ok());
  CHECK(left.value().empty());
  CHECK(shop.orders(buyer.token, {OrderStatus::Rejected, std::nullopt, std::nullopt}).size() == 1);
}

TEST_CASE("retrying an order with the same key never makes a second order") {
  Shop shop;
  const Session buyer = shop.login("kupiec1@budmax.pl");
  const OrderSubmission order = cheap_submission();

  SUBCASE("the same key twice: 201, then 200 with the same order") {
    const OrderOutcome first = shop.place(buyer.token, order);
    CHECK_FALSE(first.replayed);
    const HttpResponse again = shop.send(own_protocol().submit_order_request(buyer.token, order));
    CHECK_MESSAGE(again.status == 200, describe(again));
    const OrderOutcome second = shop.place(buyer.token, order);
    CHECK(second.replayed);
    CHECK(second.order.number == first.order.number);
    CHECK(second.order.totals.gross == first.order.totals.gross);
    CHECK(shop.orders(buyer.token).size() == 1);
  }
  SUBCASE("the same key with another body is a conflict") {
    const OrderOutcome first = shop.place(buyer.token, order);
    OrderSubmission changed = order;
    changed.lines[0].quantity += cheap_line().product->pack_size;
    const HttpResponse response = shop.send(own_protocol().submit_order_request(buyer.token, changed));
    CHECK_MESSAGE(response.status == 409, describe(response));
    const auto parsed = own_protocol().parse_submit_order(response);
    REQUIRE_FALSE(parsed.ok());  // a conflict, not a repricing
    CHECK(parsed.error().kind == ErrorKind::Conflict);
    CHECK_MESSAGE(response.body.find("idempotency_key_reused") != std::string::npos, describe(response));
    const std::vector<Order> orders = shop.orders(buyer.token);
    REQUIRE(orders.size() == 1);
    CHECK(orders[0].number == first.order.number);
  }
  SUBCASE("keys belong to a company") {
    const OrderOutcome first = shop.place(buyer.token, order);
    const Session other = shop.login("kupiec1@elektroiskra.pl");
    const OrderSubmission theirs = submission(order.lines, elektroiskra_checkout(), order.idempotency_key);
    const OrderOutcome second = shop.place(other.token, theirs);
    CHECK_FALSE(second.replayed);
    CHECK(second.order.number != first.order.number);
    CHECK(second.order.company_id == "c-elektroiskra");
  }
  SUBCASE("the response is lost after the commit; the retry gets the same order") {
    shop.faults(R"({"drop_after_commit_next":1})");
    const HttpResponse lost = shop.send(own_protocol().submit_order_request(buyer.token, order));
    CHECK_MESSAGE(lost.status == 0, describe(lost));
    CHECK(own_protocol().parse_submit_order(lost).error().kind == ErrorKind::Network);
    const std::vector<Order> committed = shop.orders(buyer.token);
    REQUIRE(committed.size() == 1);
    const OrderOutcome retry = shop.place(buyer.token, order);
    CHECK(retry.replayed);
    CHECK(retry.order.number == committed[0].number);
    CHECK(shop.orders(buyer.token).size() == 1);
  }
  SUBCASE("the request is cut before the server handles it; the retry creates the order") {
    shop.faults(R"({"drop_before_next":1})");
    const HttpResponse lost = shop.send(own_protocol().submit_order_request(buyer.token, order));
    CHECK_MESSAGE(lost.status == 0, describe(lost));
    CHECK(shop.orders(buyer.token).empty());
    const OrderOutcome retry = shop.place(buyer.token, order);
    CHECK_FALSE(retry.replayed);
    CHECK(shop.orders(buyer.token).size() == 1);
  }
  SUBCASE("the response is lost, the server restarts, the retry still finds the order") {
    shop.faults(R"({"drop_after_commit_next":1})");
    CHECK(shop.send(own_protocol().submit_order_request(buyer.token, order)).status == 0);
    const int status = shop.restart();
    CHECK_MESSAGE(clean_exit(status), "server-mock's wait status on SIGTERM: " << status);
    const Session again = shop.login("kupiec1@budmax.pl");
    const OrderOutcome retry = shop.place(again.token, order);
    CHECK(retry.replayed);
    const std::vector<Order> orders = shop.orders(again.token);
    REQUIRE(orders.size() == 1);
    CHECK(orders[0].number == retry.order.number);
  }
}

TEST_CASE("carts, orders, prices and users survive a restart on the same database") {
  Shop shop;
  const Session buyer = shop.login("kupiec1@budmax.pl");
  const Pick pick = cheap_line();
  Cart cart =
      shop.create_cart(buyer.token, {"", "Budowa Legnicka", "", {{pick.product->sku, pick.quantity, "ź"}}, 0, ""});
  cart.name = "Budowa Legnicka II";
  const auto updated = own_protocol().parse_cart(shop.send(own_protocol().update_cart_request(buyer.token, cart, "")));
  REQUIRE(updated.ok());
  const Order placed = shop.place(buyer.token, cheap_submission()).order;
  const Order pending = shop.place(buyer.token, pending_submission()).order;
  const Pick priced = cheap_line(50000, pick.product->sku);
  shop.set_price("pl-budmax", priced.product->sku, 4321);
  const Session admin = shop.login("admin1@budmax.pl");
  const auto invited = own_protocol().parse_user(
      shop.send(own_protocol().invite_user_request(admin.token, {"kupiec9@budmax.pl", "Nowy", Role::Buyer, pln(100)})));
  REQUIRE(invited.ok());

  SUBCASE("a plain restart keeps everything") {
    const int status = shop.restart();
    CHECK_MESSAGE(clean_exit(status), "server-mock's wait status on SIGTERM: " << status);
    const Session again = shop.login("kupiec1@budmax.pl");
    const std::vector<Cart> carts = shop.carts(again.token);
    REQUIRE(carts.size() == 1);
    CHECK(carts[0].id == cart.id);
    CHECK(carts[0].version == 2);
    CHECK(carts[0].name == "Budowa Legnicka II");
    REQUIRE(carts[0].lines.size() == 1);
    CHECK(carts[0].lines[0].note == "ź");

    const std::vector<Order> orders = shop.orders(again.token);
    CHECK(orders.size() == 2);
    const Order reloaded = shop.order(again.token, placed.number);
    CHECK(reloaded.status == OrderStatus::Placed);
    CHECK(reloaded.totals.gross == placed.totals.gross);
    CHECK(reloaded.checkout.po_number == placed.checkout.po_number);
    CHECK(shop.order(again.token, pending.number).status == OrderStatus::PendingApproval);

    const PriceList list = shop.price_list(again.token);
    REQUIRE(entry_of(list, priced.product->sku) != nullptr);
    CHECK(entry_of(list, priced.product->sku)->unit_net_minor == 4321);  // not seeded again

    const Session admin_again = shop.login("admin1@budmax.pl");
    const auto users = own_protocol().parse_list_users(shop.send(own_protocol().list_users_request(admin_again.token)));
    REQUIRE(users.ok());
    CHECK(std::any_of(users.value().begin(), users.value().end(),
                      [](const User& u) { return u.email == "kupiec9@budmax.pl"; }));

    // New orders keep counting after the old ones.
    const Order next = shop.place(again.token, cheap_submission()).order;
    CHECK(next.number != placed.number);
    CHECK(next.number != pending.number);
  }
  SUBCASE("--reset starts from the seed again") {
    shop.restart({"--reset"});
    const Session again = shop.login("kupiec1@budmax.pl");
    CHECK(shop.carts(again.token).empty());
    CHECK(shop.orders(again.token).empty());
    const PriceList list = shop.price_list(again.token);
    CHECK(entry_of(list, priced.product->sku)->unit_net_minor ==
          entry_of(seed_price_list("c-budmax"), priced.product->sku)->unit_net_minor);
  }
}
