#pragma once
// Helpers shared by the sync client and server tests: synthetic records (never a real person),
// an in-process intake server over TLS on 127.0.0.1 with the test PKI, and client options.

#include <memory>
#include <string>

#include "sync/client/curl_transport.h"
#include "sync/packet/packet.h"
#include "sync/server/intake_server.h"
#include "tests/sync/packet/test_pki.h"

namespace kiosk::testing {

// A synthetic citizen's approved record; `blob_bytes` of pseudo-random portrait data.
sync::RecordPacketInput SyntheticRecord(const std::string& record_number,
                                        const std::string& full_name = "Nguyễn Thị Mẫu",
                                        size_t blob_bytes = 2048);
// The population register the tests use: the citizen of SyntheticRecord's default fields.
std::string SyntheticRegisterJson();

sync::SealedPacket SealFor(const TestPki& pki, const sync::RecordPacketInput& record);

// Starts an IntakeServer on the test PKI; port 0 picks a free one.
std::unique_ptr<sync::server::IntakeServer> StartServer(const TestPki& pki,
                                                        sync::server::IntakeServerOptions options = {});
sync::CurlTransportOptions ClientOptions(const TestPki& pki, int port);
// A port nothing listens on (bound and released).
int UnusedPort();

}  // namespace kiosk::testing
