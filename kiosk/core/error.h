#pragma once
// The one error type of the station. Every layer returns kiosk::Result<T>; vendor error codes
// (SCARD_*, GError, SANE_Status, sqlite3 codes, curl codes, cv::Exception) are converted into a
// kiosk::Error at one place per driver, so nothing above the drivers sees a vendor code.
//
// An Error carries:
//  - a code, for the program to branch on;
//  - whether retrying the same operation can help (card pulled, server busy) or not;
//  - a message key: the English text shown to the officer, used as the msgid of the translation
//    catalog (Vietnamese by default, see kiosk/core/i18n.h), with {0}, {1}… placeholders;
//  - a detail: technical context for logs and support bundles. Never put citizen data (ID
//    numbers, names, images, keys) in a detail: logs are redacted, but the rule is not to try.

#include <string>
#include <string_view>
#include <vector>

namespace kiosk {

enum class ErrorCode {
  kInvalidArgument,     // the caller (or the officer) gave something malformed
  kParse,               // outside data (card, QR, scan, network, file) does not parse
  kNotFound,
  kAlreadyExists,
  kConflict,            // same id, different content
  kPermissionDenied,    // the role may not do this
  kUnauthenticated,     // wrong password, no session
  kLocked,              // account locked, station frozen
  kPolicyViolation,     // a business rule refuses it (password policy, pending approvals)
  kIo,
  kDiskFull,
  kReadOnly,
  kCorrupt,             // stored data fails its integrity check
  kCrypto,
  kVerificationFailed,  // a signature or authentication did not verify
  kWrongAccessKey,      // BAC/PACE refused the key derived from the card's data
  kDeviceNotFound,
  kDeviceBusy,
  kDeviceRemoved,
  kCardRemoved,
  kCardError,           // the card answered an unexpected status word
  kServiceUnavailable,  // pcscd not running, server down
  kNetwork,
  kTimeout,
  kCancelled,
  kUnsupported,
  kInternal,
};

std::string_view ToString(ErrorCode code);

// Whether retrying the very same operation may succeed without changing its input.
bool IsRetriableByDefault(ErrorCode code);

class Error {
 public:
  enum class Retry { kDefault, kYes, kNo };

  Error(ErrorCode code, std::string message_key, std::string detail = {},
        Retry retry = Retry::kDefault);

  ErrorCode code() const { return code_; }
  bool retriable() const { return retriable_; }
  // English text with {0}… placeholders; the msgid of the translation catalog.
  const std::string& message_key() const { return message_key_; }
  const std::vector<std::string>& args() const { return args_; }
  const std::string& detail() const { return detail_; }

  // Adds a placeholder argument (a field name, a count: never citizen data).
  Error&& WithArg(std::string arg) &&;
  // Prepends context to the technical detail ("reading DG2: …").
  Error&& WithContext(std::string_view context) &&;

  // The message in the current language (kiosk::i18n), placeholders filled in.
  std::string Message() const;
  // The message in English, for logs and the CLI's --json "reason".
  std::string EnglishMessage() const;
  // "code: English message (detail)" for logs.
  std::string ToLogString() const;

  // Named constructors for the common cases.
  static Error InvalidArgument(std::string key, std::string detail = {});
  static Error Parse(std::string key, std::string detail = {});
  static Error NotFound(std::string key, std::string detail = {});
  static Error Io(std::string key, std::string detail = {});
  static Error Internal(std::string detail);
  static Error Cancelled();
  static Error Unsupported(std::string key, std::string detail = {});

  friend bool operator==(const Error& a, const Error& b) {
    return a.code_ == b.code_ && a.message_key_ == b.message_key_;
  }

 private:
  ErrorCode code_;
  bool retriable_;
  std::string message_key_;
  std::vector<std::string> args_;
  std::string detail_;
};

// Fills {0}, {1}… in text with args; unknown placeholders are left as they are.
std::string FormatMessage(std::string_view text, const std::vector<std::string>& args);

}  // namespace kiosk
