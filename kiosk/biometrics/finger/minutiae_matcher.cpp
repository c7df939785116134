#include "kiosk/biometrics/finger/minutiae_matcher.h"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace kiosk::biometrics::finger {

namespace {

constexpr double kPi = std::numbers::pi;
constexpr std::size_t kCachedTemplates = 16;

// Angles here come from atan2 or are already wrapped: a few turns at most, no fmod needed.
double Wrap(double a) {
  while (a < 0) a += 2 * kPi;
  while (a >= 2 * kPi) a -= 2 * kPi;
  return a;
}

double AngleBetween(double a, double b) {
  const double d = Wrap(a - b);
  return d > kPi ? 2 * kPi - d : d;
}

// A neighbour as its minutia sees it: unchanged when the whole print moves or turns.
struct Neighbour {
  double distance = 0;
  double bearing = 0;    // direction to the neighbour, relative to the minutia's own direction
  double direction = 0;  // the neighbour's direction, relative to the minutia's
};

std::vector<std::vector<Neighbour>> LocalStructures(const std::vector<Minutia>& minutiae, int count) {
  std::vector<std::vector<Neighbour>> out(minutiae.size());
  std::vector<std::pair<double, std::size_t>> by_distance;
  for (std::size_t i = 0; i < minutiae.size(); ++i) {
    by_distance.clear();
    for (std::size_t j = 0; j < minutiae.size(); ++j) {
      if (j == i) continue;
      const cv::Point2f d = minutiae[j].position - minutiae[i].position;
      by_distance.push_back({std::sqrt(static_cast<double>(d.x) * d.x + static_cast<double>(d.y) * d.y), j});
    }
    const auto keep = std::min<std::size_t>(static_cast<std::size_t>(count), by_distance.size());
    std::partial_sort(by_distance.begin(), by_distance.begin() + static_cast<std::ptrdiff_t>(keep), by_distance.end());
    for (std::size_t n = 0; n < keep; ++n) {
      const Minutia& other = minutiae[by_distance[n].second];
      const cv::Point2f d = other.position - minutiae[i].position;
      out[i].push_back({by_distance[n].first, Wrap(std::atan2(d.y, d.x) - minutiae[i].direction),
                        Wrap(other.direction - minutiae[i].direction)});
    }
  }
  return out;
}

// 0 (nothing alike) .. 1 (every neighbour found again).
double LocalSimilarity(const std::vector<Neighbour>& a, const std::vector<Neighbour>& b, const MatchOptions& o) {
  if (a.empty() || b.empty()) return 0;
  const double angle_tolerance = o.direction_tolerance_deg * kPi / 180;
  std::vector<bool> used(b.size(), false);
  double sum = 0;
  for (const auto& na : a) {
    double best_cost = 1;
    std::size_t best = b.size();
    for (std::size_t j = 0; j < b.size(); ++j) {
      if (used[j]) continue;
      const double dd = std::abs(na.distance - b[j].distance) / (0.6 * o.distance_tolerance + 0.08 * na.distance);
      if (dd >= 1) continue;
      const double db = AngleBetween(na.bearing, b[j].bearing) / angle_tolerance;
      const double dr = AngleBetween(na.direction, b[j].direction) / angle_tolerance;
      if (dd >= 1 || db >= 1 || dr >= 1) continue;
      const double cost = (dd + db + dr) / 3;
      if (cost < best_cost) {
        best_cost = cost;
        best = j;
      }
    }
    if (best < b.size()) {
      used[best] = true;
      sum += 1 - best_cost;
    }
  }
  return sum / static_cast<double>(std::max(a.size(), b.size()));
}

// Rotation by `angle` then translation: print A's coordinates into print B's.
struct Alignment {
  double angle = 0;
  cv::Point2d shift;
  cv::Point2f Apply(cv::Point2f p) const {
    const double c = std::cos(angle), s = std::sin(angle);
    return cv::Point2f(static_cast<float>(c * p.x - s * p.y + shift.x), static_cast<float>(s * p.x + c * p.y + shift.y));
  }
  cv::Point2f Invert(cv::Point2f q) const {
    const double c = std::cos(angle), s = std::sin(angle);
    const double x = q.x - shift.x, y = q.y - shift.y;
    return cv::Point2f(static_cast<float>(c * x + s * y), static_cast<float>(-s * x + c * y));
  }
};

using Pairs = std::vector<std::pair<std::size_t, std::size_t>>;

// One-to-one pairs within the tolerances, closest first.
Pairs PairUp(const FingerTemplate& a, const FingerTemplate& b, const Alignment& align, const MatchOptions& o) {
  const double angle_tolerance = o.direction_tolerance_deg * kPi / 180;
  std::vector<std::tuple<double, std::size_t, std::size_t>> close;
  for (std::size_t i = 0; i < a.minutiae.size(); ++i) {
    const cv::Point2f p = align.Apply(a.minutiae[i].position);
    const double direction = a.minutiae[i].direction + align.angle;
    for (std::size_t j = 0; j < b.minutiae.size(); ++j) {
      const cv::Point2f d = b.minutiae[j].position - p;
      const double squared = static_cast<double>(d.x) * d.x + static_cast<double>(d.y) * d.y;
      if (squared > o.distance_tolerance * o.distance_tolerance) continue;
      if (AngleBetween(direction, b.minutiae[j].direction) > angle_tolerance) continue;
      close.emplace_back(std::sqrt(squared), i, j);
    }
  }
  std::sort(close.begin(), close.end());
  std::vector<bool> used_a(a.minutiae.size(), false), used_b(b.minutiae.size(), false);
  Pairs pairs;
  for (const auto& [distance, i, j] : close) {
    if (used_a[i] || used_b[j]) continue;
    used_a[i] = used_b[j] = true;
    pairs.emplace_back(i, j);
  }
  return pairs;
}

// The rotation and translation that best lay the paired minutiae of A on B (least squares).
Alignment Refit(const FingerTemplate& a, const FingerTemplate& b, const Pairs& pairs, const Alignment& fallback) {
  if (pairs.size() < 3) return fallback;
  cv::Point2d ca(0, 0), cb(0, 0);
  for (const auto& [i, j] : pairs) {
    ca += cv::Point2d(a.minutiae[i].position);
    cb += cv::Point2d(b.minutiae[j].position);
  }
  ca *= 1.0 / static_cast<double>(pairs.size());
  cb *= 1.0 / static_cast<double>(pairs.size());
  double cross = 0, dot = 0;
  for (const auto& [i, j] : pairs) {
    const cv::Point2d p = cv::Point2d(a.minutiae[i].position) - ca, q = cv::Point2d(b.minutiae[j].position) - cb;
    cross += p.x * q.y - p.y * q.x;
    dot += p.x * q.x + p.y * q.y;
  }
  Alignment out;
  out.angle = std::atan2(cross, dot);
  const double c = std::cos(out.angle), s = std::sin(out.angle);
  out.shift = cb - cv::Point2d(c * ca.x - s * ca.y, s * ca.x + c * ca.y);
  return out;
}

MatchResult Score(const FingerTemplate& a, const FingerTemplate& b, const Alignment& align, const Pairs& pairs,
                  const MatchOptions& o) {
  MatchResult r;
  r.paired = static_cast<int>(pairs.size());
  for (const auto& m : a.minutiae) r.common_a += b.OnFinger(align.Apply(m.position));
  for (const auto& m : b.minutiae) r.common_b += a.OnFinger(align.Invert(m.position));
  const double common = static_cast<double>(std::max(r.common_a, o.min_common)) * std::max(r.common_b, o.min_common);
  r.score = std::min(1.0, static_cast<double>(r.paired) * r.paired / common);
  return r;
}

std::uint64_t ContentHash(const cv::Mat& image) {
  std::uint64_t h = 1469598103934665603ULL;  // FNV-1a
  auto mix = [&h](std::uint64_t v) {
    h ^= v;
    h *= 1099511628211ULL;
  };
  mix(static_cast<std::uint64_t>(image.rows));
  mix(static_cast<std::uint64_t>(image.cols));
  mix(static_cast<std::uint64_t>(image.type()));
  const std::size_t row_bytes = image.cols * image.elemSize();
  for (int y = 0; y < image.rows; ++y) {
    const uchar* row = image.ptr<uchar>(y);
    for (std::size_t x = 0; x < row_bytes; ++x) mix(row[x]);
  }
  return h;
}

}  // namespace

MatchResult CompareTemplates(const FingerTemplate& a, const FingerTemplate& b, const MatchOptions& o) {
  MatchResult best;
  if (a.minutiae.empty() || b.minutiae.empty()) return best;
  const auto local_a = LocalStructures(a.minutiae, o.neighbours);
  const auto local_b = LocalStructures(b.minutiae, o.neighbours);
  std::vector<std::tuple<double, std::size_t, std::size_t>> seeds;
  for (std::size_t i = 0; i < a.minutiae.size(); ++i) {
    for (std::size_t j = 0; j < b.minutiae.size(); ++j) {
      const double similarity = LocalSimilarity(local_a[i], local_b[j], o);
      if (similarity > 0) seeds.emplace_back(similarity, i, j);
    }
  }
  const auto keep = std::min<std::size_t>(static_cast<std::size_t>(o.candidate_alignments), seeds.size());
  std::partial_sort(seeds.begin(), seeds.begin() + static_cast<std::ptrdiff_t>(keep), seeds.end(),
                    [](const auto& x, const auto& y) { return std::get<0>(x) > std::get<0>(y); });
  for (std::size_t s = 0; s < keep; ++s) {
    const auto [similarity, i, j] = seeds[s];
    Alignment align;
    align.angle = b.minutiae[j].direction - a.minutiae[i].direction;
    const cv::Point2f rotated = Alignment{align.angle, {0, 0}}.Apply(a.minutiae[i].position);
    align.shift = cv::Point2d(b.minutiae[j].position - rotated);
    Pairs pairs = PairUp(a, b, align, o);
    // Two refits: the seed pair alone fixes the rotation only to within its direction's error.
    for (int round = 0; round < 2; ++round) {
      const Alignment refit = Refit(a, b, pairs, align);
      Pairs again = PairUp(a, b, refit, o);
      if (again.size() < pairs.size()) break;
      align = refit;
      pairs = std::move(again);
    }
    const MatchResult r = Score(a, b, align, pairs, o);
    if (r.score > best.score) best = r;
  }
  best.same_finger = best.score >= o.threshold && best.paired >= o.min_paired;
  return best;
}

Result<FingerTemplate> MinutiaeMatcher::TemplateOf(const cv::Mat& image) {
  const std::uint64_t key = image.empty() ? 0 : ContentHash(image);
  {
    std::lock_guard lock(mutex_);
    for (auto it = cache_.begin(); it != cache_.end(); ++it) {
      if (it->first != key) continue;
      cache_.splice(cache_.begin(), cache_, it);
      return cache_.front().second;
    }
  }
  auto extracted = ExtractMinutiae(image, extraction_);
  if (!extracted) return extracted;
  std::lock_guard lock(mutex_);
  cache_.emplace_front(key, *extracted);
  if (cache_.size() > kCachedTemplates) cache_.pop_back();
  return extracted;
}

Result<MatchResult> MinutiaeMatcher::Compare(const cv::Mat& a, const cv::Mat& b) {
  auto ta = TemplateOf(a);
  if (!ta) return Fail(ta.error());
  auto tb = TemplateOf(b);
  if (!tb) return Fail(tb.error());
  return CompareTemplates(*ta, *tb, options_);
}

Result<bool> MinutiaeMatcher::SameFinger(const cv::Mat& a, const cv::Mat& b) {
  auto compared = Compare(a, b);
  if (!compared) return Fail(compared.error());
  return compared->same_finger;
}

namespace {

class MinutiaeTemplate final : public PrintTemplate {
 public:
  explicit MinutiaeTemplate(FingerTemplate minutiae) : minutiae_(std::move(minutiae)) {}
  const FingerTemplate& minutiae() const { return minutiae_; }

 private:
  FingerTemplate minutiae_;
};

}  // namespace

Result<std::shared_ptr<const PrintTemplate>> MinutiaeMatcher::MakeTemplate(const cv::Mat& image) {
  auto extracted = TemplateOf(image);
  if (!extracted) return Fail(extracted.error());
  return std::shared_ptr<const PrintTemplate>(std::make_shared<MinutiaeTemplate>(std::move(*extracted)));
}

Result<bool> MinutiaeMatcher::SameFingerTemplates(const PrintTemplate& a, const PrintTemplate& b) {
  const auto* minutiae_a = dynamic_cast<const MinutiaeTemplate*>(&a);
  const auto* minutiae_b = dynamic_cast<const MinutiaeTemplate*>(&b);
  if (minutiae_a == nullptr || minutiae_b == nullptr) {
    return Fail(Error::Internal("fingerprint template made by another matcher"));
  }
  return CompareTemplates(minutiae_a->minutiae(), minutiae_b->minutiae(), options_).same_finger;
}

}  // namespace kiosk::biometrics::finger
