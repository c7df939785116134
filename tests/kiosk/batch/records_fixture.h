#pragma once
// A store with one operator per role, all past their first password change.
#include <memory>

#include "kiosk/auth/operator_directory.h"
#include "kiosk/batch/records.h"
#include "tests/kiosk/store/store_fixture.h"
#include "tests/support/sealed_record_json.h"

namespace kiosk::batch::testing_support {

inline SecretString Pw(const char* text) { return SecretString(text); }

class RecordsFixture : public store::testing_support::StoreFixture {
 protected:
  void SetUp() override {
    StoreFixture::SetUp();
    policy_.max_pending_approvals = 1000;
    policy_.max_days_since_sync = 3;
    policy_.retention_days = 30;
    Rebuild();
    ASSERT_TRUE(directory_->BootstrapAdministrator({"admin", "", auth::Role::kAdministrator},
                                                   Pw("Admin#2026x")));
    admin_ = *directory_->SignIn("admin", Pw("Admin#2026x"));
    officer_ = MakeUser("officer1", auth::Role::kOfficer);
    supervisor_ = MakeUser("super1", auth::Role::kSupervisor);
    technician_ = MakeUser("tech1", auth::Role::kTechnician);
  }

  // Services over the current store_ (call again after Reopen()).
  void Rebuild() {
    directory_ = std::make_unique<auth::OperatorDirectory>(store(), policy_,
                                                           auth::PasswordHashCost::ForTests());
    records_ = std::make_unique<Records>(store(), policy_);
  }

  auth::Session MakeUser(const std::string& name, auth::Role role) {
    EXPECT_TRUE(directory_->AddOperator(admin_, {name, "", role}, Pw("Temp#2026ab")));
    EXPECT_TRUE(directory_->ChangePassword(name, Pw("Temp#2026ab"), Pw("Mine#2026cd")));
    auto s = directory_->SignIn(name, Pw("Mine#2026cd"));
    EXPECT_TRUE(s);
    return *s;
  }

  static SecretBytes BytesOf(const std::string& text) {
    return SecretBytes(reinterpret_cast<const uint8_t*>(text.data()), text.size());
  }

  // A record the core seals without review flags, or (flagged) with a finger exception.
  static SealRequest Request(const std::string& name = "TRAN THI MAU",
                             size_t image_size = 1000, uint8_t seed = 1, bool flagged = false) {
    SealRequest request;
    request.items.push_back({"personal.json", ItemKind::kPersonal,
                             BytesOf("{\"name\":\"" + name + "\",\"id\":\"001099000001\"}")});
    SecretBytes image(image_size);
    for (size_t i = 0; i < image_size; ++i) {
      image.data()[i] = static_cast<uint8_t>((i * 131 + seed * 7 + (i >> 8)) & 0xff);
    }
    request.items.push_back({"portrait.jpg", ItemKind::kImage, std::move(image)});
    request.items.push_back({"finger.r1", ItemKind::kBiometric, BytesOf("minutiae-r1")});
    request.items.push_back({"record.json", ItemKind::kPersonal,
                             BytesOf(kiosk::testing::SealedRecordJson(name, flagged))});
    return request;
  }

  Config::Policy policy_;
  std::unique_ptr<auth::OperatorDirectory> directory_;
  std::unique_ptr<Records> records_;
  auth::Session admin_, officer_, supervisor_, technician_;
};

}  // namespace kiosk::batch::testing_support
