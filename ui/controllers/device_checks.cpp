#include "ui/controllers/device_checks.h"

#include <algorithm>
#include <chrono>
#include <vector>

#include "kiosk/core/i18n.h"

namespace kiosk::ui {
namespace {

using i18n::tr;

std::string Fmt(std::string_view msgid, std::vector<std::string> args) {
  return FormatMessage(tr(msgid), args);
}

void AddLine(std::string& text, const std::string& line) {
  if (!text.empty()) text += "\n";
  text += line;
}

int Severity(const diag::Check& c) {
  return c.status == diag::Status::kError ? 2 : c.status == diag::Status::kMissing ? 1 : 0;
}

std::string LineOf(const diag::Check& c) {
  return c.subject.empty() ? c.Text() : c.Text() + " [" + c.subject + "]";
}

// Folds doctor checks into the outcome: the worst status wins, one line per check, and the
// worst check is the headline. With card_is_information, "no card on the reader" does not make
// the reader absent (it is ready for the next citizen) and, when all is well, is the headline.
void AddChecks(DeviceOutcome& out, const std::vector<diag::Check>& checks,
               bool card_is_information = false) {
  const diag::Check* worst = nullptr;
  const diag::Check* card = nullptr;
  for (const auto& c : checks) {
    AddLine(out.status, LineOf(c));
    if (card_is_information && c.area == "card") {
      if (card == nullptr || Severity(c) < Severity(*card)) card = &c;
      continue;
    }
    if (worst == nullptr || Severity(c) > Severity(*worst)) worst = &c;
  }
  if (worst == nullptr) return;
  const int severity = Severity(*worst);
  out.health = severity == 2 ? DeviceHealth::kError : severity == 1 ? DeviceHealth::kMissing
                                                                     : DeviceHealth::kOk;
  out.headline = severity == 0 && card != nullptr ? LineOf(*card) : LineOf(*worst);
}

DeviceOutcome Missing(std::string_view why) {
  return {DeviceHealth::kMissing, "", tr(why), tr(why), {}};
}

DeviceOutcome Failed(const Error& error) {
  return {DeviceHealth::kError, "", error.Message(), error.Message(), {}};
}

// For the status lights: a device that is not there is "absent" (amber), not a fault (red).
DeviceOutcome Absent(const Error& error) {
  const bool gone = error.code() == ErrorCode::kDeviceNotFound ||
                    error.code() == ErrorCode::kDeviceRemoved;
  return {gone ? DeviceHealth::kMissing : DeviceHealth::kError, "", error.Message(),
          error.Message(), {}};
}

DeviceOutcome CheckReader(const DevicePorts& p, CheckDepth depth) {
  DeviceOutcome out;
  if (p.chip == nullptr && p.provisioning == nullptr) {
    return Missing(N_("No card reader is configured on this station."));
  }
  if (p.chip != nullptr) {
    out.subject = p.chip->Describe();
    out.health = DeviceHealth::kOk;
    out.headline = Fmt(N_("Chip source: {0}"), {out.subject});
    AddLine(out.status, out.headline);
  }
  if (p.chip_is_simulated) {
    AddLine(out.status, tr(N_("Simulated chip: no card reader is needed.")));
    return out;
  }
  if (p.provisioning != nullptr) {
    AddChecks(out, p.provisioning->Probe("reader"), depth == CheckDepth::kPresence);
  }
  return out;
}

DeviceOutcome TestCamera(biometrics::Camera& camera) {
  DeviceOutcome out;
  out.subject = camera.description();
  if (auto opened = camera.Open(); !opened) return Failed(opened.error());
  auto frame = camera.NextFrame(0, std::chrono::seconds(5));
  camera.Close();
  if (!frame) return Failed(frame.error());
  out.health = DeviceHealth::kOk;
  out.frame = frame->image.clone();
  out.status = Fmt(N_("Picture received: {0} × {1} pixels."),
                   {std::to_string(out.frame.cols), std::to_string(out.frame.rows)});
  out.headline = out.status;
  return out;
}

// Never takes the camera from the portrait page: a streaming camera is working; a closed one is
// opened and closed at once (no picture is read).
DeviceOutcome CameraPresent(biometrics::Camera& camera) {
  DeviceOutcome out;
  out.subject = camera.description();
  switch (camera.state()) {
    case biometrics::CameraState::kOpening:
    case biometrics::CameraState::kStreaming:
      out.health = DeviceHealth::kOk;
      out.status = tr(N_("In use by the portrait step."));
      out.headline = out.status;
      return out;
    case biometrics::CameraState::kLost: {
      auto reason = camera.lost_reason();
      DeviceOutcome lost = reason ? Absent(*reason) : Missing(N_("The camera was unplugged."));
      lost.subject = out.subject;
      return lost;
    }
    case biometrics::CameraState::kClosed: break;
  }
  if (auto opened = camera.Open(); !opened) {
    DeviceOutcome failed = Absent(opened.error());
    failed.subject = out.subject;
    return failed;
  }
  camera.Close();
  out.health = DeviceHealth::kOk;
  out.status = tr(N_("The camera opens normally."));
  out.headline = out.status;
  return out;
}

DeviceOutcome CheckCamera(biometrics::Camera* camera, CheckDepth depth) {
  if (camera == nullptr) return Missing(N_("No camera is configured on this station."));
  return depth == CheckDepth::kFull ? TestCamera(*camera) : CameraPresent(*camera);
}

DeviceOutcome CheckFingerprint(biometrics::FingerprintSensor* sensor, CheckDepth depth) {
  if (sensor == nullptr) return Missing(N_("No fingerprint sensor is configured on this station."));
  auto devices = sensor->Enumerate();
  if (!devices) return depth == CheckDepth::kFull ? Failed(devices.error()) : Absent(devices.error());
  if (devices->empty()) return Missing(N_("No fingerprint sensor is connected."));
  DeviceOutcome out;
  for (const auto& d : *devices) {
    AddLine(out.status, d.gives_images ? d.name : Fmt(N_("{0} (gives no images: not usable)"), {d.name}));
  }
  out.subject = devices->front().name;
  out.headline = out.subject;
  if (depth == CheckDepth::kPresence) {
    // Enumerating does not open the sensor, so a capture in progress is not disturbed.
    const bool usable = std::any_of(devices->begin(), devices->end(),
                                    [](const auto& d) { return d.gives_images; });
    out.health = usable ? DeviceHealth::kOk : DeviceHealth::kError;
    return out;
  }
  if (auto opened = sensor->Open(""); !opened) {
    DeviceOutcome failed = Failed(opened.error());
    failed.subject = out.subject;
    return failed;
  }
  sensor->Close();
  out.health = DeviceHealth::kOk;
  AddLine(out.status, tr(N_("The sensor opens and closes normally.")));
  return out;
}

DeviceOutcome CheckScanner(documents::DocumentScanner* scanner, CheckDepth depth) {
  if (scanner == nullptr) return Missing(N_("No scanner is configured on this station."));
  auto devices = scanner->ListDevices();
  if (!devices) return depth == CheckDepth::kFull ? Failed(devices.error()) : Absent(devices.error());
  if (devices->empty()) return Missing(N_("No scanner is connected."));
  DeviceOutcome out;
  out.health = DeviceHealth::kOk;
  out.subject = devices->front().name;
  for (const auto& d : *devices) {
    AddLine(out.status, d.vendor + " " + d.model + " (" + d.name + ")");
  }
  out.headline = out.status.substr(0, out.status.find('\n'));
  return out;
}

DeviceOutcome CheckServer(const DevicePorts& p) {
  DeviceOutcome out;
  if (p.sync == nullptr && p.provisioning == nullptr) {
    return Missing(N_("No central server is configured."));
  }
  if (p.sync != nullptr) {
    const station::SyncState state = p.sync->State();
    out.health = state.configured ? DeviceHealth::kOk : DeviceHealth::kMissing;
    out.headline = state.configured ? tr(N_("Synchronisation is configured."))
                                    : tr(N_("Synchronisation is not configured yet."));
    AddLine(out.status, out.headline);
    AddLine(out.status, Fmt(N_("Waiting to upload: {0}; acknowledged: {1}; refused: {2}."),
                            {std::to_string(state.queued), std::to_string(state.acknowledged),
                             std::to_string(state.parked)}));
    if (!state.last_error.empty()) {
      out.health = DeviceHealth::kError;
      out.headline = state.last_error;
      AddLine(out.status, state.last_error);
    }
  }
  // The live answer (mutual TLS to the server) outranks what the last sync attempt said.
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

std::string_view DeviceId(DeviceKind kind) {
  switch (kind) {
    case DeviceKind::kReader: return "reader";
    case DeviceKind::kCamera: return "camera";
    case DeviceKind::kFingerprint: return "fingerprint";
    case DeviceKind::kScanner: return "scanner";
    case DeviceKind::kServer: return "server";
  }
  return "device";
}

DeviceOutcome CheckDevice(DeviceKind kind, const DevicePorts& ports, CheckDepth depth) {
  switch (kind) {
    case DeviceKind::kReader: return CheckReader(ports, depth);
    case DeviceKind::kCamera: return CheckCamera(ports.camera, depth);
    case DeviceKind::kFingerprint: return CheckFingerprint(ports.fingerprints, depth);
    case DeviceKind::kScanner: return CheckScanner(ports.scanner, depth);
    case DeviceKind::kServer: return CheckServer(ports);
  }
  return Missing(N_("No such device."));
}

}  // namespace kiosk::ui
