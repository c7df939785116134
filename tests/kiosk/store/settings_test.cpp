#include "kiosk/store/settings.h"

#include <gtest/gtest.h>

#include "tests/kiosk/batch/records_fixture.h"

namespace kiosk::store {
namespace {

class SettingsTest : public batch::testing_support::RecordsFixture {
 protected:
  // The audit entries written since `after`, as "action record outcome detail".
  std::vector<audit::Entry> AuditSince(int64_t after) {
    auto entries = store().audit().List(after);
    EXPECT_TRUE(entries);
    return entries ? *entries : std::vector<audit::Entry>{};
  }
  int64_t AuditHead() {
    auto entries = store().audit().List();
    return entries && !entries->empty() ? entries->back().seq : 0;
  }
};

TEST_F(SettingsTest, List_ShowsEverySettingWithItsDefault) {
  Settings settings(store());
  auto list = settings.List(technician_);
  ASSERT_TRUE(list) << list.error().ToLogString();
  ASSERT_EQ(list->size(), KnownSettings().size());
  EXPECT_EQ((*list)[0].name, "station.id");
  EXPECT_TRUE((*list)[0].is_default);
  EXPECT_EQ((*list)[0].value, DefaultStationId(store().station_key()));
  EXPECT_EQ((*list)[1].name, "station.unit");
  EXPECT_EQ((*list)[1].value, "");
}

TEST_F(SettingsTest, Set_ChangesTheValueAndAuditsWhoOldAndNew) {
  Settings settings(store());
  const int64_t head = AuditHead();
  ASSERT_TRUE(settings.Set(technician_, "station.id", "  ST-HN-0001 "));
  auto got = settings.Get(admin_, "station.id");
  ASSERT_TRUE(got);
  EXPECT_EQ(got->value, "ST-HN-0001");
  EXPECT_FALSE(got->is_default);
  auto entries = AuditSince(head);
  ASSERT_EQ(entries.size(), 1u);
  EXPECT_EQ(entries[0].actor, "tech1");
  EXPECT_EQ(entries[0].action, "settings.change");
  EXPECT_EQ(entries[0].record, "station.id");
  EXPECT_EQ(entries[0].outcome, "ok");
  EXPECT_EQ(entries[0].detail, "'" + DefaultStationId(store().station_key()) +
                                   "' (default) -> 'ST-HN-0001'");
  EXPECT_EQ(*StationId(store()), "ST-HN-0001");
}

TEST_F(SettingsTest, SetSameValue_WritesNoAuditEntry) {
  Settings settings(store());
  ASSERT_TRUE(settings.Set(technician_, "station.unit", "Công an phường Bến Nghé"));
  const int64_t head = AuditHead();
  ASSERT_TRUE(settings.Set(technician_, "station.unit", "Công an phường Bến Nghé"));
  EXPECT_TRUE(AuditSince(head).empty());
}

TEST_F(SettingsTest, EmptyValue_ReturnsToTheDefault) {
  Settings settings(store());
  ASSERT_TRUE(settings.Set(admin_, "station.id", "Q1"));
  ASSERT_TRUE(settings.Set(admin_, "station.id", ""));
  auto got = settings.Get(admin_, "station.id");
  ASSERT_TRUE(got);
  EXPECT_TRUE(got->is_default);
  EXPECT_EQ(got->value, DefaultStationId(store().station_key()));
  // A text setting without a default simply becomes empty.
  ASSERT_TRUE(settings.Set(admin_, "station.unit", "Unit 7"));
  ASSERT_TRUE(settings.Set(admin_, "station.unit", ""));
  EXPECT_EQ(settings.Get(admin_, "station.unit")->value, "");
}

TEST_F(SettingsTest, Roles_OnlyTechnicianAndAdministrator) {
  Settings settings(store());
  for (const auto* session : {&officer_, &supervisor_}) {
    EXPECT_EQ(settings.List(*session).error().code(), ErrorCode::kPermissionDenied);
    EXPECT_EQ(settings.Get(*session, "station.id").error().code(), ErrorCode::kPermissionDenied);
    const int64_t head = AuditHead();
    EXPECT_EQ(settings.Set(*session, "station.id", "X1").error().code(),
              ErrorCode::kPermissionDenied);
    auto entries = AuditSince(head);
    ASSERT_EQ(entries.size(), 1u);
    EXPECT_EQ(entries[0].outcome, "denied");
  }
  EXPECT_EQ(settings.Set(auth::Session{}, "station.id", "X1").error().code(),
            ErrorCode::kUnauthenticated);
  EXPECT_NE(*StationId(store()), "X1");
}

TEST_F(SettingsTest, BadValues_AreRefusedAndNothingChanges) {
  Settings settings(store());
  for (const char* bad : {"ST 1", "-ST", "Trạm-1", "123456789012345678901234567890123", "a|b"}) {
    auto r = settings.Set(technician_, "station.id", bad);
    ASSERT_FALSE(r) << bad;
    EXPECT_EQ(r.error().code(), ErrorCode::kInvalidArgument);
  }
  EXPECT_EQ(settings.Set(technician_, "station.unit", "line\nbreak").error().code(),
            ErrorCode::kInvalidArgument);
  EXPECT_EQ(settings.Set(technician_, "station.unit", std::string(121, 'x')).error().code(),
            ErrorCode::kInvalidArgument);
  EXPECT_EQ(settings.Set(technician_, "station.unit", "\xC3\x28").error().code(),
            ErrorCode::kInvalidArgument);
  EXPECT_TRUE(settings.Get(technician_, "station.id")->is_default);
}

TEST_F(SettingsTest, InternalRows_AreNotSettings) {
  Settings settings(store());
  for (const char* internal : {"data_key_wrapped", "audit_head", "last_sync_success_at", "nope"}) {
    EXPECT_EQ(settings.Get(admin_, internal).error().code(), ErrorCode::kNotFound) << internal;
    EXPECT_EQ(settings.Set(admin_, internal, "1").error().code(), ErrorCode::kNotFound);
  }
}

TEST_F(SettingsTest, TypedSettings_IntegerAndBooleanAreCheckedAndSecretsNeverAudited) {
  SettingSpec copies;
  copies.name = "receipt.copies";
  copies.type = SettingType::kInteger;
  copies.default_value = "1";
  copies.min = 0;
  copies.max = 3;
  SettingSpec duplex;
  duplex.name = "receipt.duplex";
  duplex.type = SettingType::kBoolean;
  duplex.default_value = "false";
  SettingSpec token;
  token.name = "support.token";
  token.secret = true;
  Settings settings(store(), {copies, duplex, token});

  EXPECT_EQ(*settings.IntValue("receipt.copies"), 1);
  ASSERT_TRUE(settings.Set(technician_, "receipt.copies", "3"));
  EXPECT_EQ(*settings.IntValue("receipt.copies"), 3);
  for (const char* bad : {"4", "-1", "two", "1.5", ""}) {
    if (std::string(bad).empty()) continue;  // empty resets to the default
    EXPECT_EQ(settings.Set(technician_, "receipt.copies", bad).error().code(),
              ErrorCode::kInvalidArgument)
        << bad;
  }
  ASSERT_TRUE(settings.Set(technician_, "receipt.duplex", "Yes"));
  EXPECT_TRUE(*settings.BoolValue("receipt.duplex"));
  EXPECT_EQ(settings.Get(technician_, "receipt.duplex")->value, "true");
  EXPECT_FALSE(settings.Set(technician_, "receipt.duplex", "maybe"));

  const int64_t head = AuditHead();
  ASSERT_TRUE(settings.Set(technician_, "support.token", "s3cret-value"));
  auto entries = AuditSince(head);
  ASSERT_EQ(entries.size(), 1u);
  EXPECT_EQ(entries[0].detail, "changed");
  auto list = settings.List(technician_);
  ASSERT_TRUE(list);
  EXPECT_EQ(list->back().value, "***");
}

TEST_F(SettingsTest, Changes_SurviveReopeningAndKeepTheAuditChainValid) {
  ASSERT_TRUE(Settings(store()).Set(technician_, "station.id", "ST-DN-0002"));
  ASSERT_TRUE(Reopen());
  EXPECT_EQ(*StationId(store()), "ST-DN-0002");
  auto report = store().audit().Verify();
  ASSERT_TRUE(report);
  EXPECT_TRUE(report->ok) << report->problem;
}

}  // namespace
}  // namespace kiosk::store
