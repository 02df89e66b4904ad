// HTTP request and response as plain values: protocol code builds and parses them, and a
// transport (browser fetch, native HTTP) carries them. No sockets here.
#pragma once
#include <optional>
#include <string>
#include <string_view>
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

// Decodes percent-escapes and "+" (a space in a query); a malformed escape stays as it is.
std::string url_decode(std::string_view text);

// The decoded value of a query parameter of a request path ("/x?q=a%20b&limit=5"); nullopt when absent.
std::optional<std::string> query_value(std::string_view path, std::string_view name);

// The path without its query.
std::string_view path_only(std::string_view path);

// The value of a header, matched case-insensitively; empty when absent.
std::string header_value(const HttpHeaders& headers, const std::string& name);

// A web origin exactly as browsers serialize it: "http" or "https", "://", a lower-case host name (or an
// IPv4 address, or an IPv6 address in brackets) and an optional port 1-65535; no path, not even "/".
bool is_http_origin(std::string_view text);

// An absolute http(s) URL: such an origin (any letter case), then optionally a path, query and fragment
// of printable ASCII without spaces, quotes, angle brackets or backslashes; no user name or password.
bool is_absolute_http_url(std::string_view text);

}  // namespace b2b
