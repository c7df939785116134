#include "sync/packet/openssl_util.h"

#include <fcntl.h>
#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/sha.h>
#include <openssl/x509v3.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <sstream>

#include "kiosk/core/i18n.h"

namespace kiosk::sync {

std::string OpenSslErrors() {
  std::string out;
  unsigned long code = 0;
  char buffer[256];
  while ((code = ERR_get_error()) != 0) {
    ERR_error_string_n(code, buffer, sizeof buffer);
    if (!out.empty()) out += "; ";
    out += buffer;
  }
  return out;
}

Error OpenSslFailure(ErrorCode code, std::string message_key) {
  return Error(code, std::move(message_key), OpenSslErrors());
}

Result<std::string> ReadTextFile(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return Fail(Error::Io(N_("Cannot read the file {0}."), file.string()).WithArg(file.string()));
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

Result<std::vector<uint8_t>> ReadBinaryFile(const std::filesystem::path& file) {
  auto text = ReadTextFile(file);
  if (!text) return Fail(text.error());
  return std::vector<uint8_t>(text->begin(), text->end());
}

Result<void> WriteFileAtomic(const std::filesystem::path& file, std::string_view content,
                             bool private_file) {
  std::filesystem::path temp = file;
  temp += ".tmp";
  int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC,
                  private_file ? 0600 : 0644);
  if (fd < 0) return Fail(Error::Io(N_("Cannot write the file {0}."), file.string()).WithArg(file.string()));
  if (private_file) ::fchmod(fd, 0600);  // an older temporary file may have had wider rights
  size_t done = 0;
  while (done < content.size()) {
    ssize_t n = ::write(fd, content.data() + done, content.size() - done);
    if (n <= 0) {
      ::close(fd);
      return Fail(Error::Io(N_("Cannot write the file {0}."), file.string()).WithArg(file.string()));
    }
    done += static_cast<size_t>(n);
  }
  bool synced = ::fsync(fd) == 0;
  ::close(fd);
  if (!synced || std::rename(temp.c_str(), file.c_str()) != 0) {
    return Fail(Error::Io(N_("Cannot write the file {0}."), file.string()).WithArg(file.string()));
  }
  return {};
}

Result<X509Ptr> ParseCertificatePem(std::string_view pem) {
  BioPtr bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
  X509Ptr cert(PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr));
  if (!cert) return Fail(OpenSslFailure(ErrorCode::kParse, N_("The certificate cannot be read.")));
  return cert;
}

Result<X509Ptr> LoadCertificate(const std::filesystem::path& pem_file) {
  auto text = ReadTextFile(pem_file);
  if (!text) return Fail(text.error());
  return ParseCertificatePem(*text);
}

Result<PKeyPtr> LoadPrivateKey(const std::filesystem::path& pem_file) {
  auto text = ReadTextFile(pem_file);
  if (!text) return Fail(text.error());
  SecretString pem(*text);
  SecureWipe(text->data(), text->size());
  BioPtr bio(BIO_new_mem_buf(pem.view().data(), static_cast<int>(pem.size())));
  PKeyPtr key(PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, nullptr));
  if (!key) return Fail(OpenSslFailure(ErrorCode::kParse, N_("The private key cannot be read.")));
  return key;
}

Result<Credentials> LoadCredentials(const std::filesystem::path& cert_file,
                                    const std::filesystem::path& key_file) {
  auto cert = LoadCertificate(cert_file);
  if (!cert) return Fail(cert.error());
  auto key = LoadPrivateKey(key_file);
  if (!key) return Fail(key.error());
  if (!KeyMatchesCertificate(cert->get(), key->get())) {
    return Fail(Error(ErrorCode::kInvalidArgument,
                      N_("The certificate does not belong to this station's key.")));
  }
  return Credentials{std::move(*cert), std::move(*key)};
}

Result<StorePtr> LoadTrustStore(const std::filesystem::path& ca_file) {
  auto text = ReadTextFile(ca_file);
  if (!text) return Fail(text.error());
  StorePtr store(X509_STORE_new());
  // CMS_verify would otherwise demand the S/MIME signing purpose; VerifyCms checks the
  // extended key usage that fits each message itself.
  X509_STORE_set_purpose(store.get(), X509_PURPOSE_ANY);
  BioPtr bio(BIO_new_mem_buf(text->data(), static_cast<int>(text->size())));
  int count = 0;
  while (X509* cert = PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr)) {
    X509_STORE_add_cert(store.get(), cert);
    X509_free(cert);
    count++;
  }
  ERR_clear_error();  // the loop ends on "no start line"
  if (count == 0) return Fail(Error::Parse(N_("The CA file holds no certificate."), ca_file.string()));
  return store;
}

std::string CertificateToPem(X509* cert) {
  BioPtr bio(BIO_new(BIO_s_mem()));
  PEM_write_bio_X509(bio.get(), cert);
  char* data = nullptr;
  long size = BIO_get_mem_data(bio.get(), &data);
  return std::string(data, static_cast<size_t>(size));
}

SecretString PrivateKeyToPem(EVP_PKEY* key) {
  BioPtr bio(BIO_new(BIO_s_secmem()));
  PEM_write_bio_PrivateKey(bio.get(), key, nullptr, nullptr, 0, nullptr, nullptr);
  char* data = nullptr;
  long size = BIO_get_mem_data(bio.get(), &data);
  return SecretString(std::string_view(data, static_cast<size_t>(size)));
}

std::string CommonName(X509* cert) {
  X509_NAME* name = X509_get_subject_name(cert);
  char buffer[256] = {};
  if (X509_NAME_get_text_by_NID(name, NID_commonName, buffer, sizeof buffer) < 0) return {};
  return buffer;
}

bool KeyMatchesCertificate(X509* cert, EVP_PKEY* key) {
  EVP_PKEY* cert_key = X509_get0_pubkey(cert);
  bool match = cert_key != nullptr && EVP_PKEY_eq(cert_key, key) == 1;
  ERR_clear_error();
  return match;
}

Result<PKeyPtr> GenerateEcKey() {
  PKeyPtr key(EVP_EC_gen("P-256"));
  if (!key) return Fail(OpenSslFailure(ErrorCode::kCrypto, N_("Cannot create a key pair.")));
  return key;
}

std::string Sha256Hex(const uint8_t* data, size_t size) {
  uint8_t digest[SHA256_DIGEST_LENGTH];
  SHA256(data, size, digest);
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(2 * sizeof digest);
  for (uint8_t byte : digest) {
    out.push_back(kHex[byte >> 4]);
    out.push_back(kHex[byte & 0x0f]);
  }
  return out;
}

std::string Base64Encode(const uint8_t* data, size_t size) {
  std::string out(4 * ((size + 2) / 3) + 1, '\0');
  int n = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()), data, static_cast<int>(size));
  out.resize(static_cast<size_t>(n));
  return out;
}

Result<std::vector<uint8_t>> Base64Decode(std::string_view text) {
  if (text.size() % 4 != 0) return Fail(Error::Parse(N_("Malformed base64 data.")));
  std::vector<uint8_t> out(3 * text.size() / 4 + 1);
  int n = EVP_DecodeBlock(out.data(), reinterpret_cast<const unsigned char*>(text.data()),
                          static_cast<int>(text.size()));
  if (n < 0) return Fail(Error::Parse(N_("Malformed base64 data.")));
  size_t size = static_cast<size_t>(n);
  // EVP_DecodeBlock counts the padding as zero bytes.
  if (!text.empty() && text.back() == '=') size--;
  if (text.size() >= 2 && text[text.size() - 2] == '=') size--;
  out.resize(size);
  return out;
}

}  // namespace kiosk::sync
