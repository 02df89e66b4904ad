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

// Percent-encodes text for a URL path segment or query value (RFC 3986 unreserved kept).
std::string url_encode(const std::string& text);

// The value of a header, matched case-insensitively; empty when absent.
std::string header_value(const HttpHeaders& headers, const std::string& name);

}  // namespace b2b
