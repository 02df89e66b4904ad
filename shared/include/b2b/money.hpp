// Money in integer minor units (grosze) with a currency; arithmetic that reports overflow.
#pragma once
#include <cstdint>
#include <optional>
#include <string>

#include "b2b/locale.hpp"
#include "b2b/result.hpp"

namespace b2b {

enum class Currency { PLN, EUR };

struct Money {
  std::int64_t minor = 0;  // grosze for PLN, cents for EUR
  Currency currency = Currency::PLN;

  friend bool operator==(const Money& a, const Money& b) { return a.minor == b.minor && a.currency == b.currency; }
};

const char* currency_code(Currency currency);

// Sum of two amounts of one currency; an error for mixed currencies or int64 overflow.
Result<Money> add(Money a, Money b);
// Amount times a whole quantity; an error on overflow.
Result<Money> multiply(Money unit, std::int64_t quantity);

// An amount typed by a person in minor units: "1234", "1 234,5", "1234.56" (comma or point, spaces
// between thousands); nullopt for anything else, more than two decimals, or an overflow.
std::optional<std::int64_t> parse_amount_minor(const std::string& text);

// "1 234,56 zł" (Polish, no-break space between thousands) or "PLN 1,234.56" (English).
std::string format_money(Money amount, Locale locale);

// For machines, not people: "1234.56", "2.50", "-0.05" (a point, always two decimals, no grouping and
// no currency), as OCI and cXML want amounts.
std::string format_decimal(Money amount);

}  // namespace b2b
