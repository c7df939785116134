#include "tests/sync/station/station_fixture.h"

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <thread>

#include "kiosk/store/schema.h"
#include "sync/client/station_identity.h"
#include "sync/server/pki.h"

namespace kiosk::testing {

namespace {

SecretString Pw(const char* text) { return SecretString(text); }

SecretBytes BytesOf(const std::string& text) {
  return SecretBytes(reinterpret_cast<const uint8_t*>(text.data()), text.size());
}

}  // namespace

StationFixture::StationFixture(std::filesystem::path data_dir)
    : data_dir_(data_dir.empty() ? dir_.path() : std::move(data_dir)) {
  std::filesystem::create_directories(data_dir_);
  keys_ = std::make_unique<store::FileKeyProvider>(store::FileKeyProvider::DefaultPath(data_dir_));
  store::StoreOptions options;
  options.data_dir = data_dir_;
  auto opened = store::Store::Open(options, *keys_, SystemClock::Instance());
  EXPECT_TRUE(opened) << opened.error().ToLogString();
  store_ = std::move(*opened);
  Config::Policy policy;
  directory_ = std::make_unique<auth::OperatorDirectory>(*store_, policy,
                                                         auth::PasswordHashCost::ForTests());
  records_ = std::make_unique<batch::Records>(*store_, policy);
  EXPECT_TRUE(directory_->BootstrapAdministrator({"admin", "", auth::Role::kAdministrator},
                                                 Pw("Admin#2026x")));
  auto admin = *directory_->SignIn("admin", Pw("Admin#2026x"));
  auto make = [&](const std::string& name, auth::Role role) {
    EXPECT_TRUE(directory_->AddOperator(admin, {name, "", role}, Pw("Temp#2026ab")));
    EXPECT_TRUE(directory_->ChangePassword(name, Pw("Temp#2026ab"), Pw("Mine#2026cd")));
    return *directory_->SignIn(name, Pw("Mine#2026cd"));
  };
  officer_ = make("officer1", auth::Role::kOfficer);
  supervisor_ = make("super1", auth::Role::kSupervisor);
  make("tech1", auth::Role::kTechnician);
}

std::string StationFixture::SealAndApprove(const Citizen& citizen, size_t image_bytes) {
  batch::SealRequest request;
  const std::string record_json =
      R"({"format":1,"identity":{"sources":{"chip":{"id_number":")" + citizen.id_number +
      R"(","full_name":")" + citizen.full_name + R"(","date_of_birth":")" + citizen.date_of_birth +
      R"("}},"resolutions":[]}})";
  request.items.push_back({"record.json", batch::ItemKind::kPersonal, BytesOf(record_json)});
  // A real (small, drawn) JPEG, so that the packet's ISO/IEC 19794-5 record can be made from it,
  // followed by filler up to image_bytes (decoders stop at the JPEG's end marker).
  std::vector<uint8_t> jpeg;
  cv::Mat drawn(160, 120, CV_8UC3, cv::Scalar(210, 215, 220));
  cv::circle(drawn, {60, 80}, 40, cv::Scalar(150, 185, 225), -1);
  cv::imencode(".jpg", drawn, jpeg);
  SecretBytes image(std::max(image_bytes, jpeg.size()));
  for (size_t i = 0; i < image.size(); ++i) {
    image.data()[i] = i < jpeg.size() ? jpeg[i] : static_cast<uint8_t>((i * 131 + (i >> 7)) & 0xff);
  }
  request.items.push_back({"portrait.jpg", batch::ItemKind::kBiometric, std::move(image)});
  auto sealed = records_->Seal(officer_, request);
  EXPECT_TRUE(sealed) << sealed.error().ToLogString();
  EXPECT_TRUE(records_->Approve(supervisor_, sealed->record_number));
  return sealed->record_number;
}

void StationFixture::SignBatches() {
  auto batches = records_->ListBatches(supervisor_);
  ASSERT_TRUE(batches);
  for (const auto& batch : *batches) {
    if (batch.signed_off || batch.approved == 0) continue;
    auto signed_off = records_->SignBatch(supervisor_, batch.id);
    ASSERT_TRUE(signed_off) << signed_off.error().ToLogString();
  }
}

void StationFixture::Provision(const TestPki& pki, const std::string& station_id) {
  Provision(pki.dir(), station_id);
}

void StationFixture::Provision(const std::filesystem::path& pki_dir, const std::string& station_id) {
  auto init = sync::InitStation(data_dir_, station_id);
  ASSERT_TRUE(init) << init.error().ToLogString();
  auto pem = sync::pki::IssueStationCertificate(pki_dir, init->csr_pem);
  ASSERT_TRUE(pem) << pem.error().ToLogString();
  auto file = dir_.WriteFile("issued-station.pem", *pem);
  auto imported = sync::ImportStationCertificate(data_dir_, file, pki_dir / "ca.pem");
  ASSERT_TRUE(imported) << imported.error().ToLogString();
}

Config StationFixture::MakeConfig(int port, const TestPki& pki) const {
  Config config;
  config.data_dir = data_dir_;
  config.server.url = "https://127.0.0.1:" + std::to_string(port);
  config.server.ca_file = pki.ca_file();
  config.server.timeout_seconds = 5;
  return config;
}

std::vector<std::string> StationFixture::AuditActions() {
  std::vector<std::string> actions;
  auto entries = store_->audit().List();
  if (!entries) return actions;
  for (const auto& entry : *entries) actions.push_back(entry.action);
  return actions;
}

batch::RecordStatus StationFixture::StatusOf(const std::string& record_number) {
  auto summary = records_->Get(supervisor_, record_number);
  return summary ? summary->status : batch::RecordStatus::kDraft;
}

void RewindOutboxToSchemaV1(store::Database& db, const std::filesystem::path& scratch_dir) {
  auto v1 = store::Database::Open(scratch_dir / "schema-v1.db");
  ASSERT_TRUE(v1) << v1.error().ToLogString();
  ASSERT_TRUE(store::Migrate(*v1, 1));
  auto definition = v1->QueryRows("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'outbox'",
                                  [](const store::Statement& row) { return row.Text(0); });
  ASSERT_TRUE(definition && definition->size() == 1);
  ASSERT_TRUE(db.Exec("ALTER TABLE outbox RENAME TO outbox_current"));
  ASSERT_TRUE(db.Exec(definition->front()));
  ASSERT_TRUE(db.Exec(
      "INSERT INTO outbox (id, enrollment_id, created_at, attempts, next_attempt_at, last_error, state) "
      "SELECT id, enrollment_id, created_at, attempts, next_attempt_at, last_error, state "
      "FROM outbox_current"));
  ASSERT_TRUE(db.Exec("DROP TABLE outbox_current"));  // its index goes with it
  ASSERT_TRUE(db.Exec("PRAGMA user_version = 1"));
}

bool WaitFor(const std::function<bool()>& condition, std::chrono::milliseconds timeout) {
  auto deadline = std::chrono::steady_clock::now() + timeout;
  while (std::chrono::steady_clock::now() < deadline) {
    if (condition()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return condition();
}

}  // namespace kiosk::testing
