#include "kiosk/enrollment/canonical.h"

#include <openssl/evp.h>

#include <nlohmann/json.hpp>

#include "kiosk/core/i18n.h"

namespace kiosk::enrollment {

Result<std::string> CanonicalJson(const nlohmann::json& value) {
  // nlohmann::json keeps objects in a std::map, so keys come out sorted by byte; dump() without
  // indent writes no whitespace and escapes only what JSON requires. Invalid UTF-8 is refused
  // rather than replaced: the sealed bytes must be exactly what was captured.
  try {
    return value.dump(-1, ' ', false, nlohmann::json::error_handler_t::strict);
  } catch (const nlohmann::json::exception& e) {
    return Fail(Error(ErrorCode::kInvalidArgument,
                      N_("A field of the record is not valid text; correct it before sealing."),
                      e.what()));
  }
}

Result<std::string> CanonicalRecord(const Enrollment& enrollment) {
  nlohmann::json json = enrollment;
  json.erase("current_step");
  json.erase("furthest_step");
  return CanonicalJson(json);
}

Result<std::string> Sha256Hex(std::string_view bytes) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  if (EVP_Digest(bytes.data(), bytes.size(), digest, &length, EVP_sha256(), nullptr) != 1) {
    return Fail(Error(ErrorCode::kCrypto,
                      N_("An internal error occurred. Please report it to the technician."),
                      "EVP_Digest sha256"));
  }
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  for (unsigned int i = 0; i < length; ++i) {
    out.push_back(kHex[digest[i] >> 4]);
    out.push_back(kHex[digest[i] & 0xF]);
  }
  return out;
}

}  // namespace kiosk::enrollment
