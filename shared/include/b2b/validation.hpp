// Validation of domain values (quantities, carts, checkout, products, companies) into per-field problems
// that the UI can translate, plus the Polish NIP and EAN-13 checksums.
#pragma once
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "b2b/domain.hpp"
#include "b2b/result.hpp"

namespace b2b {

enum class ProblemCode {
  Required,           // missing, empty or whitespace only
  TooLong,            // expected = the maximum length in characters
  NotPositive,        // must be 1 or more
  BelowMinimum,       // expected = the minimum
  NotMultipleOfPack,  // expected = the pack size
  InThePast,          // a date before today
  BadChecksum,        // right shape, wrong check digit (NIP, EAN)
  BadFormat,          // wrong shape: not digits, wrong digit count, not a calendar date, not UTF-8
  UnknownAddress,     // not one of the company's addresses
  UnknownProduct,     // SKU not in the catalog
  Inactive,           // product withdrawn from sale
  NotInPriceList,     // product exists but the company's price list has no price for it
};

// Stable snake_case name for translation keys and the wire: "not_multiple_of_pack", ...
const char* problem_code_name(ProblemCode code);

struct FieldProblem {
  std::string field;  // path such as "lines[3].quantity" or "po_number"
  ProblemCode code = ProblemCode::Required;
  std::string message;        // plain English sentence, for logs and as a fallback
  std::int64_t expected = 0;  // a number the UI can show (minimum, pack size, max length); 0 if none
};

constexpr std::size_t kPoNumberMaxCodePoints = 35;

// Characters as people count them ("Zamówienie" is 10, not 11 bytes), for length limits; nullopt for
// malformed UTF-8 (overlong forms, surrogates, truncated sequences), which no limit can measure.
std::optional<std::size_t> utf8_code_points(std::string_view text);

// Polish NIP: 10 digits, dashes and spaces allowed between them ("526-104-08-28"), weighted checksum mod 11.
bool nip_valid(std::string_view nip);
// Keeps only the digits, so "526-104-08-28" becomes "5261040828".
std::string normalize_nip(std::string_view nip);
// EAN-13: exactly 13 digits with a valid GS1 check digit.
bool ean13_valid(std::string_view ean);

// All problems of a quantity for a product: not positive, below the minimum order quantity, not a pack multiple.
std::vector<FieldProblem> validate_quantity(std::int64_t quantity, const Product& product,
                                            const std::string& field_path);
// Every line: "lines[i].sku" (missing, unknown or inactive product) and "lines[i].quantity".
std::vector<FieldProblem> validate_cart(const Cart& cart, const std::vector<Product>& catalog);
// "po_number", "requested_delivery" and "ship_to_address_id" against the company's rules and today's date.
std::vector<FieldProblem> validate_checkout(const CheckoutFields& fields, const Company& company, const Date& today);
// "sku", "ean", "name.pl", "name.en", "pack_size", "min_order_quantity".
std::vector<FieldProblem> validate_product(const Product& product);
// "name", "nip".
std::vector<FieldProblem> validate_company(const Company& company);

// The smallest quantity >= requested that is at least the minimum order quantity and a multiple of the pack
// size. Validation error for a non-positive request or an invalid product; Overflow error past int64.
Result<std::int64_t> round_quantity_up(std::int64_t requested, const Product& product);

}  // namespace b2b
