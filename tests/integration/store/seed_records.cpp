// Seals N synthetic enrollments as officer1 (password in KIOSK_PASSWORD), the second one flagged
// for an explicit decision, so the CLI test has records to review.
//   store_seed_records DATA_DIR N
#include <cstdio>
#include <cstdlib>
#include <string>

#include "kiosk/core/paths.h"
#include "tests/integration/store/kill_common.h"
#include "tests/support/sealed_record_json.h"

using namespace kiosk;

int main(int argc, char** argv) {
  if (argc != 3) return 2;
  auto station = killtest::OpenStation(argv[1]);
  if (!station) {
    std::fprintf(stderr, "%s\n", station.error().ToLogString().c_str());
    return 1;
  }
  auto password = paths::GetEnv("KIOSK_PASSWORD").value_or("");
  auto session = station->directory->SignIn("officer1", SecretString(password));
  if (!session) {
    std::fprintf(stderr, "%s\n", session.error().ToLogString().c_str());
    return 1;
  }
  for (int n = 0; n < std::atoi(argv[2]); ++n) {
    batch::SealRequest request;
    std::string personal = "{\"name\":\"SYNTHETIC CLI " + std::to_string(n) + "\"}";
    request.items.push_back({"personal.json", batch::ItemKind::kPersonal,
                             SecretBytes(reinterpret_cast<const uint8_t*>(personal.data()),
                                         personal.size())});
    request.items.push_back({"portrait.jpg", batch::ItemKind::kImage, SecretBytes(4096)});
    // The store computes review flags from record.json: the second record has a finger exception.
    const std::string record = kiosk::testing::SealedRecordJson("SYNTHETIC CLI " + std::to_string(n), n == 1);
    request.items.push_back({"record.json", batch::ItemKind::kPersonal,
                             SecretBytes(reinterpret_cast<const uint8_t*>(record.data()), record.size())});
    auto sealed = station->records->Seal(*session, request);
    if (!sealed) {
      std::fprintf(stderr, "%s\n", sealed.error().ToLogString().c_str());
      return 1;
    }
    std::printf("%s\n", sealed->record_number.c_str());
  }
  return 0;
}
