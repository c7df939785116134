#include "sync/client/station_identity.h"

#include <openssl/x509v3.h>
#include <sys/stat.h>

#include "kiosk/core/i18n.h"
#include "kiosk/crypto/station_key.h"
#include "kiosk/store/store.h"
#include "sync/packet/openssl_util.h"
#include "sync/packet/packet.h"
#include "sync/packet/receipt.h"
#include "sync/server/pki.h"

namespace kiosk::sync {

StationFiles StationFilesIn(const std::filesystem::path& data_dir) {
  std::filesystem::path dir = data_dir / "station";
  return {dir,
          crypto::StationKey::DefaultPath(data_dir),
          dir / "station.csr",
          dir / "station.pem",
          dir / "server.pem",
          dir / "station.key"};
}

namespace {

Result<void> MakePrivateDir(const std::filesystem::path& dir) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) return Fail(Error::Io(N_("Cannot create the folder {0}."), ec.message()).WithArg(dir.string()));
  ::chmod(dir.c_str(), 0700);
  return {};
}

}  // namespace

Result<std::string> MigrateLegacyKey(const std::filesystem::path& data_dir) {
  StationFiles files = StationFilesIn(data_dir);
  std::error_code ec;
  if (!std::filesystem::exists(files.legacy_key, ec)) return std::string();
  auto legacy = LoadPrivateKey(files.legacy_key);
  if (!legacy) return Fail(legacy.error());
  if (!std::filesystem::exists(files.key, ec)) {
    if (auto made = MakePrivateDir(files.key.parent_path()); !made) return Fail(made.error());
    std::filesystem::rename(files.legacy_key, files.key, ec);
    if (ec) return Fail(Error::Io(N_("Cannot move the station key."), ec.message()));
    return std::string("the sync key became the station key");
  }
  auto current = LoadPrivateKey(files.key);
  if (!current) return Fail(current.error());
  if (EVP_PKEY_eq(legacy->get(), current->get()) == 1) {
    std::filesystem::remove(files.legacy_key, ec);
    return std::string("duplicate sync key removed");
  }
  std::filesystem::rename(files.legacy_key, files.dir / "station.key.retired", ec);
  if (ec) return Fail(Error::Io(N_("Cannot move the station key."), ec.message()));
  auto cert = LoadCertificate(files.certificate);
  if (cert && KeyMatchesCertificate(cert->get(), legacy->get())) {
    std::filesystem::rename(files.certificate, files.dir / "station.pem.retired", ec);
    return std::string("the separate sync key was retired with its certificate: provision the station again");
  }
  return std::string("the separate sync key was retired");
}

bool CertificateMatchesStationKey(const std::filesystem::path& data_dir) {
  StationFiles files = StationFilesIn(data_dir);
  auto cert = LoadCertificate(files.certificate);
  auto key = cert ? LoadPrivateKey(files.key) : Result<PKeyPtr>(Fail(cert.error()));
  return cert && key && KeyMatchesCertificate(cert->get(), key->get());
}

Result<StationInitResult> InitStation(const std::filesystem::path& data_dir,
                                      const std::string& station_id, bool replace) {
  if (!IsValidPacketId(station_id)) {
    return Fail(Error::InvalidArgument(N_("The station id may hold only letters, digits, '-', '_' and '.'.")));
  }
  StationFiles files = StationFilesIn(data_dir);
  if (auto made = MakePrivateDir(files.dir); !made) return Fail(made.error());
  if (auto migrated = MigrateLegacyKey(data_dir); !migrated) return Fail(migrated.error());
  std::error_code ec;
  const bool has_key = std::filesystem::exists(files.key, ec);
  if (has_key && replace && std::filesystem::exists(store::Store::DatabasePath(data_dir), ec)) {
    return Fail(Error(ErrorCode::kPolicyViolation,
                      N_("The station key signs the records in this station's store; it cannot be replaced.")));
  }
  PKeyPtr key;
  if (has_key && !replace) {
    auto loaded = LoadPrivateKey(files.key);
    if (!loaded) return Fail(loaded.error());
    key = std::move(*loaded);
  } else {
    auto generated = GenerateEcKey();
    if (!generated) return Fail(generated.error());
    key = std::move(*generated);
    if (auto made = MakePrivateDir(files.key.parent_path()); !made) return Fail(made.error());
    auto written = WriteFileAtomic(files.key, PrivateKeyToPem(key.get()).view(), true);
    if (!written) return Fail(written.error());
  }
  auto csr = pki::CreateCsrPem(key.get(), station_id);
  if (!csr) return Fail(csr.error());
  auto written = WriteFileAtomic(files.csr, *csr);
  if (!written) return Fail(written.error());
  // A certificate of another key (after --replace) would only fail at the TLS handshake.
  if (!CertificateMatchesStationKey(data_dir)) std::filesystem::remove(files.certificate, ec);
  return StationInitResult{files.csr, *csr};
}

Result<StationCertificateInfo> ImportStationCertificate(const std::filesystem::path& data_dir,
                                                        const std::filesystem::path& cert_file,
                                                        const std::filesystem::path& ca_file) {
  StationFiles files = StationFilesIn(data_dir);
  if (auto migrated = MigrateLegacyKey(data_dir); !migrated) return Fail(migrated.error());
  auto cert = LoadCertificate(cert_file);
  if (!cert) return Fail(cert.error());
  auto key = LoadPrivateKey(files.key);
  if (!key) {
    return Fail(Error(ErrorCode::kNotFound, N_("The station has no key yet. Run 'kiosk-cli station init' first."),
                      key.error().detail()));
  }
  if (!KeyMatchesCertificate(cert->get(), key->get())) {
    return Fail(Error(ErrorCode::kInvalidArgument,
                      N_("The certificate does not belong to this station's key.")));
  }
  if ((X509_get_extended_key_usage(cert->get()) & XKU_SSL_CLIENT) == 0) {
    return Fail(Error(ErrorCode::kInvalidArgument, N_("The certificate is not a station certificate.")));
  }
  if (X509_cmp_current_time(X509_get0_notAfter(cert->get())) < 0) {
    return Fail(Error(ErrorCode::kVerificationFailed, N_("The station certificate has expired. Request a new one from the central CA.")));
  }
  if (!ca_file.empty()) {
    auto store = LoadTrustStore(ca_file);
    if (!store) return Fail(store.error());
    X509_STORE_CTX* ctx = X509_STORE_CTX_new();
    X509_STORE_CTX_init(ctx, store->get(), cert->get(), nullptr);
    bool chains = X509_verify_cert(ctx) == 1;
    std::string why = chains ? "" : X509_verify_cert_error_string(X509_STORE_CTX_get_error(ctx));
    X509_STORE_CTX_free(ctx);
    if (!chains) {
      return Fail(Error(ErrorCode::kVerificationFailed,
                        N_("The certificate was not issued by the configured central CA."), why));
    }
  }
  auto written = WriteFileAtomic(files.certificate, CertificateToPem(cert->get()));
  if (!written) return Fail(written.error());
  StationCertificateInfo info;
  info.station_id = CommonName(cert->get());
  struct tm parts {};
  ASN1_TIME_to_tm(X509_get0_notAfter(cert->get()), &parts);
  info.not_after = IsoUtc(std::chrono::system_clock::from_time_t(timegm(&parts)));
  return info;
}

}  // namespace kiosk::sync
