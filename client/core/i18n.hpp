// Every UI string, in Polish and English, from one table.
#pragma once
#include <string>
#include <vector>

#include "b2b/locale.hpp"
#include "b2b/result.hpp"

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
  ErrorNetwork,
  ErrorAuth,
  ErrorForbidden,
  ErrorValidation,
  ErrorConflict,
  ErrorServer,
  ErrorDecode,
  ErrorOverflow,
  ErrorNotFound,
  Count_
};

const char* tr(Msg msg, Locale locale);

// An error for people: a sentence in the UI language for its kind, then the library's detail
// (field and reason, in English, since it names protocol fields) where it adds something.
std::string describe_error(const Error& error, Locale locale);

// Every string of every locale, e.g. to check that the UI font has all their glyphs.
std::vector<const char*> all_ui_strings();

}  // namespace b2b::client
