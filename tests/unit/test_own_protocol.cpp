// Our own protocol, sans-IO: the request each operation builds, and how each kind of response
// (success, replay, repricing, field errors, auth, a proxy's HTML page, no response) is parsed.
#include <doctest/doctest.h>

#include <algorithm>

#include "b2b/backend/own_protocol.hpp"
#include "b2b/wire/protocol.hpp"
#include "wire_samples.hpp"

using namespace b2b;
using namespace b2b::backend;

namespace {

const OwnProtocol kProtocol;
const std::string kToken = "t0k3n";

HttpResponse respond(int status, std::string body) { return {status, {}, std::move(body)}; }

void check_authorised_json(const HttpRequest& request, const char* method, const char* path) {
  CHECK(request.method == method);
  CHECK(request.path == path);
  CHECK(header_value(request.headers, "authorization") == "Bearer " + kToken);
  CHECK(header_value(request.headers, "Accept") == "application/json");
}

}  // namespace

TEST_CASE("the own protocol offers every capability") {
  const Capabilities c = kProtocol.capabilities();
  CHECK((c.saved_carts && c.company_price_lists && c.approvals && c.user_management && c.idempotent_orders &&
         c.catalog_changes && c.po_number && c.quotes && c.punchout));
}

TEST_CASE("log in and out") {
  const HttpRequest login = kProtocol.login_request({"kupiec1@budmax.pl", "haslo"});
  CHECK(login.method == "POST");
  CHECK(login.path == "/api/v1/auth/login");
  CHECK(header_value(login.headers, "Authorization").empty());
  CHECK(header_value(login.headers, "Content-Type") == "application/json");
  const auto credentials = wire::decode_json<Credentials>(login.body);
  REQUIRE(credentials.ok());
  CHECK(credentials.value().email == "kupiec1@budmax.pl");

  SUBCASE("a session comes back") {
    wire_samples::Samples samples;
    const Session sent{"abc", 1795000000, samples.user, samples.company};
    const auto session = kProtocol.parse_login(respond(200, wire::encode_json(sent)));
    REQUIRE(session.ok());
    CHECK(session.value().token == "abc");
    CHECK(session.value().company.name == samples.company.name);
  }
  SUBCASE("wrong password is an auth error with the server's message") {
    Error refused{ErrorKind::Auth, "", "wrong e-mail or password"};
    const auto session = kProtocol.parse_login(respond(401, wire::encode_error(refused)));
    REQUIRE_FALSE(session.ok());
    CHECK(session.error().kind == ErrorKind::Auth);
    CHECK(session.error().message == "wrong e-mail or password");
  }
  SUBCASE("logout answers 204") {
    check_authorised_json(kProtocol.logout_request(kToken), "POST", "/api/v1/auth/logout");
    CHECK(kProtocol.parse_logout(respond(204, "")).ok());
    CHECK(kProtocol.parse_logout(respond(401, "")).error().kind == ErrorKind::Auth);
  }
}

TEST_CASE("catalog, search and price list requests") {
  SUBCASE("a first full sync asks without a version or cursor") {
    check_authorised_json(kProtocol.catalog_request(kToken, {}), "GET", "/api/v1/catalog?limit=500");
  }
  SUBCASE("changes since a version, from a cursor") {
    const HttpRequest request = kProtocol.catalog_request(kToken, {42, "MEC-611953/x", 100});
    CHECK(request.path == "/api/v1/catalog?limit=100&since_version=42&cursor=MEC-611953%2Fx");
  }
  SUBCASE("search text is URL-encoded, Polish letters included") {
    const HttpRequest request = kProtocol.search_request(kToken, {"łącznik 2x", 20});
    CHECK(request.path == "/api/v1/catalog/search?q=%C5%82%C4%85cznik%202x&limit=20");
  }
  SUBCASE("a category goes along, encoded, only when there is one") {
    const HttpRequest request = kProtocol.search_request(kToken, {"młotek", 50, "Narzędzia"});
    CHECK(request.path == "/api/v1/catalog/search?q=m%C5%82otek&limit=50&category=Narz%C4%99dzia");
    CHECK(kProtocol.search_request(kToken, {"", 50, ""}).path == "/api/v1/catalog/search?q=&limit=50");
  }
  SUBCASE("a catalog page parses") {
    wire_samples::Samples samples;
    const CatalogPage sent{{samples.product}, 7, "next"};
    const auto page = kProtocol.parse_catalog(respond(200, wire::encode_json(sent)));
    REQUIRE(page.ok());
    CHECK(page.value().catalog_version == 7);
    CHECK(page.value().products.at(0).sku == samples.product.sku);
  }
  check_authorised_json(kProtocol.price_list_request(kToken), "GET", "/api/v1/price-list");
}

TEST_CASE("saved carts") {
  wire_samples::Samples samples;
  SUBCASE("create posts the cart under its key; a key seen before answers 200 with the cart it made") {
    const HttpRequest request = kProtocol.create_cart_request(kToken, samples.cart, "local-dev-3");
    check_authorised_json(request, "POST", "/api/v1/carts");
    CHECK(wire::decode_json<Cart>(request.body).value().name == samples.cart.name);
    CHECK(header_value(request.headers, "Idempotency-Key") == "local-dev-3");
    CHECK(kProtocol.parse_cart(respond(201, wire::encode_json(samples.cart))).ok());
    CHECK(kProtocol.parse_cart(respond(200, wire::encode_json(samples.cart))).ok());
    const HttpRequest keyless = kProtocol.create_cart_request(kToken, samples.cart, "");
    CHECK(std::none_of(keyless.headers.begin(), keyless.headers.end(),
                       [](const auto& header) { return header.first == "Idempotency-Key"; }));
  }
  SUBCASE("update names the version it edits and its key, and a newer server cart is a conflict") {
    Cart cart = samples.cart;
    cart.id = "k-7";
    cart.version = 3;
    const HttpRequest request = kProtocol.update_cart_request(kToken, cart, "dev/k-7@3");
    check_authorised_json(request, "PUT", "/api/v1/carts/k-7");
    CHECK(header_value(request.headers, "If-Match") == "\"3\"");
    CHECK(header_value(request.headers, "Idempotency-Key") == "dev/k-7@3");
    Cart made = cart;
    made.version = 4;
    made.update_key = "dev/k-7@3";
    CHECK(kProtocol.parse_cart(respond(200, wire::encode_json(made))).value().update_key == "dev/k-7@3");
    const HttpRequest keyless = kProtocol.update_cart_request(kToken, cart, "");
    CHECK(std::none_of(keyless.headers.begin(), keyless.headers.end(),
                       [](const auto& header) { return header.first == "Idempotency-Key"; }));
    const auto conflict =
        kProtocol.parse_cart(respond(409, wire::encode_error(Error{ErrorKind::Conflict, "", "cart changed"})));
    CHECK(conflict.error().kind == ErrorKind::Conflict);
  }
  SUBCASE("delete") {
    check_authorised_json(kProtocol.delete_cart_request(kToken, "k-7"), "DELETE", "/api/v1/carts/k-7");
    CHECK(kProtocol.parse_delete_cart(respond(204, "")).ok());
    CHECK(kProtocol.parse_delete_cart(respond(404, "")).error().kind == ErrorKind::NotFound);
  }
  SUBCASE("a list of carts") {
    CHECK(kProtocol.parse_list_carts(respond(200, wire::encode_json(samples.carts))).value().size() ==
          samples.carts.size());
  }
}

TEST_CASE("submitting an order") {
  wire_samples::Samples samples;
  OrderSubmission submission;
  submission.idempotency_key = "7f1c0c1e-5b0a-4c59-9d61-3b8f0e6f4a21";
  submission.cart_id = "k-7";
  submission.lines = samples.cart.lines;
  submission.checkout = samples.checkout;
  submission.expected_gross_total = Money{17244, Currency::PLN};

  const HttpRequest request = kProtocol.submit_order_request(kToken, submission);
  check_authorised_json(request, "POST", "/api/v1/orders");
  CHECK(header_value(request.headers, "Idempotency-Key") == submission.idempotency_key);
  const auto body = wire::decode_json<OrderSubmission>(request.body);
  REQUIRE(body.ok());
  CHECK(body.value().expected_gross_total == submission.expected_gross_total);
  CHECK(body.value().checkout.po_number == samples.checkout.po_number);

  SUBCASE("201 is a new order, 200 the same order replayed") {
    const auto created = kProtocol.parse_submit_order(respond(201, wire::encode_json(samples.order)));
    REQUIRE(created.ok());
    REQUIRE(created.value().outcome);
    CHECK_FALSE(created.value().outcome->replayed);
    CHECK(created.value().outcome->order.number == samples.order.number);
    const auto replayed = kProtocol.parse_submit_order(respond(200, wire::encode_json(samples.order)));
    CHECK(replayed.value().outcome->replayed);
  }
  SUBCASE("409 with new prices says what changed") {
    RepricedOrder repriced{samples.order.totals,
                           {{"MEC-611953", "price_changed", {1351, Currency::PLN}, {1399, Currency::PLN}}}};
    const auto answer = kProtocol.parse_submit_order(respond(409, wire::encode_json(repriced)));
    REQUIRE(answer.ok());
    REQUIRE(answer.value().repriced);
    CHECK_FALSE(answer.value().outcome);
    CHECK(answer.value().repriced->changes.at(0).new_unit_net.minor == 1399);
  }
  SUBCASE("409 that reuses a key for another order is a conflict error") {
    const auto answer = kProtocol.parse_submit_order(
        respond(409, wire::encode_error(Error{ErrorKind::Conflict, "", "idempotency key reused"})));
    REQUIRE_FALSE(answer.ok());
    CHECK(answer.error().kind == ErrorKind::Conflict);
  }
  SUBCASE("400 lists every field problem") {
    const auto answer = kProtocol.parse_submit_order(respond(400, wire_samples::read_fixture("error_validation.json")));
    REQUIRE_FALSE(answer.ok());
    CHECK(answer.error().kind == ErrorKind::Validation);
    REQUIRE(answer.error().fields.size() == 2);
    CHECK(answer.error().field == "checkout.po_number");
    CHECK(answer.error().fields[1].code == "not_multiple_of_pack");
  }
  SUBCASE("a proxy's HTML error page and no response at all") {
    const auto proxy = kProtocol.parse_submit_order(respond(502, "<html>Bad Gateway</html>"));
    CHECK(proxy.error().kind == ErrorKind::Server);
    CHECK(proxy.error().message == "HTTP 502");
    CHECK(kProtocol.parse_submit_order(respond(0, "")).error().kind == ErrorKind::Network);
  }
  SUBCASE("a success whose body is not an order is a decode error naming the field") {
    const auto broken =
        kProtocol.parse_submit_order(respond(201, R"({"protocol_version":1,"type":"order","data":{}})"));
    REQUIRE_FALSE(broken.ok());
    CHECK(broken.error().kind == ErrorKind::Decode);
    CHECK(broken.error().field.rfind("data.", 0) == 0);
  }
}

TEST_CASE("orders, approvals and users") {
  wire_samples::Samples samples;
  SUBCASE("order history filters go into the query") {
    OrderFilter filter;
    filter.status = OrderStatus::PendingApproval;
    filter.from = Date{2026, 11, 1};
    filter.to = Date{2026, 11, 30};
    check_authorised_json(kProtocol.list_orders_request(kToken, filter), "GET",
                          "/api/v1/orders?status=pending_approval&from=2026-11-01&to=2026-11-30");
    check_authorised_json(kProtocol.list_orders_request(kToken, {}), "GET", "/api/v1/orders");
    check_authorised_json(kProtocol.get_order_request(kToken, "ZAM/2026/000123"), "GET",
                          "/api/v1/orders/ZAM%2F2026%2F000123");
    CHECK(kProtocol.parse_order(respond(200, wire::encode_json(samples.order))).value().number == samples.order.number);
  }
  SUBCASE("approvals") {
    check_authorised_json(kProtocol.list_approvals_request(kToken), "GET", "/api/v1/approvals");
    const HttpRequest decide = kProtocol.decide_approval_request(kToken, {"ZAM/2026/000123", false, "Za drogo"});
    check_authorised_json(decide, "POST", "/api/v1/approvals/ZAM%2F2026%2F000123");
    const auto decision = wire::decode_json<ApprovalDecision>(decide.body);
    CHECK_FALSE(decision.value().approve);
    CHECK(decision.value().comment == "Za drogo");
    CHECK(kProtocol.parse_list_approvals(respond(403, "")).error().kind == ErrorKind::Forbidden);
  }
  SUBCASE("users") {
    check_authorised_json(kProtocol.list_users_request(kToken), "GET", "/api/v1/users");
    const HttpRequest invite =
        kProtocol.invite_user_request(kToken, {"nowy@budmax.pl", "Nowy Kupiec", Role::Buyer, {500000, Currency::PLN}});
    check_authorised_json(invite, "POST", "/api/v1/users");
    UserChange change;
    change.user_id = "u-7";
    change.spending_limit = Money{2000000, Currency::PLN};
    const HttpRequest patch = kProtocol.change_user_request(kToken, change);
    check_authorised_json(patch, "PATCH", "/api/v1/users/u-7");
    const auto decoded = wire::decode_json<UserChange>(patch.body);
    REQUIRE(decoded.ok());
    CHECK_FALSE(decoded.value().role);  // absent stays absent: the server leaves it as it is
    CHECK(decoded.value().spending_limit->minor == 2000000);
    CHECK(kProtocol.parse_user(respond(201, wire::encode_json(samples.user))).value().email == samples.user.email);
  }
}

TEST_CASE("start tokens: made from a session, traded for a session once") {
  SUBCASE("asking for one needs the session") {
    const HttpRequest request = kProtocol.start_token_request(kToken);
    check_authorised_json(request, "POST", "/api/v1/auth/start-tokens");
    CHECK(request.body.empty());
  }
  SUBCASE("the server's answer, recorded") {
    const auto token = kProtocol.parse_start_token(respond(
        201, R"({"protocol_version":1,"type":"start_token","data":{"start_token":"9f2c0a","expires_at":1795000120}})"));
    REQUIRE(token.ok());
    CHECK(token.value().token == "9f2c0a");
    CHECK(token.value().expires_at_unix == 1795000120);
    CHECK(kProtocol.parse_start_token(respond(401, "")).error().kind == ErrorKind::Auth);
  }
  SUBCASE("signing in with one sends only the token, without a bearer") {
    const HttpRequest request = kProtocol.start_session_request("9f2c0a");
    CHECK(request.method == "POST");
    CHECK(request.path == "/api/v1/auth/start");
    CHECK(header_value(request.headers, "Authorization").empty());
    CHECK(request.body ==
          R"({"protocol_version":1,"type":"start_token","data":{"start_token":"9f2c0a","expires_at":0}})");
    CHECK(wire::decode_json<StartToken>(R"({"protocol_version":1,"type":"start_token","data":{"start_token":"x"}})")
              .value()
              .token == "x");
  }
  SUBCASE("a used, unknown or expired token is an auth error with its code") {
    const auto refused = kProtocol.parse_login(respond(
        401,
        R"({"protocol_version":1,"error":{"kind":"auth","message":"the start token is unknown, already used or )"
        R"(expired; start again","fields":[{"field":"start_token","code":"start_token_invalid","message":"x"}]}})"));
    REQUIRE_FALSE(refused.ok());
    CHECK(refused.error().kind == ErrorKind::Auth);
    CHECK(refused.error().fields.at(0).code == "start_token_invalid");
  }
}

TEST_CASE("the punchout session: its context, or none for a normal sign-in") {
  check_authorised_json(kProtocol.punchout_session_request(kToken), "GET", "/api/v1/punchout/session");
  SUBCASE("a punchout session, recorded") {
    const auto context = kProtocol.parse_punchout_session(respond(
        200, R"({"protocol_version":1,"type":"punchout_context","data":{"protocol":"oci",)"
             R"("return_url":"https://sap.example/hook?x=1","target":"_top","operation":"create","extra":1}})"));
    REQUIRE(context.ok());
    REQUIRE(context.value().has_value());
    CHECK(context.value()->protocol == "oci");
    CHECK(context.value()->return_url == "https://sap.example/hook?x=1");
    CHECK(context.value()->target == "_top");
    CHECK(context.value()->operation == "create");
  }
  SUBCASE("204: a normal session") {
    const auto none = kProtocol.parse_punchout_session(respond(204, ""));
    REQUIRE(none.ok());
    CHECK_FALSE(none.value().has_value());
  }
  SUBCASE("404 not_punchout: no punchout, and that is no error") {
    const auto none = kProtocol.parse_punchout_session(
        respond(404, R"({"protocol_version":1,"error":{"kind":"not_found","message":"not a punchout session",)"
                     R"("fields":[{"field":"session","code":"not_punchout","message":"not a punchout session"}]}})"));
    REQUIRE(none.ok());
    CHECK_FALSE(none.value().has_value());
  }
  SUBCASE("any other 404 (a server without the endpoint) and an expired session stay errors") {
    const auto missing = kProtocol.parse_punchout_session(respond(
        404, R"({"protocol_version":1,"error":{"kind":"not_found","message":"no such endpoint: GET /api/v1/x"}})"));
    REQUIRE_FALSE(missing.ok());
    CHECK(missing.error().kind == ErrorKind::NotFound);
    CHECK(kProtocol.parse_punchout_session(respond(404, "<html>Not Found</html>")).error().kind == ErrorKind::NotFound);
    CHECK(kProtocol.parse_punchout_session(respond(401, "")).error().kind == ErrorKind::Auth);
  }
}

TEST_CASE("the punchout transfer: the cart id in, the form to post out") {
  const HttpRequest request = kProtocol.punchout_transfer_request(kToken, "k-7");
  check_authorised_json(request, "POST", "/api/v1/punchout/transfer");
  CHECK(request.body == R"({"protocol_version":1,"type":"punchout_transfer","data":{"cart_id":"k-7"}})");

  SUBCASE("an OCI form, recorded: fields stay in order as pairs") {
    const auto form = kProtocol.parse_punchout_transfer(
        respond(200, R"({"protocol_version":1,"type":"punchout_form","data":{"method":"POST",)"
                     R"("action":"https://sap.example/hook","target":"_top","fields":[["NEW_ITEM-DESCRIPTION[1]",)"
                     R"("Łącznik schodowy"],["NEW_ITEM-PRICE[1]","2.50"],["~OkCode","ADDI"],["~TARGET","_top"]]}})"));
    REQUIRE(form.ok());
    CHECK(form.value().method == "POST");
    CHECK(form.value().action == "https://sap.example/hook");
    CHECK(form.value().target == "_top");
    REQUIRE(form.value().fields.size() == 4);
    CHECK(form.value().fields[0] == std::pair<std::string, std::string>{"NEW_ITEM-DESCRIPTION[1]", "Łącznik schodowy"});
    CHECK(form.value().fields[1].second == "2.50");
    CHECK(form.value().fields[3].first == "~TARGET");
  }
  SUBCASE("a form writes back as it was read") {
    const PunchoutForm sent{"POST", "https://ariba.example/r", "_top", {{"cXML-urlencoded", "<cXML a=\"1\"/>"}}};
    const auto again = wire::decode_json<PunchoutForm>(wire::encode_json(sent));
    REQUIRE(again.ok());
    CHECK(again.value().fields == sent.fields);
  }
  SUBCASE("a field that is not a [name, value] pair is a decode error") {
    const auto broken = kProtocol.parse_punchout_transfer(
        respond(200, R"({"protocol_version":1,"type":"punchout_form","data":{"method":"POST","action":"a",)"
                     R"("target":"_top","fields":[["a","b"],["c"]]}})"));
    REQUIRE_FALSE(broken.ok());
    CHECK(broken.error().kind == ErrorKind::Decode);
    CHECK(broken.error().message.find("fields[1]") != std::string::npos);
  }
  SUBCASE("not a punchout session, an empty cart") {
    const auto conflict = kProtocol.parse_punchout_transfer(
        respond(409, R"({"protocol_version":1,"error":{"kind":"conflict","message":"not punchout",)"
                     R"("fields":[{"field":"session","code":"not_punchout","message":"not punchout"}]}})"));
    CHECK(conflict.error().kind == ErrorKind::Conflict);
    CHECK(conflict.error().fields.at(0).code == "not_punchout");
    const auto empty = kProtocol.parse_punchout_transfer(
        respond(422, R"({"protocol_version":1,"error":{"kind":"validation","message":"cart k-7 is empty",)"
                     R"("fields":[{"field":"cart_id","code":"cart_empty","message":"cart k-7 is empty"}]}})"));
    CHECK(empty.error().kind == ErrorKind::Validation);
    CHECK(empty.error().field == "cart_id");
  }
}
