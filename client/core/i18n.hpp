// Every UI string, in Polish and English, from one table.
#pragma once
#include <vector>

#include "b2b/locale.hpp"

namespace b2b::client {

enum class Msg {
  AppTitle,
  Tagline,
  LanguageHeading,
  LanguagePolish,
  LanguageEnglish,
  ServerHeading,
  ServerUnknown,
  ServerChecking,
  ServerOnline,
  ServerOffline,
  CheckConnection,
  ProtocolVersion,
  Count_
};

const char* tr(Msg msg, Locale locale);

// Every string of every locale, e.g. to check that the UI font has all their glyphs.
std::vector<const char*> all_ui_strings();

}  // namespace b2b::client
