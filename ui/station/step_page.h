#pragma once
// One enrollment step's page inside the wizard. The wizard builds every page once, tells each the
// enrollment after every change, and tells a page when it is shown or left: a page that drives a
// live device (camera, fingerprint sensor, scanner) opens it on OnEnter and releases it on
// OnLeave, so no device runs behind a page the officer cannot see.
//
// Language: the pages live as long as the enrollment (a draft in progress must survive a switch
// between Vietnamese and English), so each keeps the English msgid of every fixed text it shows
// and Relabel() sets them again in the current language, with the status its controller holds;
// typed text, captures and the current step are untouched.
//
// Keyboard: every button and check box gets an Alt+letter mnemonic picked from its translated
// label so that none collides on one page (the wizard's Back and Next included); Enter runs the
// page's DefaultAction(), Esc goes back (WizardPanel), FocusFirst() puts the caret in the first
// field when the page is shown.

#include <wx/anybutton.h>
#include <wx/checkbox.h>
#include <wx/choice.h>
#include <wx/panel.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>

#include <cctype>
#include <functional>
#include <set>
#include <string>
#include <vector>

#include "kiosk/enrollment/enrollment.h"
#include "ui/station/wx_text.h"

namespace kiosk::ui {

// Picks Alt+letter mnemonics that do not collide: word initials first, then any other letter or
// digit of the label; ASCII only (an accented Vietnamese letter is not on the keyboard as such);
// when every one is taken, a digit is appended: "Bỏ (&1)".
class Mnemonics {
 public:
  Mnemonics() = default;
  explicit Mnemonics(std::set<char> taken) : taken_(std::move(taken)) {}

  // text with '&' before the chosen character (existing '&' escaped); text alone when none is free.
  wxString Mark(const wxString& text) {
    wxString escaped = text;
    escaped.Replace("&", "&&");
    const std::string utf8 = Utf8(text);
    for (int pass = 0; pass < 2; ++pass) {
      for (size_t i = 0; i < utf8.size(); ++i) {
        const auto c = static_cast<unsigned char>(utf8[i]);
        if (c >= 0x80 || std::isalnum(c) == 0) continue;
        const bool initial = i == 0 || utf8[i - 1] == ' ';
        if (pass == 0 && !initial) continue;
        const char key = static_cast<char>(std::tolower(c));
        if (taken_.contains(key)) continue;
        taken_.insert(key);
        return MarkAt(escaped, static_cast<char>(c), utf8, i);
      }
    }
    // A short label whose letters are all taken ("Bỏ"): a digit key after it, as CJK UIs do.
    for (char digit = '1'; digit <= '9'; ++digit) {
      if (taken_.contains(digit)) continue;
      taken_.insert(digit);
      return escaped + " (&" + wxString(digit) + ")";
    }
    return escaped;
  }
  const std::set<char>& taken() const { return taken_; }
  // The key a marked label answers to ('\0' when none).
  static char KeyOf(const wxString& marked) {
    const std::string utf8 = Utf8(marked);
    for (size_t i = 0; i + 1 < utf8.size(); ++i) {
      if (utf8[i] != '&') continue;
      if (utf8[i + 1] == '&') {
        ++i;
        continue;
      }
      return static_cast<char>(std::tolower(static_cast<unsigned char>(utf8[i + 1])));
    }
    return '\0';
  }

 private:
  // The '&' goes before the i-th byte of the unescaped text: count the ASCII occurrences of the
  // same character before it, and find that occurrence in the escaped text.
  static wxString MarkAt(const wxString& escaped, char c, const std::string& utf8, size_t i) {
    size_t nth = 0;
    for (size_t j = 0; j < i; ++j) nth += utf8[j] == c ? 1 : 0;
    std::string out = Utf8(escaped);
    size_t seen = 0;
    for (size_t j = 0; j < out.size(); ++j) {
      if (out[j] != c) continue;
      if (seen++ == nth) {
        out.insert(j, 1, '&');
        break;
      }
    }
    return Wx(out);
  }

  std::set<char> taken_;
};

// The fixed texts of a page with their msgids, to be set again after a language switch.
class PageLabels {
 public:
  // A text (static text) in the current language.
  template <class W>
  W* Text(W* window, const char* msgid) {
    texts_.push_back({window, msgid});
    window->SetLabel(Tr(msgid));
    return window;
  }
  // A button or check box: labelled, with a mnemonic given by Apply().
  template <class W>
  W* Control(W* window, const char* msgid) {
    controls_.push_back({window, msgid});
    window->SetLabel(Tr(msgid));
    return window;
  }
  void Hint(wxTextCtrl* field, const char* msgid) {
    hints_.push_back({field, msgid});
    field->SetHint(Tr(msgid));
  }
  // A choice whose items are msgids (a selection survives).
  void Items(wxChoice* choice, std::vector<std::string> msgids) {
    const int selected = choice->GetSelection();
    choice->Clear();
    for (const auto& id : msgids) choice->Append(Tr(id));
    if (selected != wxNOT_FOUND) choice->SetSelection(selected);
    choices_.push_back({choice, std::move(msgids)});
  }

  // Sets every text again in the current language; buttons get mnemonics not in `taken`.
  // Returns the keys used.
  std::set<char> Apply(std::set<char> taken) {
    for (const auto& t : texts_) t.window->SetLabel(Tr(t.msgid));
    for (const auto& h : hints_) h.field->SetHint(Tr(h.msgid));
    for (const auto& c : choices_) {
      const int selected = c.choice->GetSelection();
      for (size_t i = 0; i < c.msgids.size() && i < c.choice->GetCount(); ++i) {
        c.choice->SetString(static_cast<unsigned>(i), Tr(c.msgids[i]));
      }
      if (selected != wxNOT_FOUND) c.choice->SetSelection(selected);
    }
    Mnemonics mnemonics(std::move(taken));
    for (const auto& c : controls_) c.window->SetLabel(mnemonics.Mark(Tr(c.msgid)));
    return mnemonics.taken();
  }

 private:
  struct Entry {
    wxWindow* window;
    const char* msgid;
  };
  struct HintEntry {
    wxTextCtrl* field;
    const char* msgid;
  };
  struct ChoiceEntry {
    wxChoice* choice;
    std::vector<std::string> msgids;
  };
  std::vector<Entry> texts_;
  std::vector<Entry> controls_;
  std::vector<HintEntry> hints_;
  std::vector<ChoiceEntry> choices_;
};

class StepPage : public wxPanel {
 public:
  explicit StepPage(wxWindow* parent) : wxPanel(parent, wxID_ANY) {}
  virtual void ShowEnrollment(const enrollment::Enrollment& /*enrollment*/) {}
  // The record was sealed under this number (the review page shows it and offers the receipt).
  virtual void ShowSealed(const std::string& /*record_number*/) {}
  virtual void OnEnter() {}
  virtual void OnLeave() {}

  // Every fixed text again in the current language, then the page's own status (from its
  // controller). `taken`: mnemonic keys used outside the page (the wizard's Back and Next).
  void Relabel(const std::set<char>& taken) {
    labels_.Apply(taken);
    RelabelStatus();
    Layout();
  }
  // Enter, when no field took it: the page's main action (capture, confirm…). false: nothing to
  // do here, the wizard proceeds to the next step.
  virtual bool DefaultAction() { return false; }
  // Esc, before the wizard goes back: true when the page used it (e.g. to cancel a capture).
  virtual bool CancelAction() { return false; }
  // Puts the keyboard focus where the officer starts on this page.
  virtual void FocusFirst() { SetFocus(); }
  // How the page hands the focus to the wizard's Next button when its work is done.
  void SetFocusProceed(std::function<void()> focus_next) { focus_next_ = std::move(focus_next); }

 protected:
  // The page's work is done (chip read, portrait confirmed): Enter should now proceed.
  void FocusProceed() {
    if (focus_next_ && IsShownOnScreen()) focus_next_();
  }
  // The texts the page renders from its controller's state (status lines, list rows…).
  virtual void RelabelStatus() {}
  PageLabels labels_;

 private:
  std::function<void()> focus_next_;
};

}  // namespace kiosk::ui
