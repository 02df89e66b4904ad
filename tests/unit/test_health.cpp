// The health endpoint, sans-IO: the request it builds and every way a response can be parsed.
#include <doctest/doctest.h>

#include "b2b/protocol/health.hpp"

using namespace b2b;
using namespace b2b::protocol;

TEST_CASE("build_health_request asks for JSON at /api/v1/health") {
  const HttpRequest request = build_health_request();
  CHECK(request.method == "GET");
  CHECK(request.path == "/api/v1/health");
  REQUIRE(request.headers.size() == 1);
  CHECK(request.headers[0].first == "Accept");
}

TEST_CASE("parse_health_response") {
  SUBCASE("round-trips what the server encodes") {
    const HealthInfo sent{"server-mock 0.1.0", kProtocolVersion};
    const auto parsed = parse_health_response({200, {}, encode_health(sent)});
    REQUIRE(parsed.ok());
    CHECK(parsed.value().server == "server-mock 0.1.0");
    CHECK(parsed.value().protocol_version == kProtocolVersion);
  }
  SUBCASE("ignores unknown fields") {
    const auto parsed = parse_health_response({200, {}, R"({"server":"x","protocol_version":1,"extra":[1,2]})"});
    CHECK(parsed.ok());
  }
  SUBCASE("no response is a network error") {
    CHECK(parse_health_response({0, {}, ""}).error().kind == ErrorKind::Network);
  }
  SUBCASE("HTTP 503 is a server error naming the status") {
    const auto parsed = parse_health_response({503, {}, "busy"});
    CHECK(parsed.error().kind == ErrorKind::Server);
    CHECK(parsed.error().message.find("503") != std::string::npos);
  }
  SUBCASE("errors name the field") {
    CHECK(parse_health_response({200, {}, "{not json"}).error().kind == ErrorKind::Decode);
    CHECK(parse_health_response({200, {}, "[]"}).error().message == "expected an object");
    CHECK(parse_health_response({200, {}, R"({"protocol_version":1})"}).error().field == "server");
    const auto wrong_type = parse_health_response({200, {}, R"({"server":"x","protocol_version":"1"})"});
    CHECK(wrong_type.error().field == "protocol_version");
    CHECK(wrong_type.error().message == "expected integer");
  }
  SUBCASE("another protocol version is refused with both versions named") {
    const auto parsed = parse_health_response({200, {}, R"({"server":"x","protocol_version":2})"});
    REQUIRE_FALSE(parsed.ok());
    CHECK(parsed.error().message == "server speaks protocol 2, this client speaks 1");
  }
}
