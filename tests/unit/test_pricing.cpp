// Pricing: tier selection, VAT rounding to the grosz, cart totals that add up exactly, and overflow errors.
#include <doctest/doctest.h>

#include <algorithm>
#include <limits>
#include <string>
#include <vector>

#include "b2b/pricing.hpp"

using namespace b2b;

namespace {

constexpr std::int64_t kMax = std::numeric_limits<std::int64_t>::max();
constexpr std::int64_t kMin = std::numeric_limits<std::int64_t>::min();

Money pln(std::int64_t minor) { return Money{minor, Currency::PLN}; }

Product make_product(std::string sku, VatRate vat = VatRate::Standard23, bool active = true) {
  Product product;
  product.sku = std::move(sku);
  product.name = {"Produkt", "Product"};
  product.vat = vat;
  product.active = active;
  return product;
}

PriceListEntry make_entry(std::string sku, std::int64_t base, std::vector<PriceTier> tiers = {}) {
  return PriceListEntry{std::move(sku), base, std::move(tiers)};
}

PriceList make_price_list(std::vector<PriceListEntry> entries, Currency currency = Currency::PLN) {
  PriceList list;
  list.id = "pl-1";
  list.company_id = "c1";
  list.currency = currency;
  list.entries = std::move(entries);
  return list;
}

Cart make_cart(std::vector<CartLine> lines) {
  Cart cart;
  cart.id = "cart-1";
  cart.lines = std::move(lines);
  return cart;
}

}  // namespace

TEST_CASE("unit_price_for picks the tier with the largest min_quantity not above the quantity") {
  const std::vector<PriceTier> sorted = {{10, 900}, {50, 800}, {100, 700}};
  const std::vector<PriceTier> unsorted = {{100, 700}, {10, 900}, {50, 800}};
  for (const auto& tiers : {sorted, unsorted}) {
    const PriceListEntry entry = make_entry("A", 1000, tiers);
    CHECK(unit_price_for(entry, 1) == 1000);
    CHECK(unit_price_for(entry, 9) == 1000);  // just below the first tier
    CHECK(unit_price_for(entry, 10) == 900);  // at a boundary
    CHECK(unit_price_for(entry, 11) == 900);  // just above
    CHECK(unit_price_for(entry, 49) == 900);
    CHECK(unit_price_for(entry, 50) == 800);
    CHECK(unit_price_for(entry, 99) == 800);
    CHECK(unit_price_for(entry, 100) == 700);
    CHECK(unit_price_for(entry, kMax) == 700);
  }
}

TEST_CASE("tier_for returns the tier itself, or nullptr for the base price") {
  const PriceListEntry entry = make_entry("A", 1000, {{50, 800}, {10, 900}});
  CHECK(tier_for(entry, 9) == nullptr);
  REQUIRE(tier_for(entry, 10) != nullptr);
  CHECK(tier_for(entry, 10) == &entry.tiers[1]);
  CHECK(tier_for(entry, 60) == &entry.tiers[0]);
  SUBCASE("no tiers: always the base price") {
    const PriceListEntry plain = make_entry("B", 1234);
    CHECK(tier_for(plain, 1000) == nullptr);
    CHECK(unit_price_for(plain, 1000) == 1234);
  }
}

TEST_CASE("vat_for rounds half away from zero to the grosz") {
  struct Row {
    std::int64_t net;
    VatRate rate;
    std::int64_t vat;
  };
  const Row table[] = {
      {0, VatRate::Standard23, 0},
      {1, VatRate::Standard23, 0},         // 0.23
      {2, VatRate::Standard23, 0},         // 0.46
      {3, VatRate::Standard23, 1},         // 0.69
      {100, VatRate::Standard23, 23},      // 23.00
      {12345, VatRate::Standard23, 2839},  // 2839.35
      {12346, VatRate::Standard23, 2840},  // 2839.58
      {50, VatRate::Reduced5, 3},          // 2.50: the half rounds up
      {10, VatRate::Reduced5, 1},          // 0.50
      {9, VatRate::Reduced5, 0},           // 0.45
      {6, VatRate::Reduced8, 0},           // 0.48
      {7, VatRate::Reduced8, 1},           // 0.56
      {250, VatRate::Reduced8, 20},        // 20.00
      {-1, VatRate::Standard23, 0},        // -0.23
      {-3, VatRate::Standard23, -1},       // -0.69
      {-50, VatRate::Reduced5, -3},        // -2.50: the half rounds away from zero
      {-10, VatRate::Reduced5, -1},        // -0.50
      {-9, VatRate::Reduced5, 0},          // -0.45
      {12345, VatRate::Zero, 0},
      {12345, VatRate::Exempt, 0},
      {12345, VatRate::ReverseCharge, 0},
      {-12345, VatRate::Exempt, 0},
      // The extremes: exact, where a naive net x 23 would overflow.
      {kMax, VatRate::Standard23, 2121375568476598436},
      {kMax, VatRate::Reduced8, 737869762948382065},
      {kMax, VatRate::Reduced5, 461168601842738790},
      {kMin, VatRate::Standard23, -2121375568476598436},
      {kMin, VatRate::Reduced5, -461168601842738790},
  };
  for (const Row& row : table) {
    const auto vat = vat_for(pln(row.net), row.rate);
    REQUIRE(vat.ok());
    CHECK_MESSAGE(vat.value().minor == row.vat, "net ", row.net, " at ", vat_code(row.rate));
  }
}

TEST_CASE("vat_for matches the textbook formula and is symmetric for negative amounts") {
  for (const VatRate rate : {VatRate::Standard23, VatRate::Reduced8, VatRate::Reduced5}) {
    const std::int64_t percent = vat_percent(rate);
    for (std::int64_t net = 0; net <= 20000; ++net) {
      const std::int64_t expected = (net * percent + 50) / 100;  // half up, for non-negative amounts
      const auto positive = vat_for(pln(net), rate);
      const auto negative = vat_for(pln(-net), rate);
      REQUIRE(positive.ok());
      REQUIRE(negative.ok());
      if (positive.value().minor != expected || negative.value().minor != -expected) {
        FAIL_CHECK("net ", net, " at ", percent, "%: got ", positive.value().minor, " / ", negative.value().minor,
                   ", expected ", expected);
      }
    }
  }
}

TEST_CASE("vat_for keeps the currency") {
  CHECK(vat_for(Money{1000, Currency::EUR}, VatRate::Standard23).value() == Money{230, Currency::EUR});
}

TEST_CASE("price_cart prices lines at their tier with the product's VAT rate") {
  const std::vector<Product> catalog = {make_product("A"), make_product("B", VatRate::Reduced8)};
  const PriceList prices = make_price_list({make_entry("A", 1999, {{10, 1799}}), make_entry("B", 250)});
  const auto result = price_cart(make_cart({{"A", 10, "pilne"}, {"B", 3, ""}}), prices, catalog);
  REQUIRE(result.ok());
  const PricedCart& priced = result.value();
  CHECK(priced.problems.empty());
  REQUIRE(priced.lines.size() == 2);

  const PricedLine& a = priced.lines[0];
  CHECK(a.sku == "A");
  CHECK(a.quantity == 10);
  CHECK(a.unit_net == pln(1799));
  CHECK(a.net == pln(17990));
  CHECK(a.vat == VatRate::Standard23);
  CHECK(a.vat_amount == pln(4138));  // 4137.70
  CHECK(a.gross == pln(22128));
  CHECK(a.note == "pilne");

  const PricedLine& b = priced.lines[1];
  CHECK(b.unit_net == pln(250));
  CHECK(b.net == pln(750));
  CHECK(b.vat == VatRate::Reduced8);
  CHECK(b.vat_amount == pln(60));
  CHECK(b.gross == pln(810));

  CHECK(priced.totals.net == pln(18740));
  CHECK(priced.totals.vat == pln(4198));
  CHECK(priced.totals.gross == pln(22938));
}

TEST_CASE("price_cart uses the price list's currency") {
  const auto result = price_cart(make_cart({{"A", 2, ""}}), make_price_list({make_entry("A", 500)}, Currency::EUR),
                                 {make_product("A")});
  REQUIRE(result.ok());
  REQUIRE(result.value().lines.size() == 1);
  CHECK(result.value().lines[0].gross == Money{1230, Currency::EUR});
  CHECK(result.value().totals.net == Money{1000, Currency::EUR});
  CHECK(result.value().totals.vat == Money{230, Currency::EUR});
  CHECK(result.value().totals.gross == Money{1230, Currency::EUR});
}

TEST_CASE("price_cart of an empty cart is zero") {
  const auto result = price_cart(make_cart({}), make_price_list({}, Currency::EUR), {});
  REQUIRE(result.ok());
  CHECK(result.value().lines.empty());
  CHECK(result.value().totals.gross == Money{0, Currency::EUR});
}

TEST_CASE("price_cart leaves out and reports lines it cannot price") {
  const std::vector<Product> catalog = {make_product("A"), make_product("OLD", VatRate::Standard23, false),
                                        make_product("NOPRICE")};
  const PriceList prices = make_price_list({make_entry("A", 1000), make_entry("OLD", 1000), make_entry("GHOST", 1)});
  const auto result = price_cart(
      make_cart({{"GHOST", 1, ""}, {"A", 1, ""}, {"OLD", 1, ""}, {"NOPRICE", 1, ""}, {"A", 0, ""}, {"A", -2, ""}}),
      prices, catalog);
  REQUIRE(result.ok());
  const PricedCart& priced = result.value();

  REQUIRE(priced.lines.size() == 1);
  CHECK(priced.lines[0].sku == "A");
  CHECK(priced.totals.net == pln(1000));
  CHECK(priced.totals.vat == pln(230));
  CHECK(priced.totals.gross == pln(1230));

  REQUIRE(priced.problems.size() == 5);
  CHECK(priced.problems[0].field == "lines[0].sku");
  CHECK(priced.problems[0].code == ProblemCode::UnknownProduct);
  CHECK(priced.problems[1].field == "lines[2].sku");
  CHECK(priced.problems[1].code == ProblemCode::Inactive);
  CHECK(priced.problems[2].field == "lines[3].sku");
  CHECK(priced.problems[2].code == ProblemCode::NotInPriceList);
  CHECK(priced.problems[3].field == "lines[4].quantity");
  CHECK(priced.problems[3].code == ProblemCode::NotPositive);
  CHECK(priced.problems[4].field == "lines[5].quantity");
  CHECK(priced.problems[4].code == ProblemCode::NotPositive);
}

TEST_CASE("price_cart rounds VAT per line, and the totals add up over 1,000 lines") {
  SUBCASE("known totals: per-line rounding, not rounding of the sum") {
    // 0.69 rounds to 1 grosz and 0.23 to 0 on every line: 500 x 1 + 500 x 0, where VAT on the summed
    // net (20.00 zł x 23 % = 4.60 zł) would be 460.
    std::vector<CartLine> lines;
    for (int i = 0; i < 1000; ++i) lines.push_back({i % 2 == 0 ? "P3" : "P1", 1, ""});
    const auto result = price_cart(make_cart(lines), make_price_list({make_entry("P3", 3), make_entry("P1", 1)}),
                                   {make_product("P3"), make_product("P1")});
    REQUIRE(result.ok());
    CHECK(result.value().lines.size() == 1000);
    CHECK(result.value().totals.net == pln(2000));
    CHECK(result.value().totals.vat == pln(500));
    CHECK(result.value().totals.gross == pln(2500));
  }
  SUBCASE("varied prices, tiers, quantities and rates") {
    const VatRate rates[] = {VatRate::Standard23, VatRate::Reduced8, VatRate::Reduced5, VatRate::Zero, VatRate::Exempt};
    std::vector<Product> catalog;
    std::vector<PriceListEntry> entries;
    for (int p = 0; p < 37; ++p) {
      const std::string sku = "SKU-" + std::to_string(p);
      catalog.push_back(make_product(sku, rates[p % 5]));
      const std::int64_t base = 1 + (p * 7919) % 250000;
      entries.push_back(make_entry(sku, base, {{25, base * 9 / 10}, {5, base * 19 / 20}}));
    }
    std::vector<CartLine> lines;
    for (int i = 0; i < 1000; ++i) lines.push_back({"SKU-" + std::to_string((i * 13) % 37), 1 + (i * 31) % 60, ""});

    const auto result = price_cart(make_cart(lines), make_price_list(entries), catalog);
    REQUIRE(result.ok());
    const PricedCart& priced = result.value();
    REQUIRE(priced.lines.size() == 1000);
    CHECK(priced.problems.empty());

    std::int64_t net = 0, vat = 0, gross = 0;
    bool lines_consistent = true;
    for (const PricedLine& line : priced.lines) {
      lines_consistent = lines_consistent && line.gross.minor == line.net.minor + line.vat_amount.minor &&
                         line.net.minor == line.unit_net.minor * line.quantity &&
                         line.vat_amount.minor == vat_for(line.net, line.vat).value().minor;
      net += line.net.minor;
      vat += line.vat_amount.minor;
      gross += line.gross.minor;
    }
    CHECK(lines_consistent);
    CHECK(priced.totals.net.minor == net);
    CHECK(priced.totals.vat.minor == vat);
    CHECK(priced.totals.gross.minor == gross);
    CHECK(priced.totals.gross.minor == priced.totals.net.minor + priced.totals.vat.minor);
    CHECK(vat > 0);
  }
}

TEST_CASE("price_cart reports overflow instead of wrapping") {
  SUBCASE("unit price x quantity") {
    const auto result = price_cart(make_cart({{"A", 1, ""}, {"B", 3, ""}}),
                                   make_price_list({make_entry("A", 100), make_entry("B", kMax / 2)}),
                                   {make_product("A"), make_product("B")});
    REQUIRE_FALSE(result.ok());
    CHECK(result.error().kind == ErrorKind::Overflow);
    CHECK(result.error().field == "lines[1]");
  }
  SUBCASE("a tier price that overflows only at the tier's quantities") {
    const PriceList prices = make_price_list({make_entry("A", 1, {{1000, kMax / 999}})});
    CHECK(price_cart(make_cart({{"A", 999, ""}}), prices, {make_product("A")}).ok());
    const auto result = price_cart(make_cart({{"A", 1000, ""}}), prices, {make_product("A")});
    REQUIRE_FALSE(result.ok());
    CHECK(result.error().kind == ErrorKind::Overflow);
  }
  SUBCASE("line net + VAT") {
    const auto result =
        price_cart(make_cart({{"A", 1, ""}}), make_price_list({make_entry("A", kMax - 10)}), {make_product("A")});
    REQUIRE_FALSE(result.ok());
    CHECK(result.error().kind == ErrorKind::Overflow);
    CHECK(result.error().field == "lines[0]");
  }
  SUBCASE("sum of line nets") {
    const auto result =
        price_cart(make_cart({{"A", 1, ""}, {"A", 1, ""}}), make_price_list({make_entry("A", kMax / 2 + 1)}),
                   {make_product("A", VatRate::Exempt)});
    REQUIRE_FALSE(result.ok());
    CHECK(result.error().kind == ErrorKind::Overflow);
    CHECK(result.error().field == "totals.net");
  }
  SUBCASE("total net + total VAT, although every line fits") {
    const auto result = price_cart(make_cart({{"BIG", 1, ""}, {"SMALL", 1, ""}}),
                                   make_price_list({make_entry("BIG", kMax - 100), make_entry("SMALL", 100)}),
                                   {make_product("BIG", VatRate::Exempt), make_product("SMALL")});
    REQUIRE_FALSE(result.ok());
    CHECK(result.error().kind == ErrorKind::Overflow);
    CHECK(result.error().field == "totals.gross");
  }
  SUBCASE("just below the limits still prices exactly") {
    const auto result = price_cart(make_cart({{"BIG", 1, ""}, {"SMALL", 1, ""}}),
                                   make_price_list({make_entry("BIG", kMax - 123), make_entry("SMALL", 100)}),
                                   {make_product("BIG", VatRate::Exempt), make_product("SMALL")});
    REQUIRE(result.ok());
    CHECK(result.value().totals.gross.minor == kMax);
  }
}

TEST_CASE("price_entry finds every SKU in a sorted list and in an unsorted one") {
  PriceList list;
  for (int i = 0; i < 200; ++i) list.entries.push_back({"SKU-" + std::to_string((i * 7919) % 1000), i, {}});
  const PriceList unsorted = list;
  sort_by_sku(list);
  CHECK(std::is_sorted(list.entries.begin(), list.entries.end(),
                       [](const PriceListEntry& a, const PriceListEntry& b) { return a.sku < b.sku; }));
  for (const PriceList* l : {static_cast<const PriceList*>(&list), &unsorted}) {
    for (const PriceListEntry& entry : unsorted.entries) {
      const PriceListEntry* found = price_entry(*l, entry.sku);
      REQUIRE(found);
      CHECK(found->unit_net_minor == entry.unit_net_minor);
    }
    CHECK(price_entry(*l, "SKU-1001") == nullptr);
    CHECK(price_entry(*l, "") == nullptr);
  }
  CHECK(price_entry(PriceList{}, "SKU-1") == nullptr);
}
