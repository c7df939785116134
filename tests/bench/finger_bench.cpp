// make bench: fingerprint capture-to-score latency (issue 6). From the moment the sensor's image
// is handed over (an 8-bit grey 500 ppi PNG, as drivers deliver it) to the quality score and
// feedback: decode + ScoreFingerprint (target: under 150 ms). The image is a synthetic print
// (tests/biometrics_data) the size of a large single-finger sensor at 500 ppi (about
// 20 x 25 mm: 400 x 500 px). The baseline, in the same run, is scoring alone on the image
// already decoded, so the table shows what the hand-over costs.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <vector>

#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>

#include "kiosk/biometrics/finger/finger_quality.h"
#include "tests/bench/bench_report.h"
#include "tests/biometrics_data/finger_samples.h"

namespace {

using namespace kiosk;
using Clock = std::chrono::steady_clock;
using Millis = std::chrono::duration<double, std::milli>;

double Median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

}  // namespace

int main() {
  cv::setNumThreads(1);
  constexpr int kRuns = 30;
  std::vector<double> total_ms, score_ms;
  int last_score = 0;
  for (int i = 0; i < kRuns; ++i) {
    const cv::Mat print = testdata::MakeFingerprint(testdata::FingerVariant::kGood,
                                                    static_cast<std::uint64_t>(i + 1), {400, 500});
    std::vector<uint8_t> png;
    cv::imencode(".png", print, png);

    auto t0 = Clock::now();
    const cv::Mat decoded = cv::imdecode(png, cv::IMREAD_GRAYSCALE);
    const auto quality = biometrics::finger::ScoreFingerprint(decoded);
    auto t1 = Clock::now();
    total_ms.push_back(Millis(t1 - t0).count());
    last_score = quality.score;

    t0 = Clock::now();
    const auto again = biometrics::finger::ScoreFingerprint(print);
    t1 = Clock::now();
    score_ms.push_back(Millis(t1 - t0).count());
    if (again.score != quality.score) {
      std::fprintf(stderr, "finger_bench: decoded and original scores differ\n");
      return 1;
    }
  }
  const double total = Median(total_ms), scoring = Median(score_ms);
  std::printf("400x500 @ 500 ppi, %d prints: decode+score %.1f ms, score alone %.1f ms "
              "(last score %d)\n", kRuns, total, scoring, last_score);
  bench::Print({"finger: capture-to-score, 500 ppi 400x500 (median; baseline: score only)", total,
                "ms", scoring, total / scoring, "< 150 ms", total < 150.0});
  return 0;
}
