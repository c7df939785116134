#pragma once
// Runs work off the UI thread and brings results back to it. The wx app implements it with a
// worker thread and CallAfter (ui/station/wx_task_runner.h); controller tests use an inline
// runner that does both at once.

#include <functional>

namespace kiosk::ui {

class TaskRunner {
 public:
  virtual ~TaskRunner() = default;
  // work runs on a worker thread; then done runs on the UI thread.
  virtual void Run(std::function<void()> work, std::function<void()> done) = 0;
  // Runs fn on the UI thread (from any thread).
  virtual void RunOnUiThread(std::function<void()> fn) = 0;
};

// Runs everything at once on the calling thread: for tests and for the CLI.
class InlineTaskRunner final : public TaskRunner {
 public:
  void Run(std::function<void()> work, std::function<void()> done) override {
    work();
    done();
  }
  void RunOnUiThread(std::function<void()> fn) override { fn(); }
};

}  // namespace kiosk::ui
