// API tests of the HTTP layer of server-mock over real loopback HTTP: malformed, wrong-typed and oversized
// bodies, injected faults (503, latency), CORS, the static files' CSP, and that test endpoints are opt-in.
#include <doctest/doctest.h>

#include <algorithm>
#include <cctype>
#include <fstream>
#include <sstream>

#include "api_support.hpp"
#include "b2b/protocol/health.hpp"
#include "b2b/wire/protocol.hpp"

using namespace api;

namespace {

constexpr std::size_t kMiB = 1u << 20;

std::string lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return std::tolower(c); });
  return text;
}

// The comma-separated tokens of a header value, lower-cased and trimmed.
std::vector<std::string> tokens(const std::string& value) {
  std::vector<std::string> out;
  std::stringstream stream(value);
  std::string item;
  while (std::getline(stream, item, ',')) {
    const auto first = item.find_first_not_of(" \t");
    const auto last = item.find_last_not_of(" \t");
    if (first != std::string::npos) out.push_back(lower(item.substr(first, last - first + 1)));
  }
  return out;
}

bool has_token(const std::string& value, const std::string& token) {
  const auto all = tokens(value);
  return std::find(all.begin(), all.end(), lower(token)) != all.end();
}

// Whitespace collapsed, a trailing ';' dropped.
std::string normalized_policy(const std::string& value) {
  std::stringstream stream(value);
  std::string word, out;
  while (stream >> word) out += (out.empty() ? "" : " ") + word;
  while (!out.empty() && (out.back() == ';' || out.back() == ' ')) out.pop_back();
  return out;
}

std::string replace_once(std::string text, const std::string& what, const std::string& with) {
  const auto at = text.find(what);
  REQUIRE_MESSAGE(at != std::string::npos, what << " not in " << text);
  return text.replace(at, what.size(), with);
}

}  // namespace

TEST_CASE("malformed, wrong-typed and oversized bodies are refused") {
  Shop shop;
  const Session buyer = shop.login("kupiec1@budmax.pl");
  const Pick pick = cheap_line();
  const Cart cart{"", "Budowa", "", {{pick.product->sku, pick.quantity, ""}}, 0, ""};
  const HttpRequest valid = own_protocol().create_cart_request(buyer.token, cart, "");

  // Each body is refused with 400 validation, naming the field the client's own decoder names.
  auto expect_decode_error = [&](HttpRequest request, const std::string& body) {
    CAPTURE(body.substr(0, 200));
    const auto local = wire::decode_json<Cart>(body);
    REQUIRE_FALSE(local.ok());
    request.body = body;
    const HttpResponse response = shop.send(request);
    CHECK_MESSAGE(response.status == 400, describe(response));
    const auto error = wire::decode_error(response.body);
    REQUIRE_MESSAGE(error.ok(), describe(response));
    CHECK(error.value().kind == "validation");
    REQUIRE_MESSAGE(!error.value().fields.empty(), describe(response));
    CHECK(error.value().fields[0].field == local.error().field);
    CHECK(shop.carts(buyer.token).empty());
  };

  SUBCASE("not JSON") { expect_decode_error(valid, "{\"protocol_version\":1,\"type\":\"cart\",\"data\":{"); }
  SUBCASE("a quantity that is a string") {
    const std::string quantity = "\"quantity\":" + std::to_string(pick.quantity);
    expect_decode_error(valid, replace_once(valid.body, quantity, "\"quantity\":\"dużo\""));
  }
  SUBCASE("lines that are not a list") {
    expect_decode_error(valid, replace_once(valid.body, "\"lines\":[", "\"lines\":{\"x\":[") + "}");
  }
  SUBCASE("the wrong envelope type") {
    expect_decode_error(valid, replace_once(valid.body, "\"type\":\"cart\"", "\"type\":\"credentials\""));
  }
  SUBCASE("a protocol version from the future") {
    expect_decode_error(valid, replace_once(valid.body, "\"protocol_version\":1", "\"protocol_version\":2"));
  }
  SUBCASE("an empty body") { expect_decode_error(valid, ""); }
  SUBCASE("fields the server does not know are ignored (a newer client)") {
    HttpRequest request = valid;
    request.body =
        replace_once(request.body, "\"data\":{", "\"sent_by\":\"v2\",\"data\":{\"colour\":[1,{\"a\":null}],");
    REQUIRE(wire::decode_json<Cart>(request.body).ok());
    const HttpResponse response = shop.send(request);
    CHECK_MESSAGE(response.status == 201, describe(response));
    CHECK(shop.carts(buyer.token).size() == 1);
  }
  SUBCASE("a malformed login is a validation error, not an auth error") {
    HttpRequest login = own_protocol().login_request({"kupiec1@budmax.pl", "haslo-buyer-1"});
    login.body = "{\"protocol_version\":1,\"type\":\"credentials\",\"data\":{\"email\":42}}";
    const HttpResponse response = shop.send(login);
    CHECK_MESSAGE(response.status == 400, describe(response));
    const auto local = wire::decode_json<backend::Credentials>(login.body);
    REQUIRE_FALSE(local.ok());
    const std::vector<FieldError> fields = field_errors(response);
    REQUIRE_MESSAGE(!fields.empty(), describe(response));
    CHECK(fields[0].field == local.error().field);
  }
  SUBCASE("a wrong-typed order creates nothing") {
    HttpRequest request = own_protocol().submit_order_request(
        buyer.token, submission({{pick.product->sku, pick.quantity, ""}}, budmax_checkout()));
    request.body = replace_once(request.body, "\"ship_to_address_id\":\"a-1\"", "\"ship_to_address_id\":[1]");
    const HttpResponse response = shop.send(request);
    CHECK_MESSAGE(response.status == 400, describe(response));
    CHECK(error_kind(response) == "validation");
    CHECK(shop.orders(buyer.token).empty());
  }
  SUBCASE("exactly 1 MiB is read; one byte more is 413") {
    const std::string email = "kupiec1@budmax.pl";
    const std::size_t overhead = wire::encode_json(backend::Credentials{email, ""}).size();
    HttpRequest at_limit = own_protocol().login_request({email, std::string(kMiB - overhead, 'x')});
    REQUIRE(at_limit.body.size() == kMiB);
    const HttpResponse read = shop.send(at_limit);
    CHECK_MESSAGE(read.status == 401, describe(read));  // read and checked: a wrong password

    const HttpRequest over = own_protocol().login_request({email, std::string(kMiB - overhead + 1, 'x')});
    REQUIRE(over.body.size() == kMiB + 1);
    const HttpResponse refused = shop.send(over);
    CHECK_MESSAGE(refused.status == 413, describe(refused));
    CHECK(error_kind(refused) == "validation");
    CHECK(own_protocol().parse_login(refused).error().kind == ErrorKind::Validation);
  }
  SUBCASE("an oversized cart is 413 and not stored") {
    Cart huge = cart;
    huge.lines[0].note = std::string(2 * kMiB, 'n');
    const HttpResponse refused = shop.send(own_protocol().create_cart_request(buyer.token, huge, ""));
    CHECK_MESSAGE(refused.status == 413, describe(refused));
    CHECK(error_kind(refused) == "validation");
    CHECK(shop.carts(buyer.token).empty());
  }
}

TEST_CASE("an injected server failure is reported as such, and the next request succeeds") {
  Shop shop;
  const Session buyer = shop.login("kupiec1@budmax.pl");

  SUBCASE("503 twice, then success") {
    shop.faults(R"({"fail_status":503,"fail_next":2})");
    for (int i = 0; i < 2; ++i) {
      CAPTURE(i);
      const HttpResponse failed = shop.send(own_protocol().price_list_request(buyer.token));
      CHECK_MESSAGE(failed.status == 503, describe(failed));
      CHECK(error_kind(failed) == "server");
      CHECK(own_protocol().parse_price_list(failed).error().kind == ErrorKind::Server);
    }
    const HttpResponse ok = shop.send(own_protocol().price_list_request(buyer.token));
    CHECK_MESSAGE(ok.status == 200, describe(ok));
  }
  SUBCASE("500 on an order; the retry with the same key leaves exactly one order") {
    shop.faults(R"({"fail_status":500,"fail_next":1})");
    const OrderSubmission order =
        submission({{cheap_line().product->sku, cheap_line().quantity, ""}}, budmax_checkout());
    const HttpResponse failed = shop.send(own_protocol().submit_order_request(buyer.token, order));
    CHECK_MESSAGE(failed.status == 500, describe(failed));
    CHECK(own_protocol().parse_submit_order(failed).error().kind == ErrorKind::Server);
    const OrderOutcome retry = shop.place(buyer.token, order);
    CHECK(retry.order.status == OrderStatus::Placed);
    CHECK(shop.orders(buyer.token).size() == 1);
  }
  SUBCASE("test endpoints do not use up the failures; logins do") {
    shop.faults(R"({"fail_next":1})");  // fail_status defaults to 503
    shop.set_price("pl-budmax", cheap_line().product->sku, 999);
    const HttpResponse failed = shop.send(own_protocol().login_request({"kupiec1@budmax.pl", "haslo-buyer-1"}));
    CHECK_MESSAGE(failed.status == 503, describe(failed));
    const HttpResponse ok = shop.send(own_protocol().price_list_request(buyer.token));
    CHECK_MESSAGE(ok.status == 200, describe(ok));
  }
}

TEST_CASE("with injected latency requests still succeed") {
  Shop shop;
  const Session buyer = shop.login("kupiec1@budmax.pl");
  shop.faults(R"({"latency_ms":150})");
  const HttpResponse slow = shop.send(own_protocol().price_list_request(buyer.token));
  CHECK_MESSAGE(slow.status == 200, describe(slow));
  CHECK(own_protocol().parse_price_list(slow).ok());
  CHECK(shop.login("akceptant1@budmax.pl").user.role == Role::Approver);
  shop.faults(R"({"latency_ms":0})");
  CHECK(shop.send(own_protocol().price_list_request(buyer.token)).status == 200);
}

TEST_CASE("CORS: allowed origins get the headers, other origins do not") {
  const std::string allowed = "http://localhost:5173";
  const std::string also_allowed = "https://portal.example.com";
  const std::string other = "https://evil.example.net";
  Shop shop({{"--allow-origin", allowed, "--allow-origin", also_allowed}, true});
  const Session buyer = shop.login("kupiec1@budmax.pl");

  SUBCASE("an allowed origin is echoed, with Vary: Origin, also on errors") {
    for (const std::string& origin : {allowed, also_allowed}) {
      CAPTURE(origin);
      HttpRequest request = own_protocol().price_list_request(buyer.token);
      request.headers.emplace_back("Origin", origin);
      const HttpResponse response = shop.send(request);
      CHECK(response.status == 200);
      CHECK(header_value(response.headers, "Access-Control-Allow-Origin") == origin);
      CHECK(has_token(header_value(response.headers, "Vary"), "Origin"));

      HttpRequest refused = own_protocol().price_list_request("not-a-token");
      refused.headers.emplace_back("Origin", origin);
      const HttpResponse denied = shop.send(refused);
      CHECK(denied.status == 401);
      CHECK(header_value(denied.headers, "Access-Control-Allow-Origin") == origin);
    }
  }
  SUBCASE("another origin gets no Access-Control-Allow-Origin") {
    HttpRequest request = own_protocol().price_list_request(buyer.token);
    request.headers.emplace_back("Origin", other);
    const HttpResponse response = shop.send(request);
    CHECK(header_value(response.headers, "Access-Control-Allow-Origin").empty());
  }
  SUBCASE("a preflight from an allowed origin lists the methods and headers") {
    HttpRequest preflight;
    preflight.method = "OPTIONS";
    preflight.path = "/api/v1/orders";
    preflight.headers = {{"Origin", allowed},
                         {"Access-Control-Request-Method", "POST"},
                         {"Access-Control-Request-Headers", "authorization,content-type,idempotency-key"}};
    const HttpResponse response = shop.send(preflight);
    CHECK_MESSAGE(response.status == 204, describe(response));
    CHECK(header_value(response.headers, "Access-Control-Allow-Origin") == allowed);
    const std::string methods = header_value(response.headers, "Access-Control-Allow-Methods");
    CAPTURE(methods);
    for (const char* method : {"GET", "POST", "PUT", "PATCH", "DELETE"}) CHECK(has_token(methods, method));
    const std::string headers = header_value(response.headers, "Access-Control-Allow-Headers");
    CAPTURE(headers);
    for (const char* header : {"Authorization", "Content-Type", "Idempotency-Key", "If-Match"})
      CHECK(has_token(headers, header));
  }
  SUBCASE("a preflight from another origin is refused") {
    HttpRequest preflight;
    preflight.method = "OPTIONS";
    preflight.path = "/api/v1/carts";
    preflight.headers = {{"Origin", other}, {"Access-Control-Request-Method", "PUT"}};
    const HttpResponse response = shop.send(preflight);
    CHECK_MESSAGE(response.status == 403, describe(response));
    CHECK(header_value(response.headers, "Access-Control-Allow-Origin").empty());
  }
}

TEST_CASE("without --allow-origin no origin is allowed") {
  Shop shop;
  HttpRequest request = protocol::build_health_request();
  request.headers.emplace_back("Origin", "http://localhost:5173");
  const HttpResponse response = shop.send(request);
  CHECK(response.status == 200);
  CHECK(header_value(response.headers, "Access-Control-Allow-Origin").empty());
}

TEST_CASE("static files carry a frame-ancestors Content-Security-Policy") {
  SUBCASE("with --portal origins") {
    Shop shop({{"--portal", "https://erp.example.com", "--portal", "http://localhost:8081"}, true});
    for (const char* path : {"/", "/index.html"}) {
      CAPTURE(path);
      const HttpResponse response = shop.get(path);
      CHECK_MESSAGE(response.status == 200, describe(response));
      CHECK(response.body.find("b2b api test") != std::string::npos);
      CHECK(normalized_policy(header_value(response.headers, "Content-Security-Policy")) ==
            "frame-ancestors 'self' https://erp.example.com http://localhost:8081");
    }
  }
  SUBCASE("without it, only the server's own pages may frame the app") {
    Shop shop;
    const HttpResponse response = shop.get("/");
    CHECK_MESSAGE(response.status == 200, describe(response));
    CHECK(normalized_policy(header_value(response.headers, "Content-Security-Policy")) == "frame-ancestors 'self'");
  }
}

TEST_CASE("test endpoints exist only with --enable-test-endpoints") {
  Shop shop({{}, false});
  const Pick pick = cheap_line();
  const Session buyer = shop.login("kupiec1@budmax.pl");
  CHECK(shop.post_test("faults", R"({"fail_next":5})").status == 404);
  CHECK(shop.post_test("price",
                       R"({"price_list_id":"pl-budmax","sku":")" + pick.product->sku + R"(","unit_net_minor":1})")
            .status == 404);
  CHECK(shop.post_test("product", R"({"sku":")" + pick.product->sku + R"(","active":false})").status == 404);
  CHECK(shop.post_test("clock", R"({"advance_seconds":86400})").status == 404);
  // None of them took effect.
  const PriceList list = shop.price_list(buyer.token);
  CHECK(entry_of(list, pick.product->sku)->unit_net_minor ==
        entry_of(seed_price_list("c-budmax"), pick.product->sku)->unit_net_minor);
  CHECK(shop.send(own_protocol().price_list_request(buyer.token)).status == 200);
}

TEST_CASE("the app's JavaScript and wasm go brotli-compressed to browsers that take it, and change with the file") {
  const Shop shop;
  const std::string script = "// the app\n" + std::string(20000, 'x') + "\n";
  std::ofstream(shop.dir() + "/app.js") << script;
  const auto get = [&](const std::string& path, const std::string& encodings) {
    HttpRequest request;
    request.path = path;
    if (!encodings.empty()) request.headers = {{"Accept-Encoding", encodings}};
    return shop.send(request);
  };
  SUBCASE("brotli, decoded by the client to the file itself") {
    const HttpResponse response = get("/app.js", "gzip, deflate, br");
    CHECK(response.status == 200);
    CHECK(header_value(response.headers, "Content-Encoding") == "br");  // once, not compressed twice
    CHECK(response.body == script);
    CHECK(header_value(response.headers, "Cache-Control") == "no-cache");
    std::ofstream(shop.dir() + "/app.js") << "// changed\n";
    CHECK(get("/app.js", "br").body == "// changed\n");
  }
  SUBCASE("without brotli, the file as the mount point serves it") {
    const HttpResponse response = get("/app.js", "");
    CHECK(response.status == 200);
    CHECK(header_value(response.headers, "Content-Encoding").empty());
    CHECK(response.body == script);
  }
  SUBCASE("nothing outside the web root") {
    CHECK(get("/../app.js", "br").status == 404);
    CHECK(get("/missing.js", "br").status == 404);
  }
}
