#include "kiosk/biometrics/face/tfjs_runner.h"

#include <cmath>
#include <string>

#include <opencv2/dnn.hpp>

#include "kiosk/core/i18n.h"

namespace kiosk::biometrics::face::tfjs {

struct GraphRunner::Impl {
  cv::dnn::Net net;
  ValueShape input;
  ValueShape output;
  std::string output_layer;
  bool l2_normalized = false;
  float l2_epsilon = 0;
};

GraphRunner::GraphRunner(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
GraphRunner::GraphRunner(GraphRunner&&) noexcept = default;
GraphRunner& GraphRunner::operator=(GraphRunner&&) noexcept = default;
GraphRunner::~GraphRunner() = default;

const ValueShape& GraphRunner::input_shape() const { return impl_->input; }

namespace {

cv::Mat RowOf(const std::vector<float>& values) {
  return cv::Mat(1, static_cast<int>(values.size()), CV_32F, const_cast<float*>(values.data())).clone();
}

}  // namespace

Result<GraphRunner> GraphRunner::Build(const Model& model) {
  auto impl = std::make_unique<Impl>();
  impl->input = model.input;
  impl->l2_normalized = model.l2_normalized;
  impl->l2_epsilon = model.l2_epsilon;
  if (model.output_value <= 0 || model.output_value > static_cast<int>(model.layers.size())) {
    return Fail(Error::Internal("runner: no output layer"));
  }
  impl->output = model.layers[static_cast<size_t>(model.output_value - 1)].shape;
  try {
    cv::dnn::Net& net = impl->net;
    net.setInputsNames({"input"});
    // value index → (layer id, output number); the network's input is layer 0.
    std::vector<int> layer_of = {0};
    for (size_t i = 0; i < model.layers.size(); ++i) {
      const Layer& layer = model.layers[i];
      const std::string name = "v" + std::to_string(i + 1);
      int id;
      if (layer.kind == Layer::Kind::kConv) {
        const ConvLayer& c = layer.conv;
        cv::dnn::LayerParams p;
        p.set("kernel_h", c.kernel_h);
        p.set("kernel_w", c.kernel_w);
        p.set("stride_h", c.stride_h);
        p.set("stride_w", c.stride_w);
        if (c.same_padding) {
          p.set("pad_mode", "SAME");
        } else {
          p.set("pad_t", c.pad_top);
          p.set("pad_b", c.pad_bottom);
          p.set("pad_l", c.pad_left);
          p.set("pad_r", c.pad_right);
        }
        p.set("num_output", c.out_channels);
        p.set("group", c.depthwise ? c.in_channels : 1);
        p.set("bias_term", true);
        const int per_output = c.depthwise ? 1 : c.in_channels;
        const int sizes[] = {c.out_channels, per_output, c.kernel_h, c.kernel_w};
        p.blobs.push_back(cv::Mat(4, sizes, CV_32F, const_cast<float*>(c.weights.data())).clone());
        p.blobs.push_back(RowOf(c.bias));
        const std::string conv_name = c.activation == Activation::kNone ? name : name + "_conv";
        id = net.addLayer(conv_name, "Convolution", p);
        net.connect(layer_of[static_cast<size_t>(c.input)], 0, id, 0);
        if (c.activation != Activation::kNone) {
          cv::dnn::LayerParams a;
          if (c.activation == Activation::kPrelu) a.blobs.push_back(RowOf(c.slopes));
          const int act = net.addLayer(name, c.activation == Activation::kRelu ? "ReLU" : "PReLU", a);
          net.connect(id, 0, act, 0);
          id = act;
        }
      } else if (layer.kind == Layer::Kind::kAffine) {
        cv::dnn::LayerParams p;
        p.set("bias_term", true);
        p.blobs.push_back(RowOf(layer.scale));
        p.blobs.push_back(RowOf(layer.shift));
        id = net.addLayer(name, "Scale", p);
        net.connect(layer_of[static_cast<size_t>(layer.add_a)], 0, id, 0);
      } else {
        cv::dnn::LayerParams p;
        p.set("operation", "sum");
        id = net.addLayer(name, "Eltwise", p);
        net.connect(layer_of[static_cast<size_t>(layer.add_a)], 0, id, 0);
        net.connect(layer_of[static_cast<size_t>(layer.add_b)], 0, id, 1);
      }
      layer_of.push_back(id);
    }
    impl->output_layer = "v" + std::to_string(model.output_value);
    net.setPreferableBackend(cv::dnn::DNN_BACKEND_OPENCV);
    net.setPreferableTarget(cv::dnn::DNN_TARGET_CPU);
  } catch (const cv::Exception& e) {
    return Fail(Error(ErrorCode::kCorrupt, N_("The face recognition model cannot be loaded."), e.what()));
  }
  return GraphRunner(std::move(impl));
}

Result<std::vector<float>> GraphRunner::Run(const cv::Mat& input) {
  const ValueShape& in = impl_->input;
  if (input.rows != in.h || input.cols != in.w || input.type() != CV_MAKETYPE(CV_32F, in.c) || !input.isContinuous()) {
    return Fail(Error::InvalidArgument(N_("The face picture does not fit the recognition model."),
                                       std::to_string(input.cols) + "x" + std::to_string(input.rows)));
  }
  // NHWC → NCHW.
  const int sizes[] = {1, in.c, in.h, in.w};
  cv::Mat blob(4, sizes, CV_32F);
  const float* src = input.ptr<float>();
  float* dst = blob.ptr<float>();
  const size_t plane = static_cast<size_t>(in.h) * static_cast<size_t>(in.w);
  for (size_t p = 0; p < plane; ++p) {
    for (int c = 0; c < in.c; ++c) dst[static_cast<size_t>(c) * plane + p] = src[p * static_cast<size_t>(in.c) + static_cast<size_t>(c)];
  }
  cv::Mat out;
  try {
    impl_->net.setInput(blob, "input");
    out = impl_->net.forward(impl_->output_layer);
  } catch (const cv::Exception& e) {
    return Fail(Error(ErrorCode::kInternal, N_("Face recognition failed."), e.what()));
  }
  const ValueShape& o = impl_->output;
  if (out.total() != static_cast<size_t>(o.h) * static_cast<size_t>(o.w) * static_cast<size_t>(o.c)) {
    return Fail(Error(ErrorCode::kInternal, N_("Face recognition failed."), "output size"));
  }
  // NCHW → TensorFlow's H, W, C order.
  std::vector<float> values(out.total());
  const float* r = out.ptr<float>();
  const size_t out_plane = static_cast<size_t>(o.h) * static_cast<size_t>(o.w);
  for (size_t p = 0; p < out_plane; ++p) {
    for (int c = 0; c < o.c; ++c) values[p * static_cast<size_t>(o.c) + static_cast<size_t>(c)] = r[static_cast<size_t>(c) * out_plane + p];
  }
  if (impl_->l2_normalized) {
    double sum = 0;
    for (float v : values) sum += static_cast<double>(v) * v;
    const double scale = 1.0 / std::sqrt(std::max(sum, static_cast<double>(impl_->l2_epsilon)));
    for (float& v : values) v = static_cast<float>(v * scale);
  }
  return values;
}

}  // namespace kiosk::biometrics::face::tfjs
