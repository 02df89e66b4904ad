// Seed data for server-mock: determinism (also across platforms), identifiers and check digits, pack
// rules, price lists and the companies and users the other tests log in with.
#include <doctest/doctest.h>

#include <algorithm>
#include <cstdint>
#include <limits>
#include <map>
#include <set>
#include <string>

#include "seed.hpp"

using namespace b2b;
using namespace b2b::seed;

namespace {

// Check digits computed here from their definitions, not with the generator's code.
bool ean13_ok(const std::string& ean) {
  if (ean.size() != 13) return false;
  int sum = 0;
  for (std::size_t i = 0; i < 13; ++i) {
    if (ean[i] < '0' || ean[i] > '9') return false;
    sum += (ean[i] - '0') * (i % 2 == 0 ? 1 : 3);  // the check digit has weight 1
  }
  return sum % 10 == 0;
}

bool nip_ok(const std::string& nip) {
  static const int kWeights[9] = {6, 5, 7, 2, 3, 4, 5, 6, 7};
  if (nip.size() != 10) return false;
  int sum = 0;
  for (std::size_t i = 0; i < 10; ++i)
    if (nip[i] < '0' || nip[i] > '9') return false;
  for (std::size_t i = 0; i < 9; ++i) sum += (nip[i] - '0') * kWeights[i];
  return sum % 11 != 10 && sum % 11 == nip[9] - '0';
}

bool all_digits(const std::string& text) {
  for (char ch : text)
    if (ch < '0' || ch > '9') return false;
  return !text.empty();
}

bool has_polish_letter(const std::string& text) {
  static const char* kLetters[] = {"ą", "ć", "ę", "ł", "ń", "ó", "ś", "ź", "ż",
                                   "Ą", "Ć", "Ę", "Ł", "Ń", "Ó", "Ś", "Ź", "Ż"};
  for (const char* letter : kLetters)
    if (text.find(letter) != std::string::npos) return true;
  return false;
}

// Every field of the seed as text, so two seeds compare as wholes and a difference is readable.
std::string dump(const SeedData& data) {
  std::string out;
  auto add = [&out](const std::string& field) { out += field + "|"; };
  auto num = [&add](std::int64_t value) { add(std::to_string(value)); };
  for (const Product& p : data.products) {
    add(p.sku), add(p.ean), add(p.name.pl), add(p.name.en), add(p.brand), add(unit_code(p.unit));
    for (const std::string& part : p.category_path) add(part);
    num(p.pack_size), num(p.min_order_quantity), add(vat_code(p.vat)), num(p.stock), num(p.active);
    out += "\n";
  }
  for (const Company& c : data.companies) {
    add(c.id), add(c.name), add(c.nip), add(c.eu_vat_id), add(payment_terms_code(c.payment_terms));
    num(c.credit_limit.minor), num(c.po_number_required), add(c.price_list_id);
    for (const Address& a : c.addresses) add(a.id), add(a.label), add(a.street), add(a.postal_code), add(a.city);
    out += "\n";
  }
  for (const PriceList& list : data.price_lists) {
    add(list.id), add(list.company_id), add(currency_code(list.currency)), num(list.version);
    for (const PriceListEntry& e : list.entries) {
      add(e.sku), num(e.unit_net_minor);
      for (const PriceTier& t : e.tiers) num(t.min_quantity), num(t.unit_net_minor);
    }
    out += "\n";
  }
  for (const SeedUser& u : data.users) {
    add(u.user.id), add(u.user.company_id), add(u.user.email), add(u.user.name), add(role_code(u.user.role));
    num(u.user.spending_limit.minor), num(u.user.active), add(u.password);
    out += "\n";
  }
  for (const SeedPunchoutClient& c : data.punchout_clients) {
    add(c.id), add(c.protocol), add(c.identity), add(c.domain), add(c.user_id), add(c.secret);
    out += "\n";
  }
  return out;
}

std::uint64_t fnv1a(const std::string& text) {
  std::uint64_t hash = 0xCBF29CE484222325ULL;
  for (unsigned char ch : text) hash = (hash ^ ch) * 0x100000001B3ULL;
  return hash;
}

const SeedData& default_seed() {
  static const SeedData data = generate_seed(SeedOptions{});
  return data;
}

const Company& company(const SeedData& data, const std::string& id) {
  for (const Company& c : data.companies)
    if (c.id == id) return c;
  FAIL("no company " << id);
  return data.companies.front();
}

}  // namespace

TEST_CASE("generate_seed is deterministic for a seed and differs between seeds") {
  const SeedOptions options{7, 800};
  const SeedData first = generate_seed(options);

  SUBCASE("the same options give the same data") { CHECK(dump(generate_seed(options)) == dump(first)); }
  SUBCASE("another seed gives another catalog") {
    const SeedData other = generate_seed(SeedOptions{8, 800});
    CHECK(dump(other) != dump(first));
    std::size_t same_sku = 0, same_name = 0;
    for (std::size_t i = 0; i < first.products.size(); ++i) {
      same_sku += first.products[i].sku == other.products[i].sku;
      same_name += first.products[i].name.pl == other.products[i].name.pl;
    }
    CHECK(same_sku < 10);
    CHECK(same_name < 100);
    CHECK(other.companies[0].nip != first.companies[0].nip);
  }
  SUBCASE("a longer catalog starts with the shorter one, prices included") {
    const SeedData longer = generate_seed(SeedOptions{7, 1600});
    REQUIRE(longer.products.size() == 1600);
    SeedData prefix = longer;
    prefix.products.resize(800);
    for (PriceList& list : prefix.price_lists) list.entries.resize(first.price_lists[0].entries.size());
    CHECK(dump(prefix) == dump(first));
  }
}

TEST_CASE("generate_seed gives the same data on every platform") {
  // Pinned output of the default seed: the unit tests run natively (g++, libstdc++, x86_64) and under
  // Node (em++, libc++, wasm32), so this fails if either platform generates different data. A deliberate
  // change to the generator changes these values: take the new ones from this test's failure message.
  const SeedData& data = default_seed();
  CHECK(fnv1a(dump(data)) == 2835290849196408565ULL);
  CHECK(data.products.front().sku == "MEC-974851");
  CHECK(data.products.front().name.pl == "Pręt gwintowany M10 dł. 3 m kl. 4.8 ocynk");
  CHECK(data.companies.front().nip == "8944744565");
}

TEST_CASE("the default seed has the promised shape") {
  const SeedData& data = default_seed();
  CHECK(data.products.size() == 5000);
  CHECK(data.companies.size() == 4);  // three customers and the shop itself
  CHECK(data.price_lists.size() == 4);

  SUBCASE("each customer has a buyer, an approver and an admin; one has two buyers; the shop has a seller") {
    std::map<std::string, std::map<Role, int>> roles;
    for (const SeedUser& u : data.users) ++roles[u.user.company_id][u.user.role];
    CHECK(roles.size() == 4);
    CHECK(roles["c-shop"][Role::Seller] == 1);
    CHECK(roles["c-shop"].size() == 1);
    int companies_with_two_buyers = 0;
    for (const Company& c : data.companies) {
      CAPTURE(c.id);
      if (c.id == "c-shop") continue;
      CHECK(roles[c.id][Role::Buyer] >= 1);
      CHECK(roles[c.id][Role::Approver] == 1);
      CHECK(roles[c.id][Role::Admin] == 1);
      companies_with_two_buyers += roles[c.id][Role::Buyer] == 2;
    }
    CHECK(companies_with_two_buyers == 1);
  }
  SUBCASE("exactly one company requires a PO number, and payment terms differ") {
    int po_required = 0;
    std::set<PaymentTerms> terms;
    for (const Company& c : data.companies) {
      po_required += c.po_number_required;
      terms.insert(c.payment_terms);
    }
    CHECK(po_required == 1);
    CHECK(terms == std::set<PaymentTerms>{PaymentTerms::Net30, PaymentTerms::Net60, PaymentTerms::Prepaid});
  }
  SUBCASE("all seven categories, each with three to six subcategories") {
    std::map<std::string, std::set<std::string>> subcategories;
    for (const Product& p : data.products) {
      REQUIRE(p.category_path.size() == 2);
      subcategories[p.category_path[0]].insert(p.category_path[1]);
    }
    CHECK(subcategories.size() == 7);
    for (const char* name :
         {"Chemia", "Budownictwo", "Elektrotechnika", "Instalacje", "Mechanika", "BHP", "Narzędzia"}) {
      CAPTURE(name);
      REQUIRE(subcategories.count(name) == 1);
      CHECK(subcategories[name].size() >= 3);
      CHECK(subcategories[name].size() <= 6);
    }
  }
}

TEST_CASE("seed SKUs and EANs are unique and well formed") {
  const SeedData& data = default_seed();
  const std::map<std::string, std::string> prefixes = {
      {"Chemia", "CHE"},    {"Budownictwo", "BUD"}, {"Elektrotechnika", "ELE"}, {"Instalacje", "INS"},
      {"Mechanika", "MEC"}, {"BHP", "BHP"},         {"Narzędzia", "NAR"}};
  std::set<std::string> skus, eans;
  for (const Product& p : data.products) {
    CAPTURE(p.sku);
    CHECK(skus.insert(p.sku).second);
    CHECK(eans.insert(p.ean).second);
    REQUIRE(p.sku.size() == 10);
    CHECK(p.sku.substr(0, 4) == prefixes.at(p.category_path[0]) + "-");
    CHECK(all_digits(p.sku.substr(4)));
    CHECK(p.sku[4] != '0');
    CHECK(p.ean.substr(0, 3) == "590");
    CHECK(ean13_ok(p.ean));
  }
}

TEST_CASE("seed products follow the pack, stock, VAT and activity rules") {
  const SeedData& data = default_seed();
  const std::set<std::int64_t> packs = {1, 5, 10, 12, 25, 50, 100, 200};
  int inactive = 0, out_of_stock = 0, reduced_vat = 0;
  std::set<Unit> units;
  std::set<std::string> brands;
  for (const Product& p : data.products) {
    CAPTURE(p.sku);
    CHECK(packs.count(p.pack_size) == 1);
    CHECK(p.min_order_quantity > 0);
    CHECK(p.min_order_quantity % p.pack_size == 0);
    CHECK(p.stock >= 0);
    CHECK(p.stock <= 5000);
    CHECK(p.stock % p.pack_size == 0);
    CHECK((p.vat == VatRate::Standard23 || p.vat == VatRate::Reduced8));
    CHECK_FALSE(p.brand.empty());
    inactive += !p.active;
    out_of_stock += p.stock == 0;
    reduced_vat += p.vat == VatRate::Reduced8;
    units.insert(p.unit);
    brands.insert(p.brand);
  }
  CHECK(inactive > 50);  // ~2 % of 5,000
  CHECK(inactive < 175);
  CHECK(out_of_stock > 100);
  CHECK(reduced_vat > 50);
  CHECK(reduced_vat < 1000);  // mostly 23 %
  CHECK(units.size() == 6);
  CHECK(brands.size() >= 10);
}

TEST_CASE("seed names are Polish with diacritics, English without, and mostly unique") {
  const SeedData& data = default_seed();
  std::set<std::string> pl_names, en_names;
  int with_diacritics = 0;
  for (const Product& p : data.products) {
    CAPTURE(p.name.pl);
    REQUIRE_FALSE(p.name.pl.empty());
    REQUIRE_FALSE(p.name.en.empty());
    CHECK_FALSE(has_polish_letter(p.name.en));
    CHECK(p.name.pl.find("  ") == std::string::npos);
    CHECK(p.name.en.find("  ") == std::string::npos);
    CHECK(p.name.pl.back() != ' ');
    with_diacritics += has_polish_letter(p.name.pl);
    pl_names.insert(p.name.pl);
    en_names.insert(p.name.en);
  }
  CHECK(with_diacritics > 2500);
  CHECK(pl_names.size() > 4750);  // over 95 % unique
  CHECK(en_names.size() > 4750);
  const auto two_way_switch = std::find_if(data.products.begin(), data.products.end(), [](const Product& p) {
    return p.name.pl.rfind("Łącznik schodowy ", 0) == 0;
  });
  REQUIRE(two_way_switch != data.products.end());
  CHECK(two_way_switch->name.en.rfind("Two-way switch ", 0) == 0);
}

TEST_CASE("seed price lists price every active product, with ascending tiers") {
  const SeedData& data = default_seed();
  std::map<std::string, const Product*> by_sku;
  for (const Product& p : data.products) by_sku[p.sku] = &p;
  std::size_t active = 0;
  for (const Product& p : data.products) active += p.active;

  SUBCASE("one list per company, linked both ways, version 1") {
    for (std::size_t c = 0; c < data.companies.size(); ++c) {
      CHECK(data.price_lists[c].id == data.companies[c].price_list_id);
      CHECK(data.price_lists[c].company_id == data.companies[c].id);
      CHECK(data.price_lists[c].version == 1);
      CHECK(data.price_lists[c].currency == Currency::PLN);
    }
  }
  SUBCASE("prices are realistic and tiers ascend in quantity and descend in price") {
    for (const PriceList& list : data.price_lists) {
      CAPTURE(list.id);
      CHECK(list.entries.size() == active);
      std::set<std::string> priced;
      std::size_t with_tiers = 0;
      for (const PriceListEntry& e : list.entries) {
        CAPTURE(e.sku);
        REQUIRE(by_sku.count(e.sku) == 1);
        const Product& product = *by_sku[e.sku];
        CHECK(product.active);
        CHECK(priced.insert(e.sku).second);
        CHECK(e.unit_net_minor >= 50);
        CHECK(e.unit_net_minor <= 500000);
        CHECK(e.tiers.size() <= 3);
        with_tiers += !e.tiers.empty();
        std::int64_t quantity = product.min_order_quantity, price = e.unit_net_minor;
        for (const PriceTier& t : e.tiers) {
          CHECK(t.min_quantity > quantity);
          CHECK(t.min_quantity % product.pack_size == 0);
          CHECK(t.unit_net_minor < price);
          CHECK(t.unit_net_minor >= 50);
          quantity = t.min_quantity;
          price = t.unit_net_minor;
        }
      }
      CHECK(with_tiers > active / 4);  // roughly a third
      CHECK(with_tiers < active * 2 / 5);
    }
  }
  SUBCASE("a bigger discount never charges more") {
    // Budmax gets 12 %, Elektro-Iskra 7 %, Portmech pays list price.
    const PriceList* lists[3] = {};
    for (const PriceList& list : data.price_lists) {
      if (list.company_id == "c-budmax") lists[0] = &list;
      if (list.company_id == "c-elektroiskra") lists[1] = &list;
      if (list.company_id == "c-portmech") lists[2] = &list;
    }
    REQUIRE((lists[0] && lists[1] && lists[2]));
    std::size_t cheaper = 0;
    for (std::size_t i = 0; i < lists[0]->entries.size(); ++i) {
      CHECK(lists[0]->entries[i].unit_net_minor <= lists[1]->entries[i].unit_net_minor);
      CHECK(lists[1]->entries[i].unit_net_minor <= lists[2]->entries[i].unit_net_minor);
      cheaper += lists[0]->entries[i].unit_net_minor < lists[2]->entries[i].unit_net_minor;
    }
    CHECK(cheaper > lists[0]->entries.size() * 9 / 10);
  }
}

TEST_CASE("seed companies have valid NIPs, Polish addresses and their own terms") {
  SUBCASE("NIP and EU VAT id, for several seeds") {
    for (std::uint64_t seed = 1; seed <= 50; ++seed) {
      const SeedData data = generate_seed(SeedOptions{seed, 0});
      std::set<std::string> nips;
      for (const Company& c : data.companies) {
        CAPTURE(seed);
        CAPTURE(c.nip);
        CHECK(nip_ok(c.nip));
        CHECK(c.eu_vat_id == "PL" + c.nip);
        CHECK(nips.insert(c.nip).second);
      }
    }
  }
  SUBCASE("one to three Polish addresses each, with unique ids") {
    std::set<std::string> ids;
    for (const Company& c : default_seed().companies) {
      CAPTURE(c.id);
      CHECK_FALSE(c.addresses.empty());
      CHECK(c.addresses.size() <= 3);
      for (const Address& a : c.addresses) {
        CHECK(ids.insert(a.id).second);
        CHECK(a.country == "PL");
        REQUIRE(a.postal_code.size() == 6);
        CHECK(all_digits(a.postal_code.substr(0, 2)));
        CHECK(a.postal_code[2] == '-');
        CHECK(all_digits(a.postal_code.substr(3)));
        CHECK_FALSE(a.city.empty());
        CHECK_FALSE(a.street.empty());
      }
    }
  }
  SUBCASE("credit limits follow the payment terms") {
    const SeedData& data = default_seed();
    CHECK(company(data, "c-portmech").payment_terms == PaymentTerms::Prepaid);
    CHECK(company(data, "c-portmech").credit_limit.minor == 0);
    CHECK(company(data, "c-budmax").credit_limit.minor > 0);
    CHECK(company(data, "c-budmax").po_number_required);
  }
}

TEST_CASE("seed users can log in with known e-mails and passwords") {
  const SeedData& data = default_seed();
  std::set<std::string> ids, emails;
  std::map<std::string, std::string> domain_of = {{"c-budmax", "budmax.pl"},
                                                  {"c-elektroiskra", "elektroiskra.pl"},
                                                  {"c-portmech", "portmech.pl"},
                                                  {"c-shop", "hurtownia.pl"}};
  std::set<std::int64_t> buyer_limits;
  std::int64_t highest_buyer_limit = 0, lowest_other_limit = std::numeric_limits<std::int64_t>::max();
  for (const SeedUser& u : data.users) {
    CAPTURE(u.user.email);
    CHECK(ids.insert(u.user.id).second);
    CHECK(emails.insert(u.user.email).second);
    REQUIRE(domain_of.count(u.user.company_id) == 1);
    const std::string domain = "@" + domain_of[u.user.company_id];
    CHECK(u.user.email.size() > domain.size());
    CHECK(u.user.email.compare(u.user.email.size() - domain.size(), domain.size(), domain) == 0);
    CHECK(has_polish_letter(u.user.name));
    CHECK(u.user.active);
    CHECK(u.user.spending_limit.currency == Currency::PLN);
    // "kupiec2@..." logs in with "haslo-buyer-2"; the one seller with "haslo-seller-1".
    const std::string local = u.user.email.substr(0, u.user.email.find('@'));
    const std::string number = u.user.role == Role::Seller ? "1" : local.substr(local.size() - 1);
    CHECK(u.password == std::string("haslo-") + role_code(u.user.role) + "-" + number);
    if (u.user.role == Role::Seller) continue;  // works for the shop: no spending limit
    if (u.user.role == Role::Buyer) {
      buyer_limits.insert(u.user.spending_limit.minor);
      highest_buyer_limit = std::max(highest_buyer_limit, u.user.spending_limit.minor);
    } else {
      lowest_other_limit = std::min(lowest_other_limit, u.user.spending_limit.minor);
    }
  }
  CHECK(emails.count("kupiec1@budmax.pl") == 1);
  CHECK(emails.count("kupiec2@budmax.pl") == 1);
  CHECK(buyer_limits.count(500000) == 1);   // 5 000,00 zł
  CHECK(buyer_limits.count(2000000) == 1);  // 20 000,00 zł
  CHECK(lowest_other_limit > highest_buyer_limit);
}

TEST_CASE("seed punchout clients: Budmax's SAP (OCI) and Ariba (cXML), buying as kupiec1@budmax.pl") {
  const SeedData& data = default_seed();
  REQUIRE(data.punchout_clients.size() == 2);
  const SeedPunchoutClient& oci = data.punchout_clients[0];
  CHECK(oci.protocol == "oci");
  CHECK(oci.identity == "budmax-sap");
  CHECK(oci.secret == "punchout-oci-1");
  CHECK(oci.domain.empty());
  const SeedPunchoutClient& cxml = data.punchout_clients[1];
  CHECK(cxml.protocol == "cxml");
  CHECK(cxml.identity == "budmax-ariba");
  CHECK(cxml.domain == "NetworkID");
  CHECK(cxml.secret == "punchout-cxml-1");
  for (const SeedPunchoutClient& client : data.punchout_clients) {
    const auto user = std::find_if(data.users.begin(), data.users.end(),
                                   [&](const SeedUser& u) { return u.user.id == client.user_id; });
    REQUIRE(user != data.users.end());
    CHECK(user->user.email == "kupiec1@budmax.pl");
  }
  CHECK(dump(generate_seed(SeedOptions{9, 50})).find("punchout-oci-1") != std::string::npos);  // every seed
}

TEST_CASE("seed scales to 100,000 products with unique SKUs and EANs") {
  const SeedData data = generate_seed(SeedOptions{3, 100000});
  REQUIRE(data.products.size() == 100000);
  std::set<std::string> skus, eans;
  bool eans_valid = true;
  for (const Product& p : data.products) {
    skus.insert(p.sku);
    eans.insert(p.ean);
    eans_valid = eans_valid && ean13_ok(p.ean);
  }
  CHECK(skus.size() == 100000);
  CHECK(eans.size() == 100000);
  CHECK(eans_valid);
}
