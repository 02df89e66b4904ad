// Quick-order parsing and the added/adjusted/rejected check of quick order and reorder.
#include <doctest/doctest.h>

#include "b2b/order_lines.hpp"

using namespace b2b;

namespace {

Product product(std::string sku, std::string ean, std::int64_t pack, std::int64_t minimum, bool active = true) {
  Product p;
  p.sku = std::move(sku);
  p.ean = std::move(ean);
  p.pack_size = pack;
  p.min_order_quantity = minimum;
  p.active = active;
  return p;
}

const std::vector<Product> kProducts = {
    product("ELE-001", "5901234123457", 1, 1),
    product("HYD-010", "", 10, 10),       // sold in tens
    product("MEC-005", "", 5, 20),        // packs of five, at least twenty
    product("OLD-999", "", 1, 1, false),  // withdrawn
    product("NOP-001", "", 1, 1),         // not in the price list
};

PriceList price_list() {
  PriceList list;
  list.currency = Currency::PLN;
  list.entries.push_back({"ELE-001", 1250, {{100, 1100}}});
  list.entries.push_back({"HYD-010", 300, {}});
  list.entries.push_back({"MEC-005", 80, {}});
  list.entries.push_back({"OLD-999", 999, {}});
  return list;
}

}  // namespace

TEST_CASE("quick order: the line shapes a buyer types or pastes") {
  SUBCASE("code and quantity separated by spaces, semicolon, comma or tab") {
    const auto lines = parse_quick_order("ELE-001 5\nHYD-010;20\n5901234123457,3\nMEC-005\t25\n");
    REQUIRE(lines.size() == 4);
    CHECK(lines[0].code == "ELE-001");
    CHECK(lines[0].quantity == 5);
    CHECK(lines[1].code == "HYD-010");
    CHECK(lines[1].quantity == 20);
    CHECK(lines[2].code == "5901234123457");
    CHECK(lines[2].quantity == 3);
    CHECK(lines[3].quantity == 25);
    for (const auto& line : lines) CHECK(line.problem == LineReason::None);
  }
  SUBCASE("Windows line ends, blank lines, comments, spaces around cells, a unit word after the quantity") {
    const auto lines = parse_quick_order("\r\n# zamówienie na budowę\r\n  ELE-001  ;  7 \r\n\r\nHYD-010 10 szt\r\n");
    REQUIRE(lines.size() == 2);
    CHECK(lines[0].code == "ELE-001");
    CHECK(lines[0].quantity == 7);
    CHECK(lines[0].line_number == 3);
    CHECK(lines[1].quantity == 10);
    CHECK(lines[1].problem == LineReason::None);
  }
  SUBCASE("a code alone is one piece (a scanned barcode)") {
    const auto lines = parse_quick_order("5901234123457");
    REQUIRE(lines.size() == 1);
    CHECK(lines[0].quantity == 1);
  }
  SUBCASE("unreadable lines keep their number and problem; the others are read") {
    const auto lines = parse_quick_order(
        "ELE-001 zero\nELE-001 0\nELE-001 -3\nELE-001 2,5\nHYD-010 10 sztuk dużo\n;5\nELE-001 9999999999\nELE-001 2");
    REQUIRE(lines.size() == 8);
    CHECK(lines[0].problem == LineReason::BadQuantity);
    CHECK(lines[1].problem == LineReason::BadQuantity);
    CHECK(lines[2].problem == LineReason::BadQuantity);
    CHECK(lines[3].problem == LineReason::BadQuantity);  // a decimal comma, not a separator
    CHECK(lines[4].problem == LineReason::BadLine);
    CHECK(lines[5].problem == LineReason::BadLine);
    CHECK(lines[6].problem == LineReason::BadQuantity);
    CHECK(lines[7].problem == LineReason::None);
    CHECK(lines[7].line_number == 8);
    CHECK(lines[4].text == "HYD-010 10 sztuk dużo");
  }
}

TEST_CASE("quick order: CSV with a header picks its columns by name, in Polish or English") {
  SUBCASE("Polish header with diacritics and a note column, quoted cells, byte order mark") {
    const auto lines = parse_quick_order("\xEF\xBB\xBFUwagi;Indeks;Ilość\n\"pilne\";\"ELE-001\";\"4\"\n;HYD-010;30\n");
    REQUIRE(lines.size() == 2);
    CHECK(lines[0].code == "ELE-001");
    CHECK(lines[0].quantity == 4);
    CHECK(lines[0].note == "pilne");
    CHECK(lines[1].code == "HYD-010");
    CHECK(lines[1].quantity == 30);
    CHECK(lines[1].note.empty());
  }
  SUBCASE("English header, commas; a row without the quantity cell is a bad quantity") {
    const auto lines = parse_quick_order("ean,qty\n5901234123457,12\n5901234123457\n");
    REQUIRE(lines.size() == 2);
    CHECK(lines[0].quantity == 12);
    CHECK(lines[1].problem == LineReason::BadQuantity);
  }
  SUBCASE("a first line that names no columns is data") {
    const auto lines = parse_quick_order("ELE-001;3\n");
    REQUIRE(lines.size() == 1);
    CHECK(lines[0].code == "ELE-001");
  }
}

TEST_CASE("quick order: at most kMaxQuickOrderLines lines are taken, the rest are reported") {
  std::string text;
  for (std::size_t i = 0; i < kMaxQuickOrderLines + 2; ++i) text += "ELE-001 1\n";
  const auto lines = parse_quick_order(text);
  REQUIRE(lines.size() == kMaxQuickOrderLines + 2);
  CHECK(lines[kMaxQuickOrderLines - 1].problem == LineReason::None);
  CHECK(lines[kMaxQuickOrderLines].problem == LineReason::TooManyLines);
  CHECK(codes_to_look_up(lines) == std::vector<std::string>{"ELE-001"});  // each code once
}

TEST_CASE("checking lines: added, adjusted to pack or minimum, rejected with the reason; nothing valid dropped") {
  const PriceList prices = price_list();
  const auto reports =
      check_lines(parse_quick_order(
                      "ele-001 3\nHYD-010 15\nMEC-005 3\nOLD-999 1\nNOPE-1 2\nNOP-001 1\nELE-001 x\n5901234123457 100"),
                  kProducts, &prices);
  REQUIRE(reports.size() == 8);
  CHECK(reports[0].outcome == LineOutcome::Added);  // SKU matched in any letter case
  CHECK(reports[0].sku == "ELE-001");
  CHECK(reports[0].quantity == 3);
  CHECK(reports[0].unit_net->minor == 1250);

  CHECK(reports[1].outcome == LineOutcome::Adjusted);
  CHECK(reports[1].reason == LineReason::RoundedToPack);
  CHECK(reports[1].quantity == 20);
  CHECK(reports[1].expected == 10);

  CHECK(reports[2].outcome == LineOutcome::Adjusted);
  CHECK(reports[2].reason == LineReason::RaisedToMinimum);
  CHECK(reports[2].quantity == 20);
  CHECK(reports[2].expected == 20);

  CHECK(reports[3].reason == LineReason::Unavailable);
  CHECK(reports[4].reason == LineReason::UnknownCode);
  CHECK(reports[5].reason == LineReason::NoPrice);
  CHECK(reports[6].reason == LineReason::BadQuantity);
  for (int i = 3; i <= 6; ++i) {
    CHECK(reports[i].outcome == LineOutcome::Rejected);
    CHECK(reports[i].quantity == 0);
  }
  CHECK(reports[7].outcome == LineOutcome::Added);  // by EAN, at the tier price for 100
  CHECK(reports[7].unit_net->minor == 1100);

  const auto lines = cart_lines_of(reports);
  REQUIRE(lines.size() == 3);  // ELE-001 twice becomes one line
  CHECK(lines[0].sku == "ELE-001");
  CHECK(lines[0].quantity == 103);
  CHECK(lines[1].sku == "HYD-010");
  CHECK(lines[2].sku == "MEC-005");
}

TEST_CASE("checking lines without a price list still checks products and quantities") {
  const auto reports = check_lines(parse_quick_order("NOP-001 2"), kProducts, nullptr);
  REQUIRE(reports.size() == 1);
  CHECK(reports[0].outcome == LineOutcome::Added);
  CHECK_FALSE(reports[0].unit_net);
}

TEST_CASE("reorder: an old order's lines at today's prices, saying what changed or is gone") {
  Order old;
  old.lines.push_back({"ELE-001", 2, Money{1250, Currency::PLN}, {}, VatRate::Standard23, {}, {}, "kabel"});
  old.lines.push_back({"HYD-010", 10, Money{250, Currency::PLN}, {}, VatRate::Standard23, {}, {}, ""});
  old.lines.push_back({"OLD-999", 1, Money{999, Currency::PLN}, {}, VatRate::Standard23, {}, {}, ""});
  const auto requested = lines_of_order(old);
  REQUIRE(requested.size() == 3);
  CHECK(requested[0].note == "kabel");
  const PriceList prices = price_list();
  const auto reports = check_lines(requested, kProducts, &prices);
  CHECK(reports[0].outcome == LineOutcome::Added);
  CHECK_FALSE(reports[0].price_changed);
  CHECK(reports[1].outcome == LineOutcome::Added);
  CHECK(reports[1].price_changed);  // 2,50 then, 3,00 now
  CHECK(reports[1].unit_net->minor == 300);
  CHECK(reports[2].reason == LineReason::Unavailable);
  CHECK(cart_lines_of(reports)[0].note == "kabel");
}
