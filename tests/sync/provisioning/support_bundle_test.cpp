// The support bundle: what it holds (and what it never holds), checked by unpacking it.
#include "kiosk/station/support_bundle.h"

#include <gtest/gtest.h>

#include <fstream>

#include "kiosk/auth/operator_directory.h"
#include "kiosk/core/i18n.h"
#include "kiosk/store/key_provider.h"
#include "sync/station/provisioning.h"
#include "tests/support/temp_dir.h"

namespace kiosk::station {
namespace {

namespace fs = std::filesystem;

TEST(SupportBundleTest, TarGz_RoundTrip_KeepsNamesAndContent) {
  kiosk::testing::TempDir dir;
  std::string big(1500, 'x');
  ASSERT_TRUE(WriteTarGz(dir / "b.tar.gz", {{"a.txt", "hello\n"}, {"logs/big.log", big}, {"empty", ""}},
                         1764400000));
  auto members = ReadTarGz(dir / "b.tar.gz");
  ASSERT_TRUE(members) << members.error().ToLogString();
  ASSERT_EQ(members->size(), 3u);
  EXPECT_EQ((*members)[0].name, "a.txt");
  EXPECT_EQ((*members)[0].content, "hello\n");
  EXPECT_EQ((*members)[1].content, big);
  EXPECT_EQ((*members)[2].content, "");
}

TEST(SupportBundleTest, TarGz_ForbiddenOrEscapingNames_Refused) {
  kiosk::testing::TempDir dir;
  for (const char* name : {"station.db", "keys/station-key.pem", "station/station.key", "drafts/x.json",
                           "../etc/passwd", "/abs", "portrait.jpg"}) {
    EXPECT_FALSE(WriteTarGz(dir / "b.tar.gz", {{name, "x"}}, 0)) << name;
  }
}

TEST(SupportBundleTest, TarGz_NotABundle_ParseError) {
  kiosk::testing::TempDir dir;
  auto bad = ReadTarGz(dir.WriteFile("x.tar.gz", "not gzip at all"));
  ASSERT_FALSE(bad);
}

TEST(SupportBundleTest, ConfigWithoutSecrets_DropsProxyCredentials) {
  Config config;
  config.server.proxy = "http://user:Secr3t@proxy.test:3128";
  config.server.url = "https://intake.test";
  const std::string json = ConfigWithoutSecrets(config);
  EXPECT_EQ(json.find("Secr3t"), std::string::npos);
  EXPECT_EQ(json.find("user:"), std::string::npos);
  EXPECT_NE(json.find("proxy.test:3128"), std::string::npos);
  EXPECT_NE(json.find("https://intake.test"), std::string::npos);
}

// The whole bundle from a station with a store, a key, drafts and a log with citizen-looking
// data: the content list is exactly the expected one, nothing secret inside.
TEST(SupportBundleTest, StationBundle_ContentListAndNoSecrets) {
  ASSERT_TRUE(i18n::SetLanguage("en"));
  kiosk::testing::TempDir data;
  auto keys = std::make_unique<store::FileKeyProvider>(store::FileKeyProvider::DefaultPath(data.path()));
  store::StoreOptions options;
  options.data_dir = data.path();
  auto store = store::Store::Open(options, *keys, SystemClock::Instance());
  ASSERT_TRUE(store) << store.error().ToLogString();
  auth::OperatorDirectory directory(**store, Config::Policy{}, auth::PasswordHashCost::ForTests());
  ASSERT_TRUE(directory.BootstrapAdministrator({"admin", "Admin", auth::Role::kAdministrator},
                                               SecretString("Admin!2026x")));
  auto admin = directory.SignIn("admin", SecretString("Admin!2026x"));
  ASSERT_TRUE(admin);
  fs::create_directories(data / "drafts");
  data.WriteFile("drafts/d1.json", "{\"name\":\"Nguyễn Văn Thử\"}");
  fs::create_directories(data / "logs");
  data.WriteFile("logs/station.log", "2026-11-29 info chip read for 001234567890 Nguyễn\n");
  data.WriteFile("logs/station.1.log", "2026-11-28 info started\n");

  sync::ProvisioningOptions p;
  p.config.data_dir = data.path();
  p.config.server.proxy = "http://user:Secr3t@proxy.test:3128";
  p.store = store->get();
  p.probe_server = [](const Config&) { return std::vector<diag::Check>{}; };
  auto provisioning = sync::MakeStationProvisioning(std::move(p));
  ASSERT_TRUE(provisioning->GenerateCsr(*admin, "ST-T-1", "", {}));

  auto bundle = provisioning->WriteSupportBundle(*admin, data / "support.tar.gz");
  ASSERT_TRUE(bundle) << bundle.error().ToLogString();
  const std::vector<std::string> expected{"versions.txt",     "config.json", "doctor.json",
                                          "registration.json", "trust.json",  "logs/station.1.log",
                                          "logs/station.log"};
  EXPECT_EQ(bundle->entries, expected);
  auto members = ReadTarGz(data / "support.tar.gz");
  ASSERT_TRUE(members);
  ASSERT_EQ(members->size(), expected.size());
  for (const auto& m : *members) {
    EXPECT_FALSE(IsForbiddenInBundle(m.name)) << m.name;
    EXPECT_EQ(m.content.find("PRIVATE KEY"), std::string::npos) << m.name;
    EXPECT_EQ(m.content.find("Secr3t"), std::string::npos) << m.name;
    EXPECT_EQ(m.content.find("001234567890"), std::string::npos) << m.name;
    EXPECT_EQ(m.content.find("Nguyễn"), std::string::npos) << m.name;
    EXPECT_EQ(m.content.find("SQLite format"), std::string::npos) << m.name;
  }
  EXPECT_NE((*members)[0].content.find("kiosk "), std::string::npos);
  EXPECT_NE((*members)[3].content.find("ST-T-1"), std::string::npos);

  auto denied_officer = provisioning->WriteSupportBundle(
      auth::Session{"nobody", "Nobody", auth::Role::kOfficer, false}, data / "o.tar.gz");
  EXPECT_FALSE(denied_officer);
  EXPECT_FALSE(fs::exists(data / "o.tar.gz"));
}

}  // namespace
}  // namespace kiosk::station
