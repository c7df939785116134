#pragma once
// A TensorFlow.js graph model (model.json: topology + weights manifest, and its weight shards)
// read strictly into the few layers the station runs: convolutions (plain or depthwise, bias,
// ReLU or PReLU fused in), residual additions and a final L2 normalisation.
//
// Written here because nothing packaged for Debian reads this format (OpenCV's DNN module
// imports TensorFlow protobufs, not TF.js JSON). It supports exactly what MobileFaceNet as
// converted for TF.js uses (resources/models/README.md): MobileFace (the station's model) and
// MobileFaceNet (read, but its converted weights give nearly constant embeddings).
//  - ops: Placeholder, Const, _FusedConv2D and FusedDepthwiseConv2dNative (NHWC, dilation 1,
//    SAME or VALID, fused BiasAdd with or without Relu), Relu, Abs, Sub, Mul, Add/AddV2,
//    Squeeze, Square, Sum, Maximum, Rsqrt;
//  - PReLU as the converter writes it, relu(x) + a·(x − |x|), is fused into the convolution
//    before it (slope 2a). Where the converter already fused a ReLU into that convolution the
//    negative part is exactly zero and the pattern is a plain ReLU: run as TF.js runs it;
//  - x · rsqrt(max(sum(x²), ε)) on the output is the L2 normalisation;
//  - MobileFace's forms: Conv2D and DepthwiseConv2dNative without bias, a zero Pad folded into
//    the VALID convolution after it, PReLU as max(0, x) + γ·min(0, x), a Reshape to [-1, N]
//    followed by MatMul (run as a convolution over the whole map, TensorFlow's flatten order),
//    and constant Sub/Mul/Add (folded into the convolution before them, else a per-channel
//    affine layer: the input's normalisation);
//  - weights: float32, and float16 stored with the manifest's {"quantization": {"dtype":
//    "float16"}}; int32 for reduction axes.
// Anything else (another op, a broadcast these layers cannot express, a weight whose size or
// shape disagrees with the manifest or the graph) is an error naming it, never a crash: every
// shape is inferred and checked here, before anything runs. Outside data: fuzzed
// (tests/fuzz/fuzz_tfjs_model.cpp).
//
// Thread safety: plain data.

#include <cstdint>
#include <filesystem>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "kiosk/core/result.h"

namespace kiosk::biometrics::face::tfjs {

enum class Activation { kNone, kRelu, kPrelu };

struct ConvLayer {
  int input = 0;  // value index (0: the model's input)
  bool depthwise = false;
  int kernel_h = 0, kernel_w = 0, stride_h = 1, stride_w = 1;
  bool same_padding = true;  // TensorFlow's SAME (extra row/column at the end) or VALID
  int pad_top = 0, pad_bottom = 0, pad_left = 0, pad_right = 0;  // a Pad folded in (VALID only)
  int in_channels = 0, out_channels = 0;
  std::vector<float> weights;  // OIHW; depthwise: O = in_channels × multiplier, I = 1
  std::vector<float> bias;     // out_channels
  Activation activation = Activation::kNone;
  std::vector<float> slopes;   // PReLU's negative slope per output channel
};

// Height, width, channels of a value (batch 1).
struct ValueShape {
  int h = 1, w = 1, c = 1;
  friend bool operator==(const ValueShape&, const ValueShape&) = default;
};

struct Layer {
  enum class Kind { kConv, kAdd, kAffine };
  Kind kind = Kind::kConv;
  ConvLayer conv;        // kConv
  int add_a = 0, add_b = 0;  // kAdd: value indices; kAffine: add_a is the input
  std::vector<float> scale, shift;  // kAffine: y = x · scale + shift, per channel
  ValueShape shape;      // output
};

struct Model {
  std::string input_name;
  ValueShape input;           // NHWC without the batch
  std::vector<Layer> layers;  // value i + 1 is layers[i]'s output
  int output_value = 0;
  bool l2_normalized = false;  // the output is divided by max(|x|, sqrt(epsilon))
  float l2_epsilon = 0;
  int output_size() const;
};

// Limits on outside data: a model bigger than this is refused before it is read.
inline constexpr size_t kMaxNodes = 4096;
inline constexpr size_t kMaxWeightBytes = 64u << 20;

// model_json: the text of model.json; weights: its shards concatenated in manifest order.
Result<Model> ParseModel(std::string_view model_json, std::span<const uint8_t> weights);
// Reads model.json and the shards it names (plain file names beside it).
Result<Model> LoadModel(const std::filesystem::path& model_json);

}  // namespace kiosk::biometrics::face::tfjs
