#include "sync/packet/packet.h"

#include <gtest/gtest.h>

#include "sync/packet/cms.h"
#include "tests/sync/packet/test_pki.h"

namespace kiosk::sync {
namespace {

using kiosk::testing::TestPki;

SecretBytes Bytes(std::string_view text) {
  return SecretBytes(reinterpret_cast<const uint8_t*>(text.data()), text.size());
}

RecordPacketInput SyntheticRecord() {
  RecordPacketInput record;
  record.record_number = "HN-20260115-0007";
  record.station_id = TestPki::kStationId;
  record.fields = {{"id_number", "001099012345"},
                   {"full_name", "Nguyễn Thị Mẫu"},
                   {"date_of_birth", "1990-02-03"}};
  record.blobs.push_back({"portrait.jpg", Bytes("synthetic portrait bytes")});
  record.blobs.push_back({"dg1.bin", Bytes("synthetic dg1")});
  record.blobs.push_back({"empty.bin", SecretBytes()});
  return record;
}

class PacketTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { pki_ = new TestPki(); }
  static void TearDownTestSuite() {
    delete pki_;
    pki_ = nullptr;
  }
  static TestPki* pki_;
};
TestPki* PacketTest::pki_ = nullptr;

TEST_F(PacketTest, Packet_RoundTrip_GivesBackTheRecord) {
  auto station = pki_->Station();
  auto server = pki_->Server();
  auto sealed = SealPacket(SyntheticRecord(), station, server.cert.get());
  ASSERT_TRUE(sealed) << sealed.error().ToLogString();
  EXPECT_EQ(sealed->packet_id, "HN-20260115-0007");
  EXPECT_EQ(sealed->content_hash.size(), 64u);

  auto store = pki_->CaStore();
  auto opened = OpenPacket(sealed->bytes, server, store.get());
  ASSERT_TRUE(opened) << opened.error().ToLogString();
  EXPECT_EQ(opened->packet_id, "HN-20260115-0007");
  EXPECT_EQ(opened->content_hash, sealed->content_hash);
  EXPECT_EQ(opened->station_id, TestPki::kStationId);
  EXPECT_EQ(opened->fields.at("full_name"), "Nguyễn Thị Mẫu");
  ASSERT_EQ(opened->blobs.size(), 3u);
  EXPECT_EQ(opened->blobs[0].name, "dg1.bin");  // sorted by name
  EXPECT_EQ(opened->blobs[2].name, "portrait.jpg");
  EXPECT_EQ(std::string(opened->blobs[2].data.data(), opened->blobs[2].data.data() + opened->blobs[2].data.size()),
            "synthetic portrait bytes");
}

TEST_F(PacketTest, Packet_SameRecordSealedTwice_SameContentHashDifferentCiphertext) {
  auto station = pki_->Station();
  auto server = pki_->Server();
  auto a = SealPacket(SyntheticRecord(), station, server.cert.get());
  auto b = SealPacket(SyntheticRecord(), station, server.cert.get());
  ASSERT_TRUE(a && b);
  EXPECT_EQ(a->content_hash, b->content_hash);
  EXPECT_NE(a->bytes, b->bytes);
}

TEST_F(PacketTest, Packet_FieldChanged_ContentHashChanges) {
  auto record = SyntheticRecord();
  std::string first, second;
  ASSERT_TRUE(EncodeContainer(record, &first));
  record.fields["full_name"] = "Trần Văn Mẫu";
  ASSERT_TRUE(EncodeContainer(record, &second));
  EXPECT_NE(first, second);
}

TEST_F(PacketTest, Packet_TamperedCiphertext_Refused) {
  auto station = pki_->Station();
  auto server = pki_->Server();
  auto sealed = SealPacket(SyntheticRecord(), station, server.cert.get());
  ASSERT_TRUE(sealed);
  auto store = pki_->CaStore();
  // Flip a byte near the end: inside the encrypted content, so the GCM tag fails.
  auto bytes = sealed->bytes;
  bytes[bytes.size() - 40] ^= 0x01;
  auto opened = OpenPacket(bytes, server, store.get());
  ASSERT_FALSE(opened);
  EXPECT_TRUE(opened.error().code() == ErrorCode::kCrypto || opened.error().code() == ErrorCode::kParse)
      << opened.error().ToLogString();
  // Truncation too.
  bytes = sealed->bytes;
  bytes.resize(bytes.size() / 2);
  EXPECT_FALSE(OpenPacket(bytes, server, store.get()));
}

TEST_F(PacketTest, Packet_WrongRecipient_Refused) {
  auto station = pki_->Station();
  auto server = pki_->Server();
  auto rogue_server = LoadCredentials(pki_->file("rogue-server.pem"), pki_->file("rogue-server.key"));
  ASSERT_TRUE(rogue_server);
  auto sealed = SealPacket(SyntheticRecord(), station, rogue_server->cert.get());
  ASSERT_TRUE(sealed);
  auto store = pki_->CaStore();
  auto opened = OpenPacket(sealed->bytes, server, store.get());
  ASSERT_FALSE(opened);
  EXPECT_EQ(opened.error().code(), ErrorCode::kCrypto);
}

TEST_F(PacketTest, Packet_SignedByUntrustedStation_Refused) {
  auto rogue = pki_->RogueStation();
  auto server = pki_->Server();
  auto sealed = SealPacket(SyntheticRecord(), rogue, server.cert.get());
  ASSERT_TRUE(sealed);
  auto store = pki_->CaStore();
  auto opened = OpenPacket(sealed->bytes, server, store.get());
  ASSERT_FALSE(opened);
  EXPECT_EQ(opened.error().code(), ErrorCode::kVerificationFailed);
}

TEST_F(PacketTest, Packet_SignedWithExpiredCertificate_Refused) {
  auto expired = pki_->ExpiredStation();
  auto server = pki_->Server();
  auto sealed = SealPacket(SyntheticRecord(), expired, server.cert.get());
  ASSERT_TRUE(sealed);
  auto store = pki_->CaStore();
  auto opened = OpenPacket(sealed->bytes, server, store.get());
  ASSERT_FALSE(opened);
  EXPECT_EQ(opened.error().code(), ErrorCode::kVerificationFailed);
}

TEST_F(PacketTest, Packet_BlobAlteredBeforeSigning_HashMismatchRefused) {
  auto station = pki_->Station();
  auto server = pki_->Server();
  auto container = EncodeContainer(SyntheticRecord(), nullptr);
  ASSERT_TRUE(container);
  // A signed, encrypted container whose last blob byte no longer matches the manifest: the
  // signature holds (the station signed it), the hash check must still catch it.
  SecretBytes altered = container->Copy();
  altered.data()[altered.size() - 1] ^= 0x20;
  auto bytes = SealContainer(altered, station, server.cert.get());
  ASSERT_TRUE(bytes);
  auto store = pki_->CaStore();
  auto opened = OpenPacket(*bytes, server, store.get());
  ASSERT_FALSE(opened);
  EXPECT_EQ(opened.error().code(), ErrorCode::kCorrupt);
}

TEST_F(PacketTest, Container_ManifestEdited_ContentHashMismatch) {
  auto container = EncodeContainer(SyntheticRecord(), nullptr);
  ASSERT_TRUE(container);
  std::string text(container->data(), container->data() + container->size());
  auto at = text.find("1990-02-03");
  ASSERT_NE(at, std::string::npos);
  text[at + 3] = '1';
  auto decoded = DecodeContainer(reinterpret_cast<const uint8_t*>(text.data()), text.size());
  ASSERT_FALSE(decoded);
  EXPECT_EQ(decoded.error().code(), ErrorCode::kCorrupt);
}

TEST_F(PacketTest, Container_Garbage_ParseErrorNotCrash) {
  for (std::string garbage : {std::string(), std::string("KIOSKPKT1\n"), std::string("KIOSKPKT1\n\xff\xff\xff\xff"),
                              std::string("KIOSKPKT1\n\0\0\0\x02{}", 16), std::string("hello world")}) {
    auto decoded = DecodeContainer(reinterpret_cast<const uint8_t*>(garbage.data()), garbage.size());
    EXPECT_FALSE(decoded);
  }
}

TEST_F(PacketTest, Packet_StationIdNotSigner_Refused) {
  auto station = pki_->Station();
  auto server = pki_->Server();
  auto record = SyntheticRecord();
  record.station_id = "ST-OTHER";
  EXPECT_FALSE(SealPacket(record, station, server.cert.get()));
  // Forged by hand past SealPacket's own check: the server side refuses it.
  auto container = EncodeContainer(record, nullptr);
  ASSERT_TRUE(container);
  auto bytes = SealContainer(*container, station, server.cert.get());
  ASSERT_TRUE(bytes);
  auto store = pki_->CaStore();
  auto opened = OpenPacket(*bytes, server, store.get());
  ASSERT_FALSE(opened);
  EXPECT_EQ(opened.error().code(), ErrorCode::kVerificationFailed);
}

TEST_F(PacketTest, PacketId_PathCharacters_Refused) {
  EXPECT_TRUE(IsValidPacketId("HN-20260115-0007"));
  EXPECT_FALSE(IsValidPacketId("../etc"));
  EXPECT_FALSE(IsValidPacketId("a/b"));
  EXPECT_FALSE(IsValidPacketId(""));
  EXPECT_FALSE(IsValidPacketId(std::string(65, 'a')));
}

TEST_F(PacketTest, Base64_RoundTrip) {
  for (std::string text : {"", "a", "ab", "abc", "abcd"}) {
    std::string encoded = Base64Encode(reinterpret_cast<const uint8_t*>(text.data()), text.size());
    auto decoded = Base64Decode(encoded);
    ASSERT_TRUE(decoded);
    EXPECT_EQ(std::string(decoded->begin(), decoded->end()), text);
  }
}

}  // namespace
}  // namespace kiosk::sync
