#include "kiosk/audit/station_events.h"

#include <algorithm>

#include "kiosk/auth/operator_directory.h"
#include "kiosk/biometrics/finger/finger_position.h"
#include "kiosk/documents/paper.h"

namespace kiosk::audit {
namespace {

constexpr std::string_view kInvalid = "(invalid)";
constexpr size_t kMaxKeyLength = 200;

// Message keys are English sentences; anything else (non-ASCII, control characters, very long
// text) is not one and might be a citizen's data typed into the wrong place.
std::string Key(std::string_view key) {
  if (key.size() > kMaxKeyLength) return std::string(kInvalid);
  const bool printable = std::all_of(key.begin(), key.end(), [](char c) {
    const auto byte = static_cast<unsigned char>(c);
    return byte >= 0x20 && byte < 0x7f;
  });
  return printable ? std::string(key) : std::string(kInvalid);
}

std::string FingerName(std::string_view finger) {
  if (biometrics::finger::ParseFinger(finger)) {
    return std::string(finger);
  }
  return std::string(kInvalid);
}

std::string ExceptionName(std::string_view reason) {
  if (biometrics::finger::ParseFingerException(reason)) {
    return std::string(reason);
  }
  return std::string(kInvalid);
}

std::string PaperName(std::string_view paper) {
  return documents::ParsePaperType(paper) ? std::string(paper) : std::string(kInvalid);
}

std::string Quality(std::optional<int> quality) {
  if (!quality) return {};
  return "quality " + std::to_string(std::clamp(*quality, 0, 100));
}

// "a; b" without empty parts.
std::string Join(std::string_view a, std::string_view b) {
  if (a.empty()) return std::string(b);
  if (b.empty()) return std::string(a);
  return std::string(a) + "; " + std::string(b);
}

}  // namespace

std::string_view ToString(ChipVerdict verdict) {
  switch (verdict) {
    case ChipVerdict::kGenuine: return "genuine";
    case ChipVerdict::kNotVerifiable: return "not_verifiable";
    case ChipVerdict::kFailed: return "failed";
  }
  return "failed";
}

StationEvent ChipRead(ChipVerdict verdict, std::string_view reason_key) {
  return {"chip.read", "", verdict == ChipVerdict::kGenuine ? "ok" : std::string(ToString(verdict)),
          Join(ToString(verdict), Key(reason_key))};
}

StationEvent ChipException(std::string_view reason_key) {
  return {"chip.exception", "", "exception", Key(reason_key)};
}

StationEvent PortraitCaptured(std::optional<int> quality) {
  return {"capture.portrait", "", "ok", Quality(quality)};
}

StationEvent PortraitException(std::string_view reason_key) {
  return {"capture.portrait", "", "exception", Key(reason_key)};
}

StationEvent FingerprintCaptured(std::string_view finger, std::optional<int> quality) {
  return {"capture.fingerprint", "", "ok", Join(FingerName(finger), Quality(quality))};
}

StationEvent FingerprintException(std::string_view finger, std::string_view reason) {
  return {"capture.fingerprint", "", "exception", Join(FingerName(finger), ExceptionName(reason))};
}

StationEvent PaperScanned(std::string_view paper, bool read, std::string_view reason_key) {
  return {"paper.scan", "", read ? "ok" : "failed", Join(PaperName(paper), Key(reason_key))};
}

StationEvent PaperConfirmed(std::string_view paper, bool original_sighted) {
  return {"paper.confirm", "", "ok",
          Join(PaperName(paper), original_sighted ? "original sighted" : "original not sighted")};
}

StationEvent PaperRemoved(std::string_view paper) {
  return {"paper.remove", "", "ok", PaperName(paper)};
}

StationEvent SettingChanged(std::string_view name, std::string_view old_value,
                            std::string_view new_value) {
  return {"settings.change", std::string(name), "ok",
          "'" + std::string(old_value) + "' -> '" + std::string(new_value) + "'"};
}

StationEvent SignedOut(SignOutReason reason) {
  switch (reason) {
    case SignOutReason::kByOperator: return {"auth.sign_out", "", "ok", "by operator"};
    case SignOutReason::kIdleTimeout: return {"auth.sign_out", "", "ok", "idle timeout"};
    case SignOutReason::kAppClosed: return {"auth.sign_out", "", "ok", "application closed"};
  }
  return {"auth.sign_out", "", "ok", ""};
}

StationEvent IdleLocked() { return {"auth.idle_lock", "", "ok", ""}; }

StationEvent SupportBundleExported(std::string_view file_name, bool ok) {
  // Only the last path component, whatever separator the caller's system uses.
  const auto slash = file_name.find_last_of("/\\");
  const std::string_view base = slash == std::string_view::npos ? file_name
                                                                : file_name.substr(slash + 1);
  return {"support.export", "", ok ? "ok" : "failed", Key(base)};
}

Result<int64_t> Record(AuditLog& log, std::string_view actor, const StationEvent& event) {
  return log.Append(actor.empty() ? "(no operator)" : actor, event.action, event.record,
                    event.outcome, event.detail);
}

Result<int64_t> Record(AuditLog& log, const auth::Session& who, const StationEvent& event) {
  return Record(log, auth::AuditActor(who), event);
}

Result<void> AuditLogStationAuditor::Record(const auth::Session& who, const StationEvent& event) {
  auto seq = audit::Record(log_, who, event);
  if (!seq) return Fail(seq.error());
  return {};
}

}  // namespace kiosk::audit
