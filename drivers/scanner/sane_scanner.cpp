#include "drivers/scanner/sane_scanner.h"

#include <mutex>
#include <string>
#include <vector>

#include <opencv2/imgproc.hpp>

#include "kiosk/core/i18n.h"

#ifdef KIOSK_WITH_SANE
#include <sane/sane.h>
#include <sane/saneopts.h>
#endif

namespace kiosk::drivers {

#ifdef KIOSK_WITH_SANE

Error SaneStatusToError(int sane_status, std::string_view during) {
  const auto status = static_cast<SANE_Status>(sane_status);
  std::string detail = std::string(during) + ": " + sane_strstatus(status);
  switch (status) {
    case SANE_STATUS_GOOD:
    case SANE_STATUS_EOF:
      return Error::Internal(std::move(detail));  // not an error: the caller should not ask
    case SANE_STATUS_UNSUPPORTED:
      return Error(ErrorCode::kUnsupported, N_("The scanner does not support this setting."), detail);
    case SANE_STATUS_CANCELLED:
      return Error(ErrorCode::kCancelled, N_("The scan was cancelled."), detail);
    case SANE_STATUS_DEVICE_BUSY:
      return Error(ErrorCode::kDeviceBusy, N_("The scanner is busy. Wait a moment and try again."),
                   detail);
    case SANE_STATUS_INVAL:
      return Error(ErrorCode::kInvalidArgument, N_("The scanner refused a setting."), detail);
    case SANE_STATUS_JAMMED:
      return Error(ErrorCode::kDeviceBusy, N_("The paper is jammed in the scanner. Clear it and "
                                              "scan again."),
                   detail, Error::Retry::kYes);
    case SANE_STATUS_NO_DOCS:
      return Error(ErrorCode::kNotFound, N_("There is no paper in the scanner. Put the paper in "
                                            "and scan again."),
                   detail, Error::Retry::kYes);
    case SANE_STATUS_COVER_OPEN:
      return Error(ErrorCode::kDeviceBusy, N_("The scanner's cover is open. Close it and scan "
                                              "again."),
                   detail, Error::Retry::kYes);
    case SANE_STATUS_IO_ERROR:
      return Error(ErrorCode::kIo, N_("The scanner stopped responding. Check its cable and "
                                      "power, then scan again."),
                   detail, Error::Retry::kYes);
    case SANE_STATUS_NO_MEM:
      return Error(ErrorCode::kInternal, N_("The scan is too large for the available memory."),
                   detail);
    case SANE_STATUS_ACCESS_DENIED:
      return Error(ErrorCode::kPermissionDenied, N_("The station may not use this scanner (check "
                                                    "the device permissions)."),
                   detail);
  }
  return Error(ErrorCode::kInternal, N_("The scanner reported an unknown error."), detail);
}

namespace {

std::mutex& SaneMutex() {
  static std::mutex mutex;
  return mutex;
}

// SANE's global initialisation for the lifetime of one scanner object.
class SaneSession {
 public:
  SaneSession() {
    SANE_Int version = 0;
    status_ = sane_init(&version, nullptr);
  }
  ~SaneSession() {
    if (status_ == SANE_STATUS_GOOD) sane_exit();
  }
  SaneSession(const SaneSession&) = delete;
  SaneSession& operator=(const SaneSession&) = delete;
  SANE_Status status() const { return status_; }

 private:
  SANE_Status status_;
};

class Device {
 public:
  explicit Device(SANE_Handle handle) : handle_(handle) {}
  ~Device() {
    sane_cancel(handle_);
    sane_close(handle_);
  }
  Device(const Device&) = delete;
  Device& operator=(const Device&) = delete;
  SANE_Handle get() const { return handle_; }

 private:
  SANE_Handle handle_;
};

struct FoundOption {
  SANE_Int index;
  const SANE_Option_Descriptor* descriptor;
};

std::optional<FoundOption> FindOption(SANE_Handle handle, std::string_view name) {
  for (SANE_Int i = 1;; ++i) {
    const SANE_Option_Descriptor* d = sane_get_option_descriptor(handle, i);
    if (d == nullptr) return std::nullopt;
    if (d->name != nullptr && name == d->name && SANE_OPTION_IS_ACTIVE(d->cap) &&
        SANE_OPTION_IS_SETTABLE(d->cap)) {
      return FoundOption{i, d};
    }
  }
}

// Sets an option from text; an option the backend lacks is skipped (returns false).
Result<bool> SetOption(SANE_Handle handle, std::string_view name, const std::string& value) {
  auto option = FindOption(handle, name);
  if (!option) return false;
  const SANE_Option_Descriptor* d = option->descriptor;
  SANE_Int info = 0;
  SANE_Status status = SANE_STATUS_GOOD;
  switch (d->type) {
    case SANE_TYPE_BOOL: {
      SANE_Bool b = (value == "yes" || value == "true" || value == "1") ? SANE_TRUE : SANE_FALSE;
      status = sane_control_option(handle, option->index, SANE_ACTION_SET_VALUE, &b, &info);
      break;
    }
    case SANE_TYPE_INT: {
      SANE_Int i = static_cast<SANE_Int>(std::stol(value));
      status = sane_control_option(handle, option->index, SANE_ACTION_SET_VALUE, &i, &info);
      break;
    }
    case SANE_TYPE_FIXED: {
      SANE_Fixed f = SANE_FIX(std::stod(value));
      status = sane_control_option(handle, option->index, SANE_ACTION_SET_VALUE, &f, &info);
      break;
    }
    case SANE_TYPE_STRING: {
      std::vector<char> buffer(std::max<size_t>(static_cast<size_t>(d->size), value.size() + 1), '\0');
      std::copy(value.begin(), value.end(), buffer.begin());
      status = sane_control_option(handle, option->index, SANE_ACTION_SET_VALUE, buffer.data(), &info);
      break;
    }
    default:
      return false;
  }
  if (status != SANE_STATUS_GOOD) {
    return Fail(SaneStatusToError(status, "setting " + std::string(name)));
  }
  return true;
}

// The bytes of one frame into an 8-bit OpenCV image.
Result<cv::Mat> ToMat(const SANE_Parameters& p, const std::vector<unsigned char>& bytes) {
  const int lines = p.lines > 0 ? p.lines
                                : static_cast<int>(bytes.size() / static_cast<size_t>(p.bytes_per_line));
  if (lines <= 0 || p.pixels_per_line <= 0 ||
      bytes.size() < static_cast<size_t>(lines) * static_cast<size_t>(p.bytes_per_line)) {
    return Fail(Error(ErrorCode::kIo, N_("The scan ended early. Scan again."), "short frame"));
  }
  const bool colour = p.format == SANE_FRAME_RGB;
  if (!colour && p.format != SANE_FRAME_GRAY) {
    return Fail(Error::Unsupported(N_("The scanner does not support this setting."),
                                   "three-pass frames"));
  }
  auto* data = const_cast<unsigned char*>(bytes.data());
  cv::Mat out;
  if (p.depth == 8) {
    cv::Mat raw(lines, p.pixels_per_line, colour ? CV_8UC3 : CV_8UC1, data,
                static_cast<size_t>(p.bytes_per_line));
    if (colour) cv::cvtColor(raw, out, cv::COLOR_RGB2BGR);
    else out = raw.clone();
  } else if (p.depth == 16) {
    cv::Mat raw(lines, p.pixels_per_line, colour ? CV_16UC3 : CV_16UC1, data,
                static_cast<size_t>(p.bytes_per_line));
    cv::Mat eight;
    raw.convertTo(eight, colour ? CV_8UC3 : CV_8UC1, 1.0 / 257.0);
    if (colour) cv::cvtColor(eight, out, cv::COLOR_RGB2BGR);
    else out = eight;
  } else if (p.depth == 1 && !colour) {
    out = cv::Mat(lines, p.pixels_per_line, CV_8UC1);
    for (int y = 0; y < lines; ++y) {
      const unsigned char* row = data + static_cast<size_t>(y) * static_cast<size_t>(p.bytes_per_line);
      for (int x = 0; x < p.pixels_per_line; ++x) {
        const bool black = (row[x / 8] >> (7 - x % 8)) & 1;  // SANE line art: 1 is black
        out.at<unsigned char>(y, x) = black ? 0 : 255;
      }
    }
  } else {
    return Fail(Error::Unsupported(N_("The scanner does not support this setting."), "depth"));
  }
  return out;
}

class SaneScanner final : public documents::DocumentScanner {
 public:
  Result<std::vector<documents::ScannerInfo>> ListDevices() override {
    std::lock_guard lock(SaneMutex());
    SaneSession session;
    if (session.status() != SANE_STATUS_GOOD) return Fail(SaneStatusToError(session.status(), "sane_init"));
    const SANE_Device** devices = nullptr;
    SANE_Status status = sane_get_devices(&devices, SANE_TRUE);  // local only: never wait on the network
    if (status != SANE_STATUS_GOOD) return Fail(SaneStatusToError(status, "sane_get_devices"));
    std::vector<documents::ScannerInfo> out;
    for (size_t i = 0; devices != nullptr && devices[i] != nullptr; ++i) {
      auto text = [](const char* s) { return std::string(s ? s : ""); };
      out.push_back({text(devices[i]->name), text(devices[i]->vendor), text(devices[i]->model),
                     text(devices[i]->type)});
    }
    return out;
  }

  Result<cv::Mat> Scan(const std::string& device, const documents::ScanSettings& settings) override {
    std::lock_guard lock(SaneMutex());
    SaneSession session;
    if (session.status() != SANE_STATUS_GOOD) return Fail(SaneStatusToError(session.status(), "sane_init"));
    SANE_Handle handle = nullptr;
    SANE_Status status = sane_open(device.c_str(), &handle);
    if (status != SANE_STATUS_GOOD) {
      if (status == SANE_STATUS_INVAL) {
        return Fail(Error(ErrorCode::kDeviceNotFound, N_("The scanner is not connected."),
                          "sane_open: " + std::string(sane_strstatus(status))));
      }
      return Fail(SaneStatusToError(status, "sane_open"));
    }
    Device open(handle);

    for (const auto& [name, value] : settings.backend_options) {
      auto set = SetOption(handle, name, value);
      if (!set) return Fail(set.error());
      if (!*set) {
        return Fail(Error::Unsupported(N_("The scanner does not support this setting."), name));
      }
    }
    if (auto set = SetOption(handle, SANE_NAME_SCAN_RESOLUTION, std::to_string(settings.dpi)); !set) {
      return Fail(set.error());
    }
    const bool grey = settings.mode == documents::ScanMode::kGrey;
    if (auto set = SetOption(handle, SANE_NAME_SCAN_MODE, grey ? SANE_VALUE_SCAN_MODE_GRAY
                                                               : SANE_VALUE_SCAN_MODE_COLOR);
        !set) {
      return Fail(set.error());
    }
    if (settings.area_mm) {
      const cv::Rect2d& a = *settings.area_mm;
      for (const auto& [name, value] :
           {std::pair{SANE_NAME_SCAN_TL_X, a.x}, std::pair{SANE_NAME_SCAN_TL_Y, a.y},
            std::pair{SANE_NAME_SCAN_BR_X, a.x + a.width}, std::pair{SANE_NAME_SCAN_BR_Y, a.y + a.height}}) {
        if (auto set = SetOption(handle, name, std::to_string(value)); !set) return Fail(set.error());
      }
    }

    status = sane_start(handle);
    if (status != SANE_STATUS_GOOD) return Fail(SaneStatusToError(status, "sane_start"));
    SANE_Parameters parameters{};
    status = sane_get_parameters(handle, &parameters);
    if (status != SANE_STATUS_GOOD) return Fail(SaneStatusToError(status, "sane_get_parameters"));
    if (parameters.bytes_per_line <= 0) {
      return Fail(Error(ErrorCode::kIo, N_("The scan ended early. Scan again."), "bytes_per_line"));
    }
    std::vector<unsigned char> bytes;
    if (parameters.lines > 0) {
      bytes.reserve(static_cast<size_t>(parameters.lines) * static_cast<size_t>(parameters.bytes_per_line));
    }
    std::vector<unsigned char> chunk(64 * 1024);
    while (true) {
      SANE_Int length = 0;
      status = sane_read(handle, chunk.data(), static_cast<SANE_Int>(chunk.size()), &length);
      if (status == SANE_STATUS_EOF) break;
      if (status != SANE_STATUS_GOOD) return Fail(SaneStatusToError(status, "sane_read"));
      bytes.insert(bytes.end(), chunk.begin(), chunk.begin() + length);
      if (bytes.size() > 512u * 1024 * 1024) {
        return Fail(SaneStatusToError(SANE_STATUS_NO_MEM, "image over 512 MiB"));
      }
    }
    auto image = ToMat(parameters, bytes);
    if (!image) return image;
    // Backends without a mode option (pnm) give what they have: convert to what was asked.
    if (grey && image->channels() == 3) {
      cv::Mat converted;
      cv::cvtColor(*image, converted, cv::COLOR_BGR2GRAY);
      return converted;
    }
    if (!grey && image->channels() == 1) {
      cv::Mat converted;
      cv::cvtColor(*image, converted, cv::COLOR_GRAY2BGR);
      return converted;
    }
    return image;
  }
};

}  // namespace

std::unique_ptr<documents::DocumentScanner> MakeSaneScanner() { return std::make_unique<SaneScanner>(); }

#else  // !KIOSK_WITH_SANE

Error SaneStatusToError(int, std::string_view during) {
  return Error::Unsupported(N_("This build has no SANE scanner driver."), std::string(during));
}

namespace {
class NoScanner final : public documents::DocumentScanner {
 public:
  Result<std::vector<documents::ScannerInfo>> ListDevices() override {
    return Fail(SaneStatusToError(0, "ListDevices"));
  }
  Result<cv::Mat> Scan(const std::string&, const documents::ScanSettings&) override {
    return Fail(SaneStatusToError(0, "Scan"));
  }
};
}  // namespace

std::unique_ptr<documents::DocumentScanner> MakeSaneScanner() { return std::make_unique<NoScanner>(); }

#endif

}  // namespace kiosk::drivers
