// The central server's answer bodies (sync/client/server_answers.h). The shapes below that are
// not well-formed answers are what the fuzz target fuzz_sync_answers reaches; before the parsers
// were split out of CurlTransport, a "duplicate" that was not a boolean threw out of Upload()
// and a non-numeric next_cursor was saved and then refused by every later status pull.
#include "sync/client/server_answers.h"

#include <gtest/gtest.h>

namespace kiosk::sync {
namespace {

constexpr const char* kPacket = "ST-HN-0001-20261129-00042";

TEST(ServerAnswersTest, UploadAnswer_WellFormed_DecodesReceiptAndDuplicate) {
  auto answer = ParseUploadAnswer(R"({"duplicate":true,"receipt":"MAMCAQA="})");
  ASSERT_TRUE(answer) << answer.error().ToLogString();
  EXPECT_TRUE(answer->duplicate);
  EXPECT_EQ(answer->receipt_der, (std::vector<uint8_t>{0x30, 0x03, 0x02, 0x01, 0x00}));
  auto plain = ParseUploadAnswer(R"({"receipt":"MAMCAQA="})");
  ASSERT_TRUE(plain);
  EXPECT_FALSE(plain->duplicate);
}

TEST(ServerAnswersTest, UploadAnswer_DuplicateNotBoolean_RetriableParseErrorNotException) {
  for (const char* body : {R"({"duplicate":"yes","receipt":"MAMCAQA="})",
                           R"({"duplicate":1,"receipt":"MAMCAQA="})",
                           R"({"duplicate":{},"receipt":"MAMCAQA="})"}) {
    Result<UploadAnswer> answer = ParseUploadAnswer(body);
    ASSERT_FALSE(answer) << body;
    EXPECT_EQ(answer.error().code(), ErrorCode::kParse);
    EXPECT_TRUE(answer.error().retriable());
  }
}

TEST(ServerAnswersTest, UploadAnswer_NoOrBadReceipt_Refused) {
  for (const char* body : {"", "null", "[]", R"({"receipt":5})", R"({"receipt":"not base64!"})",
                           R"({"duplicate":false})", "{\"receipt\":\"MAMC"}) {
    EXPECT_FALSE(ParseUploadAnswer(body)) << body;
  }
}

TEST(ServerAnswersTest, StatusPage_WellFormed_ChangesInOrder) {
  auto page = ParseStatusPage(
      R"({"changes":[{"packet_id":"ST-HN-0001-20261129-00042","status":"approved","changed_at":"2026-11-29T08:00:00Z"},)"
      R"({"packet_id":"ST-HN-0001-20261129-00043","status":"not_accepted","reason":"photo_quality","changed_at":null}],)"
      R"("next_cursor":"17"})");
  ASSERT_TRUE(page) << page.error().ToLogString();
  ASSERT_EQ(page->changes.size(), 2u);
  EXPECT_EQ(page->changes[0].packet_id, kPacket);
  EXPECT_EQ(page->changes[0].status, CentralStatus::kApproved);
  EXPECT_EQ(page->changes[0].changed_at, "2026-11-29T08:00:00Z");
  EXPECT_EQ(page->changes[1].status, CentralStatus::kNotAccepted);
  EXPECT_EQ(page->changes[1].reason, "photo_quality");
  EXPECT_EQ(page->changes[1].changed_at, "");
  EXPECT_EQ(page->next_cursor, "17");
}

TEST(ServerAnswersTest, StatusPage_CursorNotDigits_RefusedBeforeItIsSaved) {
  for (const char* cursor : {"\"17&x=1\"", "\"-1\"", "17", "null", "\"1 7\""}) {
    const std::string body = std::string(R"({"changes":[],"next_cursor":)") + cursor + "}";
    auto page = ParseStatusPage(body);
    ASSERT_FALSE(page) << body;
    EXPECT_EQ(page.error().code(), ErrorCode::kParse);
  }
}

TEST(ServerAnswersTest, StatusPage_WrongShapes_ParseErrorNotException) {
  for (const char* body :
       {"", "[]", R"({"changes":"x","next_cursor":"1"})", R"({"changes":{"a":1},"next_cursor":"1"})",
        R"({"changes":[5],"next_cursor":"1"})", R"({"changes":[{"packet_id":1,"status":"approved"}],"next_cursor":"1"})",
        R"({"changes":[{"packet_id":"a","status":"approved","reason":7}],"next_cursor":"1"})",
        R"({"changes":[{"packet_id":"a","status":"lost"}],"next_cursor":"1"})", R"({"changes":[]})"}) {
    Result<StatusPage> page = ParseStatusPage(body);
    ASSERT_FALSE(page) << body;
    EXPECT_EQ(page.error().code(), ErrorCode::kParse) << body;
  }
}

TEST(ServerAnswersTest, PacketStatus_WellFormedAndWrongShapes) {
  auto status = ParsePacketStatus(
      R"({"packet_id":"ST-HN-0001-20261129-00042","status":"processing","received_at":"2026-11-29T07:59:58Z"})");
  ASSERT_TRUE(status) << status.error().ToLogString();
  EXPECT_EQ(status->status, CentralStatus::kProcessing);
  EXPECT_EQ(status->received_at, "2026-11-29T07:59:58Z");
  EXPECT_EQ(status->reason, "");
  for (const char* body : {"", "7", R"({"packet_id":"a"})", R"({"packet_id":"a","status":3})",
                           R"({"packet_id":"a","status":"approved","changed_at":[]})"}) {
    EXPECT_FALSE(ParsePacketStatus(body)) << body;
  }
}

TEST(ServerAnswersTest, CertificateAnswer_NotPem_RetriableParseError) {
  auto cert = ParseCertificateAnswer("<html>proxy login</html>");
  ASSERT_FALSE(cert);
  EXPECT_EQ(cert.error().code(), ErrorCode::kParse);
  EXPECT_TRUE(cert.error().retriable());
}

}  // namespace
}  // namespace kiosk::sync
