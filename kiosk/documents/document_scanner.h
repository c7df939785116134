#pragma once
// DocumentScanner: the port for flatbed / sheet-fed scanners that capture the papers to integrate.
// The SANE adapter lives in drivers/scanner; tests use SANE's pnm backend, which "scans" a file.
//
// Thread safety: an implementation may serialise calls internally; scans are long (seconds) and
// must run off the UI thread. Copy is deleted.

#include <map>
#include <optional>
#include <string>
#include <vector>

#include <opencv2/core.hpp>

#include "kiosk/core/result.h"

namespace kiosk::documents {

struct ScannerInfo {
  std::string name;  // the id to scan with, e.g. "genesys:libusb:001:004", "pnm:0"
  std::string vendor;
  std::string model;
  std::string type;  // "flatbed scanner", "virtual device", …
};

enum class ScanMode { kColour, kGrey };

struct ScanSettings {
  int dpi = 300;
  ScanMode mode = ScanMode::kColour;
  // Scan area in millimetres from the top-left corner; the whole bed when absent.
  std::optional<cv::Rect2d> area_mm;
  // Backend-specific options by SANE name ("filename" for pnm, "source" = "ADF"); values are
  // text ("yes"/"no" for booleans, decimal numbers for numeric options).
  std::map<std::string, std::string> backend_options;
  // The paper type the officer says is on the bed ("gplx", …), empty if unknown. Real scanners
  // ignore it; the demo station's simulated bed uses it to hold the matching demo paper.
  std::string expected_paper;
};

class DocumentScanner {
 public:
  DocumentScanner() = default;
  DocumentScanner(const DocumentScanner&) = delete;
  DocumentScanner& operator=(const DocumentScanner&) = delete;
  virtual ~DocumentScanner() = default;

  virtual Result<std::vector<ScannerInfo>> ListDevices() = 0;
  // One page as an 8-bit image: BGR (CV_8UC3) in colour, CV_8UC1 in grey.
  virtual Result<cv::Mat> Scan(const std::string& device, const ScanSettings& settings) = 0;
};

}  // namespace kiosk::documents
