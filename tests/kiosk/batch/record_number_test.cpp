#include "kiosk/batch/record_number.h"

#include <gtest/gtest.h>

#include <set>

#include "kiosk/store/settings.h"
#include "tests/kiosk/batch/records_fixture.h"

namespace kiosk::batch {
namespace {

using testing_support::RecordsFixture;

TEST(RecordNumber, Format_CarriesStationDayAndSequence) {
  EXPECT_EQ(FormatRecordNumber("ST-HN-0001", "20261129", 42), "ST-HN-0001-20261129-00042");
  EXPECT_EQ(FormatRecordNumber("Q1", "20260101", 99999), "Q1-20260101-99999");
}

TEST(RecordNumber, Parse_ReadsFromTheRightSoStationIdsMayHoldDashes) {
  auto parts = ParseRecordNumber("ST-HN-0001-20261129-00042");
  ASSERT_TRUE(parts);
  EXPECT_EQ(parts->station_id, "ST-HN-0001");
  EXPECT_EQ(parts->day, "20261129");
  EXPECT_EQ(parts->sequence, 42);
}

TEST(RecordNumber, Parse_AcceptsLegacyNumbersWithoutStation) {
  auto parts = ParseRecordNumber("20260115-00001");
  ASSERT_TRUE(parts);
  EXPECT_EQ(parts->station_id, "");
  EXPECT_EQ(parts->sequence, 1);
}

TEST(RecordNumber, Parse_RejectsWhatIsNotARecordNumber) {
  for (const char* bad : {"", "ST-1", "ST1-20261129-0042", "ST1-20261129-000042",
                          "ST1-20261329-00001", "ST1-20261100-00001", "ST1-20261129-00000",
                          "-20261129-00001", "ST 1-20261129-00001", "ST1-2026112X-00001",
                          "ST1_20261129-00001", "ST1-20261129_00001", "x--20261129-00001",
                          "ST1-20261129-0000a", "a23456789012345678901234567890123-20261129-00001"}) {
    EXPECT_FALSE(IsValidRecordNumber(bad)) << bad;
  }
}

TEST(StationId, Validation_FollowsTheDocumentedCharacterSet) {
  for (const char* good : {"A", "ST-HN-0001", "hn.q1_desk-2", "12345678901234567890123456789012"}) {
    EXPECT_TRUE(store::IsValidStationId(good)) << good;
  }
  for (const char* bad : {"", "-ST", "ST-", "ST 1", "ST/1", "Trạm1", "ST|1",
                          "123456789012345678901234567890123"}) {
    EXPECT_FALSE(store::IsValidStationId(bad)) << bad;
  }
}

class RecordNumberStoreTest : public RecordsFixture {};

TEST_F(RecordNumberStoreTest, Seal_UsesTheDefaultIdFromTheStationKeyWhenNoneIsSet) {
  const std::string id = store::DefaultStationId(store().station_key());
  EXPECT_TRUE(store::IsValidStationId(id));
  EXPECT_EQ(id.rfind("ST-", 0), 0u);
  EXPECT_EQ(id.size(), 15u);
  auto sealed = records_->Seal(officer_, Request());
  ASSERT_TRUE(sealed) << sealed.error().ToLogString();
  auto parts = ParseRecordNumber(sealed->record_number);
  ASSERT_TRUE(parts);
  EXPECT_EQ(parts->station_id, id);
}

TEST_F(RecordNumberStoreTest, TwoStations_NeverIssueTheSameNumber) {
  std::set<std::string> numbers;
  for (int i = 0; i < 3; ++i) {
    auto sealed = records_->Seal(officer_, Request());
    ASSERT_TRUE(sealed);
    numbers.insert(sealed->record_number);
  }
  // A second station: its own data directory, hence its own station key and id.
  kiosk::testing::TempDir other_dir;
  store::FileKeyProvider other_keys{store::FileKeyProvider::DefaultPath(other_dir.path())};
  store::StoreOptions options;
  options.data_dir = other_dir.path();
  auto other = store::Store::Open(options, other_keys, clock_);
  ASSERT_TRUE(other);
  auth::OperatorDirectory directory(**other, policy_, auth::PasswordHashCost::ForTests());
  ASSERT_TRUE(directory.BootstrapAdministrator({"admin", "", auth::Role::kAdministrator},
                                               testing_support::Pw("Admin#2026x")));
  auto admin = directory.SignIn("admin", testing_support::Pw("Admin#2026x"));
  ASSERT_TRUE(directory.AddOperator(*admin, {"officer1", "", auth::Role::kOfficer},
                                    testing_support::Pw("Temp#2026ab")));
  ASSERT_TRUE(directory.ChangePassword("officer1", testing_support::Pw("Temp#2026ab"),
                                       testing_support::Pw("Mine#2026cd")));
  auto officer = directory.SignIn("officer1", testing_support::Pw("Mine#2026cd"));
  ASSERT_TRUE(officer);
  Records other_records(**other, policy_);
  for (int i = 0; i < 3; ++i) {
    auto sealed = other_records.Seal(*officer, Request());
    ASSERT_TRUE(sealed) << sealed.error().ToLogString();
    EXPECT_TRUE(numbers.insert(sealed->record_number).second) << sealed->record_number;
  }
  EXPECT_EQ(numbers.size(), 6u);
}

TEST_F(RecordNumberStoreTest, ProvisionedId_NumbersFromOneAgainAndKeepsEarlierNumbers) {
  auto before = records_->Seal(officer_, Request());
  ASSERT_TRUE(before);
  store::Settings settings(store());
  ASSERT_TRUE(settings.Set(technician_, "station.id", "ST-HN-0001"));
  auto first = records_->Seal(officer_, Request());
  ASSERT_TRUE(first);
  EXPECT_EQ(first->record_number, "ST-HN-0001-20260115-00001");
  auto second = records_->Seal(officer_, Request());
  ASSERT_TRUE(second);
  EXPECT_EQ(second->record_number, "ST-HN-0001-20260115-00002");
  EXPECT_TRUE(records_->Get(officer_, before->record_number));
}

TEST_F(RecordNumberStoreTest, NewStationDay_RestartsTheSequence) {
  ASSERT_TRUE(store::Settings(store()).Set(technician_, "station.id", "Q1"));
  ASSERT_TRUE(records_->Seal(officer_, Request()));
  clock_.Advance(std::chrono::hours(24));
  ASSERT_TRUE(records_->RecordSuccessfulSync("sync"));
  auto next_day = records_->Seal(officer_, Request());
  ASSERT_TRUE(next_day) << next_day.error().ToLogString();
  EXPECT_EQ(next_day->record_number, "Q1-20260116-00001");
}

}  // namespace
}  // namespace kiosk::batch
