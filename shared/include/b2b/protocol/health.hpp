// The health endpoint: which server answers and which protocol version it speaks.
#pragma once
#include <string>

#include "b2b/http.hpp"
#include "b2b/result.hpp"

namespace b2b::protocol {

inline constexpr int kProtocolVersion = 1;

struct HealthInfo {
  std::string server;  // e.g. "server-mock 0.1.0"
  int protocol_version = 0;
};

HttpRequest build_health_request();
Result<HealthInfo> parse_health_response(const HttpResponse& response);
std::string encode_health(const HealthInfo& info);

}  // namespace b2b::protocol
