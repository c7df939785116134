#include "ui/controllers/ui_text.h"

#include "kiosk/core/i18n.h"

namespace kiosk::ui {

UiText UiText::Tr(std::string msgid, std::vector<UiText> args) {
  return UiText(std::move(msgid), true, std::move(args));
}

UiText UiText::Tr(std::string msgid, const std::vector<std::string>& literal_args) {
  std::vector<UiText> args;
  args.reserve(literal_args.size());
  for (const auto& arg : literal_args) args.push_back(Literal(arg));
  return UiText(std::move(msgid), true, std::move(args));
}

UiText UiText::Literal(std::string text) { return UiText(std::move(text), false, {}); }

UiText UiText::Of(const Error& error) { return Tr(error.message_key(), error.args()); }

UiText UiText::Lines(std::vector<UiText> lines) {
  std::erase_if(lines, [](const UiText& line) { return line.empty(); });
  if (lines.size() == 1) return std::move(lines.front());
  std::string layout;
  for (size_t i = 0; i < lines.size(); ++i) layout += (i == 0 ? "{" : "\n{") + std::to_string(i) + "}";
  return UiText(std::move(layout), false, std::move(lines));
}

std::string UiText::Render() const {
  const std::string text = translate_ ? i18n::tr(text_) : text_;
  // A literal is never formatted: the officer's note may hold braces of its own.
  if (args_.empty()) return text;
  std::vector<std::string> rendered;
  rendered.reserve(args_.size());
  for (const auto& arg : args_) rendered.push_back(arg.Render());
  return FormatMessage(text, rendered);
}

}  // namespace kiosk::ui
