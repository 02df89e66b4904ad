// Catalog search over sorted word and SKU tables: each query word selects a prefix range, and
// the ranges are intersected, so a query costs about as much as the matches it has.
#include "b2b/search.hpp"

#include <algorithm>
#include <unordered_map>

#include "b2b/text.hpp"

namespace b2b {
namespace {

constexpr std::uint16_t kPolishWordScore = 3;
constexpr std::uint16_t kEnglishWordScore = 2;
constexpr std::uint16_t kOtherWordScore = 1;  // brand, category

bool starts_with(std::string_view text, std::string_view prefix) {
  return text.size() >= prefix.size() && text.compare(0, prefix.size(), prefix) == 0;
}

}  // namespace

CatalogIndex::CatalogIndex(const std::vector<Product>& products)
    : top_categories_(products.size()), product_count_(products.size()) {
  for (std::uint32_t i = 0; i < products.size(); ++i) {
    const Product& product = products[i];
    if (!product.active) continue;
    if (!product.category_path.empty()) top_categories_[i] = product.category_path.front();
    const auto add_words = [&](std::string_view text, std::uint16_t score) {
      for (std::string& word : search_words(text)) words_.push_back({std::move(word), i, score});
    };
    add_words(product.name.pl, kPolishWordScore);
    add_words(product.name.en, kEnglishWordScore);
    add_words(product.brand, kOtherWordScore);
    for (const std::string& category : product.category_path) add_words(category, kOtherWordScore);
    skus_.emplace_back(fold_for_search(product.sku), i);
    if (!product.ean.empty()) eans_.emplace(product.ean, i);
  }
  std::sort(words_.begin(), words_.end(), [](const WordEntry& a, const WordEntry& b) {
    return a.word != b.word ? a.word < b.word : a.product < b.product;
  });
  std::sort(skus_.begin(), skus_.end());
}

std::vector<std::size_t> CatalogIndex::search(std::string_view query, std::size_t limit,
                                              std::string_view category) const {
  std::vector<std::size_t> results;
  if (limit == 0) return results;
  const auto in_category = [&](std::uint32_t product) {
    return category.empty() || top_categories_[product] == category;
  };
  std::vector<std::uint32_t> seen;
  const auto add = [&](std::uint32_t product) {
    if (!in_category(product)) return;
    if (std::find(seen.begin(), seen.end(), product) != seen.end()) return;
    seen.push_back(product);
    results.push_back(product);
  };

  // Codes first: a scanned EAN or a typed SKU means one product.
  std::string trimmed(query);
  trimmed.erase(0, trimmed.find_first_not_of(" \t"));
  trimmed.erase(trimmed.find_last_not_of(" \t") + 1);
  if (const auto ean = eans_.find(trimmed); ean != eans_.end()) add(ean->second);
  const std::string folded_code = fold_for_search(trimmed);
  if (!folded_code.empty()) {
    auto sku = std::lower_bound(skus_.begin(), skus_.end(), std::make_pair(folded_code, std::uint32_t{0}));
    for (; sku != skus_.end() && starts_with(sku->first, folded_code) && results.size() < limit; ++sku)
      add(sku->second);
  }
  if (results.size() >= limit) return results;

  // Names: every query word must start some word of the product. Scores live in arrays indexed by
  // product (a one-letter prefix matches a large part of the catalog; hashing each match was slow).
  // The arrays are kept per thread between searches (server-mock searches on several threads) and
  // left all zero: allocating and clearing them for each keystroke cost more than the search.
  const std::vector<std::string> query_words = search_words(query);
  if (query_words.empty()) {
    if (category.empty() || !trimmed.empty()) return results;
    for (std::uint32_t product = 0; product < product_count_ && results.size() < limit; ++product) {
      if (top_categories_[product] == category) results.push_back(product);
    }
    return results;
  }
  thread_local std::vector<std::uint32_t> total;  // sum over the query words so far; 0: out
  thread_local std::vector<std::uint32_t> word_best;
  if (total.size() < product_count_) {
    total.resize(product_count_, 0);
    word_best.resize(product_count_, 0);
  }
  std::vector<std::uint32_t> candidates;  // products still in, in first-match order
  struct ClearScores {                    // on every way out, the arrays are zero again
    std::vector<std::uint32_t>& candidates;
    ~ClearScores() {
      for (const std::uint32_t product : candidates) total[product] = 0;
    }
  } clear_scores{candidates};
  for (std::size_t q = 0; q < query_words.size(); ++q) {
    const std::string& prefix = query_words[q];
    std::vector<std::uint32_t> matched;
    auto entry = std::lower_bound(words_.begin(), words_.end(), prefix,
                                  [](const WordEntry& e, const std::string& p) { return e.word < p; });
    for (; entry != words_.end() && starts_with(entry->word, prefix); ++entry) {
      if (q > 0 && total[entry->product] == 0) continue;
      // A whole-word match outranks a prefix; the best field's score counts once per query word.
      const std::uint32_t score = entry->score * (entry->word.size() == prefix.size() ? 2u : 1u);
      std::uint32_t& best = word_best[entry->product];
      if (best == 0) matched.push_back(entry->product);
      best = std::max(best, score);
    }
    for (const std::uint32_t product : candidates) {  // those this word did not match are out
      if (word_best[product] == 0) total[product] = 0;
    }
    for (const std::uint32_t product : matched) {
      total[product] += word_best[product];
      word_best[product] = 0;
    }
    if (q == 0 && !category.empty()) {  // out of the category: never ranked
      matched.erase(std::remove_if(matched.begin(), matched.end(),
                                   [&](std::uint32_t product) {
                                     if (in_category(product)) return false;
                                     total[product] = 0;
                                     return true;
                                   }),
                    matched.end());
    }
    candidates = std::move(matched);
    if (candidates.empty()) return results;
  }
  std::vector<std::pair<std::uint32_t, std::uint32_t>> ranked;
  ranked.reserve(candidates.size());
  for (const std::uint32_t product : candidates) ranked.emplace_back(product, total[product]);
  // Only the best `limit` (plus the codes already added) are needed in order.
  const auto better = [](const auto& a, const auto& b) {
    return a.second != b.second ? a.second > b.second : a.first < b.first;
  };
  const std::size_t wanted = std::min(ranked.size(), limit + results.size());
  std::partial_sort(ranked.begin(), ranked.begin() + static_cast<std::ptrdiff_t>(wanted), ranked.end(), better);
  ranked.resize(wanted);
  for (const auto& [product, score] : ranked) {
    if (results.size() >= limit) break;
    add(product);
  }
  return results;
}

}  // namespace b2b
