#pragma once
// A station for the sync tests: an encrypted store in a temporary data directory with an
// officer, a supervisor and a technician (password "Mine#2026cd"; admin "Admin#2026x"), records sealed, approved and signed the way the station app does
// it, and provisioning against the test PKI (CSR for the store's station key, certificate from
// the test CA). Synthetic citizens only.
#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "kiosk/auth/operator_directory.h"
#include "kiosk/batch/records.h"
#include "kiosk/core/clock.h"
#include "kiosk/core/config.h"
#include "kiosk/store/store.h"
#include "tests/sync/packet/test_pki.h"
#include "tests/support/temp_dir.h"

namespace kiosk::testing {

struct Citizen {
  std::string id_number = "001099012345";
  std::string full_name = "Nguyễn Thị Mẫu";
  std::string date_of_birth = "1990-02-03";
};

class StationFixture {
 public:
  // `data_dir` empty: a temporary directory removed with the fixture.
  explicit StationFixture(std::filesystem::path data_dir = {});

  const std::filesystem::path& data_dir() const { return data_dir_; }
  store::Store& store() { return *store_; }
  batch::Records& records() { return *records_; }

  // Seals a record for `citizen` with a portrait of `image_bytes` and approves it.
  std::string SealAndApprove(const Citizen& citizen, size_t image_bytes = 4096);
  // Signs every batch with approved records: they enter the outbox.
  void SignBatches();
  // Station key → CSR → certificate from the test CA → installed.
  void Provision(const TestPki& pki, const std::string& station_id = TestPki::kStationId);
  // The same against a PKI directory made by `intake-server pki init`.
  void Provision(const std::filesystem::path& pki_dir, const std::string& station_id);
  Config MakeConfig(int port, const TestPki& pki) const;
  // The audit actions recorded so far, in order.
  std::vector<std::string> AuditActions();
  batch::RecordStatus StatusOf(const std::string& record_number);

 private:
  TempDir dir_;
  std::filesystem::path data_dir_;
  std::unique_ptr<store::FileKeyProvider> keys_;
  std::unique_ptr<store::Store> store_;
  std::unique_ptr<auth::OperatorDirectory> directory_;
  std::unique_ptr<batch::Records> records_;
  auth::Session officer_, supervisor_;
};

// Turns a current station database back into what a schema-version-1 station wrote. Migration 2
// only rebuilt the outbox, so the outbox goes back to version 1's table (its definition read from
// a scratch database in `scratch_dir` migrated to version 1 only) with the columns version 1 had.
void RewindOutboxToSchemaV1(store::Database& db, const std::filesystem::path& scratch_dir);

// Waits up to `timeout` for `condition`, polling.
bool WaitFor(const std::function<bool()>& condition,
             std::chrono::milliseconds timeout = std::chrono::seconds(60));

}  // namespace kiosk::testing
