#include "kiosk/core/config.h"

#include <gtest/gtest.h>

#include "tests/support/temp_dir.h"

namespace kiosk {
namespace {

using testing::ScopedEnv;
using testing::TempDir;

TEST(Config, EmptyDocument_GivesDocumentedDefaults) {
  auto c = ParseConfig("{}");
  ASSERT_TRUE(c) << c.error().ToLogString();
  EXPECT_EQ(c->language, "vi");
  EXPECT_EQ(c->policy.lockout_failures, 5);
  EXPECT_EQ(c->policy.lockout_minutes, 15);
  EXPECT_EQ(c->devices.cameras, std::vector<std::string>{"0"});
  EXPECT_TRUE(c->unknown_keys.empty());
}

TEST(Config, Values_AreRead) {
  auto c = ParseConfig(R"({
    // comments are allowed: technicians annotate their files
    "language": "en",
    "devices": {"reader": "Virtual PCD 00 00", "cameras": ["demo.mp4"], "fingerprint": false},
    "server": {"url": "https://127.0.0.1:8443", "timeout_seconds": 10},
    "policy": {"max_pending_approvals": 50}
  })");
  ASSERT_TRUE(c) << c.error().ToLogString();
  EXPECT_EQ(c->language, "en");
  EXPECT_EQ(c->devices.reader, "Virtual PCD 00 00");
  EXPECT_EQ(c->devices.cameras, std::vector<std::string>{"demo.mp4"});
  EXPECT_FALSE(c->devices.fingerprint);
  EXPECT_EQ(c->server.url, "https://127.0.0.1:8443");
  EXPECT_EQ(c->server.timeout_seconds, 10);
  EXPECT_EQ(c->policy.max_pending_approvals, 50);
}

TEST(Config, WrongType_NamesTheKey) {
  auto c = ParseConfig(R"({"policy": {"lockout_failures": "five"}})");
  ASSERT_FALSE(c);
  EXPECT_EQ(c.error().code(), ErrorCode::kInvalidArgument);
  EXPECT_NE(c.error().EnglishMessage().find("policy.lockout_failures"), std::string::npos);
}

TEST(Config, OutOfRange_IsRefused) {
  EXPECT_FALSE(ParseConfig(R"({"policy": {"lockout_failures": 0}})"));
  EXPECT_FALSE(ParseConfig(R"({"language": "fr"})"));
  EXPECT_FALSE(ParseConfig(R"({"server": {"url": "http://plain.example"}})"));
}

TEST(Config, NotJson_IsAParseError) {
  auto c = ParseConfig("{ language: vi");
  ASSERT_FALSE(c);
  EXPECT_EQ(c.error().code(), ErrorCode::kParse);
  EXPECT_FALSE(ParseConfig("[1,2]"));
}

TEST(Config, UnknownKeys_AreReported) {
  auto c = ParseConfig(R"({"langauge": "en", "devices": {"camera": ["0"]}})");
  ASSERT_TRUE(c);
  EXPECT_EQ(c->unknown_keys, (std::vector<std::string>{"langauge", "devices.camera"}));
}

TEST(Config, Environment_OverridesFile) {
  TempDir dir;
  auto file = dir.WriteFile("station.json", R"({"language": "en"})");
  ScopedEnv lang("KIOSK_LANG", "vi");
  ScopedEnv data("KIOSK_DATA_DIR", (dir / "data").string());
  ScopedEnv cams("KIOSK_CAMERA_SOURCES", "a.mp4,b.mp4");
  auto c = LoadConfigFile(file);
  ASSERT_TRUE(c) << c.error().ToLogString();
  EXPECT_EQ(c->language, "vi");
  EXPECT_EQ(c->data_dir, dir / "data");
  EXPECT_EQ(c->devices.cameras, (std::vector<std::string>{"a.mp4", "b.mp4"}));
  EXPECT_EQ(c->source, file);
}

TEST(Config, ExplicitMissingFile_IsAnError) {
  ScopedEnv config("KIOSK_CONFIG", "/nonexistent/station.json");
  auto c = LoadConfig();
  ASSERT_FALSE(c);
  EXPECT_EQ(c.error().code(), ErrorCode::kNotFound);
}

TEST(Config, ServerCertFile_ReadCheckedAndRoundTripped) {
  auto c = ParseConfig(R"({"server": {"server_cert_file": "/etc/kiosk/server.pem"}})");
  ASSERT_TRUE(c) << c.error().ToLogString();
  EXPECT_EQ(c->server.server_cert_file, std::filesystem::path("/etc/kiosk/server.pem"));
  EXPECT_TRUE(c->unknown_keys.empty());
  auto again = ParseConfig(ToJson(*c));
  ASSERT_TRUE(again);
  EXPECT_EQ(again->server.server_cert_file, c->server.server_cert_file);
  EXPECT_TRUE(ParseConfig("{}")->server.server_cert_file.empty());
  auto wrong = ParseConfig(R"({"server": {"server_cert_file": 7}})");
  ASSERT_FALSE(wrong);
  EXPECT_NE(wrong.error().EnglishMessage().find("server.server_cert_file"), std::string::npos);
}

TEST(Config, ToJson_RoundTrips) {
  auto c = ParseConfig(R"({"policy": {"retention_days": 9}})");
  ASSERT_TRUE(c);
  auto again = ParseConfig(ToJson(*c));
  ASSERT_TRUE(again) << again.error().ToLogString();
  EXPECT_EQ(again->policy.retention_days, 9);
}

}  // namespace
}  // namespace kiosk
