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
    {"Szukaj: nazwa, indeks lub EAN", "Search: name, SKU or EAN"},
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
    {"Zaloguj się", "Sign in"},
    {"E-mail", "E-mail"},
    {"Hasło", "Password"},
    {"Zaloguj", "Sign in"},
    {"Logowanie…", "Signing in…"},
    {"Nieprawidłowy e-mail lub hasło", "Wrong e-mail or password"},
    {"Katalog", "Catalog"},
    {"Koszyki", "Carts"},
    {"Zamówienia", "Orders"},
    {"Konto", "Account"},
    {"Wpisz nazwę, indeks lub EAN — także bez polskich liter.", "Type a name, SKU or EAN."},
    {"Szukanie…", "Searching…"},
    {"Brak wyników", "No results"},
    {"Brak ceny w Twoim cenniku", "No price in your price list"},
    {"netto", "net"},
    {"Indeks", "SKU"},
    {"Jednostka", "Unit"},
    {"Opakowanie", "Pack size"},
    {"Minimum", "Minimum"},
    {"Stan magazynowy", "In stock"},
    {"Cena netto", "Net price"},
    {"Brutto", "Gross"},
    {"Ceny od ilości", "Volume prices"},
    {"od %lld", "from %lld"},
    {"Ilość", "Quantity"},
    {"Dodaj do koszyka", "Add to cart"},
    {"Dodano %lld do koszyka.", "Added %lld to the cart."},
    {"Dodano %lld zamiast %lld: opakowanie po %lld, minimum %lld.",
     "Added %lld instead of %lld: packs of %lld, minimum %lld."},
    {"Nazwa nowego koszyka", "New cart name"},
    {"Utwórz", "Create"},
    {"Nie masz jeszcze koszyka: dodaj produkt albo utwórz koszyk.", "No cart yet: add a product or create a cart."},
    {"Zmień nazwę", "Rename"},
    {"Duplikuj", "Duplicate"},
    {"Usuń", "Delete"},
    {"Zapisz", "Save"},
    {" (kopia)", " (copy)"},
    {"Koszyk jest pusty.", "The cart is empty."},
    {"Netto", "Net"},
    {"Razem brutto", "Total gross"},
    {"Do zamówienia", "Checkout"},
    {"Zamówienie", "Checkout"},
    {"Numer zamówienia (PO)", "PO number"},
    {"MPK (centrum kosztów)", "Cost centre"},
    {"Data dostawy (RRRR-MM-DD)", "Delivery date (YYYY-MM-DD)"},
    {"Wpisz datę jako RRRR-MM-DD, np. 2026-12-03.", "Type the date as YYYY-MM-DD, e.g. 2026-12-03."},
    {"Uwagi do zamówienia", "Note"},
    {"Adres dostawy", "Ship to"},
    {"Płatność", "Payment"},
    {"przedpłata", "prepaid"},
    {"przelew 14 dni", "net 14 days"},
    {"przelew 30 dni", "net 30 days"},
    {"przelew 60 dni", "net 60 days"},
    {"Ceny zmieniły się od dodania do koszyka. Sprawdź i złóż zamówienie ponownie:",
     "Prices changed since you added the products. Check them and place the order again:"},
    {"Złóż zamówienie", "Place order"},
    {"Wysyłanie…", "Sending…"},
    {"Wróć", "Back"},
    {"Zamówienie przyjęte", "Order received"},
    {"Numer zamówienia", "Order number"},
    {"Czeka na akceptację (przekracza Twój limit)", "Waiting for approval (over your limit)"},
    {"Złożone", "Placed"},
    {"Wróć do katalogu", "Back to the catalog"},
    {"Zalogowano jako", "Signed in as"},
    {"Firma", "Company"},
    {"Wyloguj", "Sign out"},
    {"to pole jest wymagane", "this field is required"},
    {"za długie", "too long"},
    {"musi być większe od zera", "must be greater than zero"},
    {"poniżej minimalnej ilości", "below the minimum quantity"},
    {"musi być wielokrotnością opakowania", "must be a whole number of packs"},
    {"data nie może być w przeszłości", "the date cannot be in the past"},
    {"nieprawidłowy format", "wrong format"},
    {"nieznany adres", "unknown address"},
    {"nieznany produkt", "unknown product"},
    {"produkt wycofany ze sprzedaży", "product no longer sold"},
    {"brak w Twoim cenniku", "not in your price list"},
    {"błędna cyfra kontrolna", "wrong check digit"},
    {"Nie masz jeszcze zamówień.", "No orders yet."},
    {"Wczytywanie…", "Loading…"},
    {"Zaakceptowane", "Approved"},
    {"Odrzucone", "Rejected"},
    {"Anulowane", "Cancelled"},
    {"Uwaga do pozycji", "Line note"},
    {"Uwaga", "Note"},
    {"Kategorie", "Categories"},
    {"Podsumowanie", "Review"},
    {"Akceptacje", "Approvals"},
    {"Użytkownicy", "Users"},
    {"Nic nie czeka na akceptację.", "Nothing is waiting for approval."},
    {"Kupujący", "Buyer"},
    {"Akceptuj", "Approve"},
    {"Odrzuć", "Reject"},
    {"Komentarz (wymagany przy odrzuceniu)", "Comment (required to reject)"},
    {"kupujący", "buyer"},
    {"akceptujący", "approver"},
    {"administrator", "admin"},
    {"Limit zamówienia netto (zł)", "Order limit, net"},
    {"Dezaktywuj", "Deactivate"},
    {"Aktywuj", "Activate"},
    {"nieaktywny", "inactive"},
    {"Zaproś użytkownika", "Invite a user"},
    {"Imię i nazwisko", "Name"},
    {"Zaproś", "Invite"},
    {"Edytuj", "Edit"},
    {"Wpisz kwotę, np. 20000 albo 1 234,50.", "Type an amount, e.g. 20000 or 1,234.50."},
    {"Komentarz", "Comment"},
    {"Wszystkie", "All"},
    {"Szczegóły", "Details"},
    {"Historia", "History"},
    {"Dostawa", "Delivery"},
    {"Czeka", "Waiting"},
    {"Ponad limit o", "Over the limit by"},
    {"limit", "limit"},
    {"sprzedawca", "seller"},
    {"Szybkie zamówienie", "Quick order"},
    {"Jedna pozycja w wierszu: indeks lub EAN i ilość, np. „ELE-001 10” albo „5901234123457;3”. Możesz też wkleić CSV "
     "z nagłówkiem (indeks;ilość).",
     "One line per product: SKU or EAN and quantity, e.g. “ELE-001 10” or “5901234123457;3”. You can also paste CSV "
     "with a header (sku;qty)."},
    {"Sprawdź i dodaj do koszyka", "Check and add to cart"},
    {"Wyczyść", "Clear"},
    {"Sprawdzanie…", "Checking…"},
    {"Dodano: %lld, poprawiono: %lld, odrzucono: %lld", "Added: %lld, adjusted: %lld, rejected: %lld"},
    {"Odrzucone wiersze zostały w polu — popraw je i dodaj ponownie.",
     "Rejected lines stay in the box: fix them and add again."},
    {"Wiersz", "Line"},
    {"nie rozpoznano indeksu i ilości", "no code and quantity found"},
    {"ilość musi być liczbą całkowitą większą od zera", "the quantity must be a whole number above zero"},
    {"za dużo wierszy (najwyżej 500)", "too many lines (at most 500)"},
    {"nie ma produktu o tym indeksie ani EAN", "no product with this SKU or EAN"},
    {"produkt wycofany ze sprzedaży", "no longer available"},
    {"brak ceny w Twoim cenniku", "not in your price list"},
    {"podniesiono do minimum %lld", "raised to the minimum of %lld"},
    {"zaokrąglono do pełnych opakowań po %lld", "rounded up to packs of %lld"},
    {"cena zmieniła się", "price changed"},
    {"dodano", "added"},
    {"poprawiono", "adjusted"},
    {"odrzucono", "rejected"},
    {"Przejdź do koszyka", "Go to cart"},
    {"Zamów ponownie", "Order again"},
    {"Ponowienie zamówienia", "Reorder of"},
    {"Pozycje trafiły do nowego koszyka, po dzisiejszych cenach.",
     "The lines went into a new cart, at today's prices."},
    {"30 dni", "30 days"},
    {"90 dni", "90 days"},
    {"Rok", "Year"},
    {"Zawsze", "Any time"},
    {"Od", "From"},
    {"Do", "To"},
    {"Pokaż", "Show"},
    {"Wpisz datę jako RRRR-MM-DD, np. 2026-11-27.", "Type a date as YYYY-MM-DD, e.g. 2026-11-27."},
    {"Data „od” jest późniejsza niż „do”.", "The “from” date is after the “to” date."},
    {"Ta rola nie może tego zrobić.", "This role may not do that."},
    {"Podano dwa razy.", "Given twice."},
    {"Oferta wygasła — poproś o nową.", "The quote has expired: ask for a new one."},
    {"Zapytania ofertowe", "Requests for quote"},
    {"Zapytaj o cenę", "Ask for a quote"},
    {"Uwagi dla sprzedawcy", "Note for the seller"},
    {"czeka na odpowiedź", "waiting for an answer"},
    {"oferta", "answered"},
    {"przyjęta", "accepted"},
    {"odrzucona", "declined"},
    {"ważna do", "valid until"},
    {"Przyjmij i zamów", "Accept and order"},
    {"Brak zapytań ofertowych.", "No requests for quote."},
    {"Sprzedawca", "Seller"},
    {"Offline — zmiany zostają na urządzeniu", "Offline — changes stay on this device"},
    {"Ostatnia synchronizacja:", "Last synced:"},
    {"Jeszcze nie zsynchronizowano", "Not synced yet"},
    {"Pamięć przeglądarki jest niedostępna: szkice offline są ograniczone, koszyki są na serwerze.",
     "Browser storage is unavailable: offline drafting is limited; carts are kept on the server."},
    {"Zapisanych danych z innej wersji aplikacji nie dało się odczytać; odłożono je na bok, nie usunięto:",
     "Saved data from another version of the app could not be read; it was kept aside, not deleted:"},
    {"Do wysłania", "Outbox"},
    {"Czeka na sieć", "Waiting for the network"},
    {"Wysłane bez odpowiedzi — zostanie wysłane ponownie, bez duplikatu",
     "Sent without an answer — will be sent again, never twice"},
    {"Sprawdzanie cen…", "Checking prices…"},
    {"Zmieniło się od złożenia — potwierdź albo popraw", "Changed since it was placed — confirm or edit"},
    {"Wysyłanie…", "Sending…"},
    {"Wysłane:", "Sent:"},
    {"Odrzucone:", "Refused:"},
    {"Potwierdź i wyślij", "Confirm and send"},
    {"Popraw w koszyku", "Edit in a cart"},
    {"Usuń", "Discard"},
    {"Ukryj", "Hide"},
    {"Zamówienie czeka w skrzynce i zostanie wysłane, gdy wróci sieć.",
     "The order is in the outbox and will be sent when the network is back."},
    {"cena", "price"},
    {"niedostępny — zostanie pominięty", "unavailable — will be left out"},
    {"za mało na stanie", "not enough in stock"},
    {"Nowa suma brutto:", "New gross total:"},
    {"Zmiany czekają na wysłanie", "Changes waiting to be sent"},
    {"Połączono ze zmianami z innego urządzenia:", "Merged with changes from another device:"},
    {"Ten koszyk zmieniono też na innym urządzeniu:", "This cart was also changed on another device:"},
    {"Na tym urządzeniu", "On this device"},
    {"Na serwerze", "On the server"},
    {"Zachowaj moje", "Keep mine"},
    {"Weź z serwera", "Take the server's"},
    {"Nie można się wylogować — to nie dotarło jeszcze na serwer:",
     "Cannot sign out — this has not reached the server yet:"},
    {"zamówienia do wysłania:", "orders to send:"},
    {"koszyki do zapisania:", "carts to save:"},
    {"Wyniki z katalogu na urządzeniu (offline)", "Results from the catalog on this device (offline)"},
    {"Sesja wygasła — zaloguj się ponownie; szkice są zachowane.",
     "Session expired — sign in again; your drafts are kept."},
    {"z", "from"},
    {"na", "to"},
    {"Przenieś koszyk do systemu zakupowego", "Transfer cart to your procurement system"},
    {"Zakupy z systemu zakupowego: koszyk wraca tam do zatwierdzenia, zamówienie składa się w systemie zakupowym.",
     "Shopping from your procurement system: the cart goes back there for approval, and the order is placed there."},
    {"Przenoszenie koszyka…", "Transferring the cart…"},
    {"Koszyk nie jest jeszcze zapisany na serwerze — spróbuj za chwilę.",
     "The cart is not saved on the server yet — try again in a moment."},
    {"Osadzone w portalu partnera: przeglądarka może nie zachować szkiców na tym urządzeniu, dlatego koszyki są "
     "zapisywane na serwerze, a praca offline jest ograniczona.",
     "Embedded in a partner portal: the browser may not keep drafts on this device, so carts are saved on the server "
     "and offline drafting is limited."},
    {"Link logowania wygasł albo został już użyty. Zaloguj się.",
     "The sign-in link has expired or was already used. Sign in."},
    {"Katalog ograniczony do:", "Catalog limited to:"},
    {"Ten sklep nie przechowuje koszyków: są zapisane tylko na tym urządzeniu.",
     "This shop keeps no carts: they are saved on this device only."},
    {"Adres strony wskazuje sklep, z którym aplikacja nie umie rozmawiać:",
     "The page address names a shop the client cannot talk to:"},
    {"Sklep doliczy koszt dostawy przy składaniu zamówienia: potwierdzenie pokaże kwotę końcową.",
     "The shop adds its delivery charge when the order is placed: the confirmation shows the final amount."},
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

std::string describe_problem(const FieldError& problem, Locale locale) {
  struct Code {
    const char* code;
    Msg text;
  };
  static const Code kCodes[] = {
      {"required", Msg::ProblemRequired},
      {"too_long", Msg::ProblemTooLong},
      {"not_positive", Msg::ProblemNotPositive},
      {"below_minimum", Msg::ProblemBelowMinimum},
      {"not_multiple_of_pack", Msg::ProblemNotMultipleOfPack},
      {"in_the_past", Msg::ProblemInThePast},
      {"bad_format", Msg::ProblemBadFormat},
      {"unknown_address", Msg::ProblemUnknownAddress},
      {"unknown_product", Msg::ProblemUnknownProduct},
      {"inactive", Msg::ProblemInactive},
      {"not_in_price_list", Msg::ProblemNotInPriceList},
      {"bad_checksum", Msg::ProblemBadChecksum},
      {"not_allowed", Msg::ProblemNotAllowed},
      {"duplicate", Msg::ProblemDuplicate},
      {"quote_expired", Msg::ProblemQuoteExpired},
  };
  for (const Code& code : kCodes)
    if (problem.code == code.code) return tr(code.text, locale);
  return problem.message;
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
