#include "sync/client/curl_transport.h"

#include <curl/curl.h>

#include <algorithm>
#include <cstring>

#include "kiosk/core/i18n.h"
#include "sync/client/client_certificate_probe.h"
#include "sync/client/station_identity.h"
#include "sync/client/transfer_errors.h"
#include "sync/packet/cms.h"
#include "sync/packet/receipt.h"

namespace kiosk::sync {

namespace {

constexpr size_t kMaxResponseBytes = 16 << 20;  // a trust update carries a CSCA master list

struct UploadState {
  const std::vector<uint8_t>* body = nullptr;
  size_t offset = 0;
  const UploadProgress* progress = nullptr;
  std::string response;
  bool response_too_large = false;
};

size_t ReadBody(char* buffer, size_t size, size_t count, void* user) {
  auto* state = static_cast<UploadState*>(user);
  size_t left = state->body->size() - state->offset;
  size_t n = std::min(left, size * count);
  if (n > 0) std::memcpy(buffer, state->body->data() + state->offset, n);
  state->offset += n;
  return n;
}

size_t WriteResponse(char* data, size_t size, size_t count, void* user) {
  auto* state = static_cast<UploadState*>(user);
  if (state->response.size() + size * count > kMaxResponseBytes) {
    state->response_too_large = true;
    return 0;
  }
  state->response.append(data, size * count);
  return size * count;
}

int OnProgress(void* user, curl_off_t, curl_off_t, curl_off_t upload_total, curl_off_t uploaded) {
  auto* state = static_cast<UploadState*>(user);
  if (state->progress == nullptr || !*state->progress) return 0;
  return (*state->progress)(static_cast<uint64_t>(uploaded), static_cast<uint64_t>(upload_total)) ? 0 : 1;
}

std::string TrimSlash(std::string url) {
  while (!url.empty() && url.back() == '/') url.pop_back();
  return url;
}

Error BadAnswer(std::string detail) {
  return Error(ErrorCode::kParse, N_("The central server's answer is malformed."), std::move(detail),
               Error::Retry::kYes);
}

}  // namespace

void ApplyConnectionOptions(void* handle, const CurlTransportOptions& options, char* error_buffer) {
  auto* curl = static_cast<CURL*>(handle);
  curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "https");
  curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, error_buffer);
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(curl, CURLOPT_SSLVERSION, CURL_SSLVERSION_TLSv1_2);
  curl_easy_setopt(curl, CURLOPT_CAINFO, options.ca_file.c_str());
  curl_easy_setopt(curl, CURLOPT_CAPATH, nullptr);  // the pinned CA only, not the system store
  curl_easy_setopt(curl, CURLOPT_SSLCERT, options.cert_file.c_str());
  curl_easy_setopt(curl, CURLOPT_SSLKEY, options.key_file.c_str());
  curl_easy_setopt(curl, CURLOPT_PROXY, options.proxy.c_str());  // "" disables env proxies
  curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(options.connect_timeout.count()));
}

CurlTransportOptions TransportOptionsFromConfig(const Config& config) {
  CurlTransportOptions options;
  StationFiles files = StationFilesIn(config.data_dir);
  options.base_url = config.server.url;
  options.ca_file = config.server.ca_file;
  options.cert_file = files.certificate;
  options.key_file = files.key;
  options.proxy = config.server.proxy;
  options.request_timeout = std::chrono::seconds(std::max(config.server.timeout_seconds, 1) * 4);
  options.stall_timeout = std::chrono::seconds(std::max(config.server.timeout_seconds, 1));
  return options;
}

Result<std::unique_ptr<CurlTransport>> CurlTransport::Create(CurlTransportOptions options) {
  static const CURLcode global = curl_global_init(CURL_GLOBAL_DEFAULT);
  if (global != CURLE_OK) return Fail(Error::Internal("curl_global_init failed"));
  if (options.base_url.empty()) {
    return Fail(Error(ErrorCode::kInvalidArgument,
                      N_("No central server is configured (server.url).")));
  }
  options.base_url = TrimSlash(options.base_url);
  std::unique_ptr<CurlTransport> transport(new CurlTransport(std::move(options)));
  auto ca = LoadTrustStore(transport->options_.ca_file);
  if (!ca) return Fail(std::move(ca.error()).WithContext("central CA"));
  transport->central_ca_ = std::move(*ca);
  auto cert = LoadCertificate(transport->options_.cert_file);
  if (!cert) {
    return Fail(Error(ErrorCode::kInvalidArgument,
                      N_("The station has no certificate yet. Run 'kiosk-cli station init' and 'station import-cert'."),
                      cert.error().detail()));
  }
  transport->own_certificate_ = std::move(*cert);
  transport->curl_ = curl_easy_init();
  if (transport->curl_ == nullptr) return Fail(Error::Internal("curl_easy_init failed"));
  return transport;
}

CurlTransport::~CurlTransport() {
  if (curl_ != nullptr) curl_easy_cleanup(static_cast<CURL*>(curl_));
}

Result<void> CurlTransport::CheckOwnCertificate() const {
  if (!options_.check_own_certificate) return {};
  if (X509_cmp_current_time(X509_get0_notAfter(own_certificate_.get())) < 0) {
    return Fail(Error(ErrorCode::kVerificationFailed,
                      N_("The station certificate has expired. Request a new one from the central CA."),
                      {}, Error::Retry::kNo));
  }
  return {};
}

Result<CurlTransport::Response> CurlTransport::Perform(const std::string& method,
                                                      const std::string& path,
                                                      const std::vector<uint8_t>* body,
                                                      const UploadProgress* progress) {
  std::lock_guard lock(mutex_);
  auto* curl = static_cast<CURL*>(curl_);
  curl_easy_reset(curl);  // keeps the connection cache: the next request reuses the TLS session
  UploadState state;
  state.body = body;
  state.progress = progress;
  char error[CURL_ERROR_SIZE] = {};
  std::string url = options_.base_url + path;
  curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
  ApplyConnectionOptions(curl, options_, error);
  curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, static_cast<long>(options_.request_timeout.count()));
  curl_easy_setopt(curl, CURLOPT_LOW_SPEED_LIMIT, 1L);
  curl_easy_setopt(curl, CURLOPT_LOW_SPEED_TIME, static_cast<long>(options_.stall_timeout.count()));
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, WriteResponse);
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, &state);
  curl_easy_setopt(curl, CURLOPT_XFERINFOFUNCTION, OnProgress);
  curl_easy_setopt(curl, CURLOPT_XFERINFODATA, &state);
  curl_easy_setopt(curl, CURLOPT_NOPROGRESS, 0L);
  curl_slist* headers = nullptr;
  headers = curl_slist_append(headers, "Accept: application/json");
  if (method == "PUT") {
    // Without "Expect:" curl waits up to a second for "100 Continue" before a large body.
    headers = curl_slist_append(headers, "Expect:");
    headers = curl_slist_append(headers, "Content-Type: application/pkcs7-mime; smime-type=enveloped-data");
    curl_easy_setopt(curl, CURLOPT_UPLOAD, 1L);
    curl_easy_setopt(curl, CURLOPT_READFUNCTION, ReadBody);
    curl_easy_setopt(curl, CURLOPT_READDATA, &state);
    curl_easy_setopt(curl, CURLOPT_INFILESIZE_LARGE, static_cast<curl_off_t>(body->size()));
  }
  curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
  CURLcode rc = curl_easy_perform(curl);
  curl_slist_free_all(headers);
  if (rc != CURLE_OK) {
    if (state.response_too_large) return Fail(BadAnswer("response too large"));
    if (MayHideCertificateRefusal(rc, error)) {
      ClientCertificateProbe probe = ProbeClientCertificate(options_);
      if (probe.verdict == ClientCertificateVerdict::kRefused) {
        return Fail(CertificateRefused(std::string(curl_easy_strerror(rc)) + ": " + error +
                                       "; probe: " + probe.detail));
      }
    }
    return Fail(TransferError(rc, error));
  }
  Response response;
  curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &response.status);
  response.body = std::move(state.response);
  return response;
}

Result<UploadReceipt> CurlTransport::Upload(const std::string& packet_id,
                                            const std::vector<uint8_t>& packet,
                                            const UploadProgress& progress) {
  auto own = CheckOwnCertificate();
  if (!own) return Fail(own.error());
  auto response = Perform("PUT", "/v1/packets/" + packet_id, &packet, &progress);
  if (!response) return Fail(response.error());
  if (response->status != 200 && response->status != 201) {
    return Fail(HttpError(response->status, response->body));
  }
  auto answer = ParseUploadAnswer(response->body);
  if (!answer) return Fail(answer.error());
  auto content = VerifyReceipt(answer->receipt_der, central_ca_.get());
  if (!content) return Fail(Error(ErrorCode::kVerificationFailed,
                                  N_("The central server's receipt does not verify."),
                                  content.error().ToLogString(), Error::Retry::kNo));
  if (content->packet_id != packet_id) {
    return Fail(Error(ErrorCode::kVerificationFailed, N_("The central server's receipt is for another record."),
                      {}, Error::Retry::kNo));
  }
  UploadReceipt receipt;
  receipt.packet_id = content->packet_id;
  receipt.content_hash = content->content_hash;
  receipt.received_at = content->received_at;
  receipt.duplicate = answer->duplicate;
  receipt.signed_receipt = std::move(answer->receipt_der);
  return receipt;
}

Result<StatusPage> CurlTransport::PullStatus(const std::string& cursor) {
  auto own = CheckOwnCertificate();
  if (!own) return Fail(own.error());
  std::string path = "/v1/status";
  if (!cursor.empty()) {
    // The cursor is the server's own opaque token; only digits are expected and sent.
    if (cursor.find_first_not_of("0123456789") != std::string::npos) {
      return Fail(Error::InvalidArgument(N_("The status cursor is malformed.")));
    }
    path += "?since=" + cursor;
  }
  auto response = Perform("GET", path, nullptr, nullptr);
  if (!response) return Fail(response.error());
  if (response->status != 200) return Fail(HttpError(response->status, response->body));
  return ParseStatusPage(response->body);
}

Result<PacketStatus> CurlTransport::FetchStatus(const std::string& packet_id) {
  auto response = Perform("GET", "/v1/packets/" + packet_id, nullptr, nullptr);
  if (!response) return Fail(response.error());
  if (response->status != 200) return Fail(HttpError(response->status, response->body));
  return ParsePacketStatus(response->body);
}

Result<void> CurlTransport::Health() {
  auto response = Perform("GET", "/v1/health", nullptr, nullptr);
  if (!response) return Fail(response.error());
  if (response->status != 200) return Fail(HttpError(response->status, response->body));
  return {};
}

Result<std::vector<uint8_t>> CurlTransport::FetchTrustUpdate() {
  auto response = Perform("GET", "/v1/trust", nullptr, nullptr);
  if (!response) return Fail(response.error());
  if (response->status != 200) return Fail(HttpError(response->status, response->body));
  std::vector<uint8_t> der(response->body.begin(), response->body.end());
  auto verified = VerifyCms(der, central_ca_.get(), SignerRole::kServer);
  if (!verified) {
    return Fail(Error(ErrorCode::kVerificationFailed,
                      N_("The trust update is not signed by the central server; it was not used."),
                      verified.error().ToLogString(), Error::Retry::kNo));
  }
  return std::vector<uint8_t>(verified->content.data(),
                              verified->content.data() + verified->content.size());
}

Result<X509Ptr> CurlTransport::FetchServerCertificate() {
  auto response = Perform("GET", "/v1/certificate", nullptr, nullptr);
  if (!response) return Fail(response.error());
  if (response->status != 200) return Fail(HttpError(response->status, response->body));
  return ParseCertificateAnswer(response->body);
}

}  // namespace kiosk::sync
