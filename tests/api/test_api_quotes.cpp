// API tests of requests for quote over real HTTP against server-mock: a buyer asks, the shop's seller
// answers, the buyer accepts and gets an order at the quoted prices; expiry, roles, tenants and validation.
#include <doctest/doctest.h>

#include <algorithm>

#include "api_support.hpp"

using namespace api;

namespace {

constexpr const char* kSeller = "sprzedawca@hurtownia.pl";

// Two cheap lines of different products, valid for every company.
std::vector<CartLine> two_lines() {
  const Pick first = cheap_line();
  const Pick second = cheap_line(50000, first.product->sku);
  return {{first.product->sku, first.quantity, "paleta"}, {second.product->sku, second.quantity, ""}};
}

QuoteRequest quote_request(std::vector<CartLine> lines = two_lines(), std::string note = "budowa hali") {
  return {"", std::move(lines), std::move(note)};
}

QuoteAcceptance acceptance(const Quote& quote, CheckoutFields checkout = budmax_checkout(),
                           std::string key = new_key()) {
  return {quote.number, std::move(key), std::move(checkout)};
}

// A quote of the buyer, answered by the seller at first_minor (and a grosz more per further line).
Quote answered_quote(const Shop& shop, const Session& buyer, std::int64_t first_minor = 1000,
                     Date valid_until = days_from_today(14)) {
  const Quote asked = shop.request_quote(buyer.token, quote_request());
  return shop.answer_quote(shop.login(kSeller).token, answer_for(asked, first_minor, valid_until));
}

const Quote* find_quote(const std::vector<Quote>& quotes, const std::string& number) {
  const auto found = std::find_if(quotes.begin(), quotes.end(), [&](const Quote& q) { return q.number == number; });
  return found == quotes.end() ? nullptr : &*found;
}

// The quote's answered prices as a price list, for the shared pricing code.
PriceList quoted_price_list(const Quote& quote) {
  PriceList list;
  for (const QuoteLine& line : quote.lines) {
    REQUIRE(line.quoted_unit_net.has_value());
    list.entries.push_back({line.sku, line.quoted_unit_net->minor, {}});
  }
  return list;
}

std::vector<CartLine> lines_of(const Quote& quote) {
  std::vector<CartLine> lines;
  for (const QuoteLine& line : quote.lines) lines.push_back({line.sku, line.quantity, line.note});
  return lines;
}

void check_field(const HttpResponse& response, int status, const std::string& field, const std::string& code) {
  CAPTURE(field);
  CAPTURE(code);
  CHECK_MESSAGE(response.status == status, describe(response));
  CHECK_MESSAGE(has_field_error(response, field, code), describe(response));
}

}  // namespace

TEST_CASE("quote flow: asked from lines, answered by the seller, accepted as an order at the quoted prices") {
  Shop shop;
  const Session buyer = shop.login("kupiec2@budmax.pl");
  const Session seller = shop.login(kSeller);
  CHECK(seller.user.role == Role::Seller);
  const std::vector<CartLine> lines = two_lines();
  const Cart cart = shop.create_cart(buyer.token, {"", "Hala", "", lines, 0, ""});

  const Quote asked = shop.request_quote(buyer.token, {cart.id, lines, "budowa hali, dostawa w kwietniu"});
  CHECK(asked.number.rfind("ZAP/", 0) == 0);
  CHECK(asked.company_id == "c-budmax");
  CHECK(asked.buyer_user_id == buyer.user.id);
  CHECK(asked.status == QuoteStatus::Requested);
  CHECK(asked.note == "budowa hali, dostawa w kwietniu");
  CHECK(asked.requested_at_unix_seconds > 0);
  CHECK_FALSE(asked.valid_until.has_value());
  REQUIRE(asked.lines.size() == 2);
  CHECK(asked.lines[0].sku == lines[0].sku);
  CHECK(asked.lines[0].quantity == lines[0].quantity);
  CHECK(asked.lines[0].note == "paleta");
  CHECK_FALSE(asked.lines[0].quoted_unit_net.has_value());

  const Quote* listed_for_seller = find_quote(shop.quotes(seller.token), asked.number);
  REQUIRE(listed_for_seller != nullptr);
  CHECK(listed_for_seller->status == QuoteStatus::Requested);

  const Date valid_until = days_from_today(14);
  const Quote answered = shop.answer_quote(seller.token, answer_for(asked, 1234, valid_until));
  CHECK(answered.status == QuoteStatus::Answered);
  CHECK(answered.valid_until == valid_until);
  CHECK(answered.seller_comment == "cena przy odbiorze całości");
  CHECK(answered.lines[0].quoted_unit_net == pln(1234));
  CHECK(answered.lines[1].quoted_unit_net == pln(1235));

  const Quote* seen = find_quote(shop.quotes(buyer.token), asked.number);
  REQUIRE(seen != nullptr);
  CHECK(seen->status == QuoteStatus::Answered);
  CHECK(seen->valid_until == valid_until);
  CHECK(seen->lines[1].quoted_unit_net == pln(1235));

  const QuoteAcceptance accept = acceptance(asked);
  const OrderOutcome outcome = shop.accept_quote(buyer.token, accept);
  CHECK_FALSE(outcome.replayed);
  const Order& order = outcome.order;
  CHECK(order.number.rfind("ZAM/", 0) == 0);
  CHECK(order.status == OrderStatus::Placed);
  CHECK(order.buyer_user_id == buyer.user.id);
  CHECK(order.checkout.po_number == accept.checkout.po_number);
  const PricedCart expected = price_lines(lines_of(answered), quoted_price_list(answered));
  REQUIRE(order.lines.size() == 2);
  for (std::size_t i = 0; i < 2; ++i) {
    CHECK(order.lines[i].sku == lines[i].sku);
    CHECK(order.lines[i].unit_net == answered.lines[i].quoted_unit_net.value());
    CHECK(order.lines[i].net == expected.lines[i].net);
    CHECK(order.lines[i].vat_amount == expected.lines[i].vat_amount);
  }
  CHECK(order.totals.net == expected.totals.net);
  CHECK(order.totals.vat == expected.totals.vat);
  CHECK(order.totals.gross == expected.totals.gross);

  const Quote* accepted = find_quote(shop.quotes(buyer.token), asked.number);
  REQUIRE(accepted != nullptr);
  CHECK(accepted->status == QuoteStatus::Accepted);
  CHECK(accepted->order_number == order.number);
  CHECK(shop.order(buyer.token, order.number).totals.gross == expected.totals.gross);
  CHECK(shop.carts(buyer.token).front().lines.size() == 2);  // asking from a cart leaves the cart as it is

  SUBCASE("a retry with the same key and body replays the same order") {
    const OrderOutcome again = shop.accept_quote(buyer.token, accept);
    CHECK(again.replayed);
    CHECK(again.order.number == order.number);
    CHECK(shop.orders(buyer.token).size() == 1);
  }
  SUBCASE("the same key with another body is refused") {
    QuoteAcceptance changed = accept;
    changed.checkout.note = "inna uwaga";
    const HttpResponse reused = shop.send(own_protocol().accept_quote_request(buyer.token, changed));
    check_field(reused, 409, "Idempotency-Key", "idempotency_key_reused");
    CHECK(shop.orders(buyer.token).size() == 1);
  }
  SUBCASE("accepting again with a new key is a conflict") {
    const HttpResponse twice = shop.send(own_protocol().accept_quote_request(buyer.token, acceptance(asked)));
    CHECK_MESSAGE(twice.status == 409, describe(twice));
    CHECK(own_protocol().parse_accept_quote(twice).error().message.find("already accepted") != std::string::npos);
    CHECK(shop.orders(buyer.token).size() == 1);
  }
  SUBCASE("an accepted quote cannot be answered again") {
    const HttpResponse late = shop.send(own_protocol().answer_quote_request(seller.token, answer_for(asked, 999)));
    CHECK_MESSAGE(late.status == 409, describe(late));
    CHECK(find_quote(shop.quotes(seller.token), asked.number)->lines[0].quoted_unit_net == pln(1234));
  }
  SUBCASE("the single quote can be fetched") {
    const HttpResponse one = shop.send(get_quote_request(buyer.token, asked.number));
    const auto parsed = own_protocol().parse_quote(one);
    REQUIRE_MESSAGE(parsed.ok(), describe(one));
    CHECK(parsed.value().order_number == order.number);
  }
}

TEST_CASE("a request for quote sent again under its Idempotency-Key gets the quote while it waits for an answer") {
  Shop shop;
  const Session buyer = shop.login("kupiec2@budmax.pl");
  const Session seller = shop.login(kSeller);
  const QuoteRequest request{"", two_lines(), "budowa hali"};
  const auto ask = [&](const Session& session, const std::string& key) {
    return shop.send(own_protocol().request_quote_request(session.token, request, key));
  };
  const HttpResponse first = ask(buyer, "rfq-a");
  CHECK_MESSAGE(first.status == 201, describe(first));
  const Quote asked = own_protocol().parse_quote(first).value();

  SUBCASE("the same key again: 200, the same quote, nothing new for the seller") {
    const HttpResponse again = ask(buyer, "rfq-a");
    CHECK_MESSAGE(again.status == 200, describe(again));
    CHECK(own_protocol().parse_quote(again).value().number == asked.number);
    CHECK(shop.quotes(seller.token).size() == 1);
  }
  SUBCASE("another key, no key, or another buyer's same key: new requests") {
    CHECK(ask(buyer, "rfq-b").status == 201);
    CHECK(ask(buyer, "").status == 201);
    CHECK(ask(shop.login("admin1@budmax.pl"), "rfq-a").status == 201);
    CHECK(shop.quotes(seller.token).size() == 4);
  }
  SUBCASE("answered meanwhile: the same key asks anew") {
    shop.answer_quote(seller.token, answer_for(asked, 1234));
    const HttpResponse anew = ask(buyer, "rfq-a");
    CHECK_MESSAGE(anew.status == 201, describe(anew));
    CHECK(own_protocol().parse_quote(anew).value().number != asked.number);
  }
  SUBCASE("a key over 200 characters is refused, naming the header") {
    const HttpResponse refused = ask(buyer, std::string(201, 'k'));
    CHECK_MESSAGE(refused.status == 400, describe(refused));
    CHECK(has_field_error(refused, "Idempotency-Key", "too_long"));
    CHECK(shop.quotes(seller.token).size() == 1);
  }
}

TEST_CASE("quotes are listed newest first, and a seller may answer again until the quote is accepted") {
  Shop shop;
  const Session buyer = shop.login("kupiec1@budmax.pl");
  const Session seller = shop.login(kSeller);
  const Quote first = shop.request_quote(buyer.token, quote_request());
  const Quote second = shop.request_quote(buyer.token, quote_request());
  shop.advance_clock(60);
  const Quote third = shop.request_quote(buyer.token, quote_request());
  const std::vector<Quote> listed = shop.quotes(buyer.token);
  REQUIRE(listed.size() == 3);
  CHECK(listed[0].number == third.number);
  CHECK(listed[1].number == second.number);
  CHECK(listed[2].number == first.number);

  shop.answer_quote(seller.token, answer_for(first, 1500));
  const Date later = days_from_today(30);
  const Quote again = shop.answer_quote(seller.token, answer_for(first, 1400, later));
  CHECK(again.status == QuoteStatus::Answered);
  CHECK(again.lines[0].quoted_unit_net == pln(1400));
  CHECK(again.valid_until == later);
  const OrderOutcome outcome = shop.accept_quote(buyer.token, acceptance(first));
  CHECK(outcome.order.lines[0].unit_net == pln(1400));
}

TEST_CASE("an expired quote is refused; one is good through its last day") {
  Shop shop;
  const Session buyer = shop.login("kupiec1@budmax.pl");

  // Sessions last 8 hours of server time, so the buyer signs in again after the clock moves on.
  SUBCASE("past valid_until") {
    const Date last_day = days_from_today(1);
    const Quote quote = answered_quote(shop, buyer, 1000, last_day);
    shop.advance_clock(3 * 86400);
    const Session later = shop.login("kupiec1@budmax.pl");
    const HttpResponse late = shop.send(own_protocol().accept_quote_request(later.token, acceptance(quote)));
    check_field(late, 409, "valid_until", "quote_expired");
    const auto parsed = own_protocol().parse_accept_quote(late);
    REQUIRE_FALSE(parsed.ok());
    CHECK(parsed.error().kind == ErrorKind::Conflict);
    CHECK(parsed.error().message.find("expired on " + format_date(last_day)) != std::string::npos);
    CHECK(find_quote(shop.quotes(later.token), quote.number)->status == QuoteStatus::Answered);
    CHECK(shop.orders(later.token).empty());
  }
  SUBCASE("before its end") {
    // Two days of validity and one day on: accepted even if midnight passes meanwhile.
    const Quote quote = answered_quote(shop, buyer, 1000, days_from_today(2));
    shop.advance_clock(86400);
    const Session later = shop.login("kupiec1@budmax.pl");
    CHECK(shop.accept_quote(later.token, acceptance(quote)).order.status == OrderStatus::Placed);
  }
}

TEST_CASE("an accepted quote over the buyer's limit waits for approval like an order") {
  Shop shop;
  const Session buyer = shop.login("kupiec1@budmax.pl");  // 5 000 zł per order
  const Session seller = shop.login(kSeller);
  const Pick pick = cheap_line();
  const Quote asked = shop.request_quote(buyer.token, quote_request({{pick.product->sku, pick.quantity, ""}}));
  // A unit price that puts the net just above 5 000 zł.
  const std::int64_t unit = 500000 / pick.quantity + 1;
  shop.answer_quote(seller.token, answer_for(asked, unit));

  const Order order = shop.accept_quote(buyer.token, acceptance(asked)).order;
  CHECK(order.status == OrderStatus::PendingApproval);
  CHECK(order.totals.net == pln(unit * pick.quantity));
  const HttpResponse inbox = shop.send(own_protocol().list_approvals_request(shop.login("akceptant1@budmax.pl").token));
  const auto pending = own_protocol().parse_list_approvals(inbox);
  REQUIRE_MESSAGE(pending.ok(), describe(inbox));
  REQUIRE(pending.value().size() == 1);
  CHECK(pending.value()[0].order.number == order.number);
  CHECK(pending.value()[0].over_limit == pln(unit * pick.quantity - 500000));
}

TEST_CASE("quote roles: buyers and admins ask, sellers answer, the asking buyer or an admin accepts") {
  Shop shop;
  const Session buyer = shop.login("kupiec1@budmax.pl");
  const Session seller = shop.login(kSeller);

  SUBCASE("an approver and a seller cannot ask") {
    for (const char* email : {"akceptant1@budmax.pl", kSeller}) {
      CAPTURE(email);
      const HttpResponse refused =
          shop.send(own_protocol().request_quote_request(shop.login(email).token, quote_request(), ""));
      CHECK_MESSAGE(refused.status == 403, describe(refused));
      CHECK(error_kind(refused) == "forbidden");
    }
    CHECK(shop.quotes(seller.token).empty());
  }
  SUBCASE("buyers, approvers and admins cannot answer") {
    const Quote asked = shop.request_quote(buyer.token, quote_request());
    for (const char* email : {"kupiec1@budmax.pl", "akceptant1@budmax.pl", "admin1@budmax.pl"}) {
      CAPTURE(email);
      const HttpResponse refused =
          shop.send(own_protocol().answer_quote_request(shop.login(email).token, answer_for(asked, 1000)));
      CHECK_MESSAGE(refused.status == 403, describe(refused));
    }
    CHECK(find_quote(shop.quotes(buyer.token), asked.number)->status == QuoteStatus::Requested);
  }
  SUBCASE("a seller, an approver and another buyer of the company cannot accept") {
    const Quote quote = answered_quote(shop, buyer);
    for (const char* email : {kSeller, "akceptant1@budmax.pl", "kupiec2@budmax.pl"}) {
      CAPTURE(email);
      const HttpResponse refused =
          shop.send(own_protocol().accept_quote_request(shop.login(email).token, acceptance(quote)));
      CHECK_MESSAGE(refused.status == 403, describe(refused));
      CHECK(own_protocol().parse_accept_quote(refused).error().kind == ErrorKind::Forbidden);
    }
    CHECK(find_quote(shop.quotes(buyer.token), quote.number)->status == QuoteStatus::Answered);
  }
  SUBCASE("an admin accepts for the buyer who asked; the order is that buyer's") {
    const Quote quote = answered_quote(shop, buyer);
    const Session admin = shop.login("admin1@budmax.pl");
    const Order order = shop.accept_quote(admin.token, acceptance(quote)).order;
    CHECK(order.buyer_user_id == buyer.user.id);
    REQUIRE_FALSE(order.history.empty());
    CHECK(order.history.front().by_user_id == admin.user.id);
    CHECK(shop.order(buyer.token, order.number).number == order.number);
  }
  SUBCASE("an admin asks for a quote too") {
    const Quote asked = shop.request_quote(shop.login("admin1@budmax.pl").token, quote_request());
    CHECK(asked.buyer_user_id == user_id_of("admin1@budmax.pl"));
  }
}

TEST_CASE("a company admin cannot make anyone a seller") {
  Shop shop;
  const Session admin = shop.login("admin1@budmax.pl");

  SUBCASE("invite") {
    const HttpResponse refused = shop.send(own_protocol().invite_user_request(
        admin.token, {"sprzedawca2@budmax.pl", "Nowy Sprzedawca", Role::Seller, pln(0)}));
    check_field(refused, 400, "role", "not_allowed");
  }
  SUBCASE("change a role") {
    UserChange change;
    change.user_id = user_id_of("kupiec2@budmax.pl");
    change.role = Role::Seller;
    const HttpResponse refused = shop.send(own_protocol().change_user_request(admin.token, change));
    check_field(refused, 400, "role", "not_allowed");
  }
  const auto users = own_protocol().parse_list_users(shop.send(own_protocol().list_users_request(admin.token)));
  REQUIRE(users.ok());
  for (const User& user : users.value()) CHECK(user.role != Role::Seller);
}

TEST_CASE("tenant isolation: another company neither sees nor accepts a quote; buyers see only their own") {
  Shop shop;
  const Session buyer = shop.login("kupiec1@budmax.pl");
  const Quote quote = answered_quote(shop, buyer);

  for (const char* email : {"kupiec1@elektroiskra.pl", "admin1@elektroiskra.pl"}) {
    CAPTURE(email);
    const Session other = shop.login(email);
    CHECK(find_quote(shop.quotes(other.token), quote.number) == nullptr);
    const HttpResponse accept =
        shop.send(own_protocol().accept_quote_request(other.token, acceptance(quote, elektroiskra_checkout())));
    CHECK_MESSAGE(accept.status == 404, describe(accept));
    CHECK(own_protocol().parse_accept_quote(accept).error().kind == ErrorKind::NotFound);
    const HttpResponse get = shop.send(get_quote_request(other.token, quote.number));
    CHECK_MESSAGE(get.status == 404, describe(get));
  }
  CHECK(find_quote(shop.quotes(shop.login("kupiec2@budmax.pl").token), quote.number) == nullptr);
  CHECK(shop.send(get_quote_request(shop.login("kupiec2@budmax.pl").token, quote.number)).status == 404);
  CHECK(find_quote(shop.quotes(shop.login("akceptant1@budmax.pl").token), quote.number) != nullptr);
  CHECK(find_quote(shop.quotes(shop.login("admin1@budmax.pl").token), quote.number) != nullptr);
  CHECK(find_quote(shop.quotes(buyer.token), quote.number)->status == QuoteStatus::Answered);
}

TEST_CASE("a request for quote names each bad field") {
  Shop shop;
  const Session buyer = shop.login("kupiec1@budmax.pl");
  QuoteRequest request = quote_request();
  std::string field, code;

  SUBCASE("no lines") {
    request.lines.clear();
    field = "lines";
    code = "required";
  }
  SUBCASE("unknown product") {
    request.lines[1].sku = "XYZ-000000";
    field = "lines[1].sku";
    code = "unknown_product";
  }
  SUBCASE("inactive product") {
    request.lines[0] = {inactive_product().sku, inactive_product().min_order_quantity, ""};
    field = "lines[0].sku";
    code = "inactive";
  }
  SUBCASE("quantity zero") {
    request.lines[0].quantity = 0;
    field = "lines[0].quantity";
    code = "not_positive";
  }
  SUBCASE("note over 1000 characters") {
    request.note = std::string(1001, 'x');
    field = "note";
    code = "too_long";
  }

  check_field(shop.send(own_protocol().request_quote_request(buyer.token, request, "")), 400, field, code);
  CHECK(shop.quotes(buyer.token).empty());
}

TEST_CASE("a note of 1000 Polish letters is 1000 characters, not 2000 bytes") {
  Shop shop;
  const Session buyer = shop.login("kupiec1@budmax.pl");
  std::string note;
  for (int i = 0; i < 1000; ++i) note += "ż";
  CHECK(shop.request_quote(buyer.token, quote_request(two_lines(), note)).note == note);
}

TEST_CASE("a seller's answer names each bad field") {
  Shop shop;
  const Session buyer = shop.login("kupiec1@budmax.pl");
  const Session seller = shop.login(kSeller);
  const Quote asked = shop.request_quote(buyer.token, quote_request());
  QuoteAnswer answer = answer_for(asked, 1000);
  std::string field, code;

  SUBCASE("a line without a price") {
    answer.prices.pop_back();
    field = "prices[" + asked.lines[1].sku + "]";
    code = "required";
  }
  SUBCASE("a price of zero") {
    answer.prices[0].unit_net = pln(0);
    field = "prices[0].unit_net";
    code = "not_positive";
  }
  SUBCASE("another currency") {
    answer.prices[1].unit_net = Money{1000, Currency::EUR};
    field = "prices[1].unit_net";
    code = "bad_format";
  }
  SUBCASE("a SKU the quote does not ask for") {
    answer.prices.push_back({"XYZ-000000", pln(1000)});
    field = "prices[2].sku";
    code = "unknown_product";
  }
  SUBCASE("valid_until in the past") {
    answer.valid_until = days_from_today(-1);
    field = "valid_until";
    code = "in_the_past";
  }
  SUBCASE("the body names another quote than the path") {
    answer.number = "ZAP/1999/000001";
    field = "number";
    code = "bad_format";
  }

  HttpRequest request = own_protocol().answer_quote_request(seller.token, answer);
  request.path = "/api/v1/quotes/" + url_encode(asked.number) + "/answer";
  check_field(shop.send(request), 400, field, code);
  const Quote* stored = find_quote(shop.quotes(seller.token), asked.number);
  REQUIRE(stored != nullptr);
  CHECK(stored->status == QuoteStatus::Requested);
  CHECK_FALSE(stored->lines[0].quoted_unit_net.has_value());
}

TEST_CASE("only an answered quote can be accepted, and only with a valid checkout and active products") {
  Shop shop;
  const Session buyer = shop.login("kupiec1@budmax.pl");

  SUBCASE("not answered yet") {
    const Quote asked = shop.request_quote(buyer.token, quote_request());
    const HttpResponse early = shop.send(own_protocol().accept_quote_request(buyer.token, acceptance(asked)));
    CHECK_MESSAGE(early.status == 409, describe(early));
    CHECK(own_protocol().parse_accept_quote(early).error().message.find("not been answered") != std::string::npos);
  }
  SUBCASE("no PO number for Budmax") {
    const Quote quote = answered_quote(shop, buyer);
    CheckoutFields checkout = budmax_checkout();
    checkout.po_number = "";
    const HttpResponse refused =
        shop.send(own_protocol().accept_quote_request(buyer.token, acceptance(quote, checkout)));
    check_field(refused, 400, "checkout.po_number", "required");
    CHECK(find_quote(shop.quotes(buyer.token), quote.number)->status == QuoteStatus::Answered);
  }
  SUBCASE("a product withdrawn since the answer") {
    const Quote quote = answered_quote(shop, buyer);
    shop.set_active(quote.lines[1].sku, false);
    const HttpResponse refused = shop.send(own_protocol().accept_quote_request(buyer.token, acceptance(quote)));
    check_field(refused, 400, "lines[1].sku", "inactive");
  }
  SUBCASE("without an Idempotency-Key") {
    const Quote quote = answered_quote(shop, buyer);
    HttpRequest request = own_protocol().accept_quote_request(buyer.token, acceptance(quote, budmax_checkout(), ""));
    check_field(shop.send(request), 400, "Idempotency-Key", "required");
  }
  SUBCASE("no such quote") {
    QuoteAcceptance unknown = acceptance(answered_quote(shop, buyer));
    unknown.number = "ZAP/1999/000001";
    const HttpResponse missing = shop.send(own_protocol().accept_quote_request(buyer.token, unknown));
    CHECK_MESSAGE(missing.status == 404, describe(missing));
  }
  CHECK(shop.orders(buyer.token).empty());
}
