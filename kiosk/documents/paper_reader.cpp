#include "kiosk/documents/paper_reader.h"

#include <leptonica/allheaders.h>
#include <tesseract/baseapi.h>
#include <tesseract/resultiterator.h>
#include <unicode/normalizer2.h>
#include <unicode/unistr.h>
#include <unicode/uchar.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <map>

#include <opencv2/imgproc.hpp>

#include "kiosk/core/i18n.h"
#include "kiosk/documents/barcode.h"
#include "kiosk/documents/health_insurance.h"
#include "kiosk/documents/page.h"
#include "kiosk/identity/unicode.h"
#include "kiosk/process/openmp_threads.h"

namespace kiosk::documents {

namespace {

// Printed labels per field, as on the papers (Vietnamese, with the English of bilingual cards).
const std::vector<std::pair<std::string, std::vector<std::string>>>& Labels(PaperType type) {
  static const std::vector<std::pair<std::string, std::vector<std::string>>> kGplx = {
      {"number", {"Số", "No"}},
      {"full_name", {"Họ tên", "Họ và tên", "Full name"}},
      {"date_of_birth", {"Ngày sinh", "Date of birth"}},
      {"classes", {"Hạng", "Class"}},
      {"issue_date", {"Ngày cấp", "Date of issue"}},
      {"expiry", {"Có giá trị đến", "Expires"}}};
  static const std::vector<std::pair<std::string, std::vector<std::string>>> kBhyt = {
      {"code", {"Mã số", "Mã thẻ"}},
      {"full_name", {"Họ tên", "Họ và tên"}},
      {"date_of_birth", {"Ngày sinh"}},
      {"gender", {"Giới tính"}},
      {"clinic_code", {"Nơi ĐKKCB", "Nơi đăng ký KCB ban đầu"}},
      {"valid_from", {"Từ ngày", "Giá trị sử dụng từ"}},
      {"valid_to", {"Đến ngày"}}};
  static const std::vector<std::pair<std::string, std::vector<std::string>>> kVehicle = {
      {"owner_name", {"Tên chủ xe"}},
      {"plate", {"Biển số", "Biển số đăng ký"}},
      {"make", {"Nhãn hiệu"}},
      {"chassis_number", {"Số khung"}},
      {"engine_number", {"Số máy"}}};
  static const std::vector<std::pair<std::string, std::vector<std::string>>> kMst = {
      {"tax_code", {"Mã số thuế", "MST"}},
      {"full_name", {"Họ tên", "Tên người nộp thuế"}}};
  switch (type) {
    case PaperType::kDrivingLicence: return kGplx;
    case PaperType::kHealthInsurance: return kBhyt;
    case PaperType::kVehicleRegistration: return kVehicle;
    case PaperType::kTaxCode: return kMst;
  }
  return kMst;
}

// Lower-case ASCII skeleton: diacritics removed (NFD, marks dropped), đ → d, spaces collapsed.
std::string Fold(std::string_view text) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfd = icu::Normalizer2::getNFDInstance(status);
  icu::UnicodeString input = icu::UnicodeString::fromUTF8(
      icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
  icu::UnicodeString decomposed = U_SUCCESS(status) ? nfd->normalize(input, status) : input;
  std::string out;
  for (int32_t i = 0; i < decomposed.length(); ++i) {
    UChar32 c = decomposed.char32At(i);
    if (c > 0xFFFF) ++i;
    if (u_getCombiningClass(c) != 0 || u_charType(c) == U_NON_SPACING_MARK) continue;
    if (c == 0x0111 || c == 0x0110) c = 'd';
    if (c < 0x80 && std::isalnum(static_cast<int>(c))) {
      out.push_back(static_cast<char>(std::tolower(static_cast<int>(c))));
    } else if (c == ' ' && !out.empty() && out.back() != ' ') {
      out.push_back(' ');
    }
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

size_t EditDistance(const std::string& a, const std::string& b) {
  std::vector<size_t> row(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    size_t diagonal = row[0];
    row[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      const size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[b.size()];
}

struct Line {
  std::string text;
  double confidence;  // 0–1
};

// Values are read without the characters OCR adds around them.
std::string CleanValue(std::string value) {
  value = identity::CollapseSpaces(value);
  while (!value.empty() && (value.front() == ':' || value.front() == ' ' || value.front() == '.')) {
    value.erase(value.begin());
  }
  while (!value.empty() && (value.back() == ' ' || value.back() == '|')) value.pop_back();
  return value;
}

// OCR confuses O/0, I/l/1 and S/5 in codes; dates and numbers are digits only.
std::string FixDigits(std::string value) {
  for (char& c : value) {
    if (c == 'O' || c == 'o' || c == 'D') c = '0';
    else if (c == 'I' || c == 'l' || c == '|') c = '1';
    else if (c == 'S') c = '5';
    else if (c == 'B') c = '8';
  }
  return value;
}

bool IsNumericField(const std::string& name) {
  return name == "number" || name == "date_of_birth" || name == "issue_date" || name == "expiry" ||
         name == "valid_from" || name == "valid_to" || name == "tax_code" || name == "clinic_code";
}

}  // namespace

std::string MatchFieldLabel(PaperType type, std::string_view label) {
  const std::string folded = Fold(label);
  if (folded.empty()) return {};
  std::string best;
  size_t best_distance = std::string::npos;
  for (const auto& [field, labels] : Labels(type)) {
    for (const auto& candidate : labels) {
      const std::string folded_candidate = Fold(candidate);
      const size_t distance = EditDistance(folded, folded_candidate);
      const size_t tolerance = folded_candidate.size() <= 3 ? 0 : folded_candidate.size() / 5;
      if (distance <= tolerance && distance < best_distance) {
        best_distance = distance;
        best = field;
      }
    }
  }
  return best;
}

PaperFields PaperReading::ValidFields() const {
  PaperFields out;
  for (const auto& f : fields) {
    if (f.valid) out[f.name] = f.value;
  }
  return out;
}

struct PaperReader::Engine {
  tesseract::TessBaseAPI api;
};

PaperReader::PaperReader(std::unique_ptr<Engine> engine) : engine_(std::move(engine)) {}
PaperReader::~PaperReader() { engine_->api.End(); }

Result<std::unique_ptr<PaperReader>> PaperReader::Create(const std::string& language,
                                                         const std::string& tessdata_dir) {
  setMsgSeverity(L_SEVERITY_NONE);  // Leptonica's notes on blank regions are not for the officer
  auto engine = std::make_unique<Engine>();
  if (engine->api.Init(tessdata_dir.empty() ? nullptr : tessdata_dir.c_str(), language.c_str(),
                       tesseract::OEM_LSTM_ONLY) != 0) {
    return Fail(Error(ErrorCode::kNotFound,
                      N_("The text recognition model is not installed (tesseract-ocr-vie)."),
                      "Tesseract Init " + language));
  }
  engine->api.SetPageSegMode(tesseract::PSM_SINGLE_COLUMN);
  engine->api.SetVariable("debug_file", "/dev/null");  // no diagnostics on the officer's console
  return std::unique_ptr<PaperReader>(new PaperReader(std::move(engine)));
}

Result<PaperReading> PaperReader::Read(PaperType type, const cv::Mat& image) {
  const auto start = std::chrono::steady_clock::now();
  // 1000 px across a card puts text lines at ~30 px. 800 px measured only ~6 % faster and lost
  // fields on degraded captures.
  auto page = NormalisePage(image, 85.6 / 54.0, 1000);
  if (!page) return Fail(page.error());
  PaperReading reading;
  reading.type = type;
  reading.outline_found = page->outline_found;

  cv::Mat grey;
  if (page->page.channels() == 3) cv::cvtColor(page->page, grey, cv::COLOR_BGR2GRAY);
  else grey = page->page;

  std::map<std::string, ExtractedField> found;
  if (type == PaperType::kHealthInsurance) {
    // The QR is authoritative where the card has one; OCR fills in the rest.
    if (auto qr = DecodeQrText(image); qr) {
      reading.qr_text = *qr;
      if (auto data = ParseBhytQr(*qr); data) {
        auto put = [&](const std::string& name, const std::string& value) {
          found[name] = {name, value, value, 1.0, "qr", false, {}};
        };
        put("code", data->code.code);
        put("full_name", data->full_name);
        put("date_of_birth", data->date_of_birth.ToIso());
        if (!data->clinic_code.empty()) put("clinic_code", data->clinic_code);
        if (data->valid_from) put("valid_from", data->valid_from->ToIso());
        if (data->valid_to) put("valid_to", data->valid_to->ToIso());
      }
    }
  }

  tesseract::TessBaseAPI& api = engine_->api;
  process::SingleThreadOpenMpHere();  // Tesseract's OpenMP team would busy-wait on a desk PC
  api.SetImage(grey.data, grey.cols, grey.rows, 1, static_cast<int>(grey.step[0]));
  api.SetSourceResolution(300);
  if (api.Recognize(nullptr) != 0) {
    return Fail(Error(ErrorCode::kParse, N_("The text on the paper could not be read. Scan it "
                                            "again or type the fields."),
                      "Tesseract Recognize"));
  }
  std::vector<Line> lines;
  std::unique_ptr<tesseract::ResultIterator> it(api.GetIterator());
  if (it) {
    do {
      std::unique_ptr<char[]> text(it->GetUTF8Text(tesseract::RIL_TEXTLINE));
      if (text) lines.push_back({text.get(), it->Confidence(tesseract::RIL_TEXTLINE) / 100.0});
    } while (it->Next(tesseract::RIL_TEXTLINE));
  }
  api.Clear();

  for (const auto& line : lines) {
    const size_t colon = line.text.find(':');
    if (colon == std::string::npos) continue;
    const std::string field = MatchFieldLabel(type, line.text.substr(0, colon));
    if (field.empty() || found.contains(field)) continue;
    std::string value = CleanValue(line.text.substr(colon + 1));
    if (IsNumericField(field)) value = FixDigits(value);
    found[field] = {field, value, value, line.confidence, "ocr", false, {}};
  }

  // Each value through the paper model's validator, one field at a time, so one bad field does
  // not hide the good ones.
  for (auto& [name, field] : found) {
    auto checked = ValidatePaperField(type, name, field.raw);
    if (checked && !checked->empty()) {
      field.valid = true;
      field.value = *checked;
    } else if (!checked) {
      field.problem = checked.error().message_key();
    }
    reading.fields.push_back(field);
  }
  for (const auto& spec : FieldSpecs(type)) {
    if (spec.required && !found.contains(std::string(spec.name))) {
      reading.missing.emplace_back(spec.name);
    }
  }
  reading.milliseconds = std::chrono::duration<double, std::milli>(
                             std::chrono::steady_clock::now() - start).count();
  return reading;
}

}  // namespace kiosk::documents
