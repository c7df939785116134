#include "sync/client/server_certificate.h"

#include <openssl/x509_vfy.h>
#include <openssl/x509v3.h>

#include "kiosk/core/i18n.h"
#include "kiosk/core/log.h"
#include "sync/client/station_identity.h"

namespace kiosk::sync {

Result<void> VerifyServerCertificate(X509* cert, X509_STORE* central_ca) {
  X509_STORE_CTX* ctx = X509_STORE_CTX_new();
  if (ctx == nullptr) return Fail(Error::Internal("X509_STORE_CTX_new failed"));
  X509_STORE_CTX_init(ctx, central_ca, cert, nullptr);
  X509_STORE_CTX_set_purpose(ctx, X509_PURPOSE_SSL_SERVER);
  const bool chains = X509_verify_cert(ctx) == 1;
  std::string why = chains ? "" : X509_verify_cert_error_string(X509_STORE_CTX_get_error(ctx));
  X509_STORE_CTX_free(ctx);
  if (!chains) {
    return Fail(Error(ErrorCode::kVerificationFailed,
                      N_("The central server's certificate was not issued by the central CA; nothing was encrypted to it."),
                      why, Error::Retry::kNo));
  }
  return {};
}

Result<X509Ptr> LoadServerCertificate(const std::filesystem::path& data_dir,
                                      const std::filesystem::path& ca_file,
                                      CurlTransport* transport) {
  auto ca = LoadTrustStore(ca_file);
  if (!ca) return Fail(std::move(ca.error()).WithContext("central CA"));
  StationFiles files = StationFilesIn(data_dir);
  std::error_code ec;
  std::optional<Error> cached_problem;
  if (std::filesystem::exists(files.server_certificate, ec)) {
    auto cached = LoadCertificate(files.server_certificate);
    if (cached) {
      auto verified = VerifyServerCertificate(cached->get(), ca->get());
      if (verified) return std::move(*cached);
      cached_problem = verified.error();
    } else {
      cached_problem = cached.error();
    }
    spdlog::warn("sync: cached server certificate not usable: {}", cached_problem->ToLogString());
  }
  if (transport == nullptr) {
    if (cached_problem) return Fail(*cached_problem);
    return Fail(Error(ErrorCode::kNotFound, N_("The central server's certificate is not known yet."),
                      {}, Error::Retry::kYes));
  }
  auto fetched = transport->FetchServerCertificate();
  if (!fetched) return Fail(fetched.error());
  if (auto verified = VerifyServerCertificate(fetched->get(), ca->get()); !verified) {
    return Fail(verified.error());
  }
  // Only a verified certificate is cached: the next start works offline.
  if (auto written = WriteFileAtomic(files.server_certificate, CertificateToPem(fetched->get()));
      !written) {
    spdlog::warn("sync: server certificate not cached: {}", written.error().ToLogString());
  }
  return std::move(*fetched);
}

}  // namespace kiosk::sync
