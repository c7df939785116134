// A station process for the SIGKILL test: drains an outbox file to a server, then exits.
//   sync_upload_child OUTBOX_DB URL CA_FILE CERT_FILE KEY_FILE
// Exit 0 when nothing is left queued or parked.
#include <chrono>
#include <cstdio>
#include <thread>

#include "kiosk/core/clock.h"
#include "sync/client/curl_transport.h"
#include "sync/client/outbox_worker.h"
#include "sync/client/sqlite_outbox.h"

int main(int argc, char** argv) {
  if (argc != 6) {
    std::fprintf(stderr, "usage: %s OUTBOX_DB URL CA CERT KEY\n", argv[0]);
    return 2;
  }
  auto queue = kiosk::sync::SqliteOutboxQueue::Open(argv[1]);
  kiosk::sync::CurlTransportOptions options;
  options.base_url = argv[2];
  options.ca_file = argv[3];
  options.cert_file = argv[4];
  options.key_file = argv[5];
  auto transport = kiosk::sync::CurlTransport::Create(options);
  if (!queue || !transport) return 3;
  kiosk::sync::WorkerOptions worker_options;
  worker_options.backoff = {std::chrono::milliseconds(50), std::chrono::milliseconds(400), 2.0};
  kiosk::sync::OutboxWorker worker(**queue, **transport, kiosk::SystemClock::Instance(), worker_options);
  auto summary = worker.Drain(std::chrono::seconds(30),
                              [](std::chrono::milliseconds d) { std::this_thread::sleep_for(d); });
  auto counts = (*queue)->Counts();
  return summary && counts && counts->queued == 0 && counts->parked == 0 ? 0 : 1;
}
