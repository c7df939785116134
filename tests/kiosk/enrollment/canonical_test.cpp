#include "kiosk/enrollment/canonical.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

namespace kiosk::enrollment {
namespace {

TEST(CanonicalJson, KeysSortedNoWhitespace) {
  nlohmann::json j = {{"b", 1}, {"a", {{"d", "x"}, {"c", nullptr}}}, {"ä", true}};
  EXPECT_EQ(CanonicalJson(j).value(), "{\"a\":{\"c\":null,\"d\":\"x\"},\"b\":1,\"ä\":true}");
}

TEST(CanonicalJson, InvalidUtf8_Refused) {
  nlohmann::json j = {{"a", std::string("\xff")}};
  EXPECT_FALSE(CanonicalJson(j));
}

TEST(Sha256Hex, KnownVector) {
  EXPECT_EQ(Sha256Hex("abc").value(),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST(CanonicalRecord, DraftingStateExcluded_SameBytesForSameRecord) {
  Enrollment a;
  a.draft_id = "d1";
  a.contact.phone_e164 = "+84912345678";
  Enrollment b = a;
  b.current_step = Step::kPapers;
  b.furthest_step = Step::kPapers;
  EXPECT_EQ(CanonicalRecord(a).value(), CanonicalRecord(b).value());
  b.contact.consent = true;
  EXPECT_NE(CanonicalRecord(a).value(), CanonicalRecord(b).value());
}

TEST(EnrollmentJson, RoundTrip_Identical) {
  Enrollment e;
  e.draft_id = "d1";
  e.identity.sources[identity::IdentitySource::kQr] = {
      "001090123456", "Nguyễn Văn Thử", identity::CivilDate{1990, 8, 12},
      identity::Gender::kMale, std::nullopt, std::nullopt};
  e.identity.resolutions.push_back({"full_name", identity::IdentitySource::kQr, "ok"});
  e.fingers[Finger::kLeftLittle] = {std::nullopt, 0, FingerException::kAmputated, "note", false};
  e.papers.push_back({"mst", {{"tax_code", "0312345673"}}, {{"blob:1", "ab"}}, true, true, {{"tax_code", {"ocr", 0.5}}}});
  e.portrait.face_match = 0.5;
  nlohmann::json json = e;
  auto back = EnrollmentFromJson(json);
  ASSERT_TRUE(back) << back.error().ToLogString();
  EXPECT_EQ(nlohmann::json(*back), json);
}

}  // namespace
}  // namespace kiosk::enrollment
