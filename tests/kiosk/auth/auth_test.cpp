#include <gtest/gtest.h>

#include <chrono>

#include "kiosk/auth/idle_lock.h"
#include "kiosk/auth/operator_directory.h"
#include "kiosk/auth/password.h"
#include "kiosk/auth/permissions.h"
#include "tests/kiosk/store/store_fixture.h"

namespace kiosk::auth {
namespace {

SecretString Pw(const char* text) { return SecretString(text); }

TEST(PasswordPolicy, AcceptsVneidShapedPassword) {
  EXPECT_TRUE(CheckPasswordPolicy(Pw("Station#2026")));
}

TEST(PasswordPolicy, RefusesEachMissingRule) {
  for (const char* bad : {"Sh0rt!", "ThisPasswordIsFarTooLong#2026", "nouppercase1!",
                          "NOLOWERCASE1!", "NoDigitsHere!", "NoSpecial2026", "Bad space1!",
                          "Dấu2026!aA"}) {
    auto r = CheckPasswordPolicy(Pw(bad));
    ASSERT_FALSE(r) << bad;
    EXPECT_EQ(r.error().code(), ErrorCode::kPolicyViolation) << bad;
  }
}

TEST(PasswordHash, VerifiesOnlyTheRightPassword) {
  auto hash = HashPassword(Pw("Station#2026"), PasswordHashCost::ForTests());
  ASSERT_TRUE(hash);
  EXPECT_EQ(hash->rfind("scrypt$10$8$1$", 0), 0u);
  EXPECT_TRUE(*VerifyPassword(Pw("Station#2026"), *hash));
  EXPECT_FALSE(*VerifyPassword(Pw("Station#2027"), *hash));
}

TEST(PasswordHash, DamagedHash_IsParseError) {
  for (const char* bad : {"", "scrypt$", "bcrypt$10$8$1$00$00", "scrypt$10$8$1$zz$00",
                          "scrypt$99$8$1$00$" "0000000000000000000000000000000000000000000000000000000000000000"}) {
    auto r = VerifyPassword(Pw("x"), bad);
    EXPECT_FALSE(r) << bad;
  }
}

TEST(Permissions, RoleMatrix) {
  EXPECT_FALSE(Allows(Role::kOfficer, Action::kApproveRecords));
  EXPECT_TRUE(Allows(Role::kSupervisor, Action::kApproveRecords));
  EXPECT_FALSE(Allows(Role::kTechnician, Action::kReadCitizenData));
  EXPECT_FALSE(Allows(Role::kAdministrator, Action::kReadCitizenData));
  EXPECT_TRUE(Allows(Role::kAdministrator, Action::kManageOperators));
  EXPECT_FALSE(Allows(Role::kSupervisor, Action::kManageOperators));
  EXPECT_TRUE(Allows(Role::kOfficer, Action::kEnroll));
  EXPECT_FALSE(Allows(Role::kTechnician, Action::kEnroll));
}

TEST(Permissions, MustChangePassword_BlocksEverything) {
  Session s{"o1", "O", Role::kOfficer, true};
  auto r = Require(s, Action::kEnroll);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code(), ErrorCode::kPolicyViolation);
}

TEST(IdleLock, ExpiresAfterTimeoutAndTouchResets) {
  kiosk::testing::FakeClock clock;
  IdleLock lock(clock, std::chrono::minutes(5));
  clock.Advance(std::chrono::minutes(4));
  EXPECT_FALSE(lock.Expired());
  lock.Touch();
  clock.Advance(std::chrono::minutes(4));
  EXPECT_FALSE(lock.Expired());
  clock.Advance(std::chrono::minutes(1));
  EXPECT_TRUE(lock.Expired());
}

class DirectoryTest : public store::testing_support::StoreFixture {
 protected:
  void SetUp() override {
    StoreFixture::SetUp();
    policy_.lockout_failures = 3;
    policy_.lockout_minutes = 15;
    directory_ = std::make_unique<OperatorDirectory>(store(), policy_, PasswordHashCost::ForTests());
    ASSERT_TRUE(*directory_->NeedsBootstrap());
    ASSERT_TRUE(directory_->BootstrapAdministrator({"admin", "Admin", Role::kAdministrator},
                                                   Pw("Admin#2026x")));
    auto s = directory_->SignIn("admin", Pw("Admin#2026x"));
    ASSERT_TRUE(s) << s.error().ToLogString();
    admin_ = *s;
  }
  Config::Policy policy_;
  std::unique_ptr<OperatorDirectory> directory_;
  Session admin_;
};

TEST_F(DirectoryTest, Bootstrap_OnlyOnce) {
  auto r = directory_->BootstrapAdministrator({"admin2", "", Role::kAdministrator},
                                              Pw("Admin#2026x"));
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code(), ErrorCode::kAlreadyExists);
}

TEST_F(DirectoryTest, WrongUserAndWrongPassword_GiveTheSameMessage) {
  auto unknown = directory_->SignIn("nobody", Pw("Admin#2026x"));
  auto wrong = directory_->SignIn("admin", Pw("Wrong#2026x"));
  ASSERT_FALSE(unknown);
  ASSERT_FALSE(wrong);
  EXPECT_EQ(unknown.error(), wrong.error());
  EXPECT_EQ(unknown.error().code(), ErrorCode::kUnauthenticated);
}

TEST_F(DirectoryTest, NewOperator_MustChangePasswordFirst) {
  ASSERT_TRUE(directory_->AddOperator(admin_, {"officer1", "Officer One", Role::kOfficer},
                                      Pw("Temp#2026ab")));
  auto s = directory_->SignIn("officer1", Pw("Temp#2026ab"));
  ASSERT_TRUE(s);
  EXPECT_TRUE(s->must_change_password);
  EXPECT_FALSE(Authorize(store(), *s, Action::kEnroll));
  EXPECT_FALSE(directory_->ChangePassword("officer1", Pw("Temp#2026ab"), Pw("Temp#2026ab")));
  ASSERT_TRUE(directory_->ChangePassword("officer1", Pw("Temp#2026ab"), Pw("Mine#2026cd")));
  auto again = directory_->SignIn("officer1", Pw("Mine#2026cd"));
  ASSERT_TRUE(again);
  EXPECT_FALSE(again->must_change_password);
  EXPECT_TRUE(Authorize(store(), *again, Action::kEnroll));
  EXPECT_FALSE(Authorize(store(), *again, Action::kApproveRecords));
}

TEST_F(DirectoryTest, Lockout_AfterFailures_ThenExpires) {
  for (int i = 0; i < 2; ++i) {
    EXPECT_EQ(directory_->SignIn("admin", Pw("Wrong#2026x")).error().code(),
              ErrorCode::kUnauthenticated);
  }
  EXPECT_EQ(directory_->SignIn("admin", Pw("Wrong#2026x")).error().code(), ErrorCode::kLocked);
  auto locked = directory_->SignIn("admin", Pw("Admin#2026x"));
  ASSERT_FALSE(locked);
  EXPECT_EQ(locked.error().code(), ErrorCode::kLocked);
  EXPECT_EQ(locked.error().args().at(0), "15");
  clock_.Advance(std::chrono::minutes(15));
  EXPECT_TRUE(directory_->SignIn("admin", Pw("Admin#2026x")));
}

TEST_F(DirectoryTest, AdminLock_BlocksSignInAndExistingSessions) {
  ASSERT_TRUE(directory_->AddOperator(admin_, {"sup1", "", Role::kSupervisor}, Pw("Temp#2026ab")));
  ASSERT_TRUE(directory_->ChangePassword("sup1", Pw("Temp#2026ab"), Pw("Mine#2026cd")));
  auto s = directory_->SignIn("sup1", Pw("Mine#2026cd"));
  ASSERT_TRUE(s);
  ASSERT_TRUE(directory_->LockOperator(admin_, "sup1"));
  EXPECT_EQ(directory_->SignIn("sup1", Pw("Mine#2026cd")).error().code(), ErrorCode::kLocked);
  EXPECT_FALSE(Authorize(store(), *s, Action::kApproveRecords));
  ASSERT_TRUE(directory_->UnlockOperator(admin_, "sup1"));
  EXPECT_TRUE(directory_->SignIn("sup1", Pw("Mine#2026cd")));
  EXPECT_FALSE(directory_->LockOperator(admin_, "admin"));
}

TEST_F(DirectoryTest, OnlyAdministratorManagesUsers) {
  ASSERT_TRUE(directory_->AddOperator(admin_, {"sup1", "", Role::kSupervisor}, Pw("Temp#2026ab")));
  ASSERT_TRUE(directory_->ChangePassword("sup1", Pw("Temp#2026ab"), Pw("Mine#2026cd")));
  auto sup = directory_->SignIn("sup1", Pw("Mine#2026cd"));
  auto r = directory_->AddOperator(*sup, {"x12", "", Role::kOfficer}, Pw("Temp#2026ab"));
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code(), ErrorCode::kPermissionDenied);
  EXPECT_FALSE(directory_->ListOperators(*sup));
  auto list = directory_->ListOperators(admin_);
  ASSERT_TRUE(list);
  EXPECT_EQ(list->size(), 2u);
}

TEST_F(DirectoryTest, ResetPassword_ForcesChange) {
  ASSERT_TRUE(directory_->AddOperator(admin_, {"off1", "", Role::kOfficer}, Pw("Temp#2026ab")));
  ASSERT_TRUE(directory_->ResetPassword(admin_, "off1", Pw("Reset#2026ab")));
  auto s = directory_->SignIn("off1", Pw("Reset#2026ab"));
  ASSERT_TRUE(s);
  EXPECT_TRUE(s->must_change_password);
  EXPECT_EQ(directory_->ResetPassword(admin_, "ghost", Pw("Reset#2026ab")).error().code(),
            ErrorCode::kNotFound);
}

TEST_F(DirectoryTest, BadUserNames_AreRefused) {
  for (const char* bad : {"ab", "Upper", "with space", "x;drop"}) {
    EXPECT_FALSE(directory_->AddOperator(admin_, {bad, "", Role::kOfficer}, Pw("Temp#2026ab")))
        << bad;
  }
}

TEST_F(DirectoryTest, SignInsAreAudited) {
  (void)directory_->SignIn("admin", Pw("Wrong#2026x"));
  auto entries = store().audit().List();
  ASSERT_TRUE(entries);
  ASSERT_GE(entries->size(), 3u);
  EXPECT_EQ(entries->back().action, "auth.sign_in");
  EXPECT_EQ(entries->back().outcome, "denied");
  EXPECT_TRUE(store().audit().Verify()->ok);
}

}  // namespace
}  // namespace kiosk::auth
