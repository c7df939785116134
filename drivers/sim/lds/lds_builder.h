#pragma once
// Builds the whole LDS of a synthetic CCCD: EF.COM, DG1 (TD1 MRZ), DG2 (a drawn face, JPEG or
// JPEG 2000), DG13, DG14, DG15 (Active Authentication key) and EF.SOD signed by the test PKI's
// document signer (SHA-256 hashes). The card emulator serves these files.

#include <chrono>
#include <cstdint>
#include <optional>
#include <map>
#include <string>
#include <vector>

#include "drivers/sim/lds/citizen.h"
#include "drivers/sim/lds/test_pki.h"
#include "kiosk/emrtd/lds/dg2.h"
#include "kiosk/emrtd/lds/mrz.h"
#include "kiosk/emrtd/lds/sod.h"

namespace kiosk::sim {

struct LdsBuildOptions {
  PkiKeyType aa_key_type = PkiKeyType::kRsa2048;  // the CCCD uses RSA
  emrtd::FaceImageFormat face_format = emrtd::FaceImageFormat::kJpeg;
  bool include_dg14 = true;
  // Chip Authentication (ECDH P-256, AES-128) announced in DG14 with the card's public key.
  bool include_chip_auth = true;
  std::string chip_auth_protocol = "0.4.0.127.0.7.2.2.3.2.2";  // id-CA-ECDH-AES-CBC-CMAC-128
  bool include_dg15 = true;
  bool list_dg3_in_com = true;  // real cards list DG3 (fingerprints, EAC-protected, not served)
  // SecurityInfos added to DG14 (e.g. the PACEInfo the emulator also puts in EF.CardAccess).
  std::vector<emrtd::Bytes> extra_security_infos;
  bool embed_ds_certificate = true;  // false: SOD without its signer certificate
  // The SOD's signingTime attribute; the time of signing when empty.
  std::optional<std::chrono::system_clock::time_point> signing_time;
  // Tamper options, applied after signing.
  int corrupt_data_group = 0;      // change one byte of DG n (hash mismatch)
  bool corrupt_sod_signature = false;
};

struct AccessData {
  std::string id_number;        // 12 digits
  emrtd::MrzAccessKey mrz_key;  // DOCNO:YYMMDD:YYMMDD
  std::string can;              // last 6 digits of the ID
};

struct BuiltLds {
  std::map<uint16_t, emrtd::Bytes> files;  // FID → file content
  emrtd::EvpPkeyPtr aa_private_key;        // for INTERNAL AUTHENTICATE (null without DG15)
  emrtd::EvpPkeyPtr ca_private_key;        // for Chip Authentication (null without it)
  AccessData access;
  std::vector<std::string> mrz_lines;
};

Result<BuiltLds> BuildLds(const Citizen& citizen, const TestPki& pki,
                          const LdsBuildOptions& options = {});

// The CCCD TD1 MRZ: IDVNM + last 9 ID digits + cd + ID; DOB, sex, expiry, VNM, composite; name.
std::vector<std::string> BuildCccdMrz(const Citizen& citizen);

// EF.SOD: 77 { CMS SignedData(LDSSecurityObject) } signed by the DS.
Result<emrtd::Bytes> SignSod(
    const emrtd::LdsSecurityObject& lso, X509* ds_cert, EVP_PKEY* ds_key,
    bool embed_certificate = true,
    std::optional<std::chrono::system_clock::time_point> signing_time = std::nullopt);

// The synthetic face: a drawn portrait, encoded as JPEG (~15-20 KB) or JPEG 2000.
struct EncodedFace {
  emrtd::Bytes data;
  emrtd::FaceImageFormat format = emrtd::FaceImageFormat::kJpeg;
  uint16_t width = 0;
  uint16_t height = 0;
};
Result<EncodedFace> DrawSyntheticFace(emrtd::FaceImageFormat format);

}  // namespace kiosk::sim
