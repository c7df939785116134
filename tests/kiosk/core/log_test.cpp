#include "kiosk/core/log.h"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "tests/support/temp_dir.h"

namespace kiosk::log {
namespace {

TEST(Redact, IdNumbers_AreRemoved) {
  EXPECT_EQ(Redact("read card 001099012345 ok"), "read card [digits] ok");
  EXPECT_EQ(Redact("CMND 123456789."), "CMND [digits].");
  EXPECT_EQ(Redact("phone +84912345678"), "phone [digits]");
}

TEST(Redact, DatesOfBirth_AreRemoved) {
  EXPECT_EQ(Redact("dob 01/02/1990"), "dob [digits]");
  EXPECT_EQ(Redact("dob 01021990"), "dob [digits]");
}

TEST(Redact, VietnameseWords_AreRemoved) {
  EXPECT_EQ(Redact("name Nguyễn Văn An"), "name [text] [text] An");
  EXPECT_EQ(Redact("address Hà Nội"), "address [text] [text]");
}

TEST(Redact, MrzAndKeys_AreRemoved) {
  EXPECT_EQ(Redact("mrz IDVNM0990123451001099012345<<<8"), "mrz [mrz]");
  EXPECT_EQ(Redact("key 0123456789abcdef0123456789abcdef"), "key [digits]");
  EXPECT_EQ(Redact("key a1b2c3d4e5f6a7b8c9d0e1f2"), "key [data]");
  EXPECT_EQ(Redact("jpeg /9j/4AAQSkZJRgABAQEASABIAAD"), "jpeg [data]");
}

TEST(Redact, OrdinaryText_IsKept) {
  const std::string text = "chip read: 14 APDUs, 21 KB in 412 ms; reader Virtual PCD 00 00";
  EXPECT_EQ(Redact(text), text);
  EXPECT_EQ(Redact("SW 6982 on DG3"), "SW 6982 on DG3");
}

TEST(Log, FileSink_ReceivesRedactedLines) {
  testing::TempDir dir;
  Options options;
  options.console = false;
  options.file = dir / "station.log";
  options.level = "debug";
  Init(options);
  spdlog::info("sealed record for 079201001234 Trần Thị Bình");
  spdlog::info("value {}", Redacted{std::string("secret")});
  spdlog::default_logger()->flush();
  std::ifstream in(options.file);
  std::stringstream content;
  content << in.rdbuf();
  EXPECT_EQ(content.str().find("079201001234"), std::string::npos);
  EXPECT_EQ(content.str().find("Trần"), std::string::npos);
  EXPECT_EQ(content.str().find("secret"), std::string::npos);
  EXPECT_NE(content.str().find("sealed record for [digits]"), std::string::npos);
  EXPECT_NE(content.str().find("value [redacted]"), std::string::npos);
  Init(Options{});
}

}  // namespace
}  // namespace kiosk::log
