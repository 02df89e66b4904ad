// The string table. Add a row to Msg and here together; a test checks none is missing.
#include "i18n.hpp"

#include <array>
#include <cstddef>

namespace b2b::client {
namespace {

struct Translation {
  const char* pl;
  const char* en;
};

constexpr std::array<Translation, static_cast<std::size_t>(Msg::Count_)> kTable = {{
    {"Zamówienia B2B", "B2B Ordering"},
    {"Złóż zamówienie z telefonu — także bez zasięgu.", "Place orders from your phone — even with no signal."},
    {"Język", "Language"},
    {"Polski", "Polski"},
    {"English", "English"},
    {"Serwer", "Server"},
    {"Nie sprawdzono połączenia", "Connection not checked"},
    {"Sprawdzanie połączenia…", "Checking the connection…"},
    {"Połączono", "Connected"},
    {"Brak połączenia", "No connection"},
    {"Sprawdź połączenie", "Check connection"},
    {"protokół", "protocol"},
}};

}  // namespace

const char* tr(Msg msg, Locale locale) {
  const Translation& row = kTable[static_cast<std::size_t>(msg)];
  return locale == Locale::pl ? row.pl : row.en;
}

std::vector<const char*> all_ui_strings() {
  std::vector<const char*> out;
  for (const Translation& row : kTable) {
    out.push_back(row.pl);
    out.push_back(row.en);
  }
  return out;
}

}  // namespace b2b::client
