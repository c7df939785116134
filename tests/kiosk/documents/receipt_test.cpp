#include "kiosk/documents/receipt.h"

#include <gtest/gtest.h>

namespace kiosk::documents {
namespace {

constexpr const char* kNumber = "ST-HN-0001-20261129-00042";

enrollment::Enrollment Sealed() {
  enrollment::Enrollment e;
  e.officer = "canbo";
  identity::IdentityFields typed;
  typed.id_number = "001095012345";
  typed.full_name = "Nguyen Van Mau";
  identity::IdentityFields chip;
  chip.id_number = "001095012345";
  chip.full_name = "NGUYỄN VĂN MẪU";
  e.identity.sources[identity::IdentitySource::kTyped] = typed;
  e.identity.sources[identity::IdentitySource::kChip] = chip;
  e.papers.push_back({"gplx", {{"number", "012345678901"}}, {}, true, true, {}});
  e.papers.push_back({"mst", {{"tax_code", "0312345673"}}, {}, true, false, {}});
  return e;
}

TEST(MaskIdNumber, KeepsProvinceAndLastThreeDigits) {
  EXPECT_EQ(MaskIdNumber("001095012345"), "001******345");
  EXPECT_EQ(MaskIdNumber("12345"), "************") << "not an ID: nothing of it is shown";
  EXPECT_EQ(MaskIdNumber(""), "");
}

TEST(MakeReceipt, SealedEnrollment_ChipNameMaskedIdPapersAndStationTime) {
  // 2026-11-29 08:30 UTC is 15:30 in Vietnam.
  auto receipt = MakeReceipt(Sealed(), kNumber, "canbo", 1795941000);
  ASSERT_TRUE(receipt) << receipt.error().ToLogString();
  EXPECT_EQ(receipt->record_number, kNumber);
  EXPECT_EQ(receipt->station_id, "ST-HN-0001");
  EXPECT_EQ(receipt->issued_at, "15:30 29/11/2026");
  EXPECT_EQ(receipt->officer, "canbo");
  EXPECT_EQ(receipt->citizen_name, "NGUYỄN VĂN MẪU") << "the chip's name comes first";
  EXPECT_EQ(receipt->masked_id, "001******345");
  ASSERT_EQ(receipt->papers.size(), 2u);
  EXPECT_EQ(receipt->papers[0].title, "Driving licence (GPLX)");
  EXPECT_TRUE(receipt->papers[0].original_sighted);
  EXPECT_FALSE(receipt->papers[1].original_sighted);
  EXPECT_EQ(ParseReceiptQr(receipt->qr_payload).value_or(""), kNumber);
  EXPECT_EQ(receipt->qr_payload.find("001095012345"), std::string::npos) << "no ID in the QR";
}

TEST(MakeReceipt, NotARecordNumber_Refused) {
  EXPECT_FALSE(MakeReceipt(Sealed(), "hello", "canbo", 0));
  EXPECT_FALSE(MakeReceipt(Sealed(), "", "canbo", 0));
}

TEST(ParseReceiptQr, RoundTripWithScannerNewlineAndUpperCaseCheck) {
  std::string payload = ReceiptQrPayload(kNumber);
  EXPECT_EQ(ParseReceiptQr(payload + "\r\n").value_or(""), kNumber);
  std::string upper = payload;
  for (size_t i = payload.rfind('|') + 1; i < upper.size(); ++i) {
    upper[i] = static_cast<char>(std::toupper(static_cast<unsigned char>(upper[i])));
  }
  EXPECT_EQ(ParseReceiptQr(upper).value_or(""), kNumber);
  EXPECT_EQ(ParseReceiptQr(ReceiptQrPayload("20261129-00001")).value_or(""), "20261129-00001")
      << "legacy numbers stay readable";
}

TEST(ParseReceiptQr, OtherCodes_SaidToBeNotAReceipt) {
  for (std::string text : {std::string(), std::string("   "),
                           std::string("001095012345||Nguyễn Văn Mẫu|14031995|Nam|Hà Nội|01072021"),
                           std::string("https://example.invalid/"), std::string(400, 'K')}) {
    auto parsed = ParseReceiptQr(text);
    ASSERT_FALSE(parsed) << text;
    EXPECT_EQ(parsed.error().code(), ErrorCode::kParse);
    EXPECT_NE(parsed.error().message_key().find("not from a receipt"), std::string::npos) << text;
  }
}

TEST(ParseReceiptQr, DamagedCodes_RefusedNeverAnotherRecord) {
  const std::string good = ReceiptQrPayload(kNumber);
  std::string flipped_check = good;
  flipped_check.back() = flipped_check.back() == '0' ? '1' : '0';
  std::string other_number = good;
  other_number.replace(other_number.find("00042"), 5, "00043");  // the check no longer fits
  for (const std::string& text :
       {flipped_check, other_number, std::string("KIOSK-RCPT1"), std::string("KIOSK-RCPT1|"),
        std::string("KIOSK-RCPT1|") + kNumber, good + "|extra", std::string("KIOSK-RCPT1x|a|b"),
        std::string("KIOSK-RCPT1|not a number|12345678")}) {
    auto parsed = ParseReceiptQr(text);
    ASSERT_FALSE(parsed) << text;
    EXPECT_EQ(parsed.error().code(), ErrorCode::kParse) << text;
    EXPECT_NE(parsed.error().message_key().find("damaged"), std::string::npos) << text;
  }
}

}  // namespace
}  // namespace kiosk::documents
