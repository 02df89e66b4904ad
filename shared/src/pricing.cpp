// Tier prices, VAT and cart totals in integer minor units; every step is checked for int64 overflow so a
// huge price or quantity becomes an error instead of a wrapped, plausible-looking total.
#include "b2b/pricing.hpp"

#include <algorithm>
#include <string_view>
#include <unordered_map>

namespace b2b {
namespace {

Error overflow_at(const std::string& field, const std::string& what) {
  return Error{ErrorKind::Overflow, field, what + " does not fit in 64-bit minor units"};
}

std::string line_path(std::size_t index) { return "lines[" + std::to_string(index) + "]"; }

}  // namespace

const PriceTier* tier_for(const PriceListEntry& entry, std::int64_t quantity) {
  const PriceTier* best = nullptr;
  for (const PriceTier& tier : entry.tiers) {
    if (tier.min_quantity <= quantity && (best == nullptr || tier.min_quantity > best->min_quantity)) best = &tier;
  }
  return best;
}

const PriceListEntry* price_entry(const PriceList& list, const std::string& sku) {
  // Lists from a ShopProtocol are sorted by SKU (sort_by_sku): a binary search finds the entry in a
  // 100,000-entry list within a frame's budget. An unsorted list still answers right, by the scan below.
  std::size_t low = 0, high = list.entries.size();
  while (low < high) {
    const std::size_t middle = low + (high - low) / 2;
    if (list.entries[middle].sku < sku) {
      low = middle + 1;
    } else {
      high = middle;
    }
  }
  if (low < list.entries.size() && list.entries[low].sku == sku) return &list.entries[low];
  for (const PriceListEntry& entry : list.entries)
    if (entry.sku == sku) return &entry;
  return nullptr;
}

void sort_by_sku(PriceList& list) {
  std::sort(list.entries.begin(), list.entries.end(),
            [](const PriceListEntry& a, const PriceListEntry& b) { return a.sku < b.sku; });
}

std::int64_t unit_price_for(const PriceListEntry& entry, std::int64_t quantity) {
  const PriceTier* tier = tier_for(entry, quantity);
  return tier != nullptr ? tier->unit_net_minor : entry.unit_net_minor;
}

Result<Money> vat_for(Money net, VatRate rate) {
  const std::int64_t percent = vat_percent(rate);
  // net x percent / 100 == whole x percent + part x percent / 100 exactly, with whole = net / 100 and
  // part = net % 100 sharing net's sign. Splitting keeps the products small: a naive net x 23 would
  // overflow for nets above INT64_MAX / 23 whose VAT fits comfortably.
  const std::int64_t whole = net.minor / 100;
  const std::int64_t part = net.minor % 100;
  std::int64_t whole_vat = 0;
  if (__builtin_mul_overflow(whole, percent, &whole_vat)) return overflow_at("net", "VAT");
  const std::int64_t part_hundredths = part * percent;  // |part| < 100, percent <= 100: cannot overflow
  std::int64_t part_vat = part_hundredths / 100;
  const std::int64_t leftover = part_hundredths % 100;
  // Half away from zero on both sides, so a refund's VAT is the exact negative of the sale's.
  if (leftover >= 50) part_vat += 1;
  if (leftover <= -50) part_vat -= 1;
  std::int64_t vat = 0;
  if (__builtin_add_overflow(whole_vat, part_vat, &vat)) return overflow_at("net", "VAT");
  return Money{vat, net.currency};
}

Result<PricedCart> price_cart(const Cart& cart, const PriceList& price_list, const std::vector<Product>& catalog) {
  // Indexed once so large carts stay linear; the first entry of a duplicated SKU wins, as in validate_cart.
  // The maps only answer look-ups: output order follows the cart, so the result is deterministic.
  std::unordered_map<std::string_view, const Product*> products_by_sku;
  for (const Product& product : catalog) products_by_sku.emplace(product.sku, &product);
  std::unordered_map<std::string_view, const PriceListEntry*> prices_by_sku;
  for (const PriceListEntry& entry : price_list.entries) prices_by_sku.emplace(entry.sku, &entry);

  const Currency currency = price_list.currency;
  PricedCart priced;
  priced.totals = Totals{Money{0, currency}, Money{0, currency}, Money{0, currency}};

  for (std::size_t i = 0; i < cart.lines.size(); ++i) {
    const CartLine& line = cart.lines[i];
    const std::string path = line_path(i);

    const auto product = products_by_sku.find(line.sku);
    if (product == products_by_sku.end()) {
      priced.problems.push_back(FieldProblem{path + ".sku", ProblemCode::UnknownProduct,
                                             "There is no product with code " + line.sku + " in the catalog.", 0});
      continue;
    }
    if (!product->second->active) {
      priced.problems.push_back(
          FieldProblem{path + ".sku", ProblemCode::Inactive, "Product " + line.sku + " is no longer sold.", 0});
      continue;
    }
    const auto entry = prices_by_sku.find(line.sku);
    if (entry == prices_by_sku.end()) {
      priced.problems.push_back(FieldProblem{path + ".sku", ProblemCode::NotInPriceList,
                                             "Product " + line.sku + " has no price in your price list.", 0});
      continue;
    }
    // A zero or negative quantity would turn into a zero or negative charge hidden in the totals.
    if (line.quantity <= 0) {
      priced.problems.push_back(
          FieldProblem{path + ".quantity", ProblemCode::NotPositive, "Quantity must be greater than zero.", 0});
      continue;
    }

    PricedLine out;
    out.sku = line.sku;
    out.quantity = line.quantity;
    out.unit_net = Money{unit_price_for(*entry->second, line.quantity), currency};
    out.vat = product->second->vat;
    out.note = line.note;

    const Result<Money> net = multiply(out.unit_net, line.quantity);
    if (!net) return overflow_at(path, "unit price x quantity");
    out.net = net.value();
    const Result<Money> vat = vat_for(out.net, out.vat);
    if (!vat) return overflow_at(path, "line VAT");
    out.vat_amount = vat.value();
    const Result<Money> gross = add(out.net, out.vat_amount);
    if (!gross) return overflow_at(path, "line gross");
    out.gross = gross.value();

    const Result<Money> total_net = add(priced.totals.net, out.net);
    if (!total_net) return overflow_at("totals.net", "cart net total");
    priced.totals.net = total_net.value();
    const Result<Money> total_vat = add(priced.totals.vat, out.vat_amount);
    if (!total_vat) return overflow_at("totals.vat", "cart VAT total");
    priced.totals.vat = total_vat.value();

    priced.lines.push_back(std::move(out));
  }

  // Gross from the two totals rather than a third running sum, so net + vat == gross holds by construction;
  // it also equals the sum of line gross, since each line gross is that line's net + VAT.
  const Result<Money> total_gross = add(priced.totals.net, priced.totals.vat);
  if (!total_gross) return overflow_at("totals.gross", "cart gross total");
  priced.totals.gross = total_gross.value();
  return priced;
}

}  // namespace b2b
