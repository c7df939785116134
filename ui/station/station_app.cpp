// kiosk-station: the composition root of the wx app. Loads configuration, logging and the
// language, wires the core's ports to drivers, and shows the main window.
#include <wx/app.h>
#include <wx/msgdlg.h>
#include <wx/timer.h>

#include <atomic>
#include <csignal>

#include "kiosk/auth/operator_directory.h"
#include "kiosk/biometrics/face/embedding_face_matcher.h"
#include "kiosk/biometrics/finger/minutiae_matcher.h"
#include "kiosk/core/clock.h"
#include "kiosk/core/config.h"
#include "kiosk/core/i18n.h"
#include "kiosk/core/log.h"
#include "drivers/station/chip_sources.h"
#include "drivers/station/station_devices.h"
#include "kiosk/core/paths.h"
#include "kiosk/enrollment/draft_store.h"
#include "kiosk/station/sealed_draft_store.h"
#include "kiosk/store/key_provider.h"
#include "kiosk/store/store.h"
#include "drivers/station/station_probes.h"
#include "sync/station/provisioning.h"
#include "sync/station/station_sync.h"
#include "ui/station/main_frame.h"
#include "ui/station/wx_task_runner.h"
#include "ui/station/wx_text.h"

namespace kiosk::ui {
namespace {

std::atomic<bool> g_stop_requested{false};

extern "C" void OnTerminate(int) { g_stop_requested = true; }

class StationApp final : public wxApp {
 public:
  bool OnInit() override {
    SetAppName("kiosk-station");
    SetClassName("kiosk-station");
    auto config = LoadConfig();
    log::Options log_options;
    if (config) {
      log_options.level = config->log_level;
      log_options.file = config->data_dir / "logs" / "station.log";
    }
    log::Init(log_options);
    std::string language = config ? config->language : "vi";
    if (auto r = i18n::SetLanguage(language); !r) {
      spdlog::error("language: {}", r.error().ToLogString());
    }
    if (!config) {
      // The station cannot run on a configuration it does not understand: say why, in words.
      wxMessageBox(Wx(config.error().Message()), Tr("Configuration error"), wxOK | wxICON_ERROR);
      return false;
    }

    // SIGTERM/SIGINT close the window cleanly (tests and service managers stop us this way).
    std::signal(SIGTERM, OnTerminate);
    std::signal(SIGINT, OnTerminate);
    stop_timer_.Bind(wxEVT_TIMER, [this](wxTimerEvent&) {
      if (g_stop_requested && GetTopWindow() != nullptr) GetTopWindow()->Close(true);
    });
    stop_timer_.Start(100);

    config_ = std::move(*config);
    OpenStore(config_);
    camera_ = drivers::MakeStationCamera(config_);
    fingerprints_ = drivers::MakeStationFingerprintSensor(config_);
    scanner_ = drivers::MakeStationScanner(config_);
    StationServices services;
    services.config = &config_;
    services.store = store_.get();
    services.directory = directory_.get();
    services.drafts = drafts_.get();
    services.records = records_.get();
    services.chip = chip_.get();
    services.camera = camera_.get();
    services.fingerprints = fingerprints_.get();
    services.scanner = scanner_.get();
    services.finger_matcher = &finger_matcher_;
    // The face comparison with the chip photo; without its model the portrait page says "not
    // compared" and why, and the station works on.
    if (auto matcher = biometrics::face::EmbeddingFaceMatcher::LoadDefault()) {
      face_matcher_ = std::move(*matcher);
      services.face_matcher = face_matcher_.get();
    } else {
      spdlog::warn("face matcher not available: {}", matcher.error().ToLogString());
    }
    services.scanner_device = config_.devices.scanner;
    services.sync = sync_.get();
    services.provisioning = provisioning_.get();
    services.clock = &SystemClock::Instance();
    frame_ = new MainFrame(services, runner_,
                           NavigationModel({enrollment::Step::kIdentifyCard, enrollment::Step::kReadChip,
                                            enrollment::Step::kContactConsent,
                                            enrollment::Step::kReviewSeal}));
    frame_->Show();
    frame_->Start(store_error_);
    spdlog::info("station started");
    return true;
  }

  int OnExit() override {
    stop_timer_.Stop();
    spdlog::info("station stopped");
    return 0;
  }

 private:
  // Opens the encrypted store. When it cannot be opened (wrong or missing key, damaged or newer
  // database) the station still starts, and the sign-in page says why in the officer's words.
  void OpenStore(const Config& config) {
    keys_ = store::MakeDefaultKeyProvider(config.data_dir);
    store::StoreOptions options;
    options.data_dir = config.data_dir;
    auto opened = store::Store::Open(options, *keys_, SystemClock::Instance());
    if (!opened) {
      spdlog::error("store: {}", opened.error().ToLogString());
      store_error_ = opened.error().Message();
      return;
    }
    store_ = std::move(*opened);
    directory_ = std::make_unique<auth::OperatorDirectory>(*store_, config.policy);
    drafts_ = std::make_unique<station::SealedDraftStore>(
        *store_, std::make_unique<enrollment::FileDraftStore>(config.data_dir / "drafts"));
    records_ = std::make_unique<batch::Records>(*store_, config.policy);
    sync_ = sync::MakeStationSync(config, *store_, *records_, SystemClock::Instance());
    sync::ProvisioningOptions provisioning;
    provisioning.config = config;
    provisioning.store = store_.get();
    provisioning.trust_dir = drivers::TrustDir(config);
    provisioning.probe_devices = [config](std::string_view area) {
      return drivers::ProbeStationDevices(config, area);
    };
    provisioning_ = sync::MakeStationProvisioning(std::move(provisioning));
    OpenChipSource(config);
  }

  // KIOSK_DEMO_PKI (set by make demo) puts the chip emulator behind the wizard; otherwise the
  // PC/SC reader of the configuration.
  void OpenChipSource(const Config& config) {
    auto trust = drivers::LoadTrust(config);
    if (!trust) {
      spdlog::error("trust store: {}", trust.error().ToLogString());
      trust = emrtd::TrustStore{};
    }
    if (auto demo_pki = paths::GetEnv("KIOSK_DEMO_PKI")) {
      auto citizen = paths::GetEnv("KIOSK_DEMO_CITIZEN").value_or("");
      auto demo = drivers::MakeDemoChipSource(*demo_pki, citizen, std::move(*trust));
      if (demo) {
        chip_ = std::move(*demo);
        return;
      }
      spdlog::error("demo chip: {}", demo.error().ToLogString());
      return;
    }
    chip_ = drivers::MakePcscChipSource(config, std::move(*trust));
  }

  Config config_;
  std::unique_ptr<store::KeyProvider> keys_;
  std::unique_ptr<store::Store> store_;
  std::unique_ptr<auth::OperatorDirectory> directory_;
  std::unique_ptr<enrollment::DraftStore> drafts_;
  std::unique_ptr<batch::Records> records_;
  std::unique_ptr<station::ChipSource> chip_;
  std::unique_ptr<biometrics::Camera> camera_;
  std::unique_ptr<biometrics::FingerprintSensor> fingerprints_;
  std::unique_ptr<documents::DocumentScanner> scanner_;
  biometrics::finger::MinutiaeMatcher finger_matcher_;  // the station's own: no device needed
  std::unique_ptr<biometrics::face::FaceMatcher> face_matcher_;
  std::unique_ptr<station::SyncControl> sync_;
  std::unique_ptr<station::Provisioning> provisioning_;
  std::string store_error_;
  WxTaskRunner runner_;
  wxTimer stop_timer_;
  MainFrame* frame_ = nullptr;
};

}  // namespace
}  // namespace kiosk::ui

// The macro also defines wxGetApp(), which this program never calls; clang warns about it.
#if defined(__clang__)
#pragma clang diagnostic push
#pragma clang diagnostic ignored "-Wunused-function"
#endif
wxIMPLEMENT_APP_NO_MAIN(kiosk::ui::StationApp);
#if defined(__clang__)
#pragma clang diagnostic pop
#endif

int main(int argc, char** argv) {
  wxDISABLE_DEBUG_SUPPORT();
  return wxEntry(argc, argv);
}
