// The TF.js graph reader and runner on small models written here (checked against a direct
// convolution computed in the test), on malformed ones, and on the real MobileFace when
// install-deps has fetched it. Agreement with TensorFlow.js itself: tfjs_reference_test.cpp.

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <cmath>
#include <cstring>

#include "kiosk/biometrics/face/tfjs_model.h"
#include "kiosk/biometrics/face/tfjs_runner.h"
#include "kiosk/core/paths.h"

namespace kiosk::biometrics::face::tfjs {
namespace {

using nlohmann::json;

std::string B64(std::string_view text) {
  static const char* digits = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  uint32_t bits = 0;
  int count = 0;
  for (unsigned char c : text) {
    bits = (bits << 8) | c;
    count += 8;
    while (count >= 6) {
      count -= 6;
      out.push_back(digits[(bits >> count) & 63]);
    }
  }
  if (count > 0) out.push_back(digits[(bits << (6 - count)) & 63]);
  while (out.size() % 4 != 0) out.push_back('=');
  return out;
}

uint16_t ToHalf(float v) {  // exact for the values used here (small multiples of 1/8)
  uint32_t bits;
  std::memcpy(&bits, &v, 4);
  const uint32_t sign = (bits >> 16) & 0x8000u;
  const int exponent = static_cast<int>((bits >> 23) & 0xFF) - 127 + 15;
  if ((bits & 0x7FFFFFFFu) == 0) return static_cast<uint16_t>(sign);
  return static_cast<uint16_t>(sign | static_cast<uint32_t>(exponent) << 10 | ((bits >> 13) & 0x3FFu));
}

// A 4×4×2 input, a 3×3 convolution to 3 channels (SAME, stride `stride`), then PReLU written as
// the TF.js converter writes it, then a depthwise 3×3 with a fused ReLU, then a residual sum.
struct TinyModel {
  json model;
  std::vector<uint8_t> weights;
  std::vector<float> filter, bias, alpha, dw_filter, dw_bias;
  int stride = 1;

  explicit TinyModel(bool half = false, int stride_ = 1) : stride(stride_) {
    for (int i = 0; i < 3 * 3 * 2 * 3; ++i) filter.push_back(static_cast<float>((i * 7 % 11) - 5) / 8);
    bias = {0.25f, -0.5f, 0.125f};
    alpha = {0.125f, 0.25f, 0.375f};
    for (int i = 0; i < 3 * 3 * 3; ++i) dw_filter.push_back(static_cast<float>((i * 5 % 9) - 4) / 8);
    dw_bias = {0.0f, 0.5f, -0.25f};
    json specs = json::array();
    auto add = [&](const std::string& name, const std::vector<float>& values, json shape) {
      json spec = {{"name", name}, {"shape", shape}, {"dtype", "float32"}};
      if (half) spec["quantization"] = {{"dtype", "float16"}, {"original_dtype", "float32"}};
      specs.push_back(spec);
      for (float v : values) {
        if (half) {
          const uint16_t h = ToHalf(v);
          weights.push_back(static_cast<uint8_t>(h & 0xFF));
          weights.push_back(static_cast<uint8_t>(h >> 8));
        } else {
          uint8_t b[4];
          std::memcpy(b, &v, 4);
          weights.insert(weights.end(), b, b + 4);
        }
      }
    };
    add("w", filter, {3, 3, 2, 3});
    add("b", bias, {3});
    add("alpha", alpha, {3});
    add("dw", dw_filter, {3, 3, 3, 1});
    add("dwb", dw_bias, {3});
    auto conv_attr = [&](const std::vector<std::string>& fused, int s) {
      json ops = json::array();
      for (const auto& f : fused) ops.push_back(B64(f));
      return json{{"strides", {{"list", {{"i", {"1", std::to_string(s), std::to_string(s), "1"}}}}}},
                  {"padding", {{"s", B64("SAME")}}},
                  {"data_format", {{"s", B64("NHWC")}}},
                  {"dilations", {{"list", {{"i", {"1", "1", "1", "1"}}}}}},
                  {"fused_ops", {{"list", {{"s", ops}}}}},
                  {"num_args", {{"i", "1"}}}};
    };
    json nodes = json::array({
        {{"name", "x"}, {"op", "Placeholder"},
         {"attr", {{"shape", {{"shape", {{"dim", {{{"size", "-1"}}, {{"size", "4"}}, {{"size", "4"}}, {{"size", "2"}}}}}}}}}}},
        {{"name", "w"}, {"op", "Const"}}, {{"name", "b"}, {"op", "Const"}},
        {{"name", "alpha"}, {"op", "Const"}}, {{"name", "dw"}, {"op", "Const"}}, {{"name", "dwb"}, {"op", "Const"}},
        {{"name", "conv"}, {"op", "_FusedConv2D"}, {"input", {"x", "w", "b"}}, {"attr", conv_attr({"BiasAdd"}, stride)}},
        {{"name", "relu"}, {"op", "Relu"}, {"input", {"conv"}}},
        {{"name", "abs"}, {"op", "Abs"}, {"input", {"conv"}}},
        {{"name", "sub"}, {"op", "Sub"}, {"input", {"conv", "abs"}}},
        {{"name", "mul"}, {"op", "Mul"}, {"input", {"sub", "alpha"}}},
        {{"name", "prelu"}, {"op", "Add"}, {"input", {"relu", "mul"}}},
        {{"name", "depthwise"}, {"op", "FusedDepthwiseConv2dNative"}, {"input", {"prelu", "dw", "dwb"}},
         {"attr", conv_attr({"BiasAdd", "Relu"}, 1)}},
        {{"name", "out"}, {"op", "AddV2"}, {"input", {"depthwise", "prelu"}}},
    });
    model = {{"format", "graph-model"},
             {"modelTopology", {{"node", nodes}}},
             {"weightsManifest", json::array({{{"paths", {"tiny.bin"}}, {"weights", specs}}})}};
  }

  std::string text() const { return model.dump(); }
};

// TensorFlow's SAME convolution, written out for the test.
std::vector<float> Conv(const std::vector<float>& in, int h, int w, int c, const std::vector<float>& filter, int k,
                        int out_c, bool depthwise, int stride, int& oh, int& ow) {
  oh = (h + stride - 1) / stride;
  ow = (w + stride - 1) / stride;
  const int pad_h = std::max(0, (oh - 1) * stride + k - h) / 2, pad_w = std::max(0, (ow - 1) * stride + k - w) / 2;
  std::vector<float> out(static_cast<size_t>(oh * ow * out_c), 0.0f);
  for (int y = 0; y < oh; ++y) {
    for (int x = 0; x < ow; ++x) {
      for (int o = 0; o < out_c; ++o) {
        double sum = 0;
        for (int ky = 0; ky < k; ++ky) {
          for (int kx = 0; kx < k; ++kx) {
            const int iy = y * stride + ky - pad_h, ix = x * stride + kx - pad_w;
            if (iy < 0 || ix < 0 || iy >= h || ix >= w) continue;
            if (depthwise) {
              sum += in[static_cast<size_t>((iy * w + ix) * c + o)] * filter[static_cast<size_t>((ky * k + kx) * c + o)];
            } else {
              for (int i = 0; i < c; ++i) {
                sum += in[static_cast<size_t>((iy * w + ix) * c + i)] *
                       filter[static_cast<size_t>(((ky * k + kx) * c + i) * out_c + o)];
              }
            }
          }
        }
        out[static_cast<size_t>((y * ow + x) * out_c + o)] = static_cast<float>(sum);
      }
    }
  }
  return out;
}

std::vector<float> Expected(const TinyModel& m, const std::vector<float>& input) {
  int oh, ow, dh, dw;
  auto a = Conv(input, 4, 4, 2, m.filter, 3, 3, false, m.stride, oh, ow);
  for (size_t i = 0; i < a.size(); ++i) {
    const float v = a[i] + m.bias[i % 3];
    a[i] = v > 0 ? v : 2 * m.alpha[i % 3] * v;
  }
  auto d = Conv(a, oh, ow, 3, m.dw_filter, 3, 3, true, 1, dh, dw);
  for (size_t i = 0; i < d.size(); ++i) d[i] = std::max(0.0f, d[i] + m.dw_bias[i % 3]) + a[i];
  return d;
}

cv::Mat TinyInput() {
  cv::Mat input(4, 4, CV_32FC2);
  for (int i = 0; i < 32; ++i) input.ptr<float>()[i] = static_cast<float>((i * 13 % 17) - 8) / 4;
  return input;
}

void ExpectRunsLikeTensorFlow(const TinyModel& tiny) {
  auto model = ParseModel(tiny.text(), tiny.weights);
  ASSERT_TRUE(model) << model.error().ToLogString();
  ASSERT_EQ(model->layers.size(), 3u);
  EXPECT_EQ(model->layers[0].conv.activation, Activation::kPrelu);
  EXPECT_EQ(model->layers[1].conv.activation, Activation::kRelu);
  EXPECT_TRUE(model->layers[1].conv.depthwise);
  EXPECT_EQ(model->layers[2].kind, Layer::Kind::kAdd);
  auto runner = GraphRunner::Build(*model);
  ASSERT_TRUE(runner) << runner.error().ToLogString();
  const cv::Mat input = TinyInput();
  auto out = runner->Run(input);
  ASSERT_TRUE(out) << out.error().ToLogString();
  const auto expected = Expected(tiny, std::vector<float>(input.ptr<float>(), input.ptr<float>() + 32));
  ASSERT_EQ(out->size(), expected.size());
  for (size_t i = 0; i < expected.size(); ++i) EXPECT_NEAR((*out)[i], expected[i], 1e-4) << i;
}

TEST(TfjsModel, Float32Model_RunsAsTensorFlowDefinesIt) { ExpectRunsLikeTensorFlow(TinyModel(false)); }

TEST(TfjsModel, Float16QuantisedWeights_RunTheSame) { ExpectRunsLikeTensorFlow(TinyModel(true)); }

TEST(TfjsModel, StrideTwoSamePadding_PadsAtTheEndAsTensorFlow) { ExpectRunsLikeTensorFlow(TinyModel(false, 2)); }

TEST(TfjsModel, WrongBiasShape_IsAnErrorNotACrash) {
  TinyModel tiny;
  tiny.model["weightsManifest"][0]["weights"][1]["shape"] = {4};
  tiny.weights.insert(tiny.weights.end(), 4, 0);
  auto model = ParseModel(tiny.text(), tiny.weights);
  ASSERT_FALSE(model);
  EXPECT_EQ(model.error().code(), ErrorCode::kParse);
}

TEST(TfjsModel, FilterThatDoesNotFitItsInput_IsRefused) {
  TinyModel tiny;
  tiny.model["weightsManifest"][0]["weights"][0]["shape"] = {3, 3, 1, 6};
  auto model = ParseModel(tiny.text(), tiny.weights);
  ASSERT_FALSE(model);
  EXPECT_EQ(model.error().code(), ErrorCode::kParse);
}

TEST(TfjsModel, WeightsShorterOrLongerThanTheManifest_AreRefused) {
  TinyModel tiny;
  auto shorter = tiny.weights;
  shorter.pop_back();
  EXPECT_FALSE(ParseModel(tiny.text(), shorter));
  auto longer = tiny.weights;
  longer.push_back(0);
  EXPECT_FALSE(ParseModel(tiny.text(), longer));
}

TEST(TfjsModel, UnknownOp_IsUnsupportedAndNamed) {
  TinyModel tiny;
  tiny.model["modelTopology"]["node"][7]["op"] = "Elu";
  auto model = ParseModel(tiny.text(), tiny.weights);
  ASSERT_FALSE(model);
  EXPECT_EQ(model.error().code(), ErrorCode::kUnsupported);
  EXPECT_NE(model.error().detail().find("Elu"), std::string::npos);
}

TEST(TfjsModel, CycleOrUnknownInput_IsMalformed) {
  TinyModel cycle;
  cycle.model["modelTopology"]["node"][6]["input"][0] = "out";
  EXPECT_EQ(ParseModel(cycle.text(), cycle.weights).error().code(), ErrorCode::kParse);
  TinyModel unknown;
  unknown.model["modelTopology"]["node"][7]["input"][0] = "nowhere";
  EXPECT_EQ(ParseModel(unknown.text(), unknown.weights).error().code(), ErrorCode::kParse);
}

TEST(TfjsModel, NotJsonOrNotAModel_IsMalformed) {
  const std::vector<uint8_t> none;
  EXPECT_EQ(ParseModel("{", none).error().code(), ErrorCode::kParse);
  EXPECT_EQ(ParseModel("[]", none).error().code(), ErrorCode::kParse);
  EXPECT_EQ(ParseModel(R"({"modelTopology":{"node":[]},"weightsManifest":[]})", none).error().code(),
            ErrorCode::kParse);
}

TEST(TfjsModel, NonFiniteWeight_IsRefused) {
  TinyModel tiny;
  const float nan = std::nanf("");
  std::memcpy(tiny.weights.data(), &nan, 4);
  EXPECT_EQ(ParseModel(tiny.text(), tiny.weights).error().code(), ErrorCode::kParse);
}

TEST(TfjsModel, InputOfAnotherShape_IsRefusedAtRun) {
  TinyModel tiny;
  auto model = ParseModel(tiny.text(), tiny.weights);
  ASSERT_TRUE(model);
  auto runner = GraphRunner::Build(*model);
  ASSERT_TRUE(runner);
  EXPECT_FALSE(runner->Run(cv::Mat(5, 4, CV_32FC2, cv::Scalar(0, 0))));
  EXPECT_FALSE(runner->Run(cv::Mat(4, 4, CV_32FC3, cv::Scalar(0, 0, 0))));
}

TEST(TfjsModel, MobileFace_LoadsAsExpected) {
  const auto file = paths::ResourceDir() / "models" / "mobileface.json";
  if (!std::filesystem::exists(file)) GTEST_SKIP() << "model not fetched (installer/linux/fetch-models.sh)";
  auto model = LoadModel(file);
  ASSERT_TRUE(model) << model.error().ToLogString();
  EXPECT_EQ(model->input, (ValueShape{112, 112, 3}));
  EXPECT_EQ(model->output_size(), 256);
  int prelu = 0, affine = 0, padded = 0;
  for (const auto& layer : model->layers) {
    prelu += layer.conv.activation == Activation::kPrelu;
    affine += layer.kind == Layer::Kind::kAffine;
    padded += layer.conv.pad_top > 0;
  }
  EXPECT_EQ(prelu, 13);   // every max(0, x) + γ·min(0, x) fused into its convolution
  EXPECT_EQ(affine, 2);   // the input's (x − 127.5) · 0.0078125; the output's batch norm folds into the dense layer
  EXPECT_EQ(padded, 13);  // every Pad folded into the convolution after it
  auto runner = GraphRunner::Build(*model);
  ASSERT_TRUE(runner);
  cv::Mat input(112, 112, CV_32FC3);
  cv::randu(input, 0, 255);
  auto out = runner->Run(input);
  ASSERT_TRUE(out);
  EXPECT_EQ(out->size(), 256u);
}

}  // namespace
}  // namespace kiosk::biometrics::face::tfjs
