#pragma once
// Status lookup without any GUI: a record number typed, or the receipt's QR arriving through the
// keyboard wedge, turned into the citizen-facing status (station::SyncControl::Status, which may
// ask the central server: it runs on the worker). Without a sync service the station's own
// records answer.

#include <memory>
#include <optional>
#include <string>

#include "kiosk/auth/authenticator.h"
#include "kiosk/batch/records.h"
#include "kiosk/station/sync_control.h"
#include "ui/controllers/form.h"

namespace kiosk::ui {

struct StatusAnswer {
  std::string record_number;
  std::string headline;     // translated, what the officer reads to the citizen
  std::string local_state;  // translated
  std::string changed_at;   // may be empty
};

class StatusView : public FormView {
 public:
  virtual void ShowStatus(const StatusAnswer& answer) = 0;
};

// The record number inside what the officer typed or the scanner sent: a bare number, or a
// receipt payload that carries one among other fields (separated by anything outside the
// number's alphabet). nullopt when there is none.
std::optional<std::string> ExtractRecordNumber(const std::string& input);

class StatusController {
 public:
  // sync and records may be null (not wired); with neither every lookup says so.
  StatusController(StatusView& view, TaskRunner& runner, station::SyncControl* sync,
                   batch::Records* records, auth::Session session);

  void Lookup(const std::string& input);

 private:
  StatusView& view_;
  TaskRunner& runner_;
  station::SyncControl* sync_;
  batch::Records* records_;
  auth::Session session_;
  std::shared_ptr<bool> alive_ = std::make_shared<bool>(true);
};

}  // namespace kiosk::ui
