#pragma once
// Shared by the kill-test harness and its writer process.
#include <memory>

#include "kiosk/auth/operator_directory.h"
#include "kiosk/batch/records.h"
#include "kiosk/core/clock.h"
#include "kiosk/store/store.h"

namespace kiosk::killtest {

inline constexpr const char* kOfficer = "officer1";
inline constexpr const char* kTechnician = "tech1";
inline constexpr const char* kPassword = "Mine#2026cd";

inline Config::Policy Policy() {
  Config::Policy policy;
  policy.max_pending_approvals = 1'000'000;
  policy.max_days_since_sync = 365;
  return policy;
}

struct Station {
  std::unique_ptr<store::FileKeyProvider> keys;
  std::unique_ptr<store::Store> store;
  std::unique_ptr<auth::OperatorDirectory> directory;
  std::unique_ptr<batch::Records> records;
};

inline Result<Station> OpenStation(const std::filesystem::path& dir) {
  Station s;
  s.keys = std::make_unique<store::FileKeyProvider>(store::FileKeyProvider::DefaultPath(dir));
  store::StoreOptions options;
  options.data_dir = dir;
  auto opened = store::Store::Open(options, *s.keys, SystemClock::Instance());
  if (!opened) return Fail(opened.error());
  s.store = std::move(*opened);
  s.directory = std::make_unique<auth::OperatorDirectory>(*s.store, Policy(),
                                                          auth::PasswordHashCost::ForTests());
  s.records = std::make_unique<batch::Records>(*s.store, Policy());
  return s;
}

}  // namespace kiosk::killtest
