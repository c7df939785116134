#pragma once
// The enrollment packet: what leaves the station for one sealed, approved record.
//
// Layers, inside out:
//  1. container: "KIOSKPKT1\n", the manifest's length (4 bytes, big-endian), the manifest (JSON,
//     keys sorted, no whitespace), then every blob's bytes in manifest order. The manifest names
//     each blob with its size and SHA-256, and carries `content_hash`: the SHA-256 of the
//     manifest serialised the same way without that key. The content hash identifies the
//     record's content: the server's idempotency (same id + same hash) rests on it.
//  2. CMS SignedData over the container, by the station key (signer certificate included).
//  3. CMS AuthEnvelopedData (AES-256-GCM) of the SignedData, to the central server's
//     certificate.
// The packet id is the record number. The full format is in docs/intake-api.md.

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "kiosk/core/result.h"
#include "kiosk/core/secret.h"
#include "sync/packet/openssl_util.h"

namespace kiosk::sync {

inline constexpr std::string_view kPacketFormat = "kiosk-packet/1";

// A named binary part of the record: portrait, fingerprints, document scans, the chip's data
// groups. Names: letters, digits, '.', '_', '-'.
struct PacketBlob {
  std::string name;
  SecretBytes data;
};

// The record as the store hands it over (the store maps its records onto this).
struct RecordPacketInput {
  std::string record_number;                  // the packet id: letters, digits, '.', '_', '-'
  std::string status = "approved";
  std::string station_id;                     // must be the CN of the signing certificate
  std::map<std::string, std::string> fields;  // manifest fields (id_number, full_name, …)
  std::vector<PacketBlob> blobs;
};

struct SealedPacket {
  std::string packet_id;
  std::string content_hash;
  std::vector<uint8_t> bytes;  // DER of the CMS AuthEnvelopedData
};

struct OpenedPacket {
  std::string packet_id;
  std::string content_hash;
  std::string station_id;      // the verified signer's CN
  std::string status;
  std::map<std::string, std::string> fields;
  std::vector<PacketBlob> blobs;
  std::string manifest_json;   // canonical, with content_hash
};

// True when `id` may be used as a packet id (and so in a URL path).
bool IsValidPacketId(std::string_view id);

// Layer 1 alone (exposed for tests and tools).
Result<SecretBytes> EncodeContainer(const RecordPacketInput& record, std::string* content_hash);
// Parses layer 1 and checks every hash. kCorrupt when a hash does not match.
Result<OpenedPacket> DecodeContainer(const uint8_t* data, size_t size);

// Layers 2 and 3 over an encoded container.
Result<std::vector<uint8_t>> SealContainer(const SecretBytes& container, const Credentials& station,
                                           X509* server_cert);

Result<SealedPacket> SealPacket(const RecordPacketInput& record, const Credentials& station,
                                X509* server_cert);
// Decrypts with the server's credentials, verifies the station's signature up to `station_ca`,
// checks every hash and that the manifest's station id is the signer's.
Result<OpenedPacket> OpenPacket(const std::vector<uint8_t>& bytes, const Credentials& server,
                                X509_STORE* station_ca);

}  // namespace kiosk::sync
