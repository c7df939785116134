#pragma once
// Operator passwords: the VNeID password policy and a memory-hard hash (scrypt, OpenSSL 3 KDF).
// Stored form: "scrypt$<log2 N>$<r>$<p>$<salt hex>$<hash hex>", so the cost can be raised later
// without invalidating existing hashes.

#include <cstdint>
#include <string>
#include <string_view>

#include "kiosk/core/result.h"
#include "kiosk/core/secret.h"

namespace kiosk::auth {

struct PasswordHashCost {
  int log2_n = 15;  // N = 2^15: ~32 MiB and ~0.1 s per hash on the station's CPU
  uint32_t r = 8;
  uint32_t p = 1;
  // A cheap cost for unit tests (the hash format is the same).
  static PasswordHashCost ForTests() { return {10, 8, 1}; }
};

// 8–20 characters, at least one digit, one upper-case letter, one lower-case letter and one of
// !@#$%^*(); no other characters. Error: kPolicyViolation naming the rule.
Result<void> CheckPasswordPolicy(const SecretString& password);

Result<std::string> HashPassword(const SecretString& password, const PasswordHashCost& cost);

// Errors: kParse when `encoded` is not a hash this program wrote; kCrypto on a KDF failure.
Result<bool> VerifyPassword(const SecretString& password, std::string_view encoded);

}  // namespace kiosk::auth
