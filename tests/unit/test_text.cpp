// Search folding: text typed without Polish letters matches text with them; cutting UTF-8 by characters.
#include <doctest/doctest.h>

#include "b2b/text.hpp"

using namespace b2b;

TEST_CASE("fold_for_search removes diacritics and case") {
  SUBCASE("every Polish letter, both cases") {
    CHECK(fold_for_search("ąćęłńóśźż ĄĆĘŁŃÓŚŹŻ") == "acelnoszz acelnoszz");
    CHECK(fold_for_search("Łącznik schodowy") == "lacznik schodowy");
    CHECK(fold_for_search("Młotek ŚLUSARSKI") == "mlotek slusarski");
  }
  SUBCASE("neighbouring languages and two-letter folds") {
    CHECK(fold_for_search("Müller Straße Ærø Œuvre café Škoda Čech") == "muller strasse aero oeuvre cafe skoda cech");
  }
  SUBCASE("characters without a Latin base pass through") { CHECK(fold_for_search("20×30 mm €") == "20×30 mm €"); }
  SUBCASE("invalid UTF-8 becomes ? instead of being dropped or crashing") {
    CHECK(fold_for_search("a\xC5") == "a?");  // truncated sequence
    CHECK(fold_for_search("\xFF"
                          "b") == "?b");  // invalid lead byte
    CHECK(fold_for_search("\xC5"
                          "A") == "?a");  // lead byte without continuation
  }
}

TEST_CASE("search_words splits folded text into letters-and-digits words") {
  CHECK(search_words("O-ring 20x1,5 mm NBR90") == std::vector<std::string>{"o", "ring", "20x1", "5", "mm", "nbr90"});
  CHECK(search_words("  Rękawice  robocze, rozm. 10 ") ==
        std::vector<std::string>{"rekawice", "robocze", "rozm", "10"});
  CHECK(search_words("").empty());
  CHECK(search_words("-- ,,").empty());
}

TEST_CASE("utf8_prefix cuts by characters, never inside one") {
  CHECK(utf8_prefix("Łącznik", 2) == "Łą");  // four bytes
  CHECK(utf8_prefix("Łącznik", 7) == "Łącznik");
  CHECK(utf8_prefix("Łącznik", 100) == "Łącznik");
  CHECK(utf8_prefix("Łącznik", 0).empty());
  CHECK(utf8_prefix("żółć", 3) == "żół");
  CHECK(utf8_prefix("a€b", 2) == "a€");  // three-byte character
  CHECK(utf8_prefix("a\xFF"
                    "bc",
                    2) == "a\xFF");  // a malformed byte counts as one
}
