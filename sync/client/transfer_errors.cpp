#include "sync/client/transfer_errors.h"

#include <nlohmann/json.hpp>

#include <string>

#include "kiosk/core/i18n.h"

namespace kiosk::sync {

namespace {

bool Contains(std::string_view text, std::string_view word) {
  return text.find(word) != std::string_view::npos;
}

Error NotRetriable(ErrorCode code, const char* key, std::string detail) {
  return Error(code, key, std::move(detail), Error::Retry::kNo);
}

}  // namespace

// During the handshake the server refuses our certificate with a TLS alert; curl reports it as
// a connect, send or receive error whose text names the alert.
bool IsCertificateAlert(std::string_view detail) {
  return Contains(detail, "alert") &&
         (Contains(detail, "certificate") || Contains(detail, "unknown ca") ||
          Contains(detail, "handshake failure") || Contains(detail, "access denied"));
}

Error CertificateRefused(std::string detail) {
  return NotRetriable(ErrorCode::kVerificationFailed,
                      N_("The central server refused the station certificate (expired, revoked or from another CA)."),
                      std::move(detail));
}

bool MayHideCertificateRefusal(CURLcode code, std::string_view detail) {
  switch (code) {
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_SEND_ERROR:
    case CURLE_RECV_ERROR:
    case CURLE_GOT_NOTHING:
      return !IsCertificateAlert(detail);
    default:
      return false;
  }
}

Error TransferError(CURLcode code, std::string_view detail) {
  std::string text = std::string(curl_easy_strerror(code)) +
                     (detail.empty() ? "" : std::string(": ") + std::string(detail));
  switch (code) {
    case CURLE_ABORTED_BY_CALLBACK:
      return Error(ErrorCode::kCancelled, N_("The upload was paused or stopped."), text);
    case CURLE_PEER_FAILED_VERIFICATION:
      return NotRetriable(ErrorCode::kVerificationFailed,
                          N_("The central server's certificate is not trusted: it was not issued by the pinned central CA."),
                          text);
    case CURLE_SSL_CACERT_BADFILE:
      return NotRetriable(ErrorCode::kInvalidArgument, N_("The pinned central CA file cannot be read."), text);
    case CURLE_SSL_CERTPROBLEM:
    case CURLE_SSL_ENGINE_NOTFOUND:
      return NotRetriable(ErrorCode::kInvalidArgument,
                          N_("The station certificate or key cannot be used. Run 'kiosk-cli station init' and import a certificate."),
                          text);
    case CURLE_URL_MALFORMAT:
    case CURLE_UNSUPPORTED_PROTOCOL:
      return NotRetriable(ErrorCode::kInvalidArgument, N_("The central server address is malformed."), text);
    case CURLE_OPERATION_TIMEDOUT:
      return Error(ErrorCode::kTimeout, N_("The central server did not answer in time."), text);
    case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_COULDNT_RESOLVE_PROXY:
    case CURLE_COULDNT_CONNECT:
      return Error(ErrorCode::kServiceUnavailable, N_("The central server cannot be reached."), text);
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_SEND_ERROR:
    case CURLE_RECV_ERROR:
      if (IsCertificateAlert(detail)) return CertificateRefused(text);
      return Error(ErrorCode::kNetwork, N_("The connection to the central server was interrupted."), text);
    default:
      return Error(ErrorCode::kNetwork, N_("The connection to the central server was interrupted."), text);
  }
}

Error HttpError(long status, std::string_view body) {
  std::string detail = "HTTP " + std::to_string(status);
  nlohmann::json json = nlohmann::json::parse(body, nullptr, false);
  if (json.is_object() && json.contains("message") && json["message"].is_string()) {
    detail += ": " + json["message"].get<std::string>();
  }
  if (status == 409) {
    return NotRetriable(ErrorCode::kConflict,
                        N_("The central server already holds a different record under this number."), detail);
  }
  if (status == 408 || status == 429 || status >= 500) {
    return Error(ErrorCode::kServiceUnavailable, N_("The central server is busy or failing; the upload will be retried."),
                 detail, Error::Retry::kYes);
  }
  if (status == 401 || status == 403) {
    return NotRetriable(ErrorCode::kVerificationFailed,
                        N_("The central server refused the packet's signature or the station's identity."), detail);
  }
  if (status == 404) return NotRetriable(ErrorCode::kNotFound, N_("The central server has no such record."), detail);
  if (status == 413) return NotRetriable(ErrorCode::kInvalidArgument, N_("The packet is too large for the central server."), detail);
  return NotRetriable(ErrorCode::kParse, N_("The central server refused the packet as malformed."), detail);
}

}  // namespace kiosk::sync
