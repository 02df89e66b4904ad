// Text folding for search: what a buyer types without Polish letters ("lacznik") must find the
// product that has them ("Łącznik"). Used by server-mock's search and the client's offline search.
#pragma once
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

}  // namespace b2b
