// Catalog search over a sorted dictionary of distinct words: a query word's prefix is a range of word
// ids, the query starts from its narrowest word's products and checks the other words against each
// candidate's own sorted word list, so a query costs about as much as its fewest matches.
#include "b2b/search.hpp"

#include <algorithm>
#include <numeric>
#include <unordered_map>

#include "b2b/text.hpp"
#include "b2b/text_positions.hpp"

namespace b2b {
namespace {

constexpr std::uint32_t kPolishWordScore = 3;
constexpr std::uint32_t kEnglishWordScore = 2;
constexpr std::uint32_t kOtherWordScore = 1;  // brand, category
// A typo is looked for when the word, before or after the edit, has at least this many letters:
// shorter words have too many neighbours one edit away ("wręt" still finds "wkręt").
constexpr std::size_t kShortestTypoWord = 5;
constexpr std::size_t kLongestTypoWord = 40;
constexpr std::uint32_t kNoWord = UINT32_MAX;

bool starts_with(std::string_view text, std::string_view prefix) {
  return text.size() >= prefix.size() && text.compare(0, prefix.size(), prefix) == 0;
}

// True when one edit turns one word into the other: a letter dropped, added or replaced, or two
// neighbouring letters swapped (the typos of thumbs on a phone keyboard).
bool one_edit_apart(std::string_view a, std::string_view b) {
  if (a.size() < b.size()) std::swap(a, b);
  if (a.size() - b.size() > 1) return false;
  std::size_t i = 0;
  while (i < b.size() && a[i] == b[i]) ++i;
  if (a.size() != b.size()) return a.substr(i + 1) == b.substr(i);
  if (i == a.size()) return false;  // the same word
  if (a.substr(i + 1) == b.substr(i + 1)) return true;
  return i + 1 < a.size() && a[i] == b[i + 1] && a[i + 1] == b[i] && a.substr(i + 2) == b.substr(i + 2);
}

// Interns the catalog's words while indexing: ids of texts that live in one string (TextPositions finds
// them), so a million word occurrences cost no allocation each.
class WordInterner {
 public:
  WordInterner() : ids_(std::size_t{1} << 11) { offsets_.push_back(0); }

  std::uint32_t intern(std::string_view word) {
    if (const std::uint32_t* known = ids_.find(word, TextOf{*this})) return *known;
    const std::uint32_t id = count();
    text_.append(word);
    offsets_.push_back(static_cast<std::uint32_t>(text_.size()));
    return ids_.add(id, TextOf{*this});
  }

  std::uint32_t count() const { return static_cast<std::uint32_t>(offsets_.size() - 1); }
  std::string_view text(std::uint32_t id) const {
    return std::string_view(text_).substr(offsets_[id], offsets_[id + 1] - offsets_[id]);
  }

 private:
  struct TextOf {
    const WordInterner& words;
    std::string_view operator()(std::uint32_t id) const { return words.text(id); }
  };
  std::string text_;
  std::vector<std::uint32_t> offsets_;
  TextPositions ids_;
};

// A number in 7 bits a byte, low groups first, the high bit set on all but its last byte: small
// numbers take one byte.
template <typename Bytes>
void append_varint(std::uint32_t value, Bytes& out) {
  for (; value >= 0x80; value >>= 7) out.push_back(static_cast<typename Bytes::value_type>(value | 0x80));
  out.push_back(static_cast<typename Bytes::value_type>(value));
}

template <typename Byte>
std::uint32_t read_varint(const Byte*& at) {
  std::uint32_t value = 0;
  for (unsigned shift = 0;; shift += 7) {
    const auto byte = static_cast<std::uint8_t>(*at++);
    value |= static_cast<std::uint32_t>(byte & 0x7f) << shift;
    if (!(byte & 0x80)) return value;
  }
}

// Packs lists of ascending entries (list i is entries[starts[i] .. starts[i + 1])) into `bytes`, each
// entry as the gap to the one before it (the first: to zero), and writes where each list starts into
// `offsets` (one more at the end). Gaps in a common word's posting list take one byte, in a product's
// dozen word ids two. Sized first, so the packed lists are allocated once.
void pack_lists(const std::vector<std::uint32_t>& entries, const std::vector<std::uint32_t>& starts,
                std::vector<std::uint8_t>& bytes, std::vector<std::uint32_t>& offsets) {
  const std::size_t lists = starts.size() - 1;
  const auto each_gap = [&](std::size_t list, auto&& use) {
    std::uint32_t previous = 0;
    for (std::uint32_t k = starts[list]; k < starts[list + 1]; ++k) {
      use(entries[k] - previous);
      previous = entries[k];
    }
  };
  struct ByteCount {  // what append_varint would write, counted
    using value_type = std::uint8_t;
    std::size_t size = 0;
    void push_back(value_type) { ++size; }
  } count;
  for (std::size_t list = 0; list < lists; ++list)
    each_gap(list, [&](std::uint32_t gap) { append_varint(gap, count); });
  bytes.reserve(count.size);
  offsets.reserve(lists + 1);
  offsets.push_back(0);
  for (std::size_t list = 0; list < lists; ++list) {
    each_gap(list, [&](std::uint32_t gap) { append_varint(gap, bytes); });
    offsets.push_back(static_cast<std::uint32_t>(bytes.size()));
  }
}

// Reads one list pack_lists wrote: `for (std::uint32_t entry; list.next(entry);)`.
class PackedList {
 public:
  PackedList(const std::vector<std::uint8_t>& bytes, std::uint32_t begin, std::uint32_t end)
      : at_(bytes.data() + begin), end_(bytes.data() + end) {}
  bool next(std::uint32_t& entry) {
    if (at_ == end_) return false;
    entry = previous_ += read_varint(at_);
    return true;
  }

 private:
  const std::uint8_t* at_;
  const std::uint8_t* end_;
  std::uint32_t previous_ = 0;
};

}  // namespace

// What one query word matches: a range of word ids it starts, and (when typos are allowed) the
// words one edit away.
struct CatalogIndex::WordMatch {
  std::uint32_t first = 0;
  std::uint32_t last = 0;
  std::uint32_t whole = kNoWord;  // the id of the query word itself, when it is a word of the catalog
  std::vector<std::uint32_t> typos;
  std::size_t postings = 0;  // bytes of its posting lists, about its products: the narrowest goes first
};

std::string_view CatalogIndex::word(std::uint32_t id) const {
  return std::string_view(words_text_).substr(word_offsets_[id], word_offsets_[id + 1] - word_offsets_[id]);
}

std::string_view CatalogIndex::code(const Code& c) const {
  const char* at = codes_text_.data() + c.offset;
  const std::uint32_t length = read_varint(at);
  return {at, length};
}

CatalogIndex::CatalogIndex(const std::vector<Product>& products)
    : categories_(1), category_of_(products.size(), 0), product_count_(products.size()) {
  WordInterner interner;
  std::unordered_map<std::string, std::uint32_t> category_ids;
  std::string folded;
  std::vector<std::string_view> words;
  std::vector<std::uint32_t> product_words;  // (unsorted word id << 2 | score) of one product
  // Every product's (word id << 2 | score) unpacked while indexing; product p's are
  // all_words[word_starts[p] .. word_starts[p + 1]).
  std::vector<std::uint32_t> all_words;
  std::vector<std::uint32_t> word_starts;
  word_starts.reserve(products.size() + 1);
  word_starts.push_back(0);
  const auto add_code = [&](std::vector<Code>& codes, std::string_view text, std::uint32_t product) {
    codes.push_back({static_cast<std::uint32_t>(codes_text_.size()), product});
    append_varint(static_cast<std::uint32_t>(text.size()), codes_text_);
    codes_text_.append(text);
  };

  for (std::uint32_t i = 0; i < products.size(); ++i) {
    const Product& product = products[i];
    product_words.clear();
    if (product.active) {
      const auto add_words = [&](std::string_view text, std::uint32_t score) {
        search_words_into(text, folded, words);
        for (const std::string_view w : words) product_words.push_back(interner.intern(w) << 2 | score);
      };
      add_words(product.name.pl, kPolishWordScore);
      add_words(product.name.en, kEnglishWordScore);
      add_words(product.brand, kOtherWordScore);
      for (const std::string& category : product.category_path) add_words(category, kOtherWordScore);
      if (!product.category_path.empty()) {
        const auto [found, added] =
            category_ids.emplace(product.category_path.front(), static_cast<std::uint32_t>(categories_.size()));
        if (added) categories_.push_back(product.category_path.front());
        category_of_[i] = found->second;
      }
      add_code(skus_, fold_for_search(product.sku), i);
      if (!product.ean.empty()) add_code(eans_, product.ean, i);
    }
    // Each word once, with its best score: sorted by id then score, the last of a run is the best.
    std::sort(product_words.begin(), product_words.end());
    for (std::size_t k = 0; k < product_words.size(); ++k) {
      if (k + 1 == product_words.size() || (product_words[k] >> 2) != (product_words[k + 1] >> 2))
        all_words.push_back(product_words[k]);
    }
    word_starts.push_back(static_cast<std::uint32_t>(all_words.size()));
  }

  // Sort the dictionary so prefixes are ranges, and renumber the words to their sorted positions.
  const std::uint32_t word_count = interner.count();
  std::vector<std::uint32_t> by_text(word_count);
  std::iota(by_text.begin(), by_text.end(), 0);
  std::sort(by_text.begin(), by_text.end(),
            [&](std::uint32_t a, std::uint32_t b) { return interner.text(a) < interner.text(b); });
  std::vector<std::uint32_t> sorted_id(word_count);
  word_offsets_.reserve(word_count + 1);
  word_offsets_.push_back(0);
  for (std::uint32_t rank = 0; rank < word_count; ++rank) {
    sorted_id[by_text[rank]] = rank;
    words_text_.append(interner.text(by_text[rank]));
    word_offsets_.push_back(static_cast<std::uint32_t>(words_text_.size()));
  }
  for (std::size_t p = 0; p < product_count_; ++p) {
    std::uint32_t* const begin = all_words.data() + word_starts[p];
    std::uint32_t* const end = all_words.data() + word_starts[p + 1];
    for (std::uint32_t* w = begin; w != end; ++w) *w = sorted_id[*w >> 2] << 2 | (*w & 3);
    std::sort(begin, end);
  }
  pack_lists(all_words, word_starts, product_words_, product_word_offsets_);

  // Posting lists, filled product by product so each list is ascending, then packed word by word.
  std::vector<std::uint32_t> list_starts(word_count + 1, 0);
  for (const std::uint32_t w : all_words) ++list_starts[(w >> 2) + 1];
  std::partial_sum(list_starts.begin(), list_starts.end(), list_starts.begin());
  std::vector<std::uint32_t> all_postings(all_words.size());
  std::vector<std::uint32_t> next(list_starts.begin(), list_starts.end() - 1);
  for (std::uint32_t p = 0; p < product_count_; ++p) {
    for (std::uint32_t k = word_starts[p]; k < word_starts[p + 1]; ++k)
      all_postings[next[all_words[k] >> 2]++] = p << 2 | (all_words[k] & 3);
  }
  std::vector<std::uint32_t>().swap(all_words);  // a peak of two unpacked copies is enough
  pack_lists(all_postings, list_starts, postings_, posting_offsets_);

  word_ids_by_length_.resize(kLongestTypoWord + 2);
  for (std::uint32_t id = 0; id < word_count; ++id) {
    const std::size_t length = word(id).size();
    if (length >= kShortestTypoWord - 1 && length <= kLongestTypoWord + 1) word_ids_by_length_[length].push_back(id);
  }

  const auto by_code = [&](const Code& a, const Code& b) { return code(a) < code(b); };
  std::sort(skus_.begin(), skus_.end(), by_code);
  std::sort(eans_.begin(), eans_.end(), by_code);
  // Grown by appending: without this a 100,000-product index keeps megabytes of spare capacity.
  codes_text_.shrink_to_fit();
  skus_.shrink_to_fit();
  eans_.shrink_to_fit();
}

CatalogIndex::WordMatch CatalogIndex::match_word(std::string_view query_word, bool with_typos) const {
  WordMatch match;
  const std::uint32_t word_count = static_cast<std::uint32_t>(word_offsets_.size() - 1);
  std::uint32_t low = 0;
  std::uint32_t high = word_count;
  while (low < high) {  // the first word not below the query word
    const std::uint32_t mid = low + (high - low) / 2;
    if (word(mid) < query_word) {
      low = mid + 1;
    } else {
      high = mid;
    }
  }
  match.first = low;
  high = word_count;
  while (low < high) {  // the first word after those it starts
    const std::uint32_t mid = low + (high - low) / 2;
    if (starts_with(word(mid), query_word)) {
      low = mid + 1;
    } else {
      high = mid;
    }
  }
  match.last = low;
  if (match.first < match.last && word(match.first) == query_word) match.whole = match.first;
  match.postings = posting_offsets_[match.last] - posting_offsets_[match.first];

  if (with_typos && query_word.size() + 1 >= kShortestTypoWord && query_word.size() <= kLongestTypoWord) {
    const std::size_t shortest =
        std::max(query_word.size() - 1, query_word.size() < kShortestTypoWord ? kShortestTypoWord : 0);
    for (std::size_t length = shortest; length <= query_word.size() + 1; ++length) {
      for (const std::uint32_t id : word_ids_by_length_[length]) {
        if ((id < match.first || id >= match.last) && one_edit_apart(word(id), query_word)) {
          match.typos.push_back(id);
          match.postings += posting_offsets_[id + 1] - posting_offsets_[id];
        }
      }
    }
    std::sort(match.typos.begin(), match.typos.end());
  }
  return match;
}

void CatalogIndex::rank_names(const std::vector<std::string_view>& query_words, bool with_typos, std::uint32_t category,
                              std::size_t wanted, std::vector<std::uint32_t>& out) const {
  std::vector<WordMatch> matches;
  for (const std::string_view query_word : query_words) {
    matches.push_back(match_word(query_word, with_typos));
    if (matches.back().postings == 0) return;  // every word must match
  }
  const auto narrowest =
      std::min_element(matches.begin(), matches.end(),
                       [](const WordMatch& a, const WordMatch& b) { return a.postings < b.postings; }) -
      matches.begin();

  // The narrowest word's products and their scores, in an array indexed by product: kept per thread
  // between searches (server-mock searches on several threads) and left all zero.
  thread_local std::vector<std::uint32_t> narrow_score;
  if (narrow_score.size() < product_count_) narrow_score.resize(product_count_, 0);
  std::vector<std::uint32_t> candidates;
  struct ClearScores {  // on every way out, the array is zero again
    std::vector<std::uint32_t>& candidates;
    ~ClearScores() {
      for (const std::uint32_t product : candidates) narrow_score[product] = 0;
    }
  } clear_scores{candidates};
  const auto collect = [&](std::uint32_t id, std::uint32_t factor) {
    PackedList list(postings_, posting_offsets_[id], posting_offsets_[id + 1]);
    for (std::uint32_t entry; list.next(entry);) {
      const std::uint32_t product = entry >> 2;
      if (category != 0 && category_of_[product] != category) continue;
      const std::uint32_t score = (entry & 3) * factor;
      std::uint32_t& best = narrow_score[product];
      if (best == 0) candidates.push_back(product);
      best = std::max(best, score);
    }
  };
  const WordMatch& first = matches[narrowest];
  for (std::uint32_t id = first.first; id < first.last; ++id) collect(id, id == first.whole ? 2 : 1);
  for (const std::uint32_t id : first.typos) collect(id, 1);

  // A whole-word match outranks a prefix, a typo counts least; each query word's best field counts.
  const auto score_of = [&](std::uint32_t product, const WordMatch& match) {
    std::uint32_t best = 0;
    PackedList words(product_words_, product_word_offsets_[product], product_word_offsets_[product + 1]);
    for (std::uint32_t entry; words.next(entry);) {
      const std::uint32_t id = entry >> 2;
      if (id >= match.first && id < match.last) {
        best = std::max(best, (entry & 3) * (id == match.whole ? 2u : 1u));
      } else if (std::binary_search(match.typos.begin(), match.typos.end(), id)) {
        best = std::max(best, entry & 3);
      }
    }
    return best;
  };
  std::vector<std::pair<std::uint32_t, std::uint32_t>> ranked;  // product, score
  ranked.reserve(candidates.size());
  for (const std::uint32_t product : candidates) {
    std::uint32_t total = narrow_score[product];
    for (std::size_t m = 0; m < matches.size() && total != 0; ++m) {
      if (static_cast<std::ptrdiff_t>(m) == narrowest) continue;
      const std::uint32_t score = score_of(product, matches[m]);
      total = score == 0 ? 0 : total + score;
    }
    if (total != 0) ranked.emplace_back(product, total);
  }
  const auto better = [](const auto& a, const auto& b) {
    return a.second != b.second ? a.second > b.second : a.first < b.first;
  };
  wanted = std::min(ranked.size(), wanted);
  std::partial_sort(ranked.begin(), ranked.begin() + static_cast<std::ptrdiff_t>(wanted), ranked.end(), better);
  for (std::size_t k = 0; k < wanted; ++k) out.push_back(ranked[k].first);
}

std::vector<std::size_t> CatalogIndex::search(std::string_view query, std::size_t limit,
                                              std::string_view category) const {
  std::vector<std::size_t> results;
  if (limit == 0) return results;
  std::uint32_t category_id = 0;
  if (!category.empty()) {
    const auto found = std::find(categories_.begin() + 1, categories_.end(), category);
    if (found == categories_.end()) return results;
    category_id = static_cast<std::uint32_t>(found - categories_.begin());
  }
  const auto in_category = [&](std::uint32_t product) {
    return category_id == 0 || category_of_[product] == category_id;
  };
  const auto add = [&](std::uint32_t product) {
    if (!in_category(product)) return;
    if (std::find(results.begin(), results.end(), product) != results.end()) return;
    results.push_back(product);
  };

  // Codes first: a scanned EAN or a typed SKU means one product.
  std::string trimmed(query);
  trimmed.erase(0, trimmed.find_first_not_of(" \t"));
  trimmed.erase(trimmed.find_last_not_of(" \t") + 1);
  const auto code_below = [&](const Code& c, std::string_view text) { return code(c) < text; };
  if (!trimmed.empty()) {
    const auto ean = std::lower_bound(eans_.begin(), eans_.end(), std::string_view(trimmed), code_below);
    if (ean != eans_.end() && code(*ean) == trimmed) add(ean->product);
  }
  const std::string folded_code = fold_for_search(trimmed);
  if (!folded_code.empty()) {
    auto sku = std::lower_bound(skus_.begin(), skus_.end(), std::string_view(folded_code), code_below);
    for (; sku != skus_.end() && starts_with(code(*sku), folded_code) && results.size() < limit; ++sku)
      add(sku->product);
  }
  if (results.size() >= limit) return results;

  std::string folded;
  std::vector<std::string_view> query_words;
  search_words_into(query, folded, query_words);
  if (query_words.empty()) {
    if (category_id == 0 || !trimmed.empty()) return results;
    for (std::uint32_t product = 0; product < product_count_ && results.size() < limit; ++product) {
      if (category_of_[product] == category_id) results.push_back(product);
    }
    return results;
  }
  // Names: every query word must start a word of the product; typos only when that finds nothing.
  std::vector<std::uint32_t> names;
  rank_names(query_words, false, category_id, limit + results.size(), names);
  if (names.empty()) rank_names(query_words, true, category_id, limit + results.size(), names);
  for (const std::uint32_t product : names) {
    if (results.size() >= limit) break;
    add(product);
  }
  return results;
}

}  // namespace b2b
