// HTTP request and response as plain values: protocol code builds and parses them, and a
// transport (browser fetch, native HTTP) carries them. No sockets here.
#pragma once
#include <string>
#include <utility>
#include <vector>

namespace b2b {

using HttpHeaders = std::vector<std::pair<std::string, std::string>>;

struct HttpRequest {
  std::string method = "GET";
  std::string path;  // relative to the backend's base URL, e.g. "/api/v1/health"
  HttpHeaders headers;
  std::string body;
};

struct HttpResponse {
  int status = 0;  // 0: no response (network error, offline, aborted)
  HttpHeaders headers;
  std::string body;
};

}  // namespace b2b
