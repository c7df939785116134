#include "ui/controllers/account_controllers.h"

#include <gtest/gtest.h>

#include "kiosk/core/i18n.h"
#include "kiosk/store/key_provider.h"
#include "kiosk/store/store.h"
#include "tests/support/fake_clock.h"
#include "tests/support/temp_dir.h"
#include "ui/controllers/sign_in_controller.h"

namespace kiosk::ui {
namespace {

class FakeForm final : public SignInView {
 public:
  void SetBusy(bool) override {}
  void ShowError(const std::string& text) override { errors.push_back(text); }
  void ClearPassword() override {}
  void Relabel() override {}
  std::vector<std::string> errors;
};

// The controllers against a real encrypted store in a temporary directory.
class AccountControllersTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(i18n::SetLanguage("en"));
    keys = std::make_unique<store::FileKeyProvider>(
        store::FileKeyProvider::DefaultPath(dir.path()));
    store::StoreOptions options;
    options.data_dir = dir.path();
    auto opened = store::Store::Open(options, *keys, clock);
    ASSERT_TRUE(opened) << opened.error().ToLogString();
    store = std::move(*opened);
    directory = std::make_unique<auth::OperatorDirectory>(*store, Config::Policy{},
                                                          auth::PasswordHashCost::ForTests());
  }
  void TearDown() override { (void)i18n::SetLanguage("vi"); }

  testing::TempDir dir;
  testing::FakeClock clock;
  std::unique_ptr<store::FileKeyProvider> keys;
  std::unique_ptr<store::Store> store;
  std::unique_ptr<auth::OperatorDirectory> directory;
  InlineTaskRunner runner;
  FakeForm view;
};

TEST_F(AccountControllersTest, FirstRun_CreatesTheAdministratorWhoCanSignIn) {
  ASSERT_TRUE(*directory->NeedsBootstrap());
  bool created = false;
  FirstRunController first_run(view, *directory, runner, [&] { created = true; });
  first_run.Submit("admin", "Quản trị viên", SecretString("Admin!2026x"), SecretString("Admin!2026x"));
  ASSERT_TRUE(created) << (view.errors.empty() ? "" : view.errors.back());
  EXPECT_FALSE(*directory->NeedsBootstrap());

  std::vector<auth::Session> sessions;
  SignInController sign_in(view, directory.get(), runner,
                           [&](const auth::Session& s) { sessions.push_back(s); });
  sign_in.SubmitSignIn("admin", SecretString("Admin!2026x"));
  ASSERT_EQ(sessions.size(), 1u);
  EXPECT_EQ(sessions[0].role, auth::Role::kAdministrator);
}

TEST_F(AccountControllersTest, FirstRun_WeakPasswordOrMismatch_IsRefusedWithReason) {
  bool created = false;
  FirstRunController first_run(view, *directory, runner, [&] { created = true; });
  first_run.Submit("admin", "A", SecretString("Admin!2026x"), SecretString("Admin!2026y"));
  EXPECT_EQ(view.errors.back(), "The two passwords are not the same.");
  first_run.Submit("admin", "A", SecretString("short"), SecretString("short"));
  EXPECT_FALSE(created);
  EXPECT_EQ(view.errors.size(), 2u);
  EXPECT_TRUE(*directory->NeedsBootstrap()) << "a refused first run must create nothing";
}

TEST_F(AccountControllersTest, NewOfficer_MustChangePasswordThenSignsInWithTheNewOne) {
  ASSERT_TRUE(directory->BootstrapAdministrator({"admin", "Admin", auth::Role::kAdministrator},
                                                SecretString("Admin!2026x")));
  auto admin = directory->SignIn("admin", SecretString("Admin!2026x"));
  ASSERT_TRUE(admin);
  ASSERT_TRUE(directory->AddOperator(*admin, {"officer1", "Cán bộ Một", auth::Role::kOfficer},
                                     SecretString("Temp!2026a")));
  auto first = directory->SignIn("officer1", SecretString("Temp!2026a"));
  ASSERT_TRUE(first);
  EXPECT_TRUE(first->must_change_password);

  std::vector<auth::Session> changed;
  ChangePasswordController change(view, *directory, runner,
                                  [&](const auth::Session& s) { changed.push_back(s); });
  change.Submit(*first, SecretString("Temp!2026a"), SecretString("Mine!2026b"),
                SecretString("Mine!2026b"));
  ASSERT_EQ(changed.size(), 1u) << (view.errors.empty() ? "" : view.errors.back());
  EXPECT_FALSE(changed[0].must_change_password);
  EXPECT_FALSE(directory->SignIn("officer1", SecretString("Temp!2026a")));
  EXPECT_TRUE(directory->SignIn("officer1", SecretString("Mine!2026b")));
}

TEST_F(AccountControllersTest, ChangePassword_WrongCurrent_IsRefused) {
  ASSERT_TRUE(directory->BootstrapAdministrator({"admin", "Admin", auth::Role::kAdministrator},
                                                SecretString("Admin!2026x")));
  auto admin = directory->SignIn("admin", SecretString("Admin!2026x"));
  ASSERT_TRUE(admin);
  bool changed = false;
  ChangePasswordController change(view, *directory, runner,
                                  [&](const auth::Session&) { changed = true; });
  change.Submit(*admin, SecretString("Wrong!2026x"), SecretString("Next!2026x"),
                SecretString("Next!2026x"));
  EXPECT_FALSE(changed);
  ASSERT_FALSE(view.errors.empty());
}

}  // namespace
}  // namespace kiosk::ui
