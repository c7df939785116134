#include "sync/server_probe.h"

#include <curl/curl.h>

#include "kiosk/core/i18n.h"

namespace kiosk::sync {

std::vector<diag::Check> ProbeServer(const Config& config) {
  using diag::Status;
  if (config.server.url.empty()) return {};  // CheckConfig already says "not provisioned"
  CURL* curl = curl_easy_init();
  if (curl == nullptr) return {{"server", config.server.url, Status::kError, N_("Cannot start the network client."), {}}};
  char error[CURL_ERROR_SIZE] = {};
  curl_easy_setopt(curl, CURLOPT_URL, config.server.url.c_str());
  curl_easy_setopt(curl, CURLOPT_NOBODY, 1L);
  curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT, 5L);
  curl_easy_setopt(curl, CURLOPT_TIMEOUT, 10L);
  curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, error);
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
  if (!config.server.ca_file.empty()) {
    curl_easy_setopt(curl, CURLOPT_CAINFO, config.server.ca_file.string().c_str());
  }
  if (!config.server.proxy.empty()) curl_easy_setopt(curl, CURLOPT_PROXY, config.server.proxy.c_str());
  CURLcode rc = curl_easy_perform(curl);
  curl_easy_cleanup(curl);
  // Any HTTP answer (even 401/403 without a client certificate) proves TLS and reachability.
  if (rc == CURLE_OK) return {{"server", config.server.url, Status::kOk, N_("Central server reachable."), {}}};
  return {{"server", config.server.url, Status::kError, N_("Central server unreachable: {0}."),
           {error[0] != '\0' ? error : curl_easy_strerror(rc)}}};
}

}  // namespace kiosk::sync
