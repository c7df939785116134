#include "sync/client/client_certificate_probe.h"

#include <curl/curl.h>
#include <openssl/ssl.h>

#include <memory>

#include "sync/client/socket_wait.h"
#include "sync/client/transfer_errors.h"

namespace kiosk::sync {

namespace {

struct CurlDeleter {
  void operator()(CURL* curl) const { curl_easy_cleanup(curl); }
};

ClientCertificateProbe Verdict(ClientCertificateVerdict verdict, std::string detail) {
  return ClientCertificateProbe{verdict, std::move(detail)};
}

// A failure whose text names a certificate alert is the server's refusal; anything else says
// nothing about the certificate.
ClientCertificateProbe FromFailure(CURLcode code, const char* error) {
  std::string detail = std::string(curl_easy_strerror(code)) + ": " + error;
  return Verdict(IsCertificateAlert(error) ? ClientCertificateVerdict::kRefused
                                           : ClientCertificateVerdict::kUnknown,
                 std::move(detail));
}

// A session handed to the client means the server finished the handshake on its side, after
// judging the certificate (TLS 1.3: a NewSessionTicket; TLS 1.2: the session of the completed
// handshake). curl does not cache sessions here (see below), so this callback is the only one.
int SessionIndex() {
  static const int index = SSL_CTX_get_ex_new_index(0, nullptr, nullptr, nullptr, nullptr);
  return index;
}

int OnNewSession(SSL* ssl, SSL_SESSION* /*session*/) {
  auto* seen = static_cast<bool*>(SSL_CTX_get_ex_data(SSL_get_SSL_CTX(ssl), SessionIndex()));
  if (seen != nullptr) *seen = true;
  return 0;  // not kept
}

CURLcode OnSslContext(CURL* /*curl*/, void* context, void* seen) {
  auto* ctx = static_cast<SSL_CTX*>(context);
  SSL_CTX_set_ex_data(ctx, SessionIndex(), seen);
  SSL_CTX_set_session_cache_mode(ctx, SSL_SESS_CACHE_CLIENT | SSL_SESS_CACHE_NO_INTERNAL_STORE);
  SSL_CTX_sess_set_new_cb(ctx, OnNewSession);
  return CURLE_OK;
}

}  // namespace

ClientCertificateProbe ProbeClientCertificate(const CurlTransportOptions& options) {
  std::unique_ptr<CURL, CurlDeleter> handle(curl_easy_init());
  if (!handle) return Verdict(ClientCertificateVerdict::kUnknown, "curl_easy_init failed");
  CURL* curl = handle.get();
  char error[CURL_ERROR_SIZE] = {};
  std::string url = options.base_url + "/";
  curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
  ApplyConnectionOptions(curl, options, error);
  curl_easy_setopt(curl, CURLOPT_CONNECT_ONLY, 1L);
  // A fresh session: a resumed one would skip the certificate the probe is asking about.
  curl_easy_setopt(curl, CURLOPT_SSL_SESSIONID_CACHE, 0L);
  bool session_received = false;
  curl_easy_setopt(curl, CURLOPT_SSL_CTX_FUNCTION, OnSslContext);
  curl_easy_setopt(curl, CURLOPT_SSL_CTX_DATA, &session_received);
  CURLcode rc = curl_easy_perform(curl);
  if (rc != CURLE_OK) return FromFailure(rc, error);
  if (session_received) return Verdict(ClientCertificateVerdict::kAccepted, "session received");
  curl_socket_t socket = CURL_SOCKET_BAD;
  if (curl_easy_getinfo(curl, CURLINFO_ACTIVESOCKET, &socket) != CURLE_OK || socket == CURL_SOCKET_BAD) {
    return Verdict(ClientCertificateVerdict::kUnknown, "no socket");
  }
  auto deadline = std::chrono::steady_clock::now() + options.connect_timeout;
  for (;;) {
    char byte = 0;
    size_t received = 0;
    rc = curl_easy_recv(curl, &byte, 1, &received);
    if (rc == CURLE_OK) {
      return Verdict(ClientCertificateVerdict::kUnknown,
                     received == 0 ? "closed without an alert" : "unexpected data before a request");
    }
    if (rc != CURLE_AGAIN) return FromFailure(rc, error);
    // Reading processed whatever arrived, a session ticket included.
    if (session_received) return Verdict(ClientCertificateVerdict::kAccepted, "session ticket received");
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0 || WaitReadable(socket, left) != SocketWait::kReadable) {
      return Verdict(ClientCertificateVerdict::kUnknown, "no verdict from the server in time");
    }
  }
}

}  // namespace kiosk::sync
