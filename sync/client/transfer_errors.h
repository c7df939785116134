#pragma once
// The one place where libcurl's codes and the server's HTTP statuses become kiosk::Errors.
// Retriable: the server is down or busy (5xx, 408, 429), timeouts, resets, DNS and proxy
// hiccups. Not retriable: 409 (another packet under the same record number), certificate
// problems on either side, a packet the server refuses (4xx): retrying cannot fix those, a
// technician must.

#include <curl/curl.h>

#include <string>
#include <string_view>

#include "kiosk/core/error.h"

namespace kiosk::sync {

// A failed transfer (code != CURLE_OK). `detail` is curl's error buffer.
Error TransferError(CURLcode code, std::string_view detail);
// True when curl's error text names a TLS alert refusing the client's certificate.
bool IsCertificateAlert(std::string_view curl_detail);
// The server refused the station's certificate: not retriable, a technician must act.
Error CertificateRefused(std::string detail);
// A connection that broke off this way may be the server refusing the station's certificate
// with its alert lost in the reset (see client_certificate_probe.h): worth asking the server.
bool MayHideCertificateRefusal(CURLcode code, std::string_view detail);
// An HTTP answer that is not 2xx; `body` may hold the server's {"error","message"}.
Error HttpError(long status, std::string_view body);

}  // namespace kiosk::sync
