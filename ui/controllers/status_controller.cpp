#include "ui/controllers/status_controller.h"

#include <cctype>

#include "kiosk/batch/record_number.h"
#include "kiosk/documents/receipt.h"
#include "kiosk/core/i18n.h"

namespace kiosk::ui {

namespace {

bool InNumberAlphabet(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '-' || c == '_' || c == '.';
}

// The station's own answer when no sync service is wired: what the citizen should hear.
std::string_view CitizenText(batch::RecordStatus status) {
  using S = batch::RecordStatus;
  switch (status) {
    case S::kDraft:
    case S::kSealed:
    case S::kApproved:
      return N_("Your application was received at this station and is being checked.");
    case S::kRejected:
      return N_("Your application was not accepted at this station. Please see the officer.");
    case S::kQueued:
    case S::kSent:
      return N_("Your application was approved here and is on its way to the central office.");
    case S::kAcknowledged:
    case S::kReceivedForProcessing:
      return N_("The central office has received your application for processing.");
    case S::kNotAccepted:
      return N_("The central office did not accept your application. Please see the officer.");
    case S::kCentralApproved:
      return N_("Your application has been approved.");
  }
  return "";
}

}  // namespace

std::optional<std::string> ExtractRecordNumber(const std::string& input) {
  // Whole input first: a record number may itself contain '.', '-' and '_'.
  size_t first = input.find_first_not_of(" \t\r\n");
  size_t last = input.find_last_not_of(" \t\r\n");
  if (first == std::string::npos) return std::nullopt;
  std::string trimmed = input.substr(first, last - first + 1);
  if (batch::IsValidRecordNumber(trimmed)) return trimmed;
  // Then every run of the number's alphabet (a receipt payload: "HS:<number>|…", JSON, URL…).
  size_t i = 0;
  while (i < trimmed.size()) {
    while (i < trimmed.size() && !InNumberAlphabet(trimmed[i])) ++i;
    size_t j = i;
    while (j < trimmed.size() && InNumberAlphabet(trimmed[j])) ++j;
    if (j > i) {
      std::string token = trimmed.substr(i, j - i);
      if (batch::IsValidRecordNumber(token)) return token;
    }
    i = j;
  }
  return std::nullopt;
}

StatusController::StatusController(StatusView& view, TaskRunner& runner,
                                   station::SyncControl* sync, batch::Records* records,
                                   auth::Session session)
    : view_(view), runner_(runner), sync_(sync), records_(records), session_(std::move(session)) {}

void StatusController::Lookup(const std::string& input) {
  // A receipt's QR carries a check value: a damaged or forged code is refused in words instead
  // of being searched for something that looks like a number.
  std::optional<std::string> number;
  if (input.find("KIOSK-RCPT") != std::string::npos) {
    auto parsed = documents::ParseReceiptQr(input.substr(input.find("KIOSK-RCPT")));
    if (!parsed) {
      view_.ShowError(parsed.error().Message());
      return;
    }
    number = *parsed;
  } else {
    number = ExtractRecordNumber(input);
  }
  if (!number) {
    view_.ShowError(i18n::tr("This is not a record number. Type the number printed on the receipt, or scan its QR code."));
    return;
  }
  if (sync_ == nullptr && records_ == nullptr) {
    view_.ShowError(i18n::tr("Status lookup is not available: the station's store is not set up."));
    return;
  }
  auto sync = sync_;
  auto records = records_;
  auto session = session_;
  SubmitForm<StatusAnswer>(
      view_, runner_, alive_,
      [sync, records, session, number = *number]() -> Result<StatusAnswer> {
        StatusAnswer answer;
        answer.record_number = number;
        if (sync != nullptr) {
          auto status = sync->Status(number);
          if (!status) {
            if (status.error().code() == ErrorCode::kNotFound) {
              return Fail(Error(ErrorCode::kNotFound, "No record with this number is known."));
            }
            return Fail(status.error());
          }
          answer.headline = status->citizen_text;
          answer.local_state = status->local_state;
          answer.changed_at = status->changed_at;
          return answer;
        }
        auto summary = records->Get(session, number);
        if (!summary) {
          if (summary.error().code() == ErrorCode::kNotFound) {
            return Fail(Error(ErrorCode::kNotFound, "No record with this number is known."));
          }
          return Fail(summary.error());
        }
        answer.headline = i18n::tr(CitizenText(summary->status));
        answer.local_state = i18n::tr(batch::DisplayName(summary->status));
        return answer;
      },
      [this](StatusAnswer& answer) { view_.ShowStatus(answer); });
}

}  // namespace kiosk::ui
