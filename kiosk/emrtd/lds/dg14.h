#pragma once
// DG14 (tag 6E): SecurityInfos ::= SET OF SecurityInfo { protocol OID, requiredData, optionalData }.
// Lists what the chip supports: Chip Authentication (info and public key), Active
// Authentication's signature algorithm, PACE and Terminal Authentication infos.

#include <optional>
#include <string>
#include <vector>

#include "kiosk/emrtd/lds/tlv.h"

namespace kiosk::emrtd {

inline constexpr const char* kOidActiveAuthentication = "2.23.136.1.1.5";
inline constexpr const char* kOidChipAuthPublicKeyPrefix = "0.4.0.127.0.7.2.2.1.";  // id-PK-*
inline constexpr const char* kOidChipAuthPrefix = "0.4.0.127.0.7.2.2.3.";  // id-CA-*
inline constexpr const char* kOidPacePrefix = "0.4.0.127.0.7.2.2.4.";      // id-PACE-*
inline constexpr const char* kOidEcdsaPlainPrefix = "0.4.0.127.0.7.1.1.4.1.";  // ecdsa-plain-SHA*

struct SecurityInfo {
  std::string protocol;  // dotted OID
  Bytes raw;             // the whole SEQUENCE
};

struct ChipAuthenticationInfo {
  std::string protocol;  // id-CA-ECDH-AES-CBC-CMAC-128 …
  uint64_t version = 0;
  std::optional<uint64_t> key_id;
};

struct ChipAuthenticationPublicKeyInfo {
  std::string protocol;       // id-PK-ECDH / id-PK-DH
  Bytes subject_public_key;   // SubjectPublicKeyInfo DER
  std::optional<uint64_t> key_id;
};

struct Dg14 {
  std::vector<SecurityInfo> infos;
  std::vector<ChipAuthenticationInfo> chip_auth;
  std::vector<ChipAuthenticationPublicKeyInfo> chip_auth_keys;
  std::optional<std::string> active_auth_signature_algorithm;  // OID, e.g. ecdsa-plain-SHA256

  std::vector<std::string> Protocols() const;
  bool SupportsChipAuthentication() const { return !chip_auth_keys.empty(); }
};

Result<Dg14> ParseDg14(ByteView file);

// Builds 6E { SET { … } } from raw SecurityInfo SEQUENCEs (for the emulator).
Bytes BuildDg14(const std::vector<Bytes>& security_infos);
// ActiveAuthenticationInfo { id-AA, version 1, signatureAlgorithm }.
Bytes BuildActiveAuthenticationInfo(std::string_view signature_algorithm_oid);

}  // namespace kiosk::emrtd
