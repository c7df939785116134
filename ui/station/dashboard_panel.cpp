#include "ui/station/dashboard_panel.h"

#include "ui/station/wx_text.h"

namespace kiosk::ui {

namespace {

// How often the dashboard re-reads counts and sync state while it exists (cheap queries).
constexpr int kRefreshMs = 5000;

DashboardSources SourcesOf(const StationServices& s) {
  DashboardSources sources;
  sources.records = s.records;
  sources.sync = s.sync;
  sources.clock = s.clock;
  sources.reader = s.chip != nullptr;
  if (s.chip != nullptr) sources.reader_detail = s.chip->Describe();
  sources.camera = s.camera != nullptr;
  sources.fingerprints = s.fingerprints != nullptr;
  sources.scanner = s.scanner != nullptr;
  return sources;
}

wxStaticText* Big(wxWindow* parent, const char* name, float scale) {
  auto* text = new wxStaticText(parent, wxID_ANY, "");
  text->SetName(name);
  text->SetFont(text->GetFont().Scaled(scale).Bold());
  return text;
}

}  // namespace

DashboardPanel::DashboardPanel(wxWindow* parent, const StationServices& services,
                               TaskRunner& runner, const auth::Session& session)
    : wxPanel(parent, wxID_ANY), controller_(*this, runner, SourcesOf(services), session) {
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
  lights_ = new wxFlexGridSizer(3, wxSize(12, 6));
  outer->Add(lights_, 0, wxBOTTOM, 12);
  error_ = new wxStaticText(this, wxID_ANY, "");
  error_->SetName("dash-error");
  error_->SetForegroundColour(wxColour(176, 0, 32));
  outer->Add(error_, 0);
  SetSizer(outer);

  sync_now->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) {
    error_->SetLabel("");
    controller_.SyncNow();
  });
  refresh_.Bind(wxEVT_TIMER, [this](wxTimerEvent&) { controller_.Refresh(); });
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
  lights_->Clear(true);
  for (const auto& device : facts.devices) {
    auto* dot = new wxStaticText(this, wxID_ANY, wxString::FromUTF8("●"));
    dot->SetFont(dot->GetFont().Scaled(1.4f));
    dot->SetForegroundColour(device.light == Light::kOk    ? wxColour(0, 140, 60)
                             : device.light == Light::kFault ? wxColour(200, 0, 30)
                                                             : wxColour(150, 150, 150));
    auto* label = new wxStaticText(this, wxID_ANY, Wx(device.label));
    auto* detail = new wxStaticText(this, wxID_ANY, Wx(device.detail));
    detail->SetName("light-" + device.name);
    lights_->Add(dot, 0, wxALIGN_CENTER_VERTICAL);
    lights_->Add(label, 0, wxALIGN_CENTER_VERTICAL);
    lights_->Add(detail, 0, wxALIGN_CENTER_VERTICAL);
  }
  if (!facts.last_error.empty()) error_->SetLabel(Wx(facts.last_error));
  Layout();
}

}  // namespace kiosk::ui
