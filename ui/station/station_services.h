#pragma once
// What the composition root (station_app.cpp) wired for the windows. Any pointer may be null when
// that part is unavailable (the store did not open, no camera, no server configured), and the
// screen that needs it says so in words instead of pretending.

#include <string>

#include "kiosk/auth/operator_directory.h"
#include "kiosk/batch/records.h"
#include "kiosk/biometrics/camera.h"
#include "kiosk/biometrics/face/face_matcher.h"
#include "kiosk/biometrics/finger/finger_matcher.h"
#include "kiosk/biometrics/fingerprint_sensor.h"
#include "kiosk/core/clock.h"
#include "kiosk/core/config.h"
#include "kiosk/documents/document_scanner.h"
#include "kiosk/enrollment/draft_store.h"
#include "kiosk/station/chip_source.h"
#include "kiosk/station/provisioning.h"
#include "kiosk/station/sync_control.h"
#include "kiosk/store/store.h"

namespace kiosk::ui {

struct StationServices {
  const Config* config = nullptr;
  store::Store* store = nullptr;  // audit log, settings
  auth::OperatorDirectory* directory = nullptr;
  enrollment::DraftStore* drafts = nullptr;
  batch::Records* records = nullptr;
  station::ChipSource* chip = nullptr;
  biometrics::Camera* camera = nullptr;
  biometrics::FingerprintSensor* fingerprints = nullptr;
  biometrics::finger::FingerMatcher* finger_matcher = nullptr;  // the same finger in two slots
  biometrics::face::FaceMatcher* face_matcher = nullptr;  // live portrait vs chip photo; null: not compared
  documents::DocumentScanner* scanner = nullptr;
  std::string scanner_device;  // the SANE device to scan with; empty: the first found
  station::SyncControl* sync = nullptr;
  const Clock* clock = nullptr;
  station::Provisioning* provisioning = nullptr;  // registration, trust store, doctor, support bundle
};

}  // namespace kiosk::ui
