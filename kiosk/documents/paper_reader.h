#pragma once
// Reads a paper's fields from an image: page → QR where the paper has one → OCR with
// Tesseract's Vietnamese model → fields found by their printed labels ("Số:", "Họ tên:", …),
// each with a confidence and the validator's verdict. Nothing is silently trusted: a field whose
// value fails its validator comes back with valid = false and the reason, for the officer to
// correct; a field not found is listed as missing.
//
// Tesseract runs single-threaded: each read keeps OpenMP to the calling thread
// (kiosk/process/openmp_threads.h). Measured here: 300 dpi card, ~190 ms CPU per paper
// single-threaded, ~480 ms with an OpenMP team (it busy-waits), same output.
// A PaperReader holds one Tesseract engine: create it once, reuse it; not thread-safe.

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <opencv2/core.hpp>

#include "kiosk/core/result.h"
#include "kiosk/documents/paper.h"

namespace kiosk::documents {

struct ExtractedField {
  std::string name;          // field name of the paper model ("number", "full_name", …)
  std::string raw;           // text as read
  std::string value;         // normalised when valid, else the raw text
  double confidence = 0;     // 0–1
  std::string source;        // "ocr" or "qr"
  bool valid = false;
  std::string problem;       // English msgid when not valid
};

struct PaperReading {
  PaperType type = PaperType::kDrivingLicence;
  std::vector<ExtractedField> fields;
  std::vector<std::string> missing;  // required fields not found
  std::optional<std::string> qr_text;
  bool outline_found = false;
  double milliseconds = 0;

  // Field name → normalised value of the valid fields (input to ValidatePaperFields).
  PaperFields ValidFields() const;
};

class PaperReader {
 public:
  // tessdata_dir empty: Tesseract's default. Fails (kNotFound) when the language is not installed.
  static Result<std::unique_ptr<PaperReader>> Create(const std::string& language = "vie",
                                                     const std::string& tessdata_dir = {});
  ~PaperReader();
  PaperReader(const PaperReader&) = delete;
  PaperReader& operator=(const PaperReader&) = delete;

  // image: BGR or grey capture of one page (card-sized papers).
  Result<PaperReading> Read(PaperType type, const cv::Mat& image);

 private:
  struct Engine;
  explicit PaperReader(std::unique_ptr<Engine> engine);
  std::unique_ptr<Engine> engine_;
};

// Label matching, exposed for tests: the field whose label best matches the text before ':'
// (accents and case ignored, small OCR slips tolerated), or empty.
std::string MatchFieldLabel(PaperType type, std::string_view label);

}  // namespace kiosk::documents
