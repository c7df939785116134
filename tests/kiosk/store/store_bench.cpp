// make bench: the store's figures.
//  - seal-and-commit of an enrollment with ~1.5 MB of blobs: median latency, and its ratio to
//    inserting the same bytes unencrypted with plain SQLite (same pragmas) in the same run
//    (target ≤ 1.3×);
//  - listing today's batch with 10,000 records in the store (target < 20 ms).
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <vector>

#include <nlohmann/json.hpp>

#include "kiosk/auth/operator_directory.h"
#include "kiosk/batch/records.h"
#include "kiosk/store/store.h"
#include "tests/support/temp_dir.h"

using namespace kiosk;
using Stopwatch = std::chrono::steady_clock;

namespace {

double Median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v.empty() ? 0 : v[v.size() / 2];
}

void Report(const char* figure, double value, const char* unit, double baseline, double target,
            bool ratio_target) {
  nlohmann::json line = {{"figure", figure}, {"value", value}, {"unit", unit}, {"target", target}};
  if (baseline > 0) {
    line["baseline"] = baseline;
    line["ratio"] = value / baseline;
  }
  line["met"] = ratio_target ? (value / baseline <= target) : (value <= target);
  std::printf("BENCH %s\n", line.dump().c_str());
}

batch::SealRequest MakeRequest(int n) {
  batch::SealRequest request;
  std::string personal = "{\"name\":\"SYNTHETIC BENCH " + std::to_string(n) + "\"}";
  request.items.push_back({"personal.json", batch::ItemKind::kPersonal,
                           SecretBytes(reinterpret_cast<const uint8_t*>(personal.data()),
                                       personal.size())});
  for (auto [field, size] : {std::pair{"portrait.jpg", size_t{500 * 1024}},
                             std::pair{"document.gplx.image", size_t{1024 * 1024}}}) {
    SecretBytes image(size);
    for (size_t i = 0; i < size; ++i) image.data()[i] = static_cast<uint8_t>(i * 31 + n);
    request.items.push_back({field, batch::ItemKind::kImage, std::move(image)});
  }
  request.items.push_back({"finger.r1", batch::ItemKind::kBiometric, SecretBytes(2048)});
  return request;
}

int Abort(const Error& e) {
  std::fprintf(stderr, "%s\n", e.ToLogString().c_str());
  return 1;
}

}  // namespace

int main() {
  kiosk::testing::TempDir dir;
  store::FileKeyProvider keys(store::FileKeyProvider::DefaultPath(dir / "data"));
  store::StoreOptions options;
  options.data_dir = dir / "data";
  auto opened = store::Store::Open(options, keys, SystemClock::Instance());
  if (!opened) return Abort(opened.error());
  auto& st = **opened;
  Config::Policy policy;
  policy.max_pending_approvals = 1'000'000;
  auth::OperatorDirectory directory(st, policy, auth::PasswordHashCost::ForTests());
  batch::Records records(st, policy);
  if (auto r = directory.BootstrapAdministrator({"admin", "", auth::Role::kAdministrator},
                                                SecretString("Admin#2026x"));
      !r) {
    return Abort(r.error());
  }
  auto admin = directory.SignIn("admin", SecretString("Admin#2026x"));
  (void)directory.AddOperator(*admin, {"officer1", "", auth::Role::kOfficer},
                              SecretString("Temp#2026ab"));
  (void)directory.ChangePassword("officer1", SecretString("Temp#2026ab"),
                                 SecretString("Mine#2026cd"));
  auto officer = directory.SignIn("officer1", SecretString("Mine#2026cd"));
  if (!officer) return Abort(officer.error());

  // Plain SQLite with the same pragmas, in the same directory, same bytes, no encryption.
  auto plain = store::Database::Open(dir / "plain.db");
  if (!plain) return Abort(plain.error());
  (void)plain->Exec("CREATE TABLE items (id INTEGER PRIMARY KEY, record TEXT, field TEXT, "
                    "data BLOB)");

  constexpr int kRuns = 25;
  std::vector<double> sealed_ms, plain_ms;
  for (int n = 0; n < kRuns; ++n) {
    auto request = MakeRequest(n);
    auto t0 = Stopwatch::now();
    auto s = records.Seal(*officer, request);
    auto t1 = Stopwatch::now();
    if (!s) return Abort(s.error());
    sealed_ms.push_back(std::chrono::duration<double, std::milli>(t1 - t0).count());

    t0 = Stopwatch::now();
    {
      auto tx = store::Transaction::Begin(*plain);
      for (const auto& item : request.items) {
        (void)plain->Run("INSERT INTO items (record, field, data) VALUES (?, ?, ?)",
                         std::to_string(n), item.field,
                         std::span<const uint8_t>(item.data.data(), item.data.size()));
      }
      (void)tx->Commit();
    }
    t1 = Stopwatch::now();
    plain_ms.push_back(std::chrono::duration<double, std::milli>(t1 - t0).count());
  }
  Report("store: seal+commit 1.5 MB enrollment (median, vs plain SQLite)", Median(sealed_ms), "ms",
         Median(plain_ms), 1.3, true);

  // 10,000 records in today's batch: listing reads only the clear columns.
  auto batch_id = sealed_ms.empty() ? 0 : st.db().QueryInt("SELECT max(batch_id) FROM enrollments", 0);
  {
    auto tx = store::Transaction::Begin(st.db());
    auto insert = st.db().Prepare(
        "INSERT INTO enrollments (record_number, status, batch_id, created_at, sealed_at, "
        "updated_at, sealed_by) VALUES (?, 'sealed', ?, 0, 0, 0, 'officer1')");
    for (int n = 0; n < 10'000 - kRuns; ++n) {
      insert->Reset();
      insert->Bind(1, "B" + std::to_string(n)).Bind(2, *batch_id);
      (void)insert->Run();
    }
    (void)tx->Commit();
  }
  std::vector<double> list_ms;
  size_t listed = 0;
  for (int n = 0; n < 20; ++n) {
    auto t0 = Stopwatch::now();
    auto list = records.List(*officer, std::nullopt, *batch_id);
    auto t1 = Stopwatch::now();
    if (!list) return Abort(list.error());
    listed = list->size();
    list_ms.push_back(std::chrono::duration<double, std::milli>(t1 - t0).count());
  }
  std::fprintf(stderr, "listed %zu records\n", listed);
  Report("store: list today's batch of 10,000 records (median)", Median(list_ms), "ms", 0, 20,
         false);
  return 0;
}
