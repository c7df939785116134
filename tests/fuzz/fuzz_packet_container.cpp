// libFuzzer target: the enrollment packet's container as the intake server reads it once the
// CMS layers are off ("KIOSKPKT1\n", manifest length, manifest JSON, blobs). A station is
// outside data to the server. Byte 0 bit 0 asks the harness to put the right content hash and
// blob hashes into the manifest first, so the fuzzer gets past the hash checks to the blob
// walk; without it the input is decoded as is. What decodes must re-encode to a container
// with the same content hash.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <string>

#include <nlohmann/json.hpp>

#include "sync/packet/openssl_util.h"
#include "sync/packet/packet.h"

namespace {

constexpr std::string_view kMagic = "KIOSKPKT1\n";

// The container with its manifest's hashes made right, or the input unchanged when its
// manifest is not a JSON object.
std::vector<uint8_t> WithHashesFixed(const uint8_t* data, size_t size) {
  std::vector<uint8_t> input(data, data + size);
  if (size < kMagic.size() + 4 || std::memcmp(data, kMagic.data(), kMagic.size()) != 0) return input;
  const uint8_t* p = data + kMagic.size();
  const uint32_t length = uint32_t{p[0]} << 24 | uint32_t{p[1]} << 16 | uint32_t{p[2]} << 8 | p[3];
  const size_t header = kMagic.size() + 4;
  if (length > size - header) return input;
  nlohmann::json manifest = nlohmann::json::parse(p + 4, p + 4 + length, nullptr, false);
  if (!manifest.is_object()) return input;
  try {
    size_t offset = header + length;
    if (auto blobs = manifest.find("blobs"); blobs != manifest.end() && blobs->is_array()) {
      for (auto& entry : *blobs) {
        if (!entry.is_object() || !entry.contains("size") || !entry["size"].is_number_unsigned()) continue;
        const uint64_t blob_size = entry["size"].get<uint64_t>();
        if (blob_size > size - offset) break;
        entry["sha256"] = kiosk::sync::Sha256Hex(data + offset, blob_size);
        offset += blob_size;
      }
    }
    manifest.erase("content_hash");
    manifest["content_hash"] = kiosk::sync::Sha256Hex(manifest.dump());
    const std::string text = manifest.dump();
    std::vector<uint8_t> out(kMagic.begin(), kMagic.end());
    for (int shift = 24; shift >= 0; shift -= 8) out.push_back(static_cast<uint8_t>(text.size() >> shift));
    out.insert(out.end(), text.begin(), text.end());
    out.insert(out.end(), data + header + length, data + size);
    return out;
  } catch (const nlohmann::json::exception&) {
    return input;  // not UTF-8: the decoder must refuse it on its own
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace kiosk::sync;
  if (size < 1) return 0;
  const std::vector<uint8_t> container =
      (data[0] & 1) ? WithHashesFixed(data + 1, size - 1) : std::vector<uint8_t>(data + 1, data + size);
  auto opened = DecodeContainer(container.data(), container.size());
  if (!opened) return 0;
  if (!IsValidPacketId(opened->packet_id)) std::abort();
  RecordPacketInput record;
  record.record_number = opened->packet_id;
  record.status = opened->status;
  record.station_id = opened->station_id;
  record.fields = opened->fields;
  record.blobs = std::move(opened->blobs);
  std::string content_hash;
  auto encoded = EncodeContainer(record, &content_hash);
  if (encoded) {
    auto again = DecodeContainer(encoded->data(), encoded->size());
    if (!again || again->content_hash != content_hash) std::abort();
  }
  return 0;
}
