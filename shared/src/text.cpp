// Diacritic folding over UTF-8 for Latin-1 and Latin Extended-A (Polish and its neighbours).
#include "b2b/text.hpp"

#include <cstdint>

namespace b2b {
namespace {

// Base letters of U+00C0..U+017F, in code point order; '\0' marks "no plain base letter".
// Two-letter folds (ß, æ, œ, ĳ) are handled separately.
constexpr char kLatinBase[] =
    "aaaaaaaceeeeiiii"   // C0-CF: ÀÁÂÃÄÅÆÇÈÉÊËÌÍÎÏ
    "dnooooo\0ouuuuyts"  // D0-DF: ÐÑÒÓÔÕÖ×ØÙÚÛÜÝÞß
    "aaaaaaaceeeeiiii"   // E0-EF: àáâãäåæçèéêëìíîï
    "dnooooo\0ouuuuyty"  // F0-FF: ðñòóôõö÷øùúûüýþÿ
    "aaaaaaccccccccdd"   // 100-10F: ĀāĂăĄąĆćĈĉĊċČčĎď
    "ddeeeeeeeeeegggg"   // 110-11F: ĐđĒēĔĕĖėĘęĚěĜĝĞğ
    "gggghhhhiiiiiiii"   // 120-12F: ĠġĢģĤĥĦħĨĩĪīĬĭĮį
    "iiiijjkkklllllll"   // 130-13F: İıĲĳĴĵĶķĸĹĺĻļĽľĿ
    "lllnnnnnnnnnoooo"   // 140-14F: ŀŁłŃńŅņŇňŉŊŋŌōŎŏ
    "oooorrrrrrssssss"   // 150-15F: ŐőŒœŔŕŖŗŘřŚśŜŝŞş
    "ssttttttuuuuuuuu"   // 160-16F: ŠšŢţŤťŦŧŨũŪūŬŭŮů
    "uuuuwwyyyzzzzzzs"   // 170-17F: ŰűŲųŴŵŶŷŸŹźŻżŽžſ
    ;

const char* two_letter_fold(std::uint32_t cp) {
  switch (cp) {
    case 0xC6:
    case 0xE6:
      return "ae";
    case 0xDF:
      return "ss";
    case 0x132:
    case 0x133:
      return "ij";
    case 0x152:
    case 0x153:
      return "oe";
  }
  return nullptr;
}

// Decodes one UTF-8 sequence at text[i]; returns its code point and advances i. Invalid or
// truncated sequences yield U+FFFD and advance by one byte.
std::uint32_t next_code_point(std::string_view text, std::size_t& i) {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
  const unsigned char lead = byte(i);
  int length = 0;
  std::uint32_t cp = 0;
  if (lead < 0x80) {
    ++i;
    return lead;
  } else if ((lead & 0xE0) == 0xC0) {
    length = 2;
    cp = lead & 0x1F;
  } else if ((lead & 0xF0) == 0xE0) {
    length = 3;
    cp = lead & 0x0F;
  } else if ((lead & 0xF8) == 0xF0) {
    length = 4;
    cp = lead & 0x07;
  } else {
    ++i;
    return 0xFFFD;
  }
  if (i + length > text.size()) {
    ++i;
    return 0xFFFD;
  }
  for (int k = 1; k < length; ++k) {
    if ((byte(i + k) & 0xC0) != 0x80) {
      ++i;
      return 0xFFFD;
    }
    cp = (cp << 6) | (byte(i + k) & 0x3F);
  }
  i += length;
  return cp;
}

void put_utf8(char*& out, std::uint32_t cp) {
  if (cp < 0x80) {
    *out++ = static_cast<char>(cp);
  } else if (cp < 0x800) {
    *out++ = static_cast<char>(0xC0 | (cp >> 6));
    *out++ = static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    *out++ = static_cast<char>(0xE0 | (cp >> 12));
    *out++ = static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    *out++ = static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    *out++ = static_cast<char>(0xF0 | (cp >> 18));
    *out++ = static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    *out++ = static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    *out++ = static_cast<char>(0x80 | (cp & 0x3F));
  }
}

bool is_word_char(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || (c & 0x80); }

// Appends the folded text to `out`. Folding never lengthens UTF-8 (a two-letter fold replaces a
// two-byte letter), so it writes into room made once: appending a character at a time was most of
// the time it takes to index a catalog in wasm.
void fold_into(std::string_view utf8, std::string& out) {
  const std::size_t start = out.size();
  out.resize(start + utf8.size());
  char* const begin = &out[0] + start;
  char* end = begin;
  std::size_t i = 0;
  while (i < utf8.size()) {
    const std::uint32_t cp = next_code_point(utf8, i);
    if (cp < 0x80) {
      *end++ = (cp >= 'A' && cp <= 'Z') ? static_cast<char>(cp - 'A' + 'a') : static_cast<char>(cp);
    } else if (const char* pair = two_letter_fold(cp)) {
      *end++ = pair[0];
      *end++ = pair[1];
    } else if (cp >= 0xC0 && cp <= 0x17F && kLatinBase[cp - 0xC0] != '\0') {
      *end++ = kLatinBase[cp - 0xC0];
    } else if (cp == 0xFFFD) {
      *end++ = '?';
    } else {
      put_utf8(end, cp);
    }
  }
  out.resize(start + static_cast<std::size_t>(end - begin));
}

}  // namespace

std::string fold_for_search(std::string_view utf8) {
  std::string out;
  out.reserve(utf8.size());
  fold_into(utf8, out);
  return out;
}

void search_words_into(std::string_view utf8, std::string& folded, std::vector<std::string_view>& words) {
  folded.clear();
  words.clear();
  fold_into(utf8, folded);
  const std::string_view text = folded;
  std::size_t start = 0;
  for (std::size_t i = 0; i <= text.size(); ++i) {
    if (i < text.size() && is_word_char(text[i])) continue;
    if (i > start) words.push_back(text.substr(start, i - start));
    start = i + 1;
  }
}

std::vector<std::string> search_words(std::string_view utf8) {
  std::string folded;
  std::vector<std::string_view> views;
  search_words_into(utf8, folded, views);
  return {views.begin(), views.end()};
}

std::string utf8_prefix(std::string_view utf8, std::size_t max_code_points) {
  std::size_t end = 0;
  for (std::size_t count = 0; count < max_code_points && end < utf8.size(); ++count) next_code_point(utf8, end);
  return std::string(utf8.substr(0, end));
}

}  // namespace b2b
