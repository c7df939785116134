// Prepares a station for the sync soak (tests/soak/sync_soak.sh): a store in DATA_DIR with N
// synthetic records sealed, approved and signed (so they wait in the outbox), and the station
// provisioned against the PKI directory of `intake-server pki init`. Prints the record numbers.
//   sync_seed_station DATA_DIR PKI_DIR N [IMAGE_BYTES]
#include <cstdio>
#include <cstdlib>
#include <string>

#include "tests/sync/station/station_fixture.h"

int main(int argc, char** argv) {
  if (argc != 4 && argc != 5) {
    std::fprintf(stderr, "usage: %s DATA_DIR PKI_DIR N [IMAGE_BYTES]\n", argv[0]);
    return 2;
  }
  const int count = std::atoi(argv[3]);
  const size_t image_bytes = argc == 5 ? std::strtoul(argv[4], nullptr, 10) : 256 * 1024;
  kiosk::testing::StationFixture station(argv[1]);
  std::vector<std::string> numbers;
  for (int n = 0; n < count; ++n) {
    kiosk::testing::Citizen citizen;
    if (n % 5 == 4) citizen.full_name = "Nguyễn Thị Khác";  // the register will not accept it
    numbers.push_back(station.SealAndApprove(citizen, image_bytes));
  }
  station.SignBatches();
  station.Provision(std::filesystem::path(argv[2]), "ST-SOAK-01");
  if (::testing::Test::HasFailure()) return 1;
  for (const auto& number : numbers) std::printf("%s\n", number.c_str());
  return 0;
}
