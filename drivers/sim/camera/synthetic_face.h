#pragma once
// The drawn, invented face of the demo camera (no real person), with what the portrait checks
// must notice: the head turned left or right, a surgical mask, dark sunglasses. Straight, the
// face (outline, ears, eyes, nose, mouth) is mirror-symmetric, only the fringe's parting is not,
// so it is also the ground truth for the yaw estimate (which mirrors the cheeks, not the hair).
//
// Pure OpenCV drawing, no state: usable from tests and benchmarks without a camera.

#include <cstdint>

#include <opencv2/core.hpp>

namespace kiosk::sim {

enum class SyntheticAccessory { kNone, kMask, kSunglasses };

struct SyntheticCameraOptions {
  cv::Size frame_size{1280, 720};
  double fps = 30;
  // Frames of the approach (face small and off-centre) before the face is in place; 0: in place
  // from the first frame.
  int approach_frames = 45;
  // Frames of the face in place before the script starts over.
  int steady_frames = 120;
  // Where the face is once in place: its centre as a fraction of the frame width, and its size
  // (1: the face box about 40 % of the frame height).
  double centre_x = 0.5;
  double scale = 1.08;
  // Head turn about the vertical axis, degrees; positive turns the face towards the picture's
  // right (the person's left).
  double yaw_degrees = 0;
  SyntheticAccessory accessory = SyntheticAccessory::kNone;
};

// One frame of the script (exposed for tests): frame_index counts from 0.
cv::Mat RenderSyntheticFaceFrame(const SyntheticCameraOptions& options, std::uint64_t frame_index);

}  // namespace kiosk::sim
