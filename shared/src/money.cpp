// Money arithmetic and locale formatting; all integer, never floating point.
#include "b2b/money.hpp"

#include <limits>

namespace b2b {

const char* currency_code(Currency currency) {
  switch (currency) {
    case Currency::PLN:
      return "PLN";
    case Currency::EUR:
      return "EUR";
  }
  return "?";
}

Result<Money> add(Money a, Money b) {
  if (a.currency != b.currency) {
    return Error{ErrorKind::Validation, "currency",
                 std::string("cannot add ") + currency_code(b.currency) + " to " + currency_code(a.currency)};
  }
  std::int64_t sum = 0;
  if (__builtin_add_overflow(a.minor, b.minor, &sum)) {
    return Error{ErrorKind::Overflow, "amount", "sum of amounts overflows"};
  }
  return Money{sum, a.currency};
}

Result<Money> multiply(Money unit, std::int64_t quantity) {
  std::int64_t product = 0;
  if (__builtin_mul_overflow(unit.minor, quantity, &product)) {
    return Error{ErrorKind::Overflow, "amount", "amount times quantity overflows"};
  }
  return Money{product, unit.currency};
}

namespace {

// Digits of a non-negative value grouped by three with the given separator.
std::string group_thousands(std::uint64_t value, const char* separator) {
  std::string digits = std::to_string(value);
  std::string out;
  const std::size_t first_group = digits.size() % 3 == 0 ? 3 : digits.size() % 3;
  out.append(digits, 0, first_group);
  for (std::size_t i = first_group; i < digits.size(); i += 3) {
    out += separator;
    out.append(digits, i, 3);
  }
  return out;
}

}  // namespace

std::optional<std::int64_t> parse_amount_minor(const std::string& text) {
  std::int64_t whole = 0, fraction = 0;
  int fraction_digits = -1;  // -1: no separator seen yet
  bool any_digit = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c >= '0' && c <= '9') {
      any_digit = true;
      if (fraction_digits < 0) {
        if (__builtin_mul_overflow(whole, 10, &whole) || __builtin_add_overflow(whole, c - '0', &whole)) return {};
      } else {
        if (++fraction_digits > 2) return std::nullopt;
        fraction = fraction * 10 + (c - '0');
      }
    } else if ((c == ',' || c == '.') && fraction_digits < 0) {
      fraction_digits = 0;
    } else if (c == ' ' && fraction_digits < 0) {
      continue;  // thousands separator
    } else if (static_cast<unsigned char>(c) == 0xC2 && i + 1 < text.size() &&
               static_cast<unsigned char>(text[i + 1]) == 0xA0 && fraction_digits < 0) {
      ++i;  // a no-break space, as format_money writes it
    } else {
      return std::nullopt;
    }
  }
  if (!any_digit) return std::nullopt;
  if (fraction_digits == 1) fraction *= 10;
  std::int64_t minor = 0;
  if (__builtin_mul_overflow(whole, 100, &minor) || __builtin_add_overflow(minor, fraction, &minor)) return {};
  return minor;
}

namespace {

// Whole units and the two fraction digits of an amount's magnitude.
struct Parts {
  bool negative;
  std::uint64_t whole;
  char fraction_digits[3];
};

Parts parts_of(Money amount) {
  const bool negative = amount.minor < 0;
  // Negate in unsigned arithmetic so INT64_MIN formats correctly.
  const std::uint64_t magnitude =
      negative ? 0 - static_cast<std::uint64_t>(amount.minor) : static_cast<std::uint64_t>(amount.minor);
  const unsigned fraction = static_cast<unsigned>(magnitude % 100);
  return {
      negative, magnitude / 100, {static_cast<char>('0' + fraction / 10), static_cast<char>('0' + fraction % 10), 0}};
}

}  // namespace

std::string format_decimal(Money amount) {
  const Parts p = parts_of(amount);
  return (p.negative ? "-" : "") + std::to_string(p.whole) + "." + p.fraction_digits;
}

std::string format_money(Money amount, Locale locale) {
  const Parts p = parts_of(amount);
  const bool negative = p.negative;
  const std::uint64_t whole = p.whole;
  const char* fraction_digits = p.fraction_digits;

  std::string out;
  if (locale == Locale::pl) {
    if (negative) out += "-";
    out += group_thousands(whole, "\u00A0");
    out += ",";
    out += fraction_digits;
    out += amount.currency == Currency::PLN ? "\u00A0z\u0142" : std::string("\u00A0") + currency_code(amount.currency);
  } else {
    if (negative) out += "-";
    out += currency_code(amount.currency);
    out += " ";
    out += group_thousands(whole, ",");
    out += ".";
    out += fraction_digits;
  }
  return out;
}

}  // namespace b2b
