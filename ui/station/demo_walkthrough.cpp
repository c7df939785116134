// kiosk-station-walkthrough DIR: the demo without a display. Opens the seeded demo station
// (KIOSK_DATA_DIR, the demo chip of KIOSK_DEMO_PKI) in the real windows under Xvfb, walks an
// officer through an enrollment as far as this build's wizard goes, and saves a screenshot of
// each step into DIR.
#include <cstdio>

#include "drivers/station/chip_sources.h"
#include "kiosk/auth/operator_directory.h"
#include "kiosk/core/config.h"
#include "kiosk/core/i18n.h"
#include "kiosk/core/log.h"
#include "kiosk/core/paths.h"
#include "kiosk/station/sealed_draft_store.h"
#include "kiosk/store/key_provider.h"
#include "kiosk/store/store.h"
#include "ui/station/main_frame.h"
#include "ui/station/ui_automation.h"
#include "ui/station/wx_task_runner.h"

using namespace kiosk;
using kiosk::ui::WxHarness;

namespace {

int Fail(const std::string& what) {
  std::fprintf(stderr, "walkthrough: %s\n", what.c_str());
  return 1;
}

void Shot(wxWindow* frame, const std::filesystem::path& dir, const std::string& name) {
  auto path = WxHarness::Screenshot(frame, name);
  std::filesystem::path target = dir / (name + ".png");
  std::error_code ec;
  std::filesystem::rename(path, target, ec);
  std::printf("  %s\n", target.string().c_str());
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) return Fail("usage: kiosk-station-walkthrough OUTPUT_DIR");
  std::filesystem::path out = argv[1];
  std::filesystem::create_directories(out);
  log::Options log_options;
  log_options.level = "warn";
  log::Init(log_options);
  auto config = LoadConfig();
  if (!config) return Fail(config.error().ToLogString());
  if (!i18n::SetLanguage(config->language)) return Fail("no translations");
  if (!WxHarness::Start()) return Fail("no X display");

  auto keys = store::MakeDefaultKeyProvider(config->data_dir);
  store::StoreOptions options;
  options.data_dir = config->data_dir;
  auto store = store::Store::Open(options, *keys, SystemClock::Instance());
  if (!store) return Fail(store.error().ToLogString());
  auth::OperatorDirectory directory(**store, config->policy);
  station::SealedDraftStore drafts(**store, std::make_unique<enrollment::FileDraftStore>(
                                                config->data_dir / "drafts"));
  batch::Records records(**store, config->policy);
  auto trust = drivers::LoadTrust(*config);
  if (!trust) return Fail(trust.error().ToLogString());
  auto pki = paths::GetEnv("KIOSK_DEMO_PKI");
  if (!pki) return Fail("KIOSK_DEMO_PKI is not set (run it through make demo)");
  auto chip = drivers::MakeDemoChipSource(*pki, {}, std::move(*trust));
  if (!chip) return Fail(chip.error().ToLogString());

  auto runner = std::make_unique<ui::WxTaskRunner>();
  ui::StationServices services;
  services.config = &*config;
  services.store = store->get();
  services.directory = &directory;
  services.drafts = &drafts;
  services.records = &records;
  services.chip = chip->get();
  services.clock = &SystemClock::Instance();
  auto* frame = new ui::MainFrame(services, *runner, ui::NavigationModel{});
  frame->Show();
  frame->Start();
  std::printf("Walk-through screenshots:\n");
  auto visible = [](const char* name) { return [name] { return WxHarness::IsVisible(name); }; };

  if (!WxHarness::PumpUntil(visible("username"))) return Fail("no sign-in page");
  WxHarness::Type("username", "canbo", frame);
  WxHarness::Type("password", "Canbo!2026d", frame);
  Shot(frame, out, "02-sign-in-officer");
  WxHarness::Click("sign-in", frame);
  if (!WxHarness::PumpUntil(visible("typed-id"))) {
    return Fail("officer sign-in failed: " + WxHarness::Label("sign-in-error", frame));
  }
  Shot(frame, out, "03-identify-card");
  WxHarness::Type("typed-id", "001095012345", frame);
  WxHarness::Type("typed-dob", "14/03/1995", frame);
  WxHarness::Type("typed-expiry", "14/03/2035", frame);
  WxHarness::Type("typed-name", "Nguyễn Văn Mẫu", frame);
  WxHarness::Type("typed-gender", "Nam", frame);
  WxHarness::Click("use-typed", frame);
  WxHarness::Pump(std::chrono::milliseconds(300));
  Shot(frame, out, "04-identify-card-typed");
  WxHarness::Click("wizard-next", frame);
  if (!WxHarness::PumpUntil(visible("read-chip"))) return Fail("chip step not reached");
  WxHarness::Click("read-chip", frame);
  if (!WxHarness::PumpUntil([frame] { return !WxHarness::Label("chip-verdict", frame).empty(); },
                            std::chrono::seconds(30))) {
    return Fail("chip read failed: " + WxHarness::Label("wizard-error", frame));
  }
  Shot(frame, out, "05-chip-verified");
  WxHarness::Click("wizard-next", frame);
  WxHarness::Pump(std::chrono::milliseconds(300));
  Shot(frame, out, "06-portrait-not-in-this-build");
  std::printf("The walk-through stops at the portrait step: portrait, fingerprint and paper capture\n"
              "are not wired into the wizard in this build.\n");
  frame->Destroy();
  WxHarness::Pump();
  runner.reset();
  return 0;
}
