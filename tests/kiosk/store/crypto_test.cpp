#include "kiosk/crypto/crypto.h"

#include <gtest/gtest.h>

#include <sys/stat.h>

#include "kiosk/crypto/secret_file.h"
#include "kiosk/crypto/station_key.h"
#include "tests/support/temp_dir.h"

namespace kiosk::crypto {
namespace {

TEST(Crypto, SealThenOpen_WithSameAad_GivesPlaintext) {
  auto key = RandomKey();
  ASSERT_TRUE(key);
  std::string text = "synthetic citizen data";
  auto sealed = Seal(*key, AsBytes(text), "rec-1|name");
  ASSERT_TRUE(sealed);
  EXPECT_EQ(sealed->size(), text.size() + kGcmOverhead);
  auto opened = Open(*key, *sealed, "rec-1|name");
  ASSERT_TRUE(opened);
  EXPECT_EQ(std::string(opened->data(), opened->data() + opened->size()), text);
}

TEST(Crypto, Open_WithOtherAad_FailsVerification) {
  auto key = RandomKey();
  auto sealed = Seal(*key, AsBytes("abc"), "rec-1|name");
  auto opened = Open(*key, *sealed, "rec-2|name");
  ASSERT_FALSE(opened);
  EXPECT_EQ(opened.error().code(), ErrorCode::kVerificationFailed);
}

TEST(Crypto, Open_WithOtherKeyOrFlippedBit_Fails) {
  auto key = RandomKey();
  auto other = RandomKey();
  auto sealed = Seal(*key, AsBytes("abc"), "a");
  EXPECT_FALSE(Open(*other, *sealed, "a"));
  (*sealed)[kGcmNonceSize] ^= 1;
  EXPECT_FALSE(Open(*key, *sealed, "a"));
}

TEST(Crypto, Open_TooShort_IsCorrupt) {
  auto key = RandomKey();
  Bytes tiny(5, 0);
  auto opened = Open(*key, tiny, "a");
  ASSERT_FALSE(opened);
  EXPECT_EQ(opened.error().code(), ErrorCode::kCorrupt);
}

TEST(Crypto, EmptyPlaintext_RoundTrips) {
  auto key = RandomKey();
  auto sealed = Seal(*key, {}, "a");
  ASSERT_TRUE(sealed);
  auto opened = Open(*key, *sealed, "a");
  ASSERT_TRUE(opened);
  EXPECT_EQ(opened->size(), 0u);
}

TEST(Crypto, Sha256_KnownVector) {
  EXPECT_EQ(ToHex(Sha256Of(AsBytes("abc"))),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST(Crypto, Hex_RoundTripsAndRejectsBadInput) {
  auto bytes = FromHex("00ff10");
  ASSERT_TRUE(bytes);
  EXPECT_EQ(ToHex(*bytes), "00ff10");
  EXPECT_FALSE(FromHex("abc"));
  EXPECT_FALSE(FromHex("zz"));
}

TEST(SecretFile, GroupReadableFile_IsRefused) {
  kiosk::testing::TempDir dir;
  auto file = dir / "k";
  SecretBytes content(4);
  ASSERT_TRUE(WriteSecretFile(file, content));
  struct stat st {};
  ASSERT_EQ(::stat(file.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  ASSERT_TRUE(ReadSecretFile(file));
  ::chmod(file.c_str(), 0640);
  auto read = ReadSecretFile(file);
  ASSERT_FALSE(read);
  EXPECT_EQ(read.error().code(), ErrorCode::kPermissionDenied);
}

TEST(StationKey, LoadOrCreate_CreatesOnceThenSignsVerifiably) {
  kiosk::testing::TempDir dir;
  auto file = StationKey::DefaultPath(dir.path());
  auto first = StationKey::LoadOrCreate(file);
  ASSERT_TRUE(first) << first.error().ToLogString();
  auto second = StationKey::LoadOrCreate(file);
  ASSERT_TRUE(second);
  EXPECT_EQ(first->PublicKeyDer(), second->PublicKeyDer());
  auto sig = first->Sign(AsBytes("batch"));
  ASSERT_TRUE(sig);
  EXPECT_TRUE(second->Verify(AsBytes("batch"), *sig));
  auto bad = second->Verify(AsBytes("other"), *sig);
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().code(), ErrorCode::kVerificationFailed);
}

TEST(StationKey, GarbageFile_IsRefused) {
  kiosk::testing::TempDir dir;
  auto file = dir / "station-key.pem";
  std::string garbage = "not a key";
  ASSERT_TRUE(WriteSecretFile(
      file, SecretBytes(reinterpret_cast<const uint8_t*>(garbage.data()), garbage.size())));
  auto key = StationKey::Load(file);
  ASSERT_FALSE(key);
  EXPECT_EQ(key.error().code(), ErrorCode::kCrypto);
}

}  // namespace
}  // namespace kiosk::crypto
