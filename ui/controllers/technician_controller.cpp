#include "ui/controllers/technician_controller.h"

#include <chrono>

#include "kiosk/core/i18n.h"

namespace kiosk::ui {
namespace {

using i18n::tr;

std::string Fmt(std::string_view msgid, std::vector<std::string> args) {
  return FormatMessage(tr(msgid), args);
}

struct DeviceOutcome {
  DeviceLight light = DeviceLight::kMissing;
  std::string subject;
  std::string status;
  cv::Mat frame;
};

void AddLine(std::string& text, const std::string& line) {
  if (!text.empty()) text += "\n";
  text += line;
}

// Folds doctor checks into the row: the worst status wins, one line per check.
void AddChecks(DeviceOutcome& out, const std::vector<diag::Check>& checks) {
  bool error = false, missing = false;
  for (const auto& c : checks) {
    error |= c.status == diag::Status::kError;
    missing |= c.status == diag::Status::kMissing;
    AddLine(out.status, c.subject.empty() ? c.Text() : c.Text() + " [" + c.subject + "]");
  }
  if (checks.empty()) return;
  out.light = error ? DeviceLight::kError : missing ? DeviceLight::kMissing : DeviceLight::kOk;
}

DeviceOutcome Missing(std::string_view why) {
  return {DeviceLight::kMissing, "", tr(why), {}};
}

DeviceOutcome Failed(const Error& error) { return {DeviceLight::kError, "", error.Message(), {}}; }

DeviceOutcome TestReader(const TechnicianPorts& p) {
  DeviceOutcome out;
  if (p.chip == nullptr && p.provisioning == nullptr) {
    return Missing(N_("No card reader is configured on this station."));
  }
  if (p.chip != nullptr) {
    out.subject = p.chip->Describe();
    out.light = DeviceLight::kOk;
    AddLine(out.status, Fmt(N_("Chip source: {0}"), {out.subject}));
  }
  if (p.provisioning != nullptr) AddChecks(out, p.provisioning->Probe("reader"));
  return out;
}

DeviceOutcome TestCamera(biometrics::Camera* camera) {
  if (camera == nullptr) return Missing(N_("No camera is configured on this station."));
  DeviceOutcome out;
  out.subject = camera->description();
  if (auto opened = camera->Open(); !opened) return Failed(opened.error());
  auto frame = camera->NextFrame(0, std::chrono::seconds(5));
  camera->Close();
  if (!frame) return Failed(frame.error());
  out.light = DeviceLight::kOk;
  out.frame = frame->image.clone();
  out.status = Fmt(N_("Picture received: {0} × {1} pixels."),
                   {std::to_string(out.frame.cols), std::to_string(out.frame.rows)});
  return out;
}

DeviceOutcome TestFingerprint(biometrics::FingerprintSensor* sensor) {
  if (sensor == nullptr) return Missing(N_("No fingerprint sensor is configured on this station."));
  auto devices = sensor->Enumerate();
  if (!devices) return Failed(devices.error());
  if (devices->empty()) return Missing(N_("No fingerprint sensor is connected."));
  DeviceOutcome out;
  for (const auto& d : *devices) {
    AddLine(out.status, d.gives_images ? d.name : Fmt(N_("{0} (gives no images: not usable)"), {d.name}));
  }
  out.subject = devices->front().name;
  if (auto opened = sensor->Open(""); !opened) {
    DeviceOutcome failed = Failed(opened.error());
    failed.subject = out.subject;
    return failed;
  }
  sensor->Close();
  out.light = DeviceLight::kOk;
  AddLine(out.status, tr(N_("The sensor opens and closes normally.")));
  return out;
}

DeviceOutcome TestScanner(documents::DocumentScanner* scanner) {
  if (scanner == nullptr) return Missing(N_("No scanner is configured on this station."));
  auto devices = scanner->ListDevices();
  if (!devices) return Failed(devices.error());
  if (devices->empty()) return Missing(N_("No scanner is connected."));
  DeviceOutcome out;
  out.light = DeviceLight::kOk;
  out.subject = devices->front().name;
  for (const auto& d : *devices) {
    AddLine(out.status, d.vendor + " " + d.model + " (" + d.name + ")");
  }
  return out;
}

DeviceOutcome TestServer(const TechnicianPorts& p) {
  DeviceOutcome out;
  if (p.sync == nullptr && p.provisioning == nullptr) {
    return Missing(N_("No central server is configured."));
  }
  if (p.sync != nullptr) {
    const station::SyncState state = p.sync->State();
    out.light = state.configured ? DeviceLight::kOk : DeviceLight::kMissing;
    AddLine(out.status, state.configured ? tr(N_("Synchronisation is configured."))
                                         : tr(N_("Synchronisation is not configured yet.")));
    AddLine(out.status, Fmt(N_("Waiting to upload: {0}; acknowledged: {1}; refused: {2}."),
                            {std::to_string(state.queued), std::to_string(state.acknowledged),
                             std::to_string(state.parked)}));
    if (!state.last_error.empty()) {
      out.light = DeviceLight::kError;
      AddLine(out.status, state.last_error);
    }
  }
  if (p.provisioning != nullptr) AddChecks(out, p.provisioning->Probe("server"));
  return out;
}

}  // namespace

std::string DeviceName(DeviceKind kind) {
  switch (kind) {
    case DeviceKind::kReader: return tr(N_("Card reader"));
    case DeviceKind::kCamera: return tr(N_("Camera"));
    case DeviceKind::kFingerprint: return tr(N_("Fingerprint sensor"));
    case DeviceKind::kScanner: return tr(N_("Document scanner"));
    case DeviceKind::kServer: return tr(N_("Central server"));
  }
  return {};
}

std::vector<RegistrationStep> RegistrationSteps(const station::RegistrationStatus& s,
                                                bool devices_checked, bool uploaded) {
  std::vector<RegistrationStep> steps;
  steps.push_back({tr(N_("1. Station id and unit")), s.station_id_set,
                   s.station_id_set ? Fmt(N_("Station {0}"), {s.station_id})
                                    : tr(N_("Choose the station id the central office gave you."))});
  const bool csr = s.has_key && (!s.csr_file.empty() || s.certificate.has_value());
  steps.push_back({tr(N_("2. Key pair and certificate request")), csr,
                   csr ? tr(N_("Take the request file to the central CA."))
                       : tr(N_("Generate the key and save the request to a USB stick."))});
  steps.push_back({tr(N_("3. Central CA certificate")), s.central_ca.has_value(),
                   s.central_ca ? Fmt(N_("Valid until {0}"), {s.central_ca->not_after})
                                : tr(N_("Import the central CA's certificate."))});
  const bool cert = s.certificate.has_value() && s.certificate_matches_key;
  steps.push_back({tr(N_("4. Station certificate")), cert,
                   cert ? Fmt(N_("Valid until {0}"), {s.certificate->not_after})
                        : tr(N_("Import the certificate the central CA issued."))});
  steps.push_back({tr(N_("5. Trust store (CSCA certificates)")), s.trust_anchors > 0,
                   Fmt(N_("{0} CSCA certificates"), {std::to_string(s.trust_anchors)})});
  steps.push_back({tr(N_("6. Device check")), devices_checked,
                   devices_checked ? tr(N_("Every device was tested."))
                                   : tr(N_("Test each device on the Devices tab."))});
  steps.push_back({tr(N_("7. Test upload")), uploaded,
                   uploaded ? tr(N_("The server acknowledged an upload."))
                            : tr(N_("Run a synchronisation once the server is configured."))});
  return steps;
}

TechnicianController::TechnicianController(TechnicianView& view, TaskRunner& runner,
                                           TechnicianPorts ports, auth::Session session)
    : view_(view), runner_(runner), ports_(ports), session_(std::move(session)) {
  for (DeviceKind kind : {DeviceKind::kReader, DeviceKind::kCamera, DeviceKind::kFingerprint,
                          DeviceKind::kScanner, DeviceKind::kServer}) {
    rows_.push_back({kind, DeviceName(kind), "", DeviceLight::kUntested, tr(N_("Not tested yet."))});
  }
}

void TechnicianController::Start() {
  view_.ShowDevices(rows_);
  LoadRegistration(true);
  RefreshSettings();
  RefreshTrust();
  RefreshLog();
}

DeviceRow* TechnicianController::Row(DeviceKind kind) {
  for (auto& row : rows_) {
    if (row.kind == kind) return &row;
  }
  return nullptr;
}

bool TechnicianController::DevicesChecked() const {
  // The server is step 7's business (a test upload), not the devices'.
  for (const auto& row : rows_) {
    if (row.kind == DeviceKind::kServer) continue;
    if (row.light == DeviceLight::kUntested || row.light == DeviceLight::kTesting ||
        row.light == DeviceLight::kError) {
      return false;
    }
  }
  return true;
}

void TechnicianController::TestAllDevices() {
  for (const auto& row : std::vector<DeviceRow>(rows_)) RunDeviceTest(row.kind);
}

void TechnicianController::TestDevice(DeviceKind kind) { RunDeviceTest(kind); }

void TechnicianController::RunDeviceTest(DeviceKind kind) {
  DeviceRow* row = Row(kind);
  if (row == nullptr || row->light == DeviceLight::kTesting) return;
  row->light = DeviceLight::kTesting;
  row->status = tr(N_("Testing…"));
  view_.ShowDevice(*row);
  auto outcome = std::make_shared<DeviceOutcome>();
  TechnicianPorts ports = ports_;
  runner_.Run(
      [kind, ports, outcome] {
        switch (kind) {
          case DeviceKind::kReader: *outcome = TestReader(ports); break;
          case DeviceKind::kCamera: *outcome = TestCamera(ports.camera); break;
          case DeviceKind::kFingerprint: *outcome = TestFingerprint(ports.fingerprints); break;
          case DeviceKind::kScanner: *outcome = TestScanner(ports.scanner); break;
          case DeviceKind::kServer: *outcome = TestServer(ports); break;
        }
      },
      [this, alive = std::weak_ptr<bool>(alive_), kind, outcome] {
        if (alive.expired()) return;
        DeviceRow* r = Row(kind);
        r->light = outcome->light;
        r->status = outcome->status;
        if (!outcome->subject.empty()) r->subject = outcome->subject;
        view_.ShowDevice(*r);
        if (!outcome->frame.empty()) view_.ShowCameraFrame(outcome->frame);
        if (DevicesChecked() || kind == DeviceKind::kServer) LoadRegistration(false);
      });
}

void TechnicianController::RefreshSettings() {
  if (ports_.store == nullptr) {
    view_.ShowError(tr(N_("The station's store is not available: settings cannot be shown.")));
    return;
  }
  store::Store* store = ports_.store;
  auth::Session session = session_;
  SubmitForm<std::vector<store::SettingValue>>(
      view_, runner_, alive_, [store, session] { return store::Settings(*store).List(session); },
      [this](std::vector<store::SettingValue>& list) { view_.ShowSettings(list); });
}

void TechnicianController::ChangeSetting(const std::string& name, const std::string& value) {
  if (ports_.store == nullptr) {
    view_.ShowError(tr(N_("The station's store is not available: settings cannot be shown.")));
    return;
  }
  store::Store* store = ports_.store;
  auth::Session session = session_;
  SubmitForm<bool>(
      view_, runner_, alive_,
      [store, session, name, value]() -> Result<bool> {
        if (auto r = store::Settings(*store).Set(session, name, value); !r) return Fail(r.error());
        return true;
      },
      [this, name](bool&) {
        view_.ShowNotice(Fmt(N_("Setting {0} saved."), {name}));
        RefreshSettings();
        LoadRegistration(false);
      });
}

Result<void> TechnicianController::NeedProvisioning() const {
  if (ports_.provisioning != nullptr) return {};
  return Fail(Error::Unsupported(N_("Station registration is not available in this build.")));
}

void TechnicianController::LoadRegistration(bool choose_section) {
  if (auto r = NeedProvisioning(); !r) {
    view_.ShowError(r.error().Message());
    if (choose_section) {
      opened_on_ = TechnicianSection::kDevices;
      view_.ShowSection(*opened_on_);
    }
    return;
  }
  station::Provisioning* provisioning = ports_.provisioning;
  station::SyncControl* sync = ports_.sync;
  struct Loaded {
    station::RegistrationStatus status;
    bool uploaded = false;
  };
  SubmitForm<Loaded>(
      view_, runner_, alive_,
      [provisioning, sync]() -> Result<Loaded> {
        auto status = provisioning->Status();
        if (!status) return Fail(status.error());
        Loaded loaded{std::move(*status), false};
        if (sync != nullptr) loaded.uploaded = sync->State().last_success.has_value();
        return loaded;
      },
      [this, choose_section](Loaded& loaded) {
        view_.ShowRegistration(loaded.status,
                               RegistrationSteps(loaded.status, DevicesChecked(), loaded.uploaded));
        if (choose_section) {
          opened_on_ = loaded.status.Registered() ? TechnicianSection::kDevices
                                                  : TechnicianSection::kRegistration;
          view_.ShowSection(*opened_on_);
        }
      },
      [this, choose_section](const Error&) {
        if (choose_section) {
          opened_on_ = TechnicianSection::kRegistration;
          view_.ShowSection(*opened_on_);
        }
      });
}

void TechnicianController::RefreshRegistration() { LoadRegistration(false); }

void TechnicianController::GenerateCsr(const std::string& station_id, const std::string& unit,
                                       const std::string& save_as) {
  if (auto r = NeedProvisioning(); !r) return view_.ShowError(r.error().Message());
  station::Provisioning* provisioning = ports_.provisioning;
  auth::Session session = session_;
  SubmitForm<std::filesystem::path>(
      view_, runner_, alive_,
      [provisioning, session, station_id, unit, save_as] {
        return provisioning->GenerateCsr(session, station_id, unit, save_as);
      },
      [this](std::filesystem::path& saved) {
        view_.ShowNotice(Fmt(N_("Certificate request saved to {0}. Take it to the central CA."),
                             {saved.string()}));
        LoadRegistration(false);
        RefreshSettings();
      });
}

void TechnicianController::ImportCentralCa(const std::string& file) {
  if (auto r = NeedProvisioning(); !r) return view_.ShowError(r.error().Message());
  station::Provisioning* provisioning = ports_.provisioning;
  auth::Session session = session_;
  SubmitForm<station::CertificateInfo>(
      view_, runner_, alive_,
      [provisioning, session, file] { return provisioning->ImportCentralCa(session, file); },
      [this](station::CertificateInfo& info) {
        view_.ShowNotice(Fmt(N_("Central CA installed: {0}, valid until {1}."),
                             {info.subject, info.not_after}));
        LoadRegistration(false);
      });
}

void TechnicianController::ImportCertificate(const std::string& file) {
  if (auto r = NeedProvisioning(); !r) return view_.ShowError(r.error().Message());
  station::Provisioning* provisioning = ports_.provisioning;
  auth::Session session = session_;
  SubmitForm<station::CertificateInfo>(
      view_, runner_, alive_,
      [provisioning, session, file] { return provisioning->ImportCertificate(session, file); },
      [this](station::CertificateInfo& info) {
        view_.ShowNotice(Fmt(N_("Station certificate installed: {0}, valid until {1}."),
                             {info.subject, info.not_after}));
        LoadRegistration(false);
      });
}

void TechnicianController::RefreshTrust() {
  if (ports_.provisioning == nullptr) return;
  station::Provisioning* provisioning = ports_.provisioning;
  SubmitForm<std::vector<station::TrustEntry>>(
      view_, runner_, alive_, [provisioning] { return provisioning->ListTrust(); },
      [this](std::vector<station::TrustEntry>& entries) { view_.ShowTrust(entries); });
}

void TechnicianController::ImportTrust(const std::string& file) {
  if (auto r = NeedProvisioning(); !r) return view_.ShowError(r.error().Message());
  station::Provisioning* provisioning = ports_.provisioning;
  auth::Session session = session_;
  SubmitForm<size_t>(
      view_, runner_, alive_,
      [provisioning, session, file] { return provisioning->ImportTrust(session, file); },
      [this](size_t& added) {
        view_.ShowNotice(Fmt(N_("{0} CSCA certificates imported into the trust store."),
                             {std::to_string(added)}));
        RefreshTrust();
        LoadRegistration(false);
      });
}

void TechnicianController::RefreshLog() {
  if (ports_.provisioning == nullptr) return;
  station::Provisioning* provisioning = ports_.provisioning;
  SubmitForm<std::vector<std::string>>(
      view_, runner_, alive_, [provisioning] { return provisioning->LogTail(200); },
      [this](std::vector<std::string>& lines) { view_.ShowLog(lines); });
}

void TechnicianController::WriteSupportBundle(const std::string& file) {
  if (auto r = NeedProvisioning(); !r) return view_.ShowError(r.error().Message());
  station::Provisioning* provisioning = ports_.provisioning;
  auth::Session session = session_;
  SubmitForm<station::SupportBundleInfo>(
      view_, runner_, alive_,
      [provisioning, session, file] { return provisioning->WriteSupportBundle(session, file); },
      [this](station::SupportBundleInfo& bundle) {
        view_.ShowBundle(bundle);
        view_.ShowNotice(Fmt(N_("Support bundle saved to {0}."), {bundle.file.string()}));
      });
}

}  // namespace kiosk::ui
