#pragma once
// What every form view can do, and the one way a form submits: mark the view busy, run the
// core call on the worker, then on the UI thread either show the error or continue.

#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "kiosk/core/result.h"
#include "ui/controllers/task_runner.h"

namespace kiosk::ui {

class FormView {
 public:
  virtual ~FormView() = default;
  virtual void SetBusy(bool busy) = 0;
  // text is already translated.
  virtual void ShowError(const std::string& text) = 0;
};

// Runs work() on the worker; then, on the UI thread, clears busy and shows the error (then calls
// on_error, if given) or calls on_success with the value. `alive` guards against a controller
// destroyed meanwhile.
template <class T>
void SubmitForm(FormView& view, TaskRunner& runner, std::weak_ptr<bool> alive,
                std::function<Result<T>()> work, std::function<void(T&)> on_success,
                std::function<void(const Error&)> on_error = {}) {
  view.SetBusy(true);
  auto result = std::make_shared<std::optional<Result<T>>>();
  runner.Run([work = std::move(work), result] { result->emplace(work()); },
             [&view, alive, result, on_success = std::move(on_success),
              on_error = std::move(on_error)] {
               if (alive.expired()) return;
               view.SetBusy(false);
               Result<T>& r = **result;
               if (!r) {
                 view.ShowError(r.error().Message());
                 if (on_error) on_error(r.error());
                 return;
               }
               on_success(*r);
             });
}

}  // namespace kiosk::ui
