// The kill test's victim: seals enrollments in a loop until it is SIGKILLed. After each Seal()
// has returned success (the transaction committed), it appends the record number to the
// acknowledgement file, so the harness knows which records must survive.
//
//   store_kill_writer DATA_DIR ACK_FILE BIG_RECORDS SEED [READY_FD]
// READY_FD: a pipe on which "ready" is written once the store is open and the officer signed in.
#include <fcntl.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <random>
#include <string>

#include "tests/integration/store/kill_common.h"

using namespace kiosk;

int main(int argc, char** argv) {
  if (argc != 5 && argc != 6) {
    std::fprintf(stderr, "usage: %s DATA_DIR ACK_FILE BIG_RECORDS SEED [READY_FD]\n", argv[0]);
    return 2;
  }
  const std::filesystem::path dir = argv[1];
  int ack = ::open(argv[2], O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0600);
  int big_records = std::atoi(argv[3]);
  std::mt19937 random(static_cast<unsigned>(std::atoi(argv[4])));
  if (ack < 0) return 3;

  auto station = killtest::OpenStation(dir);
  if (!station) {
    std::fprintf(stderr, "open: %s\n", station.error().ToLogString().c_str());
    return 4;
  }
  auto session = station->directory->SignIn(killtest::kOfficer, SecretString(killtest::kPassword));
  if (!session) {
    std::fprintf(stderr, "sign in: %s\n", session.error().ToLogString().c_str());
    return 5;
  }
  if (argc == 6) {
    int ready = std::atoi(argv[5]);
    (void)!::write(ready, "ready\n", 6);
    ::close(ready);
  }
  for (int n = 0;; ++n) {
    const bool big = n < big_records;
    batch::SealRequest request;
    std::string personal = "{\"name\":\"SYNTHETIC CITIZEN " + std::to_string(random()) + "\"}";
    request.items.push_back({"personal.json", batch::ItemKind::kPersonal,
                             SecretBytes(reinterpret_cast<const uint8_t*>(personal.data()),
                                         personal.size())});
    // ~1.5 MB of images for a big record (portrait + document scans), a few KB otherwise.
    const size_t portrait = big ? 500 * 1024 : 2048 + random() % 4096;
    const size_t document = big ? 1024 * 1024 : 1024 + random() % 2048;
    for (auto [field, size] : {std::pair{"portrait.jpg", portrait},
                               std::pair{"document.gplx.image", document}}) {
      SecretBytes image(size);
      const uint32_t salt = static_cast<uint32_t>(random());
      for (size_t i = 0; i < size; ++i) image.data()[i] = static_cast<uint8_t>((i * 31) ^ salt);
      request.items.push_back({field, batch::ItemKind::kImage, std::move(image)});
    }
    request.items.push_back({"finger.r1", batch::ItemKind::kBiometric, SecretBytes(512)});
    auto sealed = station->records->Seal(*session, request);
    if (!sealed) {
      std::fprintf(stderr, "seal: %s\n", sealed.error().ToLogString().c_str());
      return 6;
    }
    const std::string line = sealed->record_number + "\n";
    if (::write(ack, line.data(), line.size()) != static_cast<ssize_t>(line.size())) return 7;
  }
}
