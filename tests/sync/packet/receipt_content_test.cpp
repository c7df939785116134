// The signed receipt's JSON once its signature held (ParseReceiptContent). A field of another
// type used to throw out of VerifyReceipt (nlohmann's value() throws on a type mismatch); it must
// be a kParse error like any other malformed receipt. Reached by tests/fuzz/fuzz_sync_answers.
#include "sync/packet/receipt.h"

#include <gtest/gtest.h>

namespace kiosk::sync {
namespace {

TEST(ReceiptContentTest, WellFormed_FieldsRead) {
  auto content = ParseReceiptContent(
      R"({"content_hash":"ab12","packet_id":"ST-HN-0001-20261129-00042","received_at":"2026-11-29T07:59:58Z",)"
      R"("station_id":"ST-HN-0001","type":"kiosk-receipt/1"})");
  ASSERT_TRUE(content) << content.error().ToLogString();
  EXPECT_EQ(content->packet_id, "ST-HN-0001-20261129-00042");
  EXPECT_EQ(content->content_hash, "ab12");
  EXPECT_EQ(content->station_id, "ST-HN-0001");
  EXPECT_EQ(content->received_at, "2026-11-29T07:59:58Z");
}

TEST(ReceiptContentTest, FieldOfAnotherType_ParseErrorNotException) {
  for (const char* body : {R"({"type":5})", R"({"type":"kiosk-receipt/1","packet_id":42})",
                           R"({"type":"kiosk-receipt/1","content_hash":null})",
                           R"({"type":"kiosk-receipt/1","received_at":["x"]})"}) {
    Result<ReceiptContent> content = ParseReceiptContent(body);
    ASSERT_FALSE(content) << body;
    EXPECT_EQ(content.error().code(), ErrorCode::kParse);
  }
}

TEST(ReceiptContentTest, NotAReceipt_Refused) {
  for (const char* body : {"", "[]", "\"kiosk-receipt/1\"", R"({"type":"kiosk-receipt/2"})", "{}"}) {
    EXPECT_FALSE(ParseReceiptContent(body)) << body;
  }
}

}  // namespace
}  // namespace kiosk::sync
