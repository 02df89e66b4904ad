// Small helpers for HTTP values: URL encoding, header lookup and checks of origins and URLs.
#include "b2b/http.hpp"

#include <cctype>

namespace b2b {

std::string url_encode(const std::string& text) {
  static const char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(text.size());
  for (const unsigned char c : text) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

std::string url_decode(std::string_view text) {
  const auto hex = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  };
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '+') {
      out += ' ';
    } else if (text[i] == '%' && i + 2 < text.size() && hex(text[i + 1]) >= 0 && hex(text[i + 2]) >= 0) {
      out += static_cast<char>(hex(text[i + 1]) * 16 + hex(text[i + 2]));
      i += 2;
    } else {
      out += text[i];
    }
  }
  return out;
}

std::string_view path_only(std::string_view path) { return path.substr(0, path.find('?')); }

std::optional<std::string> query_value(std::string_view path, std::string_view name) {
  const std::size_t question = path.find('?');
  if (question == std::string_view::npos) return std::nullopt;
  std::string_view query = path.substr(question + 1);
  while (!query.empty()) {
    const std::size_t amp = query.find('&');
    const std::string_view pair = query.substr(0, amp);
    const std::size_t equals = pair.find('=');
    if (pair.substr(0, equals) == name)
      return equals == std::string_view::npos ? std::string() : url_decode(pair.substr(equals + 1));
    if (amp == std::string_view::npos) break;
    query.remove_prefix(amp + 1);
  }
  return std::nullopt;
}

std::string header_value(const HttpHeaders& headers, const std::string& name) {
  for (const auto& [key, value] : headers) {
    if (key.size() != name.size()) continue;
    bool same = true;
    for (std::size_t i = 0; i < key.size() && same; ++i)
      same = std::tolower(static_cast<unsigned char>(key[i])) == std::tolower(static_cast<unsigned char>(name[i]));
    if (same) return value;
  }
  return "";
}

namespace {

bool is_lower_host_char(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.'; }

// "example.com", "127.0.0.1", "[::1]": labels of letters, digits and hyphens, no empty label.
bool is_host(std::string_view host, bool any_case) {
  if (host.empty()) return false;
  if (host.front() == '[') {
    if (host.size() < 4 || host.back() != ']') return false;
    for (const char c : host.substr(1, host.size() - 2))
      if (!std::isxdigit(static_cast<unsigned char>(c)) && c != ':' && c != '.') return false;
    return true;
  }
  if (host.front() == '.' || host.back() == '.' || host.find("..") != std::string_view::npos) return false;
  for (const char c : host) {
    const char lower = any_case ? static_cast<char>(std::tolower(static_cast<unsigned char>(c))) : c;
    if (!is_lower_host_char(lower)) return false;
  }
  return true;
}

bool is_port(std::string_view port) {
  if (port.empty() || port.size() > 5 || port.front() == '0') return false;
  long value = 0;
  for (const char c : port) {
    if (c < '0' || c > '9') return false;
    value = value * 10 + (c - '0');
  }
  return value >= 1 && value <= 65535;
}

// scheme://host[:port] with nothing after it; the scheme's letter case as the caller allows.
bool is_origin(std::string_view text, bool any_case) {
  std::string scheme;
  const std::size_t colon = text.find("://");
  if (colon == std::string_view::npos) return false;
  for (const char c : text.substr(0, colon))
    scheme += any_case ? static_cast<char>(std::tolower(static_cast<unsigned char>(c))) : c;
  if (scheme != "http" && scheme != "https") return false;
  const std::string_view authority = text.substr(colon + 3);
  // The port's colon is the last one outside an IPv6 address's brackets.
  const std::size_t bracket = authority.rfind(']');
  const std::size_t port_colon = authority.rfind(':');
  if (port_colon != std::string_view::npos && (bracket == std::string_view::npos || port_colon > bracket)) {
    return is_host(authority.substr(0, port_colon), any_case) && is_port(authority.substr(port_colon + 1));
  }
  return is_host(authority, any_case);
}

}  // namespace

bool is_http_origin(std::string_view text) { return is_origin(text, false); }

bool is_absolute_http_url(std::string_view text) {
  const std::size_t scheme_end = text.find("://");
  if (scheme_end == std::string_view::npos) return false;
  const std::size_t rest = text.find_first_of("/?#", scheme_end + 3);
  if (!is_origin(text.substr(0, rest), true)) return false;
  if (rest == std::string_view::npos) return true;
  for (const char c : text.substr(rest)) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte <= 0x20 || byte >= 0x7F) return false;
    if (c == '"' || c == '<' || c == '>' || c == '\\' || c == '`' || c == '{' || c == '}' || c == '|' || c == '^')
      return false;
  }
  return true;
}

}  // namespace b2b
