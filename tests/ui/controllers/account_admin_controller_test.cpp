// The administrator's accounts screen without a display: a fake view, the inline runner, the real
// OperatorDirectory over an encrypted store (RecordsFixture: admin, officer1, super1, tech1).
#include <gtest/gtest.h>

#include <algorithm>

#include "kiosk/core/i18n.h"
#include "tests/kiosk/batch/records_fixture.h"
#include "ui/controllers/account_controllers.h"

namespace kiosk::ui {
namespace {

using batch::testing_support::Pw;

class FakeAccountsView final : public AccountAdminView {
 public:
  void SetBusy(bool busy) override { busy_now = busy; }
  void ShowError(const std::string& text) override { errors.push_back(text); }
  void ShowAccounts(const std::vector<AccountRow>& list) override {
    rows = list;
    ++shown;
  }
  void ShowNotice(const std::string& text) override { notices.push_back(text); }
  void AccountCreated() override { ++created; }

  const AccountRow* Row(const std::string& name) const {
    auto it = std::find_if(rows.begin(), rows.end(), [&](const AccountRow& r) { return r.username == name; });
    return it == rows.end() ? nullptr : &*it;
  }
  std::string LastError() const { return errors.empty() ? "" : errors.back(); }

  bool busy_now = false;
  int shown = 0, created = 0;
  std::vector<AccountRow> rows;
  std::vector<std::string> errors, notices;
};

class AccountAdminControllerTest : public batch::testing_support::RecordsFixture {
 protected:
  void SetUp() override {
    RecordsFixture::SetUp();
    ASSERT_TRUE(i18n::SetLanguage("en"));
  }
  void TearDown() override { (void)i18n::SetLanguage("vi"); }

  std::unique_ptr<AccountAdminController> ControllerFor(const auth::Session& session) {
    return std::make_unique<AccountAdminController>(view_, *directory_, runner_, clock_, session);
  }

  // The audit entries about `user` with `action`.
  int Audited(const std::string& action, const std::string& user) {
    auto entries = store().audit().List();
    EXPECT_TRUE(entries);
    return static_cast<int>(std::count_if(entries->begin(), entries->end(), [&](const audit::Entry& e) {
      return e.action == action && e.record == user && e.actor == "admin" && e.outcome == "ok";
    }));
  }

  InlineTaskRunner runner_;
  FakeAccountsView view_;
};

TEST_F(AccountAdminControllerTest, Refresh_ListsEveryAccountWithRoleAndState) {
  auto c = ControllerFor(admin_);
  c->Refresh();
  ASSERT_EQ(view_.rows.size(), 4u) << view_.LastError();
  const AccountRow* admin = view_.Row("admin");
  ASSERT_NE(admin, nullptr);
  EXPECT_TRUE(admin->is_self);
  EXPECT_FALSE(admin->CanDisable()) << "an administrator is not offered to disable themselves";
  EXPECT_EQ(admin->role_text, "Administrator");
  const AccountRow* officer = view_.Row("officer1");
  ASSERT_NE(officer, nullptr);
  EXPECT_EQ(officer->role, auth::Role::kOfficer);
  EXPECT_EQ(officer->state_text, "Active");
  EXPECT_TRUE(officer->CanDisable());
  EXPECT_FALSE(officer->CanEnable());
  EXPECT_FALSE(officer->CanUnlock());
  EXPECT_FALSE(view_.busy_now);
}

TEST_F(AccountAdminControllerTest, Create_Officer_MustChangePasswordAtFirstSignIn_AndIsAudited) {
  auto c = ControllerFor(admin_);
  c->Create({"canbo2", "Lê Văn Thử", auth::Role::kOfficer, Pw("Temp!2026zz"), Pw("Temp!2026zz")});
  ASSERT_TRUE(view_.errors.empty()) << view_.LastError();
  EXPECT_EQ(view_.created, 1);
  ASSERT_FALSE(view_.notices.empty());
  EXPECT_NE(view_.notices.back().find("canbo2"), std::string::npos);
  const AccountRow* row = view_.Row("canbo2");
  ASSERT_NE(row, nullptr) << "the list is reloaded after a change";
  EXPECT_EQ(row->display_name, "Lê Văn Thử");
  EXPECT_TRUE(row->must_change_password);
  EXPECT_NE(row->state_text.find("must change the password"), std::string::npos) << row->state_text;

  auto first = directory_->SignIn("canbo2", Pw("Temp!2026zz"));
  ASSERT_TRUE(first);
  EXPECT_TRUE(first->must_change_password);
  EXPECT_EQ(first->role, auth::Role::kOfficer);
  EXPECT_EQ(Audited("user.add", "canbo2"), 1);
}

TEST_F(AccountAdminControllerTest, Create_BadInput_IsRefusedWithReasonAndCreatesNothing) {
  auto c = ControllerFor(admin_);
  c->Create({"canbo2", "", auth::Role::kOfficer, Pw("Temp!2026zz"), Pw("Temp!2026zz")});
  EXPECT_EQ(view_.LastError(), "Fill in every field.");
  c->Create({"canbo2", "Lê Văn Thử", auth::Role::kOfficer, Pw("Temp!2026zz"), Pw("Temp!2026zy")});
  EXPECT_EQ(view_.LastError(), "The two passwords are not the same.");
  // The core's password policy (VNeID rules) and user-name rule, in words.
  c->Create({"canbo2", "Lê Văn Thử", auth::Role::kOfficer, Pw("password"), Pw("password")});
  EXPECT_FALSE(view_.LastError().empty());
  c->Create({"Cán Bộ", "Lê Văn Thử", auth::Role::kOfficer, Pw("Temp!2026zz"), Pw("Temp!2026zz")});
  EXPECT_NE(view_.LastError().find("3 to 32 characters"), std::string::npos) << view_.LastError();
  // An existing name.
  c->Create({"officer1", "Again", auth::Role::kOfficer, Pw("Temp!2026zz"), Pw("Temp!2026zz")});
  EXPECT_NE(view_.LastError().find("exists"), std::string::npos) << view_.LastError();
  EXPECT_EQ(view_.errors.size(), 5u);
  EXPECT_EQ(view_.created, 0);
  auto list = directory_->ListOperators(admin_);
  ASSERT_TRUE(list);
  EXPECT_EQ(list->size(), 4u);
}

TEST_F(AccountAdminControllerTest, NonAdministrator_IsRefusedByTheCore_NotOnlyByTheScreen) {
  for (const auth::Session& session : {officer_, supervisor_, technician_}) {
    FakeAccountsView view;
    AccountAdminController c(view, *directory_, runner_, clock_, session);
    c.Refresh();
    EXPECT_TRUE(view.rows.empty());
    ASSERT_FALSE(view.errors.empty()) << auth::ToString(session.role);
    c.Create({"sneaky", "Sneaky", auth::Role::kAdministrator, Pw("Temp!2026zz"), Pw("Temp!2026zz")});
    c.Disable("admin");
    c.ResetPassword("admin", Pw("Temp!2026zz"), Pw("Temp!2026zz"));
    EXPECT_EQ(view.errors.size(), 4u) << auth::ToString(session.role);
    EXPECT_TRUE(view.notices.empty());
  }
  // The core itself, called directly with a supervisor's session.
  auto added = directory_->AddOperator(supervisor_, {"sneaky", "", auth::Role::kAdministrator},
                                       Pw("Temp!2026zz"));
  ASSERT_FALSE(added);
  EXPECT_EQ(added.error().code(), ErrorCode::kPermissionDenied);
  EXPECT_FALSE(directory_->SignIn("sneaky", Pw("Temp!2026zz")));
  auto admin = directory_->SignIn("admin", Pw("Admin#2026x"));
  EXPECT_TRUE(admin) << "the administrator was neither disabled nor reset";
}

TEST_F(AccountAdminControllerTest, DisableThenEnable_BlocksAndRestoresSignIn_Audited) {
  auto c = ControllerFor(admin_);
  c->Refresh();
  c->Disable("officer1");
  ASSERT_TRUE(view_.errors.empty()) << view_.LastError();
  const AccountRow* row = view_.Row("officer1");
  ASSERT_NE(row, nullptr);
  EXPECT_TRUE(row->disabled);
  EXPECT_TRUE(row->CanEnable());
  EXPECT_EQ(row->state_text, "Disabled by an administrator");
  auto refused = directory_->SignIn("officer1", Pw("Mine#2026cd"));
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code(), ErrorCode::kLocked);
  // A session opened before the disable is refused too (the core re-reads the account).
  EXPECT_FALSE(records_->List(officer_));

  c->Enable("officer1");
  ASSERT_TRUE(view_.errors.empty()) << view_.LastError();
  EXPECT_FALSE(view_.Row("officer1")->disabled);
  EXPECT_TRUE(directory_->SignIn("officer1", Pw("Mine#2026cd")));
  EXPECT_EQ(Audited("user.lock", "officer1"), 1);
  EXPECT_EQ(Audited("user.unlock", "officer1"), 1);
}

TEST_F(AccountAdminControllerTest, Disable_Self_IsRefused_SoTheLastAdministratorStays) {
  auto c = ControllerFor(admin_);
  c->Refresh();
  c->Disable("admin");
  EXPECT_EQ(view_.LastError(), "You cannot disable your own account.");
  // The core refuses it as well, whatever the screen does.
  auto self = directory_->LockOperator(admin_, "admin");
  ASSERT_FALSE(self);
  EXPECT_EQ(self.error().code(), ErrorCode::kPolicyViolation);
  // With a second administrator, either may disable the other, never the last active one:
  // the one acting is always an active administrator, and cannot disable themselves.
  c->Create({"admin2", "Second", auth::Role::kAdministrator, Pw("Temp!2026zz"), Pw("Temp!2026zz")});
  ASSERT_TRUE(directory_->ChangePassword("admin2", Pw("Temp!2026zz"), Pw("Mine!2026zz")));
  auto admin2 = directory_->SignIn("admin2", Pw("Mine!2026zz"));
  ASSERT_TRUE(admin2);
  FakeAccountsView second_view;
  AccountAdminController second(second_view, *directory_, runner_, clock_, *admin2);
  second.Disable("admin");
  ASSERT_TRUE(second_view.errors.empty()) << second_view.LastError();
  // admin is disabled: its session no longer manages anything, so it cannot disable admin2.
  c->Disable("admin2");
  EXPECT_FALSE(view_.errors.empty());
  second.Disable("admin2");
  EXPECT_EQ(second_view.LastError(), "You cannot disable your own account.");
  auto list = directory_->ListOperators(*admin2);
  ASSERT_TRUE(list);
  const auto active_admins = std::count_if(list->begin(), list->end(), [](const auth::OperatorInfo& o) {
    return o.role == auth::Role::kAdministrator && !o.disabled;
  });
  EXPECT_EQ(active_admins, 1);
}

TEST_F(AccountAdminControllerTest, LockedOutAccount_ShowsMinutesLeft_UnlockLetsItSignInAtOnce) {
  for (int i = 0; i < policy_.lockout_failures; ++i) {
    EXPECT_FALSE(directory_->SignIn("super1", Pw("Wrong!2026x")));
  }
  ASSERT_FALSE(directory_->SignIn("super1", Pw("Mine#2026cd"))) << "locked out now";
  auto c = ControllerFor(admin_);
  c->Refresh();
  const AccountRow* row = view_.Row("super1");
  ASSERT_NE(row, nullptr);
  EXPECT_TRUE(row->locked_out);
  EXPECT_TRUE(row->CanUnlock());
  EXPECT_NE(row->state_text.find(std::to_string(policy_.lockout_minutes)), std::string::npos)
      << row->state_text;
  clock_.Advance(std::chrono::minutes(policy_.lockout_minutes - 1));
  c->Refresh();
  EXPECT_NE(view_.Row("super1")->state_text.find("1 more minute"), std::string::npos)
      << view_.Row("super1")->state_text;

  c->Unlock("super1");
  ASSERT_TRUE(view_.errors.empty()) << view_.LastError();
  EXPECT_FALSE(view_.Row("super1")->locked_out);
  EXPECT_EQ(view_.Row("super1")->state_text, "Active");
  EXPECT_TRUE(directory_->SignIn("super1", Pw("Mine#2026cd")));
  EXPECT_EQ(Audited("user.unlock", "super1"), 1);
}

TEST_F(AccountAdminControllerTest, ResetPassword_TemporaryPasswordMustBeChanged_OldOneStops) {
  auto c = ControllerFor(admin_);
  c->Refresh();
  c->ResetPassword("", Pw("Temp!2026zz"), Pw("Temp!2026zz"));
  EXPECT_EQ(view_.LastError(), "Choose an account in the list first.");
  c->ResetPassword("tech1", Pw("Temp!2026zz"), Pw("Temp!2026zy"));
  EXPECT_EQ(view_.LastError(), "The two passwords are not the same.");
  c->ResetPassword("tech1", Pw("weak"), Pw("weak"));
  EXPECT_EQ(view_.errors.size(), 3u);
  c->ResetPassword("nobody", Pw("Temp!2026zz"), Pw("Temp!2026zz"));
  EXPECT_EQ(view_.errors.size(), 4u) << "an unknown account is refused by the core";

  c->ResetPassword("tech1", Pw("Temp!2026zz"), Pw("Temp!2026zz"));
  EXPECT_EQ(view_.errors.size(), 4u) << view_.LastError();
  EXPECT_TRUE(view_.Row("tech1")->must_change_password);
  EXPECT_FALSE(directory_->SignIn("tech1", Pw("Mine#2026cd")));
  auto fresh = directory_->SignIn("tech1", Pw("Temp!2026zz"));
  ASSERT_TRUE(fresh);
  EXPECT_TRUE(fresh->must_change_password);
  EXPECT_EQ(Audited("user.reset_password", "tech1"), 1);
}

TEST_F(AccountAdminControllerTest, Rows_InVietnamese_NameEveryRoleAndState) {
  ASSERT_TRUE(i18n::SetLanguage("vi"));
  std::vector<auth::OperatorInfo> ops = {
      {"a", "A", auth::Role::kAdministrator, false, false, 0, 0, 0},
      {"b", "B", auth::Role::kOfficer, true, false, 0, 0, 0},
      {"c", "C", auth::Role::kSupervisor, false, true, 0, 0, 0},
      {"d", "D", auth::Role::kTechnician, false, false, 1000 + 600, 0, 0},
  };
  auto rows = AccountAdminController::Rows(ops, "a", 1000);
  ASSERT_EQ(rows.size(), 4u);
  for (const auto& row : rows) {
    EXPECT_FALSE(row.role_text.empty());
    EXPECT_NE(row.role_text, std::string(auth::DisplayName(row.role))) << "translated: " << row.role_text;
    const bool accented = std::any_of(row.state_text.begin(), row.state_text.end(),
                                      [](char ch) { return static_cast<unsigned char>(ch) >= 0x80; });
    EXPECT_TRUE(accented) << "state in Vietnamese: " << row.state_text;
  }
  EXPECT_TRUE(rows[3].locked_out);
  EXPECT_NE(rows[3].state_text.find("10"), std::string::npos) << rows[3].state_text;
}

}  // namespace
}  // namespace kiosk::ui
