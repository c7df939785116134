#pragma once
// UTF-8 <-> wxString and translation for the wx views, in one place.
#include <wx/string.h>

#include <string>
#include <string_view>

#include "kiosk/core/i18n.h"

namespace kiosk::ui {

inline wxString Wx(std::string_view utf8) {
  return wxString::FromUTF8(utf8.data(), utf8.size());
}
// The current language's text for an English msgid.
inline wxString Tr(std::string_view msgid) { return Wx(i18n::tr(msgid)); }
inline std::string Utf8(const wxString& s) { return std::string(s.utf8_str()); }

}  // namespace kiosk::ui
