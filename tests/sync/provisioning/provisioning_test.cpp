#include "sync/station/provisioning.h"

#include <gtest/gtest.h>

#include <fstream>
#include <set>

#include "kiosk/auth/operator_directory.h"
#include "kiosk/core/i18n.h"
#include "kiosk/store/key_provider.h"
#include "kiosk/store/settings.h"
#include "sync/server/pki.h"
#include "sync/station/sync_engine.h"
#include "tests/support/temp_dir.h"

namespace kiosk::sync {
namespace {

namespace fs = std::filesystem;

class ProvisioningTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(i18n::SetLanguage("en"));
    ASSERT_TRUE(pki::InitPki(ca_dir_.path()));
    keys_ = std::make_unique<store::FileKeyProvider>(store::FileKeyProvider::DefaultPath(data_.path()));
    store::StoreOptions options;
    options.data_dir = data_.path();
    auto opened = store::Store::Open(options, *keys_, SystemClock::Instance());
    ASSERT_TRUE(opened) << opened.error().ToLogString();
    store_ = std::move(*opened);
    directory_ = std::make_unique<auth::OperatorDirectory>(*store_, Config::Policy{},
                                                           auth::PasswordHashCost::ForTests());
    ASSERT_TRUE(directory_->BootstrapAdministrator({"admin", "Admin", auth::Role::kAdministrator},
                                                   SecretString("Admin!2026x")));
    auto admin = directory_->SignIn("admin", SecretString("Admin!2026x"));
    ASSERT_TRUE(admin);
    for (auto [user, role] : {std::pair{"tech1", auth::Role::kTechnician},
                              std::pair{"officer1", auth::Role::kOfficer}}) {
      ASSERT_TRUE(directory_->AddOperator(*admin, {user, user, role}, SecretString("Temp!2026a")));
      ASSERT_TRUE(directory_->ChangePassword(user, SecretString("Temp!2026a"),
                                             SecretString("Mine!2026b")));
    }
    technician_ = *directory_->SignIn("tech1", SecretString("Mine!2026b"));
    officer_ = *directory_->SignIn("officer1", SecretString("Mine!2026b"));

    ProvisioningOptions p;
    p.config.data_dir = data_.path();
    p.config.server.proxy = "http://proxyuser:S3cret-Pass@proxy.test:3128";
    p.store = store_.get();
    p.trust_dir = data_ / "trust";
    p.probe_devices = [this](std::string_view area) {
      probed_.emplace_back(area);
      return std::vector<diag::Check>{
          {"camera", "device 0", diag::Status::kOk, N_("Camera works"), {}}};
    };
    p.probe_server = [](const Config&) {
      return std::vector<diag::Check>{
          {"server", "", diag::Status::kMissing, N_("No server configured"), {}}};
    };
    provisioning_ = MakeStationProvisioning(std::move(p));
  }

  // Generates the CSR, has the test CA sign it, imports CA and certificate.
  void Register(const std::string& id) {
    auto csr = provisioning_->GenerateCsr(technician_, id, "Unit 7", data_ / "out.csr");
    ASSERT_TRUE(csr) << csr.error().ToLogString();
    std::ifstream in(*csr);
    std::string pem((std::istreambuf_iterator<char>(in)), {});
    auto issued = pki::IssueStationCertificate(ca_dir_.path(), pem);
    ASSERT_TRUE(issued) << issued.error().ToLogString();
    auto ca = provisioning_->ImportCentralCa(technician_, ca_dir_ / "ca.pem");
    ASSERT_TRUE(ca) << ca.error().ToLogString();
    auto cert = provisioning_->ImportCertificate(technician_, ca_dir_.WriteFile("issued.pem", *issued));
    ASSERT_TRUE(cert) << cert.error().ToLogString();
  }

  std::string LastAudit(std::string* outcome = nullptr) {
    auto entries = store_->audit().List();
    if (!entries || entries->empty()) return {};
    if (outcome != nullptr) *outcome = entries->back().outcome;
    return entries->back().action;
  }

  kiosk::testing::TempDir data_, ca_dir_;
  std::unique_ptr<store::KeyProvider> keys_;
  std::unique_ptr<store::Store> store_;
  std::unique_ptr<auth::OperatorDirectory> directory_;
  auth::Session technician_, officer_;
  std::vector<std::string> probed_;
  std::unique_ptr<station::Provisioning> provisioning_;
};

TEST_F(ProvisioningTest, Status_FreshStation_NotRegistered) {
  auto status = provisioning_->Status();
  ASSERT_TRUE(status) << status.error().ToLogString();
  EXPECT_FALSE(status->Registered());
  EXPECT_FALSE(status->station_id_set);
  EXPECT_EQ(status->station_id.rfind("ST-", 0), 0u);  // the default id
  EXPECT_FALSE(status->certificate);
  EXPECT_FALSE(status->central_ca);
  EXPECT_EQ(status->trust_anchors, 0u);
}

TEST_F(ProvisioningTest, GenerateCsr_Technician_SavesRequestSetsIdAndAudits) {
  auto saved = provisioning_->GenerateCsr(technician_, "ST-HN-0001", "Unit 7", data_ / "usb.csr");
  ASSERT_TRUE(saved) << saved.error().ToLogString();
  EXPECT_EQ(*saved, data_ / "usb.csr");
  std::ifstream in(*saved);
  std::string pem((std::istreambuf_iterator<char>(in)), {});
  EXPECT_EQ(pem.rfind("-----BEGIN CERTIFICATE REQUEST-----", 0), 0u);
  EXPECT_EQ(pem.find("PRIVATE KEY"), std::string::npos);
  auto parsed = pki::ParseCsrPem(pem);
  ASSERT_TRUE(parsed);
  EXPECT_EQ(parsed->common_name, "ST-HN-0001");
  auto status = provisioning_->Status();
  ASSERT_TRUE(status);
  EXPECT_TRUE(status->station_id_set);
  EXPECT_EQ(status->station_id, "ST-HN-0001");
  EXPECT_EQ(status->unit, "Unit 7");
  EXPECT_TRUE(status->has_key);
  EXPECT_FALSE(status->csr_file.empty());
  EXPECT_EQ(LastAudit(), "station.csr");
  // Asked again (the USB stick was lost): the same request again, not an error.
  auto again = provisioning_->GenerateCsr(technician_, "ST-HN-0001", "", data_ / "usb2.csr");
  ASSERT_TRUE(again) << again.error().ToLogString();
}

TEST_F(ProvisioningTest, GenerateCsr_Officer_DeniedAndAudited) {
  auto saved = provisioning_->GenerateCsr(officer_, "ST-HN-0001", "", data_ / "x.csr");
  ASSERT_FALSE(saved);
  EXPECT_EQ(saved.error().code(), ErrorCode::kPermissionDenied);
  EXPECT_FALSE(fs::exists(data_ / "x.csr"));
  std::string outcome;
  EXPECT_EQ(LastAudit(&outcome), "station.csr");
  EXPECT_EQ(outcome, "denied");
}

TEST_F(ProvisioningTest, GenerateCsr_BadStationId_Refused) {
  auto saved = provisioning_->GenerateCsr(technician_, "bad id/1", "", data_ / "x.csr");
  ASSERT_FALSE(saved);
  EXPECT_EQ(saved.error().code(), ErrorCode::kInvalidArgument);
}

TEST_F(ProvisioningTest, Register_CsrSignedByCentralCa_StationRegisteredWithDates) {
  Register("ST-HN-0002");
  auto status = provisioning_->Status();
  ASSERT_TRUE(status);
  EXPECT_TRUE(status->Registered());
  ASSERT_TRUE(status->certificate);
  EXPECT_NE(status->certificate->subject.find("CN = ST-HN-0002"), std::string::npos)
      << status->certificate->subject;
  EXPECT_TRUE(status->certificate->valid_now);
  EXPECT_EQ(status->certificate->not_after.size(), 20u) << status->certificate->not_after;
  EXPECT_TRUE(status->certificate_matches_key);
  ASSERT_TRUE(status->central_ca);
  Config config;
  config.data_dir = data_.path();
  EXPECT_TRUE(fs::exists(CentralCaFile(config)));
  EXPECT_EQ(LastAudit(), "station.import_certificate");
}

TEST_F(ProvisioningTest, ImportCentralCa_NotACa_Refused) {
  auto ca = provisioning_->ImportCentralCa(technician_, ca_dir_ / "server.pem");
  ASSERT_FALSE(ca);
  EXPECT_EQ(ca.error().code(), ErrorCode::kInvalidArgument);
  auto garbage = provisioning_->ImportCentralCa(technician_, data_.WriteFile("x.pem", "hello"));
  ASSERT_FALSE(garbage);
}

TEST_F(ProvisioningTest, ImportCertificate_FromAnotherCa_RefusedOnceCaIsKnown) {
  kiosk::testing::TempDir other_ca;
  ASSERT_TRUE(pki::InitPki(other_ca.path()));
  auto csr = provisioning_->GenerateCsr(technician_, "ST-HN-0003", "", data_ / "r.csr");
  ASSERT_TRUE(csr);
  std::ifstream in(*csr);
  std::string pem((std::istreambuf_iterator<char>(in)), {});
  auto issued = pki::IssueStationCertificate(other_ca.path(), pem);
  ASSERT_TRUE(issued);
  ASSERT_TRUE(provisioning_->ImportCentralCa(technician_, ca_dir_ / "ca.pem"));
  auto cert = provisioning_->ImportCertificate(technician_, other_ca.WriteFile("i.pem", *issued));
  ASSERT_FALSE(cert);
  EXPECT_EQ(cert.error().code(), ErrorCode::kVerificationFailed);
  EXPECT_FALSE(provisioning_->Status()->Registered());
}

// The technician's Status and the sync engine pin the same central CA: none before one is
// imported, the imported one without server.ca_file, the configured one (even missing) with it.
TEST_F(ProvisioningTest, CentralCaInUse_NoneImportedOrConfigured_StatusAndSyncAgree) {
  Config config;
  config.data_dir = data_.path();
  config.server.url = "https://127.0.0.1:9";
  auto status_for = [this](const Config& c) {
    ProvisioningOptions p;
    p.config = c;
    p.store = store_.get();
    p.probe_server = [](const Config&) { return std::vector<diag::Check>{}; };
    return MakeStationProvisioning(std::move(p))->Status();
  };
  // The sync engine as the station opens it with `c`.
  auto engine_for = [this](const Config& c) -> std::unique_ptr<SyncEngine> {
    auto engine = SyncEngine::Open(c, data_.path(), SystemClock::Instance());
    if (!engine) {
      ADD_FAILURE() << engine.error().ToLogString();
      return nullptr;
    }
    return std::move(*engine);
  };

  EXPECT_TRUE(CentralCaInUse(config).empty());
  auto before = status_for(config);
  ASSERT_TRUE(before);
  EXPECT_EQ(before->central_ca_file, CentralCaFile(config));  // where it will go
  EXPECT_FALSE(before->central_ca);
  auto unregistered = engine_for(config);
  ASSERT_TRUE(unregistered);
  EXPECT_FALSE(unregistered->configured());
  unregistered.reset();

  Register("ST-HN-0004");
  EXPECT_EQ(CentralCaInUse(config), CentralCaFile(config));
  auto imported = status_for(config);
  ASSERT_TRUE(imported);
  EXPECT_EQ(imported->central_ca_file, CentralCaFile(config));
  EXPECT_TRUE(imported->central_ca);
  auto engine = engine_for(config);
  ASSERT_TRUE(engine);
  EXPECT_TRUE(engine->configured()) << engine->not_configured();
  EXPECT_EQ(engine->config().server.ca_file, CentralCaFile(config));
  engine.reset();

  config.server.ca_file = ca_dir_ / "ca.pem";
  EXPECT_EQ(CentralCaInUse(config), ca_dir_ / "ca.pem");
  EXPECT_EQ(status_for(config)->central_ca_file, ca_dir_ / "ca.pem");
  engine = engine_for(config);
  ASSERT_TRUE(engine);
  EXPECT_EQ(engine->config().server.ca_file, ca_dir_ / "ca.pem");
  engine.reset();

  // A configured path that is wrong shows as missing; the imported CA does not stand in for it.
  config.server.ca_file = ca_dir_ / "no-such-ca.pem";
  EXPECT_EQ(CentralCaInUse(config), ca_dir_ / "no-such-ca.pem");
  auto wrong = status_for(config);
  ASSERT_TRUE(wrong);
  EXPECT_EQ(wrong->central_ca_file, ca_dir_ / "no-such-ca.pem");
  EXPECT_FALSE(wrong->central_ca);
  engine = engine_for(config);
  ASSERT_TRUE(engine);
  EXPECT_EQ(engine->config().server.ca_file, ca_dir_ / "no-such-ca.pem");
}

TEST_F(ProvisioningTest, ImportTrust_Csca_ListedWithValidity_NonCaRefused) {
  // The central CA's self-signed certificate has the shape of a CSCA (CA, keyCertSign).
  auto added = provisioning_->ImportTrust(technician_, ca_dir_ / "ca.pem");
  ASSERT_TRUE(added) << added.error().ToLogString();
  EXPECT_EQ(*added, 1u);
  auto list = provisioning_->ListTrust();
  ASSERT_TRUE(list);
  ASSERT_EQ(list->size(), 1u);
  EXPECT_EQ((*list)[0].file, "ca.pem");
  EXPECT_TRUE((*list)[0].anchor);
  EXPECT_FALSE((*list)[0].not_before.empty());
  EXPECT_FALSE((*list)[0].not_after.empty());
  EXPECT_EQ(provisioning_->Status()->trust_anchors, 1u);
  EXPECT_EQ(LastAudit(), "trust.import");

  auto refused = provisioning_->ImportTrust(technician_, ca_dir_ / "server.pem");
  ASSERT_FALSE(refused);
  EXPECT_FALSE(fs::exists(data_ / "trust" / "server.pem"));
  auto denied = provisioning_->ImportTrust(officer_, ca_dir_ / "ca.pem");
  ASSERT_FALSE(denied);
  EXPECT_EQ(denied.error().code(), ErrorCode::kPermissionDenied);
}

TEST_F(ProvisioningTest, LogTail_LastLinesRedacted) {
  fs::create_directories(data_ / "logs");
  std::ofstream log(data_ / "logs" / "station.log");
  for (int i = 0; i < 10; ++i) log << "line " << i << "\n";
  log << "card 001234567890 read\n";
  log.close();
  auto tail = provisioning_->LogTail(3);
  ASSERT_TRUE(tail);
  ASSERT_EQ(tail->size(), 3u);
  EXPECT_EQ((*tail)[0], "line 8");
  EXPECT_EQ((*tail)[2].find("001234567890"), std::string::npos);
}

TEST_F(ProvisioningTest, Doctor_IncludesDevicesRegistrationAndServer) {
  auto checks = provisioning_->Doctor();
  std::set<std::string> areas;
  for (const auto& c : checks) areas.insert(c.area);
  EXPECT_TRUE(areas.count("camera"));
  EXPECT_TRUE(areas.count("registration"));
  EXPECT_TRUE(areas.count("server"));
  EXPECT_TRUE(areas.count("data"));
  ASSERT_FALSE(probed_.empty());
  EXPECT_EQ(probed_.back(), "");
  auto reader = provisioning_->Probe("reader");
  EXPECT_EQ(probed_.back(), "reader");
}

}  // namespace
}  // namespace kiosk::sync
