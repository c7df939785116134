#include "kiosk/crypto/station_key.h"

#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include "kiosk/crypto/secret_file.h"

namespace kiosk::crypto {
namespace {

Error KeyError(std::string detail) {
  ERR_clear_error();
  return Error(ErrorCode::kCrypto, "The station key cannot be used.", std::move(detail));
}

struct BioFree {
  void operator()(BIO* bio) const { BIO_free(bio); }
};
struct MdCtxFree {
  void operator()(EVP_MD_CTX* ctx) const { EVP_MD_CTX_free(ctx); }
};

}  // namespace

struct StationKey::Impl {
  EVP_PKEY* key = nullptr;
  ~Impl() { EVP_PKEY_free(key); }
};

StationKey::StationKey(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
StationKey::StationKey(StationKey&&) noexcept = default;
StationKey& StationKey::operator=(StationKey&&) noexcept = default;
StationKey::~StationKey() = default;

std::filesystem::path StationKey::DefaultPath(const std::filesystem::path& data_dir) {
  return data_dir / "keys" / "station-key.pem";
}

Result<StationKey> StationKey::Generate() {
  auto impl = std::make_unique<Impl>();
  impl->key = EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-256");
  if (impl->key == nullptr) return Fail(KeyError("EC P-256 key generation"));
  return StationKey(std::move(impl));
}

Result<StationKey> StationKey::Load(const std::filesystem::path& file) {
  auto pem = ReadSecretFile(file);
  if (!pem) return Fail(pem.error());
  std::unique_ptr<BIO, BioFree> bio(BIO_new_mem_buf(pem->data(), static_cast<int>(pem->size())));
  auto impl = std::make_unique<Impl>();
  impl->key = PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, nullptr);
  if (impl->key == nullptr || !EVP_PKEY_is_a(impl->key, "EC")) {
    return Fail(KeyError("not an EC private key: " + file.string()));
  }
  return StationKey(std::move(impl));
}

Result<StationKey> StationKey::LoadOrCreate(const std::filesystem::path& file) {
  auto loaded = Load(file);
  if (loaded || loaded.error().code() != ErrorCode::kNotFound) return loaded;
  auto generated = Generate();
  if (!generated) return generated;
  std::unique_ptr<BIO, BioFree> bio(BIO_new(BIO_s_secmem()));
  if (!PEM_write_bio_PrivateKey(bio.get(), generated->impl_->key, nullptr, nullptr, 0, nullptr,
                                nullptr)) {
    return Fail(KeyError("PEM encoding"));
  }
  char* data = nullptr;
  long size = BIO_get_mem_data(bio.get(), &data);
  SecretBytes pem(reinterpret_cast<const uint8_t*>(data), static_cast<size_t>(size));
  if (auto w = WriteSecretFile(file, pem); !w) return Fail(w.error());
  return generated;
}

Result<Bytes> StationKey::Sign(std::span<const uint8_t> data) const {
  std::unique_ptr<EVP_MD_CTX, MdCtxFree> ctx(EVP_MD_CTX_new());
  size_t size = 0;
  if (!ctx || EVP_DigestSignInit(ctx.get(), nullptr, EVP_sha256(), nullptr, impl_->key) != 1 ||
      EVP_DigestSign(ctx.get(), nullptr, &size, data.data(), data.size()) != 1) {
    return Fail(KeyError("ECDSA sign init"));
  }
  Bytes signature(size);
  if (EVP_DigestSign(ctx.get(), signature.data(), &size, data.data(), data.size()) != 1) {
    return Fail(KeyError("ECDSA sign"));
  }
  signature.resize(size);
  return signature;
}

Result<void> StationKey::Verify(std::span<const uint8_t> data,
                                std::span<const uint8_t> signature) const {
  std::unique_ptr<EVP_MD_CTX, MdCtxFree> ctx(EVP_MD_CTX_new());
  if (!ctx || EVP_DigestVerifyInit(ctx.get(), nullptr, EVP_sha256(), nullptr, impl_->key) != 1) {
    return Fail(KeyError("ECDSA verify init"));
  }
  if (EVP_DigestVerify(ctx.get(), signature.data(), signature.size(), data.data(), data.size()) !=
      1) {
    ERR_clear_error();
    return Fail(Error(ErrorCode::kVerificationFailed,
                      "A station signature does not verify.", "ECDSA verify"));
  }
  return {};
}

Bytes StationKey::PublicKeyDer() const {
  int size = i2d_PUBKEY(impl_->key, nullptr);
  if (size <= 0) return {};
  Bytes der(static_cast<size_t>(size));
  uint8_t* p = der.data();
  i2d_PUBKEY(impl_->key, &p);
  return der;
}

}  // namespace kiosk::crypto
