#pragma once
// TaskRunner for the wx app: work runs on the app's serial worker thread (core objects are used
// by one thread at a time), continuations come back on the GUI thread through
// wxTheApp->CallAfter (the one RunOnUiThread helper of STYLE.md).

#include "ui/controllers/serial_worker.h"
#include "ui/controllers/task_runner.h"

namespace kiosk::ui {

class WxTaskRunner final : public TaskRunner {
 public:
  void Run(std::function<void()> work, std::function<void()> done) override;
  void RunOnUiThread(std::function<void()> fn) override;

 private:
  SerialWorker worker_;
};

}  // namespace kiosk::ui
