#include "ui/station/technician_panel.h"

#include <wx/button.h>
#include <wx/filedlg.h>
#include <wx/listbox.h>
#include <wx/listctrl.h>
#include <wx/notebook.h>
#include <wx/panel.h>
#include <wx/sizer.h>
#include <wx/statbmp.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>

#include <opencv2/imgproc.hpp>

#include <cstring>
#include <filesystem>
#include <map>
#include <memory>

#include "kiosk/core/i18n.h"
#include "ui/controllers/technician_controller.h"
#include "ui/station/wx_text.h"

namespace kiosk::ui {
namespace {

wxString LightText(DeviceLight light) {
  switch (light) {
    case DeviceLight::kUntested: return Tr(N_("Not tested"));
    case DeviceLight::kTesting: return Tr(N_("Testing…"));
    case DeviceLight::kOk: return Tr(N_("Working"));
    case DeviceLight::kMissing: return Tr(N_("Not available"));
    case DeviceLight::kError: return Tr(N_("Fault"));
  }
  return {};
}

wxColour LightColour(DeviceLight light) {
  switch (light) {
    case DeviceLight::kOk: return wxColour(0x1b, 0x7f, 0x2a);
    case DeviceLight::kMissing: return wxColour(0x9a, 0x6a, 0x00);
    case DeviceLight::kError: return wxColour(0xb0, 0x1c, 0x1c);
    default: return wxColour(0x55, 0x55, 0x55);
  }
}

wxBitmap BgrToBitmap(const cv::Mat& bgr, wxSize box) {
  if (bgr.empty()) return wxBitmap();
  cv::Mat rgb;
  if (bgr.channels() == 1) {
    cv::cvtColor(bgr, rgb, cv::COLOR_GRAY2RGB);
  } else {
    cv::cvtColor(bgr, rgb, cv::COLOR_BGR2RGB);
  }
  const double scale = std::min(box.x / double(rgb.cols), box.y / double(rgb.rows));
  if (scale < 1.0) cv::resize(rgb, rgb, cv::Size(), scale, scale, cv::INTER_AREA);
  wxImage image(rgb.cols, rgb.rows);
  for (int y = 0; y < rgb.rows; ++y) {
    std::memcpy(image.GetData() + static_cast<size_t>(y) * rgb.cols * 3, rgb.ptr(y),
                static_cast<size_t>(rgb.cols) * 3);
  }
  return wxBitmap(image);
}

// A path field with a Browse… button; tests type the path, people browse.
struct PathField {
  wxTextCtrl* text = nullptr;
  wxBoxSizer* row = nullptr;
};

PathField MakePathField(wxWindow* parent, const std::string& name, const wxString& wildcard,
                        bool save, const wxString& initial = {}) {
  PathField field;
  field.row = new wxBoxSizer(wxHORIZONTAL);
  field.text = new wxTextCtrl(parent, wxID_ANY, initial, wxDefaultPosition, wxSize(520, -1));
  field.text->SetName(name);
  auto* browse = new wxButton(parent, wxID_ANY, Tr(N_("Browse…")));
  browse->SetName(name + "-browse");
  wxTextCtrl* text = field.text;
  browse->Bind(wxEVT_BUTTON, [parent, text, wildcard, save](wxCommandEvent&) {
    wxFileDialog dialog(parent, Tr(N_("Choose a file")), "", text->GetValue(), wildcard,
                        save ? (wxFD_SAVE | wxFD_OVERWRITE_PROMPT) : (wxFD_OPEN | wxFD_FILE_MUST_EXIST));
    if (dialog.ShowModal() == wxID_OK) text->SetValue(dialog.GetPath());
  });
  field.row->Add(field.text, 1, wxRIGHT, 8);
  field.row->Add(browse, 0);
  return field;
}

wxButton* MakeButton(wxWindow* parent, const std::string& name, std::string_view label) {
  auto* button = new wxButton(parent, wxID_ANY, Tr(label));
  button->SetName(name);
  return button;
}

wxStaticText* Heading(wxWindow* parent, std::string_view text) {
  auto* label = new wxStaticText(parent, wxID_ANY, Tr(text));
  label->SetFont(label->GetFont().Scaled(1.2f).Bold());
  return label;
}

class TechnicianPanel final : public wxPanel, public TechnicianView {
 public:
  TechnicianPanel(wxWindow* parent, const StationServices& services, TaskRunner& runner,
                  const auth::Session& session)
      : wxPanel(parent, wxID_ANY) {
    SetName("technician");
    auto* column = new wxBoxSizer(wxVERTICAL);
    tabs_ = new wxNotebook(this, wxID_ANY);
    tabs_->SetName("technician-tabs");
    tabs_->AddPage(BuildDevices(tabs_), Tr(N_("Devices")));
    tabs_->AddPage(BuildSettings(tabs_), Tr(N_("Settings")));
    tabs_->AddPage(BuildRegistration(tabs_), Tr(N_("Registration")));
    tabs_->AddPage(BuildTrust(tabs_), Tr(N_("Trust store")));
    tabs_->AddPage(BuildLogs(tabs_), Tr(N_("Logs")));
    tabs_->AddPage(BuildSupport(tabs_), Tr(N_("Support bundle")));
    message_ = new wxStaticText(this, wxID_ANY, "");
    message_->SetName("technician-message");
    message_->SetFont(message_->GetFont().Scaled(1.1f));
    column->Add(tabs_, 1, wxEXPAND | wxBOTTOM, 8);
    busy_label_ = new wxStaticText(this, wxID_ANY, "");
    busy_label_->SetName("technician-busy");
    column->Add(message_, 0, wxEXPAND | wxLEFT | wxRIGHT | wxBOTTOM, 8);
    column->Add(busy_label_, 0, wxLEFT | wxRIGHT | wxBOTTOM, 8);
    SetSizer(column);

    TechnicianPorts ports;
    ports.config = services.config;
    ports.store = services.store;
    ports.chip = services.chip;
    ports.camera = services.camera;
    ports.fingerprints = services.fingerprints;
    ports.scanner = services.scanner;
    ports.sync = services.sync;
    ports.provisioning = services.provisioning;
    controller_ = std::make_unique<TechnicianController>(*this, runner, ports, session);
    controller_->Start();
  }

  // TechnicianView
  void SetBusy(bool busy) override {
    busy_ += busy ? 1 : -1;
    if (busy_ < 0) busy_ = 0;
    // Its own label: a refresh after a success must not wipe the success line.
    busy_label_->SetLabel(busy_ > 0 ? Tr(N_("Working…")) : wxString());
  }
  void ShowError(const std::string& text) override {
    message_->SetForegroundColour(LightColour(DeviceLight::kError));
    message_->SetLabel(Wx(text));
    message_->Wrap(GetClientSize().x > 100 ? GetClientSize().x - 32 : 900);
    Layout();
  }
  void ShowNotice(const std::string& text) override {
    message_->SetForegroundColour(LightColour(DeviceLight::kOk));
    message_->SetLabel(Wx(text));
    message_->Wrap(GetClientSize().x > 100 ? GetClientSize().x - 32 : 900);
    Layout();
  }
  void ShowSection(TechnicianSection section) override {
    tabs_->ChangeSelection(static_cast<size_t>(section));
  }
  void ShowDevices(const std::vector<DeviceRow>& rows) override {
    for (const auto& row : rows) ShowDevice(row);
  }
  void ShowDevice(const DeviceRow& row) override {
    auto it = device_widgets_.find(row.kind);
    if (it == device_widgets_.end()) return;
    it->second.light->SetLabel(LightText(row.light));
    it->second.light->SetForegroundColour(LightColour(row.light));
    it->second.status->SetLabel(Wx(row.subject.empty() ? row.status
                                                       : row.subject + "\n" + row.status));
    it->second.test->Enable(row.light != DeviceLight::kTesting);
    devices_page_->Layout();
  }
  void ShowCameraFrame(const cv::Mat& frame) override {
    camera_frame_->SetBitmap(BgrToBitmap(frame, wxSize(320, 240)));
    devices_page_->Layout();
  }
  void ShowSettings(const std::vector<store::SettingValue>& settings) override {
    settings_ = settings;
    const int selected = settings_list_->GetSelection();
    settings_list_->Clear();
    for (const auto& s : settings) {
      settings_list_->Append(Wx(s.name + " = " + s.value +
                                (s.is_default ? " (" + i18n::tr(N_("default")) + ")" : "")));
    }
    if (selected != wxNOT_FOUND && selected < static_cast<int>(settings.size())) {
      settings_list_->SetSelection(selected);
    }
  }
  void ShowRegistration(const station::RegistrationStatus& status,
                        const std::vector<RegistrationStep>& steps) override {
    steps_list_->Clear();
    for (const auto& step : steps) {
      steps_list_->Append(Wx((step.done ? "✔ " : "○ ") + step.title + " — " + step.detail));
    }
    if (station_id_->IsEmpty() && status.station_id_set) station_id_->SetValue(Wx(status.station_id));
    if (unit_->IsEmpty() && !status.unit.empty()) unit_->SetValue(Wx(status.unit));
    if (status.certificate) {
      cert_subject_->SetLabel(Wx(status.certificate->subject));
      cert_validity_->SetLabel(Wx(FormatMessage(i18n::tr(N_("Valid from {0} to {1}")),
                                                {status.certificate->not_before,
                                                 status.certificate->not_after}) +
                                  (status.certificate_matches_key
                                       ? ""
                                       : "\n" + i18n::tr(N_("It does not belong to this station's key.")))));
    } else {
      cert_subject_->SetLabel(Tr(N_("No station certificate yet.")));
      cert_validity_->SetLabel("");
    }
    ca_label_->SetLabel(status.central_ca
                            ? Wx(status.central_ca->subject + " — " +
                                 FormatMessage(i18n::tr(N_("Valid from {0} to {1}")),
                                               {status.central_ca->not_before,
                                                status.central_ca->not_after}))
                            : Tr(N_("No central CA certificate yet.")));
    registration_page_->Layout();
  }
  void ShowTrust(const std::vector<station::TrustEntry>& entries) override {
    trust_list_->DeleteAllItems();
    long row = 0;
    for (const auto& e : entries) {
      trust_list_->InsertItem(row, Wx(e.file));
      trust_list_->SetItem(row, 1, Wx(e.subject));
      trust_list_->SetItem(row, 2, Wx(e.not_before));
      trust_list_->SetItem(row, 3, Wx(e.not_after));
      trust_list_->SetItem(row, 4, e.anchor ? Tr(N_("CSCA")) : Wx(i18n::tr(N_("refused: ")) + e.problem));
      ++row;
    }
  }
  void ShowLog(const std::vector<std::string>& lines) override {
    std::string text;
    for (const auto& line : lines) text += line + "\n";
    if (lines.empty()) text = i18n::tr(N_("The station log is empty."));
    log_text_->SetValue(Wx(text));
    log_text_->ShowPosition(log_text_->GetLastPosition());
  }
  void ShowBundle(const station::SupportBundleInfo& bundle) override {
    bundle_entries_->Clear();
    for (const auto& name : bundle.entries) bundle_entries_->Append(Wx(name));
  }

 private:
  struct DeviceWidgets {
    wxStaticText* light = nullptr;
    wxStaticText* status = nullptr;
    wxButton* test = nullptr;
  };

  wxWindow* BuildDevices(wxWindow* parent) {
    devices_page_ = new wxPanel(parent);
    devices_page_->SetName("technician-devices");
    auto* row = new wxBoxSizer(wxHORIZONTAL);
    auto* grid = new wxFlexGridSizer(4, 12, 16);
    grid->AddGrowableCol(2, 1);
    for (DeviceKind kind : {DeviceKind::kReader, DeviceKind::kCamera, DeviceKind::kFingerprint,
                            DeviceKind::kScanner, DeviceKind::kServer}) {
      const std::string name(DeviceId(kind));
      auto* label = new wxStaticText(devices_page_, wxID_ANY, Wx(DeviceName(kind)));
      label->SetFont(label->GetFont().Bold());
      DeviceWidgets w;
      w.light = new wxStaticText(devices_page_, wxID_ANY, "");
      w.light->SetName("light-" + name);
      w.light->SetFont(w.light->GetFont().Bold());
      w.status = new wxStaticText(devices_page_, wxID_ANY, "");
      w.status->SetName("status-" + name);
      w.test = MakeButton(devices_page_, "test-" + name, N_("Test"));
      w.test->Bind(wxEVT_BUTTON, [this, kind](wxCommandEvent&) { controller_->TestDevice(kind); });
      grid->Add(label, 0, wxALIGN_CENTER_VERTICAL);
      grid->Add(w.light, 0, wxALIGN_CENTER_VERTICAL);
      grid->Add(w.status, 1, wxEXPAND | wxALIGN_CENTER_VERTICAL);
      grid->Add(w.test, 0, wxALIGN_CENTER_VERTICAL);
      device_widgets_[kind] = w;
    }
    auto* left = new wxBoxSizer(wxVERTICAL);
    left->Add(grid, 0, wxEXPAND | wxALL, 12);
    auto* all = MakeButton(devices_page_, "test-all", N_("Test every device"));
    all->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { controller_->TestAllDevices(); });
    left->Add(all, 0, wxALL, 12);
    camera_frame_ = new wxStaticBitmap(devices_page_, wxID_ANY, wxBitmap(), wxDefaultPosition,
                                       wxSize(320, 240));
    camera_frame_->SetName("camera-frame");
    row->Add(left, 1, wxEXPAND);
    row->Add(camera_frame_, 0, wxALL, 12);
    devices_page_->SetSizer(row);
    return devices_page_;
  }

  wxWindow* BuildSettings(wxWindow* parent) {
    auto* page = new wxPanel(parent);
    auto* column = new wxBoxSizer(wxVERTICAL);
    column->Add(Heading(page, N_("Station settings (changes are recorded in the audit log)")), 0,
                wxALL, 12);
    settings_list_ = new wxListBox(page, wxID_ANY, wxDefaultPosition, wxSize(-1, 200));
    settings_list_->SetName("settings-list");
    auto* description = new wxStaticText(page, wxID_ANY, "");
    description->SetName("setting-description");
    auto* value = new wxTextCtrl(page, wxID_ANY, "");
    value->SetName("setting-value");
    auto* save = MakeButton(page, "setting-save", N_("Save setting"));
    settings_list_->Bind(wxEVT_LISTBOX, [this, description, value](wxCommandEvent& e) {
      const int i = e.GetSelection();
      if (i < 0 || i >= static_cast<int>(settings_.size())) return;
      description->SetLabel(Tr(settings_[static_cast<size_t>(i)].description));
      value->SetValue(settings_[static_cast<size_t>(i)].is_default
                          ? wxString()
                          : Wx(settings_[static_cast<size_t>(i)].value));
    });
    save->Bind(wxEVT_BUTTON, [this, value](wxCommandEvent&) {
      const int i = settings_list_->GetSelection();
      if (i < 0 || i >= static_cast<int>(settings_.size())) {
        ShowError(i18n::tr(N_("Choose a setting first.")));
        return;
      }
      controller_->ChangeSetting(settings_[static_cast<size_t>(i)].name, Utf8(value->GetValue()));
    });
    column->Add(settings_list_, 0, wxEXPAND | wxLEFT | wxRIGHT, 12);
    column->Add(description, 0, wxALL, 12);
    auto* row = new wxBoxSizer(wxHORIZONTAL);
    row->Add(value, 1, wxRIGHT, 8);
    row->Add(save, 0);
    column->Add(row, 0, wxEXPAND | wxLEFT | wxRIGHT, 12);
    column->Add(new wxStaticText(page, wxID_ANY,
                                 Tr(N_("An empty value returns a setting to its default. Server "
                                       "address, proxy, time-outs and idle lock are in the "
                                       "configuration file (see doctor)."))),
                0, wxALL, 12);
    page->SetSizer(column);
    return page;
  }

  wxWindow* BuildRegistration(wxWindow* parent) {
    registration_page_ = new wxPanel(parent);
    auto* page = registration_page_;
    auto* column = new wxBoxSizer(wxVERTICAL);
    column->Add(Heading(page, N_("Steps to register this station")), 0, wxALL, 8);
    steps_list_ = new wxListBox(page, wxID_ANY, wxDefaultPosition, wxSize(-1, 150));
    steps_list_->SetName("registration-steps");
    column->Add(steps_list_, 0, wxEXPAND | wxLEFT | wxRIGHT, 8);

    auto* form = new wxFlexGridSizer(2, 6, 12);
    form->AddGrowableCol(1, 1);
    station_id_ = new wxTextCtrl(page, wxID_ANY, "");
    station_id_->SetName("station-id");
    unit_ = new wxTextCtrl(page, wxID_ANY, "");
    unit_->SetName("station-unit");
    PathField csr = MakePathField(page, "csr-path", "*.csr", true,
                                  Wx((std::filesystem::temp_directory_path() / "station.csr").string()));
    form->Add(new wxStaticText(page, wxID_ANY, Tr(N_("Station id"))), 0, wxALIGN_CENTER_VERTICAL);
    form->Add(station_id_, 1, wxEXPAND);
    form->Add(new wxStaticText(page, wxID_ANY, Tr(N_("Police unit"))), 0, wxALIGN_CENTER_VERTICAL);
    form->Add(unit_, 1, wxEXPAND);
    form->Add(new wxStaticText(page, wxID_ANY, Tr(N_("Save the request to"))), 0,
              wxALIGN_CENTER_VERTICAL);
    form->Add(csr.row, 1, wxEXPAND);
    column->Add(form, 0, wxEXPAND | wxALL, 8);
    auto* generate = MakeButton(page, "generate-csr", N_("Generate key and certificate request"));
    wxTextCtrl* csr_path = csr.text;
    generate->Bind(wxEVT_BUTTON, [this, csr_path](wxCommandEvent&) {
      controller_->GenerateCsr(Utf8(station_id_->GetValue()), Utf8(unit_->GetValue()),
                               Utf8(csr_path->GetValue()));
    });
    column->Add(generate, 0, wxLEFT | wxBOTTOM, 8);

    PathField ca = MakePathField(page, "ca-path", "*.pem;*.crt", false);
    auto* import_ca = MakeButton(page, "import-ca", N_("Import central CA"));
    wxTextCtrl* ca_path = ca.text;
    import_ca->Bind(wxEVT_BUTTON, [this, ca_path](wxCommandEvent&) {
      controller_->ImportCentralCa(Utf8(ca_path->GetValue()));
    });
    ca.row->Add(import_ca, 0, wxLEFT, 8);
    column->Add(ca.row, 0, wxEXPAND | wxALL, 8);
    ca_label_ = new wxStaticText(page, wxID_ANY, "");
    ca_label_->SetName("ca-subject");
    column->Add(ca_label_, 0, wxLEFT | wxBOTTOM, 8);

    PathField cert = MakePathField(page, "certificate-path", "*.pem;*.crt", false);
    auto* import_cert = MakeButton(page, "import-certificate", N_("Import station certificate"));
    wxTextCtrl* cert_path = cert.text;
    import_cert->Bind(wxEVT_BUTTON, [this, cert_path](wxCommandEvent&) {
      controller_->ImportCertificate(Utf8(cert_path->GetValue()));
    });
    cert.row->Add(import_cert, 0, wxLEFT, 8);
    column->Add(cert.row, 0, wxEXPAND | wxALL, 8);
    cert_subject_ = new wxStaticText(page, wxID_ANY, "");
    cert_subject_->SetName("certificate-subject");
    cert_validity_ = new wxStaticText(page, wxID_ANY, "");
    cert_validity_->SetName("certificate-validity");
    column->Add(cert_subject_, 0, wxLEFT, 8);
    column->Add(cert_validity_, 0, wxLEFT | wxBOTTOM, 8);
    page->SetSizer(column);
    return page;
  }

  wxWindow* BuildTrust(wxWindow* parent) {
    auto* page = new wxPanel(parent);
    auto* column = new wxBoxSizer(wxVERTICAL);
    column->Add(Heading(page, N_("CSCA certificates and ICAO master lists the chip check trusts")),
                0, wxALL, 12);
    trust_list_ = new wxListCtrl(page, wxID_ANY, wxDefaultPosition, wxSize(-1, 300), wxLC_REPORT);
    trust_list_->SetName("trust-list");
    trust_list_->InsertColumn(0, Tr(N_("File")), wxLIST_FORMAT_LEFT, 160);
    trust_list_->InsertColumn(1, Tr(N_("Subject")), wxLIST_FORMAT_LEFT, 420);
    trust_list_->InsertColumn(2, Tr(N_("Valid from")), wxLIST_FORMAT_LEFT, 170);
    trust_list_->InsertColumn(3, Tr(N_("Valid until")), wxLIST_FORMAT_LEFT, 170);
    trust_list_->InsertColumn(4, Tr(N_("Status")), wxLIST_FORMAT_LEFT, 200);
    column->Add(trust_list_, 1, wxEXPAND | wxLEFT | wxRIGHT, 12);
    PathField file = MakePathField(page, "trust-path", "*.pem;*.crt;*.cer;*.der;*.ml", false);
    auto* import = MakeButton(page, "import-trust", N_("Import into the trust store"));
    wxTextCtrl* path = file.text;
    import->Bind(wxEVT_BUTTON, [this, path](wxCommandEvent&) {
      controller_->ImportTrust(Utf8(path->GetValue()));
    });
    file.row->Add(import, 0, wxLEFT, 8);
    column->Add(file.row, 0, wxEXPAND | wxALL, 12);
    page->SetSizer(column);
    return page;
  }

  wxWindow* BuildLogs(wxWindow* parent) {
    auto* page = new wxPanel(parent);
    auto* column = new wxBoxSizer(wxVERTICAL);
    log_text_ = new wxTextCtrl(page, wxID_ANY, "", wxDefaultPosition, wxDefaultSize,
                               wxTE_MULTILINE | wxTE_READONLY | wxTE_DONTWRAP);
    log_text_->SetName("log-text");
    auto* refresh = MakeButton(page, "log-refresh", N_("Refresh"));
    refresh->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { controller_->RefreshLog(); });
    column->Add(log_text_, 1, wxEXPAND | wxALL, 12);
    column->Add(refresh, 0, wxLEFT | wxBOTTOM, 12);
    page->SetSizer(column);
    return page;
  }

  wxWindow* BuildSupport(wxWindow* parent) {
    auto* page = new wxPanel(parent);
    auto* column = new wxBoxSizer(wxVERTICAL);
    column->Add(new wxStaticText(page, wxID_ANY,
                                 Tr(N_("The support bundle holds the logs, the configuration "
                                       "without secrets, the doctor checks and the versions: "
                                       "never the database, keys, drafts or citizen data."))),
                0, wxALL, 12);
    PathField file = MakePathField(page, "bundle-path", "*.tar.gz", true,
                                   Wx((std::filesystem::temp_directory_path() /
                                       "kiosk-support.tar.gz").string()));
    auto* create = MakeButton(page, "bundle-create", N_("Create support bundle"));
    wxTextCtrl* path = file.text;
    create->Bind(wxEVT_BUTTON, [this, path](wxCommandEvent&) {
      controller_->WriteSupportBundle(Utf8(path->GetValue()));
    });
    file.row->Add(create, 0, wxLEFT, 8);
    column->Add(file.row, 0, wxEXPAND | wxALL, 12);
    bundle_entries_ = new wxListBox(page, wxID_ANY, wxDefaultPosition, wxSize(-1, 200));
    bundle_entries_->SetName("bundle-entries");
    column->Add(bundle_entries_, 1, wxEXPAND | wxALL, 12);
    page->SetSizer(column);
    return page;
  }

  std::unique_ptr<TechnicianController> controller_;
  wxNotebook* tabs_ = nullptr;
  wxStaticText* message_ = nullptr;
  wxStaticText* busy_label_ = nullptr;
  int busy_ = 0;
  wxPanel* devices_page_ = nullptr;
  std::map<DeviceKind, DeviceWidgets> device_widgets_;
  wxStaticBitmap* camera_frame_ = nullptr;
  std::vector<store::SettingValue> settings_;
  wxListBox* settings_list_ = nullptr;
  wxPanel* registration_page_ = nullptr;
  wxListBox* steps_list_ = nullptr;
  wxTextCtrl* station_id_ = nullptr;
  wxTextCtrl* unit_ = nullptr;
  wxStaticText* ca_label_ = nullptr;
  wxStaticText* cert_subject_ = nullptr;
  wxStaticText* cert_validity_ = nullptr;
  wxListCtrl* trust_list_ = nullptr;
  wxTextCtrl* log_text_ = nullptr;
  wxListBox* bundle_entries_ = nullptr;
};

}  // namespace

wxWindow* MakeTechnicianPanel(wxWindow* parent, const StationServices& services, TaskRunner& runner,
                              const auth::Session& session) {
  return new TechnicianPanel(parent, services, runner, session);
}

}  // namespace kiosk::ui
