#pragma once
// Runs a lowered TF.js graph (tfjs_model.h) with OpenCV's DNN module: the network is built layer
// by layer (Convolution with its bias, ReLU or channel-wise PReLU, Eltwise sum), so the
// convolutions use OpenCV's tuned CPU kernels instead of a hand-written loop. OpenCV fuses each
// activation into its convolution when the network is set up. The final L2 normalisation is
// done here, exactly as the graph writes it: x · rsqrt(max(Σx², ε)).
//
// One core: the runner uses OpenCV's thread pool as configured by the process
// (cv::setNumThreads); `make bench` measures it with one thread.
//
// Thread safety: not thread-safe (cv::dnn::Net::forward mutates the network); one per thread.

#include <memory>
#include <vector>

#include <opencv2/core.hpp>

#include "kiosk/biometrics/face/tfjs_model.h"
#include "kiosk/core/result.h"

namespace kiosk::biometrics::face::tfjs {

class GraphRunner {
 public:
  static Result<GraphRunner> Build(const Model& model);

  GraphRunner(GraphRunner&&) noexcept;
  GraphRunner& operator=(GraphRunner&&) noexcept;
  GraphRunner(const GraphRunner&) = delete;
  GraphRunner& operator=(const GraphRunner&) = delete;
  ~GraphRunner();

  // input: the model's H×W image of C float32 channels (CV_32FC(C)), values as the model
  // expects them. Returns the output flattened in TensorFlow's order (H, W, C).
  Result<std::vector<float>> Run(const cv::Mat& input);

  const ValueShape& input_shape() const;

 private:
  struct Impl;
  explicit GraphRunner(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace kiosk::biometrics::face::tfjs
