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
    {"serwer nie odpowiada", "the server does not answer"},
    {"zaloguj się ponownie", "please log in again"},
    {"brak uprawnień", "not allowed"},
    {"popraw zaznaczone pola", "please correct the marked fields"},
    {"dane zmieniły się w międzyczasie", "the data changed in the meantime"},
    {"błąd serwera", "server error"},
    {"nieczytelna odpowiedź serwera", "unreadable server response"},
    {"kwota poza zakresem", "amount out of range"},
    {"nie znaleziono", "not found"},
}};

}  // namespace

const char* tr(Msg msg, Locale locale) {
  const Translation& row = kTable[static_cast<std::size_t>(msg)];
  return locale == Locale::pl ? row.pl : row.en;
}

std::string describe_error(const Error& error, Locale locale) {
  Msg sentence = Msg::ErrorServer;
  switch (error.kind) {
    case ErrorKind::Network:
      return tr(Msg::ErrorNetwork, locale);  // the detail is the browser's
    case ErrorKind::Auth:
      sentence = Msg::ErrorAuth;
      break;
    case ErrorKind::Forbidden:
      sentence = Msg::ErrorForbidden;
      break;
    case ErrorKind::Validation:
      sentence = Msg::ErrorValidation;
      break;
    case ErrorKind::Conflict:
      sentence = Msg::ErrorConflict;
      break;
    case ErrorKind::Server:
      sentence = Msg::ErrorServer;
      break;
    case ErrorKind::Decode:
      sentence = Msg::ErrorDecode;
      break;
    case ErrorKind::Overflow:
      sentence = Msg::ErrorOverflow;
      break;
    case ErrorKind::NotFound:
      sentence = Msg::ErrorNotFound;
      break;
  }
  std::string text = tr(sentence, locale);
  if (!error.field.empty())
    text += " (" + error.field + ": " + error.message + ")";
  else if (!error.message.empty())
    text += " (" + error.message + ")";
  return text;
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
