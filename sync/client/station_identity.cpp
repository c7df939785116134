#include "sync/client/station_identity.h"

#include <openssl/x509v3.h>
#include <sys/stat.h>

#include "kiosk/core/i18n.h"
#include "sync/packet/openssl_util.h"
#include "sync/packet/packet.h"
#include "sync/packet/receipt.h"
#include "sync/server/pki.h"

namespace kiosk::sync {

StationFiles StationFilesIn(const std::filesystem::path& data_dir) {
  std::filesystem::path dir = data_dir / "station";
  return {dir, dir / "station.key", dir / "station.csr", dir / "station.pem"};
}

Result<StationInitResult> InitStation(const std::filesystem::path& data_dir,
                                      const std::string& station_id, bool replace) {
  if (!IsValidPacketId(station_id)) {
    return Fail(Error::InvalidArgument(N_("The station id may hold only letters, digits, '-', '_' and '.'.")));
  }
  StationFiles files = StationFilesIn(data_dir);
  std::error_code ec;
  std::filesystem::create_directories(files.dir, ec);
  ::chmod(files.dir.c_str(), 0700);
  if (ec) return Fail(Error::Io(N_("Cannot create the folder {0}."), ec.message()).WithArg(files.dir.string()));
  if (std::filesystem::exists(files.key) && !replace) {
    return Fail(Error(ErrorCode::kAlreadyExists,
                      N_("The station already has a key. Use --replace to create a new one (the old certificate stops working).")));
  }
  auto key = GenerateEcKey();
  if (!key) return Fail(key.error());
  auto csr = pki::CreateCsrPem(key->get(), station_id);
  if (!csr) return Fail(csr.error());
  auto written = WriteFileAtomic(files.key, PrivateKeyToPem(key->get()).view(), true);
  if (!written) return Fail(written.error());
  written = WriteFileAtomic(files.csr, *csr);
  if (!written) return Fail(written.error());
  std::filesystem::remove(files.certificate, ec);  // belongs to the old key, if any
  return StationInitResult{files.csr, *csr};
}

Result<StationCertificateInfo> ImportStationCertificate(const std::filesystem::path& data_dir,
                                                        const std::filesystem::path& cert_file,
                                                        const std::filesystem::path& ca_file) {
  StationFiles files = StationFilesIn(data_dir);
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
