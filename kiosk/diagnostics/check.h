#pragma once
// What `kiosk-cli doctor` and the technician screen show: one line per thing the station needs,
// each OK, missing or in error, with the reason in words a technician can act on.

#include <string>
#include <vector>

#include "kiosk/core/config.h"

namespace kiosk::diag {

// kWarning: works now, needs attention soon (a certificate about to expire); not a failure.
enum class Status { kOk, kMissing, kWarning, kError };

std::string_view ToString(Status status);  // "ok", "missing", "warning", "error"

struct Check {
  std::string area;     // "reader", "card", "camera", "fingerprint", "scanner", "data", "config"
  std::string subject;  // the device or file concerned ("Virtual PCD 00 00", "/dev/video0")
  Status status = Status::kOk;
  std::string message;  // English message key with {0}… placeholders (translated when shown)
  std::vector<std::string> args;

  std::string Text() const;  // the message in the current language, placeholders filled
};

// Something that can inspect one part of the station. Probes must not hang: each bounds its own
// time (a missing daemon answers at once; a device open has a timeout).
class Probe {
 public:
  Probe() = default;
  Probe(const Probe&) = delete;
  Probe& operator=(const Probe&) = delete;
  virtual ~Probe() = default;
  virtual std::vector<Check> Run(const Config& config) = 0;
};

// The configuration as loaded (or the error that refused it), and unknown keys.
std::vector<Check> CheckConfig(const Result<Config>& loaded);
// The data directory exists (or can be created), is writable, and is not readable by others.
std::vector<Check> CheckDataDir(const Config& config);

// Overall: ok only when no check is in error (missing devices and warnings are reported, not
// fatal).
bool AllOk(const std::vector<Check>& checks);
std::string ToJson(const std::vector<Check>& checks);

}  // namespace kiosk::diag
