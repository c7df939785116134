#pragma once
// Text for the officer that a view can render again after a language switch. Controllers hand
// their views a UiText (the English msgid and its arguments) instead of words already translated:
// the view renders it when it shows it and again when the officer switches language, so advice,
// problems and statuses a controller wrote follow the switch without the controller's help.
//
// An argument is itself a UiText: a finger's name inside a sentence is translated too, while a
// number, a record number or the officer's own note stays literal.
//
// Thread safety: a value type; Render() may be called on any thread (see kiosk/core/i18n.h).

#include <string>
#include <vector>

#include "kiosk/core/error.h"

namespace kiosk::ui {

class UiText {
 public:
  UiText() = default;  // empty: renders ""

  // msgid is translated when rendered; args fill its {0}, {1}…
  static UiText Tr(std::string msgid, std::vector<UiText> args = {});
  static UiText Tr(std::string msgid, const std::vector<std::string>& literal_args);
  // Shown as it is in every language (a number, a file name, the officer's note).
  static UiText Literal(std::string text);
  // The error's message for the officer (its key and arguments).
  static UiText Of(const Error& error);
  // The lines one under the other; empty ones are left out.
  static UiText Lines(std::vector<UiText> lines);

  // In the current language.
  std::string Render() const;
  bool empty() const { return text_.empty(); }

  friend bool operator==(const UiText&, const UiText&) = default;

 private:
  UiText(std::string text, bool translate, std::vector<UiText> args)
      : text_(std::move(text)), translate_(translate), args_(std::move(args)) {}

  std::string text_;        // the msgid, the literal text, or a layout template ("{0}\n{1}")
  bool translate_ = false;
  std::vector<UiText> args_;
};

}  // namespace kiosk::ui
