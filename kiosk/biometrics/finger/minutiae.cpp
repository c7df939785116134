#include "kiosk/biometrics/finger/minutiae.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <numbers>
#include <optional>

#include <opencv2/imgproc.hpp>

#include "kiosk/biometrics/finger/ridge_orientation.h"
#include "kiosk/core/i18n.h"

namespace kiosk::biometrics::finger {

namespace {

constexpr double kPi = std::numbers::pi;
constexpr int kGaborOrientations = 8;

// Ring of the 8 neighbours, clockwise from north: the order the crossing number walks.
const std::array<cv::Point, 8> kRing = {cv::Point(0, -1), cv::Point(1, -1), cv::Point(1, 0), cv::Point(1, 1),
                                            cv::Point(0, 1),  cv::Point(-1, 1), cv::Point(-1, 0), cv::Point(-1, -1)};

double WrapTwoPi(double a) {
  a = std::fmod(a, 2 * kPi);
  return a < 0 ? a + 2 * kPi : a;
}

// Smallest difference between two directions, radians in [0, π].
double AngleBetween(double a, double b) {
  const double d = WrapTwoPi(a - b);
  return d > kPi ? 2 * kPi - d : d;
}

// Finger blocks: ridge-like spread (or dark skin) and orderly ridges; then the largest region,
// holes closed and specks opened away.
cv::Mat FingerBlocks(const cv::Mat& grey, const cv::Mat& coherence, int block, const MinutiaeOptions& o) {
  const double paper = PaperLevel(grey);
  cv::Mat cells(grey.rows / block, grey.cols / block, CV_8U, cv::Scalar(0));
  for (int by = 0; by < cells.rows; ++by) {
    for (int bx = 0; bx < cells.cols; ++bx) {
      const cv::Rect r(bx * block, by * block, block, block);
      cv::Scalar mean, stddev;
      cv::meanStdDev(grey(r), mean, stddev);
      if (!IsFingerBlock(mean[0], stddev[0], paper, o.min_block_stddev)) continue;
      if (cv::mean(coherence(r))[0] < o.min_coherence) continue;
      cells.at<uchar>(by, bx) = 255;
    }
  }
  const cv::Mat cross = cv::getStructuringElement(cv::MORPH_CROSS, cv::Size(3, 3));
  cv::morphologyEx(cells, cells, cv::MORPH_CLOSE, cross);
  cv::morphologyEx(cells, cells, cv::MORPH_OPEN, cross);
  cv::Mat labels, stats, centroids;
  const int count = cv::connectedComponentsWithStats(cells, labels, stats, centroids, 4);
  int largest = 0, largest_area = 0;
  for (int i = 1; i < count; ++i) {
    if (stats.at<int>(i, cv::CC_STAT_AREA) > largest_area) {
      largest_area = stats.at<int>(i, cv::CC_STAT_AREA);
      largest = i;
    }
  }
  cv::Mat finger = labels == largest;
  if (largest == 0) finger.setTo(0);
  return finger;
}

// Ridges brighter than valleys after an even Gabor filter across each pixel's orientation. With a
// round envelope the filter splits into two separable ones (cos(a+b) = cos a cos b - sin a sin b),
// about ten times cheaper than a 2-D convolution per orientation.
cv::Mat EnhanceRidges(const cv::Mat& grey, const cv::Mat& normal, double period) {
  cv::Mat f, local_mean;
  grey.convertTo(f, CV_32F);
  const int window = 2 * static_cast<int>(period) + 1;
  cv::blur(f, local_mean, cv::Size(window, window));
  f = local_mean - f;  // ridges (dark) positive, no flat level left for the filter to answer
  const double sigma = 0.5 * period;  // about one ridge and its two valleys
  const int half = static_cast<int>(std::ceil(2.5 * sigma));
  std::array<cv::Mat, kGaborOrientations> responses;
  cv::Mat cos_x(1, 2 * half + 1, CV_32F), sin_x(1, 2 * half + 1, CV_32F);
  cv::Mat cos_y(1, 2 * half + 1, CV_32F), sin_y(1, 2 * half + 1, CV_32F);
  cv::Mat part;
  for (int k = 0; k < kGaborOrientations; ++k) {
    const double theta = k * kPi / kGaborOrientations;
    const double kx = 2 * kPi / period * std::cos(theta), ky = 2 * kPi / period * std::sin(theta);
    for (int t = -half; t <= half; ++t) {
      const double g = std::exp(-t * t / (2 * sigma * sigma));
      cos_x.at<float>(t + half) = static_cast<float>(g * std::cos(kx * t));
      sin_x.at<float>(t + half) = static_cast<float>(g * std::sin(kx * t));
      cos_y.at<float>(t + half) = static_cast<float>(g * std::cos(ky * t));
      sin_y.at<float>(t + half) = static_cast<float>(g * std::sin(ky * t));
    }
    cv::sepFilter2D(f, responses[k], CV_32F, cos_x, cos_y);
    cv::sepFilter2D(f, part, CV_32F, sin_x, sin_y);
    responses[k] -= part;
  }
  cv::Mat out(grey.size(), CV_32F);
  for (int y = 0; y < grey.rows; ++y) {
    const float* n = normal.ptr<float>(y);
    float* o = out.ptr<float>(y);
    for (int x = 0; x < grey.cols; ++x) {
      const int k = static_cast<int>(std::lround(n[x] / kPi * kGaborOrientations)) % kGaborOrientations;
      o[x] = responses[k].at<float>(y, x);
    }
  }
  return out;
}

// Zhang-Suen thinning of a 0/1 image whose border row and column are 0, then the corner pixels
// of its staircases removed so that every ridge pixel has exactly two neighbours in the ring.
// Written here on purpose: OpenCV contrib's cv::ximgproc::thinning (Debian's 4.6) does the same
// Zhang-Suen passes but measured 65 ms on a 300x400 ridge image against 3.8 ms for this loop,
// which alone would break the two-print match's 50 ms budget.
void Thin(cv::Mat& img) {
  std::vector<cv::Point> doomed;
  for (bool changed = true; changed;) {
    changed = false;
    for (int pass = 0; pass < 2; ++pass) {
      doomed.clear();
      for (int y = 1; y < img.rows - 1; ++y) {
        const uchar* above = img.ptr<uchar>(y - 1);
        const uchar* row = img.ptr<uchar>(y);
        const uchar* below = img.ptr<uchar>(y + 1);
        for (int x = 1; x < img.cols - 1; ++x) {
          if (!row[x]) continue;
          // Clockwise from north, as kRing.
          const std::array<int, 8> p = {above[x], above[x + 1], row[x + 1], below[x + 1],
                                        below[x], below[x - 1], row[x - 1], above[x - 1]};
          int neighbours = 0, transitions = 0;
          for (int i = 0; i < 8; ++i) {
            neighbours += p[i];
            transitions += (p[i] == 0 && p[(i + 1) % 8] == 1);
          }
          if (neighbours < 2 || neighbours > 6 || transitions != 1) continue;
          // p[0] N, p[2] E, p[4] S, p[6] W
          const bool remove = pass == 0 ? (p[0] * p[2] * p[4] == 0 && p[2] * p[4] * p[6] == 0)
                                        : (p[0] * p[2] * p[6] == 0 && p[0] * p[4] * p[6] == 0);
          if (remove) doomed.push_back({x, y});
        }
      }
      for (const auto& d : doomed) img.at<uchar>(d) = 0;
      changed = changed || !doomed.empty();
    }
  }
  for (int y = 1; y < img.rows - 1; ++y) {
    for (int x = 1; x < img.cols - 1; ++x) {
      if (!img.at<uchar>(y, x)) continue;
      auto at = [&](int i) { return img.at<uchar>(y + kRing[i].y, x + kRing[i].x) != 0; };
      // A corner between two 4-neighbours that touch each other diagonally carries nothing.
      const bool redundant = (at(0) && at(2) && !at(4) && !at(5) && !at(6)) ||
                             (at(2) && at(4) && !at(6) && !at(7) && !at(0)) ||
                             (at(4) && at(6) && !at(0) && !at(1) && !at(2)) ||
                             (at(6) && at(0) && !at(2) && !at(3) && !at(4));
      if (redundant) img.at<uchar>(y, x) = 0;
    }
  }
}

int CrossingNumber(const cv::Mat& skeleton, cv::Point p) {
  int transitions = 0;
  for (int i = 0; i < 8; ++i) {
    const cv::Point a = p + kRing[i], b = p + kRing[(i + 1) % 8];
    transitions += skeleton.at<uchar>(a) != skeleton.at<uchar>(b);
  }
  return transitions / 2;
}

// The ridge from a minutia along one branch: the pixels walked, stopping at another minutia
// (crossing number 1 or ≥ 3), a dead end, or max_length.
struct RidgeWalk {
  std::vector<cv::Point> path;
  bool reached_minutia = false;
  cv::Point minutia;
};

RidgeWalk Walk(const cv::Mat& skeleton, const cv::Mat& crossing, cv::Point from, cv::Point first,
               std::vector<cv::Point> visited, int max_length) {
  RidgeWalk walk;
  visited.push_back(from);
  cv::Point current = first;
  while (static_cast<int>(walk.path.size()) < max_length) {
    walk.path.push_back(current);
    visited.push_back(current);
    const int cn = crossing.at<uchar>(current);
    if (cn == 1 || cn >= 3) {
      walk.reached_minutia = true;
      walk.minutia = current;
      return walk;
    }
    std::optional<cv::Point> next;
    for (int pref = 0; pref < 2 && !next; ++pref) {
      for (int i = pref; i < 8; i += 2) {  // 4-neighbours first (even ring indices)
        const cv::Point q = current + kRing[i];
        if (!skeleton.at<uchar>(q)) continue;
        if (std::find(visited.begin(), visited.end(), q) != visited.end()) continue;
        next = q;
        break;
      }
    }
    if (!next) return walk;
    current = *next;
  }
  return walk;
}

// The first pixel of each branch leaving p (one per run of set pixels in the ring).
std::vector<cv::Point> Branches(const cv::Mat& skeleton, cv::Point p) {
  std::vector<cv::Point> starts;
  for (int i = 0; i < 8; ++i) {
    const bool set = skeleton.at<uchar>(p + kRing[i]) != 0;
    const bool previous = skeleton.at<uchar>(p + kRing[(i + 7) % 8]) != 0;
    if (!set || previous) continue;
    int pick = i;
    for (int j = i; skeleton.at<uchar>(p + kRing[j % 8]) && j < i + 8; ++j) {
      if (j % 2 == 0) {
        pick = j % 8;
        break;
      }
    }
    starts.push_back(p + kRing[pick]);
  }
  return starts;
}

struct Candidate {
  Minutia minutia;
  cv::Point pixel;
  bool removed = false;
};

}  // namespace

bool FingerTemplate::OnFinger(cv::Point2f p) const {
  if (foreground.empty() || p.x < 0 || p.y < 0) return false;
  const int bx = static_cast<int>(p.x) / block, by = static_cast<int>(p.y) / block;
  return bx < foreground.cols && by < foreground.rows && foreground.at<uchar>(by, bx) != 0;
}

Result<FingerTemplate> ExtractMinutiae(const cv::Mat& image, const MinutiaeOptions& o) {
  if (image.empty()) return Fail(Error::InvalidArgument(N_("No fingerprint image to compare.")));
  const double scale = o.ppi / 500;
  const double period = o.ridge_period * scale;
  const int block = std::max(8, static_cast<int>(std::lround(16 * scale)));
  if (image.rows < 6 * block || image.cols < 6 * block) {
    return Fail(Error::InvalidArgument(N_("The fingerprint image is too small to compare."),
                                       std::to_string(image.cols) + "x" + std::to_string(image.rows)));
  }
  cv::Mat grey;
  if (image.channels() == 3) {
    cv::cvtColor(image, grey, cv::COLOR_BGR2GRAY);
  } else if (image.channels() == 1) {
    image.convertTo(grey, CV_8U);
  } else {
    return Fail(Error::InvalidArgument(N_("No fingerprint image to compare."), "channels"));
  }

  const RidgeOrientation orientation = EstimateRidgeOrientation(grey, 0.8 * period);
  FingerTemplate out;
  out.image_size = grey.size();
  out.block = block;
  out.foreground = FingerBlocks(grey, orientation.coherence, block, o);
  if (cv::countNonZero(out.foreground) < o.min_foreground_blocks) {
    return Fail(Error::InvalidArgument(N_("No fingerprint ridges were found in the image.")));
  }
  cv::Mat mask_px;
  cv::resize(out.foreground, mask_px, cv::Size(out.foreground.cols * block, out.foreground.rows * block), 0, 0,
             cv::INTER_NEAREST);
  cv::copyMakeBorder(mask_px, mask_px, 0, grey.rows - mask_px.rows, 0, grey.cols - mask_px.cols,
                     cv::BORDER_CONSTANT, 0);
  // Minutiae within about a block of the finger's edge are mostly where ridges are cut off.
  cv::Mat inner;
  cv::erode(out.foreground, inner, cv::getStructuringElement(cv::MORPH_RECT, cv::Size(3, 3)), cv::Point(-1, -1), 1,
            cv::BORDER_CONSTANT, 0);

  const cv::Mat enhanced = EnhanceRidges(grey, orientation.normal, period);
  cv::Mat skeleton = (enhanced > 0) & mask_px;
  skeleton /= 255;
  cv::rectangle(skeleton, cv::Rect(0, 0, skeleton.cols, skeleton.rows), cv::Scalar(0), 2);
  Thin(skeleton);
  // Fragments shorter than about a ridge period are noise, not ridges.
  {
    cv::Mat labels, stats, centroids;
    const int count = cv::connectedComponentsWithStats(skeleton, labels, stats, centroids, 8);
    for (int i = 1; i < count; ++i) {
      if (stats.at<int>(i, cv::CC_STAT_AREA) < period) skeleton.setTo(0, labels == i);
    }
  }

  cv::Mat crossing(skeleton.size(), CV_8U, cv::Scalar(0));
  std::vector<Candidate> found;
  for (int y = 2; y < skeleton.rows - 2; ++y) {
    for (int x = 2; x < skeleton.cols - 2; ++x) {
      if (!skeleton.at<uchar>(y, x)) continue;
      const int cn = CrossingNumber(skeleton, {x, y});
      crossing.at<uchar>(y, x) = static_cast<uchar>(cn);
      if (cn != 1 && cn != 3) continue;
      Candidate c;
      c.pixel = {x, y};
      c.minutia.position = cv::Point2f(static_cast<float>(x), static_cast<float>(y));
      c.minutia.type = cn == 1 ? MinutiaType::kEnding : MinutiaType::kBifurcation;
      found.push_back(c);
    }
  }

  const int direction_steps = static_cast<int>(std::lround(period * 1.2));
  const int short_ridge = static_cast<int>(std::lround(period * 1.6));
  auto find_at = [&](cv::Point p) -> Candidate* {
    for (auto& c : found) {
      if (c.pixel == p) return &c;
    }
    return nullptr;
  };
  for (auto& c : found) {
    const cv::Point p = c.pixel;
    const int bx = p.x / block, by = p.y / block;
    if (by >= inner.rows || bx >= inner.cols || !inner.at<uchar>(by, bx)) c.removed = true;
    std::vector<cv::Point> ring;
    for (const auto& d : kRing) {
      if (skeleton.at<uchar>(p + d)) ring.push_back(p + d);
    }
    const auto starts = Branches(skeleton, p);
    std::vector<double> angles;
    for (const auto& start : starts) {
      std::vector<cv::Point> others;
      for (const auto& r : ring) {
        if (r != start) others.push_back(r);
      }
      RidgeWalk walk = Walk(skeleton, crossing, p, start, others, std::max(direction_steps, short_ridge));
      if (walk.reached_minutia && static_cast<int>(walk.path.size()) <= short_ridge) {
        // A spur, a bridge, a hole or a ridge fragment: neither end is a real minutia.
        c.removed = true;
        if (Candidate* other = find_at(walk.minutia)) other->removed = true;
      }
      const cv::Point q = walk.path[std::min<std::size_t>(walk.path.size(), direction_steps) - 1];
      angles.push_back(std::atan2(static_cast<double>(q.y - p.y), static_cast<double>(q.x - p.x)));
    }
    double direction;
    if (c.minutia.type == MinutiaType::kEnding) {
      if (angles.size() != 1) {
        c.removed = true;
        continue;
      }
      direction = angles[0] + kPi;  // out of the ridge's end
    } else {
      if (angles.size() != 3) {
        c.removed = true;
        continue;
      }
      // The stem is the branch farthest from the other two (the two tines run close together).
      int stem = 0;
      double widest = -1;
      for (int i = 0; i < 3; ++i) {
        const double apart = std::min(AngleBetween(angles[i], angles[(i + 1) % 3]),
                                      AngleBetween(angles[i], angles[(i + 2) % 3]));
        if (apart > widest) {
          widest = apart;
          stem = i;
        }
      }
      direction = angles[stem];
    }
    // The orientation field is more precise than a short walk on pixels; the walk says which way.
    const double along = orientation.normal.at<float>(p) + kPi / 2;
    const double smoothed = AngleBetween(along, direction) < kPi / 2 ? along : along + kPi;
    if (AngleBetween(smoothed, direction) < kPi / 4) direction = smoothed;
    c.minutia.direction = static_cast<float>(WrapTwoPi(direction));
  }

  // Broken ridges (two endings facing each other across a short gap) and clusters.
  for (std::size_t i = 0; i < found.size(); ++i) {
    for (std::size_t j = i + 1; j < found.size(); ++j) {
      Candidate& a = found[i];
      Candidate& b = found[j];
      const cv::Point2f d = b.minutia.position - a.minutia.position;
      const double distance = std::hypot(d.x, d.y);
      if (distance < 0.7 * period) {
        a.removed = b.removed = true;
        continue;
      }
      if (a.minutia.type != MinutiaType::kEnding || b.minutia.type != MinutiaType::kEnding) continue;
      if (distance > 2.2 * period) continue;
      const double towards = std::atan2(d.y, d.x);
      if (AngleBetween(a.minutia.direction, b.minutia.direction + kPi) < kPi / 4 &&
          AngleBetween(a.minutia.direction, towards) < kPi / 4) {
        a.removed = b.removed = true;
      }
    }
  }
  for (const auto& c : found) {
    if (!c.removed) out.minutiae.push_back(c.minutia);
  }
  if (static_cast<int>(out.minutiae.size()) < o.min_minutiae) {
    return Fail(Error::InvalidArgument(N_("Too few fingerprint details (minutiae) to compare: capture the finger again."),
                                       std::to_string(out.minutiae.size())));
  }
  return out;
}

}  // namespace kiosk::biometrics::finger
