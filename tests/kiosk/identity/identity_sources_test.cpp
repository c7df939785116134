#include "kiosk/identity/identity_sources.h"

#include <gtest/gtest.h>

namespace kiosk::identity {
namespace {

TEST(ValidateManualEntry, CompleteEntry_Normalised) {
  auto r = ValidateManualEntry({"001 090 123 456", "12/08/1990", "2030-08-12", " Trần  Văn Thử ", "Nam"});
  ASSERT_TRUE(r) << r.error().ToLogString();
  EXPECT_EQ(r->id_number, "001090123456");
  EXPECT_EQ(r->full_name, "Trần Văn Thử");
  EXPECT_EQ(*r->expiry, (CivilDate{2030, 8, 12}));
}

TEST(ValidateManualEntry, BadFields_Refused) {
  EXPECT_FALSE(ValidateManualEntry({"001090123456", "31/02/1990", "", "", ""}));
  EXPECT_FALSE(ValidateManualEntry({"001090123456", "12/08/1990", "12/08/1980", "", ""}));
  EXPECT_FALSE(ValidateManualEntry({"001090123456", "12/08/1990", "", "", "Nữ"}));
  EXPECT_FALSE(ValidateManualEntry({"001090123456", "12/08/1990", "", "", "?"}));
  EXPECT_FALSE(ValidateManualEntry({"00109012345", "12/08/1990", "", "", ""}));
}

TEST(FindMismatches, NamesDifferingOnlyInCaseAndSpaces_Agree) {
  std::map<IdentitySource, IdentityFields> sources;
  sources[IdentitySource::kQr] = {"001090123456", "Nguyễn Văn Thử", CivilDate{1990, 8, 12},
                                  Gender::kMale, std::nullopt, std::nullopt};
  sources[IdentitySource::kChip] = {"001090123456", "NGUYỄN  VĂN THỬ", CivilDate{1990, 8, 12},
                                    Gender::kMale, CivilDate{2030, 8, 12}, std::nullopt};
  EXPECT_TRUE(FindMismatches(sources).empty());
}

TEST(FindMismatches, DobAndNameDiffer_BothReportedWithValues) {
  std::map<IdentitySource, IdentityFields> sources;
  sources[IdentitySource::kTyped] = {"001090123456", "Nguyễn Văn Thử", CivilDate{1990, 8, 12},
                                     std::nullopt, CivilDate{2030, 8, 12}, std::nullopt};
  sources[IdentitySource::kChip] = {"001090123456", "Nguyễn Văn Thủ", CivilDate{1990, 8, 21},
                                    Gender::kMale, CivilDate{2030, 8, 12}, std::nullopt};
  auto m = FindMismatches(sources);
  ASSERT_EQ(m.size(), 2u);
  EXPECT_EQ(m[0].field, "full_name");
  EXPECT_EQ(m[1].field, "date_of_birth");
  EXPECT_EQ(m[1].values.at(IdentitySource::kChip), "1990-08-21");
}

}  // namespace
}  // namespace kiosk::identity
