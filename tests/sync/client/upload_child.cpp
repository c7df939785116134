// A station process for the SIGKILL test: one `sync now` round over the store's outbox of
// DATA_DIR (package, upload, pull), then exits. Built separately from kiosk-cli so the test
// controls the backoff.
//   sync_upload_child DATA_DIR URL CA_FILE
// Exit 0 when nothing is left awaiting packaging, queued or parked.
#include <chrono>
#include <cstdio>
#include <thread>

#include "kiosk/core/clock.h"
#include "sync/station/sync_engine.h"

int main(int argc, char** argv) {
  if (argc != 4) {
    std::fprintf(stderr, "usage: %s DATA_DIR URL CA\n", argv[0]);
    return 2;
  }
  kiosk::Config config;
  config.data_dir = argv[1];
  config.server.url = argv[2];
  config.server.ca_file = argv[3];
  config.server.timeout_seconds = 10;
  kiosk::sync::SyncEngineOptions options;
  options.worker.backoff = {std::chrono::milliseconds(50), std::chrono::milliseconds(400), 2.0};
  auto engine = kiosk::sync::SyncEngine::Open(config, config.data_dir, kiosk::SystemClock::Instance(),
                                              options);
  if (!engine || !(*engine)->configured()) return 3;
  auto round = (*engine)->Round(std::chrono::seconds(30),
                                [](std::chrono::milliseconds d) { std::this_thread::sleep_for(d); });
  if (!round.last_error.empty()) std::fprintf(stderr, "%s\n", round.last_error.c_str());
  auto counts = (*engine)->outbox().StationCounts();
  return counts && counts->queued == 0 && counts->parked == 0 && counts->awaiting_packaging == 0 ? 0 : 1;
}
