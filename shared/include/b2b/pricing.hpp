// Cart pricing: tier prices, VAT rounded to the grosz and exact totals. Deterministic and pure, because the
// client shows these numbers and the server must arrive at the very same ones.
#pragma once
#include <cstdint>
#include <vector>

#include "b2b/domain.hpp"
#include "b2b/money.hpp"
#include "b2b/result.hpp"
#include "b2b/validation.hpp"

namespace b2b {

// The tier with the largest min_quantity <= quantity, in whatever order the tiers come; of equal
// min_quantity the first listed. nullptr when no tier applies (the base price does).
const PriceTier* tier_for(const PriceListEntry& entry, std::int64_t quantity);
// The list's entry for a SKU, or nullptr when the list has no price for it. Fast (binary search) on a list
// sorted by SKU, as ShopProtocol adapters return them; correct on any list.
const PriceListEntry* price_entry(const PriceList& list, const std::string& sku);
// Sorts the entries by SKU, for price_entry's binary search.
void sort_by_sku(PriceList& list);

// The unit net price charged for this quantity: the applicable tier's, else the entry's base price.
std::int64_t unit_price_for(const PriceListEntry& entry, std::int64_t quantity);

// VAT on a net amount: net x percent / 100, rounded half away from zero to the minor unit (so -0.5 grosz
// becomes -1, mirroring +0.5 -> +1). Zero, exempt and reverse-charge rates give 0. Overflow is an error.
Result<Money> vat_for(Money net, VatRate rate);

struct PricedCart {
  std::vector<PricedLine> lines;       // the priced lines, in cart order, without the ones in problems
  Totals totals;                       // sums over lines; gross == net + vat exactly
  std::vector<FieldProblem> problems;  // "lines[i].sku" / "lines[i].quantity" of lines that could not be priced
};

// Prices every line at its tier with the product's VAT rate, in the price list's currency. A line is left
// out and reported when its product is unknown or inactive, has no price, or its quantity is not positive.
// Quantity rules such as pack multiples are validate_cart's. Any int64 overflow is an Overflow error.
Result<PricedCart> price_cart(const Cart& cart, const PriceList& price_list, const std::vector<Product>& catalog);

}  // namespace b2b
