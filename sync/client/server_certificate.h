#pragma once
// The central server's certificate that packets are encrypted to (CMS AuthEnvelopedData
// recipient). The station trusts it only when it chains to the pinned central CA
// (server.ca_file) for server use and is within its validity. Where it comes from:
//  1. <data_dir>/station/server.pem, when the technician placed it there or a previous fetch
//     cached it;
//  2. otherwise (or when that file no longer verifies) GET /v1/certificate from the server,
//     verified the same way before it is cached and used.
// A certificate from another CA is refused (kVerificationFailed, not retriable).

#include <filesystem>

#include "kiosk/core/result.h"
#include "sync/client/curl_transport.h"
#include "sync/packet/openssl_util.h"

namespace kiosk::sync {

// Chains `cert` to `central_ca` with the serverAuth purpose at the current time.
Result<void> VerifyServerCertificate(X509* cert, X509_STORE* central_ca);

// `transport` may be null (offline): then only the cached file is considered.
Result<X509Ptr> LoadServerCertificate(const std::filesystem::path& data_dir,
                                      const std::filesystem::path& ca_file,
                                      CurlTransport* transport);

}  // namespace kiosk::sync
