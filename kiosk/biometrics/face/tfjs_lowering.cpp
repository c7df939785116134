// Shape inference over a TF.js graph and its lowering to the executor's layers (tfjs_model.h
// says which ops and patterns are supported).

#include <algorithm>
#include <cstring>

#include "kiosk/biometrics/face/tfjs_graph_parts.h"

namespace kiosk::biometrics::face::tfjs {

namespace {

// One node's value while shapes are inferred.
struct Expr {
  std::string op;
  std::vector<int> args;                  // expr indices of the dynamic operands
  const ConstTensor* constant = nullptr;  // Const, or the constant operand of a binary op
  std::vector<int64_t> shape;             // with the batch dimension (always 1)
  ConvLayer conv;                         // "Conv": conv.input is still an expr index
  std::vector<float> operand;             // a binary op's constant operand (scalar or per channel)
  bool constant_first = false;            // the constant is the binary op's first operand
  std::vector<float> matrix;              // MatMul: the [N, M] constant
  int uses = 0;
  int value = -1;  // the value index once lowered; -1: folded into a pattern, or not runnable
  int layer = -1;  // "Conv": its layer
};

int64_t Elements(const std::vector<int64_t>& shape) {
  int64_t n = 1;
  for (int64_t d : shape) n *= d;
  return n;
}

class Lowering {
 public:
  explicit Lowering(const std::map<std::string, ConstTensor>& weights) : weights_(weights) {}

  Result<void> Evaluate(const Node& node, const std::vector<int>& expr_of);
  Result<Model> Finish(int output_expr);

 private:
  Result<void> Placeholder(const Node& node, Expr& e);
  Result<void> Conv(const Node& node, Expr& e, const std::vector<int>& args);
  Result<void> Binary(const Node& node, Expr& e, const std::vector<int>& args);
  Result<void> Sum(const Node& node, Expr& e, const std::vector<int>& args);
  Result<void> Squeeze(const Node& node, Expr& e, const std::vector<int>& args);
  Result<void> Pad(const Node& node, Expr& e, const std::vector<int>& args);
  Result<void> Reshape(const Node& node, Expr& e, const std::vector<int>& args);
  Result<void> MatMul(const Node& node, Expr& e, const std::vector<int>& args);
  bool LowerMaxMinPrelu(int add);
  bool LowerConstantArithmetic(int index);
  void Lower(int index);
  bool LowerPrelu(int add);
  std::optional<std::pair<int, float>> MatchL2(int mul) const;
  bool IsOp(int index, std::string_view op) const { return exprs_[static_cast<size_t>(index)].op == op; }
  Expr& At(int index) { return exprs_[static_cast<size_t>(index)]; }
  const Expr& At(int index) const { return exprs_[static_cast<size_t>(index)]; }

  const std::map<std::string, ConstTensor>& weights_;
  std::vector<Expr> exprs_;
  Model model_;
  bool has_input_ = false;
};

Result<void> Lowering::Evaluate(const Node& node, const std::vector<int>& expr_of) {
  Expr e;
  e.op = node.op;
  std::vector<int> args;
  for (int in : node.inputs) args.push_back(expr_of[static_cast<size_t>(in)]);
  auto dynamic = [&](size_t i) { return i < args.size() && At(args[i]).constant == nullptr; };
  Result<void> done;
  if (node.op == "Placeholder") {
    done = Placeholder(node, e);
  } else if (node.op == "Const") {
    auto it = weights_.find(node.name);
    if (it == weights_.end()) return Fail(Malformed(node.name + ": constant without weights"));
    e.constant = &it->second;
    e.shape = it->second.shape;
  } else if (node.op == "_FusedConv2D" || node.op == "FusedDepthwiseConv2dNative" || node.op == "Conv2D" ||
             node.op == "DepthwiseConv2dNative") {
    done = Conv(node, e, args);
  } else if (node.op == "Relu" || node.op == "Abs" || node.op == "Square" || node.op == "Rsqrt") {
    if (args.size() != 1 || !dynamic(0)) return Fail(NotRunnable(node.name + ": " + node.op + " of a constant"));
    e.args = args;
    e.shape = At(args[0]).shape;
  } else if (node.op == "Sub" || node.op == "Mul" || node.op == "Add" || node.op == "AddV2" || node.op == "Maximum" ||
             node.op == "Minimum") {
    done = Binary(node, e, args);
  } else if (node.op == "Sum") {
    done = Sum(node, e, args);
  } else if (node.op == "Squeeze") {
    done = Squeeze(node, e, args);
  } else if (node.op == "Pad") {
    done = Pad(node, e, args);
  } else if (node.op == "Reshape") {
    done = Reshape(node, e, args);
  } else if (node.op == "MatMul") {
    done = MatMul(node, e, args);
  } else {
    return Fail(NotRunnable("op " + node.op.substr(0, 64)));
  }
  if (!done) return done;
  if (Elements(e.shape) > kMaxValueElements) return Fail(Malformed(node.name + ": value too large"));
  for (int a : e.args) ++At(a).uses;
  exprs_.push_back(std::move(e));
  return {};
}

Result<void> Lowering::Placeholder(const Node& node, Expr& e) {
  if (has_input_) return Fail(NotRunnable("more than one input"));
  has_input_ = true;
  const nlohmann::json* shape = Attr(node, "shape");
  if (shape == nullptr || !shape->is_object() || !shape->contains("shape") || !(*shape)["shape"].is_object() ||
      !(*shape)["shape"].contains("dim") || !(*shape)["shape"]["dim"].is_array() ||
      (*shape)["shape"]["dim"].size() != 4) {
    return Fail(NotRunnable(node.name + ": input is not N×H×W×C"));
  }
  std::array<int64_t, 4> dims{};
  for (size_t i = 0; i < 4; ++i) {
    const auto& d = (*shape)["shape"]["dim"][i];
    const nlohmann::json size = d.is_object() && d.contains("size") ? d["size"] : nlohmann::json();
    int64_t v = -2;
    if (size.is_number_integer()) v = size.get<int64_t>();
    if (size.is_string()) {
      const std::string text = size.get<std::string>();
      if (text == "-1") v = -1;
      else if (!text.empty() && text.size() <= 5 && text.find_first_not_of("0123456789") == std::string::npos) v = std::stoi(text);
    }
    dims[i] = v;
  }
  if ((dims[0] != -1 && dims[0] != 1) || dims[1] < 1 || dims[2] < 1 || dims[3] < 1 || dims[1] > 4096 ||
      dims[2] > 4096 || dims[3] > 64) {
    return Fail(NotRunnable(node.name + ": input shape"));
  }
  e.shape = {1, dims[1], dims[2], dims[3]};
  model_.input_name = node.name;
  model_.input = {static_cast<int>(dims[1]), static_cast<int>(dims[2]), static_cast<int>(dims[3])};
  return {};
}

Result<void> Lowering::Conv(const Node& node, Expr& e, const std::vector<int>& args) {
  const bool depthwise = node.op == "FusedDepthwiseConv2dNative" || node.op == "DepthwiseConv2dNative";
  const bool fused_op = node.op.starts_with("Fused") || node.op.starts_with("_Fused");
  if (args.size() != (fused_op ? 3u : 2u) || At(args[0]).constant != nullptr || At(args[1]).constant == nullptr ||
      (fused_op && At(args[2]).constant == nullptr)) {
    return Fail(NotRunnable(node.name + ": convolution operands"));
  }
  const auto& x = At(args[0]).shape;
  const ConstTensor& filter = *At(args[1]).constant;
  ConstTensor no_bias;
  no_bias.shape = {filter.shape.size() == 4 ? (depthwise ? filter.shape[2] * filter.shape[3] : filter.shape[3]) : 0};
  no_bias.floats.assign(static_cast<size_t>(std::clamp<int64_t>(no_bias.shape[0], 0, kMaxValueElements)), 0.0f);
  const ConstTensor& bias = fused_op ? *At(args[2]).constant : no_bias;
  if (x.size() != 4 || filter.is_int || bias.is_int || filter.shape.size() != 4 || bias.shape.size() != 1) {
    return Fail(Malformed(node.name + ": convolution shapes"));
  }
  const auto fused = AttrStrings(node, "fused_ops");
  const bool relu = fused == std::vector<std::string>{"BiasAdd", "Relu"};
  if (fused_op && !relu && fused != std::vector<std::string>{"BiasAdd"}) {
    return Fail(NotRunnable(node.name + ": fused ops"));
  }
  if (!fused_op && !fused.empty()) return Fail(NotRunnable(node.name + ": fused ops"));
  auto strides = AttrInts(node, "strides");
  auto dilations = AttrInts(node, "dilations");
  if (!strides) return Fail(strides.error());
  if (!dilations) return Fail(dilations.error());
  if (!*strides || (*strides)->size() != 4 || (**strides)[0] != 1 || (**strides)[3] != 1 || (**strides)[1] < 1 ||
      (**strides)[2] < 1 || (**strides)[1] > 16 || (**strides)[2] > 16) {
    return Fail(NotRunnable(node.name + ": strides"));
  }
  if (*dilations && !(*dilations)->empty() && **dilations != std::vector<int64_t>{1, 1, 1, 1}) {
    return Fail(NotRunnable(node.name + ": dilations"));
  }
  const auto padding = AttrString(node, "padding");
  const auto format = AttrString(node, "data_format");
  if (!padding || (*padding != "SAME" && *padding != "VALID")) return Fail(NotRunnable(node.name + ": padding"));
  if (format && *format != "NHWC") return Fail(NotRunnable(node.name + ": data format"));
  const nlohmann::json* num_args = Attr(node, "num_args");
  if (num_args != nullptr && !(num_args->is_object() && num_args->contains("i") &&
                               ((*num_args)["i"] == "1" || (*num_args)["i"] == 1))) {
    return Fail(NotRunnable(node.name + ": num_args"));
  }
  const int64_t kh = filter.shape[0], kw = filter.shape[1], in = filter.shape[2], k = filter.shape[3];
  if (in != x[3] || kh < 1 || kw < 1 || k < 1 || kh > 16 || kw > 16) {
    return Fail(Malformed(node.name + ": filter does not fit its input"));
  }
  const int64_t out_c = depthwise ? in * k : k;
  if (bias.shape[0] != out_c) return Fail(Malformed(node.name + ": bias does not fit the filter"));
  ConvLayer& c = e.conv;
  c.input = args[0];
  c.depthwise = depthwise;
  c.kernel_h = static_cast<int>(kh);
  c.kernel_w = static_cast<int>(kw);
  c.stride_h = static_cast<int>((**strides)[1]);
  c.stride_w = static_cast<int>((**strides)[2]);
  c.same_padding = *padding == "SAME";
  c.in_channels = static_cast<int>(in);
  c.out_channels = static_cast<int>(out_c);
  c.activation = relu ? Activation::kRelu : Activation::kNone;
  c.bias = bias.floats;
  // TensorFlow's HWIO (depthwise: HWCM) to OpenCV's OIHW (depthwise: output c·M + m, I = 1).
  c.weights.assign(filter.floats.size(), 0.0f);
  for (int64_t y = 0; y < kh; ++y) {
    for (int64_t xw = 0; xw < kw; ++xw) {
      for (int64_t i = 0; i < in; ++i) {
        for (int64_t o = 0; o < k; ++o) {
          const float v = filter.floats[static_cast<size_t>(((y * kw + xw) * in + i) * k + o)];
          const int64_t to = depthwise ? ((i * k + o) * kh + y) * kw + xw : ((o * in + i) * kh + y) * kw + xw;
          c.weights[static_cast<size_t>(to)] = v;
        }
      }
    }
  }
  int64_t oh, ow;
  if (c.same_padding) {
    oh = (x[1] + c.stride_h - 1) / c.stride_h;
    ow = (x[2] + c.stride_w - 1) / c.stride_w;
  } else {
    if (x[1] < kh || x[2] < kw) return Fail(Malformed(node.name + ": input smaller than the filter"));
    oh = (x[1] - kh) / c.stride_h + 1;
    ow = (x[2] - kw) / c.stride_w + 1;
  }
  e.op = "Conv";
  e.args = {args[0]};
  e.shape = {1, oh, ow, out_c};
  return {};
}

Result<void> Lowering::Binary(const Node& node, Expr& e, const std::vector<int>& args) {
  if (args.size() != 2) return Fail(Malformed(node.name + ": operands"));
  const Expr& a = At(args[0]);
  const Expr& b = At(args[1]);
  if (a.constant != nullptr && b.constant != nullptr) return Fail(NotRunnable(node.name + ": constant arithmetic"));
  if (a.constant == nullptr && b.constant == nullptr) {
    // Equal shapes, or one side reduced over its last axis (the L2 normalisation's divisor).
    auto reduced = [](const std::vector<int64_t>& full, const std::vector<int64_t>& one) {
      return full.size() == one.size() && !full.empty() && one.back() == 1 &&
             std::equal(full.begin(), full.end() - 1, one.begin());
    };
    if (a.shape != b.shape && !reduced(a.shape, b.shape) && !reduced(b.shape, a.shape)) {
      return Fail(Malformed(node.name + ": operand shapes differ"));
    }
    e.args = args;
    e.shape = reduced(b.shape, a.shape) ? b.shape : a.shape;
    return {};
  }
  const Expr& dyn = a.constant == nullptr ? a : b;
  const ConstTensor& k = a.constant != nullptr ? *a.constant : *b.constant;
  const int64_t n = static_cast<int64_t>(k.floats.size());
  // A scalar, or one value per channel (the last dimension).
  const bool per_channel = !k.shape.empty() && k.shape.back() == dyn.shape.back() && n == dyn.shape.back();
  if (k.is_int || (n != 1 && !per_channel)) return Fail(NotRunnable(node.name + ": broadcast"));
  e.args = {args[a.constant == nullptr ? 0 : 1]};
  e.constant = nullptr;
  e.shape = dyn.shape;
  e.operand = k.floats;
  e.constant_first = a.constant != nullptr;
  return {};
}

Result<void> Lowering::Sum(const Node& node, Expr& e, const std::vector<int>& args) {
  if (args.size() != 2 || At(args[0]).constant != nullptr || At(args[1]).constant == nullptr ||
      !At(args[1]).constant->is_int || At(args[1]).constant->ints.size() != 1) {
    return Fail(NotRunnable(node.name + ": sum operands"));
  }
  const auto& shape = At(args[0]).shape;
  int64_t axis = At(args[1]).constant->ints[0];
  if (axis < 0) axis += static_cast<int64_t>(shape.size());
  if (axis != static_cast<int64_t>(shape.size()) - 1) return Fail(NotRunnable(node.name + ": sum over another axis"));
  const nlohmann::json* keep = Attr(node, "keep_dims");
  if (keep == nullptr || !keep->is_object() || !keep->contains("b") || (*keep)["b"] != true) {
    return Fail(NotRunnable(node.name + ": sum without keep_dims"));
  }
  e.args = {args[0]};
  e.shape = shape;
  e.shape.back() = 1;
  return {};
}

Result<void> Lowering::Squeeze(const Node& node, Expr& e, const std::vector<int>& args) {
  if (args.size() != 1 || At(args[0]).constant != nullptr) return Fail(NotRunnable(node.name + ": squeeze operand"));
  auto dims = AttrInts(node, "squeeze_dims");
  if (!dims) return Fail(dims.error());
  if (!*dims || (*dims)->empty()) return Fail(NotRunnable(node.name + ": squeeze without dimensions"));
  const auto& shape = At(args[0]).shape;
  std::vector<bool> drop(shape.size(), false);
  for (int64_t d : **dims) {
    if (d < 0) d += static_cast<int64_t>(shape.size());
    if (d <= 0 || d >= static_cast<int64_t>(shape.size()) || shape[static_cast<size_t>(d)] != 1) {
      return Fail(Malformed(node.name + ": squeeze of a dimension that is not 1"));
    }
    drop[static_cast<size_t>(d)] = true;
  }
  e.args = {args[0]};
  for (size_t i = 0; i < shape.size(); ++i) {
    if (!drop[i]) e.shape.push_back(shape[i]);
  }
  return {};
}

// A zero Pad of the two spatial dimensions (folded into the VALID convolution after it).
Result<void> Lowering::Pad(const Node& node, Expr& e, const std::vector<int>& args) {
  if (args.size() != 2 || At(args[0]).constant != nullptr || At(args[1]).constant == nullptr ||
      !At(args[1]).constant->is_int || At(args[1]).constant->ints.size() != 8 || At(args[0]).shape.size() != 4) {
    return Fail(NotRunnable(node.name + ": pad operands"));
  }
  const auto& p = At(args[1]).constant->ints;
  if (p[0] != 0 || p[1] != 0 || p[6] != 0 || p[7] != 0) return Fail(NotRunnable(node.name + ": pad of batch or channels"));
  for (int i = 2; i < 6; ++i) {
    if (p[static_cast<size_t>(i)] < 0 || p[static_cast<size_t>(i)] > 16) return Fail(NotRunnable(node.name + ": padding"));
  }
  e.args = {args[0]};
  e.shape = At(args[0]).shape;
  e.shape[1] += p[2] + p[3];
  e.shape[2] += p[4] + p[5];
  e.conv.pad_top = p[2];
  e.conv.pad_bottom = p[3];
  e.conv.pad_left = p[4];
  e.conv.pad_right = p[5];
  return {};
}

// A flatten to [-1, N] of an H×W×C value (only as the input of a MatMul).
Result<void> Lowering::Reshape(const Node& node, Expr& e, const std::vector<int>& args) {
  if (args.size() != 2 || At(args[0]).constant != nullptr || At(args[1]).constant == nullptr ||
      !At(args[1]).constant->is_int || At(args[1]).constant->ints.size() != 2 || At(args[0]).shape.size() != 4) {
    return Fail(NotRunnable(node.name + ": reshape other than a flatten"));
  }
  const auto& x = At(args[0]).shape;
  const auto& to = At(args[1]).constant->ints;
  const int64_t n = x[1] * x[2] * x[3];
  if ((to[0] != -1 && to[0] != 1) || to[1] != n) return Fail(Malformed(node.name + ": reshape size"));
  e.args = {args[0]};
  e.shape = {1, n};
  return {};
}

Result<void> Lowering::MatMul(const Node& node, Expr& e, const std::vector<int>& args) {
  if (args.size() != 2 || At(args[0]).constant != nullptr || At(args[1]).constant == nullptr ||
      At(args[1]).constant->is_int || At(args[1]).constant->shape.size() != 2 || At(args[0]).shape.size() != 2) {
    return Fail(NotRunnable(node.name + ": matmul operands"));
  }
  for (const char* key : {"transpose_a", "transpose_b"}) {
    const nlohmann::json* t = Attr(node, key);
    if (t != nullptr && !(t->is_object() && t->contains("b") && (*t)["b"] == false)) {
      return Fail(NotRunnable(node.name + ": transposed matmul"));
    }
  }
  const ConstTensor& k = *At(args[1]).constant;
  if (k.shape[0] != At(args[0]).shape[1]) return Fail(Malformed(node.name + ": matmul shapes"));
  e.args = {args[0]};
  e.matrix = k.floats;
  e.shape = {1, k.shape[1]};
  return {};
}

ValueShape ShapeOf(const std::vector<int64_t>& shape) {
  ValueShape s;
  if (shape.size() == 4) return {static_cast<int>(shape[1]), static_cast<int>(shape[2]), static_cast<int>(shape[3])};
  if (shape.size() >= 2) s.c = static_cast<int>(shape.back());
  return s;
}

// Add(A, Mul(Sub(x, Abs(x)), alpha)) with A = Relu(x), or A = x when x's convolution already
// ends in a ReLU (then x − |x| is exactly 0 and the sum is x).
bool Lowering::LowerPrelu(int add) {
  const Expr& sum = At(add);
  if (sum.args.size() != 2) return false;
  for (int side = 0; side < 2; ++side) {
    const int mul = sum.args[static_cast<size_t>(side)], a = sum.args[static_cast<size_t>(1 - side)];
    if (!IsOp(mul, "Mul") || At(mul).args.size() != 1) continue;
    const int sub = At(mul).args[0];
    if (!IsOp(sub, "Sub") || At(sub).args.size() != 2) continue;
    const int x = At(sub).args[0], abs = At(sub).args[1];
    if (!IsOp(abs, "Abs") || At(abs).args[0] != x || !IsOp(x, "Conv") || At(x).value < 0) continue;
    ConvLayer& conv = model_.layers[static_cast<size_t>(At(x).layer)].conv;
    if (a == x && conv.activation == Activation::kRelu) {
      At(add).value = At(x).value;
      return true;
    }
    const bool only_here = At(x).uses == 3 && At(a).uses == 1 && At(abs).uses == 1 && At(sub).uses == 1 &&
                           At(mul).uses == 1;
    if (IsOp(a, "Relu") && At(a).args[0] == x && conv.activation == Activation::kNone && only_here) {
      const std::vector<float>& alpha = At(mul).operand;
      conv.activation = Activation::kPrelu;
      conv.slopes.resize(static_cast<size_t>(conv.out_channels));
      for (size_t c = 0; c < conv.slopes.size(); ++c) conv.slopes[c] = 2 * alpha[alpha.size() == 1 ? 0 : c];
      At(add).value = At(x).value;
      return true;
    }
  }
  return false;
}

// max(0, x) + γ·min(0, x) (MobileFace's PReLU), x a convolution used by nothing else.
bool Lowering::LowerMaxMinPrelu(int add) {
  const Expr& sum = At(add);
  if (sum.args.size() != 2) return false;
  auto zero_bound = [&](int i, std::string_view op) {
    return IsOp(i, op) && At(i).args.size() == 1 && At(i).operand.size() == 1 && At(i).operand[0] == 0.0f;
  };
  for (int side = 0; side < 2; ++side) {
    const int max = sum.args[static_cast<size_t>(side)], mul = sum.args[static_cast<size_t>(1 - side)];
    if (!zero_bound(max, "Maximum") || !IsOp(mul, "Mul") || At(mul).args.size() != 1) continue;
    const int min = At(mul).args[0];
    const int x = At(max).args[0];
    if (!zero_bound(min, "Minimum") || At(min).args[0] != x || !IsOp(x, "Conv") || At(x).value < 0) continue;
    ConvLayer& conv = model_.layers[static_cast<size_t>(At(x).layer)].conv;
    if (conv.activation != Activation::kNone || At(x).uses != 2 || At(max).uses != 1 || At(min).uses != 1 ||
        At(mul).uses != 1) {
      continue;
    }
    const std::vector<float>& gamma = At(mul).operand;
    conv.activation = Activation::kPrelu;
    conv.slopes.resize(static_cast<size_t>(conv.out_channels));
    for (size_t c = 0; c < conv.slopes.size(); ++c) conv.slopes[c] = gamma[gamma.size() == 1 ? 0 : c];
    At(add).value = At(x).value;
    return true;
  }
  return false;
}

// x − c, c − x, x · c, x + c with a constant c: folded into the convolution that makes x when
// nothing else uses it, else a per-channel affine layer.
bool Lowering::LowerConstantArithmetic(int index) {
  Expr& e = At(index);
  if (e.args.size() != 1 || e.operand.empty() || At(e.args[0]).value < 0 || e.shape.empty()) return false;
  const size_t channels = static_cast<size_t>(e.shape.back());
  std::vector<float> scale(channels, 1.0f), shift(channels, 0.0f);
  for (size_t c = 0; c < channels; ++c) {
    const float k = e.operand[e.operand.size() == 1 ? 0 : c];
    if (e.op == "Mul") scale[c] = k;
    else if (e.op == "Sub" && e.constant_first) scale[c] = -1, shift[c] = k;
    else if (e.op == "Sub") shift[c] = -k;
    else shift[c] = k;  // Add, AddV2
  }
  Expr& x = At(e.args[0]);
  if (x.op == "Conv" && x.uses == 1 && model_.layers[static_cast<size_t>(x.layer)].conv.activation == Activation::kNone) {
    ConvLayer& conv = model_.layers[static_cast<size_t>(x.layer)].conv;
    const size_t per_output = conv.weights.size() / channels;
    for (size_t o = 0; o < channels; ++o) {
      for (size_t i = 0; i < per_output; ++i) conv.weights[o * per_output + i] *= scale[o];
      conv.bias[o] = conv.bias[o] * scale[o] + shift[o];
    }
    // The result is that convolution now: a following constant folds in too.
    e.value = x.value;
    e.layer = x.layer;
    e.op = "Conv";
    return true;
  }
  Layer layer;
  layer.kind = Layer::Kind::kAffine;
  layer.add_a = x.value;
  layer.scale = std::move(scale);
  layer.shift = std::move(shift);
  layer.shape = ShapeOf(e.shape);
  model_.layers.push_back(std::move(layer));
  e.value = static_cast<int>(model_.layers.size());
  return true;
}

// x · rsqrt(max(sum(x²), ε)): returns x and ε.
std::optional<std::pair<int, float>> Lowering::MatchL2(int mul) const {
  const Expr& m = At(mul);
  if (m.op != "Mul" || m.args.size() != 2) return std::nullopt;
  for (int side = 0; side < 2; ++side) {
    const int x = m.args[static_cast<size_t>(side)], r = m.args[static_cast<size_t>(1 - side)];
    if (!IsOp(r, "Rsqrt")) continue;
    const int max = At(r).args[0];
    if (!IsOp(max, "Maximum") || At(max).args.size() != 1 || At(max).operand.size() != 1) continue;
    const int sum = At(max).args[0];
    if (!IsOp(sum, "Sum")) continue;
    const int square = At(sum).args[0];
    if (!IsOp(square, "Square") || At(square).args[0] != x) continue;
    return std::make_pair(x, At(max).operand[0]);
  }
  return std::nullopt;
}

void Lowering::Lower(int index) {
  Expr& e = At(index);
  auto push = [&](Layer layer) {
    layer.shape = ShapeOf(e.shape);
    model_.layers.push_back(std::move(layer));
    e.value = static_cast<int>(model_.layers.size());
  };
  if (e.op == "Placeholder") {
    e.value = 0;
  } else if (e.op == "Conv") {
    int input = e.conv.input;
    Layer layer;
    layer.kind = Layer::Kind::kConv;
    layer.conv = e.conv;
    if (IsOp(input, "Pad") && At(input).uses == 1 && !e.conv.same_padding) {
      layer.conv.pad_top = At(input).conv.pad_top;
      layer.conv.pad_bottom = At(input).conv.pad_bottom;
      layer.conv.pad_left = At(input).conv.pad_left;
      layer.conv.pad_right = At(input).conv.pad_right;
      input = At(input).args[0];
    }
    if (At(input).value < 0) return;  // its input is not runnable: Finish reports it
    layer.conv.input = At(input).value;
    e.layer = static_cast<int>(model_.layers.size());
    push(std::move(layer));
  } else if (e.op == "Relu") {
    Expr& x = At(e.args[0]);
    if (x.op == "Conv" && x.value >= 0 && x.uses == 1) {
      auto& conv = model_.layers[static_cast<size_t>(x.layer)].conv;
      if (conv.activation == Activation::kNone) conv.activation = Activation::kRelu;
      if (conv.activation == Activation::kRelu) e.value = x.value;
    }
  } else if (e.op == "MatMul") {
    // A dense layer over a flattened H×W×C map is a VALID H×W convolution with M outputs.
    const int flat = e.args[0];
    if (!IsOp(flat, "Reshape") || At(flat).uses != 1) return;
    const int x = At(flat).args[0];
    if (At(x).value < 0) return;
    const auto& in = At(x).shape;
    const int64_t h = in[1], w = in[2], c = in[3], m = e.shape[1];
    Layer layer;
    layer.kind = Layer::Kind::kConv;
    ConvLayer& conv = layer.conv;
    conv.input = At(x).value;
    conv.kernel_h = static_cast<int>(h);
    conv.kernel_w = static_cast<int>(w);
    conv.same_padding = false;
    conv.in_channels = static_cast<int>(c);
    conv.out_channels = static_cast<int>(m);
    conv.bias.assign(static_cast<size_t>(m), 0.0f);
    conv.weights.assign(e.matrix.size(), 0.0f);
    for (int64_t y = 0; y < h; ++y) {
      for (int64_t xx = 0; xx < w; ++xx) {
        for (int64_t ch = 0; ch < c; ++ch) {
          for (int64_t o = 0; o < m; ++o) {
            conv.weights[static_cast<size_t>(((o * c + ch) * h + y) * w + xx)] =
                e.matrix[static_cast<size_t>(((y * w + xx) * c + ch) * m + o)];
          }
        }
      }
    }
    e.op = "Conv";
    e.layer = static_cast<int>(model_.layers.size());
    e.shape = {1, 1, 1, m};
    push(std::move(layer));
  } else if (e.op == "Sub" || e.op == "Mul") {
    LowerConstantArithmetic(index);
  } else if (e.op == "Add" || e.op == "AddV2") {
    if (LowerPrelu(index) || LowerMaxMinPrelu(index) || LowerConstantArithmetic(index)) return;
    if (e.args.size() == 2 && At(e.args[0]).value >= 0 && At(e.args[1]).value >= 0 && e.shape.size() == 4) {
      Layer layer;
      layer.kind = Layer::Kind::kAdd;
      layer.add_a = At(e.args[0]).value;
      layer.add_b = At(e.args[1]).value;
      push(std::move(layer));
    }
  } else if (e.op == "Squeeze") {
    e.value = -1;  // only as the output's last step (Finish)
  }
}

Result<Model> Lowering::Finish(int output_expr) {
  if (!has_input_) return Fail(NotRunnable("no input"));
  for (int i = 0; i < static_cast<int>(exprs_.size()); ++i) Lower(i);
  int out = output_expr;
  if (auto l2 = MatchL2(out)) {
    model_.l2_normalized = true;
    model_.l2_epsilon = l2->second;
    out = l2->first;
  }
  if (IsOp(out, "Squeeze")) out = At(out).args[0];
  if (At(out).value <= 0) {
    // Name the first op on the path that could not be lowered.
    int bad = out;
    while (At(bad).value < 0 && !At(bad).args.empty()) {
      const int next = At(bad).args[0];
      if (At(next).value >= 0) break;
      bad = next;
    }
    return Fail(NotRunnable("op " + At(bad).op + " outside a supported pattern"));
  }
  // Every layer's inputs must be lowered values (a convolution fed by an unsupported op).
  for (const auto& e : exprs_) {
    if (e.op == "Conv" && e.value < 0) return Fail(NotRunnable("op " + At(e.conv.input).op + " feeding a convolution"));
  }
  model_.output_value = At(out).value;
  return std::move(model_);
}

}  // namespace

Result<Model> LowerGraph(const std::vector<int>& order, const std::vector<Node>& nodes,
                         const std::map<std::string, ConstTensor>& weights, int output) {
  Lowering lowering(weights);
  std::vector<int> expr_of(nodes.size(), -1);
  int next = 0;
  for (int n : order) {
    if (auto done = lowering.Evaluate(nodes[static_cast<size_t>(n)], expr_of); !done) return Fail(done.error());
    expr_of[static_cast<size_t>(n)] = next++;
  }
  return lowering.Finish(expr_of[static_cast<size_t>(output)]);
}

}  // namespace kiosk::biometrics::face::tfjs
