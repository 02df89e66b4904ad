// Money: integer arithmetic with overflow errors, and Polish / English formatting.
#include <doctest/doctest.h>

#include <limits>

#include "b2b/domain.hpp"
#include "b2b/money.hpp"

using namespace b2b;

TEST_CASE("format_money writes Polish and English amounts") {
  SUBCASE("Polish groups thousands with a no-break space and ends with zł") {
    CHECK(format_money({123456, Currency::PLN}, Locale::pl) == "1\u00A0234,56\u00A0z\u0142");
    CHECK(format_money({5, Currency::PLN}, Locale::pl) == "0,05\u00A0z\u0142");
    CHECK(format_money({100000000, Currency::PLN}, Locale::pl) == "1\u00A0000\u00A0000,00\u00A0z\u0142");
    CHECK(format_money({-1999, Currency::PLN}, Locale::pl) == "-19,99\u00A0z\u0142");
    CHECK(format_money({250, Currency::EUR}, Locale::pl) == "2,50\u00A0EUR");
  }
  SUBCASE("English puts the currency code first and groups with commas") {
    CHECK(format_money({123456, Currency::PLN}, Locale::en) == "PLN 1,234.56");
    CHECK(format_money({0, Currency::PLN}, Locale::en) == "PLN 0.00");
    CHECK(format_money({-100, Currency::EUR}, Locale::en) == "-EUR 1.00");
  }
  SUBCASE("the extremes of int64 format without overflow") {
    CHECK(format_money({std::numeric_limits<std::int64_t>::max(), Currency::PLN}, Locale::en) ==
          "PLN 92,233,720,368,547,758.07");
    CHECK(format_money({std::numeric_limits<std::int64_t>::min(), Currency::PLN}, Locale::en) ==
          "-PLN 92,233,720,368,547,758.08");
  }
}

TEST_CASE("format_decimal writes amounts for machines: a point, two decimals, no grouping or currency") {
  CHECK(format_decimal({250, Currency::PLN}) == "2.50");
  CHECK(format_decimal({12345, Currency::PLN}) == "123.45");
  CHECK(format_decimal({123456789, Currency::EUR}) == "1234567.89");
  CHECK(format_decimal({7, Currency::PLN}) == "0.07");
  CHECK(format_decimal({0, Currency::PLN}) == "0.00");
  CHECK(format_decimal({-5, Currency::PLN}) == "-0.05");
  CHECK(format_decimal({std::numeric_limits<std::int64_t>::min(), Currency::PLN}) == "-92233720368547758.08");
}

TEST_CASE("add sums one currency and refuses mixed currencies and overflow") {
  CHECK(add({150, Currency::PLN}, {250, Currency::PLN}).value() == Money{400, Currency::PLN});
  const auto mixed = add({1, Currency::PLN}, {1, Currency::EUR});
  REQUIRE_FALSE(mixed.ok());
  CHECK(mixed.error().field == "currency");
  const auto overflow = add({std::numeric_limits<std::int64_t>::max(), Currency::PLN}, {1, Currency::PLN});
  REQUIRE_FALSE(overflow.ok());
  CHECK(overflow.error().kind == ErrorKind::Overflow);
}

TEST_CASE("multiply scales by a quantity and reports overflow") {
  CHECK(multiply({1437, Currency::PLN}, 12).value() == Money{17244, Currency::PLN});
  CHECK(multiply({1437, Currency::PLN}, 0).value() == Money{0, Currency::PLN});
  // 2^62 * 2 overflows int64 but not uint64: must still be an error on wasm32 and x86_64 alike.
  const auto overflow = multiply({std::int64_t{1} << 62, Currency::PLN}, 2);
  REQUIRE_FALSE(overflow.ok());
  CHECK(overflow.error().kind == ErrorKind::Overflow);
}

TEST_CASE("parse_amount_minor reads amounts as people type them") {
  CHECK(parse_amount_minor("1234") == 123400);
  CHECK(parse_amount_minor("1 234,5") == 123450);
  CHECK(parse_amount_minor("1234.56") == 123456);
  CHECK(parse_amount_minor("0,05") == 5);
  CHECK(parse_amount_minor("1\u00A0234,56") == 123456);  // as format_money writes it
  CHECK(parse_amount_minor(",5") == 50);
  SUBCASE("anything else is refused, not guessed") {
    CHECK_FALSE(parse_amount_minor(""));
    CHECK_FALSE(parse_amount_minor("12,345"));
    CHECK_FALSE(parse_amount_minor("1,2,3"));
    CHECK_FALSE(parse_amount_minor("-5"));
    CHECK_FALSE(parse_amount_minor("12 zł"));
    CHECK_FALSE(parse_amount_minor("99999999999999999999"));
  }
}

TEST_CASE("date_from_unix_seconds gives the UTC calendar day") {
  CHECK(date_from_unix_seconds(0) == Date{1970, 1, 1});
  CHECK(date_from_unix_seconds(1795000000) == Date{2026, 11, 18});
  CHECK(date_from_unix_seconds(951782400) == Date{2000, 2, 29});  // a leap day
  CHECK(date_from_unix_seconds(-1) == Date{1969, 12, 31});
}

TEST_CASE("days_since_epoch and add_days are the inverse of date_from_unix_seconds") {
  CHECK(days_since_epoch({1970, 1, 1}) == 0);
  CHECK(days_since_epoch({1969, 12, 31}) == -1);
  CHECK(days_since_epoch({2000, 2, 29}) == 951782400 / 86400);
  for (std::int64_t day = -800000; day <= 800000; day += 37) {  // 1 bc to 4160 ad, every 37th day
    CHECK(days_since_epoch(date_from_unix_seconds(day * 86400)) == day);
  }
  CHECK(add_days({2026, 11, 27}, -30) == Date{2026, 10, 28});
  CHECK(add_days({2024, 2, 28}, 1) == Date{2024, 2, 29});
  CHECK(add_days({2025, 2, 28}, 1) == Date{2025, 3, 1});
  CHECK(add_days({2026, 12, 31}, 1) == Date{2027, 1, 1});
  CHECK(add_days({2026, 11, 27}, -365) == Date{2025, 11, 27});
}
