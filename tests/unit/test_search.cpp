// Catalog search: names typed with or without diacritics, SKU prefixes, exact EANs, ranking.
#include <doctest/doctest.h>

#include <algorithm>

#include "b2b/search.hpp"
#include "b2b/text.hpp"
#include "seed.hpp"

using namespace b2b;

namespace {

Product make(std::string sku, std::string ean, std::string pl, std::string en, bool active = true) {
  Product product;
  product.sku = std::move(sku);
  product.ean = std::move(ean);
  product.name = {std::move(pl), std::move(en)};
  product.brand = "Kabex";
  product.category_path = {"Elektrotechnika", "Osprzęt"};
  product.active = active;
  return product;
}

const std::vector<Product> kCatalog = {
    make("ELE-100001", "5901234123457", "Łącznik schodowy podtynkowy biały", "Two-way switch flush white"),
    make("ELE-100002", "5900000000017", "Łącznik krzyżowy natynkowy", "Intermediate switch surface"),
    make("MEC-200001", "5900000000024", "Młotek ślusarski 500 g", "Engineer's hammer 500 g"),
    make("MEC-200002", "5900000000031", "Młotek murarski 600 g", "Bricklayer's hammer 600 g"),
    make("ELE-100003", "5900000000048", "Łącznik jednobiegunowy wycofany", "Old switch", false),
    make("BHP-300001", "5900000000055", "Rękawice robocze powlekane", "Coated work gloves"),
};

std::vector<std::string> skus_for(const CatalogIndex& index, std::string_view query, std::size_t limit = 20) {
  std::vector<std::string> skus;
  for (const std::size_t i : index.search(query, limit)) skus.push_back(kCatalog[i].sku);
  return skus;
}

}  // namespace

TEST_CASE("names are found with and without Polish letters") {
  const CatalogIndex index(kCatalog);
  CHECK(skus_for(index, "lacznik") == std::vector<std::string>{"ELE-100001", "ELE-100002"});
  CHECK(skus_for(index, "łącznik") == skus_for(index, "LACZNIK"));
  CHECK(skus_for(index, "mlotek slusarski") == std::vector<std::string>{"MEC-200001"});
  CHECK(skus_for(index, "rekaw") == std::vector<std::string>{"BHP-300001"});
}

TEST_CASE("every query word must start a word of the product") {
  const CatalogIndex index(kCatalog);
  CHECK(skus_for(index, "lacz schod") == std::vector<std::string>{"ELE-100001"});
  CHECK(skus_for(index, "mlotek 600") == std::vector<std::string>{"MEC-200002"});
  CHECK(skus_for(index, "mlotek odkurzacz").empty());
  CHECK(skus_for(index, "otek").empty());  // inside a word is not a match
}

TEST_CASE("English names, brand and category words match too") {
  const CatalogIndex index(kCatalog);
  CHECK(skus_for(index, "hammer") == std::vector<std::string>{"MEC-200001", "MEC-200002"});
  CHECK(skus_for(index, "osprzet kabex").size() == 5);  // every active product; the inactive one is not indexed
}

TEST_CASE("a category keeps only its top-level category's products; with no text it lists them") {
  std::vector<Product> catalog = kCatalog;
  catalog[2].category_path = {"Narzędzia", "Ręczne"};  // MEC-200001, a hammer
  catalog[5].category_path = {"BHP", "Rękawice"};
  const CatalogIndex index(catalog);
  const auto skus = [&](std::string_view query, std::string_view category, std::size_t limit = 20) {
    std::vector<std::string> out;
    for (const std::size_t i : index.search(query, limit, category)) out.push_back(catalog[i].sku);
    return out;
  };
  CHECK(skus("mlotek", "") == std::vector<std::string>{"MEC-200001", "MEC-200002"});
  CHECK(skus("mlotek", "Narzędzia") == std::vector<std::string>{"MEC-200001"});
  CHECK(skus("mlotek", "Elektrotechnika") == std::vector<std::string>{"MEC-200002"});
  CHECK(skus("mlotek 500", "Elektrotechnika").empty());  // the 500 g hammer is in Narzędzia
  CHECK(skus("mlotek", "narzędzia").empty());            // the name as the categories list gives it
  CHECK(skus("mlotek", "Ręczne").empty());               // sub-categories are not top-level
  SUBCASE("codes obey it too") {
    CHECK(skus("5900000000024", "Narzędzia") == std::vector<std::string>{"MEC-200001"});
    CHECK(skus("5900000000024", "BHP").empty());
    CHECK(skus("MEC-2", "Elektrotechnika") == std::vector<std::string>{"MEC-200002"});
  }
  SUBCASE("no text: the category's active products in catalog order, up to the limit") {
    CHECK(skus("", "Elektrotechnika") == std::vector<std::string>{"ELE-100001", "ELE-100002", "MEC-200002"});
    CHECK(skus("  ", "Elektrotechnika", 2) == std::vector<std::string>{"ELE-100001", "ELE-100002"});
    CHECK(skus("", "BHP") == std::vector<std::string>{"BHP-300001"});
    CHECK(skus("", "").empty());
    CHECK(skus(" ,-", "BHP").empty());
  }
}

TEST_CASE("a word one typo away is found when nothing matches exactly") {
  const CatalogIndex index(kCatalog);
  SUBCASE("a letter replaced, dropped, added, or two swapped") {
    CHECK(skus_for(index, "mlotek slusarzki") == std::vector<std::string>{"MEC-200001"});
    CHECK(skus_for(index, "mlotek murrski") == std::vector<std::string>{"MEC-200002"});
    CHECK(skus_for(index, "rekawicce") == std::vector<std::string>{"BHP-300001"});
    CHECK(skus_for(index, "lacznki schodowy") == std::vector<std::string>{"ELE-100001"});
  }
  SUBCASE("a four-letter word missing a letter of a five-letter one") {
    const std::vector<Product> catalog = {make("W-1", "", "Wkręt farmerski 8x100", "Farm screw")};
    CHECK(CatalogIndex(catalog).search("wret 8x100", 20) == std::vector<std::size_t>{0});
  }
  SUBCASE("short words, two edits and inactive products are not stretched that far") {
    CHECK(skus_for(index, "mlotak 500").size() == 1);   // the hammer: one typo in a long word
    CHECK(skus_for(index, "mlo 5o0").empty());          // "5o0" has three letters
    CHECK(skus_for(index, "mlotek slsarzki").empty());  // two edits
    CHECK(skus_for(index, "jednobiegunowi").empty());   // only the inactive product has that word
  }
  SUBCASE("exact matches win: a typo search does not run when a name matches as typed") {
    const std::vector<Product> catalog = {make("P-1", "", "Pianka montażowa", "Foam"),
                                          make("P-2", "", "Pianki montażowe", "Foams")};
    CHECK(CatalogIndex(catalog).search("pianka montazowa", 20) == std::vector<std::size_t>{0});
    // Both are a typo away from "pianko"; the first also matches "montażowa" as typed, so it ranks first.
    CHECK(CatalogIndex(catalog).search("pianko montazowa", 20) == std::vector<std::size_t>{0, 1});
  }
}

TEST_CASE("codes: SKU prefixes and exact EANs come first") {
  const CatalogIndex index(kCatalog);
  CHECK(skus_for(index, "MEC-2") == std::vector<std::string>{"MEC-200001", "MEC-200002"});
  CHECK(skus_for(index, "mec-200002") == std::vector<std::string>{"MEC-200002"});
  CHECK(skus_for(index, " 5900000000031 ") == std::vector<std::string>{"MEC-200002"});
  CHECK(skus_for(index, "5900000000048").empty());  // an inactive product's EAN
}

TEST_CASE("long codes and products far apart in a large catalog are found") {
  // The index stores lengths and gaps between products in 7-bit groups: these need two (a 200-letter
  // SKU) and three (5,000 filler products between two that share their words: a gap of 4 x 5,001).
  std::vector<Product> catalog;
  const std::string long_sku = "LONG-" + std::string(200, 'x');
  catalog.push_back(make(long_sku, "5900000000062", "Przewód zasilający rzadki", "Rare power cord"));
  for (int i = 0; i < 5000; ++i) catalog.push_back(make("F-" + std::to_string(i), "", "Wypełniacz", "Filler"));
  catalog.push_back(make("ZZZ-1", "5900000000079", "Przewód rzadki ekranowany", "Rare shielded cord"));
  const CatalogIndex index(catalog);
  const auto skus = [&](std::string_view query) {
    std::vector<std::string> found;
    for (const std::size_t i : index.search(query, 20)) found.push_back(catalog[i].sku);
    return found;
  };
  CHECK(skus(long_sku) == std::vector<std::string>{long_sku});
  CHECK(skus("long-xxxx") == std::vector<std::string>{long_sku});
  CHECK(skus("5900000000079") == std::vector<std::string>{"ZZZ-1"});
  CHECK(skus("przewod rzadki") == std::vector<std::string>{long_sku, "ZZZ-1"});
  CHECK(skus("ekranowany") == std::vector<std::string>{"ZZZ-1"});
  CHECK(skus("rare cord") == std::vector<std::string>{long_sku, "ZZZ-1"});
  CHECK(index.search("wypelniacz", 6000).size() == 5000);
}

TEST_CASE("ranking and limits") {
  const CatalogIndex index(kCatalog);
  SUBCASE("a whole-word match outranks a prefix match") {
    std::vector<Product> catalog = {make("A-1", "", "Klej montażowy", "Adhesive"), make("A-2", "", "Klej", "Glue")};
    const CatalogIndex small(catalog);
    const auto found = small.search("klej", 10);
    REQUIRE(found.size() == 2);
    CHECK(found[0] == 0);  // both whole words: ties go to catalog order
    const auto prefix = small.search("kle", 10);
    CHECK(prefix.size() == 2);
  }
  SUBCASE("the limit cuts the list, and zero gives nothing") {
    CHECK(skus_for(index, "e", 1).size() == 1);
    CHECK(index.search("lacznik", 0).empty());
  }
  SUBCASE("an empty or punctuation-only query finds nothing") {
    CHECK(index.search("", 20).empty());
    CHECK(index.search(" ,-", 20).empty());
  }
}

TEST_CASE("on the seed catalog, no-diacritic typing finds exactly the names that match") {
  const auto seed = b2b::seed::generate_seed({1, 5000});
  const CatalogIndex index(seed.products);
  for (const char* query : {"lacznik", "mlotek", "rekawice robocze", "klej"}) {
    INFO(query);
    const auto found = index.search(query, 1000);
    CHECK_FALSE(found.empty());
    for (const std::size_t i : found) {
      const Product& product = seed.products[i];
      CHECK(product.active);
      // Every query word starts a word of the product (the same rule, checked independently).
      const auto words = search_words(product.name.pl + " " + product.name.en + " " + product.brand + " " +
                                      product.category_path.front() + " " + product.category_path.back());
      for (const std::string& q : search_words(query)) {
        CHECK(std::any_of(words.begin(), words.end(), [&](const std::string& w) { return w.rfind(q, 0) == 0; }));
      }
    }
    // And nothing is missed: count matching active products by brute force.
    std::size_t expected = 0;
    for (const Product& product : seed.products) {
      if (!product.active) continue;
      std::string all = product.name.pl + " " + product.name.en + " " + product.brand;
      for (const std::string& part : product.category_path) all += " " + part;
      const auto words = search_words(all);
      bool every = true;
      for (const std::string& q : search_words(query))
        every =
            every && std::any_of(words.begin(), words.end(), [&](const std::string& w) { return w.rfind(q, 0) == 0; });
      expected += every;
    }
    CHECK(found.size() == std::min<std::size_t>(expected, 1000));
  }
}
