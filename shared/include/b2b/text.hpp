// Text folding for search: what a buyer types without Polish letters ("lacznik") must find the
// product that has them ("Łącznik"). Used by server-mock's search and the client's offline search.
// Also cutting UTF-8 to a number of characters, for fields with a length limit.
#pragma once
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace b2b {

// Lower-case ASCII with diacritics removed (ł -> l, Ż -> z, é -> e, ß -> ss); characters that have
// no Latin base letter pass through unchanged. Invalid UTF-8 bytes become U+FFFD's replacement "?".
std::string fold_for_search(std::string_view utf8);

// The folded words of a text: runs of letters and digits; everything else separates words.
// "O-ring 20x1,5 mm" -> {"o", "ring", "20x1", "5", "mm"}.
std::vector<std::string> search_words(std::string_view utf8);

// The same words without an allocation per word, for indexing a whole catalog: `folded` receives
// the folded text and `words` views into it (both are cleared first and reused between calls).
void search_words_into(std::string_view utf8, std::string& folded, std::vector<std::string_view>& words);

// The first max_code_points characters of the text, never cutting one in half ("Łącznik" cut to 2 is
// "Łą", four bytes). A malformed byte counts as one character and is kept as it is.
std::string utf8_prefix(std::string_view utf8, std::size_t max_code_points);

}  // namespace b2b
