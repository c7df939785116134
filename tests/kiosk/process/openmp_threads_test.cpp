#include "kiosk/process/openmp_threads.h"

#include <gtest/gtest.h>

#include <array>
#include <cstdio>
#include <fstream>
#include <string>

#include "kiosk/core/i18n.h"
#include "tests/support/temp_dir.h"

namespace kiosk::process {
namespace {

using kiosk::testing::ScopedEnv;
using kiosk::testing::TempDir;

struct ProbeRun {
  std::string output;  // the probe's one line
  int starts = 0;      // how many times its main began
};

// Runs the probe under `env_prefix` (an `env …` command line) with two arguments.
ProbeRun RunProbe(const std::string& env_prefix) {
  TempDir dir;
  const auto starts_file = dir / "starts";
  const std::string command = env_prefix + " " KIOSK_REEXEC_PROBE " '" + starts_file.string() +
                              "' first 'second arg'";
  ProbeRun run;
  FILE* pipe = popen(command.c_str(), "r");
  EXPECT_NE(pipe, nullptr);
  if (pipe == nullptr) return run;
  std::array<char, 256> buffer{};
  while (fgets(buffer.data(), buffer.size(), pipe) != nullptr) run.output += buffer.data();
  EXPECT_EQ(pclose(pipe), 0) << command;
  std::ifstream in(starts_file);
  for (std::string line; std::getline(in, line);) ++run.starts;
  return run;
}

TEST(OpenMpThreads, Unset_ReexecutedOnceWithLimitOneAndSameArguments) {
  auto run = RunProbe("env -u OMP_THREAD_LIMIT -u KIOSK_OMP_REEXECUTED");
  EXPECT_EQ(run.output, "limit=1 marker=unset args=[first],[second arg]\n");
  EXPECT_EQ(run.starts, 2);
}

TEST(OpenMpThreads, AlreadySet_LeftAloneNotReexecuted) {
  auto run = RunProbe("env -u KIOSK_OMP_REEXECUTED OMP_THREAD_LIMIT=3");
  EXPECT_EQ(run.output, "limit=3 marker=unset args=[first],[second arg]\n");
  EXPECT_EQ(run.starts, 1);
}

TEST(OpenMpThreads, SetButEmpty_TreatedAsUnset) {
  auto run = RunProbe("env -u KIOSK_OMP_REEXECUTED OMP_THREAD_LIMIT=");
  EXPECT_EQ(run.output, "limit=1 marker=unset args=[first],[second arg]\n");
  EXPECT_EQ(run.starts, 2);
}

// The marker says "already re-executed": whatever else the environment holds, no loop.
TEST(OpenMpThreads, MarkerPresent_NeverReexecutedAgain) {
  auto run = RunProbe("env -u OMP_THREAD_LIMIT KIOSK_OMP_REEXECUTED=1");
  EXPECT_EQ(run.output, "limit=(unset) marker=unset args=[first],[second arg]\n");
  EXPECT_EQ(run.starts, 1);
}

TEST(OpenMpThreads, DoctorLine_SaysWhetherLimited) {
  ASSERT_TRUE(i18n::SetLanguage("en"));
  {
    ScopedEnv limit(kOpenMpThreadLimit, "1");
    auto check = CheckOpenMpThreads();
    EXPECT_EQ(check.status, diag::Status::kOk);
    EXPECT_EQ(check.Text(), "OpenMP threads limited to 1.");
  }
  {
    ScopedEnv limit(kOpenMpThreadLimit, "");
    auto check = CheckOpenMpThreads();
    EXPECT_EQ(check.status, diag::Status::kWarning);
    EXPECT_NE(check.Text().find("OMP_THREAD_LIMIT=1"), std::string::npos);
  }
  (void)i18n::SetLanguage("vi");
}

}  // namespace
}  // namespace kiosk::process
