// Catalog search by name (Polish or English, also typed without diacritics), SKU prefix and exact
// EAN. One implementation for server-mock's search endpoint and the client's offline search, so
// both find the same products.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "b2b/domain.hpp"

namespace b2b {

class CatalogIndex {
 public:
  // Indexes active products; the index refers to them by position in `products`.
  explicit CatalogIndex(const std::vector<Product>& products);

  // Positions of matching products in the vector given to the constructor, best first:
  // an exact EAN or SKU, then SKU prefixes, then names where every query word starts a word of
  // the name (whole-word matches and Polish names rank higher). When no name matches that way, a
  // query word also matches words one typo away (a letter dropped, added, replaced, or two swapped)
  // when one of the two has five or more letters. A category (a top-level category name, compared exactly) keeps only
  // its products; with an empty query it lists them all, in catalog order, so a portal limited to
  // one category can be browsed without typing.
  std::vector<std::size_t> search(std::string_view query, std::size_t limit, std::string_view category = {}) const;

 private:
  struct WordMatch;
  struct Code {  // a SKU or EAN in codes_text_: its length (a varint, as in the packed lists), then its text
    std::uint32_t offset;
    std::uint32_t product;
  };
  std::string_view word(std::uint32_t id) const;
  std::string_view code(const Code& c) const;
  WordMatch match_word(std::string_view query_word, bool with_typos) const;
  void rank_names(const std::vector<std::string_view>& query_words, bool with_typos, std::uint32_t category,
                  std::size_t wanted, std::vector<std::uint32_t>& out) const;

  // Distinct folded words, sorted, so a prefix is a range of word ids.
  std::string words_text_;
  std::vector<std::uint32_t> word_offsets_;  // word id -> start in words_text_; one more at the end
  // Lists of ascending entries stored as gaps of 7-bit groups (PackedList in search.cpp): a phone keeps
  // a 100,000-product index in about half the memory of plain 32-bit entries.
  // Per word, its products as (position << 2 | how much the match counts: Polish name 3, English 2,
  // brand and category 1); a word's list is postings_[posting_offsets_[id] .. [id + 1]) (bytes, so the
  // difference also tells which query word has the fewest products).
  std::vector<std::uint32_t> posting_offsets_;
  std::vector<std::uint8_t> postings_;
  // Per product, its words as (word id << 2 | score): checking one more query word against a
  // candidate reads a dozen entries, not a posting list.
  std::vector<std::uint32_t> product_word_offsets_;
  std::vector<std::uint8_t> product_words_;
  std::vector<std::vector<std::uint32_t>> word_ids_by_length_;  // for finding words a typo away
  std::string codes_text_;
  std::vector<Code> skus_;                  // folded, sorted
  std::vector<Code> eans_;                  // as given, sorted
  std::vector<std::string> categories_;     // top-level names; id 0 is "none"
  std::vector<std::uint32_t> category_of_;  // by product position
  std::size_t product_count_ = 0;
};

}  // namespace b2b
