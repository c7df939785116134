#include <gtest/gtest.h>

#include "drivers/sim/chip/chip_emulator.h"
#include "drivers/sim/chip/in_process_channel.h"
#include "kiosk/emrtd/protocol/bac.h"
#include "kiosk/emrtd/protocol/file_reader.h"
#include "tests/kiosk/emrtd/protocol/hex.h"

namespace kiosk::emrtd {
namespace {

using testing::Hex;

constexpr std::string_view kMrzInformation = "L898902C<369080619406236";

// A 40 000-byte DG2-like file: reading it needs READ BINARY B1 past offset 32767.
Bytes BigFile() {
  const size_t value_size = 40000 - 4;
  Bytes file{0x75, 0x82, static_cast<uint8_t>(value_size >> 8), static_cast<uint8_t>(value_size)};
  for (size_t i = 0; i < value_size; ++i) file.push_back(static_cast<uint8_t>(i * 7 + 3));
  return file;
}

sim::ChipContent Content() {
  sim::ChipContent content;
  content.files[0x011E] = Hex("60145F0104303130365F36063034303030305C026175");
  content.files[0x0102] = BigFile();
  content.mrz_information = std::string(kMrzInformation);
  return content;
}

struct Fixture {
  sim::ChipEmulator card;
  sim::InProcessChannel channel;
  CardSession session;
  Fixture(bool extended)
      : card(Content(), sim::ChipBehaviour{.extended_length = extended, .refuse_access_key = false,
                                           .pull_at_apdu = 0, .clone_aa_key = false,
                                           .latency_per_apdu = {}, .bits_per_second = 0, .max_extended_ne = 0}),
        channel(card), session(channel) {}
};

TEST(TlvTotalSize, HeaderForms_GiveTheWholeSize) {
  EXPECT_EQ(*TlvTotalSize(Hex("6014")), std::optional<size_t>(0x16));
  EXPECT_EQ(*TlvTotalSize(Hex("75819C")), std::optional<size_t>(3 + 0x9C));
  EXPECT_EQ(*TlvTotalSize(Hex("75829C40")), std::optional<size_t>(4 + 0x9C40));
  EXPECT_EQ(*TlvTotalSize(Hex("7F61820100")), std::optional<size_t>(5 + 0x100));
  EXPECT_EQ(*TlvTotalSize(Hex("7582")), std::optional<size_t>());
  EXPECT_FALSE(TlvTotalSize(Hex("7580")));
  EXPECT_FALSE(TlvTotalSize(Hex("7589")));
}

class FileReaderBoth : public ::testing::TestWithParam<bool> {};

TEST_P(FileReaderBoth, BigFile_IsReadWholeAcrossOffset32767) {
  Fixture f(GetParam());
  FileReader reader(f.session);
  ASSERT_TRUE(reader.SelectApplet());
  auto sm = PerformBac(f.session.channel(), DeriveBacKeys(kMrzInformation));
  ASSERT_TRUE(sm) << sm.error().ToLogString();
  f.session.StartSecureMessaging(std::move(*sm));
  EXPECT_EQ(reader.UsesExtendedLength(), GetParam());
  Bytes content;
  size_t last_done = 0;
  auto read = reader.ReadFile(0x0102, "DG2", content,
                              [&](std::string_view, size_t done, size_t) { last_done = done; });
  ASSERT_TRUE(read) << read.error().ToLogString();
  EXPECT_EQ(content, BigFile());
  EXPECT_EQ(last_done, content.size());
  const size_t apdus = f.session.counters().apdus;
  if (GetParam()) {
    EXPECT_LT(apdus, 10u);
  } else {
    EXPECT_GT(apdus, 40000u / 0xE7);
  }
}

INSTANTIATE_TEST_SUITE_P(ExtendedAndShort, FileReaderBoth, ::testing::Bool());

TEST(FileReader, WithoutSecureMessaging_TheCardRefusesFiles) {
  Fixture f(true);
  FileReader reader(f.session);
  ASSERT_TRUE(reader.SelectApplet());
  Bytes content;
  auto read = reader.ReadFile(0x011E, "EF.COM", content);
  ASSERT_FALSE(read);
  EXPECT_EQ(read.error().code(), ErrorCode::kPermissionDenied);
}

TEST(FileReader, MissingFile_IsNotFound) {
  Fixture f(true);
  FileReader reader(f.session);
  ASSERT_TRUE(reader.SelectApplet());
  auto sm = PerformBac(f.session.channel(), DeriveBacKeys(kMrzInformation));
  ASSERT_TRUE(sm);
  f.session.StartSecureMessaging(std::move(*sm));
  Bytes content;
  auto read = reader.ReadFile(0x0105, "DG5", content);
  ASSERT_FALSE(read);
  EXPECT_EQ(read.error().code(), ErrorCode::kNotFound);
}

}  // namespace
}  // namespace kiosk::emrtd
