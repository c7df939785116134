#include "kiosk/biometrics/face/tfjs_model.h"

#include <nlohmann/json.hpp>

#include <array>
#include <bit>
#include <charconv>
#include <cmath>
#include <cstring>
#include <fstream>
#include <map>
#include <optional>

#include "kiosk/biometrics/face/tfjs_graph_parts.h"
#include "kiosk/core/i18n.h"

namespace kiosk::biometrics::face::tfjs {

namespace {

using nlohmann::json;

std::optional<std::string> DecodeBase64(std::string_view in) {
  auto digit = [](char c) -> int {
    if (c >= 'A' && c <= 'Z') return c - 'A';
    if (c >= 'a' && c <= 'z') return c - 'a' + 26;
    if (c >= '0' && c <= '9') return c - '0' + 52;
    if (c == '+') return 62;
    if (c == '/') return 63;
    return -1;
  };
  while (!in.empty() && in.back() == '=') in.remove_suffix(1);
  if (in.size() % 4 == 1) return std::nullopt;
  std::string out;
  uint32_t bits = 0;
  int count = 0;
  for (char c : in) {
    const int d = digit(c);
    if (d < 0) return std::nullopt;
    bits = (bits << 6) | static_cast<uint32_t>(d);
    count += 6;
    if (count >= 8) {
      count -= 8;
      out.push_back(static_cast<char>((bits >> count) & 0xFF));
    }
  }
  return out;
}

float HalfToFloat(uint16_t h) {
  const uint32_t sign = (h & 0x8000u) << 16;
  const uint32_t exponent = (h >> 10) & 0x1F;
  uint32_t mantissa = h & 0x3FFu;
  uint32_t bits;
  if (exponent == 0) {
    if (mantissa == 0) {
      bits = sign;
    } else {  // subnormal: normalise
      int e = -1;
      do {
        ++e;
        mantissa <<= 1;
      } while ((mantissa & 0x400u) == 0);
      bits = sign | static_cast<uint32_t>(127 - 15 - e) << 23 | (mantissa & 0x3FFu) << 13;
    }
  } else if (exponent == 31) {
    bits = sign | 0x7F800000u | mantissa << 13;
  } else {
    bits = sign | (exponent + 127 - 15) << 23 | mantissa << 13;
  }
  return std::bit_cast<float>(bits);
}

// ---- the weights manifest -------------------------------------------------------------------



Result<std::vector<int64_t>> ReadShape(const json& shape, const std::string& what) {
  if (!shape.is_array() || shape.size() > 8) return Fail(Malformed(what + ": shape"));
  std::vector<int64_t> out;
  int64_t count = 1;
  for (const auto& d : shape) {
    if (!d.is_number_integer() || d.get<int64_t>() < 0) return Fail(Malformed(what + ": shape"));
    out.push_back(d.get<int64_t>());
    if (out.back() > kMaxValueElements) return Fail(Malformed(what + ": shape too large"));
    count *= out.back();
    if (count > kMaxValueElements) return Fail(Malformed(what + ": shape too large"));
  }
  return out;
}

Result<std::map<std::string, ConstTensor>> ReadWeights(const json& manifest, std::span<const uint8_t> data) {
  if (!manifest.is_array()) return Fail(Malformed("weightsManifest is not an array"));
  std::map<std::string, ConstTensor> out;
  size_t offset = 0;
  for (const auto& group : manifest) {
    if (!group.is_object() || !group.contains("weights") || !group["weights"].is_array()) {
      return Fail(Malformed("weightsManifest group"));
    }
    for (const auto& spec : group["weights"]) {
      if (!spec.is_object() || !spec.contains("name") || !spec["name"].is_string() ||
          !spec.contains("dtype") || !spec["dtype"].is_string() || !spec.contains("shape")) {
        return Fail(Malformed("weightsManifest entry"));
      }
      const std::string name = spec["name"].get<std::string>();
      auto shape = ReadShape(spec["shape"], name);
      if (!shape) return Fail(shape.error());
      int64_t count = 1;
      for (int64_t d : *shape) count *= d;
      const std::string dtype = spec["dtype"].get<std::string>();
      bool half = false;
      if (spec.contains("quantization")) {
        const json& q = spec["quantization"];
        if (!q.is_object() || !q.contains("dtype") || q["dtype"] != "float16" || dtype != "float32") {
          return Fail(NotRunnable(name + ": quantisation other than float16"));
        }
        half = true;
      } else if (dtype != "float32" && dtype != "int32") {
        return Fail(NotRunnable(name + ": dtype " + dtype));
      }
      const size_t bytes = static_cast<size_t>(count) * (half ? 2 : 4);
      if (bytes > data.size() - offset) return Fail(Malformed(name + ": weights shorter than the manifest"));
      ConstTensor tensor;
      tensor.shape = std::move(*shape);
      const uint8_t* p = data.data() + offset;
      if (dtype == "int32") {
        tensor.is_int = true;
        tensor.ints.resize(static_cast<size_t>(count));
        if (count > 0) std::memcpy(tensor.ints.data(), p, bytes);
      } else {
        tensor.floats.resize(static_cast<size_t>(count));
        for (int64_t i = 0; i < count; ++i) {
          float v;
          if (half) {
            uint16_t h;
            std::memcpy(&h, p + 2 * i, 2);
            v = HalfToFloat(h);
          } else {
            std::memcpy(&v, p + 4 * i, 4);
          }
          if (!std::isfinite(v)) return Fail(Malformed(name + ": weight not finite"));
          tensor.floats[static_cast<size_t>(i)] = v;
        }
      }
      offset += bytes;
      if (!out.emplace(name, std::move(tensor)).second) return Fail(Malformed(name + ": weight named twice"));
    }
  }
  if (offset != data.size()) return Fail(Malformed("weights longer than the manifest"));
  return out;
}

// ---- the graph ------------------------------------------------------------------------------

Result<std::vector<Node>> ReadNodes(const json& topology, std::map<std::string, int>& index) {
  if (!topology.is_object() || !topology.contains("node") || !topology["node"].is_array()) {
    return Fail(Malformed("modelTopology.node"));
  }
  const json& nodes = topology["node"];
  if (nodes.size() > kMaxNodes) return Fail(Malformed("too many nodes"));
  std::vector<Node> out;
  for (const auto& n : nodes) {
    if (!n.is_object() || !n.contains("name") || !n["name"].is_string() || !n.contains("op") || !n["op"].is_string()) {
      return Fail(Malformed("node without name or op"));
    }
    Node node;
    node.name = n["name"].get<std::string>();
    node.op = n["op"].get<std::string>();
    if (n.contains("attr")) node.attr = &n["attr"];
    if (!index.emplace(node.name, static_cast<int>(out.size())).second) return Fail(Malformed(node.name + ": named twice"));
    out.push_back(std::move(node));
  }
  for (size_t i = 0; i < out.size(); ++i) {
    const json& n = nodes[i];
    if (!n.contains("input")) continue;
    if (!n["input"].is_array() || n["input"].size() > 16) return Fail(Malformed(out[i].name + ": inputs"));
    for (const auto& in : n["input"]) {
      if (!in.is_string()) return Fail(Malformed(out[i].name + ": inputs"));
      std::string name = in.get<std::string>();
      if (name.starts_with("^")) return Fail(NotRunnable(out[i].name + ": control input"));
      if (auto colon = name.rfind(':'); colon != std::string::npos) {
        if (name.substr(colon) != ":0") return Fail(NotRunnable(out[i].name + ": second output of a node"));
        name.resize(colon);
      }
      auto it = index.find(name);
      if (it == index.end()) return Fail(Malformed(out[i].name + ": unknown input"));
      out[i].inputs.push_back(it->second);
    }
  }
  return out;
}

// The model's one output node: named by the signature, else the one node nothing consumes.
Result<int> OutputNode(const json& model, const std::vector<Node>& nodes, const std::map<std::string, int>& index) {
  const json* signature = nullptr;
  if (model.contains("userDefinedMetadata") && model["userDefinedMetadata"].is_object() &&
      model["userDefinedMetadata"].contains("signature")) {
    signature = &model["userDefinedMetadata"]["signature"];
  } else if (model.contains("signature")) {
    signature = &model["signature"];
  }
  if (signature != nullptr && signature->is_object() && signature->contains("outputs")) {
    const json& outputs = (*signature)["outputs"];
    if (!outputs.is_object() || outputs.size() != 1) return Fail(NotRunnable("not exactly one output"));
    const json& out = outputs.begin().value();
    if (!out.is_object() || !out.contains("name") || !out["name"].is_string()) return Fail(Malformed("signature output"));
    std::string name = out["name"].get<std::string>();
    if (name.ends_with(":0")) name.resize(name.size() - 2);
    auto it = index.find(name);
    if (it == index.end()) return Fail(Malformed("signature names an unknown node"));
    return it->second;
  }
  std::vector<bool> consumed(nodes.size(), false);
  for (const auto& n : nodes) {
    for (int i : n.inputs) consumed[static_cast<size_t>(i)] = true;
  }
  int found = -1;
  for (size_t i = 0; i < nodes.size(); ++i) {
    if (consumed[i] || nodes[i].op == "Const" || nodes[i].op == "Placeholder") continue;
    if (found >= 0) return Fail(NotRunnable("not exactly one output"));
    found = static_cast<int>(i);
  }
  if (found < 0) return Fail(Malformed("no output"));
  return found;
}

// Nodes the output depends on, each after its inputs. Iterative: a hostile chain of thousands
// of nodes must not exhaust the stack.
Result<std::vector<int>> TopologicalOrder(const std::vector<Node>& nodes, int output) {
  std::vector<int> order;
  std::vector<uint8_t> state(nodes.size(), 0);  // 0 new, 1 on the stack, 2 done
  std::vector<std::pair<int, size_t>> stack = {{output, 0}};
  state[static_cast<size_t>(output)] = 1;
  while (!stack.empty()) {
    auto& [node, next] = stack.back();
    const auto& inputs = nodes[static_cast<size_t>(node)].inputs;
    if (next < inputs.size()) {
      const int in = inputs[next++];
      if (state[static_cast<size_t>(in)] == 1) return Fail(Malformed("the graph has a cycle"));
      if (state[static_cast<size_t>(in)] == 0) {
        state[static_cast<size_t>(in)] = 1;
        stack.emplace_back(in, 0);
      }
      continue;
    }
    state[static_cast<size_t>(node)] = 2;
    order.push_back(node);
    stack.pop_back();
  }
  return order;
}

}  // namespace

const json* Attr(const Node& node, const char* key) {
  if (node.attr == nullptr || !node.attr->is_object() || !node.attr->contains(key)) return nullptr;
  return &(*node.attr)[key];
}

std::optional<std::string> AttrString(const Node& node, const char* key) {
  const json* a = Attr(node, key);
  if (a == nullptr || !a->is_object() || !a->contains("s") || !(*a)["s"].is_string()) return std::nullopt;
  return DecodeBase64((*a)["s"].get<std::string>());
}

// A list attribute of integers (written as strings or numbers); nullopt when absent.
Result<std::optional<std::vector<int64_t>>> AttrInts(const Node& node, const char* key) {
  const json* a = Attr(node, key);
  if (a == nullptr) return std::optional<std::vector<int64_t>>();
  if (!a->is_object() || !a->contains("list") || !(*a)["list"].is_object()) return Fail(Malformed(node.name + ": " + key));
  const json& list = (*a)["list"];
  std::vector<int64_t> out;
  if (!list.contains("i")) return std::optional<std::vector<int64_t>>(out);
  if (!list["i"].is_array() || list["i"].size() > 8) return Fail(Malformed(node.name + ": " + key));
  for (const auto& v : list["i"]) {
    if (v.is_number_integer()) {
      out.push_back(v.get<int64_t>());
    } else if (v.is_string()) {
      const std::string text = v.get<std::string>();
      int64_t value = 0;
      const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
      if (ec != std::errc() || end != text.data() + text.size() || text.size() > 12) {
        return Fail(Malformed(node.name + ": " + key));
      }
      out.push_back(value);
    } else {
      return Fail(Malformed(node.name + ": " + key));
    }
  }
  return std::optional<std::vector<int64_t>>(out);
}

std::vector<std::string> AttrStrings(const Node& node, const char* key) {
  std::vector<std::string> out;
  const json* a = Attr(node, key);
  if (a == nullptr || !a->is_object() || !a->contains("list") || !(*a)["list"].is_object()) return out;
  const json& list = (*a)["list"];
  if (!list.contains("s") || !list["s"].is_array()) return out;
  for (const auto& v : list["s"]) {
    auto decoded = v.is_string() ? DecodeBase64(v.get<std::string>()) : std::nullopt;
    out.push_back(decoded.value_or("?"));
  }
  return out;
}

Error Malformed(std::string detail) {
  return Error(ErrorCode::kParse, N_("The face recognition model is malformed."), std::move(detail));
}

Error NotRunnable(std::string detail) {
  return Error::Unsupported(N_("The face recognition model uses something this station cannot run."),
                            std::move(detail));
}

int Model::output_size() const {
  const ValueShape s = output_value == 0 ? input : layers[static_cast<size_t>(output_value - 1)].shape;
  return s.h * s.w * s.c;
}

Result<Model> ParseModel(std::string_view model_json, std::span<const uint8_t> weights) {
  if (weights.size() > kMaxWeightBytes) return Fail(Malformed("weights too large"));
  const json model = json::parse(model_json.begin(), model_json.end(), nullptr, false);
  if (!model.is_object()) return Fail(Malformed("model.json is not a JSON object"));
  if (model.contains("format") && model["format"] != "graph-model") return Fail(NotRunnable("format is not graph-model"));
  if (!model.contains("modelTopology") || !model.contains("weightsManifest")) {
    return Fail(Malformed("modelTopology or weightsManifest missing"));
  }
  auto constants = ReadWeights(model["weightsManifest"], weights);
  if (!constants) return Fail(constants.error());
  std::map<std::string, int> index;
  auto nodes = ReadNodes(model["modelTopology"], index);
  if (!nodes) return Fail(nodes.error());
  auto output = OutputNode(model, *nodes, index);
  if (!output) return Fail(output.error());
  auto order = TopologicalOrder(*nodes, *output);
  if (!order) return Fail(order.error());
  return LowerGraph(*order, *nodes, *constants, *output);
}

Result<Model> LoadModel(const std::filesystem::path& model_json) {
  auto read = [](const std::filesystem::path& file, size_t limit) -> Result<std::vector<uint8_t>> {
    std::error_code ec;
    const auto size = std::filesystem::file_size(file, ec);
    if (ec) return Fail(Error::NotFound(N_("The face recognition model {0} is missing."), file.string())
                            .WithArg(file.filename().string()));
    if (size > limit) return Fail(Malformed(file.filename().string() + ": too large"));
    std::ifstream in(file, std::ios::binary);
    std::vector<uint8_t> bytes(static_cast<size_t>(size));
    if (!in.read(reinterpret_cast<char*>(bytes.data()), static_cast<std::streamsize>(size))) {
      return Fail(Error::Io(N_("The face recognition model cannot be read."), file.string()));
    }
    return bytes;
  };
  auto text = read(model_json, 16u << 20);
  if (!text) return Fail(text.error());
  const json model = json::parse(text->begin(), text->end(), nullptr, false);
  if (!model.is_object() || !model.contains("weightsManifest") || !model["weightsManifest"].is_array()) {
    return Fail(Malformed("weightsManifest missing"));
  }
  std::vector<uint8_t> weights;
  for (const auto& group : model["weightsManifest"]) {
    if (!group.is_object() || !group.contains("paths") || !group["paths"].is_array()) {
      return Fail(Malformed("weightsManifest paths"));
    }
    for (const auto& path : group["paths"]) {
      // Shards are plain names beside model.json: a manifest cannot make the station read
      // another file.
      if (!path.is_string()) return Fail(Malformed("weightsManifest paths"));
      const std::string name = path.get<std::string>();
      if (name.empty() || name.find('/') != std::string::npos || name.find('\\') != std::string::npos ||
          name == "." || name == "..") {
        return Fail(Malformed("weight shard path"));
      }
      auto shard = read(model_json.parent_path() / name, kMaxWeightBytes - weights.size());
      if (!shard) return Fail(shard.error());
      weights.insert(weights.end(), shard->begin(), shard->end());
    }
  }
  std::string_view json_text(reinterpret_cast<const char*>(text->data()), text->size());
  return ParseModel(json_text, weights);
}

}  // namespace kiosk::biometrics::face::tfjs
