#pragma once
// First run (creating the station's first administrator) and the forced password change at
// first sign-in, without any GUI. The core (auth::OperatorDirectory) enforces the rules; these
// controllers only check what the officer can fix at once (fields empty, passwords differ).

#include <functional>
#include <memory>
#include <string>

#include "kiosk/auth/operator_directory.h"
#include "ui/controllers/form.h"

namespace kiosk::ui {

class FirstRunController {
 public:
  FirstRunController(FormView& view, auth::OperatorDirectory& directory, TaskRunner& runner,
                     std::function<void()> on_created);
  void Submit(const std::string& username, const std::string& display_name,
              SecretString password, SecretString repeat);

 private:
  FormView& view_;
  auth::OperatorDirectory& directory_;
  TaskRunner& runner_;
  std::function<void()> on_created_;
  std::shared_ptr<bool> alive_ = std::make_shared<bool>(true);
};

class ChangePasswordController {
 public:
  ChangePasswordController(FormView& view, auth::OperatorDirectory& directory, TaskRunner& runner,
                           std::function<void(const auth::Session&)> on_changed);
  void Submit(const auth::Session& session, SecretString current, SecretString next,
              SecretString repeat);

 private:
  FormView& view_;
  auth::OperatorDirectory& directory_;
  TaskRunner& runner_;
  std::function<void(const auth::Session&)> on_changed_;
  std::shared_ptr<bool> alive_ = std::make_shared<bool>(true);
};

}  // namespace kiosk::ui
