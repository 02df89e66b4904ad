// Carts edited on two devices meet here: a three-way merge against the version both started from,
// which succeeds only when no line (or the name) was changed differently on both sides.
#pragma once
#include <optional>

#include "b2b/domain.hpp"

namespace b2b {

// Same name and the same lines (SKU, quantity, note) in the same order; ids and versions are ignored.
bool same_content(const Cart& a, const Cart& b);

// The cart with both sides' changes since `base`, or nullopt when a line or the name was changed on both
// sides to different values. The result has theirs' id and version (it is saved on top of theirs); lines
// keep theirs' order, with lines only mine has at the end.
std::optional<Cart> merge_carts(const Cart& base, const Cart& mine, const Cart& theirs);

}  // namespace b2b
