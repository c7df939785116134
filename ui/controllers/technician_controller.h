#pragma once
// The technician's screen without wx: device list with a live test per device, the store's
// settings, station registration (issue 9's first-run steps), the chip trust store, the log and
// the support bundle. Every device test and every core call runs on the worker (TaskRunner);
// results come back to the view on the UI thread. The core enforces who may change what: the
// controller only forwards the session.

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <opencv2/core.hpp>

#include "kiosk/auth/authenticator.h"
#include "kiosk/biometrics/camera.h"
#include "kiosk/biometrics/fingerprint_sensor.h"
#include "kiosk/core/config.h"
#include "kiosk/documents/document_scanner.h"
#include "kiosk/station/chip_source.h"
#include "kiosk/station/provisioning.h"
#include "kiosk/station/sync_control.h"
#include "kiosk/store/settings.h"
#include "kiosk/store/store.h"
#include "ui/controllers/device_checks.h"  // DeviceKind, DeviceName: the tests are shared
#include "ui/controllers/form.h"

namespace kiosk::ui {

enum class TechnicianSection { kDevices, kSettings, kRegistration, kTrust, kLogs, kSupport };
enum class DeviceLight { kUntested, kTesting, kOk, kMissing, kError };

struct DeviceRow {
  DeviceKind kind = DeviceKind::kReader;
  std::string name;     // translated: "Card reader"
  std::string subject;  // what the port says it is ("Emulated CCCD", "device 0")
  DeviceLight light = DeviceLight::kUntested;
  std::string status;   // translated, one or more lines
};

struct RegistrationStep {
  std::string title;  // translated
  bool done = false;
  std::string detail;  // translated
};

// What the controller needs; any pointer may be null (the row or section says so).
struct TechnicianPorts {
  const Config* config = nullptr;
  store::Store* store = nullptr;
  station::ChipSource* chip = nullptr;
  biometrics::Camera* camera = nullptr;
  biometrics::FingerprintSensor* fingerprints = nullptr;
  documents::DocumentScanner* scanner = nullptr;
  station::SyncControl* sync = nullptr;
  station::Provisioning* provisioning = nullptr;
};

class TechnicianView : public FormView {
 public:
  virtual void ShowSection(TechnicianSection section) = 0;
  virtual void ShowDevices(const std::vector<DeviceRow>& rows) = 0;
  virtual void ShowDevice(const DeviceRow& row) = 0;
  // The camera test's frame (BGR), shown beside the camera's row.
  virtual void ShowCameraFrame(const cv::Mat& frame) = 0;
  virtual void ShowSettings(const std::vector<store::SettingValue>& settings) = 0;
  virtual void ShowRegistration(const station::RegistrationStatus& status,
                                const std::vector<RegistrationStep>& steps) = 0;
  virtual void ShowTrust(const std::vector<station::TrustEntry>& entries) = 0;
  virtual void ShowLog(const std::vector<std::string>& lines) = 0;
  virtual void ShowBundle(const station::SupportBundleInfo& bundle) = 0;
  // A translated success line ("Certificate request saved to …").
  virtual void ShowNotice(const std::string& text) = 0;
};

// Issue 9's first-run steps, in order, from what is done already.
std::vector<RegistrationStep> RegistrationSteps(const station::RegistrationStatus& status,
                                                bool devices_checked, bool uploaded);

class TechnicianController {
 public:
  TechnicianController(TechnicianView& view, TaskRunner& runner, TechnicianPorts ports,
                       auth::Session session);
  TechnicianController(const TechnicianController&) = delete;
  TechnicianController& operator=(const TechnicianController&) = delete;

  // Fills every section; opens on Registration while the station is not registered (first
  // run), else on Devices.
  void Start();
  void TestDevice(DeviceKind kind);
  void TestAllDevices();

  void RefreshSettings();
  void ChangeSetting(const std::string& name, const std::string& value);

  void RefreshRegistration();
  void GenerateCsr(const std::string& station_id, const std::string& unit,
                   const std::string& save_as);
  void ImportCentralCa(const std::string& file);
  void ImportCertificate(const std::string& file);

  void RefreshTrust();
  void ImportTrust(const std::string& file);

  void RefreshLog();
  void WriteSupportBundle(const std::string& file);

  const std::vector<DeviceRow>& devices() const { return rows_; }
  std::optional<TechnicianSection> opened_on() const { return opened_on_; }

 private:
  DeviceRow* Row(DeviceKind kind);
  void LoadRegistration(bool choose_section);
  bool DevicesChecked() const;
  // Runs work on the worker; on the UI thread updates the row and shows it.
  void RunDeviceTest(DeviceKind kind);
  Result<void> NeedProvisioning() const;

  TechnicianView& view_;
  TaskRunner& runner_;
  TechnicianPorts ports_;
  auth::Session session_;
  std::vector<DeviceRow> rows_;
  std::optional<TechnicianSection> opened_on_;
  std::shared_ptr<bool> alive_ = std::make_shared<bool>(true);
};

}  // namespace kiosk::ui
