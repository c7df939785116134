#include "tests/sync/packet/test_pki.h"

#include <stdexcept>

#include <chrono>

#include "sync/server/pki.h"

namespace kiosk::testing {

namespace {

using sync::pki::CertificateRequest;
using sync::pki::Profile;

void Write(const std::filesystem::path& file, const std::string& text, bool secret = false) {
  auto written = sync::WriteFileAtomic(file, text, secret);
  if (!written) throw std::runtime_error(written.error().ToLogString());
}

sync::Credentials Issue(const CertificateRequest& request, const sync::Credentials* issuer,
                        const std::filesystem::path& cert_file,
                        const std::filesystem::path& key_file, EVP_PKEY* reuse_key = nullptr) {
  sync::PKeyPtr key;
  if (reuse_key != nullptr) {
    EVP_PKEY_up_ref(reuse_key);
    key.reset(reuse_key);
  } else {
    key = std::move(*sync::GenerateEcKey());
  }
  auto cert = sync::pki::IssueCertificate(request, key.get(), issuer, key.get());
  if (!cert) throw std::runtime_error(cert.error().ToLogString());
  Write(cert_file, sync::CertificateToPem(cert->get()));
  if (!key_file.empty()) Write(key_file, std::string(sync::PrivateKeyToPem(key.get()).view()), true);
  return {std::move(*cert), std::move(key)};
}

sync::Credentials Load(const std::filesystem::path& cert, const std::filesystem::path& key) {
  auto loaded = sync::LoadCredentials(cert, key);
  if (!loaded) throw std::runtime_error(loaded.error().ToLogString());
  return std::move(*loaded);
}

}  // namespace

TestPki::TestPki() {
  auto init = sync::pki::InitPki(dir_.path());
  if (!init) throw std::runtime_error(init.error().ToLogString());
  sync::Credentials ca = Load(ca_file(), dir_ / "ca.key");
  auto now = std::chrono::system_clock::now();
  auto year = std::chrono::days(365);
  auto station = Issue({kStationId, Profile::kStation, {}, {}, now - std::chrono::hours(1), now + year},
                       &ca, station_cert_file(), station_key_file());
  Issue({kStationId, Profile::kStation, {}, {}, now - 2 * year, now - std::chrono::days(1)}, &ca,
        dir_ / "expired-station.pem", {}, station.key.get());

  auto rogue_ca = Issue({"Rogue CA", Profile::kCa, {}, {}, now - std::chrono::hours(1), now + year},
                        nullptr, dir_ / "rogue-ca.pem", dir_ / "rogue-ca.key");
  Issue({kStationId, Profile::kStation, {}, {}, now - std::chrono::hours(1), now + year}, &rogue_ca,
        dir_ / "rogue-station.pem", dir_ / "rogue-station.key");
  Issue({"Rogue Server", Profile::kServer, {"localhost"}, {"127.0.0.1"}, now - std::chrono::hours(1),
         now + year},
        &rogue_ca, dir_ / "rogue-server.pem", dir_ / "rogue-server.key");
}

sync::Credentials TestPki::Station() const { return Load(station_cert_file(), station_key_file()); }
sync::Credentials TestPki::Server() const { return Load(server_cert_file(), server_key_file()); }
sync::Credentials TestPki::RogueStation() const {
  return Load(dir_ / "rogue-station.pem", dir_ / "rogue-station.key");
}
sync::Credentials TestPki::ExpiredStation() const {
  return Load(dir_ / "expired-station.pem", station_key_file());
}
sync::StorePtr TestPki::CaStore() const { return std::move(*sync::LoadTrustStore(ca_file())); }

}  // namespace kiosk::testing
