#include "ui/controllers/papers_controller.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <filesystem>
#include <mutex>

#include <opencv2/imgcodecs.hpp>

#include "kiosk/core/i18n.h"

namespace kiosk::ui {

using documents::PaperType;

namespace {

// A scan smaller than this (pixels on the short side) holds no readable card: a jammed or empty
// scan, or a file that is not a picture of a paper.
constexpr int kMinimumScanSide = 200;
// Mean OCR confidence under which the reading is called poor as a whole.
constexpr double kPoorReading = 0.55;

std::string_view KeyField(PaperType type) {
  switch (type) {
    case PaperType::kDrivingLicence: return "number";
    case PaperType::kHealthInsurance: return "code";
    case PaperType::kVehicleRegistration: return "plate";
    case PaperType::kTaxCode: return "tax_code";
  }
  return "";
}

UiText HolderWarning(const std::string& field) {
  if (field == "full_name") {
    return UiText::Tr("The name on this paper differs from the citizen's card: check the paper is "
                    "theirs (an old paper may carry a former name).");
  }
  if (field == "date_of_birth") {
    return UiText::Tr("The date of birth on this paper differs from the citizen's card: check the "
                    "paper is theirs, or correct the date.");
  }
  return UiText::Literal(field);
}

Result<cv::Mat> ReadImageFile(const std::string& path) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec)) {
    return Fail(Error::Io(N_("The image file cannot be read."), path));
  }
  cv::Mat image;
  try {
    image = cv::imread(path, cv::IMREAD_COLOR);
  } catch (const cv::Exception&) {
    image.release();
  }
  if (image.empty()) {
    return Fail(Error::Io(N_("This file is not a picture the station can read (use PNG, JPEG or "
                             "PNM)."),
                          path));
  }
  return image;
}

}  // namespace

struct PapersController::DeviceState {
  std::mutex mutex;  // one reading at a time, whatever the runner
  std::unique_ptr<documents::PaperReader> reader;
};

struct PapersController::Outcome {
  std::optional<Error> error;
  cv::Mat image;
  documents::PaperReading reading;
};

PapersController::PapersController(PapersView& view, WizardController& wizard,
                                   TaskRunner& device_runner, documents::DocumentScanner* scanner,
                                   std::string device)
    : view_(view),
      wizard_(wizard),
      device_runner_(device_runner),
      scanner_(scanner),
      device_(std::move(device)),
      device_state_(std::make_shared<DeviceState>()) {}

PapersController::~PapersController() {
  if (cancel_) *cancel_ = true;
}

void PapersController::ChooseType(PaperType type) { type_ = type; }

void PapersController::Scan() {
  if (scanner_ == nullptr) {
    view_.ShowError(UiText::Tr("No document scanner is configured on this station. Import an image "
                             "file of the paper, or type its fields."));
    return;
  }
  auto* scanner = scanner_;
  std::string device = device_;
  const std::string expected(documents::ToString(type_));
  StartCapture([scanner, device, expected]() -> Result<cv::Mat> {
    std::string name = device;
    if (name.empty()) {
      auto devices = scanner->ListDevices();
      if (!devices) return Fail(devices.error());
      if (devices->empty()) {
        return Fail(Error(ErrorCode::kDeviceNotFound,
                          N_("No scanner is connected. Connect it and scan again, or import an "
                             "image file."),
                          "no SANE device"));
      }
      name = devices->front().name;
    }
    documents::ScanSettings settings;
    settings.dpi = 300;
    settings.expected_paper = expected;
    return scanner->Scan(name, settings);
  });
}

void PapersController::ImportImage(const std::string& path) {
  StartCapture([path] { return ReadImageFile(path); });
}

void PapersController::StartCapture(std::function<Result<cv::Mat>()> acquire) {
  if (scanning_) return;  // one paper at a time; the officer cancels first
  scanning_ = true;
  const uint64_t ticket = ++ticket_;
  cancel_ = std::make_shared<std::atomic<bool>>(false);
  view_.ShowScanning(true);
  auto outcome = std::make_shared<Outcome>();
  device_runner_.Run(
      [acquire = std::move(acquire), state = device_state_, cancel = cancel_, type = type_, outcome] {
        auto image = acquire();
        if (!image) {
          outcome->error = image.error();
          return;
        }
        if (*cancel) return;
        if (image->empty() || std::min(image->cols, image->rows) < kMinimumScanSide) {
          outcome->error = Error(ErrorCode::kParse,
                                 N_("The scan is empty or too small to read. Put the paper face "
                                    "down on the glass and scan again."),
                                 "scan size");
          return;
        }
        std::lock_guard lock(state->mutex);
        if (!state->reader) {
          auto reader = documents::PaperReader::Create();
          if (!reader) {
            outcome->error = reader.error();
            return;
          }
          state->reader = std::move(*reader);
        }
        if (*cancel) return;
        auto reading = state->reader->Read(type, *image);
        if (!reading) {
          outcome->error = reading.error();
          return;
        }
        outcome->image = std::move(*image);
        outcome->reading = std::move(*reading);
      },
      [this, alive = std::weak_ptr<bool>(alive_), ticket, outcome] {
        if (alive.expired()) return;
        Finish(ticket, *outcome);
      });
}

void PapersController::CancelScan() {
  if (!scanning_) return;
  if (cancel_) *cancel_ = true;
  ++ticket_;  // whatever arrives for the cancelled scan is dropped
  scanning_ = false;
  view_.ShowScanning(false);
}

void PapersController::Finish(uint64_t ticket, const Outcome& outcome) {
  if (ticket != ticket_) return;  // cancelled, or superseded
  scanning_ = false;
  view_.ShowScanning(false);
  if (outcome.error) {
    spdlog::info("paper capture failed: {}", outcome.error->ToLogString());
    AuditLater(audit::PaperScanned(documents::ToString(type_), false, outcome.error->message_key()));
    view_.ShowError(UiText::Of(*outcome.error));
    return;
  }
  const auto& reading = outcome.reading;
  PaperCaptureView capture;
  capture.type = reading.type;
  capture.title = UiText::Tr(std::string(documents::Title(reading.type)));
  capture.image = outcome.image;
  size_t readable = 0, problems = 0, required = 0;
  double confidence = 0;
  for (const auto& spec : documents::FieldSpecs(reading.type)) {
    PaperFieldRow row;
    row.name = std::string(spec.name);
    row.label = UiText::Tr(std::string(spec.label));
    row.required = spec.required;
    required += spec.required ? 1 : 0;
    auto found = std::find_if(reading.fields.begin(), reading.fields.end(),
                              [&](const documents::ExtractedField& f) { return f.name == spec.name; });
    if (found != reading.fields.end()) {
      row.value = found->valid ? found->value : found->raw;
      row.confidence = found->confidence;
      row.source = found->source;
      row.low_confidence = enrollment::NeedsChecking({found->source, found->confidence});
      if (!found->valid) {
        row.problem = UiText::Tr(found->problem.empty() ? N_("This value is not valid.") : found->problem);
        ++problems;
      } else {
        ++readable;
        confidence += found->confidence;
      }
    } else if (spec.required) {
      row.problem = UiText::Tr("Not found on the paper: type it from the original.");
      ++problems;
    }
    capture.rows.push_back(std::move(row));
  }
  // Plain words for the officer: what to do next with this scan.
  const double mean = readable == 0 ? 0 : confidence / static_cast<double>(readable);
  if (readable == 0) {
    capture.advice =
        UiText::Tr("Nothing on this scan could be read as a {0}. Check that the right paper type is "
                   "chosen and the paper lies flat, face down, then scan again, or type the fields "
                   "from the original.",
                   {capture.title});
  } else if (readable * 2 < required || (mean < kPoorReading && problems > 0)) {
    capture.advice = UiText::Tr("Most of this scan could not be read (blurred, dark or crooked). Scan "
                              "again, or correct the marked fields from the original.");
  } else if (problems > 0 ||
             std::any_of(capture.rows.begin(), capture.rows.end(),
                         [](const PaperFieldRow& r) { return r.low_confidence; })) {
    capture.advice = UiText::Tr("Check the marked fields against the original and correct them, then "
                              "confirm.");
  }
  AuditLater(audit::PaperScanned(documents::ToString(reading.type), readable > 0,
                                 readable > 0 ? "" : "no field read"));
  spdlog::info("paper read: type {}, {} fields valid, {} problems, {:.0f} ms",
               documents::ToString(reading.type), readable, problems, reading.milliseconds);
  capture_ = std::move(capture);
  view_.ShowCapture(*capture_);
}

void PapersController::TypeByHand() {
  CancelScan();
  PaperCaptureView capture;
  capture.type = type_;
  capture.title = UiText::Tr(std::string(documents::Title(type_)));
  for (const auto& spec : documents::FieldSpecs(type_)) {
    PaperFieldRow row;
    row.name = std::string(spec.name);
    row.label = UiText::Tr(std::string(spec.label));
    row.required = spec.required;
    capture.rows.push_back(std::move(row));
  }
  capture.advice = UiText::Tr("Type the fields from the original paper, then confirm.");
  capture_ = std::move(capture);
  view_.ShowCapture(*capture_);
}

void PapersController::EditField(const std::string& name, const std::string& value) {
  if (!capture_) return;
  auto row = std::find_if(capture_->rows.begin(), capture_->rows.end(),
                          [&](const PaperFieldRow& r) { return r.name == name; });
  if (row == capture_->rows.end() || row->value == value) return;
  row->value = value;
  row->source = value.empty() ? "" : "typed";
  row->confidence = value.empty() ? 0 : 1;
  row->low_confidence = false;
  row->problem = {};
  if (value.empty()) {
    if (row->required) row->problem = UiText::Tr("Not found on the paper: type it from the original.");
  } else if (auto checked = documents::ValidatePaperField(capture_->type, name, value, citizen_id_);
             !checked) {
    row->problem = UiText::Of(checked.error());
  }
  view_.ShowField(*row);
}

void PapersController::Confirm(bool original_sighted) {
  if (!capture_) {
    view_.ShowError(UiText::Tr("Scan a paper first (or type its fields)."));
    return;
  }
  documents::PaperFields fields;
  for (const auto& row : capture_->rows) {
    if (!row.value.empty()) fields[row.name] = row.value;
  }
  // Checked here first so the officer sees which field to fix without a round trip.
  if (auto valid = documents::ValidatePaperFields(capture_->type, fields, citizen_id_); !valid) {
    view_.ShowError(UiText::Of(valid.error()));
    return;
  }
  enrollment::PaperEntry entry;
  for (const auto& row : capture_->rows) {
    if (!row.value.empty()) entry[row.name] = {row.value, {row.source, row.confidence}};
  }
  const PaperType type = capture_->type;
  const cv::Mat image = capture_->image;
  WizardController* wizard = &wizard_;
  wizard_.Apply([this, wizard, alive = std::weak_ptr<bool>(alive_), type, entry, image,
                 original_sighted](enrollment::Visit& visit) -> Result<void> {
    auto index = visit.AddPaper(type, entry, image, original_sighted);
    if (!index) return Fail(index.error());
    wizard->Audit(audit::PaperConfirmed(documents::ToString(type), original_sighted));
    PostWarnings(visit, alive);
    wizard->runner().RunOnUiThread([this, alive] {
      if (alive.expired()) return;
      capture_.reset();
      view_.ClearCapture();
    });
    return {};
  });
}

void PapersController::DiscardCapture() {
  CancelScan();
  capture_.reset();
  view_.ClearCapture();
}

void PapersController::SetOriginalSighted(size_t index, bool sighted) {
  wizard_.Apply([this, alive = std::weak_ptr<bool>(alive_), index,
                 sighted](enrollment::Visit& visit) -> Result<void> {
    if (auto r = visit.SetOriginalSighted(index, sighted); !r) return r;
    wizard_.Audit(audit::PaperConfirmed(visit.enrollment().papers[index].type, sighted));
    PostWarnings(visit, alive);
    return {};
  });
}

void PapersController::Remove(size_t index) {
  wizard_.Apply([this, alive = std::weak_ptr<bool>(alive_), index](enrollment::Visit& visit) -> Result<void> {
    const std::string type = index < visit.enrollment().papers.size() ? visit.enrollment().papers[index].type : "";
    if (auto r = visit.RemovePaper(index); !r) return r;
    wizard_.Audit(audit::PaperRemoved(type));
    PostWarnings(visit, alive);
    return {};
  });
}

void PapersController::AuditLater(audit::StationEvent event) {
  // The audit log belongs to the wizard's worker thread.
  WizardController* wizard = &wizard_;
  wizard_.runner().Run([wizard, event = std::move(event)] { wizard->Audit(event); }, [] {});
}

void PapersController::PostWarnings(enrollment::Visit& visit, std::weak_ptr<bool> alive) {
  std::map<std::string, std::vector<std::string>> warnings;
  for (size_t i = 0; i < visit.enrollment().papers.size(); ++i) {
    auto fields = visit.HolderMismatches(i);
    if (!fields.empty()) warnings[std::to_string(i)] = std::move(fields);
  }
  wizard_.runner().RunOnUiThread([this, alive, warnings] {
    if (alive.expired()) return;
    warnings_ = warnings;
    if (last_) Refresh(*last_);
  });
}

void PapersController::ShowEnrollment(const enrollment::Enrollment& e) {
  last_ = e;
  citizen_id_.reset();
  for (const auto& [source, fields] : e.identity.sources) {
    if (!fields.id_number.empty()) citizen_id_ = fields.id_number;
  }
  Refresh(e);
}

void PapersController::Refresh(const enrollment::Enrollment& e) {
  std::vector<PaperListRow> rows;
  for (size_t i = 0; i < e.papers.size(); ++i) {
    const auto& paper = e.papers[i];
    PaperListRow row;
    row.index = i;
    auto type = documents::ParsePaperType(paper.type);
    row.title = type ? UiText::Tr(std::string(documents::Title(*type))) : UiText::Literal(paper.type);
    if (type) {
      if (auto it = paper.fields.find(std::string(KeyField(*type))); it != paper.fields.end()) {
        row.summary = it->second;
      }
    }
    row.original_sighted = paper.original_sighted;
    row.confirmed = paper.fields_confirmed;
    if (auto it = warnings_.find(std::to_string(i)); it != warnings_.end()) {
      for (const auto& field : it->second) row.warnings.push_back(HolderWarning(field));
    }
    rows.push_back(std::move(row));
  }
  view_.ShowPapers(rows);
}

}  // namespace kiosk::ui
