#include "kiosk/process/openmp_threads.h"

#include <gtest/gtest.h>
#include <omp.h>

#include <thread>

#include "kiosk/core/i18n.h"
#include "tests/support/temp_dir.h"

namespace kiosk::process {
namespace {

using kiosk::testing::ScopedEnv;

// The team size of a parallel region asking for four threads, started on a new thread (as the
// station's scan worker is) after `prepare` ran there.
template <typename Prepare>
int TeamSizeOnNewThread(Prepare prepare) {
  int size = 0;
  std::thread worker([&] {
    prepare();
#pragma omp parallel num_threads(4)
    {
#pragma omp single
      size = omp_get_num_threads();
    }
  });
  worker.join();
  return size;
}

// libgomp read OMP_THREAD_LIMIT when this test started: a limit below four hides the effect.
#define SKIP_IF_LIMITED()                                                              \
  if (omp_get_thread_limit() < 4) GTEST_SKIP() << "OMP_THREAD_LIMIT set for this process"

TEST(OpenMpThreads, SingleThreadHere_RegionsOnThatThreadRunAlone) {
  SKIP_IF_LIMITED();
  ScopedEnv no_limit(kOpenMpThreadLimit, "");
  EXPECT_EQ(TeamSizeOnNewThread([] {}), 4);  // what Tesseract would get without the rule
  EXPECT_EQ(TeamSizeOnNewThread([] { SingleThreadOpenMpHere(); }), 1);
}

TEST(OpenMpThreads, SingleThreadHere_OtherThreadsUntouched) {
  SKIP_IF_LIMITED();
  ScopedEnv no_limit(kOpenMpThreadLimit, "");
  std::thread([] { SingleThreadOpenMpHere(); }).join();
  EXPECT_EQ(TeamSizeOnNewThread([] {}), 4);
}

// A technician's OMP_THREAD_LIMIT is their choice: the rule then leaves OpenMP alone.
TEST(OpenMpThreads, TechnicianLimitSet_LeftAlone) {
  ScopedEnv limit(kOpenMpThreadLimit, "3");
  int levels = -1;
  std::thread([&] {
    int before = omp_get_max_active_levels();
    SingleThreadOpenMpHere();
    levels = omp_get_max_active_levels();
    EXPECT_EQ(levels, before);
  }).join();
  EXPECT_NE(levels, 0);
}

TEST(OpenMpThreads, DoctorLine_SaysHowOcrIsKept) {
  ASSERT_TRUE(i18n::SetLanguage("en"));
  {
    ScopedEnv limit(kOpenMpThreadLimit, "2");
    auto check = CheckOpenMpThreads();
    EXPECT_EQ(check.status, diag::Status::kOk);
    EXPECT_EQ(check.Text(), "OpenMP threads limited to 2 (OMP_THREAD_LIMIT).");
  }
  {
    ScopedEnv limit(kOpenMpThreadLimit, "");
    auto check = CheckOpenMpThreads();
    EXPECT_EQ(check.status, diag::Status::kOk);
    EXPECT_EQ(check.Text(), "Reading papers runs on one thread (OpenMP kept off where OCR runs).");
  }
  (void)i18n::SetLanguage("vi");
}

}  // namespace
}  // namespace kiosk::process
