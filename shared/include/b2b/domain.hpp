// The B2B domain model as plain C++17 values: products, price lists, companies, users, carts,
// checkout fields and orders. No UI, no I/O; money is always integer minor units.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "b2b/money.hpp"

namespace b2b {

// --- VAT ---------------------------------------------------------------------------------------
// Polish VAT: 23/8/5/0 %, exempt ("zw") and reverse charge ("oo"); the last two charge no VAT.
enum class VatRate { Standard23, Reduced8, Reduced5, Zero, Exempt, ReverseCharge };

int vat_percent(VatRate rate);
const char* vat_code(VatRate rate);  // wire and invoice code: "23", "8", "5", "0", "zw", "oo"
std::optional<VatRate> vat_from_code(const std::string& code);

// --- Catalog -----------------------------------------------------------------------------------
enum class Unit { Piece, Pack, Kilogram, Metre, SquareMetre, Litre };

const char* unit_code(Unit unit);  // "szt", "opak", "kg", "m", "m2", "l"
std::optional<Unit> unit_from_code(const std::string& code);

struct LocalizedText {
  std::string pl;
  std::string en;
};

struct Product {
  std::string sku;
  std::string ean;  // EAN-13, check digit validated; may be empty
  LocalizedText name;
  std::vector<std::string> category_path;  // e.g. {"Mechanika", "Uszczelnienia"}
  std::string brand;
  Unit unit = Unit::Piece;
  std::int64_t pack_size = 1;  // quantities are multiples of this
  std::int64_t min_order_quantity = 1;
  VatRate vat = VatRate::Standard23;
  std::int64_t stock = 0;
  bool active = true;
};

// --- Prices ------------------------------------------------------------------------------------
struct PriceTier {
  std::int64_t min_quantity = 0;  // applies from this quantity on
  std::int64_t unit_net_minor = 0;
};

struct PriceListEntry {
  std::string sku;
  std::int64_t unit_net_minor = 0;  // below the first tier
  std::vector<PriceTier> tiers;     // ascending min_quantity
};

struct PriceList {
  std::string id;
  std::string company_id;
  Currency currency = Currency::PLN;
  std::int64_t version = 0;  // bumps on every change (for sync)
  std::vector<PriceListEntry> entries;
};

// --- Companies and users -----------------------------------------------------------------------
enum class PaymentTerms { Prepaid, Net14, Net30, Net60 };

const char* payment_terms_code(PaymentTerms terms);  // "prepaid", "net14", "net30", "net60"
std::optional<PaymentTerms> payment_terms_from_code(const std::string& code);

struct Address {
  std::string id;
  std::string label;  // e.g. "Budowa Wrocław, ul. Legnicka"
  std::string street;
  std::string postal_code;  // "00-000" in Poland
  std::string city;
  std::string country = "PL";  // ISO 3166-1 alpha-2
};

struct Company {
  std::string id;
  std::string name;
  std::string nip;        // Polish tax id, 10 digits, checksum validated
  std::string eu_vat_id;  // e.g. "PL5261040828"; may be empty
  std::vector<Address> addresses;
  PaymentTerms payment_terms = PaymentTerms::Prepaid;
  Money credit_limit;
  bool po_number_required = false;
  std::string price_list_id;
};

// Buyer, Approver and Admin belong to a customer company; Seller works for the shop itself (answers
// requests for quotes) and is never given by a company admin.
enum class Role { Buyer, Approver, Admin, Seller };

const char* role_code(Role role);  // "buyer", "approver", "admin", "seller"
std::optional<Role> role_from_code(const std::string& code);

struct User {
  std::string id;
  std::string company_id;
  std::string email;
  std::string name;
  Role role = Role::Buyer;
  Money spending_limit;  // per order, net; above it an order needs approval
  bool active = true;
};

// --- Carts -------------------------------------------------------------------------------------
struct CartLine {
  std::string sku;
  std::int64_t quantity = 0;
  std::string note;
};

struct Cart {
  std::string id;
  std::string name;
  std::string owner_user_id;
  std::vector<CartLine> lines;
  std::int64_t version = 0;  // optimistic concurrency: an update names the version it edits
  // Set by the server: the Idempotency-Key of the update that made this version (empty if none did), so a
  // device whose answer was lost knows the version for its own write.
  std::string update_key;
};

// --- Checkout ----------------------------------------------------------------------------------
struct Date {
  int year = 1970;
  int month = 1;  // 1..12
  int day = 1;    // 1..31

  friend bool operator==(const Date& a, const Date& b) {
    return a.year == b.year && a.month == b.month && a.day == b.day;
  }
  friend bool operator<(const Date& a, const Date& b) {
    if (a.year != b.year) return a.year < b.year;
    if (a.month != b.month) return a.month < b.month;
    return a.day < b.day;
  }
};

std::string format_date(const Date& date);               // "2026-11-27"
std::optional<Date> parse_date(const std::string& iso);  // nullopt unless a real calendar date
Date date_from_unix_seconds(std::int64_t unix_seconds);  // the UTC calendar day
std::int64_t days_since_epoch(const Date& date);         // 1970-01-01 is day 0
Date add_days(const Date& date, std::int64_t days);      // negative days go back

struct CheckoutFields {
  std::string po_number;  // required when the company says so; at most 35 characters
  std::string cost_centre;
  std::optional<Date> requested_delivery;
  std::string note;
  std::string ship_to_address_id;
};

// --- Orders ------------------------------------------------------------------------------------
enum class OrderStatus { PendingApproval, Approved, Rejected, Placed, Cancelled };

const char* order_status_code(OrderStatus status);  // "pending_approval", "approved", ...
std::optional<OrderStatus> order_status_from_code(const std::string& code);

struct PricedLine {
  std::string sku;
  std::int64_t quantity = 0;
  Money unit_net;  // the tier price charged
  Money net;       // unit_net x quantity
  VatRate vat = VatRate::Standard23;
  Money vat_amount;  // net x rate, rounded half up to the grosz
  Money gross;       // net + vat_amount
  std::string note;
};

struct Totals {
  Money net;
  Money vat;
  Money gross;  // always net + vat exactly
};

struct StatusChange {
  OrderStatus status = OrderStatus::Placed;
  std::string by_user_id;
  std::int64_t at_unix_seconds = 0;
  std::string comment;
};

struct Order {
  std::string number;  // e.g. "ZAM/2026/000123"
  std::string company_id;
  std::string buyer_user_id;
  OrderStatus status = OrderStatus::Placed;
  std::vector<PricedLine> lines;
  Totals totals;
  CheckoutFields checkout;
  std::vector<StatusChange> history;
};

// --- Quotes ------------------------------------------------------------------------------------
// A request for quote: the buyer asks for prices for these quantities; a seller answers with unit
// prices valid until a date; the buyer accepts (it becomes an order at those prices) or lets it lapse.
enum class QuoteStatus { Requested, Answered, Accepted, Declined };

const char* quote_status_code(QuoteStatus status);  // "requested", "answered", "accepted", "declined"
std::optional<QuoteStatus> quote_status_from_code(const std::string& code);

struct QuoteLine {
  std::string sku;
  std::int64_t quantity = 0;
  std::string note;
  std::optional<Money> quoted_unit_net;  // set by the seller's answer
};

struct Quote {
  std::string number;  // e.g. "ZAP/2026/000007"
  std::string company_id;
  std::string buyer_user_id;
  QuoteStatus status = QuoteStatus::Requested;
  std::vector<QuoteLine> lines;
  std::string note;                 // the buyer's
  std::string seller_comment;       // the seller's, with the answer
  std::optional<Date> valid_until;  // the last day the quoted prices hold (inclusive)
  std::int64_t requested_at_unix_seconds = 0;
  std::string order_number;  // the order it became, once accepted
};

}  // namespace b2b
