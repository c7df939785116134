#include "kiosk/auth/password.h"

#include <openssl/core_names.h>
#include <openssl/err.h>
#include <openssl/kdf.h>
#include <openssl/params.h>

#include <charconv>
#include <memory>
#include <vector>

#include "kiosk/crypto/crypto.h"

namespace kiosk::auth {
namespace {

constexpr std::string_view kSpecials = "!@#$%^*()";
constexpr size_t kSaltSize = 16;
constexpr size_t kHashSize = 32;

struct KdfFree {
  void operator()(EVP_KDF* kdf) const { EVP_KDF_free(kdf); }
};
struct KdfCtxFree {
  void operator()(EVP_KDF_CTX* ctx) const { EVP_KDF_CTX_free(ctx); }
};

Result<SecretBytes> Scrypt(const SecretString& password, std::span<const uint8_t> salt,
                           const PasswordHashCost& cost) {
  if (cost.log2_n < 1 || cost.log2_n > 20 || cost.r < 1 || cost.r > 32 || cost.p < 1 ||
      cost.p > 16) {
    return Fail(Error::InvalidArgument("The password hash settings are out of range."));
  }
  std::unique_ptr<EVP_KDF, KdfFree> kdf(EVP_KDF_fetch(nullptr, "SCRYPT", nullptr));
  if (!kdf) return Fail(Error(ErrorCode::kCrypto, "Password hashing is unavailable.", "SCRYPT"));
  std::unique_ptr<EVP_KDF_CTX, KdfCtxFree> ctx(EVP_KDF_CTX_new(kdf.get()));
  uint64_t n = uint64_t{1} << cost.log2_n;
  uint32_t r = cost.r, p = cost.p;
  // scrypt needs 128·r·N bytes; leave headroom over OpenSSL's 32 MiB default.
  uint64_t maxmem = 128 * uint64_t{r} * n * uint64_t{p} + (16u << 20);
  OSSL_PARAM params[] = {
      OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_PASSWORD,
                                        const_cast<char*>(password.view().data()),
                                        password.size()),
      OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_SALT,
                                        const_cast<uint8_t*>(salt.data()), salt.size()),
      OSSL_PARAM_construct_uint64(OSSL_KDF_PARAM_SCRYPT_N, &n),
      OSSL_PARAM_construct_uint32(OSSL_KDF_PARAM_SCRYPT_R, &r),
      OSSL_PARAM_construct_uint32(OSSL_KDF_PARAM_SCRYPT_P, &p),
      OSSL_PARAM_construct_uint64(OSSL_KDF_PARAM_SCRYPT_MAXMEM, &maxmem),
      OSSL_PARAM_construct_end()};
  SecretBytes out(kHashSize);
  if (!ctx || EVP_KDF_derive(ctx.get(), out.data(), out.size(), params) != 1) {
    ERR_clear_error();
    return Fail(Error(ErrorCode::kCrypto, "Password hashing failed.", "EVP_KDF_derive scrypt"));
  }
  return out;
}

std::vector<std::string_view> Split(std::string_view text, char separator) {
  std::vector<std::string_view> parts;
  size_t start = 0;
  for (size_t i = 0; i <= text.size(); ++i) {
    if (i == text.size() || text[i] == separator) {
      parts.push_back(text.substr(start, i - start));
      start = i + 1;
    }
  }
  return parts;
}

template <class T>
bool ParseNumber(std::string_view text, T& out) {
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
  return ec == std::errc() && ptr == text.data() + text.size();
}

}  // namespace

Result<void> CheckPasswordPolicy(const SecretString& password) {
  auto violation = [](const char* rule) {
    return Fail(Error(ErrorCode::kPolicyViolation, rule));
  };
  std::string_view pw = password.view();
  if (pw.size() < 8 || pw.size() > 20) {
    return violation("The password must be 8 to 20 characters long.");
  }
  bool digit = false, upper = false, lower = false, special = false;
  for (char c : pw) {
    if (c >= '0' && c <= '9') {
      digit = true;
    } else if (c >= 'A' && c <= 'Z') {
      upper = true;
    } else if (c >= 'a' && c <= 'z') {
      lower = true;
    } else if (kSpecials.find(c) != std::string_view::npos) {
      special = true;
    } else {
      return violation(
          "The password may contain only letters without accents, digits and !@#$%^*().");
    }
  }
  if (!digit) return violation("The password must contain a digit.");
  if (!upper) return violation("The password must contain an upper-case letter.");
  if (!lower) return violation("The password must contain a lower-case letter.");
  if (!special) return violation("The password must contain one of !@#$%^*().");
  return {};
}

Result<std::string> HashPassword(const SecretString& password, const PasswordHashCost& cost) {
  uint8_t salt[kSaltSize];
  if (auto r = crypto::RandomBytes(salt, sizeof salt); !r) return Fail(r.error());
  auto hash = Scrypt(password, salt, cost);
  if (!hash) return Fail(hash.error());
  return "scrypt$" + std::to_string(cost.log2_n) + "$" + std::to_string(cost.r) + "$" +
         std::to_string(cost.p) + "$" + crypto::ToHex(salt) + "$" +
         crypto::ToHex(crypto::AsBytes(*hash));
}

Result<bool> VerifyPassword(const SecretString& password, std::string_view encoded) {
  auto parts = Split(encoded, '$');
  PasswordHashCost cost;
  if (parts.size() != 6 || parts[0] != "scrypt" || !ParseNumber(parts[1], cost.log2_n) ||
      !ParseNumber(parts[2], cost.r) || !ParseNumber(parts[3], cost.p)) {
    return Fail(Error::Parse("A stored password hash is damaged.", "password hash format"));
  }
  auto salt = crypto::FromHex(parts[4]);
  auto expected = crypto::FromHex(parts[5]);
  if (!salt || !expected || expected->size() != kHashSize) {
    return Fail(Error::Parse("A stored password hash is damaged.", "password hash hex"));
  }
  auto hash = Scrypt(password, *salt, cost);
  if (!hash) return Fail(hash.error());
  return crypto::EqualConstantTime(crypto::AsBytes(*hash), *expected);
}

}  // namespace kiosk::auth
