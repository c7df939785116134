#include "ui/controllers/sign_in_controller.h"

#include <gtest/gtest.h>

#include <deque>
#include <functional>

#include "kiosk/core/i18n.h"

namespace kiosk::ui {
namespace {

class FakeView final : public SignInView {
 public:
  void SetBusy(bool b) override { busy_states.push_back(b); }
  void ShowError(const std::string& text) override { errors.push_back(text); }
  void ClearPassword() override { ++password_clears; }
  void Relabel() override { ++relabels; }

  std::vector<bool> busy_states;
  std::vector<std::string> errors;
  int password_clears = 0;
  int relabels = 0;
};

class FakeAuthenticator final : public auth::Authenticator {
 public:
  Result<auth::Session> SignIn(std::string_view username, const SecretString& password) override {
    ++calls;
    if (username == "officer1" && password.view() == "Ab1!good") {
      return auth::Session{"officer1", "Officer One", auth::Role::kOfficer, false};
    }
    return Fail(Error(ErrorCode::kUnauthenticated, "Wrong user name or password."));
  }
  int calls = 0;
};

// Queues work and continuations so a test can check what happens before the worker finishes.
class ManualRunner final : public TaskRunner {
 public:
  void Run(std::function<void()> work, std::function<void()> done) override {
    pending.push_back([work, done] {
      work();
      done();
    });
  }
  void RunOnUiThread(std::function<void()> fn) override { fn(); }
  void RunAll() {
    while (!pending.empty()) {
      auto job = pending.front();
      pending.pop_front();
      job();
    }
  }
  std::deque<std::function<void()>> pending;
};

class SignInControllerTest : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_TRUE(i18n::SetLanguage("en")); }
  void TearDown() override { (void)i18n::SetLanguage("vi"); }

  FakeView view;
  FakeAuthenticator auth;
  ManualRunner runner;
  std::vector<auth::Session> signed_in;
  SignInController controller{view, &auth, runner,
                              [this](const auth::Session& s) { signed_in.push_back(s); }};
};

TEST_F(SignInControllerTest, GoodCredentials_SignInOffTheUiThread) {
  controller.SubmitSignIn("officer1", SecretString("Ab1!good"));
  EXPECT_TRUE(controller.busy());
  EXPECT_EQ(view.busy_states, std::vector<bool>{true});
  EXPECT_EQ(auth.calls, 0) << "the password check must not run on the UI thread";
  runner.RunAll();
  ASSERT_EQ(signed_in.size(), 1u);
  EXPECT_EQ(signed_in[0].role, auth::Role::kOfficer);
  EXPECT_FALSE(controller.busy());
  EXPECT_EQ(view.password_clears, 1);
}

TEST_F(SignInControllerTest, WrongPassword_ShowsErrorAndClearsPassword) {
  controller.SubmitSignIn("officer1", SecretString("nope"));
  runner.RunAll();
  EXPECT_TRUE(signed_in.empty());
  ASSERT_EQ(view.errors.size(), 1u);
  EXPECT_EQ(view.errors[0], "Wrong user name or password.");
  EXPECT_EQ(view.password_clears, 1);
}

TEST_F(SignInControllerTest, EmptyFields_AreRefusedWithoutCallingTheStore) {
  controller.SubmitSignIn("", SecretString("x"));
  controller.SubmitSignIn("officer1", SecretString(""));
  runner.RunAll();
  EXPECT_EQ(auth.calls, 0);
  EXPECT_EQ(view.errors.size(), 2u);
}

TEST_F(SignInControllerTest, DoubleSubmit_WhileBusy_IsIgnored) {
  controller.SubmitSignIn("officer1", SecretString("Ab1!good"));
  controller.SubmitSignIn("officer1", SecretString("Ab1!good"));
  runner.RunAll();
  EXPECT_EQ(auth.calls, 1);
  EXPECT_EQ(signed_in.size(), 1u);
}

TEST_F(SignInControllerTest, NoStore_SaysSoInsteadOfPretending) {
  SignInController bare(view, nullptr, runner, [](const auth::Session&) { FAIL(); });
  bare.SubmitSignIn("officer1", SecretString("Ab1!good"));
  ASSERT_EQ(view.errors.size(), 1u);
  EXPECT_NE(view.errors[0].find("not set up"), std::string::npos);
}

TEST_F(SignInControllerTest, SwitchLanguage_RelabelsInVietnamese) {
  controller.SwitchLanguage("vi");
  EXPECT_EQ(view.relabels, 1);
  EXPECT_EQ(i18n::CurrentLanguage(), "vi");
  controller.SubmitSignIn("", SecretString(""));
  EXPECT_EQ(view.errors.back(), "Nhập tên đăng nhập và mật khẩu.");
}

TEST_F(SignInControllerTest, SwitchToUnknownLanguage_ShowsErrorAndKeepsLanguage) {
  controller.SwitchLanguage("xx");
  EXPECT_EQ(view.relabels, 0);
  EXPECT_EQ(view.errors.size(), 1u);
  EXPECT_EQ(i18n::CurrentLanguage(), "en");
}

}  // namespace
}  // namespace kiosk::ui
