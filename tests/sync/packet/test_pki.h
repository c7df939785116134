#pragma once
// A throw-away PKI for the sync tests: a central CA with its server certificate (as
// `intake-server pki init` makes them), a station certificate, and the bad cases: a station
// certificate that has expired, one from another CA, a server certificate from another CA.

#include <filesystem>
#include <string>

#include "sync/packet/openssl_util.h"
#include "tests/support/temp_dir.h"

namespace kiosk::testing {

class TestPki {
 public:
  TestPki();

  const std::filesystem::path& dir() const { return dir_.path(); }
  std::filesystem::path ca_file() const { return dir_ / "ca.pem"; }
  std::filesystem::path server_cert_file() const { return dir_ / "server.pem"; }
  std::filesystem::path server_key_file() const { return dir_ / "server.key"; }
  // station.pem / station.key: valid, CN = kStationId.
  std::filesystem::path station_cert_file() const { return dir_ / "station.pem"; }
  std::filesystem::path station_key_file() const { return dir_ / "station.key"; }
  // expired-station.pem (same key as station.key), rogue-station.pem/.key (another CA),
  // rogue-ca.pem, rogue-server.pem/.key (server certificate from rogue CA).
  std::filesystem::path file(const std::string& name) const { return dir_ / name; }

  sync::Credentials Station() const;
  sync::Credentials Server() const;
  sync::Credentials RogueStation() const;
  sync::Credentials ExpiredStation() const;
  sync::StorePtr CaStore() const;

  static constexpr const char* kStationId = "ST-HN-0001";

 private:
  TempDir dir_;
};

}  // namespace kiosk::testing
