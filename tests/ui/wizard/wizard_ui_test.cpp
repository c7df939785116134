// The enrollment wizard's pages in the real windows under Xvfb: the language switch relabels every
// page in place and keeps the enrollment (typed data, chip read, step); the keyboard alone walks
// identify -> chip (Enter), back (Esc), confirms a portrait (Enter) and presses buttons by their
// Alt mnemonics, which never collide on a page; a card whose MRZ key is refused is read with the
// CAN printed on its front (the demo emulator's CAN: the last 6 digits of the ID).
// Screenshots go to $KIOSK_SCREENSHOT_DIR (the build tree).
#include <gtest/gtest.h>
#include <wx/anybutton.h>
#include <wx/checkbox.h>
#include <wx/choice.h>
#include <wx/control.h>

#include <algorithm>
#include <map>
#include <set>

#include "drivers/sim/camera/synthetic_camera.h"
#include "kiosk/core/i18n.h"
#include "kiosk/documents/paper.h"
#include "tests/ui/station/wx_station_fixture.h"

namespace kiosk::ui {
namespace {

using std::chrono::seconds;

constexpr const char* kPages[] = {"identify-page", "chip-page",    "portrait-page", "fingers-page",
                                  "papers-page",   "contact-page", "review-page"};

class WizardUiTest : public testing_support::WxStationFixture {
 protected:
  WizardUiTest() : WxStationFixture({.officer = true, .enrollment = true, .demo_chip = true}) {}

  void SetUp() override {
    ASSERT_NO_FATAL_FAILURE(WxStationFixture::SetUp());
    sim::SyntheticCameraOptions camera;
    camera.approach_frames = 10;
    camera_ = std::make_unique<sim::SyntheticCamera>(camera);
    services_.camera = camera_.get();
  }

  // The wizard alone in a frame, its enrollment begun.
  void OpenWizard() {
    ASSERT_NO_FATAL_FAILURE(WxStationFixture::OpenWizard("wizard"));
    // The new enrollment puts the caret in the QR field once it is ready.
    ASSERT_TRUE(FocusIs("qr")) << "the identify page starts in the QR field, not " << FocusName();
  }

  void SwitchLanguage(int index) {
    auto* language = WxHarness::Find<wxChoice>("workspace-language", frame_);
    ASSERT_NE(language, nullptr);
    language->SetSelection(index);
    wxCommandEvent choose(wxEVT_CHOICE, language->GetId());
    choose.SetEventObject(language);
    choose.SetInt(index);
    language->ProcessWindowEvent(choose);
    WxHarness::Pump(std::chrono::milliseconds(300));
  }

  // Presses a key on whatever has the focus, as the officer's keyboard would.
  void Press(int key, int modifiers = wxMOD_NONE) {
    wxUIActionSimulator sim;
    sim.Char(key, modifiers);
    WxHarness::Pump(std::chrono::milliseconds(150));
  }
  bool FocusIs(const std::string& name) {
    return WxHarness::PumpUntil([&] {
      wxWindow* focus = wxWindow::FindFocus();
      return focus != nullptr && focus->GetName() == name;
    }, seconds(60));
  }
  static std::string FocusName() {
    wxWindow* focus = wxWindow::FindFocus();
    return focus == nullptr ? "(none)" : std::string(focus->GetName().utf8_str());
  }

  std::string Text(const std::string& name) {
    auto* w = WxHarness::Find<wxWindow>(name, frame_);
    if (w == nullptr) return "(missing " + name + ")";
    std::string text(wxControl::RemoveMnemonics(w->GetLabel()).utf8_str());
    // A label whose letters were all taken carries its key as a digit: "Bỏ (1)".
    if (text.size() > 4 && text.ends_with(")") && text[text.size() - 4] == ' ' && text[text.size() - 3] == '(') {
      text.resize(text.size() - 4);
    }
    return text;
  }
  std::string Value(const std::string& name) {
    auto* field = WxHarness::Find<wxTextCtrl>(name, frame_);
    return field == nullptr ? "" : std::string(field->GetValue().utf8_str());
  }

  // Every button, by name, with the msgid it shows; checked in the current language.
  void ExpectLabelsIn(const std::string& language) {
    SCOPED_TRACE("language " + language);
    const std::map<std::string, const char*> buttons = {
        {"wizard-back", "Back"},
        {"wizard-next", "Next"},
        {"use-typed", "Use the typed data"},
        {"read-chip", "Read the chip"},
        {"read-chip-can", "Read with the CAN"},
        {"portrait-confirm", "Confirm portrait"},
        {"portrait-retake", "Retake"},
        {"finger-capture", "Capture"},
        {"finger-exception-record", "Record exception"},
        {"scan-paper", "Scan"},
        {"confirm-paper", "Confirm the paper"},
        {"paper-original-sighted", "Original sighted (checked against the paper itself)"},
        {"save-contact", "Save"},
        {"consent", "The citizen agrees to the processing of their data for the account"},
        {"seal", "Seal the record"},
    };
    for (const auto& [name, msgid] : buttons) EXPECT_EQ(Text(name), i18n::tr(msgid)) << name;
    EXPECT_EQ(Text("chip-can-intro"),
              i18n::tr("If the chip refuses the card's data, type the card access number (CAN): the 6 "
                       "digits printed on the front of the card."));
    auto* can = WxHarness::Find<wxTextCtrl>("chip-can", frame_);
    ASSERT_NE(can, nullptr);
    EXPECT_EQ(std::string(can->GetHint().utf8_str()), i18n::tr("6 digits"));
    auto* reason = WxHarness::Find<wxChoice>("finger-exception-reason", frame_);
    ASSERT_NE(reason, nullptr);
    EXPECT_EQ(std::string(reason->GetString(0).utf8_str()), i18n::tr("Missing"));
    auto* type = WxHarness::Find<wxChoice>("paper-type", frame_);
    ASSERT_NE(type, nullptr);
    EXPECT_EQ(std::string(type->GetString(0).utf8_str()),
              i18n::tr(documents::Title(documents::PaperType::kDrivingLicence)));
  }

  // On every page, with Back and Next, every button and check box answers a different Alt key.
  void ExpectMnemonicsDistinctPerPage() {
    for (const char* page_name : kPages) {
      SCOPED_TRACE(page_name);
      auto* page = WxHarness::Find<wxWindow>(page_name, frame_);
      ASSERT_NE(page, nullptr);
      std::vector<wxWindow*> controls = {WxHarness::Find<wxWindow>("wizard-back", frame_),
                                         WxHarness::Find<wxWindow>("wizard-next", frame_),
                                         WxHarness::Find<wxWindow>("resolve-with-chip", frame_)};
      std::function<void(wxWindow*)> collect = [&](wxWindow* w) {
        for (wxWindow* child : w->GetChildren()) {
          if (dynamic_cast<wxAnyButton*>(child) != nullptr || dynamic_cast<wxCheckBox*>(child) != nullptr) {
            controls.push_back(child);
          }
          collect(child);
        }
      };
      collect(page);
      std::map<char, std::string> keys;
      for (wxWindow* control : controls) {
        const std::string name(control->GetName().utf8_str());
        const char key = Mnemonics::KeyOf(control->GetLabel());
        EXPECT_NE(key, '\0') << name << " has no Alt key: " << control->GetLabel().utf8_str();
        if (key == '\0') continue;
        auto [it, fresh] = keys.emplace(key, name);
        EXPECT_TRUE(fresh) << "Alt+" << key << " is both " << it->second << " and " << name;
      }
    }
  }

  std::unique_ptr<sim::SyntheticCamera> camera_;
};

TEST_F(WizardUiTest, LanguageSwitch_RelabelsEveryPage_AndKeepsTheEnrollment) {
  ASSERT_NO_FATAL_FAILURE(OpenStationSignedIn("officer1", "typed-id"));
  TypeCard();
  ExpectLabelsIn("vi");
  ExpectMnemonicsDistinctPerPage();

  // Mid-enrollment, nothing submitted yet: the typed data must survive the switch.
  SwitchLanguage(1);
  ASSERT_EQ(i18n::CurrentLanguage(), "en");
  ExpectLabelsIn("en");
  ExpectMnemonicsDistinctPerPage();
  EXPECT_EQ(Value("typed-id"), "001095012345");
  EXPECT_EQ(Value("typed-name"), "Nguyễn Văn Mẫu");
  EXPECT_EQ(Label("wizard-title"), "Identify the card");
  ASSERT_TRUE(WxHarness::PumpUntil([this] { return Label("missing").starts_with("Still missing:"); }))
      << Label("missing");
  WxHarness::Screenshot(frame_, "ui-wizard-english-identify");

  // On to the chip in English; the verdict then follows the officer back to Vietnamese.
  ASSERT_TRUE(WxHarness::Click("use-typed", frame_));
  WxHarness::Pump(std::chrono::milliseconds(300));
  ASSERT_TRUE(WxHarness::Click("wizard-next", frame_));
  ASSERT_TRUE(WxHarness::PumpUntil([] { return WxHarness::IsVisible("read-chip"); })) << Label("wizard-error");
  ASSERT_TRUE(WxHarness::Click("read-chip", frame_));
  ASSERT_TRUE(WxHarness::PumpUntil([this] { return !Label("chip-verdict").empty(); }, seconds(60)))
      << Label("wizard-error");
  EXPECT_EQ(Label("chip-verdict").find("Chip thật"), std::string::npos) << Label("chip-verdict");

  SwitchLanguage(0);
  ASSERT_EQ(i18n::CurrentLanguage(), "vi");
  ExpectLabelsIn("vi");
  EXPECT_TRUE(WxHarness::IsVisible("read-chip")) << "the step survives the switch";
  EXPECT_EQ(Label("wizard-title"), i18n::tr("Read the chip"));
  EXPECT_NE(Label("chip-verdict").find("Chip thật"), std::string::npos) << Label("chip-verdict");
  EXPECT_NE(Label("chip-details").find("001095012345"), std::string::npos);
  EXPECT_EQ(Value("typed-id"), "001095012345");
  WxHarness::Screenshot(frame_, "ui-wizard-back-to-vietnamese-chip");

  // A text the portrait controller wrote itself (the comparison with the chip photo; this
  // station has no face matcher) is rendered again in the new language, with no new capture.
  // (The label is wrapped to the page: its line breaks stand for spaces.)
  auto comparison = [this] {
    std::string text = Label("portrait-comparison");
    std::replace(text.begin(), text.end(), '\n', ' ');
    return text;
  };
  ASSERT_TRUE(WxHarness::Click("wizard-next", frame_));
  ASSERT_TRUE(WxHarness::PumpUntil([this] { return !Label("portrait-comparison").empty(); }, seconds(60)))
      << Label("portrait-status") << " / " << Label("wizard-error");
  EXPECT_EQ(comparison(),
            "Chưa so sánh: trạm này chưa có bộ so khớp khuôn mặt. Cán bộ tự so sánh hai ảnh.");
  SwitchLanguage(1);
  ASSERT_EQ(i18n::CurrentLanguage(), "en");
  EXPECT_EQ(comparison(),
            "Not compared: this station has no face matcher. Compare the two photos yourself.");
  EXPECT_EQ(Label("portrait-status"), "Portrait taken: confirm it, or retake.");
  WxHarness::Screenshot(frame_, "ui-wizard-english-portrait-comparison");
}

TEST_F(WizardUiTest, Keyboard_EnterToTheChip_EscBack_AltKeys_EnterConfirmsThePortrait) {
  ASSERT_NO_FATAL_FAILURE(OpenWizard());
  TypeCard();
  // Enter moves field to field, and on the last one submits and goes on to the chip.
  WxHarness::Find<wxWindow>("typed-name", frame_)->SetFocus();
  Press(WXK_RETURN);
  EXPECT_TRUE(FocusIs("typed-gender")) << FocusName();
  Press(WXK_RETURN);
  ASSERT_TRUE(WxHarness::PumpUntil([] { return WxHarness::IsVisible("read-chip"); }))
      << Label("wizard-error");
  EXPECT_TRUE(FocusIs("read-chip")) << FocusName();

  // Esc goes back to the identify page, its data intact; Enter (on a non-field) proceeds again.
  Press(WXK_ESCAPE);
  ASSERT_TRUE(WxHarness::PumpUntil([] { return WxHarness::IsVisible("typed-id"); })) << Label("wizard-error");
  EXPECT_EQ(Value("typed-expiry"), "14/03/2035");
  EXPECT_TRUE(FocusIs("qr")) << FocusName();
  Press(WXK_RETURN);  // the QR field's Enter: an empty QR is refused, the step stays
  ASSERT_TRUE(WxHarness::PumpUntil([this] { return !Label("wizard-error").empty(); })) << FocusName();
  EXPECT_TRUE(WxHarness::IsVisible("typed-id"));

  // Alt + Next's key proceeds (the mnemonic, not the mouse).
  const char next_key = Mnemonics::KeyOf(WxHarness::Find<wxWindow>("wizard-next", frame_)->GetLabel());
  ASSERT_NE(next_key, '\0');
  Press(next_key, wxMOD_ALT);
  ASSERT_TRUE(WxHarness::PumpUntil([] { return WxHarness::IsVisible("read-chip"); }))
      << "Alt+" << next_key << ": " << Label("wizard-error");

  // Enter on the chip page reads the chip; once read, Enter goes on to the portrait.
  EXPECT_TRUE(FocusIs("read-chip")) << FocusName();
  Press(WXK_RETURN);
  ASSERT_TRUE(WxHarness::PumpUntil([this] { return !Label("chip-verdict").empty(); }, seconds(60)))
      << Label("wizard-error");
  EXPECT_TRUE(FocusIs("wizard-next")) << "a read chip hands Enter to Next, not " << FocusName();
  Press(WXK_RETURN);
  ASSERT_TRUE(WxHarness::PumpUntil([] { return WxHarness::IsVisible("portrait-preview"); }))
      << Label("wizard-error");

  // The synthetic camera's face is taken by itself; Enter confirms it.
  ASSERT_TRUE(WxHarness::PumpUntil(
      [] {
        auto* confirm = WxHarness::Find<wxWindow>("portrait-confirm");
        return confirm != nullptr && confirm->IsEnabled();
      },
      seconds(60)))
      << Label("portrait-status");
  Press(WXK_RETURN);
  ASSERT_TRUE(WxHarness::PumpUntil([this] { return Label("portrait-status") == i18n::tr("Portrait confirmed."); },
                                   seconds(60)))
      << Label("portrait-status") << " / " << Label("wizard-error") << " focus " << FocusName();
  WxHarness::Screenshot(frame_, "ui-wizard-keyboard-portrait-confirmed");
}

TEST_F(WizardUiTest, ChipRefusesTheMrzKey_TheOfficerTypesTheCan_TheChipReads) {
  ASSERT_NO_FATAL_FAILURE(OpenWizard());
  TypeCard("14/03/2036");  // the expiry one year off: the MRZ key cannot open the chip
  WxHarness::Find<wxWindow>("typed-gender", frame_)->SetFocus();
  Press(WXK_RETURN);
  ASSERT_TRUE(WxHarness::PumpUntil([] { return WxHarness::IsVisible("read-chip"); })) << Label("wizard-error");
  ASSERT_TRUE(WxHarness::Click("read-chip", frame_));
  ASSERT_TRUE(WxHarness::PumpUntil([this] { return !Label("wizard-error").empty(); }, seconds(60)));
  EXPECT_TRUE(Label("chip-verdict").empty());
  // The wizard points at the CAN: the focus is in its field.
  EXPECT_TRUE(FocusIs("chip-can")) << FocusName();

  // Five digits are refused in plain words, the chip untouched.
  WxHarness::Type("chip-can", "01234", frame_);
  Press(WXK_RETURN);
  ASSERT_TRUE(WxHarness::PumpUntil([this] {
    return Label("wizard-error") == i18n::tr("The card access number (CAN) is the 6 digits printed on the card.");
  })) << Label("wizard-error");

  WxHarness::Type("chip-can", "012345", frame_);
  WxHarness::Find<wxWindow>("chip-can", frame_)->SetFocus();
  Press(WXK_RETURN);
  ASSERT_TRUE(WxHarness::PumpUntil([this] { return !Label("chip-verdict").empty(); }, seconds(60)))
      << Label("wizard-error");
  EXPECT_NE(Label("chip-verdict").find("Chip thật"), std::string::npos) << Label("chip-verdict");
  EXPECT_NE(Label("chip-details").find("001095012345"), std::string::npos);
  EXPECT_TRUE(Label("wizard-error").empty()) << Label("wizard-error");
  // The chip disagrees with the typed expiry: the officer keeps the chip's values, with a note.
  ASSERT_TRUE(WxHarness::PumpUntil([this] { return !Label("mismatches").empty(); })) << Label("wizard-error");
  EXPECT_TRUE(WxHarness::IsVisible("resolve-with-chip"));
  WxHarness::Screenshot(frame_, "ui-wizard-chip-read-with-can");
  ASSERT_TRUE(WxHarness::Click("resolve-with-chip", frame_));
  ASSERT_TRUE(WxHarness::PumpUntil([this] { return !Label("wizard-error").empty(); }))
      << "an empty note is refused";
  WxHarness::Type("mismatch-note", "Ngày hết hạn in trên thẻ bị mờ", frame_);
  ASSERT_TRUE(WxHarness::Click("resolve-with-chip", frame_));
  ASSERT_TRUE(WxHarness::PumpUntil([this] { return Label("mismatches").empty(); })) << Label("wizard-error");
  EXPECT_FALSE(WxHarness::IsVisible("resolve-with-chip"));
  ASSERT_TRUE(WxHarness::Click("wizard-next", frame_));
  ASSERT_TRUE(WxHarness::PumpUntil([] { return WxHarness::IsVisible("portrait-preview"); }))
      << Label("wizard-error");
}

}  // namespace
}  // namespace kiosk::ui
