// A hash table from a text to its first position in a sequence the caller keeps (products by SKU, SKUs
// of a record): 4-byte slots, open addressing, at most half full; the caller says how to read text i.
#pragma once
#include <cstddef>
#include <cstdint>
#include <functional>
#include <string_view>
#include <vector>

namespace b2b {

class TextPositions {
 public:
  // `text_at(i)` for i below `count` must give the same texts for as long as this table is used.
  template <typename TextAt>
  TextPositions(std::size_t count, const TextAt& text_at) {
    std::size_t slots = 16;
    while (slots < 2 * count) slots *= 2;
    slots_.assign(slots, kAbsent);
    for (std::uint32_t i = 0; i < count; ++i) {
      std::uint32_t& slot = slots_[slot_of(text_at(i), text_at)];
      if (slot == kAbsent) slot = i;  // a text given twice keeps its first position
    }
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

  std::vector<std::uint32_t> slots_;
};

}  // namespace b2b
