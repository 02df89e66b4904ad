// The embedding protocol (docs/embedding.md): validates what a partner portal posts to the client in
// its iframe, and builds what the client posts back. Pure: the browser bridge only moves the strings.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "b2b/domain.hpp"
#include "b2b/locale.hpp"

namespace b2b::embed {

inline constexpr const char* kProtocolName = "b2b-embed";
inline constexpr int kVersion = 1;
inline constexpr std::size_t kMaxPrefillLines = 500;
inline constexpr std::size_t kMaxMessageBytes = 256 * 1024;

struct Theme {
  std::optional<bool> dark;             // "mode": "dark" / "light"
  std::optional<std::uint32_t> accent;  // "accent": "#rrggbb" as 0xRRGGBB
  bool operator==(const Theme& other) const { return dark == other.dark && accent == other.accent; }
  bool operator!=(const Theme& other) const { return !(*this == other); }
};

struct PrefillLine {
  std::string sku;
  std::int64_t quantity = 0;
};

struct CartPrefill {
  std::string name;  // empty: into the active cart
  std::vector<PrefillLine> lines;
};

struct Init {
  std::optional<Locale> locale;
  std::optional<Theme> theme;
  std::string start_token;  // one-time session handoff; empty: the buyer signs in inside the frame
  std::string category;     // top-level category the catalog is limited to; empty: all
  std::optional<CartPrefill> cart;
};
struct OpenProduct {
  std::string sku;
};
struct SetLocale {
  Locale locale = Locale::pl;
};
struct SetTheme {
  Theme theme;
};

using Command = std::variant<Init, OpenProduct, CartPrefill, SetLocale, SetTheme>;

struct HostMessage {
  std::string id;  // optional; replies and errors about it carry it as reply_to
  Command command;
};

// What to do with something posted to the client's window.
struct Parsed {
  enum class Kind {
    Ignored,   // not ours (another library's message): no answer at all
    Rejected,  // ours but wrong: answer with `reply` (an error message)
    Accepted
  } kind = Kind::Ignored;
  std::optional<HostMessage> message;
  std::string reply;
};

// `json` is the message as JSON (the bridge stringifies the structured clone).
Parsed parse_host_message(std::string_view json);

// Whether `origin` is exactly one of `allowed` (no prefixes, no wildcards, no trailing slash games).
bool origin_allowed(std::string_view origin, const std::vector<std::string>& allowed);

// --- Client -> host, each a complete JSON envelope --------------------------------------------------
enum class StorageKind { Available, Partitioned, Unavailable };
const char* storage_kind_code(StorageKind kind);

std::string ready_message(StorageKind storage);
std::string initialized_message(bool signed_in, Locale locale, const std::string& reply_to);
std::string resize_message(int height_css_px);
std::string session_message(bool signed_in, const std::string& company, const std::string& role);
// Totals are omitted when the cart cannot be priced yet (no price list).
std::string cart_changed_message(const Cart& cart, const std::optional<Totals>& totals);
std::string order_placed_message(const Order& order);
std::string search_touchpoint(std::int64_t at_ms, const std::string& query, std::size_t results);
std::string view_product_touchpoint(std::int64_t at_ms, const std::string& sku);
std::string add_to_cart_touchpoint(std::int64_t at_ms, const std::string& sku, std::int64_t quantity);
std::string order_touchpoint(std::int64_t at_ms, const std::string& number, Money value);

struct PrefillReportLine {
  std::string sku;
  std::int64_t requested = 0;
  std::int64_t added = 0;
  std::string status;  // "added", "adjusted", "rejected"
  std::string reason;  // why adjusted or rejected; empty otherwise
};
std::string prefill_report_message(const std::vector<PrefillReportLine>& lines, const std::string& reply_to);
std::string error_message(const std::string& code, const std::string& message, const std::string& reply_to);

}  // namespace b2b::embed
