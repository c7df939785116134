#pragma once
// The harness every station UI test under Xvfb shares: wx started once for the process, a store
// in a temporary directory with its operator directory, the station's services wired as the
// composition root (station_app.cpp) would wire them, the window under test (the station's
// MainFrame, or one panel alone in a frame), signing in through that window, and a teardown that
// closes the window and joins the worker before the store goes.
// A test's own fakes and devices (camera, sensor, scanner, clock…) go into services_ from its
// SetUp, after this one's: ASSERT_NO_FATAL_FAILURE(WxStationFixture::SetUp()).
#include <gtest/gtest.h>
#include <wx/frame.h>

#include <functional>
#include <memory>
#include <string>

#include "kiosk/auth/operator_directory.h"
#include "kiosk/batch/records.h"
#include "kiosk/core/config.h"
#include "kiosk/station/chip_source.h"
#include "kiosk/station/sealed_draft_store.h"
#include "kiosk/store/key_provider.h"
#include "kiosk/store/store.h"
#include "tests/support/temp_dir.h"
#include "ui/station/main_frame.h"
#include "ui/station/station_services.h"
#include "ui/station/ui_automation.h"
#include "ui/station/wizard_panel.h"
#include "ui/station/wx_task_runner.h"

namespace kiosk::ui::testing_support {

// The synthetic operators' passwords (no real account).
inline constexpr char kAdminPassword[] = "Admin!2026x";
inline constexpr char kInitialPassword[] = "Temp!2026a";   // what an administrator hands out
inline constexpr char kOperatorPassword[] = "Mine!2026b";  // after the first-sign-in change

// What SetUp prepares before the test's own SetUp adds its devices.
struct StationSetup {
  std::string language = "vi";
  bool administrator = true;  // "admin" exists; false: a station on its first run
  bool officer = false;       // "officer1" past its first password change, signed in: officer_
  bool enrollment = false;    // sealed drafts and records: what the wizard needs
  bool demo_chip = false;     // the demo chip emulator as the chip reader
};

class WxStationFixture : public ::testing::Test {
 protected:
  explicit WxStationFixture(StationSetup setup = {}) : setup_(std::move(setup)) {}

  static void SetUpTestSuite();
  void SetUp() override;
  void TearDown() override;

  // Operators, straight through the directory.
  void CreateAdmin();
  // An operator past the first-sign-in password change: signs in with kOperatorPassword.
  void CreateOperator(const std::string& name, const std::string& display, auth::Role role);
  void CreateOfficer();  // "officer1", Trần Thị Cán Bộ

  // Services; each sets its pointer in services_.
  void WireRecords();     // once; later calls keep the same records
  void WireEnrollment();  // sealed drafts and records
  void WireDemoChip();

  // The window under test; TearDown destroys it.
  void OpenStation();  // the station window on its first page (first run or sign-in): station_
  void OpenStationAtSignIn();  // the station window, once its sign-in page shows
  // The station window signed in through its sign-in page, until `landing` shows.
  void OpenStationSignedIn(const std::string& user, const std::string& landing,
                           const std::string& password = kOperatorPassword);
  // A bare frame filled by what make_content puts in it.
  void OpenInFrame(const std::string& title, const wxSize& size,
                   const std::function<wxWindow*(wxWindow* frame)>& make_content);
  // The wizard alone in a frame, its enrollment started for officer_, on the identify page: panel_.
  void OpenWizard(const std::string& title);

  // Types and clicks on the sign-in page; false when the button could not be clicked.
  bool SignIn(const std::string& user, const std::string& password);
  // Waits for a refused sign-in's answer: the button back and the reason shown (not "Checking…").
  bool WaitForSignInRefused();
  // The demo citizen's card typed on the identify page (its chip opens with this expiry).
  void TypeCard(const std::string& expiry = "14/03/2035");
  std::string Label(const std::string& name) { return WxHarness::Label(name, frame_); }

  kiosk::testing::TempDir dir_;
  Config config_;
  std::unique_ptr<store::FileKeyProvider> keys_;
  std::unique_ptr<store::Store> store_;
  std::unique_ptr<auth::OperatorDirectory> directory_;
  auth::Session officer_;
  std::unique_ptr<station::SealedDraftStore> drafts_;
  std::unique_ptr<batch::Records> records_;
  std::unique_ptr<station::ChipSource> chip_;
  StationServices services_;
  std::unique_ptr<WxTaskRunner> runner_;
  wxWindow* frame_ = nullptr;     // the top-level window under test
  MainFrame* station_ = nullptr;  // frame_, when it is the station window
  WizardPanel* panel_ = nullptr;  // the wizard opened by OpenWizard

 private:
  StationSetup setup_;
};

}  // namespace kiosk::ui::testing_support
