#include "ui/station/dashboard_panel.h"

#include "kiosk/core/paths.h"
#include "ui/station/wx_text.h"

namespace kiosk::ui {

namespace {

// How often the dashboard re-reads counts and checks the devices while it is on screen.
constexpr int kRefreshMs = 5000;

DashboardSources SourcesOf(const StationServices& s, TaskRunner* probe_runner) {
  DashboardSources sources;
  sources.records = s.records;
  sources.sync = s.sync;
  sources.clock = s.clock;
  sources.devices.chip = s.chip;
  // make demo (KIOSK_DEMO_PKI) puts the in-process chip emulator behind the wizard (see
  // station_app.cpp): the PC/SC reader is then not what the wizard reads.
  sources.devices.chip_is_simulated = s.chip != nullptr && paths::GetEnv("KIOSK_DEMO_PKI").has_value();
  sources.devices.camera = s.camera;
  sources.devices.fingerprints = s.fingerprints;
  sources.devices.scanner = s.scanner;
  sources.devices.sync = s.sync;
  sources.devices.provisioning = s.provisioning;
  sources.probe_runner = probe_runner;
  return sources;
}

wxColour ColourOf(Light light) {
  switch (light) {
    case Light::kOk: return wxColour(0, 140, 60);
    case Light::kOff: return wxColour(215, 140, 0);
    case Light::kFault: return wxColour(200, 0, 30);
    case Light::kChecking: break;
  }
  return wxColour(150, 150, 150);
}

wxStaticText* Big(wxWindow* parent, const char* name, float scale) {
  auto* text = new wxStaticText(parent, wxID_ANY, "");
  text->SetName(name);
  text->SetFont(text->GetFont().Scaled(scale).Bold());
  return text;
}

}  // namespace

DashboardPanel::DashboardPanel(wxWindow* parent, const StationServices& services,
                               TaskRunner& runner, const auth::Session& session,
                               TaskRunner* probe_runner)
    : wxPanel(parent, wxID_ANY),
      controller_(*this, runner, SourcesOf(services, probe_runner), session) {
  auto* outer = new wxBoxSizer(wxVERTICAL);
  auto* title = new wxStaticText(this, wxID_ANY, Tr("Dashboard"));
  title->SetFont(title->GetFont().Scaled(1.6f).Bold());
  outer->Add(title, 0, wxBOTTOM, 16);

  auto* counts = new wxFlexGridSizer(2, wxSize(24, 12));
  today_ = Big(this, "dash-today", 1.8f);
  awaiting_ = Big(this, "dash-awaiting", 1.8f);
  counts->Add(new wxStaticText(this, wxID_ANY, Tr("Enrollments today")), 0, wxALIGN_CENTER_VERTICAL);
  counts->Add(today_);
  counts->Add(new wxStaticText(this, wxID_ANY, Tr("Records awaiting approval")), 0, wxALIGN_CENTER_VERTICAL);
  counts->Add(awaiting_);
  outer->Add(counts, 0, wxBOTTOM, 20);

  auto* sync_title = new wxStaticText(this, wxID_ANY, Tr("Synchronisation"));
  sync_title->SetFont(sync_title->GetFont().Scaled(1.3f).Bold());
  outer->Add(sync_title, 0, wxBOTTOM, 8);
  sync_line_ = new wxStaticText(this, wxID_ANY, "");
  sync_line_->SetName("dash-sync");
  last_success_ = new wxStaticText(this, wxID_ANY, "");
  last_success_->SetName("dash-last-success");
  auto* sync_now = new wxButton(this, wxID_ANY, Tr("Sync now"));
  sync_now->SetName("sync-now");
  outer->Add(sync_line_, 0, wxBOTTOM, 4);
  outer->Add(last_success_, 0, wxBOTTOM, 8);
  outer->Add(sync_now, 0, wxBOTTOM, 20);

  auto* devices_title = new wxStaticText(this, wxID_ANY, Tr("Devices"));
  devices_title->SetFont(devices_title->GetFont().Scaled(1.3f).Bold());
  outer->Add(devices_title, 0, wxBOTTOM, 8);
  lights_ = new wxFlexGridSizer(4, wxSize(12, 6));
  for (const auto& light : controller_.lights()) {
    LightRow row;
    row.dot = new wxStaticText(this, wxID_ANY, wxString::FromUTF8("●"));
    row.dot->SetFont(row.dot->GetFont().Scaled(1.4f));
    row.dot->SetName("dot-" + light.name);
    row.word = new wxStaticText(this, wxID_ANY, "");
    row.word->SetFont(row.word->GetFont().Bold());
    row.word->SetName("light-" + light.name);
    row.detail = new wxStaticText(this, wxID_ANY, "");
    row.detail->SetName("light-" + light.name + "-detail");
    lights_->Add(row.dot, 0, wxALIGN_CENTER_VERTICAL);
    lights_->Add(new wxStaticText(this, wxID_ANY, Wx(light.label)), 0, wxALIGN_CENTER_VERTICAL);
    lights_->Add(row.word, 0, wxALIGN_CENTER_VERTICAL);
    lights_->Add(row.detail, 0, wxALIGN_CENTER_VERTICAL);
    light_rows_.push_back(row);
  }
  outer->Add(lights_, 0, wxBOTTOM, 8);
  auto* check_now = new wxButton(this, wxID_ANY, Tr("Check the devices now"));
  check_now->SetName("check-devices");
  outer->Add(check_now, 0, wxBOTTOM, 12);
  error_ = new wxStaticText(this, wxID_ANY, "");
  error_->SetName("dash-error");
  error_->SetForegroundColour(wxColour(176, 0, 32));
  outer->Add(error_, 0);
  SetSizer(outer);

  sync_now->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) {
    error_->SetLabel("");
    controller_.SyncNow();
  });
  check_now->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { controller_.CheckDevices(); });
  // Only while on screen: the devices are not probed behind the wizard's back (the portrait
  // page's camera), and coming back to the dashboard refreshes it at once.
  refresh_.Bind(wxEVT_TIMER, [this](wxTimerEvent&) {
    if (IsShownOnScreen()) controller_.Refresh();
  });
  Bind(wxEVT_SHOW, [this](wxShowEvent& e) {
    if (e.IsShown()) controller_.Refresh();
    e.Skip();
  });
  refresh_.Start(kRefreshMs);
  controller_.Refresh();
}

DashboardPanel::~DashboardPanel() { refresh_.Stop(); }

void DashboardPanel::ShowError(const std::string& text) {
  error_->SetLabel(Wx(text));
  Layout();
}

void DashboardPanel::ShowDashboard(const DashboardFacts& facts) {
  if (facts.records_available) {
    today_->SetLabel(wxString::Format("%lld", static_cast<long long>(facts.enrolled_today)));
    awaiting_->SetLabel(wxString::Format("%lld", static_cast<long long>(facts.awaiting_approval)));
  } else {
    today_->SetLabel("—");
    awaiting_->SetLabel("—");
  }
  sync_line_->SetLabel(Wx(facts.sync_line) + (facts.sync_running ? Wx(" — ") + Tr("uploading…") : wxString()));
  last_success_->SetLabel(Tr("Last successful sync:") + " " + Wx(facts.last_success));
  for (size_t i = 0; i < facts.devices.size() && i < light_rows_.size(); ++i) {
    const auto& device = facts.devices[i];
    light_rows_[i].dot->SetForegroundColour(ColourOf(device.light));
    light_rows_[i].dot->Refresh();
    light_rows_[i].word->SetForegroundColour(ColourOf(device.light));
    light_rows_[i].word->SetLabel(Wx(device.word));
    light_rows_[i].detail->SetLabel(Wx(device.detail));
  }
  if (!facts.last_error.empty()) error_->SetLabel(Wx(facts.last_error));
  Layout();
}

}  // namespace kiosk::ui
