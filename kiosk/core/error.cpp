#include "kiosk/core/error.h"

#include "kiosk/core/i18n.h"

namespace kiosk {

std::string_view ToString(ErrorCode code) {
  switch (code) {
    case ErrorCode::kInvalidArgument: return "invalid_argument";
    case ErrorCode::kParse: return "parse";
    case ErrorCode::kNotFound: return "not_found";
    case ErrorCode::kAlreadyExists: return "already_exists";
    case ErrorCode::kConflict: return "conflict";
    case ErrorCode::kPermissionDenied: return "permission_denied";
    case ErrorCode::kUnauthenticated: return "unauthenticated";
    case ErrorCode::kLocked: return "locked";
    case ErrorCode::kPolicyViolation: return "policy_violation";
    case ErrorCode::kIo: return "io";
    case ErrorCode::kDiskFull: return "disk_full";
    case ErrorCode::kReadOnly: return "read_only";
    case ErrorCode::kCorrupt: return "corrupt";
    case ErrorCode::kCrypto: return "crypto";
    case ErrorCode::kVerificationFailed: return "verification_failed";
    case ErrorCode::kWrongAccessKey: return "wrong_access_key";
    case ErrorCode::kDeviceNotFound: return "device_not_found";
    case ErrorCode::kDeviceBusy: return "device_busy";
    case ErrorCode::kDeviceRemoved: return "device_removed";
    case ErrorCode::kCardRemoved: return "card_removed";
    case ErrorCode::kCardError: return "card_error";
    case ErrorCode::kServiceUnavailable: return "service_unavailable";
    case ErrorCode::kNetwork: return "network";
    case ErrorCode::kTimeout: return "timeout";
    case ErrorCode::kCancelled: return "cancelled";
    case ErrorCode::kUnsupported: return "unsupported";
    case ErrorCode::kInternal: return "internal";
  }
  return "unknown";
}

bool IsRetriableByDefault(ErrorCode code) {
  switch (code) {
    case ErrorCode::kDeviceBusy:
    case ErrorCode::kDeviceRemoved:
    case ErrorCode::kCardRemoved:
    case ErrorCode::kServiceUnavailable:
    case ErrorCode::kNetwork:
    case ErrorCode::kTimeout:
      return true;
    default:
      return false;
  }
}

Error::Error(ErrorCode code, std::string message_key, std::string detail, Retry retry)
    : code_(code),
      retriable_(retry == Retry::kDefault ? IsRetriableByDefault(code) : retry == Retry::kYes),
      message_key_(std::move(message_key)),
      detail_(std::move(detail)) {}

Error&& Error::WithArg(std::string arg) && {
  args_.push_back(std::move(arg));
  return std::move(*this);
}

Error&& Error::WithContext(std::string_view context) && {
  detail_ = detail_.empty() ? std::string(context) : std::string(context) + ": " + detail_;
  return std::move(*this);
}

std::string Error::Message() const { return FormatMessage(i18n::Translate(message_key_), args_); }

std::string Error::EnglishMessage() const { return FormatMessage(message_key_, args_); }

std::string Error::ToLogString() const {
  std::string out(ToString(code_));
  out += ": ";
  out += EnglishMessage();
  if (!detail_.empty()) out += " (" + detail_ + ")";
  return out;
}

Error Error::InvalidArgument(std::string key, std::string detail) {
  return Error(ErrorCode::kInvalidArgument, std::move(key), std::move(detail));
}
Error Error::Parse(std::string key, std::string detail) {
  return Error(ErrorCode::kParse, std::move(key), std::move(detail));
}
Error Error::NotFound(std::string key, std::string detail) {
  return Error(ErrorCode::kNotFound, std::move(key), std::move(detail));
}
Error Error::Io(std::string key, std::string detail) {
  return Error(ErrorCode::kIo, std::move(key), std::move(detail));
}
Error Error::Internal(std::string detail) {
  return Error(ErrorCode::kInternal, "An internal error occurred. Please report it to the technician.",
               std::move(detail));
}
Error Error::Cancelled() { return Error(ErrorCode::kCancelled, "The operation was cancelled."); }
Error Error::Unsupported(std::string key, std::string detail) {
  return Error(ErrorCode::kUnsupported, std::move(key), std::move(detail));
}

std::string FormatMessage(std::string_view text, const std::vector<std::string>& args) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '{') {
      size_t close = text.find('}', i);
      if (close != std::string_view::npos && close > i + 1 && close - i <= 3) {
        bool digits = true;
        size_t index = 0;
        for (size_t j = i + 1; j < close; ++j) {
          if (text[j] < '0' || text[j] > '9') digits = false;
          else index = index * 10 + static_cast<size_t>(text[j] - '0');
        }
        if (digits && index < args.size()) {
          out += args[index];
          i = close;
          continue;
        }
      }
    }
    out += text[i];
  }
  return out;
}

}  // namespace kiosk
