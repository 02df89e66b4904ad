// Code tables of the domain enums (the strings used on the wire and in documents) and dates.
#include "b2b/domain.hpp"

#include <cstdio>

namespace b2b {
namespace {

template <typename Enum, std::size_t N>
struct CodeTable {
  struct Row {
    Enum value;
    const char* code;
  };
  Row rows[N];

  const char* code_of(Enum value) const {
    for (const Row& row : rows)
      if (row.value == value) return row.code;
    return "";
  }
  std::optional<Enum> value_of(const std::string& code) const {
    for (const Row& row : rows)
      if (code == row.code) return row.value;
    return std::nullopt;
  }
};

constexpr CodeTable<VatRate, 6> kVatCodes{{{VatRate::Standard23, "23"},
                                           {VatRate::Reduced8, "8"},
                                           {VatRate::Reduced5, "5"},
                                           {VatRate::Zero, "0"},
                                           {VatRate::Exempt, "zw"},
                                           {VatRate::ReverseCharge, "oo"}}};
constexpr CodeTable<Unit, 6> kUnitCodes{{{Unit::Piece, "szt"},
                                         {Unit::Pack, "opak"},
                                         {Unit::Kilogram, "kg"},
                                         {Unit::Metre, "m"},
                                         {Unit::SquareMetre, "m2"},
                                         {Unit::Litre, "l"}}};
constexpr CodeTable<PaymentTerms, 4> kTermsCodes{{{PaymentTerms::Prepaid, "prepaid"},
                                                  {PaymentTerms::Net14, "net14"},
                                                  {PaymentTerms::Net30, "net30"},
                                                  {PaymentTerms::Net60, "net60"}}};
constexpr CodeTable<Role, 4> kRoleCodes{
    {{Role::Buyer, "buyer"}, {Role::Approver, "approver"}, {Role::Admin, "admin"}, {Role::Seller, "seller"}}};
constexpr CodeTable<QuoteStatus, 4> kQuoteStatusCodes{{{QuoteStatus::Requested, "requested"},
                                                       {QuoteStatus::Answered, "answered"},
                                                       {QuoteStatus::Accepted, "accepted"},
                                                       {QuoteStatus::Declined, "declined"}}};
constexpr CodeTable<OrderStatus, 5> kStatusCodes{{{OrderStatus::PendingApproval, "pending_approval"},
                                                  {OrderStatus::Approved, "approved"},
                                                  {OrderStatus::Rejected, "rejected"},
                                                  {OrderStatus::Placed, "placed"},
                                                  {OrderStatus::Cancelled, "cancelled"}}};

bool is_leap_year(int year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

int days_in_month(int year, int month) {
  static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return month == 2 && is_leap_year(year) ? 29 : kDays[month - 1];
}

}  // namespace

int vat_percent(VatRate rate) {
  switch (rate) {
    case VatRate::Standard23:
      return 23;
    case VatRate::Reduced8:
      return 8;
    case VatRate::Reduced5:
      return 5;
    case VatRate::Zero:
    case VatRate::Exempt:
    case VatRate::ReverseCharge:
      return 0;
  }
  return 0;
}

const char* vat_code(VatRate rate) { return kVatCodes.code_of(rate); }
std::optional<VatRate> vat_from_code(const std::string& code) { return kVatCodes.value_of(code); }
const char* unit_code(Unit unit) { return kUnitCodes.code_of(unit); }
std::optional<Unit> unit_from_code(const std::string& code) { return kUnitCodes.value_of(code); }
const char* payment_terms_code(PaymentTerms terms) { return kTermsCodes.code_of(terms); }
std::optional<PaymentTerms> payment_terms_from_code(const std::string& code) { return kTermsCodes.value_of(code); }
const char* role_code(Role role) { return kRoleCodes.code_of(role); }
std::optional<Role> role_from_code(const std::string& code) { return kRoleCodes.value_of(code); }
const char* order_status_code(OrderStatus status) { return kStatusCodes.code_of(status); }
std::optional<OrderStatus> order_status_from_code(const std::string& code) { return kStatusCodes.value_of(code); }
const char* quote_status_code(QuoteStatus status) { return kQuoteStatusCodes.code_of(status); }
std::optional<QuoteStatus> quote_status_from_code(const std::string& code) { return kQuoteStatusCodes.value_of(code); }

std::string format_date(const Date& date) {
  char text[16];
  std::snprintf(text, sizeof text, "%04d-%02d-%02d", date.year, date.month, date.day);
  return text;
}

std::optional<Date> parse_date(const std::string& iso) {
  if (iso.size() != 10 || iso[4] != '-' || iso[7] != '-') return std::nullopt;
  for (std::size_t i : {0, 1, 2, 3, 5, 6, 8, 9})
    if (iso[i] < '0' || iso[i] > '9') return std::nullopt;
  const auto number = [&](std::size_t from, std::size_t count) {
    int value = 0;
    for (std::size_t i = from; i < from + count; ++i) value = value * 10 + (iso[i] - '0');
    return value;
  };
  Date date{number(0, 4), number(5, 2), number(8, 2)};
  if (date.year < 1 || date.month < 1 || date.month > 12) return std::nullopt;
  if (date.day < 1 || date.day > days_in_month(date.year, date.month)) return std::nullopt;
  return date;
}

Date date_from_unix_seconds(std::int64_t unix_seconds) {
  // Days since 1970-01-01 to a civil date (Howard Hinnant's algorithm).
  std::int64_t z = unix_seconds / 86400;
  if (unix_seconds % 86400 < 0) --z;
  z += 719468;
  const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const std::int64_t doe = z - era * 146097;
  const std::int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const std::int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const std::int64_t mp = (5 * doy + 2) / 153;
  const int day = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  const int month = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  const int year = static_cast<int>(yoe + era * 400 + (month <= 2 ? 1 : 0));
  return {year, month, day};
}

std::int64_t days_since_epoch(const Date& date) {
  // A civil date to days since 1970-01-01 (the inverse of the algorithm above).
  const std::int64_t y = date.year - (date.month <= 2 ? 1 : 0);
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const std::int64_t yoe = y - era * 400;
  const std::int64_t mp = date.month > 2 ? date.month - 3 : date.month + 9;
  const std::int64_t doy = (153 * mp + 2) / 5 + date.day - 1;
  const std::int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

Date add_days(const Date& date, std::int64_t days) {
  return date_from_unix_seconds((days_since_epoch(date) + days) * 86400);
}

}  // namespace b2b
