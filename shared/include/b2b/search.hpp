// Catalog search by name (Polish or English, also typed without diacritics), SKU prefix and exact
// EAN. One implementation for server-mock's search endpoint and the client's offline search, so
// both find the same products.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "b2b/domain.hpp"

namespace b2b {

class CatalogIndex {
 public:
  // Indexes active products; the index refers to them by position in `products`.
  explicit CatalogIndex(const std::vector<Product>& products);

  // Positions of matching products in the vector given to the constructor, best first:
  // an exact EAN or SKU, then SKU prefixes, then names where every query word starts a word of
  // the name (whole-word matches and Polish names rank higher). A category (a top-level category
  // name, compared exactly) keeps only its products; with an empty query it lists them all, in
  // catalog order, so a portal limited to one category can be browsed without typing.
  std::vector<std::size_t> search(std::string_view query, std::size_t limit, std::string_view category = {}) const;

 private:
  struct WordEntry {
    std::string word;
    std::uint32_t product;
    std::uint16_t score;  // how much a match on this word counts
  };
  std::vector<WordEntry> words_;                             // sorted by word, for prefix ranges
  std::vector<std::pair<std::string, std::uint32_t>> skus_;  // folded SKU -> product, sorted
  std::unordered_map<std::string, std::uint32_t> eans_;
  std::vector<std::string> top_categories_;  // by product position; empty for inactive products
  std::size_t product_count_ = 0;
};

}  // namespace b2b
