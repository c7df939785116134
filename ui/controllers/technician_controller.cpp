#include "ui/controllers/technician_controller.h"

#include <chrono>

#include "kiosk/core/i18n.h"

namespace kiosk::ui {
namespace {

using i18n::tr;

std::string Fmt(std::string_view msgid, std::vector<std::string> args) {
  return FormatMessage(tr(msgid), args);
}

// The technician tests in depth (the camera takes a picture, the sensor opens).
DevicePorts DevicePortsOf(const TechnicianPorts& p) {
  DevicePorts ports;
  ports.chip = p.chip;
  ports.camera = p.camera;
  ports.fingerprints = p.fingerprints;
  ports.scanner = p.scanner;
  ports.sync = p.sync;
  ports.provisioning = p.provisioning;
  return ports;
}

DeviceLight LightOf(DeviceHealth health) {
  switch (health) {
    case DeviceHealth::kOk: return DeviceLight::kOk;
    case DeviceHealth::kMissing: return DeviceLight::kMissing;
    case DeviceHealth::kError: return DeviceLight::kError;
  }
  return DeviceLight::kError;
}

}  // namespace

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
  const DevicePorts ports = DevicePortsOf(ports_);
  runner_.Run([kind, ports, outcome] { *outcome = CheckDevice(kind, ports, CheckDepth::kFull); },
      [this, alive = std::weak_ptr<bool>(alive_), kind, outcome] {
        if (alive.expired()) return;
        DeviceRow* r = Row(kind);
        r->light = LightOf(outcome->health);
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
