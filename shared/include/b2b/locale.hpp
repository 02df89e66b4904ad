// The UI languages the product speaks.
#pragma once

namespace b2b {

enum class Locale { pl, en };

inline const char* locale_code(Locale locale) { return locale == Locale::pl ? "pl" : "en"; }

}  // namespace b2b
