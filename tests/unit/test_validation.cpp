// Validation: NIP and EAN-13 checksums, quantity / cart / checkout / product / company rules, and the
// quantity rounding behind the quantity stepper.
#include <doctest/doctest.h>

#include <algorithm>
#include <limits>
#include <string>
#include <vector>

#include "b2b/validation.hpp"

using namespace b2b;

namespace {

bool has_problem(const std::vector<FieldProblem>& problems, const std::string& field, ProblemCode code) {
  return std::any_of(problems.begin(), problems.end(),
                     [&](const FieldProblem& p) { return p.field == field && p.code == code; });
}

const FieldProblem* find_problem(const std::vector<FieldProblem>& problems, const std::string& field,
                                 ProblemCode code) {
  for (const FieldProblem& p : problems)
    if (p.field == field && p.code == code) return &p;
  return nullptr;
}

Product make_product(std::string sku, std::int64_t min_order_quantity = 1, std::int64_t pack_size = 1) {
  Product product;
  product.sku = std::move(sku);
  product.ean = "5901234123457";
  product.name = {"Uszczelka", "Gasket"};
  product.min_order_quantity = min_order_quantity;
  product.pack_size = pack_size;
  return product;
}

Company make_company() {
  Company company;
  company.id = "c1";
  company.name = "Budimex Test Sp. z o.o.";
  company.nip = "5261040828";
  company.addresses = {Address{"a1", "Magazyn", "ul. Polna 1", "00-001", "Warszawa"},
                       Address{"a2", "Budowa", "ul. Legnicka 5", "50-001", "Wrocław"}};
  return company;
}

std::string repeat(const std::string& piece, int times) {
  std::string out;
  for (int i = 0; i < times; ++i) out += piece;
  return out;
}

}  // namespace

TEST_CASE("problem_code_name gives stable snake_case translation keys") {
  CHECK(std::string(problem_code_name(ProblemCode::Required)) == "required");
  CHECK(std::string(problem_code_name(ProblemCode::TooLong)) == "too_long");
  CHECK(std::string(problem_code_name(ProblemCode::NotPositive)) == "not_positive");
  CHECK(std::string(problem_code_name(ProblemCode::BelowMinimum)) == "below_minimum");
  CHECK(std::string(problem_code_name(ProblemCode::NotMultipleOfPack)) == "not_multiple_of_pack");
  CHECK(std::string(problem_code_name(ProblemCode::InThePast)) == "in_the_past");
  CHECK(std::string(problem_code_name(ProblemCode::BadChecksum)) == "bad_checksum");
  CHECK(std::string(problem_code_name(ProblemCode::BadFormat)) == "bad_format");
  CHECK(std::string(problem_code_name(ProblemCode::UnknownAddress)) == "unknown_address");
  CHECK(std::string(problem_code_name(ProblemCode::UnknownProduct)) == "unknown_product");
  CHECK(std::string(problem_code_name(ProblemCode::Inactive)) == "inactive");
  CHECK(std::string(problem_code_name(ProblemCode::NotInPriceList)) == "not_in_price_list");
}

TEST_CASE("nip_valid checks the weighted mod-11 checksum of a Polish NIP") {
  SUBCASE("real NIPs pass, with or without dashes and spaces") {
    CHECK(nip_valid("5261040828"));
    CHECK(nip_valid("7740001454"));
    CHECK(nip_valid("526-104-08-28"));
    CHECK(nip_valid("526 104 08 28"));
    CHECK(nip_valid("526-10-40-828"));
  }
  SUBCASE("an altered digit or swapped digits fail") {
    CHECK_FALSE(nip_valid("5261040827"));
    CHECK_FALSE(nip_valid("5261040882"));
    CHECK_FALSE(nip_valid("5621040828"));
    CHECK_FALSE(nip_valid("7740001455"));
  }
  SUBCASE("a remainder of 10 is invalid whatever the last digit") {
    // 1,2,...,9 weighted sums to 230, and 230 mod 11 == 10.
    for (char last = '0'; last <= '9'; ++last) CHECK_FALSE(nip_valid(std::string("123456789") + last));
  }
  SUBCASE("wrong shapes fail") {
    CHECK_FALSE(nip_valid(""));
    CHECK_FALSE(nip_valid("526104082"));      // 9 digits
    CHECK_FALSE(nip_valid("52610408280"));    // 11 digits
    CHECK_FALSE(nip_valid("PL5261040828"));   // EU VAT id, not a NIP
    CHECK_FALSE(nip_valid("526.104.08.28"));  // only dashes and spaces may separate
  }
}

TEST_CASE("normalize_nip keeps only the digits") {
  CHECK(normalize_nip("526-104-08-28") == "5261040828");
  CHECK(normalize_nip(" 526 104 08 28 ") == "5261040828");
  CHECK(normalize_nip("PL5261040828") == "5261040828");
  CHECK(normalize_nip("") == "");
}

TEST_CASE("ean13_valid checks the GS1 check digit") {
  SUBCASE("real EANs pass") {
    CHECK(ean13_valid("5901234123457"));
    CHECK(ean13_valid("4006381333931"));
    CHECK(ean13_valid("5901234123440"));  // check digit 0: weighted sum already a multiple of 10
  }
  SUBCASE("an altered check digit or swapped digits fail") {
    CHECK_FALSE(ean13_valid("5901234123458"));
    CHECK_FALSE(ean13_valid("5901234124357"));
    CHECK_FALSE(ean13_valid("4006381333932"));
    CHECK_FALSE(ean13_valid("5901234123441"));
  }
  SUBCASE("wrong shapes fail") {
    CHECK_FALSE(ean13_valid(""));
    CHECK_FALSE(ean13_valid("590123412345"));    // 12 digits
    CHECK_FALSE(ean13_valid("59012341234570"));  // 14 digits
    CHECK_FALSE(ean13_valid("590123412345X"));
    CHECK_FALSE(ean13_valid("590-1234-12345"));
  }
}

TEST_CASE("validate_quantity accepts valid quantities") {
  CHECK(validate_quantity(1, make_product("A"), "quantity").empty());
  CHECK(validate_quantity(10, make_product("A", 10, 5), "quantity").empty());
  CHECK(validate_quantity(15, make_product("A", 10, 5), "quantity").empty());
  CHECK(validate_quantity(1'000'000, make_product("A", 10, 5), "quantity").empty());
}

TEST_CASE("validate_quantity reports every broken rule with the number to show") {
  const Product product = make_product("A", 10, 5);
  SUBCASE("not positive") {
    const auto problems = validate_quantity(0, make_product("A"), "lines[2].quantity");
    REQUIRE(problems.size() == 1);  // with a minimum of 1, "below minimum" would only repeat it
    CHECK(problems[0].field == "lines[2].quantity");
    CHECK(problems[0].code == ProblemCode::NotPositive);
    CHECK_FALSE(problems[0].message.empty());
  }
  SUBCASE("below the minimum order quantity") {
    const auto problems = validate_quantity(5, product, "q");
    REQUIRE(problems.size() == 1);
    CHECK(problems[0].code == ProblemCode::BelowMinimum);
    CHECK(problems[0].expected == 10);
    CHECK(problems[0].message.find("10") != std::string::npos);
  }
  SUBCASE("not a multiple of the pack size") {
    const auto problems = validate_quantity(12, product, "q");
    REQUIRE(problems.size() == 1);
    CHECK(problems[0].code == ProblemCode::NotMultipleOfPack);
    CHECK(problems[0].expected == 5);
  }
  SUBCASE("below the minimum and not a pack multiple at once") {
    const auto problems = validate_quantity(7, product, "q");
    CHECK(problems.size() == 2);
    CHECK(has_problem(problems, "q", ProblemCode::BelowMinimum));
    CHECK(has_problem(problems, "q", ProblemCode::NotMultipleOfPack));
  }
  SUBCASE("negative: all three") {
    const auto problems = validate_quantity(-3, product, "q");
    CHECK(problems.size() == 3);
    CHECK(has_problem(problems, "q", ProblemCode::NotPositive));
    CHECK(has_problem(problems, "q", ProblemCode::BelowMinimum));
    CHECK(has_problem(problems, "q", ProblemCode::NotMultipleOfPack));
  }
}

TEST_CASE("validate_cart checks every line's product and quantity") {
  Product inactive = make_product("C");
  inactive.active = false;
  const std::vector<Product> catalog = {make_product("A"), make_product("B", 1, 6), inactive};

  SUBCASE("a valid cart has no problems") {
    Cart cart;
    cart.lines = {{"A", 3, ""}, {"B", 12, "na budowę"}};
    CHECK(validate_cart(cart, catalog).empty());
  }
  SUBCASE("each broken line is reported at its index") {
    Cart cart;
    cart.lines = {{"A", 3, ""}, {"B", 7, ""}, {"X", 1, ""}, {"C", 1, ""}, {"  ", 1, ""}, {"A", 0, ""}};
    const auto problems = validate_cart(cart, catalog);
    CHECK(problems.size() == 5);
    const FieldProblem* pack = find_problem(problems, "lines[1].quantity", ProblemCode::NotMultipleOfPack);
    REQUIRE(pack != nullptr);
    CHECK(pack->expected == 6);
    CHECK(has_problem(problems, "lines[2].sku", ProblemCode::UnknownProduct));
    CHECK(has_problem(problems, "lines[3].sku", ProblemCode::Inactive));
    CHECK(has_problem(problems, "lines[4].sku", ProblemCode::Required));
    CHECK(has_problem(problems, "lines[5].quantity", ProblemCode::NotPositive));
  }
  SUBCASE("an empty catalog knows no product") {
    Cart cart;
    cart.lines = {{"A", 1, ""}};
    CHECK(has_problem(validate_cart(cart, {}), "lines[0].sku", ProblemCode::UnknownProduct));
  }
}

TEST_CASE("validate_checkout: PO number") {
  Company company = make_company();
  const Date today{2026, 3, 15};
  CheckoutFields fields;
  fields.ship_to_address_id = "a1";

  SUBCASE("required by the company: missing, blank and no-break-space-only count as missing") {
    company.po_number_required = true;
    for (const char* blank : {"", "   ", "\t\n", "\xC2\xA0", " \xE2\x80\xAF "}) {
      fields.po_number = blank;
      const auto problems = validate_checkout(fields, company, today);
      CHECK_MESSAGE(has_problem(problems, "po_number", ProblemCode::Required), "po_number='", blank, "'");
    }
    fields.po_number = "PO/2026/17";
    CHECK(validate_checkout(fields, company, today).empty());
  }
  SUBCASE("not required: may be empty") {
    company.po_number_required = false;
    fields.po_number = "";
    CHECK(validate_checkout(fields, company, today).empty());
  }
  SUBCASE("at most 35 characters, counted as code points") {
    fields.po_number = repeat("x", 35);
    CHECK(validate_checkout(fields, company, today).empty());
    fields.po_number = repeat("\xC5\xBC", 35);  // 35 x "ż": 70 bytes but 35 characters
    CHECK(validate_checkout(fields, company, today).empty());
    fields.po_number = repeat("\xF0\x9F\x93\xA6", 35);  // 4-byte characters
    CHECK(validate_checkout(fields, company, today).empty());

    fields.po_number = repeat("x", 36);
    auto problems = validate_checkout(fields, company, today);
    const FieldProblem* too_long = find_problem(problems, "po_number", ProblemCode::TooLong);
    REQUIRE(too_long != nullptr);
    CHECK(too_long->expected == 35);
    fields.po_number = repeat("\xC5\xBC", 36);
    problems = validate_checkout(fields, company, today);
    CHECK(has_problem(problems, "po_number", ProblemCode::TooLong));
  }
  SUBCASE("malformed UTF-8 is a format problem") {
    for (const char* bad : {"PO\xC3", "\xC0\xAF", "\xED\xA0\x80", "\xFF"}) {
      fields.po_number = bad;
      CHECK(has_problem(validate_checkout(fields, company, today), "po_number", ProblemCode::BadFormat));
    }
  }
}

TEST_CASE("validate_checkout: requested delivery date") {
  const Company company = make_company();
  const Date today{2026, 3, 15};
  CheckoutFields fields;
  fields.ship_to_address_id = "a1";

  SUBCASE("none, today or later pass") {
    CHECK(validate_checkout(fields, company, today).empty());
    for (const Date date : {Date{2026, 3, 15}, Date{2026, 3, 16}, Date{2026, 4, 1}, Date{2028, 2, 29}}) {
      fields.requested_delivery = date;
      CHECK_MESSAGE(validate_checkout(fields, company, today).empty(), format_date(date));
    }
  }
  SUBCASE("before today fails") {
    for (const Date date : {Date{2026, 3, 14}, Date{2026, 2, 28}, Date{2025, 12, 31}}) {
      fields.requested_delivery = date;
      CHECK_MESSAGE(
          has_problem(validate_checkout(fields, company, today), "requested_delivery", ProblemCode::InThePast),
          format_date(date));
    }
  }
  SUBCASE("a date that is not on the calendar fails") {
    for (const Date date : {Date{2026, 2, 30}, Date{2026, 13, 1}, Date{2027, 2, 29}, Date{2026, 4, 0}}) {
      fields.requested_delivery = date;
      CHECK_MESSAGE(
          has_problem(validate_checkout(fields, company, today), "requested_delivery", ProblemCode::BadFormat),
          format_date(date));
    }
  }
}

TEST_CASE("validate_checkout: ship-to address") {
  Company company = make_company();
  const Date today{2026, 3, 15};
  CheckoutFields fields;

  SUBCASE("one of the company's addresses passes") {
    fields.ship_to_address_id = "a2";
    CHECK(validate_checkout(fields, company, today).empty());
  }
  SUBCASE("required when the company has addresses") {
    fields.ship_to_address_id = "";
    CHECK(has_problem(validate_checkout(fields, company, today), "ship_to_address_id", ProblemCode::Required));
  }
  SUBCASE("an id the company does not have fails") {
    fields.ship_to_address_id = "a3";
    CHECK(has_problem(validate_checkout(fields, company, today), "ship_to_address_id", ProblemCode::UnknownAddress));
  }
  SUBCASE("a company without addresses needs none, and accepts none") {
    company.addresses.clear();
    fields.ship_to_address_id = "";
    CHECK(validate_checkout(fields, company, today).empty());
    fields.ship_to_address_id = "a1";
    CHECK(has_problem(validate_checkout(fields, company, today), "ship_to_address_id", ProblemCode::UnknownAddress));
  }
}

TEST_CASE("validate_checkout reports problems of several fields together") {
  Company company = make_company();
  company.po_number_required = true;
  CheckoutFields fields;
  fields.requested_delivery = Date{2020, 1, 1};
  fields.ship_to_address_id = "nope";
  const auto problems = validate_checkout(fields, company, Date{2026, 3, 15});
  CHECK(problems.size() == 3);
  CHECK(has_problem(problems, "po_number", ProblemCode::Required));
  CHECK(has_problem(problems, "requested_delivery", ProblemCode::InThePast));
  CHECK(has_problem(problems, "ship_to_address_id", ProblemCode::UnknownAddress));
}

TEST_CASE("validate_product checks code, EAN, names, pack size and minimum") {
  Product product = make_product("USZ-100", 10, 5);
  SUBCASE("a complete product passes, also without an EAN") {
    CHECK(validate_product(product).empty());
    product.ean = "";
    CHECK(validate_product(product).empty());
  }
  SUBCASE("missing sku") {
    product.sku = " ";
    CHECK(has_problem(validate_product(product), "sku", ProblemCode::Required));
  }
  SUBCASE("EAN with a wrong check digit") {
    product.ean = "5901234123458";
    const auto problems = validate_product(product);
    REQUIRE(problems.size() == 1);
    CHECK(problems[0].field == "ean");
    CHECK(problems[0].code == ProblemCode::BadChecksum);
  }
  SUBCASE("EAN of the wrong length") {
    product.ean = "590123412345";
    const FieldProblem* problem = find_problem(validate_product(product), "ean", ProblemCode::BadFormat);
    REQUIRE(problem != nullptr);
    CHECK(problem->expected == 13);
  }
  SUBCASE("missing names") {
    product.name = {"", "  "};
    const auto problems = validate_product(product);
    CHECK(has_problem(problems, "name.pl", ProblemCode::Required));
    CHECK(has_problem(problems, "name.en", ProblemCode::Required));
  }
  SUBCASE("pack size and minimum below 1") {
    product.pack_size = 0;
    product.min_order_quantity = -1;
    const auto problems = validate_product(product);
    CHECK(problems.size() == 2);
    CHECK(has_problem(problems, "pack_size", ProblemCode::NotPositive));
    CHECK(has_problem(problems, "min_order_quantity", ProblemCode::NotPositive));
  }
}

TEST_CASE("validate_company checks name and NIP") {
  Company company = make_company();
  SUBCASE("a valid company passes, also with a dashed NIP") {
    CHECK(validate_company(company).empty());
    company.nip = "526-104-08-28";
    CHECK(validate_company(company).empty());
  }
  SUBCASE("missing name") {
    company.name = "";
    CHECK(has_problem(validate_company(company), "name", ProblemCode::Required));
  }
  SUBCASE("missing NIP") {
    company.nip = " ";
    CHECK(has_problem(validate_company(company), "nip", ProblemCode::Required));
  }
  SUBCASE("NIP with a wrong check digit") {
    company.nip = "5261040827";
    CHECK(has_problem(validate_company(company), "nip", ProblemCode::BadChecksum));
  }
  SUBCASE("NIP of the wrong shape") {
    company.nip = "52610408";
    const FieldProblem* problem = find_problem(validate_company(company), "nip", ProblemCode::BadFormat);
    REQUIRE(problem != nullptr);
    CHECK(problem->expected == 10);
  }
}

TEST_CASE("round_quantity_up finds the smallest valid quantity at or above the request") {
  SUBCASE("respects minimum and pack size") {
    const Product product = make_product("A", 10, 4);  // valid: 12, 16, 20, ...
    CHECK(round_quantity_up(1, product).value() == 12);
    CHECK(round_quantity_up(10, product).value() == 12);
    CHECK(round_quantity_up(12, product).value() == 12);
    CHECK(round_quantity_up(13, product).value() == 16);
    CHECK(round_quantity_up(16, product).value() == 16);
  }
  SUBCASE("plain products keep the request") {
    CHECK(round_quantity_up(7, make_product("A")).value() == 7);
    CHECK(round_quantity_up(7, make_product("A", 1, 6)).value() == 12);
    CHECK(round_quantity_up(3, make_product("A", 5, 1)).value() == 5);
  }
  SUBCASE("the result always passes validate_quantity") {
    const Product product = make_product("A", 7, 3);
    for (std::int64_t requested = 1; requested <= 100; ++requested) {
      const auto rounded = round_quantity_up(requested, product);
      REQUIRE(rounded.ok());
      CHECK(rounded.value() >= requested);
      CHECK(validate_quantity(rounded.value(), product, "q").empty());
      // Nothing smaller at or above the request is valid.
      for (std::int64_t smaller = requested; smaller < rounded.value(); ++smaller)
        CHECK_FALSE(validate_quantity(smaller, product, "q").empty());
    }
  }
  SUBCASE("non-positive requests and broken products are validation errors") {
    for (const std::int64_t requested : {std::int64_t{0}, std::int64_t{-1}}) {
      const auto result = round_quantity_up(requested, make_product("A"));
      REQUIRE_FALSE(result.ok());
      CHECK(result.error().kind == ErrorKind::Validation);
    }
    const auto broken = round_quantity_up(5, make_product("A", 1, 0));
    REQUIRE_FALSE(broken.ok());
    CHECK(broken.error().kind == ErrorKind::Validation);
  }
  SUBCASE("near INT64_MAX: fits exactly or overflows") {
    const std::int64_t max = std::numeric_limits<std::int64_t>::max();  // max % 4 == 3
    const Product product = make_product("A", 1, 4);
    CHECK(round_quantity_up(max - 4, product).value() == max - 3);
    const auto overflow = round_quantity_up(max - 2, product);
    REQUIRE_FALSE(overflow.ok());
    CHECK(overflow.error().kind == ErrorKind::Overflow);
  }
}
