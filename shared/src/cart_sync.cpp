// Three-way merge of carts by SKU: a side that left a line as it was in the base takes the other's.
#include "b2b/cart_sync.hpp"

#include <algorithm>

namespace b2b {
namespace {

bool same_line(const CartLine& a, const CartLine& b) {
  return a.sku == b.sku && a.quantity == b.quantity && a.note == b.note;
}

const CartLine* line_of(const Cart& cart, const std::string& sku) {
  for (const CartLine& line : cart.lines)
    if (line.sku == sku) return &line;
  return nullptr;
}

bool same_optional_line(const CartLine* a, const CartLine* b) { return (!a && !b) || (a && b && same_line(*a, *b)); }

}  // namespace

bool same_content(const Cart& a, const Cart& b) {
  return a.name == b.name && a.lines.size() == b.lines.size() &&
         std::equal(a.lines.begin(), a.lines.end(), b.lines.begin(), same_line);
}

std::optional<Cart> merge_carts(const Cart& base, const Cart& mine, const Cart& theirs) {
  Cart merged = theirs;
  if (mine.name != base.name) {
    if (theirs.name != base.name && theirs.name != mine.name) return std::nullopt;
    merged.name = mine.name;
  }
  std::vector<std::string> skus;
  for (const Cart* cart : {&theirs, &mine, &base})
    for (const CartLine& line : cart->lines)
      if (std::find(skus.begin(), skus.end(), line.sku) == skus.end()) skus.push_back(line.sku);

  merged.lines.clear();
  for (const std::string& sku : skus) {
    const CartLine* in_base = line_of(base, sku);
    const CartLine* in_mine = line_of(mine, sku);
    const CartLine* in_theirs = line_of(theirs, sku);
    const CartLine* chosen = nullptr;
    if (same_optional_line(in_mine, in_base)) {
      chosen = in_theirs;  // only they changed it (or nobody did)
    } else if (same_optional_line(in_theirs, in_base) || same_optional_line(in_mine, in_theirs)) {
      chosen = in_mine;  // only I changed it, or we both made the same change
    } else {
      return std::nullopt;
    }
    if (chosen) merged.lines.push_back(*chosen);
  }
  return merged;
}

}  // namespace b2b
