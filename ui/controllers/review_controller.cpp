#include "ui/controllers/review_controller.h"

#include <nlohmann/json.hpp>
#include <opencv2/imgcodecs.hpp>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <chrono>
#include <cstdio>

#include "kiosk/biometrics/face/face_matcher.h"
#include "kiosk/core/i18n.h"
#include "kiosk/emrtd/lds/dg2.h"
#include "kiosk/emrtd/lds/dg2_image.h"
#include "kiosk/enrollment/enrollment.h"
#include "kiosk/enrollment/review_flags.h"
#include "kiosk/enrollment/sealed_layout.h"
#include "ui/controllers/dashboard_controller.h"

namespace kiosk::ui {

namespace {

std::string Fill(std::string_view msgid, const std::vector<std::string>& args) {
  std::string text = i18n::tr(msgid);
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string key = "{" + std::to_string(i) + "}";
    if (auto at = text.find(key); at != std::string::npos) text.replace(at, key.size(), args[i]);
  }
  return text;
}

std::string_view ChipVerdictText(const std::string& passive) {
  if (passive == "valid") return N_("Genuine chip: the issuer's signature checks out.");
  if (passive == "not_verifiable") return N_("Not verifiable: the issuer's certificate is not in the trust store.");
  if (passive == "invalid" || passive == "failed") {
    return N_("Failed: the chip's data does not match its signature.");
  }
  return N_("The chip was not read.");
}

std::string_view FingerExceptionText(enrollment::FingerException e) {
  switch (e) {
    case enrollment::FingerException::kMissing: return N_("missing");
    case enrollment::FingerException::kAmputated: return N_("amputated");
    case enrollment::FingerException::kBandaged: return N_("bandaged");
    case enrollment::FingerException::kUnreadable: return N_("unreadable");
  }
  return "?";
}

cv::Mat DecodeImage(const SecretBytes& bytes) {
  if (bytes.size() == 0) return {};
  cv::Mat raw(1, static_cast<int>(bytes.size()), CV_8U, const_cast<uint8_t*>(bytes.data()));
  return cv::imdecode(raw, cv::IMREAD_COLOR);
}

// What the sealed record.json says about the chip, the portrait and the fingers.
void ReadSealedRecord(const SecretBytes& json_bytes, RecordDetail& detail) {
  auto json = nlohmann::json::parse(json_bytes.data(), json_bytes.data() + json_bytes.size(), nullptr, false);
  if (json.is_discarded() || !json.is_object()) return;
  // The sealed record is the canonical form, without the wizard's position: give it one so it
  // reads as an Enrollment.
  const nlohmann::json defaults = enrollment::Enrollment{};
  for (const char* key : {"current_step", "furthest_step"}) {
    if (!json.contains(key)) json[key] = defaults[key];
  }
  auto parsed = enrollment::EnrollmentFromJson(json);
  if (!parsed) {
    spdlog::warn("review: record.json: {}", parsed.error().ToLogString());
    return;
  }
  const auto& e = *parsed;
  for (auto source : {identity::IdentitySource::kChip, identity::IdentitySource::kQr,
                      identity::IdentitySource::kTyped}) {
    auto it = e.identity.sources.find(source);
    if (it == e.identity.sources.end()) continue;
    if (detail.full_name.empty()) detail.full_name = it->second.full_name;
    if (detail.id_number.empty()) detail.id_number = it->second.id_number;
  }
  detail.chip_verdict = i18n::tr(ChipVerdictText(e.identity.chip ? e.identity.chip->passive_authentication : ""));
  if (!e.identity.chip_exception.empty()) {
    detail.exceptions.push_back(Fill(N_("Chip not read: {0}"), {e.identity.chip_exception}));
  }
  for (const auto& [finger, item] : e.fingers) {
    if (!item.exception) continue;
    std::string line = Fill(N_("Finger {0}: {1}"), {std::to_string(static_cast<int>(finger)),
                                                    i18n::tr(FingerExceptionText(*item.exception))});
    if (!item.exception_note.empty()) line += " (" + item.exception_note + ")";
    detail.exceptions.push_back(std::move(line));
  }
  if (e.portrait.face_match) {
    namespace face = biometrics::face;
    char score[16];
    std::snprintf(score, sizeof score, "%.2f", *e.portrait.face_match);
    const face::FaceMatchBand band = face::BandOf(*e.portrait.face_match);
    const char* meaning = band == face::FaceMatchBand::kSamePersonLikely ? N_("same person likely")
                          : band == face::FaceMatchBand::kUncertain  ? N_("uncertain")
                                                                     : N_("different person likely");
    detail.exceptions.push_back(Fill(N_("Face comparison with the chip photo: {0} ({1})"), {score, i18n::tr(meaning)}));
  }
}

}  // namespace

ReviewController::ReviewController(ReviewView& view, TaskRunner& runner, batch::Records& records,
                                   auth::Session supervisor)
    : view_(view), runner_(runner), records_(records), supervisor_(std::move(supervisor)) {}

void ReviewController::Load() { Reload({}); }

void ReviewController::SelectBatch(int64_t batch_id) {
  batch_ = batch_id;
  view_.ClearDetail();
  Reload({});
}

void ReviewController::SetNeedsAttentionOnly(bool only) {
  attention_only_ = only;
  Reload({});
}

void ReviewController::Reload(std::string info) {
  struct Loaded {
    std::vector<BatchRow> batches;
    std::vector<RecordRow> records;
    int selected = -1;
    std::optional<int64_t> batch;
  };
  auto loaded = std::make_shared<Loaded>();
  auto wanted = batch_;
  const bool only = attention_only_;
  SubmitForm<bool>(
      view_, runner_, alive_,
      // The worker captures what it uses by value (never `this`): the view may be closed
      // before the job runs.
      [records = &records_, supervisor = supervisor_, loaded, wanted, only]() -> Result<bool> {
        auto batches = records->ListBatches(supervisor);
        if (!batches) return Fail(batches.error());
        // Newest first: the supervisor works on today's batch.
        std::reverse(batches->begin(), batches->end());
        for (const auto& b : *batches) {
          BatchRow row{b.id, {}, b.signed_off, b.awaiting_decision, b.flagged_awaiting};
          row.label = Fill(N_("{0} — {1} records, {2} to decide"),
                           {b.day, std::to_string(b.records), std::to_string(b.awaiting_decision)});
          if (b.signed_off) row.label += " — " + i18n::tr("signed");
          loaded->batches.push_back(std::move(row));
        }
        if (loaded->batches.empty()) return true;
        loaded->batch = wanted.value_or(loaded->batches.front().id);
        for (size_t i = 0; i < loaded->batches.size(); ++i) {
          if (loaded->batches[i].id == *loaded->batch) loaded->selected = static_cast<int>(i);
        }
        if (loaded->selected < 0) {
          loaded->selected = 0;
          loaded->batch = loaded->batches.front().id;
        }
        auto list = records->List(supervisor, std::nullopt, *loaded->batch);
        if (!list) return Fail(list.error());
        for (const auto& r : *list) {
          RecordRow row;
          row.record_number = r.record_number;
          row.status = r.status;
          row.needs_attention = r.status == batch::RecordStatus::kSealed && r.needs_decision;
          if (only && !row.needs_attention) continue;
          row.label = r.record_number + " — " + i18n::tr(batch::DisplayName(r.status));
          if (row.needs_attention) row.label += " — " + i18n::tr("needs a decision");
          loaded->records.push_back(std::move(row));
        }
        return true;
      },
      [this, loaded, info](bool&) {
        batch_ = loaded->batch;
        view_.ShowBatches(loaded->batches, loaded->selected);
        view_.ShowRecords(loaded->records);
        if (!info.empty()) view_.ShowInfo(info);
      });
}

void ReviewController::SelectRecord(const std::string& record_number) {
  auto detail = std::make_shared<RecordDetail>();
  SubmitForm<bool>(
      view_, runner_, alive_,
      [records = &records_, supervisor = supervisor_, detail, record_number]() -> Result<bool> {
        auto summary = records->Get(supervisor, record_number);
        if (!summary) return Fail(summary.error());
        detail->record_number = record_number;
        detail->status = i18n::tr(batch::DisplayName(summary->status));
        detail->can_decide = summary->status == batch::RecordStatus::kSealed;
        detail->sealed = Fill(N_("Sealed {0} by {1}"),
                              {StationTimeText(std::chrono::system_clock::time_point(
                                   std::chrono::seconds(summary->sealed_at))),
                               summary->sealed_by});
        auto flags = records->ReviewFlags(supervisor, record_number);
        if (!flags) return Fail(flags.error());
        // The core's reasons, in plain words (the codes are computed when the record is sealed).
        for (const auto& f : *flags) detail->flags.push_back(i18n::tr(enrollment::ReviewFlagReason(f)));
        auto items = records->Items(supervisor, record_number);
        if (!items) return Fail(items.error());
        for (const auto& item : *items) {
          const bool portrait = item.field.starts_with("portrait");
          const bool chip_face = item.field == enrollment::ChipItemName(enrollment::kDg2);
          const bool record = item.field == enrollment::kRecordItem;
          if (!portrait && !chip_face && !record) continue;
          auto bytes = records->ReadItem(supervisor, record_number, item.field);
          if (!bytes) return Fail(bytes.error());
          if (portrait) {
            detail->portrait = DecodeImage(*bytes);
          } else if (record) {
            ReadSealedRecord(*bytes, *detail);
          } else if (auto dg2 = emrtd::ParseDg2(emrtd::ByteView(bytes->data(), bytes->size()));
                     dg2 && !dg2->faces.empty()) {
            if (auto face = emrtd::DecodeFaceImage(dg2->faces.front())) detail->chip_photo = *face;
          }
        }
        return true;
      },
      [this, detail](bool&) { view_.ShowDetail(*detail); });
}

void ReviewController::Act(std::function<Result<std::string>()> action) {
  auto info = std::make_shared<std::string>();
  SubmitForm<bool>(
      view_, runner_, alive_,
      [action, info]() -> Result<bool> {
        auto done = action();
        if (!done) return Fail(done.error());
        *info = std::move(*done);
        return true;
      },
      [this, info](bool&) {
        view_.ClearDetail();
        Reload(*info);
      });
}

void ReviewController::Approve(const std::string& record_number) {
  Act([records = &records_, supervisor = supervisor_, record_number]() -> Result<std::string> {
    if (auto r = records->Approve(supervisor, record_number); !r) return Fail(r.error());
    return Fill(N_("Record {0} approved."), {record_number});
  });
}

void ReviewController::Reject(const std::string& record_number, const std::string& reason) {
  if (reason.find_first_not_of(" \t\r\n") == std::string::npos) {
    view_.ShowError(i18n::tr("A rejection needs a reason."));
    return;
  }
  Act([records = &records_, supervisor = supervisor_, record_number, reason]() -> Result<std::string> {
    if (auto r = records->Reject(supervisor, record_number, reason); !r) return Fail(r.error());
    return Fill(N_("Record {0} rejected."), {record_number});
  });
}

void ReviewController::ApproveAllUnflagged() {
  if (!batch_) {
    view_.ShowError(i18n::tr("There is no batch to review yet."));
    return;
  }
  const int64_t id = *batch_;
  Act([records = &records_, supervisor = supervisor_, id]() -> Result<std::string> {
    auto count = records->ApproveAllUnflagged(supervisor, id);
    if (!count) return Fail(count.error());
    return Fill(N_("{0} records without flags approved."), {std::to_string(*count)});
  });
}

void ReviewController::SignBatch() {
  if (!batch_) {
    view_.ShowError(i18n::tr("There is no batch to review yet."));
    return;
  }
  const int64_t id = *batch_;
  Act([records = &records_, supervisor = supervisor_, id]() -> Result<std::string> {
    if (auto r = records->SignBatch(supervisor, id); !r) return Fail(r.error());
    return i18n::tr("Batch signed: its approved records are queued for upload.");
  });
}

}  // namespace kiosk::ui
