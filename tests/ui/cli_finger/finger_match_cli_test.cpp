// `kiosk-cli finger match A B [--json]` as an officer or technician runs it: the station's matcher
// on invented prints (drivers/sim/finger/synthetic_finger.h), never a real person's.
#include <gtest/gtest.h>

#include <array>
#include <cstdio>
#include <string>

#include <nlohmann/json.hpp>
#include <opencv2/imgcodecs.hpp>

#include "drivers/sim/finger/synthetic_finger.h"
#include "kiosk/biometrics/finger/minutiae_matcher.h"
#include "tests/support/temp_dir.h"

namespace kiosk {
namespace {

constexpr std::uint64_t kFinger = 41;
constexpr std::uint64_t kOtherFinger = 97;

struct CliRun {
  int exit_code = -1;
  std::string out;  // stdout and stderr
};

// Runs kiosk-cli with its data and configuration in `home` (nothing of the machine's own).
CliRun RunCli(const testing::TempDir& home, const std::string& arguments, const std::string& lang = "en") {
  const std::string command = "env KIOSK_DATA_DIR='" + (home / "data").string() + "' XDG_CONFIG_HOME='" +
                              (home / "config").string() + "' '" + KIOSK_CLI + "' --lang " + lang +
                              " finger match " + arguments + " 2>&1";
  CliRun run;
  FILE* pipe = popen(command.c_str(), "r");
  EXPECT_NE(pipe, nullptr);
  if (pipe == nullptr) return run;
  std::array<char, 512> buffer{};
  while (fgets(buffer.data(), buffer.size(), pipe) != nullptr) run.out += buffer.data();
  const int status = pclose(pipe);
  run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return run;
}

class FingerMatchCliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    same_a_ = Write("same_a.png", sim::DrawFingerImpression(kFinger, sim::VariedImpression(kFinger, 0)));
    same_b_ = Write("same_b.png", sim::DrawFingerImpression(kFinger, sim::VariedImpression(kFinger, 1)));
    other_ = Write("other.png", sim::DrawFingerImpression(kOtherFinger, sim::VariedImpression(kOtherFinger, 0)));
  }
  std::string Write(const std::string& name, const cv::Mat& image) {
    const std::string path = (dir_ / name).string();
    EXPECT_TRUE(cv::imwrite(path, image));
    return path;
  }
  static std::string Quoted(const std::string& path) { return "'" + path + "'"; }

  testing::TempDir dir_;
  std::string same_a_, same_b_, other_;
};

TEST_F(FingerMatchCliTest, TwoImpressionsOfOneFinger_Json_SameFingerWithTheMatchersScore) {
  const CliRun run = RunCli(dir_, Quoted(same_a_) + " " + Quoted(same_b_) + " --json");
  ASSERT_EQ(run.exit_code, 0) << run.out;
  const auto doc = nlohmann::json::parse(run.out);
  EXPECT_TRUE(doc["ok"].get<bool>());
  EXPECT_TRUE(doc["same_finger"].get<bool>()) << run.out;
  EXPECT_GE(doc["score"].get<double>(), biometrics::finger::MatchOptions::kDefaultThreshold);
  EXPECT_GE(doc["paired"].get<int>(), biometrics::finger::MatchOptions{}.min_paired);
  EXPECT_DOUBLE_EQ(doc["threshold"].get<double>(), biometrics::finger::MatchOptions::kDefaultThreshold);
  // The same figures as the station's matcher in-process.
  biometrics::finger::MinutiaeMatcher matcher;
  auto expected = matcher.Compare(cv::imread(same_a_, cv::IMREAD_GRAYSCALE), cv::imread(same_b_, cv::IMREAD_GRAYSCALE));
  ASSERT_TRUE(expected.has_value());
  EXPECT_DOUBLE_EQ(doc["score"].get<double>(), expected->score);
  EXPECT_EQ(doc["paired"].get<int>(), expected->paired);
}

TEST_F(FingerMatchCliTest, AnotherFinger_Text_NotTheSameFinger_StillExitsZero) {
  const CliRun run = RunCli(dir_, Quoted(same_a_) + " " + Quoted(other_));
  EXPECT_EQ(run.exit_code, 0) << run.out;
  EXPECT_NE(run.out.find("Match score: "), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("minutiae paired"), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("Verdict: not the same finger"), std::string::npos) << run.out;
}

TEST_F(FingerMatchCliTest, SameFinger_Text_SaysTheSameFinger) {
  const CliRun run = RunCli(dir_, Quoted(same_b_) + " " + Quoted(same_a_));
  EXPECT_EQ(run.exit_code, 0) << run.out;
  EXPECT_NE(run.out.find("Verdict: the same finger"), std::string::npos) << run.out;
}

TEST_F(FingerMatchCliTest, UnreadableFile_ExitsOneWithAOneLineReason) {
  const std::string missing = (dir_ / "missing.png").string();
  const CliRun run = RunCli(dir_, Quoted(same_a_) + " " + Quoted(missing));
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_NE(run.out.find("cannot be read"), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("missing.png"), std::string::npos) << run.out;
  EXPECT_EQ(run.out.find('\n'), run.out.size() - 1) << "one line: " << run.out;
}

TEST_F(FingerMatchCliTest, TextFileNamedPng_ExitsOneWithAOneLineReason) {
  const std::string not_an_image = dir_.WriteFile("notes.png", "not a picture").string();
  const CliRun run = RunCli(dir_, Quoted(not_an_image) + " " + Quoted(same_a_));
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_NE(run.out.find("cannot be read"), std::string::npos) << run.out;
  EXPECT_EQ(run.out.find('\n'), run.out.size() - 1) << "one line: " << run.out;
}

TEST_F(FingerMatchCliTest, Vietnamese_VerdictTranslated) {
  const CliRun run = RunCli(dir_, Quoted(same_a_) + " " + Quoted(other_), "vi");
  EXPECT_EQ(run.exit_code, 0) << run.out;
  EXPECT_NE(run.out.find("Kết luận: không phải cùng một ngón tay"), std::string::npos) << run.out;
}

// A readable image without a print: the comparison cannot run, which is not a verdict.
TEST_F(FingerMatchCliTest, BlankImage_ExitsOneWithTheMatchersReason) {
  const std::string blank = Write("blank.png", cv::Mat(400, 300, CV_8UC1, cv::Scalar(255)));
  const CliRun run = RunCli(dir_, Quoted(same_a_) + " " + Quoted(blank));
  EXPECT_EQ(run.exit_code, 1) << run.out;
  EXPECT_EQ(run.out.find("Verdict"), std::string::npos) << run.out;
  EXPECT_EQ(run.out.find('\n'), run.out.size() - 1) << "one line: " << run.out;
}

TEST_F(FingerMatchCliTest, UnreadableFile_Json_OkFalseAndExitOne) {
  const CliRun run = RunCli(dir_, Quoted((dir_ / "missing.png").string()) + " " + Quoted(same_a_) + " --json");
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_NE(run.out.find("\"ok\": false"), std::string::npos) << run.out;
}

}  // namespace
}  // namespace kiosk
