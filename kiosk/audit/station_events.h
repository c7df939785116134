#pragma once
// Audit entries for what happens at the desk outside a sealed record: chip reads, captures, paper
// scans, settings changes, sign-out and locks, support bundles. The functions below build the
// entry; Record() (or a StationAuditor) appends it to the store's hash-chained audit log.
//
//   audit::Record(store.audit(), session, audit::ChipRead(audit::ChipVerdict::kGenuine));
//   auditor.Record(session, audit::FingerprintException("left_index", "bandaged"));
//
// What goes in: action names, verdicts, enum names (finger, paper type, exception reason) and
// message keys (the English msgid the officer saw, e.g. emrtd's reason_key or
// Error::message_key()). Never citizen data: no names, numbers, dates, images or their hashes.
// Inputs are sanitised to enforce it: finger and paper names must be known ones, reasons and
// keys are limited to short printable ASCII (anything else is replaced by "(invalid)").
//
// Already audited elsewhere, so not here: sign-in and its failures (auth::OperatorDirectory::
// SignIn), sealing, approval, batch signature, purge, backup (batch::Records, store::Store),
// settings in the store (store::Settings::Set writes the same "settings.change" entry).
//
// Thread safety: building events is pure; Record() writes to the AuditLog, which belongs to one
// thread at a time (the one that owns the Store).

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "kiosk/audit/audit_log.h"
#include "kiosk/auth/authenticator.h"

namespace kiosk::audit {

// One entry's content. Build it with the functions below rather than by hand.
struct StationEvent {
  std::string action;   // "chip.read", "capture.portrait", …
  std::string record;   // a record number when the event concerns a sealed record, else empty
  std::string outcome;  // "ok", "failed", "exception", "not_verifiable", …
  std::string detail;   // enum names and message keys only
};

// --- The card and its chip ---
enum class ChipVerdict {
  kGenuine,        // passive authentication valid, no failed clone check
  kNotVerifiable,  // read, but no trusted CSCA matched (or a check could not be decided)
  kFailed,         // the read failed, or a check proved the chip wrong
};
std::string_view ToString(ChipVerdict verdict);  // "genuine", "not_verifiable", "failed"
// reason_key: why it is not genuine (the report's reason_key or the read Error's message_key).
StationEvent ChipRead(ChipVerdict verdict, std::string_view reason_key = {});
// The officer went on without the chip (no reader, unreadable card), with the reason's key.
StationEvent ChipException(std::string_view reason_key);

// --- Portrait and fingerprints ---
// quality: the score shown to the officer (0–100), when there is one.
StationEvent PortraitCaptured(std::optional<int> quality = std::nullopt);
StationEvent PortraitException(std::string_view reason_key);
// finger: "right_thumb" … "left_little"; reason: "missing", "bandaged", "amputated",
// "unreadable" (biometrics/finger/finger_position.h); another word is logged as "(invalid)".
StationEvent FingerprintCaptured(std::string_view finger, std::optional<int> quality = std::nullopt);
StationEvent FingerprintException(std::string_view finger, std::string_view reason);

// --- Papers ---
// paper: "gplx", "bhyt", "vehicle", "mst". read: the fields were extracted; otherwise
// reason_key says why not (unreadable scan, wrong document…).
StationEvent PaperScanned(std::string_view paper, bool read, std::string_view reason_key = {});
// The officer confirmed a paper's fields for the record, or later changed its "original
// sighted" mark; and a paper taken off the record.
StationEvent PaperConfirmed(std::string_view paper, bool original_sighted);
StationEvent PaperRemoved(std::string_view paper);

// --- Station administration ---
// Values are written as given: callers pass "changed" instead of a secret's value.
StationEvent SettingChanged(std::string_view name, std::string_view old_value,
                            std::string_view new_value);
enum class SignOutReason { kByOperator, kIdleTimeout, kAppClosed };
StationEvent SignedOut(SignOutReason reason);
// The screen locked itself after inactivity (the operator must sign in again to go on).
StationEvent IdleLocked();
// file_name only (no directories: they may name a person's home).
StationEvent SupportBundleExported(std::string_view file_name, bool ok = true);

// Appends the event as `actor` (auth::AuditActor(session) for people, a system name such as
// "sync" or "cli:<user>" otherwise). Returns the entry's sequence number.
Result<int64_t> Record(AuditLog& log, std::string_view actor, const StationEvent& event);
Result<int64_t> Record(AuditLog& log, const auth::Session& who, const StationEvent& event);

// The port controllers hold, so their tests can use a fake.
class StationAuditor {
 public:
  StationAuditor() = default;
  StationAuditor(const StationAuditor&) = delete;
  StationAuditor& operator=(const StationAuditor&) = delete;
  virtual ~StationAuditor() = default;
  virtual Result<void> Record(const auth::Session& who, const StationEvent& event) = 0;
};

// The real one: appends to the store's audit log.
class AuditLogStationAuditor final : public StationAuditor {
 public:
  explicit AuditLogStationAuditor(AuditLog& log) : log_(log) {}
  Result<void> Record(const auth::Session& who, const StationEvent& event) override;

 private:
  AuditLog& log_;
};

}  // namespace kiosk::audit
