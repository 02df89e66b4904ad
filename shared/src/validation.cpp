// Field validation of domain values and the NIP / EAN-13 checksums. Pure functions: the client shows the
// problems next to the fields and the server repeats the same checks before it accepts anything.
#include "b2b/validation.hpp"

#include <optional>
#include <unordered_map>

namespace b2b {
namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// Whitespace-only input counts as missing. Besides ASCII whitespace this covers the no-break spaces that
// arrive when text is pasted from Polish documents (U+00A0 and the narrow U+202F).
bool is_blank(std::string_view text) {
  std::size_t i = 0;
  while (i < text.size()) {
    const char c = text[i];
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f') {
      i += 1;
    } else if (text.substr(i, 2) == "\xC2\xA0") {
      i += 2;
    } else if (text.substr(i, 3) == "\xE2\x80\xAF") {
      i += 3;
    } else {
      return false;
    }
  }
  return true;
}

// nullopt when the NIP is valid; otherwise whether its shape or its check digit is wrong.
std::optional<ProblemCode> nip_problem(std::string_view nip) {
  std::string digits;
  for (const char c : nip) {
    if (is_digit(c)) {
      digits += c;
    } else if (c != '-' && c != ' ') {
      return ProblemCode::BadFormat;
    }
  }
  if (digits.size() != 10) return ProblemCode::BadFormat;
  static constexpr int kWeights[9] = {6, 5, 7, 2, 3, 4, 5, 6, 7};
  int sum = 0;
  for (std::size_t i = 0; i < 9; ++i) sum += (digits[i] - '0') * kWeights[i];
  // A remainder of 10 cannot be written as one digit: such numbers are never issued.
  const int check = sum % 11;
  if (check == 10 || check != digits[9] - '0') return ProblemCode::BadChecksum;
  return std::nullopt;
}

std::optional<ProblemCode> ean13_problem(std::string_view ean) {
  if (ean.size() != 13) return ProblemCode::BadFormat;
  for (const char c : ean)
    if (!is_digit(c)) return ProblemCode::BadFormat;
  int sum = 0;
  for (std::size_t i = 0; i < 12; ++i) sum += (ean[i] - '0') * (i % 2 == 0 ? 1 : 3);
  const int check = (10 - sum % 10) % 10;
  if (check != ean[12] - '0') return ProblemCode::BadChecksum;
  return std::nullopt;
}

FieldProblem make_problem(std::string field, ProblemCode code, std::string message, std::int64_t expected = 0) {
  return FieldProblem{std::move(field), code, std::move(message), expected};
}

void append(std::vector<FieldProblem>& into, std::vector<FieldProblem> more) {
  for (FieldProblem& problem : more) into.push_back(std::move(problem));
}

std::string line_path(std::size_t index) { return "lines[" + std::to_string(index) + "]"; }

}  // namespace

std::optional<std::size_t> utf8_code_points(std::string_view text) {
  std::size_t count = 0;
  std::size_t i = 0;
  while (i < text.size()) {
    const auto lead = static_cast<unsigned char>(text[i]);
    std::size_t length = 1;
    std::uint32_t code_point = lead;
    std::uint32_t smallest = 0;
    if (lead < 0x80) {
      // ASCII needs no continuation bytes.
    } else if ((lead & 0xE0) == 0xC0) {
      length = 2;
      code_point = lead & 0x1F;
      smallest = 0x80;
    } else if ((lead & 0xF0) == 0xE0) {
      length = 3;
      code_point = lead & 0x0F;
      smallest = 0x800;
    } else if ((lead & 0xF8) == 0xF0) {
      length = 4;
      code_point = lead & 0x07;
      smallest = 0x10000;
    } else {
      return std::nullopt;
    }
    if (text.size() - i < length) return std::nullopt;
    for (std::size_t k = 1; k < length; ++k) {
      const auto continuation = static_cast<unsigned char>(text[i + k]);
      if ((continuation & 0xC0) != 0x80) return std::nullopt;
      code_point = (code_point << 6) | (continuation & 0x3F);
    }
    if (code_point < smallest || code_point > 0x10FFFF || (code_point >= 0xD800 && code_point <= 0xDFFF)) {
      return std::nullopt;
    }
    i += length;
    ++count;
  }
  return count;
}

const char* problem_code_name(ProblemCode code) {
  switch (code) {
    case ProblemCode::Required:
      return "required";
    case ProblemCode::TooLong:
      return "too_long";
    case ProblemCode::NotPositive:
      return "not_positive";
    case ProblemCode::BelowMinimum:
      return "below_minimum";
    case ProblemCode::NotMultipleOfPack:
      return "not_multiple_of_pack";
    case ProblemCode::InThePast:
      return "in_the_past";
    case ProblemCode::BadChecksum:
      return "bad_checksum";
    case ProblemCode::BadFormat:
      return "bad_format";
    case ProblemCode::UnknownAddress:
      return "unknown_address";
    case ProblemCode::UnknownProduct:
      return "unknown_product";
    case ProblemCode::Inactive:
      return "inactive";
    case ProblemCode::NotInPriceList:
      return "not_in_price_list";
  }
  return "unknown";
}

bool nip_valid(std::string_view nip) { return !nip_problem(nip).has_value(); }

std::string normalize_nip(std::string_view nip) {
  std::string digits;
  for (const char c : nip)
    if (is_digit(c)) digits += c;
  return digits;
}

bool ean13_valid(std::string_view ean) { return !ean13_problem(ean).has_value(); }

std::vector<FieldProblem> validate_quantity(std::int64_t quantity, const Product& product,
                                            const std::string& field_path) {
  std::vector<FieldProblem> problems;
  if (quantity <= 0) {
    problems.push_back(make_problem(field_path, ProblemCode::NotPositive, "Quantity must be greater than zero."));
  }
  // A minimum of 1 would only repeat "greater than zero".
  if (product.min_order_quantity > 1 && quantity < product.min_order_quantity) {
    problems.push_back(make_problem(
        field_path, ProblemCode::BelowMinimum,
        "Quantity must be at least the minimum order quantity of " + std::to_string(product.min_order_quantity) + ".",
        product.min_order_quantity));
  }
  // A pack size below 1 is a catalog error (validate_product reports it), not the buyer's.
  if (product.pack_size > 1 && quantity % product.pack_size != 0) {
    problems.push_back(
        make_problem(field_path, ProblemCode::NotMultipleOfPack,
                     "Quantity must be a multiple of the pack size of " + std::to_string(product.pack_size) + ".",
                     product.pack_size));
  }
  return problems;
}

std::vector<FieldProblem> validate_cart(const Cart& cart, const std::vector<Product>& catalog) {
  // Indexed once so a 1,000-line cart against a large catalog stays linear; the first entry of a SKU wins.
  std::unordered_map<std::string_view, const Product*> products_by_sku;
  for (const Product& product : catalog) products_by_sku.emplace(product.sku, &product);

  std::vector<FieldProblem> problems;
  for (std::size_t i = 0; i < cart.lines.size(); ++i) {
    const CartLine& line = cart.lines[i];
    const std::string path = line_path(i);
    if (is_blank(line.sku)) {
      problems.push_back(make_problem(path + ".sku", ProblemCode::Required, "The product code is missing."));
      continue;
    }
    const auto found = products_by_sku.find(line.sku);
    if (found == products_by_sku.end()) {
      problems.push_back(make_problem(path + ".sku", ProblemCode::UnknownProduct,
                                      "There is no product with code " + line.sku + " in the catalog."));
      continue;
    }
    const Product& product = *found->second;
    if (!product.active) {
      // The line has to go whatever its quantity, so quantity rules would only add noise.
      problems.push_back(
          make_problem(path + ".sku", ProblemCode::Inactive, "Product " + line.sku + " is no longer sold."));
      continue;
    }
    append(problems, validate_quantity(line.quantity, product, path + ".quantity"));
  }
  return problems;
}

std::vector<FieldProblem> validate_checkout(const CheckoutFields& fields, const Company& company, const Date& today) {
  std::vector<FieldProblem> problems;

  if (company.po_number_required && is_blank(fields.po_number)) {
    problems.push_back(
        make_problem("po_number", ProblemCode::Required, "Your company requires a purchase order number."));
  }
  const std::optional<std::size_t> po_length = utf8_code_points(fields.po_number);
  if (!po_length) {
    problems.push_back(
        make_problem("po_number", ProblemCode::BadFormat, "The purchase order number is not valid UTF-8 text."));
  } else if (*po_length > kPoNumberMaxCodePoints) {
    problems.push_back(make_problem(
        "po_number", ProblemCode::TooLong,
        "The purchase order number must be at most " + std::to_string(kPoNumberMaxCodePoints) + " characters long.",
        static_cast<std::int64_t>(kPoNumberMaxCodePoints)));
  }

  if (fields.requested_delivery) {
    const Date& requested = *fields.requested_delivery;
    // Round-tripping through the parser rejects dates such as 2026-02-30 that operator< would happily order.
    if (!parse_date(format_date(requested))) {
      problems.push_back(make_problem("requested_delivery", ProblemCode::BadFormat,
                                      "The requested delivery date is not a calendar date."));
    } else if (requested < today) {
      problems.push_back(make_problem("requested_delivery", ProblemCode::InThePast,
                                      "The requested delivery date cannot be in the past."));
    }
  }

  if (fields.ship_to_address_id.empty()) {
    if (!company.addresses.empty()) {
      problems.push_back(
          make_problem("ship_to_address_id", ProblemCode::Required, "Choose one of your delivery addresses."));
    }
  } else {
    bool known = false;
    for (const Address& address : company.addresses) known = known || address.id == fields.ship_to_address_id;
    if (!known) {
      problems.push_back(make_problem("ship_to_address_id", ProblemCode::UnknownAddress,
                                      "The delivery address is not one of your company's addresses."));
    }
  }
  return problems;
}

std::vector<FieldProblem> validate_product(const Product& product) {
  std::vector<FieldProblem> problems;
  if (is_blank(product.sku)) {
    problems.push_back(make_problem("sku", ProblemCode::Required, "The product code is missing."));
  }
  if (!product.ean.empty()) {
    const std::optional<ProblemCode> ean = ean13_problem(product.ean);
    if (ean == ProblemCode::BadFormat) {
      problems.push_back(make_problem("ean", ProblemCode::BadFormat, "The EAN must be exactly 13 digits.", 13));
    } else if (ean == ProblemCode::BadChecksum) {
      problems.push_back(
          make_problem("ean", ProblemCode::BadChecksum, "The EAN check digit is wrong; check for a typing error."));
    }
  }
  if (is_blank(product.name.pl)) {
    problems.push_back(make_problem("name.pl", ProblemCode::Required, "The Polish product name is missing."));
  }
  if (is_blank(product.name.en)) {
    problems.push_back(make_problem("name.en", ProblemCode::Required, "The English product name is missing."));
  }
  if (product.pack_size < 1) {
    problems.push_back(make_problem("pack_size", ProblemCode::NotPositive, "The pack size must be at least 1."));
  }
  if (product.min_order_quantity < 1) {
    problems.push_back(
        make_problem("min_order_quantity", ProblemCode::NotPositive, "The minimum order quantity must be at least 1."));
  }
  return problems;
}

std::vector<FieldProblem> validate_company(const Company& company) {
  std::vector<FieldProblem> problems;
  if (is_blank(company.name)) {
    problems.push_back(make_problem("name", ProblemCode::Required, "The company name is missing."));
  }
  if (is_blank(company.nip)) {
    problems.push_back(make_problem("nip", ProblemCode::Required, "The NIP (tax id) is missing."));
  } else {
    const std::optional<ProblemCode> nip = nip_problem(company.nip);
    if (nip == ProblemCode::BadFormat) {
      problems.push_back(make_problem("nip", ProblemCode::BadFormat, "The NIP must be 10 digits.", 10));
    } else if (nip == ProblemCode::BadChecksum) {
      problems.push_back(
          make_problem("nip", ProblemCode::BadChecksum, "The NIP check digit is wrong; check for a typing error."));
    }
  }
  return problems;
}

Result<std::int64_t> round_quantity_up(std::int64_t requested, const Product& product) {
  if (requested <= 0) {
    return Error{ErrorKind::Validation, "quantity", "quantity must be greater than zero"};
  }
  if (product.pack_size < 1 || product.min_order_quantity < 1) {
    return Error{ErrorKind::Validation, "product", "product " + product.sku + " has no valid pack size or minimum"};
  }
  const std::int64_t at_least = requested > product.min_order_quantity ? requested : product.min_order_quantity;
  const std::int64_t remainder = at_least % product.pack_size;
  if (remainder == 0) return at_least;
  std::int64_t rounded = 0;
  if (__builtin_add_overflow(at_least, product.pack_size - remainder, &rounded)) {
    return Error{ErrorKind::Overflow, "quantity", "no valid quantity at or above the requested one fits"};
  }
  return rounded;
}

}  // namespace b2b
