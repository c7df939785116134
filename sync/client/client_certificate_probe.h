#pragma once
// Does the central server accept this station's certificate? Asked only after a transfer broke
// off (send or receive failed) without naming a certificate alert.
//
// Why: in TLS 1.3 the client's handshake is done before the server has judged the client
// certificate. curl then sends the request at once; when the server refuses the certificate it
// sends an alert and closes, and because the request is still unread on its side the close is a
// reset that can reach curl first ("Broken pipe", "Connection reset"). The refusal would look like
// a network fault and be retried forever. The probe sends nothing after the handshake, so the
// server's verdict is always readable: an alert (refused), or a session ticket (accepted: a TLS
// 1.3 server issues tickets only after it verified the client's Finished, which follows its
// certificate), or, under TLS 1.2, the completed handshake itself (the server's Finished comes
// after its verdict).

#include <string>

#include "sync/client/curl_transport.h"

namespace kiosk::sync {

enum class ClientCertificateVerdict {
  kAccepted,
  kRefused,  // the server sent a certificate alert
  kUnknown,  // unreachable, closed without a word, or no answer within the connect timeout
};

struct ClientCertificateProbe {
  ClientCertificateVerdict verdict = ClientCertificateVerdict::kUnknown;
  std::string detail;  // curl's text (the alert), for the log
};

// Connects as `options` say (proxy included), completes the handshake and waits at most
// options.connect_timeout for the server's verdict. Blocks; safe from any thread.
ClientCertificateProbe ProbeClientCertificate(const CurlTransportOptions& options);

}  // namespace kiosk::sync
