#include "ui/station/wx_task_runner.h"

#include <wx/app.h>

namespace kiosk::ui {

void WxTaskRunner::Run(std::function<void()> work, std::function<void()> done) {
  worker_.Post([this, work = std::move(work), done = std::move(done)]() mutable {
    work();
    RunOnUiThread(std::move(done));
  });
}

void WxTaskRunner::RunOnUiThread(std::function<void()> fn) {
  if (wxTheApp != nullptr) wxTheApp->CallAfter(std::move(fn));
}

}  // namespace kiosk::ui
