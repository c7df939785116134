#pragma once
// The result line every benchmark prints for tests/bench/run_bench.sh:
//   BENCH {"figure": …, "value": …, "unit": …, "baseline": …, "ratio": …, "target": …, "met": …}
// baseline and ratio are null when a figure has no baseline measured in the same run.

#include <cstdio>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

namespace kiosk::bench {

struct Figure {
  std::string figure;
  double value = 0;
  std::string unit;
  std::optional<double> baseline;
  std::optional<double> ratio;
  std::string target;  // in words, e.g. "< 20 ms", ">= 4x fewer"
  bool met = false;
};

inline void Print(const Figure& f) {
  nlohmann::json line = {{"figure", f.figure}, {"value", f.value}, {"unit", f.unit},
                         {"baseline", nullptr}, {"ratio", nullptr},
                         {"target", f.target}, {"met", f.met}};
  if (f.baseline) line["baseline"] = *f.baseline;
  if (f.ratio) line["ratio"] = *f.ratio;
  std::printf("BENCH %s\n", line.dump().c_str());
  std::fflush(stdout);
}

}  // namespace kiosk::bench
