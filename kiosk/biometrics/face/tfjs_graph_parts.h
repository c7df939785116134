#pragma once
// Internal to the TF.js model reader (tfjs_model.cpp parses, tfjs_lowering.cpp infers shapes
// and lowers the graph to layers). Not for use elsewhere.

#include <nlohmann/json.hpp>

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "kiosk/biometrics/face/tfjs_model.h"

namespace kiosk::biometrics::face::tfjs {

// Any one value's elements: keeps a hostile shape from asking for gigabytes at run time.
inline constexpr int64_t kMaxValueElements = int64_t{1} << 24;

struct ConstTensor {
  std::vector<int64_t> shape;
  std::vector<float> floats;  // float32 and float16 weights
  std::vector<int32_t> ints;  // int32 weights
  bool is_int = false;
};

struct Node {
  std::string name, op;
  std::vector<int> inputs;  // node indices
  const nlohmann::json* attr = nullptr;
};

Error Malformed(std::string detail);
Error NotRunnable(std::string detail);

const nlohmann::json* Attr(const Node& node, const char* key);
std::optional<std::string> AttrString(const Node& node, const char* key);
// A list attribute of integers (written as strings or numbers); nullopt when absent.
Result<std::optional<std::vector<int64_t>>> AttrInts(const Node& node, const char* key);
std::vector<std::string> AttrStrings(const Node& node, const char* key);

// Shape inference and lowering of the nodes `order` lists (each after its inputs, `output` last).
Result<Model> LowerGraph(const std::vector<int>& order, const std::vector<Node>& nodes,
                         const std::map<std::string, ConstTensor>& weights, int output);

}  // namespace kiosk::biometrics::face::tfjs
