#include "sync/server/population_register.h"

#include <gtest/gtest.h>

namespace kiosk::sync::server {
namespace {

constexpr const char* kRegister = R"({"citizens": [
  {"id_number": "001099012345", "full_name": "Nguyễn Thị Mẫu", "date_of_birth": "1990-02-03"}]})";

std::map<std::string, std::string> Fields(std::string id, std::string name, std::string dob) {
  return {{"id_number", id}, {"full_name", name}, {"date_of_birth", dob}};
}

TEST(PopulationRegisterTest, Decide_Matching_Approved) {
  auto reg = PopulationRegister::Parse(kRegister);
  ASSERT_TRUE(reg);
  EXPECT_TRUE(reg->Decide(Fields("001099012345", "Nguyễn Thị Mẫu", "1990-02-03")).approved);
  // Extra spaces typed by the officer are not a mismatch.
  EXPECT_TRUE(reg->Decide(Fields("001099012345", " Nguyễn  Thị Mẫu ", "1990-02-03")).approved);
}

TEST(PopulationRegisterTest, Decide_Mismatches_NotAcceptedWithReason) {
  auto reg = PopulationRegister::Parse(kRegister);
  ASSERT_TRUE(reg);
  auto unknown = reg->Decide(Fields("001099099999", "Nguyễn Thị Mẫu", "1990-02-03"));
  EXPECT_FALSE(unknown.approved);
  EXPECT_EQ(unknown.reason, "The ID number is not in the population register.");
  auto name = reg->Decide(Fields("001099012345", "Nguyen Thi Mau", "1990-02-03"));
  EXPECT_FALSE(name.approved);
  EXPECT_EQ(name.reason, "The name does not match the population register.");
  auto dob = reg->Decide(Fields("001099012345", "Nguyễn Thị Mẫu", "1990-03-02"));
  EXPECT_FALSE(dob.approved);
  EXPECT_EQ(dob.reason, "The date of birth does not match the population register.");
  EXPECT_FALSE(reg->Decide({}).approved);
}

TEST(PopulationRegisterTest, Parse_Malformed_Refused) {
  EXPECT_FALSE(PopulationRegister::Parse("{"));
  EXPECT_FALSE(PopulationRegister::Parse("[]"));
  EXPECT_FALSE(PopulationRegister::Parse(R"({"citizens": [{"full_name": "x"}]})"));
}

TEST(PopulationRegisterTest, NoRegister_CompleteRecordApproved) {
  PopulationRegister none;
  EXPECT_TRUE(none.Decide(Fields("001099012345", "Ai Đó", "2000-01-01")).approved);
}

}  // namespace
}  // namespace kiosk::sync::server
