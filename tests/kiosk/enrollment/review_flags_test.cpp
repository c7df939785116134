// Review flags computed from what is sealed (record.json and the chip's own files): every rule,
// with the chip files of a real emulated read, altered the way a clone would.
#include "kiosk/enrollment/review_flags.h"

#include <gtest/gtest.h>

#include <set>

#include "kiosk/core/i18n.h"
#include "kiosk/enrollment/canonical.h"
#include "kiosk/enrollment/captures.h"
#include "kiosk/enrollment/sealed_layout.h"
#include "tests/kiosk/enrollment/demo_chip.h"

namespace kiosk::enrollment {
namespace {

using identity::IdentitySource;
using testing::ReadDemoChip;

// A record that raises no flag: genuine read (AA and CA passed), portrait compared above the
// threshold, prints captured, a paper whose holder is the citizen.
Enrollment CleanRecord() {
  Enrollment e;
  identity::IdentityFields chip;
  chip.id_number = "001095012345";
  chip.full_name = "NGUYỄN VĂN MẪU";
  chip.date_of_birth = identity::CivilDate{1995, 3, 14};
  e.identity.sources[IdentitySource::kChip] = chip;
  e.identity.sources[IdentitySource::kQr] = chip;
  e.identity.chip = ChipResult{true, "valid", "passed", "passed", {1, 2, 13, 14, 15}};
  e.portrait.image = ImageRef{"draft:portrait.jpg", "00"};
  e.portrait.face_match = 0.8;
  e.portrait.face_match_threshold = 0.6;
  FingerItem print;
  print.image = ImageRef{"draft:finger.right_index.png", "00"};
  print.quality = 80;
  e.fingers[Finger::kRightIndex] = print;
  PaperItem paper;
  paper.type = "bhyt";
  paper.fields = {{"code", "DN4010123456789"}, {"full_name", "Nguyễn Văn Mẫu"}, {"date_of_birth", "1995-03-14"}};
  paper.field_sources = {{"code", {"qr", 1.0}}, {"full_name", {"ocr", 0.93}}, {"date_of_birth", {"typed", 1}}};
  e.papers.push_back(paper);
  return e;
}

// The read's kept files, as sealed.
struct SealedChip {
  std::map<uint16_t, emrtd::Bytes> files;
  ChipFiles View() const {
    ChipFiles view;
    for (const auto& [fid, bytes] : files) view[fid] = bytes;
    return view;
  }
};

SealedChip Kept(const emrtd::ChipReadResult& read) {
  SealedChip chip;
  for (uint16_t fid : kKeptChipFiles) {
    if (auto it = read.files.find(fid); it != read.files.end()) chip.files[fid] = it->second;
  }
  return chip;
}

const emrtd::ChipReadResult& GenuineRead() {
  static const emrtd::ChipReadResult read = ReadDemoChip();
  return read;
}

bool Has(const std::vector<std::string>& flags, std::string_view code) {
  return std::find(flags.begin(), flags.end(), code) != flags.end();
}

TEST(ReviewFlags, CleanRecord_GenuineChip_NoFlag) {
  EXPECT_TRUE(ReviewFlagsOf(CleanRecord(), Kept(GenuineRead()).View()).empty());
}

TEST(ReviewFlags, PassiveAuthentication_NotReadInvalidOrNotVerifiable) {
  auto e = CleanRecord();
  e.identity.chip.reset();
  e.identity.chip_exception = "reader broken";
  EXPECT_EQ(ReviewFlagsOf(e, {}), std::vector<std::string>{"chip_not_read"});
  e = CleanRecord();
  e.identity.chip->passive_authentication = "invalid";
  EXPECT_TRUE(Has(ReviewFlagsOf(e, {}), flags::kChipInvalid));
  e.identity.chip->passive_authentication = "not_verifiable";
  EXPECT_TRUE(Has(ReviewFlagsOf(e, {}), flags::kChipNotVerifiable));
  e.identity.chip->passive_authentication = "not_checked";
  EXPECT_TRUE(Has(ReviewFlagsOf(e, {}), flags::kChipNotVerifiable));
}

// A clone with a copied SOD that leaves DG15 out (or answers "not found") gets Active
// Authentication "not supported": the SOD still lists DG15, so the record is flagged even if
// record.json were made to say the SOD listed nothing.
TEST(ReviewFlags, CloneHidingDg15_SodStillListsIt_Flagged) {
  auto kept = Kept(GenuineRead());
  kept.files.erase(kDg15);
  auto e = CleanRecord();
  e.identity.chip->active_authentication = "not_supported";
  e.identity.chip->sod_data_groups.clear();
  EXPECT_EQ(ReviewFlagsOf(e, kept.View()), std::vector<std::string>{"active_authentication_not_passed"});
  for (const char* status : {"not_checked", "failed"}) {
    e.identity.chip->active_authentication = status;
    EXPECT_TRUE(Has(ReviewFlagsOf(e, kept.View()), flags::kActiveAuthNotPassed)) << status;
  }
}

TEST(ReviewFlags, ChipAuthenticationNotPassed_WithDg14Listed_Flagged) {
  auto e = CleanRecord();
  for (const char* status : {"not_checked", "not_supported", "failed", ""}) {
    e.identity.chip->chip_authentication = status;
    EXPECT_EQ(ReviewFlagsOf(e, Kept(GenuineRead()).View()),
              std::vector<std::string>{"chip_authentication_not_passed"})
        << status;
  }
  // DG14 hidden by the chip: it may hold a key, so still flagged.
  auto hidden = Kept(GenuineRead());
  hidden.files.erase(kDg14);
  EXPECT_TRUE(Has(ReviewFlagsOf(e, hidden.View()), flags::kChipAuthNotPassed));
}

// DG14 can carry Active Authentication's algorithm only: no CA key, nothing to prove.
TEST(ReviewFlags, Dg14WithoutAChipAuthenticationKey_NoCaFlag) {
  sim::LdsBuildOptions no_ca;
  no_ca.include_chip_auth = false;
  const auto read = ReadDemoChip(no_ca);
  EXPECT_EQ(emrtd::ToString(read.verification.chip.status), std::string("not_supported"));
  auto e = CleanRecord();
  e.identity.chip->chip_authentication = "not_supported";
  EXPECT_TRUE(ReviewFlagsOf(e, Kept(read).View()).empty());
}

// Only a chip whose SOD lists neither DG14 nor DG15 passes on Passive Authentication alone.
TEST(ReviewFlags, SodListingNeitherKey_NoCloneFlag) {
  sim::LdsBuildOptions bare;
  bare.include_dg14 = false;
  bare.include_dg15 = false;
  const auto read = ReadDemoChip(bare);
  auto e = CleanRecord();
  e.identity.chip->active_authentication = "not_supported";
  e.identity.chip->chip_authentication = "not_supported";
  e.identity.chip->sod_data_groups = {1, 2, 13};
  EXPECT_TRUE(ReviewFlagsOf(e, Kept(read).View()).empty());
}

TEST(ReviewFlags, IdentityMismatchResolvedByTheOfficer_Flagged) {
  auto e = CleanRecord();
  e.identity.sources[IdentitySource::kQr].full_name = "NGUYỄN VĂN MẪN";
  e.identity.resolutions.push_back({"full_name", IdentitySource::kChip, "QR misprinted"});
  EXPECT_EQ(ReviewFlagsOf(e, Kept(GenuineRead()).View()), std::vector<std::string>{"identity_mismatch_resolved"});
}

TEST(ReviewFlags, Portrait_NotComparedOrBelowThreshold_Flagged) {
  auto e = CleanRecord();
  e.portrait.face_match.reset();
  e.portrait.face_match_threshold.reset();
  EXPECT_EQ(ReviewFlagsOf(e, Kept(GenuineRead()).View()), std::vector<std::string>{"portrait_not_compared"});
  e.portrait.face_match = 0.59;
  e.portrait.face_match_threshold = 0.6;
  EXPECT_EQ(ReviewFlagsOf(e, Kept(GenuineRead()).View()), std::vector<std::string>{"face_mismatch"});
  e.portrait.face_match_threshold.reset();
  e.portrait.face_match = 0.99;
  EXPECT_EQ(ReviewFlagsOf(e, Kept(GenuineRead()).View()), std::vector<std::string>{"face_mismatch"})
      << "a score without its threshold cannot show a match";
}

TEST(ReviewFlags, FingerExceptionAndPrintKeptBelowThreshold_Flagged) {
  auto e = CleanRecord();
  FingerItem excepted;
  excepted.exception = FingerException::kAmputated;
  excepted.exception_note = "lost at work";
  e.fingers[Finger::kLeftIndex] = excepted;
  e.fingers[Finger::kRightIndex].kept_below_threshold = true;
  e.fingers[Finger::kRightIndex].quality = 30;
  EXPECT_EQ(ReviewFlagsOf(e, Kept(GenuineRead()).View()),
            (std::vector<std::string>{"biometric_exception", "finger_low_quality"}));
}

TEST(ReviewFlags, Papers_UncheckedLowConfidenceFieldAndAnotherHolder_Flagged) {
  auto e = CleanRecord();
  e.papers[0].field_sources["full_name"] = {"ocr", kLowConfidence - 0.01};
  EXPECT_EQ(ReviewFlagsOf(e, Kept(GenuineRead()).View()), std::vector<std::string>{"paper_unchecked_fields"});
  e.papers[0].field_sources["full_name"] = {"typed", 1};  // retyped from the original
  EXPECT_TRUE(ReviewFlagsOf(e, Kept(GenuineRead()).View()).empty());
  e.papers[0].fields["full_name"] = "Trần Thị Khác";
  EXPECT_EQ(ReviewFlagsOf(e, Kept(GenuineRead()).View()), std::vector<std::string>{"paper_holder_mismatch"});
}

TEST(ReviewFlags, SealedItems_RecordParsedChipFilesByLayoutName_DamagedRecordUnreadable) {
  auto e = CleanRecord();
  e.identity.chip->active_authentication = "not_supported";
  e.identity.chip->sod_data_groups.clear();
  const std::string canonical = *CanonicalRecord(e);
  const auto kept = Kept(GenuineRead());
  SealedItemBytes items;
  items["record.json"] = std::span(reinterpret_cast<const uint8_t*>(canonical.data()), canonical.size());
  for (const auto& [fid, bytes] : kept.files) {
    if (fid != kDg15) items[ChipItemName(fid)] = bytes;
  }
  EXPECT_EQ(ReviewFlagsOfSealedItems(items), std::vector<std::string>{"active_authentication_not_passed"});

  const std::string damaged = canonical.substr(0, canonical.size() / 2);
  items["record.json"] = std::span(reinterpret_cast<const uint8_t*>(damaged.data()), damaged.size());
  EXPECT_EQ(ReviewFlagsOfSealedItems(items), std::vector<std::string>{"record_unreadable"});
  items.erase("record.json");
  EXPECT_EQ(ReviewFlagsOfSealedItems(items), std::vector<std::string>{"record_unreadable"});
}

// Every code has its own reason in plain words, in English and in Vietnamese.
TEST(ReviewFlags, EveryCode_HasItsOwnReasonInBothLanguages) {
  using namespace flags;
  const std::vector<std::string_view> codes = {
      kRecordUnreadable, kChipNotRead, kChipInvalid, kChipNotVerifiable, kActiveAuthNotPassed,
      kChipAuthNotPassed, kIdentityMismatchResolved, kPortraitNotCompared, kFaceMismatch,
      kFingerException, kFingerLowQuality, kPaperUncheckedFields, kPaperHolderMismatch,
      kLegacyChipWarning};
  std::set<std::string_view> reasons;
  ASSERT_TRUE(i18n::SetLanguage("vi"));
  for (auto code : codes) {
    const auto reason = ReviewFlagReason(code);
    reasons.insert(reason);
    EXPECT_NE(i18n::tr(reason), std::string(reason)) << "no Vietnamese for " << code;
  }
  EXPECT_EQ(reasons.size(), codes.size());
  EXPECT_FALSE(ReviewFlagReason("some_future_flag").empty());
}

}  // namespace
}  // namespace kiosk::enrollment
