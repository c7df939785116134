#pragma once
// The canonical serialisation of a sealed record and its SHA-256: the bytes the station signs and
// the server re-hashes. Canonical = JSON with object keys sorted (byte order), no insignificant
// whitespace, strings in NFC UTF-8 as stored, integers without exponent; drafting state
// (current and furthest step) is left out because it does not describe the citizen's record.

#include <string>

#include <nlohmann/json_fwd.hpp>

#include "kiosk/core/result.h"
#include "kiosk/enrollment/enrollment.h"

namespace kiosk::enrollment {

// Refuses (kInvalidArgument) a value holding invalid UTF-8.
Result<std::string> CanonicalJson(const nlohmann::json& value);
Result<std::string> CanonicalRecord(const Enrollment& enrollment);

// Lower-case hex SHA-256 of bytes (OpenSSL EVP).
Result<std::string> Sha256Hex(std::string_view bytes);

}  // namespace kiosk::enrollment
