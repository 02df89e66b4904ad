// A hash table from a text to its first position in a sequence the caller keeps (products by SKU, SKUs
// of a record, the search index's words): 4-byte slots, open addressing, at most half full; the caller
// says how to read text i.
#pragma once
#include <cstddef>
#include <cstdint>
#include <functional>
#include <string_view>
#include <vector>

namespace b2b {

class TextPositions {
 public:
  // Empty, with room for `expected` texts before it grows.
  explicit TextPositions(std::size_t expected = 0) {
    std::size_t slots = 16;
    while (slots < 2 * expected) slots *= 2;
    slots_.assign(slots, kAbsent);
  }

  // The positions of the first `count` texts. `text_at(i)` must give the same texts for as long as this
  // table is used.
  template <typename TextAt>
  TextPositions(std::size_t count, const TextAt& text_at) : TextPositions(count) {
    for (std::uint32_t i = 0; i < count; ++i) add(i, text_at);
  }

  // Files position `i` under text_at(i) unless that text has a position already (a text given twice
  // keeps its first); the position the text has now.
  template <typename TextAt>
  std::uint32_t add(std::uint32_t i, const TextAt& text_at) {
    if ((filled_ + 1) * 2 > slots_.size()) grow(text_at);
    std::uint32_t& slot = slots_[slot_of(text_at(i), text_at)];
    if (slot == kAbsent) {
      slot = i;
      ++filled_;
    }
    return slot;
  }

  // The slot holding the first position of `text`, or null when no text is `text`.
  template <typename TextAt>
  const std::uint32_t* find(std::string_view text, const TextAt& text_at) const {
    const std::uint32_t& slot = slots_[slot_of(text, text_at)];
    return slot == kAbsent ? nullptr : &slot;
  }

 private:
  static constexpr std::uint32_t kAbsent = ~std::uint32_t{0};

  // The slot of `text`, or the free slot where it would go.
  template <typename TextAt>
  std::size_t slot_of(std::string_view text, const TextAt& text_at) const {
    const std::size_t mask = slots_.size() - 1;
    const std::size_t hash = std::hash<std::string_view>{}(text);
    std::size_t at = hash & mask;
    while (slots_[at] != kAbsent && std::string_view(text_at(slots_[at])) != text) at = (at + 1) & mask;
    return at;
  }

  template <typename TextAt>
  void grow(const TextAt& text_at) {
    std::vector<std::uint32_t> filed;
    filed.reserve(filled_);
    for (const std::uint32_t position : slots_)
      if (position != kAbsent) filed.push_back(position);
    slots_.assign(slots_.size() * 2, kAbsent);
    // Texts are distinct here, so each goes to the first free slot of its probe.
    for (const std::uint32_t position : filed) slots_[slot_of(text_at(position), text_at)] = position;
  }

  std::vector<std::uint32_t> slots_;
  std::size_t filled_ = 0;
};

}  // namespace b2b
