#include "sync/packet/packet.h"

#include <nlohmann/json.hpp>

#include <cstring>
#include <set>

#include "kiosk/core/i18n.h"
#include "sync/packet/cms.h"

namespace kiosk::sync {

namespace {

constexpr std::string_view kMagic = "KIOSKPKT1\n";
constexpr size_t kMaxManifestBytes = 1 << 20;

bool IsNameChar(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' ||
         c == '_' || c == '-';
}

bool IsValidName(std::string_view name, size_t max_size) {
  if (name.empty() || name.size() > max_size || name == "." || name == "..") return false;
  for (char c : name) {
    if (!IsNameChar(c)) return false;
  }
  return true;
}

// nlohmann::json keeps object keys in a std::map, so dump() without indentation is canonical:
// keys sorted, no whitespace. Invalid UTF-8 in a field throws: caught here, never beyond.
Result<std::string> Canonical(const nlohmann::json& value) {
  try {
    return value.dump();
  } catch (const nlohmann::json::exception&) {
    return Fail(Error::InvalidArgument(N_("A record field is not valid UTF-8 text.")));
  }
}

Error Malformed(std::string detail) {
  return Error(ErrorCode::kParse, N_("The packet is malformed."), std::move(detail));
}

Error HashMismatch(std::string detail) {
  return Error(ErrorCode::kCorrupt, N_("The packet's content does not match its hashes."),
               std::move(detail));
}

}  // namespace

bool IsValidPacketId(std::string_view id) { return IsValidName(id, 64); }

Result<SecretBytes> EncodeContainer(const RecordPacketInput& record, std::string* content_hash) {
  if (!IsValidPacketId(record.record_number)) {
    return Fail(Error::InvalidArgument(N_("The record number cannot be used as a packet id.")));
  }
  nlohmann::json manifest = {
      {"format", kPacketFormat},        {"packet_id", record.record_number},
      {"record_number", record.record_number}, {"status", record.status},
      {"station_id", record.station_id}, {"fields", record.fields},
  };
  nlohmann::json blobs = nlohmann::json::array();
  std::map<std::string, const PacketBlob*> by_name;
  for (const auto& blob : record.blobs) {
    if (!IsValidName(blob.name, 128) || !by_name.emplace(blob.name, &blob).second) {
      return Fail(Error::InvalidArgument(N_("A blob name is invalid or repeated."), blob.name));
    }
  }
  size_t total = 0;
  for (const auto& [name, blob] : by_name) {
    blobs.push_back({{"name", name},
                     {"size", blob->data.size()},
                     {"sha256", Sha256Hex(blob->data.data(), blob->data.size())}});
    total += blob->data.size();
  }
  manifest["blobs"] = std::move(blobs);
  auto unsigned_text = Canonical(manifest);
  if (!unsigned_text) return Fail(unsigned_text.error());
  std::string hash = Sha256Hex(*unsigned_text);
  manifest["content_hash"] = hash;
  auto text = Canonical(manifest);
  if (!text) return Fail(text.error());
  if (content_hash != nullptr) *content_hash = hash;

  SecretBytes out(kMagic.size() + 4 + text->size() + total);
  uint8_t* p = out.data();
  std::memcpy(p, kMagic.data(), kMagic.size());
  p += kMagic.size();
  uint32_t length = static_cast<uint32_t>(text->size());
  for (int shift = 24; shift >= 0; shift -= 8) *p++ = static_cast<uint8_t>(length >> shift);
  std::memcpy(p, text->data(), text->size());
  p += text->size();
  for (const auto& [name, blob] : by_name) {
    if (blob->data.size() > 0) std::memcpy(p, blob->data.data(), blob->data.size());
    p += blob->data.size();
  }
  SecureWipe(text->data(), text->size());
  SecureWipe(unsigned_text->data(), unsigned_text->size());
  return out;
}

Result<OpenedPacket> DecodeContainer(const uint8_t* data, size_t size) {
  if (size < kMagic.size() + 4 || std::memcmp(data, kMagic.data(), kMagic.size()) != 0) {
    return Fail(Malformed("bad magic"));
  }
  const uint8_t* p = data + kMagic.size();
  uint32_t length = 0;
  for (int i = 0; i < 4; ++i) length = (length << 8) | *p++;
  size_t remaining = size - kMagic.size() - 4;
  if (length > kMaxManifestBytes || length > remaining) return Fail(Malformed("manifest length"));
  std::string text(reinterpret_cast<const char*>(p), length);
  p += length;
  remaining -= length;

  nlohmann::json manifest = nlohmann::json::parse(text, nullptr, false);
  if (manifest.is_discarded() || !manifest.is_object()) return Fail(Malformed("manifest is not JSON"));
  OpenedPacket opened;
  try {
    if (manifest.at("format").get<std::string>() != kPacketFormat) {
      return Fail(Error(ErrorCode::kUnsupported, N_("The packet format is not supported.")));
    }
    opened.packet_id = manifest.at("packet_id").get<std::string>();
    opened.status = manifest.at("status").get<std::string>();
    opened.station_id = manifest.at("station_id").get<std::string>();
    opened.content_hash = manifest.at("content_hash").get<std::string>();
    opened.fields = manifest.at("fields").get<std::map<std::string, std::string>>();
    if (!IsValidPacketId(opened.packet_id)) return Fail(Malformed("packet id"));
    if (manifest.value("record_number", std::string()) != opened.packet_id) {
      return Fail(Malformed("record number differs from packet id"));
    }
    // The hash covers the manifest without itself, serialised canonically.
    nlohmann::json unsigned_manifest = manifest;
    unsigned_manifest.erase("content_hash");
    auto canonical = Canonical(unsigned_manifest);
    if (!canonical) return Fail(Malformed("manifest text"));
    if (Sha256Hex(*canonical) != opened.content_hash) return Fail(HashMismatch("content hash"));

    std::string previous;
    for (const auto& entry : manifest.at("blobs")) {
      std::string name = entry.at("name").get<std::string>();
      uint64_t blob_size = entry.at("size").get<uint64_t>();
      std::string sha = entry.at("sha256").get<std::string>();
      if (!IsValidName(name, 128) || (!previous.empty() && name <= previous)) {
        return Fail(Malformed("blob names"));
      }
      previous = name;
      if (blob_size > remaining) return Fail(Malformed("blob size"));
      if (Sha256Hex(p, blob_size) != sha) return Fail(HashMismatch("blob " + name));
      opened.blobs.push_back({name, SecretBytes(p, blob_size)});
      p += blob_size;
      remaining -= blob_size;
    }
  } catch (const nlohmann::json::exception& e) {
    return Fail(Malformed(e.what()));
  }
  if (remaining != 0) return Fail(Malformed("trailing bytes"));
  opened.manifest_json = std::move(text);
  return opened;
}

Result<std::vector<uint8_t>> SealContainer(const SecretBytes& container, const Credentials& station,
                                           X509* server_cert) {
  auto signed_der = SignCms(container.data(), container.size(), station);
  if (!signed_der) return Fail(signed_der.error());
  return EncryptCms(signed_der->data(), signed_der->size(), server_cert);
}

Result<SealedPacket> SealPacket(const RecordPacketInput& record, const Credentials& station,
                                X509* server_cert) {
  if (record.station_id != CommonName(station.cert.get())) {
    return Fail(Error::InvalidArgument(N_("The record's station id is not this station's certificate.")));
  }
  SealedPacket sealed;
  auto container = EncodeContainer(record, &sealed.content_hash);
  if (!container) return Fail(container.error());
  auto bytes = SealContainer(*container, station, server_cert);
  if (!bytes) return Fail(bytes.error());
  sealed.packet_id = record.record_number;
  sealed.bytes = std::move(*bytes);
  return sealed;
}

Result<OpenedPacket> OpenPacket(const std::vector<uint8_t>& bytes, const Credentials& server,
                                X509_STORE* station_ca) {
  auto signed_der = DecryptCms(bytes, server);
  if (!signed_der) return Fail(signed_der.error());
  std::vector<uint8_t> der(signed_der->data(), signed_der->data() + signed_der->size());
  auto verified = VerifyCms(der, station_ca, SignerRole::kStation);
  if (!verified) return Fail(verified.error());
  auto opened = DecodeContainer(verified->content.data(), verified->content.size());
  if (!opened) return Fail(opened.error());
  std::string signer = CommonName(verified->signer.get());
  if (opened->station_id != signer) {
    return Fail(Error(ErrorCode::kVerificationFailed,
                      N_("The packet names another station than the one that signed it.")));
  }
  return opened;
}

}  // namespace kiosk::sync
