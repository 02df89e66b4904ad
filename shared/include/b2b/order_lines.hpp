// Lines that come into a cart from outside the catalog screens: typed or pasted quick-order text
// ("SKU qty", "EAN;qty", CSV with a header) and an earlier order's lines (reorder). Each is checked
// against the products and today's prices and reported as added, adjusted or rejected with a reason.
#pragma once
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "b2b/domain.hpp"

namespace b2b {

// Why a line was rejected or adjusted; "none" for a line added as asked.
enum class LineReason {
  None,
  BadLine,          // could not read a code and a quantity
  BadQuantity,      // not a whole number above zero (or absurdly large)
  TooManyLines,     // past kMaxQuickOrderLines
  UnknownCode,      // no product with this SKU or EAN
  Unavailable,      // the product is withdrawn from sale
  NoPrice,          // the company's price list has no price for it
  RaisedToMinimum,  // adjusted up to the minimum order quantity
  RoundedToPack,    // adjusted up to a multiple of the pack size
};

enum class LineOutcome { Added, Adjusted, Rejected };

// A stable code for a reason, for machines (the embedding protocol's prefill report): "unknown_code", ...
const char* line_reason_code(LineReason reason);

constexpr std::size_t kMaxQuickOrderLines = 500;
constexpr std::int64_t kMaxLineQuantity = 1'000'000;

// One line as the buyer asked for it.
struct RequestedLine {
  int line_number = 0;  // 1-based, in the pasted text (or the order's line position)
  std::string text;     // the line as typed, for the report
  std::string code;     // SKU or EAN
  std::int64_t quantity = 0;
  LineReason problem = LineReason::None;   // set when the text itself is unusable
  std::optional<Money> previous_unit_net;  // reorder: what was paid, to say whether the price changed
  std::string note;
};

struct LineReport {
  RequestedLine requested;
  std::string sku;            // the product it matched, if any
  std::int64_t quantity = 0;  // what goes into the cart (0 when rejected)
  LineOutcome outcome = LineOutcome::Rejected;
  LineReason reason = LineReason::None;
  std::int64_t expected = 0;      // the minimum or pack size behind an adjustment
  std::optional<Money> unit_net;  // today's unit price for that quantity, when known
  bool price_changed = false;     // reorder: today's price differs from previous_unit_net
};

// Reads quick-order text: one line per product, "CODE QTY", "CODE;QTY", "CODE,QTY" or tab-separated;
// a first line naming its columns (sku/ean/kod/indeks/code and qty/ilość/quantity/szt, optionally
// note/uwagi) makes it CSV with those columns. Blank lines and lines starting with '#' are skipped;
// a line with only a code means one piece (then rounded to the pack). Never fails: unreadable lines
// come back with their problem set, so nothing valid is dropped because another line is wrong.
std::vector<RequestedLine> parse_quick_order(std::string_view text);

// An earlier order's lines, each with the unit price paid.
std::vector<RequestedLine> lines_of_order(const Order& order);

// The distinct codes worth looking up (lines without a problem), at most kMaxQuickOrderLines.
std::vector<std::string> codes_to_look_up(const std::vector<RequestedLine>& lines);

// Checks every line against the products found for its code (SKU in any case, or EAN) and, when
// known, the price list: rejected (unknown, unavailable, no price, bad text), adjusted (quantity
// raised to the minimum or to a pack multiple) or added.
std::vector<LineReport> check_lines(const std::vector<RequestedLine>& lines, const std::vector<Product>& products,
                                    const PriceList* prices);

// The cart lines of the added and adjusted reports, one per SKU (quantities of repeated SKUs summed).
std::vector<CartLine> cart_lines_of(const std::vector<LineReport>& reports);

}  // namespace b2b
