// API tests over real HTTP on loopback against server-mock: log in and out, token expiry, every endpoint
// once through the client's protocol code, the role x endpoint matrix (sellers too), tenant isolation and
// saved carts.
#include <doctest/doctest.h>

#include <algorithm>
#include <ctime>
#include <functional>
#include <map>
#include <set>

#include "api_support.hpp"
#include "b2b/protocol/health.hpp"
#include "b2b/wire/protocol.hpp"

using namespace api;

namespace {

HttpRequest without_auth(HttpRequest request) {
  request.headers.erase(std::remove_if(request.headers.begin(), request.headers.end(),
                                       [](const auto& h) { return h.first == "Authorization"; }),
                        request.headers.end());
  return request;
}

bool contains_order(const std::vector<Order>& orders, const std::string& number) {
  return std::any_of(orders.begin(), orders.end(), [&](const Order& o) { return o.number == number; });
}

bool contains_order(const std::vector<backend::PendingApproval>& pending, const std::string& number) {
  return std::any_of(pending.begin(), pending.end(),
                     [&](const backend::PendingApproval& p) { return p.order.number == number; });
}

bool contains_cart(const std::vector<Cart>& carts, const std::string& id) {
  return std::any_of(carts.begin(), carts.end(), [&](const Cart& c) { return c.id == id; });
}

bool same_lines(const std::vector<CartLine>& a, const std::vector<CartLine>& b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (a[i].sku != b[i].sku || a[i].quantity != b[i].quantity || a[i].note != b[i].note) return false;
  return true;
}

// The same prices and tiers per SKU, in whatever order the entries come.
bool same_entries(const PriceList& a, const PriceList& b) {
  if (a.entries.size() != b.entries.size()) return false;
  for (const PriceListEntry& x : a.entries) {
    const PriceListEntry* y = entry_of(b, x.sku);
    if (!y || x.unit_net_minor != y->unit_net_minor || x.tiers.size() != y->tiers.size()) return false;
    for (std::size_t t = 0; t < x.tiers.size(); ++t)
      if (x.tiers[t].min_quantity != y->tiers[t].min_quantity ||
          x.tiers[t].unit_net_minor != y->tiers[t].unit_net_minor)
        return false;
  }
  return true;
}

QuoteRequest cheap_quote_request() {
  const Pick pick = cheap_line();
  return {"", {{pick.product->sku, pick.quantity, ""}}, ""};
}

}  // namespace

TEST_CASE("log in: the right password opens a session; a wrong password or unknown e-mail get the same 401") {
  Shop shop;

  SUBCASE("the right password") {
    const Session session = shop.login("kupiec1@budmax.pl");
    CHECK_FALSE(session.token.empty());
    CHECK(session.user.id == user_id_of("kupiec1@budmax.pl"));
    CHECK(session.user.email == "kupiec1@budmax.pl");
    CHECK(session.user.role == Role::Buyer);
    CHECK(session.user.spending_limit == pln(500000));
    CHECK(session.user.company_id == "c-budmax");
    CHECK(session.company.id == "c-budmax");
    CHECK(session.company.po_number_required);
    CHECK(session.company.price_list_id == "pl-budmax");
    CHECK(session.company.addresses.size() == company("c-budmax").addresses.size());
    // 8 hours from now (the server's clock starts at real time; minutes of slack, not a timing test).
    const std::int64_t now = std::time(nullptr);
    CHECK(session.expires_at_unix_seconds >= now + kTokenLifetime - 600);
    CHECK(session.expires_at_unix_seconds <= now + kTokenLifetime + 600);
    const Session second = shop.login("kupiec1@budmax.pl");
    CHECK(second.token != session.token);
  }
  SUBCASE("other roles and companies") {
    CHECK(shop.login("akceptant1@budmax.pl").user.role == Role::Approver);
    CHECK(shop.login("admin1@budmax.pl").user.role == Role::Admin);
    const Session other = shop.login("kupiec1@elektroiskra.pl");
    CHECK(other.company.id == "c-elektroiskra");
    CHECK_FALSE(other.company.po_number_required);
  }
  SUBCASE("a wrong password and an unknown e-mail are refused alike") {
    const HttpResponse wrong = shop.send(own_protocol().login_request({"kupiec1@budmax.pl", "haslo-buyer-2"}));
    const HttpResponse unknown = shop.send(own_protocol().login_request({"nikt@budmax.pl", "haslo-buyer-1"}));
    CHECK_MESSAGE(wrong.status == 401, describe(wrong));
    CHECK_MESSAGE(unknown.status == 401, describe(unknown));
    CHECK(error_kind(wrong) == "auth");
    const auto parsed = own_protocol().parse_login(wrong);
    REQUIRE_FALSE(parsed.ok());
    CHECK(parsed.error().kind == ErrorKind::Auth);
    CHECK(wrong.body == unknown.body);  // nothing tells which e-mails exist
    const HttpResponse empty = shop.send(own_protocol().login_request({"kupiec1@budmax.pl", ""}));
    CHECK_MESSAGE(empty.status == 401, describe(empty));
  }
  SUBCASE("calls without a token or with an unknown one get 401") {
    const HttpResponse none = shop.send(without_auth(own_protocol().price_list_request("x")));
    CHECK_MESSAGE(none.status == 401, describe(none));
    CHECK(error_kind(none) == "auth");
    const HttpResponse bogus = shop.send(own_protocol().price_list_request("not-a-token"));
    CHECK_MESSAGE(bogus.status == 401, describe(bogus));
    CHECK(own_protocol().parse_price_list(bogus).error().kind == ErrorKind::Auth);
  }
}

TEST_CASE("logging out ends the token at once") {
  Shop shop;
  const Session session = shop.login("kupiec1@budmax.pl");
  CHECK(shop.send(own_protocol().price_list_request(session.token)).status == 200);

  const HttpResponse logout = shop.send(own_protocol().logout_request(session.token));
  CHECK_MESSAGE(logout.status == 204, describe(logout));
  CHECK(own_protocol().parse_logout(logout).ok());

  const HttpResponse after = shop.send(own_protocol().price_list_request(session.token));
  CHECK_MESSAGE(after.status == 401, describe(after));
  CHECK(own_protocol().parse_price_list(after).error().kind == ErrorKind::Auth);
  CHECK(shop.send(own_protocol().list_carts_request(session.token)).status == 401);
  // Logging in again works.
  const Session again = shop.login("kupiec1@budmax.pl");
  CHECK(shop.send(own_protocol().price_list_request(again.token)).status == 200);
}

TEST_CASE("a token expires after 8 hours of server time") {
  Shop shop;
  const Session session = shop.login("kupiec1@budmax.pl");

  SUBCASE("a minute before it expires it still works") {
    shop.advance_clock(kTokenLifetime - 60);
    const HttpResponse response = shop.send(own_protocol().price_list_request(session.token));
    CHECK_MESSAGE(response.status == 200, describe(response));
  }
  SUBCASE("after it expired it is refused, and a new login works") {
    shop.advance_clock(kTokenLifetime + 1);
    const HttpResponse response = shop.send(own_protocol().price_list_request(session.token));
    CHECK_MESSAGE(response.status == 401, describe(response));
    CHECK(own_protocol().parse_price_list(response).error().kind == ErrorKind::Auth);
    const Session fresh = shop.login("kupiec1@budmax.pl");
    // The new session is stamped with the advanced clock.
    CHECK(fresh.expires_at_unix_seconds - session.expires_at_unix_seconds >= kTokenLifetime + 1);
    CHECK(shop.send(own_protocol().price_list_request(fresh.token)).status == 200);
  }
}

TEST_CASE("every endpoint answers once through the client's protocol code") {
  Shop shop;

  SUBCASE("health") {
    const HttpResponse response = shop.send(protocol::build_health_request());
    const auto health = protocol::parse_health_response(response);
    REQUIRE_MESSAGE(health.ok(), describe(response));
    CHECK(health.value().server.rfind("server-mock", 0) == 0);
    CHECK(health.value().protocol_version == 1);
  }

  const Session buyer = shop.login("kupiec1@budmax.pl");

  SUBCASE("catalog, page by page, then changes since its version") {
    std::vector<Product> all;
    CatalogRequest request;
    request.limit = 100;
    std::int64_t version = 0;
    int pages = 0;
    for (;;) {
      REQUIRE(++pages <= 10);
      const HttpResponse response = shop.send(own_protocol().catalog_request(buyer.token, request));
      const auto page = own_protocol().parse_catalog(response);
      REQUIRE_MESSAGE(page.ok(), describe(response));
      CHECK(page.value().products.size() <= 100);
      CHECK(page.value().catalog_version > 0);
      version = page.value().catalog_version;
      all.insert(all.end(), page.value().products.begin(), page.value().products.end());
      if (page.value().next_cursor.empty()) break;
      request.cursor = page.value().next_cursor;
    }
    CHECK(pages >= 3);
    REQUIRE(all.size() == kProducts);
    std::set<std::string> skus;
    for (const Product& p : all) skus.insert(p.sku);
    CHECK(skus.size() == kProducts);
    for (const Product& p : all) {
      CAPTURE(p.sku);
      const Product& seeded = product(p.sku);
      CHECK(p.ean == seeded.ean);
      CHECK(p.name.pl == seeded.name.pl);
      CHECK(p.name.en == seeded.name.en);
      CHECK(p.pack_size == seeded.pack_size);
      CHECK(p.min_order_quantity == seeded.min_order_quantity);
      CHECK(p.vat == seeded.vat);
      CHECK(p.unit == seeded.unit);
      CHECK(p.active == seeded.active);  // inactive products are listed too, so clients drop them
    }
    CatalogRequest changes;
    changes.since_version = version;
    const HttpResponse response = shop.send(own_protocol().catalog_request(buyer.token, changes));
    const auto page = own_protocol().parse_catalog(response);
    REQUIRE_MESSAGE(page.ok(), describe(response));
    CHECK(page.value().products.empty());
    CHECK(page.value().next_cursor.empty());
  }

  SUBCASE("search by SKU and by EAN") {
    const Product& wanted = *cheap_line().product;
    for (const std::string& text : {wanted.sku, wanted.ean}) {
      CAPTURE(text);
      const HttpResponse response = shop.send(own_protocol().search_request(buyer.token, {text, 20}));
      const auto found = own_protocol().parse_search(response);
      REQUIRE_MESSAGE(found.ok(), describe(response));
      CHECK(std::any_of(found.value().begin(), found.value().end(),
                        [&](const Product& p) { return p.sku == wanted.sku; }));
      CHECK(found.value().size() <= 20);
    }
    const HttpResponse limited = shop.send(own_protocol().search_request(buyer.token, {wanted.sku.substr(0, 3), 5}));
    const auto few = own_protocol().parse_search(limited);
    REQUIRE_MESSAGE(few.ok(), describe(limited));
    CHECK_FALSE(few.value().empty());
    CHECK(few.value().size() <= 5);
  }

  SUBCASE("the company's price list") {
    const PriceList list = shop.price_list(buyer.token);
    CHECK(list.id == "pl-budmax");
    CHECK(list.company_id == "c-budmax");
    CHECK(list.currency == Currency::PLN);
    CHECK(list.version >= 1);
    CHECK(same_entries(list, seed_price_list("c-budmax")));
  }

  SUBCASE("carts: list, create, update, delete") {
    CHECK(shop.carts(buyer.token).empty());
    const Pick pick = cheap_line();
    Cart cart =
        shop.create_cart(buyer.token, {"", "Budowa Legnicka", "", {{pick.product->sku, pick.quantity, "x"}}, 0, ""});
    CHECK(contains_cart(shop.carts(buyer.token), cart.id));
    cart.name = "Budowa Głogowska";
    const HttpResponse updated = shop.send(own_protocol().update_cart_request(buyer.token, cart, ""));
    const auto parsed = own_protocol().parse_cart(updated);
    REQUIRE_MESSAGE(parsed.ok(), describe(updated));
    CHECK(parsed.value().name == "Budowa Głogowska");
    const HttpResponse deleted = shop.send(own_protocol().delete_cart_request(buyer.token, cart.id));
    CHECK_MESSAGE(deleted.status == 204, describe(deleted));
    CHECK(own_protocol().parse_delete_cart(deleted).ok());
    CHECK(shop.carts(buyer.token).empty());
  }

  SUBCASE("orders: place, list with filters, get") {
    const Pick pick = cheap_line();
    const std::vector<CartLine> lines = {{pick.product->sku, pick.quantity, "na poniedziałek"}};
    const OrderSubmission submitted = submission(lines, budmax_checkout());
    const HttpResponse response = shop.send(own_protocol().submit_order_request(buyer.token, submitted));
    CHECK_MESSAGE(response.status == 201, describe(response));
    const auto result = own_protocol().parse_submit_order(response);
    REQUIRE_MESSAGE(result.ok(), describe(response));
    REQUIRE(result.value().outcome);
    const OrderOutcome outcome = *result.value().outcome;
    CHECK_FALSE(outcome.replayed);
    const Order& order = outcome.order;
    CHECK(order.number.rfind("ZAM/", 0) == 0);
    CHECK(order.company_id == "c-budmax");
    CHECK(order.buyer_user_id == buyer.user.id);
    CHECK(order.status == OrderStatus::Placed);
    // The server's prices, computed with the shared pricing code, are the ones the client computes.
    const PricedCart expected = price_lines(lines, seed_price_list("c-budmax"));
    REQUIRE(order.lines.size() == 1);
    CHECK(order.lines[0].sku == pick.product->sku);
    CHECK(order.lines[0].quantity == pick.quantity);
    CHECK(order.lines[0].unit_net == expected.lines[0].unit_net);
    CHECK(order.lines[0].vat_amount == expected.lines[0].vat_amount);
    CHECK(order.lines[0].note == "na poniedziałek");
    CHECK(order.totals.net == expected.totals.net);
    CHECK(order.totals.vat == expected.totals.vat);
    CHECK(order.totals.gross == expected.totals.gross);
    CHECK(order.checkout.po_number == submitted.checkout.po_number);
    CHECK(order.checkout.cost_centre == submitted.checkout.cost_centre);
    CHECK(order.checkout.ship_to_address_id == "a-1");
    CHECK(order.checkout.requested_delivery == submitted.checkout.requested_delivery);
    REQUIRE_FALSE(order.history.empty());
    CHECK(order.history.front().status == OrderStatus::Placed);
    CHECK(order.history.front().by_user_id == buyer.user.id);

    CHECK(contains_order(shop.orders(buyer.token), order.number));
    CHECK(contains_order(shop.orders(buyer.token, {OrderStatus::Placed, std::nullopt, std::nullopt}), order.number));
    CHECK_FALSE(contains_order(shop.orders(buyer.token, {OrderStatus::PendingApproval, std::nullopt, std::nullopt}),
                               order.number));
    CHECK(contains_order(shop.orders(buyer.token, {std::nullopt, days_from_today(-1), days_from_today(1)}),
                         order.number));
    CHECK(shop.orders(buyer.token, {std::nullopt, days_from_today(2), std::nullopt}).empty());
    CHECK(shop.orders(buyer.token, {std::nullopt, std::nullopt, days_from_today(-2)}).empty());

    const Order fetched = shop.order(buyer.token, order.number);
    CHECK(fetched.number == order.number);
    CHECK(fetched.totals.gross == order.totals.gross);
    const HttpResponse missing = shop.send(own_protocol().get_order_request(buyer.token, "ZAM/2026/999999"));
    CHECK_MESSAGE(missing.status == 404, describe(missing));
    CHECK(own_protocol().parse_order(missing).error().kind == ErrorKind::NotFound);
  }

  SUBCASE("approvals: list and decide") {
    const Order pending = shop.place(buyer.token, pending_submission()).order;
    CHECK(pending.status == OrderStatus::PendingApproval);
    const Session approver = shop.login("akceptant1@budmax.pl");
    const HttpResponse response = shop.send(own_protocol().list_approvals_request(approver.token));
    const auto approvals = own_protocol().parse_list_approvals(response);
    REQUIRE_MESSAGE(approvals.ok(), describe(response));
    CHECK(contains_order(approvals.value(), pending.number));
    for (const backend::PendingApproval& waiting : approvals.value()) {
      if (waiting.order.number != pending.number) continue;
      CHECK(waiting.buyer_email == buyer.user.email);
      CHECK(waiting.buyer_name == buyer.user.name);
      CHECK(waiting.spending_limit == buyer.user.spending_limit);
      CHECK(waiting.over_limit.minor == pending.totals.net.minor - buyer.user.spending_limit.minor);
      CHECK(waiting.over_limit.minor > 0);
    }
    const Order decided = shop.decide(approver.token, pending.number, true, "");
    CHECK(decided.status == OrderStatus::Approved);
  }

  SUBCASE("users: list, invite, change") {
    const Session admin = shop.login("admin1@budmax.pl");
    const HttpResponse listed = shop.send(own_protocol().list_users_request(admin.token));
    const auto users = own_protocol().parse_list_users(listed);
    REQUIRE_MESSAGE(users.ok(), describe(listed));
    CHECK(users.value().size() == 4);

    const UserInvite invite{"kupiec3@budmax.pl", "Jan Kowalski", Role::Buyer, pln(300000)};
    const HttpResponse invited = shop.send(own_protocol().invite_user_request(admin.token, invite));
    CHECK_MESSAGE(invited.status == 201, describe(invited));
    const auto user = own_protocol().parse_user(invited);
    REQUIRE_MESSAGE(user.ok(), describe(invited));
    CHECK_FALSE(user.value().id.empty());
    CHECK(user.value().company_id == "c-budmax");
    CHECK(user.value().email == "kupiec3@budmax.pl");
    CHECK(user.value().role == Role::Buyer);
    CHECK(user.value().spending_limit == pln(300000));
    // The same invitation again (its answer was lost): 200 and the same user; anything else is taken.
    const HttpResponse invited_again = shop.send(own_protocol().invite_user_request(admin.token, invite));
    CHECK_MESSAGE(invited_again.status == 200, describe(invited_again));
    CHECK(own_protocol().parse_user(invited_again).value().id == user.value().id);
    UserInvite other_name = invite;
    other_name.name = "Janina Kowalska";
    const HttpResponse taken = shop.send(own_protocol().invite_user_request(admin.token, other_name));
    CHECK_MESSAGE(taken.status == 409, describe(taken));
    CHECK(own_protocol().parse_user(taken).error().field == "email");
    const Session other_admin = shop.login("admin1@elektroiskra.pl");
    const HttpResponse elsewhere = shop.send(own_protocol().invite_user_request(other_admin.token, invite));
    CHECK_MESSAGE(elsewhere.status == 409, describe(elsewhere));  // another company's user stays theirs

    UserChange change;
    change.user_id = user.value().id;
    change.role = Role::Approver;
    const HttpResponse changed = shop.send(own_protocol().change_user_request(admin.token, change));
    const auto after = own_protocol().parse_user(changed);
    REQUIRE_MESSAGE(after.ok(), describe(changed));
    CHECK(after.value().role == Role::Approver);
    CHECK(after.value().spending_limit == pln(300000));  // absent fields stay as they are
    CHECK(after.value().active);
    CHECK(after.value().email == "kupiec3@budmax.pl");

    const auto again = own_protocol().parse_list_users(shop.send(own_protocol().list_users_request(admin.token)));
    REQUIRE(again.ok());
    CHECK(again.value().size() == 5);
  }

  SUBCASE("logout") {
    const HttpResponse response = shop.send(own_protocol().logout_request(buyer.token));
    CHECK_MESSAGE(response.status == 204, describe(response));
  }
}

TEST_CASE("roles: who may call which endpoint") {
  Shop shop;
  const Session buyer_for_orders = shop.login("kupiec1@budmax.pl");
  const Order company_order = shop.place(buyer_for_orders.token, cheap_submission()).order;
  const Session seller = shop.login("sprzedawca@hurtownia.pl");
  const Quote company_quote = shop.request_quote(buyer_for_orders.token, cheap_quote_request());
  const std::string kupiec2_id = user_id_of("kupiec2@budmax.pl");
  int invites = 0;

  struct Row {
    const char* name;
    // Builds the request for a user of this role; may first set up what it needs (an own cart, a pending order).
    std::function<HttpRequest(const Session&)> make;
    int buyer, approver, admin, seller;
  };
  const std::vector<Row> rows = {
      {"GET catalog", [&](const Session& s) { return own_protocol().catalog_request(s.token, {}); }, 200, 200, 200,
       200},
      {"GET search",
       [&](const Session& s) {
         return own_protocol().search_request(s.token, {cheap_line().product->sku, 20});
       },
       200, 200, 200, 200},
      {"GET price-list", [&](const Session& s) { return own_protocol().price_list_request(s.token); }, 200, 200, 200,
       200},
      {"GET carts", [&](const Session& s) { return own_protocol().list_carts_request(s.token); }, 200, 200, 200, 200},
      {"POST carts",
       [&](const Session& s) {
         return own_protocol().create_cart_request(s.token, {"", "Nowy", "", {}, 0, ""}, "");
       },
       201, 201, 201, 201},
      {"PUT carts/{own}",
       [&](const Session& s) {
         Cart own = shop.create_cart(s.token, {"", "Mój", "", {}, 0, ""});
         own.name = "Mój 2";
         return own_protocol().update_cart_request(s.token, own, "");
       },
       200, 200, 200, 200},
      {"DELETE carts/{own}",
       [&](const Session& s) {
         const Cart own = shop.create_cart(s.token, {"", "Do usunięcia", "", {}, 0, ""});
         return own_protocol().delete_cart_request(s.token, own.id);
       },
       204, 204, 204, 204},
      {"POST orders",
       [&](const Session& s) { return own_protocol().submit_order_request(s.token, cheap_submission()); }, 201, 403,
       201, 403},
      {"GET orders", [&](const Session& s) { return own_protocol().list_orders_request(s.token, {}); }, 200, 200, 200,
       200},
      {"GET orders/{number}",
       [&](const Session& s) { return own_protocol().get_order_request(s.token, company_order.number); }, 200, 200, 200,
       404},
      {"GET approvals", [&](const Session& s) { return own_protocol().list_approvals_request(s.token); }, 403, 200, 200,
       403},
      {"POST approvals/{number}",
       [&](const Session& s) {
         const Order pending = shop.place(buyer_for_orders.token, pending_submission()).order;
         return own_protocol().decide_approval_request(s.token, {pending.number, true, "ok"});
       },
       403, 200, 200, 403},
      {"GET users", [&](const Session& s) { return own_protocol().list_users_request(s.token); }, 403, 403, 200, 403},
      {"POST users",
       [&](const Session& s) {
         const std::string email = "nowy" + std::to_string(++invites) + "@budmax.pl";
         return own_protocol().invite_user_request(s.token, {email, "Nowy Pracownik", Role::Buyer, pln(100000)});
       },
       403, 403, 201, 403},
      {"PATCH users/{id}",
       [&](const Session& s) {
         UserChange change;
         change.user_id = kupiec2_id;
         change.spending_limit = pln(2100000);
         return own_protocol().change_user_request(s.token, change);
       },
       403, 403, 200, 403},
      {"POST quotes",
       [&](const Session& s) { return own_protocol().request_quote_request(s.token, cheap_quote_request(), ""); }, 201,
       403, 201, 403},
      {"GET quotes", [&](const Session& s) { return own_protocol().list_quotes_request(s.token); }, 200, 200, 200, 200},
      {"POST quotes/{number}/answer",
       [&](const Session& s) {
         const Quote asked = shop.request_quote(buyer_for_orders.token, cheap_quote_request());
         return own_protocol().answer_quote_request(s.token, answer_for(asked, 1000));
       },
       403, 403, 403, 200},
      {"POST quotes/{number}/accept (of kupiec1)",
       [&](const Session& s) {
         const Quote asked = shop.request_quote(buyer_for_orders.token, cheap_quote_request());
         shop.answer_quote(seller.token, answer_for(asked, 1000));
         return own_protocol().accept_quote_request(s.token, {asked.number, new_key(), budmax_checkout()});
       },
       201, 403, 201, 403},
      {"GET quotes/{number} (of kupiec1)",
       [&](const Session& s) { return get_quote_request(s.token, company_quote.number); }, 200, 200, 200, 200},
      {"POST auth/logout",
       [&](const Session& s) { return own_protocol().logout_request(shop.login(s.user.email).token); }, 204, 204, 204,
       204},
  };
  const std::vector<std::pair<std::string, std::string>> users = {{"buyer", "kupiec1@budmax.pl"},
                                                                  {"approver", "akceptant1@budmax.pl"},
                                                                  {"admin", "admin1@budmax.pl"},
                                                                  {"seller", "sprzedawca@hurtownia.pl"}};

  for (const Row& row : rows) {
    CAPTURE(row.name);
    for (std::size_t r = 0; r < users.size(); ++r) {
      const std::string& role = users[r].first;
      CAPTURE(role);
      const Session session = shop.login(users[r].second);
      const int expected = r == 0 ? row.buyer : r == 1 ? row.approver : r == 2 ? row.admin : row.seller;
      const HttpResponse response = shop.send(row.make(session));
      CHECK_MESSAGE(response.status == expected, describe(response));
      if (expected == 403) CHECK(error_kind(response) == "forbidden");
    }
    // Without a token every one of them is 401.
    const Session session = shop.login("admin1@budmax.pl");
    const HttpResponse anonymous = shop.send(without_auth(row.make(session)));
    CHECK_MESSAGE(anonymous.status == 401, "without a token: " << describe(anonymous));
  }
}

TEST_CASE("tenant isolation: a company sees only its own carts, orders, users and prices") {
  Shop shop;
  const Session kupiec1 = shop.login("kupiec1@budmax.pl");
  const Session kupiec2 = shop.login("kupiec2@budmax.pl");
  const Session other_buyer = shop.login("kupiec1@elektroiskra.pl");
  const Session other_approver = shop.login("akceptant1@elektroiskra.pl");
  const Session other_admin = shop.login("admin1@elektroiskra.pl");

  SUBCASE("carts belong to their owner") {
    const Pick pick = cheap_line();
    const Cart cart =
        shop.create_cart(kupiec1.token, {"", "Budmax", "", {{pick.product->sku, pick.quantity, ""}}, 0, ""});
    CHECK_FALSE(contains_cart(shop.carts(kupiec2.token), cart.id));
    CHECK_FALSE(contains_cart(shop.carts(other_buyer.token), cart.id));
    for (const Session* intruder : {&kupiec2, &other_buyer, &other_admin}) {
      CAPTURE(intruder->user.email);
      Cart edit = cart;
      edit.name = "przejęty";
      edit.lines.clear();
      const HttpResponse put = shop.send(own_protocol().update_cart_request(intruder->token, edit, ""));
      CHECK_MESSAGE(put.status == 404, describe(put));
      const HttpResponse del = shop.send(own_protocol().delete_cart_request(intruder->token, cart.id));
      CHECK_MESSAGE(del.status == 404, describe(del));
    }
    const std::vector<Cart> mine = shop.carts(kupiec1.token);
    REQUIRE(mine.size() == 1);
    CHECK(mine[0].version == 1);
    CHECK(mine[0].name == "Budmax");
    CHECK(same_lines(mine[0].lines, cart.lines));
  }

  SUBCASE("orders belong to their company, and a buyer sees only their own") {
    const Order placed = shop.place(kupiec1.token, cheap_submission()).order;
    const Order pending = shop.place(kupiec1.token, pending_submission()).order;
    REQUIRE(pending.status == OrderStatus::PendingApproval);

    for (const Session* outsider : {&other_buyer, &other_approver, &other_admin}) {
      CAPTURE(outsider->user.email);
      const std::vector<Order> seen = shop.orders(outsider->token);
      CHECK_FALSE(contains_order(seen, placed.number));
      CHECK_FALSE(contains_order(seen, pending.number));
      const HttpResponse get = shop.send(own_protocol().get_order_request(outsider->token, placed.number));
      CHECK_MESSAGE(get.status == 404, describe(get));
    }
    const auto approvals =
        own_protocol().parse_list_approvals(shop.send(own_protocol().list_approvals_request(other_approver.token)));
    REQUIRE(approvals.ok());
    CHECK_FALSE(contains_order(approvals.value(), pending.number));
    const HttpResponse decide =
        shop.send(own_protocol().decide_approval_request(other_approver.token, {pending.number, true, "nie nasze"}));
    CHECK_MESSAGE(decide.status == 404, describe(decide));
    CHECK(shop.order(kupiec1.token, pending.number).status == OrderStatus::PendingApproval);

    // Another buyer of the same company does not see them; approvers and admins of it do.
    const std::vector<Order> of_kupiec2 = shop.orders(kupiec2.token);
    CHECK_FALSE(contains_order(of_kupiec2, placed.number));
    CHECK_FALSE(contains_order(of_kupiec2, pending.number));
    const HttpResponse colleague = shop.send(own_protocol().get_order_request(kupiec2.token, placed.number));
    CHECK_MESSAGE((colleague.status == 404 || colleague.status == 403), describe(colleague));
    for (const char* email : {"akceptant1@budmax.pl", "admin1@budmax.pl"}) {
      CAPTURE(email);
      const std::vector<Order> seen = shop.orders(shop.login(email).token);
      CHECK(contains_order(seen, placed.number));
      CHECK(contains_order(seen, pending.number));
    }
  }

  SUBCASE("an admin sees and changes only their company's users") {
    const auto listed =
        own_protocol().parse_list_users(shop.send(own_protocol().list_users_request(other_admin.token)));
    REQUIRE(listed.ok());
    CHECK(listed.value().size() == 3);
    for (const User& u : listed.value()) {
      CAPTURE(u.email);
      CHECK(u.company_id == "c-elektroiskra");
      CHECK(u.email.find("@elektroiskra.pl") != std::string::npos);
    }
    UserChange change;
    change.user_id = user_id_of("kupiec1@budmax.pl");
    change.role = Role::Admin;
    const HttpResponse patch = shop.send(own_protocol().change_user_request(other_admin.token, change));
    CHECK_MESSAGE(patch.status == 404, describe(patch));
    CHECK(shop.login("kupiec1@budmax.pl").user.role == Role::Buyer);

    const HttpResponse invited = shop.send(own_protocol().invite_user_request(
        other_admin.token, {"nowa@elektroiskra.pl", "Nowa", Role::Buyer, pln(1000)}));
    const auto user = own_protocol().parse_user(invited);
    REQUIRE_MESSAGE(user.ok(), describe(invited));
    CHECK(user.value().company_id == "c-elektroiskra");
    const Session budmax_admin = shop.login("admin1@budmax.pl");
    const auto budmax_users =
        own_protocol().parse_list_users(shop.send(own_protocol().list_users_request(budmax_admin.token)));
    REQUIRE(budmax_users.ok());
    CHECK(budmax_users.value().size() == 4);
    for (const User& u : budmax_users.value()) CHECK(u.company_id == "c-budmax");
  }

  SUBCASE("each company gets its own price list") {
    const PriceList budmax = shop.price_list(kupiec1.token);
    const PriceList elektro = shop.price_list(other_buyer.token);
    CHECK(budmax.id == "pl-budmax");
    CHECK(elektro.id == "pl-elektroiskra");
    CHECK(elektro.company_id == "c-elektroiskra");
    CHECK(same_entries(budmax, seed_price_list("c-budmax")));
    CHECK(same_entries(elektro, seed_price_list("c-elektroiskra")));
    int differing = 0;
    for (const PriceListEntry& entry : budmax.entries) {
      const PriceListEntry* other = entry_of(elektro, entry.sku);
      if (other && other->unit_net_minor != entry.unit_net_minor) ++differing;
    }
    CHECK(differing > 0);
  }
}

TEST_CASE("saved carts: create, update, a stale version is refused, delete") {
  Shop shop;
  const Session buyer = shop.login("kupiec1@budmax.pl");
  const Pick first = cheap_line();
  const Pick second = cheap_line(50000, first.product->sku);

  // Id and version sent on create are ignored.
  const Cart draft{
      "k-hijack", "Budowa Legnicka", "u-someone-else", {{first.product->sku, first.quantity, "na poniedziałek"}}, 7,
      ""};
  const Cart created = shop.create_cart(buyer.token, draft);
  CHECK_FALSE(created.id.empty());
  CHECK(created.id != "k-hijack");
  CHECK(created.version == 1);
  CHECK(created.owner_user_id == buyer.user.id);
  CHECK(created.name == "Budowa Legnicka");
  CHECK(same_lines(created.lines, draft.lines));

  Cart edit = created;
  edit.lines.push_back({second.product->sku, second.quantity, ""});
  const HttpResponse updated = shop.send(own_protocol().update_cart_request(buyer.token, edit, ""));
  CHECK_MESSAGE(updated.status == 200, describe(updated));
  const auto v2 = own_protocol().parse_cart(updated);
  REQUIRE_MESSAGE(v2.ok(), describe(updated));
  CHECK(v2.value().id == created.id);
  CHECK(v2.value().version == 2);
  CHECK(same_lines(v2.value().lines, edit.lines));

  SUBCASE("an update of an older version is a conflict and changes nothing") {
    Cart stale = created;  // version 1, edited in a second tab
    stale.name = "Z drugiej karty";
    stale.lines.clear();
    const HttpResponse response = shop.send(own_protocol().update_cart_request(buyer.token, stale, ""));
    CHECK_MESSAGE(response.status == 409, describe(response));
    const auto parsed = own_protocol().parse_cart(response);
    REQUIRE_FALSE(parsed.ok());
    CHECK(parsed.error().kind == ErrorKind::Conflict);
    const std::vector<Cart> carts = shop.carts(buyer.token);
    REQUIRE(carts.size() == 1);
    CHECK(carts[0].version == 2);
    CHECK(carts[0].name == "Budowa Legnicka");
    CHECK(same_lines(carts[0].lines, edit.lines));
    // Editing the version the server has works.
    Cart fresh = carts[0];
    fresh.name = "Po odświeżeniu";
    const auto v3 = own_protocol().parse_cart(shop.send(own_protocol().update_cart_request(buyer.token, fresh, "")));
    REQUIRE(v3.ok());
    CHECK(v3.value().version == 3);
  }
  SUBCASE("a deleted cart is gone") {
    const HttpResponse deleted = shop.send(own_protocol().delete_cart_request(buyer.token, created.id));
    CHECK_MESSAGE(deleted.status == 204, describe(deleted));
    CHECK(shop.carts(buyer.token).empty());
    const HttpResponse again = shop.send(own_protocol().delete_cart_request(buyer.token, created.id));
    CHECK_MESSAGE(again.status == 404, describe(again));
    Cart late = v2.value();
    const HttpResponse update = shop.send(own_protocol().update_cart_request(buyer.token, late, ""));
    CHECK_MESSAGE(update.status == 404, describe(update));
  }
  SUBCASE("a user keeps several carts") {
    const Cart another = shop.create_cart(buyer.token, {"", "Magazyn", "", {}, 0, ""});
    CHECK(another.id != created.id);
    const std::vector<Cart> carts = shop.carts(buyer.token);
    CHECK(carts.size() == 2);
    CHECK(contains_cart(carts, created.id));
    CHECK(contains_cart(carts, another.id));
  }
}

TEST_CASE("a cart created again under its Idempotency-Key is the cart the first create made") {
  Shop shop;
  const Session buyer = shop.login("kupiec1@budmax.pl");
  const Pick pick = cheap_line();
  const Cart draft{"", "Budowa Legnicka", "", {{pick.product->sku, pick.quantity, ""}}, 0, ""};
  const auto create = [&](const Session& session, const Cart& cart, const std::string& key) {
    return shop.send(own_protocol().create_cart_request(session.token, cart, key));
  };
  const HttpResponse first = create(buyer, draft, "local-dev1-1");
  CHECK_MESSAGE(first.status == 201, describe(first));
  const Cart made = own_protocol().parse_cart(first).value();

  SUBCASE("the same key again: 200 with the same cart, nothing created") {
    const HttpResponse again = create(buyer, draft, "local-dev1-1");
    CHECK_MESSAGE(again.status == 200, describe(again));
    CHECK(own_protocol().parse_cart(again).value().id == made.id);
    CHECK(shop.carts(buyer.token).size() == 1);
  }
  SUBCASE("the same key after the cart was edited: the cart as it is now, for the client to update") {
    Cart edit = made;
    edit.name = "Po zmianie";
    REQUIRE(own_protocol().parse_cart(shop.send(own_protocol().update_cart_request(buyer.token, edit, ""))).ok());
    Cart edited_here = draft;
    edited_here.lines.clear();
    const HttpResponse again = create(buyer, edited_here, "local-dev1-1");
    CHECK_MESSAGE(again.status == 200, describe(again));
    const Cart answer = own_protocol().parse_cart(again).value();
    CHECK(answer.id == made.id);
    CHECK(answer.version == 2);
    CHECK(answer.name == "Po zmianie");
    CHECK(shop.carts(buyer.token).size() == 1);
  }
  SUBCASE("another key, no key, or another user's same key: new carts") {
    CHECK(create(buyer, draft, "local-dev1-2").status == 201);
    CHECK(create(buyer, draft, "").status == 201);
    CHECK(create(buyer, draft, "").status == 201);
    CHECK(shop.carts(buyer.token).size() == 4);
    const Session colleague = shop.login("kupiec2@budmax.pl");
    const HttpResponse theirs = create(colleague, draft, "local-dev1-1");
    CHECK_MESSAGE(theirs.status == 201, describe(theirs));
    CHECK(own_protocol().parse_cart(theirs).value().id != made.id);
    CHECK(own_protocol().parse_cart(theirs).value().owner_user_id == colleague.user.id);
  }
  SUBCASE("a deleted cart's key makes a new cart") {
    REQUIRE(shop.send(own_protocol().delete_cart_request(buyer.token, made.id)).status == 204);
    const HttpResponse again = create(buyer, draft, "local-dev1-1");
    CHECK_MESSAGE(again.status == 201, describe(again));
    CHECK(own_protocol().parse_cart(again).value().id != made.id);
  }
  SUBCASE("a key over 200 characters is refused, naming the header") {
    const HttpResponse refused = create(buyer, draft, std::string(201, 'k'));
    CHECK_MESSAGE(refused.status == 400, describe(refused));
    const auto parsed = own_protocol().parse_cart(refused);
    REQUIRE_FALSE(parsed.ok());
    CHECK(parsed.error().field == "Idempotency-Key");
    CHECK(shop.carts(buyer.token).size() == 1);
  }
}

TEST_CASE("a cart updated again under its Idempotency-Key gets the version that key made, and lists that key") {
  Shop shop;
  const Session buyer = shop.login("kupiec1@budmax.pl");
  const Pick first = cheap_line();
  const Pick second = cheap_line(50000, first.product->sku);
  const Cart created =
      shop.create_cart(buyer.token, {"", "Hala", "", {{first.product->sku, first.quantity, ""}}, 0, ""});
  const auto update = [&](const Cart& cart, const std::string& key) {
    return shop.send(own_protocol().update_cart_request(buyer.token, cart, key));
  };
  Cart edit = created;  // version 1
  edit.lines.push_back({second.product->sku, second.quantity, ""});
  const HttpResponse first_update = update(edit, "dev1/k@1");
  CHECK_MESSAGE(first_update.status == 200, describe(first_update));
  const Cart v2 = own_protocol().parse_cart(first_update).value();
  CHECK(v2.version == 2);
  CHECK(v2.update_key == "dev1/k@1");
  CHECK(shop.carts(buyer.token).at(0).update_key == "dev1/k@1");  // a device that lost the answer sees it here

  SUBCASE("the same key again, also with other lines: 200 with the version it made, nothing stored") {
    Cart retried = edit;
    retried.lines.pop_back();
    const HttpResponse again = update(retried, "dev1/k@1");
    CHECK_MESSAGE(again.status == 200, describe(again));
    const Cart answer = own_protocol().parse_cart(again).value();
    CHECK(answer.version == 2);
    CHECK(same_lines(answer.lines, v2.lines));
    CHECK(shop.carts(buyer.token).at(0).version == 2);
  }
  SUBCASE("another key or no key on the old version: a conflict, as without keys") {
    CHECK(update(edit, "dev2/k@1").status == 409);
    CHECK(update(edit, "").status == 409);
    CHECK(shop.carts(buyer.token).at(0).version == 2);
  }
  SUBCASE("once a later write made the cart, the key is an old version's: a conflict") {
    Cart later = v2;
    later.name = "Hala po zmianie";
    const Cart v3 = own_protocol().parse_cart(update(later, "")).value();
    CHECK(v3.version == 3);
    CHECK(v3.update_key.empty());
    CHECK(update(edit, "dev1/k@1").status == 409);
  }
  SUBCASE("an order emptying the cart is a write of its own") {
    OrderSubmission order = submission(v2.lines, budmax_checkout());
    order.cart_id = created.id;
    shop.place(buyer.token, order);
    const Cart emptied = shop.carts(buyer.token).at(0);
    CHECK(emptied.lines.empty());
    CHECK(emptied.update_key.empty());
    CHECK(update(edit, "dev1/k@1").status == 409);
  }
  SUBCASE("a key over 200 characters is refused, naming the header, and nothing is stored") {
    Cart more = v2;
    more.name = "Za długi klucz";
    const auto refused = own_protocol().parse_cart(update(more, std::string(201, 'k')));
    REQUIRE_FALSE(refused.ok());
    CHECK(refused.error().field == "Idempotency-Key");
    CHECK(shop.carts(buyer.token).at(0).version == 2);
  }
}

TEST_CASE("categories: every path with its number of active products, for browsing") {
  Shop shop;
  const Session session = shop.login("kupiec1@budmax.pl");
  const auto categories = own_protocol().parse_categories(shop.send(own_protocol().categories_request(session.token)));
  REQUIRE(categories.ok());
  std::int64_t top_level_total = 0;
  std::size_t active = 0;
  for (const Product& product : seed_data().products) active += product.active;
  std::map<std::string, std::int64_t> children_total;
  for (const backend::Category& category : categories.value()) {
    CHECK(category.product_count > 0);
    if (category.path.size() == 1) top_level_total += category.product_count;
    if (category.path.size() == 2) children_total[category.path[0]] += category.product_count;
  }
  CHECK(top_level_total == static_cast<std::int64_t>(active));
  for (const backend::Category& category : categories.value()) {
    if (category.path.size() == 1) CHECK(children_total[category.path[0]] == category.product_count);
  }
  CHECK(std::is_sorted(categories.value().begin(), categories.value().end(),
                       [](const backend::Category& a, const backend::Category& b) { return a.path < b.path; }));
  CHECK(shop.send(own_protocol().categories_request("bad-token")).status == 401);
}

TEST_CASE("product lookup: exact SKU in any case or EAN, inactive ones too, unknown codes absent") {
  Shop shop;
  const Session session = shop.login("kupiec1@budmax.pl");
  const Product& by_sku = *cheap_line().product;
  const Product* by_ean = nullptr;
  for (const Product& p : seed_data().products)
    if (!p.ean.empty() && p.sku != by_sku.sku && p.active) by_ean = &p;
  REQUIRE(by_ean);
  const Product& withdrawn = inactive_product();
  std::string lower_sku = by_sku.sku;
  for (char& c : lower_sku) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));

  const auto lookup = [&](std::vector<std::string> codes) {
    return shop.send(own_protocol().lookup_products_request(session.token, {std::move(codes)}));
  };
  const HttpResponse response = lookup({lower_sku, by_ean->ean, withdrawn.sku, "NIE-MA-TAKIEGO", by_sku.sku});
  const auto found = own_protocol().parse_lookup_products(response);
  REQUIRE_MESSAGE(found.ok(), describe(response));
  REQUIRE(found.value().size() == 3);  // the repeated SKU once, the unknown code not at all
  CHECK(found.value()[0].sku == by_sku.sku);
  CHECK(found.value()[1].sku == by_ean->sku);
  CHECK(found.value()[2].sku == withdrawn.sku);
  CHECK_FALSE(found.value()[2].active);

  SUBCASE("too many codes at once are refused, naming the limit") {
    const HttpResponse refused = lookup(std::vector<std::string>(backend::kMaxLookupCodes + 1, by_sku.sku));
    CHECK(refused.status == 400);
    CHECK(own_protocol().parse_lookup_products(refused).error().field == "codes");
  }
  SUBCASE("signed-in users only") {
    CHECK(shop.send(own_protocol().lookup_products_request("bad", {{"X"}})).status == 401);
  }
}
