#pragma once
// Translation of user-visible text. Message keys are the English text (the gettext msgid);
// catalogs are gettext .mo files compiled from resources/i18n/<lang>.po. Vietnamese is the
// default language, English the alternative (English needs no catalog).
//
// Thread safety: Translate() may be called from any thread; SetLanguage() swaps the catalog
// atomically (readers keep the one they started with).

#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <string_view>

#include "kiosk/core/result.h"

namespace kiosk::i18n {

// A loaded gettext catalog.
class Catalog {
 public:
  // Parses a .mo file (either byte order). Malformed files are refused, never half-loaded.
  static Result<Catalog> LoadMo(const std::filesystem::path& file);
  static Result<Catalog> ParseMo(std::string_view bytes);

  // The translation, or msgid itself when the catalog has none.
  std::string_view Translate(std::string_view msgid) const;
  size_t size() const { return entries_.size(); }

 private:
  std::map<std::string, std::string, std::less<>> entries_;
};

// "vi" or "en". Languages other than those are refused.
bool IsSupportedLanguage(std::string_view lang);

// Loads <locale_dir>/<lang>/LC_MESSAGES/kiosk.mo (none needed for "en") and makes it current.
Result<void> SetLanguage(std::string_view lang, const std::filesystem::path& locale_dir);
// Uses the locale directory found by kiosk::paths::LocaleDir().
Result<void> SetLanguage(std::string_view lang);
std::string CurrentLanguage();

// The current language's text for msgid. Marks a string for extraction by xgettext (-ktr).
std::string tr(std::string_view msgid);
// Same, returning a view valid until the next SetLanguage (used by Error::Message).
std::string Translate(std::string_view msgid);

}  // namespace kiosk::i18n

// Marks a literal for extraction without translating it (gettext's N_; wx defines the same).
#ifndef N_
#define N_(text) text
#endif
