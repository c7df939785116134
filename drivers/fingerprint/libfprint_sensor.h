#pragma once
// FingerprintSensor over libfprint's asynchronous API (Linux).
//
// Threading: the sensor owns a private GMainContext. Every libfprint call is started with that
// context pushed as the thread-default (so the library's sources and GTask callbacks attach to it)
// and the calling thread then iterates it until the operation's callback has run. Nothing touches
// the process's default GLib context, so a GTK main loop (or none) elsewhere is unaffected, and
// libfprint's sync API (which would spin the default context) is never used. The exception is
// device enumeration (first Enumerate() or Open()): fp_context_enumerate() itself iterates the
// default context until the devices are initialised. Consequently every
// call except Cancel() must come from one thread at a time, a worker thread (see the port).

#include <memory>

#include "kiosk/biometrics/fingerprint_sensor.h"

namespace kiosk::drivers {

class LibfprintSensor final : public biometrics::FingerprintSensor {
 public:
  LibfprintSensor();
  ~LibfprintSensor() override;

  Result<std::vector<biometrics::FingerprintDeviceInfo>> Enumerate() override;
  Result<void> Open(const std::string& device_id) override;
  Result<biometrics::FingerprintImage> Capture(std::chrono::milliseconds timeout) override;
  void Cancel() override;
  void Close() override;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace kiosk::drivers
