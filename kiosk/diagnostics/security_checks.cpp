#include "kiosk/diagnostics/security_checks.h"

#include <openssl/pem.h>
#include <openssl/x509.h>

#include <fstream>
#include <iterator>
#include <sstream>

#include "kiosk/core/i18n.h"
#include "kiosk/crypto/station_key.h"
#include "kiosk/emrtd/lds/trust_store.h"
#include "kiosk/station/central_ca.h"
#include "kiosk/store/key_provider.h"
#include "kiosk/store/store.h"

namespace kiosk::diag {
namespace fs = std::filesystem;
using Clock = std::chrono::system_clock;

namespace {

std::string Day(Clock::time_point t) {
  const auto day = std::chrono::floor<std::chrono::days>(t);
  const std::chrono::year_month_day ymd{day};
  char text[16];
  std::snprintf(text, sizeof text, "%04d-%02u-%02u", static_cast<int>(ymd.year()),
                static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
  return text;
}

Clock::time_point ToTimePoint(const ASN1_TIME* time) {
  // From the broken-down UTC time through the civil calendar (timegm is not portable).
  struct tm parts {};
  ASN1_TIME_to_tm(time, &parts);
  const std::chrono::year_month_day ymd{std::chrono::year(parts.tm_year + 1900),
                                        std::chrono::month(static_cast<unsigned>(parts.tm_mon + 1)),
                                        std::chrono::day(static_cast<unsigned>(parts.tm_mday))};
  return std::chrono::sys_days(ymd) + std::chrono::hours(parts.tm_hour) +
         std::chrono::minutes(parts.tm_min) + std::chrono::seconds(parts.tm_sec);
}

struct Validity {
  Clock::time_point not_before;
  Clock::time_point not_after;
};

Validity ValidityOf(X509* cert) {
  return {ToTimePoint(X509_get0_notBefore(cert)), ToTimePoint(X509_get0_notAfter(cert))};
}

struct X509Free {
  void operator()(X509* x) const { X509_free(x); }
};
using X509Owned = std::unique_ptr<X509, X509Free>;

// Every certificate of a PEM file (or the one of a DER file); empty when none parses.
std::vector<X509Owned> ReadCertificates(const std::string& bytes) {
  std::vector<X509Owned> certs;
  BIO* bio = BIO_new_mem_buf(bytes.data(), static_cast<int>(bytes.size()));
  while (X509* cert = PEM_read_bio_X509(bio, nullptr, nullptr, nullptr)) certs.emplace_back(cert);
  BIO_free(bio);
  if (certs.empty()) {
    const auto* p = reinterpret_cast<const unsigned char*>(bytes.data());
    if (X509* cert = d2i_X509(nullptr, &p, static_cast<long>(bytes.size()))) certs.emplace_back(cert);
  }
  return certs;
}

}  // namespace

// --- key files ---

std::vector<KeyFile> StationKeyFiles(const Config& config) {
  std::error_code ec;
  const bool database_exists = fs::exists(store::Store::DatabasePath(config.data_dir), ec);
  return {{"store-key", store::FileKeyProvider::DefaultPath(config.data_dir), database_exists},
          {"station-key", crypto::StationKey::DefaultPath(config.data_dir), database_exists}};
}

std::vector<Check> CheckKeyFiles(const std::vector<KeyFile>& keys) {
  std::vector<Check> out;
  for (const auto& key : keys) {
    const std::string subject = key.path.string();
    std::error_code ec;
    const auto status = fs::status(key.path, ec);
    if (!fs::exists(status)) {
      if (key.required) {
        out.push_back({key.area, subject, Status::kError,
                       N_("The key file is missing: the station's data cannot be opened or "
                          "checked without it. Restore it from the key backup."),
                       {}});
      } else {
        out.push_back({key.area, subject, Status::kMissing,
                       N_("The key file is not created yet (the first run creates it)."), {}});
      }
      continue;
    }
    if (!fs::is_regular_file(status)) {
      out.push_back({key.area, subject, Status::kError, N_("The key path is not a file."), {}});
      continue;
    }
#ifndef _WIN32
    if ((status.permissions() & (fs::perms::group_all | fs::perms::others_all)) !=
        fs::perms::none) {
      out.push_back({key.area, subject, Status::kError,
                     N_("The key file can be read by other users: set its mode to 0600."), {}});
      continue;
    }
#endif
    out.push_back({key.area, subject, Status::kOk,
                   N_("The key file is readable by its owner only."), {}});
  }
  return out;
}

// --- certificates ---

std::vector<Check> CheckCertificateFile(const std::string& area, const fs::path& file,
                                        Clock::time_point now) {
  const std::string subject = file.string();
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    return {{area, subject, Status::kError, N_("The certificate file cannot be read."), {}}};
  }
  const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  const auto certs = ReadCertificates(bytes);
  if (certs.empty()) {
    return {{area, subject, Status::kError, N_("The file holds no certificate."), {}}};
  }
  // The first certificate in trouble decides; otherwise the one expiring first is shown.
  Validity soonest = ValidityOf(certs.front().get());
  for (const auto& cert : certs) {
    const Validity v = ValidityOf(cert.get());
    if (now < v.not_before) {
      return {{area, subject, Status::kError,
               N_("The certificate is not valid before {0}: check the computer's date and time."),
               {Day(v.not_before)}}};
    }
    if (now > v.not_after) {
      return {{area, subject, Status::kError,
               N_("The certificate expired on {0}: request a new one."), {Day(v.not_after)}}};
    }
    if (v.not_after < soonest.not_after) soonest = v;
  }
  const auto left = std::chrono::floor<std::chrono::days>(soonest.not_after - now);
  if (left < kCertificateRenewalWarning) {
    return {{area, subject, Status::kWarning,
             N_("The certificate expires on {0}, in {1} days: request its renewal now."),
             {Day(soonest.not_after), std::to_string(left.count())}}};
  }
  return {{area, subject, Status::kOk, N_("The certificate is valid until {0}."),
           {Day(soonest.not_after)}}};
}

std::vector<Check> CheckCertificates(const Config& config, Clock::time_point now) {
  std::vector<Check> out;
  // Where `kiosk-cli station import-cert` installs it (sync/client/station_identity.h).
  const fs::path station_cert = config.data_dir / "station" / "station.pem";
  std::error_code ec;
  if (fs::exists(station_cert, ec)) {
    auto checks = CheckCertificateFile("station-cert", station_cert, now);
    out.insert(out.end(), checks.begin(), checks.end());
  } else {
    out.push_back({"station-cert", station_cert.string(), Status::kMissing,
                   N_("No station certificate yet: the station is not provisioned."), {}});
  }
  const fs::path central_ca = station::CentralCaInUse(config);
  if (central_ca.empty()) {
    out.push_back({"central-ca", "", Status::kMissing,
                   N_("No central CA certificate yet: import it on the technician screen or set server.ca_file."), {}});
  } else if (!fs::exists(central_ca, ec)) {
    out.push_back({"central-ca", central_ca.string(), Status::kError,
                   N_("The configured central CA certificate file does not exist."), {}});
  } else {
    auto checks = CheckCertificateFile("central-ca", central_ca, now);
    out.insert(out.end(), checks.begin(), checks.end());
  }
  return out;
}

// --- trust store ---

fs::path TrustStoreDir(const Config& config) { return config.data_dir / "trust"; }

std::vector<Check> CheckTrustStore(const fs::path& dir, Clock::time_point now) {
  const std::string subject = dir.string();
  constexpr const char* kNone =
      N_("The trust store holds no CSCA certificate: chips will read as not verifiable. Import "
         "the CSCA master list.");
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) return {{"trust", subject, Status::kWarning, kNone, {}}};
  emrtd::TrustStore trust;
  auto loaded = trust.LoadDirectory(dir);
  if (!loaded) {
    return {{"trust", subject, Status::kError,
             N_("The trust store cannot be loaded: {0}"), {loaded.error().EnglishMessage()}}};
  }
  // Master lists nobody vouches for add nothing: say so, or the technician thinks they count.
  std::vector<Check> lists;
  for (const std::string& rejected : trust.rejected()) {
    if (rejected.find("master list signer not trusted") == std::string::npos) continue;
    lists.push_back({"trust", subject, Status::kWarning,
                     N_("The master list {0} is not used: its signer is not trusted. Import the "
                        "country's CSCA certificate, or the list signer's certificate into "
                        "master-list-signers/."),
                     {rejected.substr(0, rejected.find(':'))}});
  }
  auto with_lists = [&lists](std::vector<Check> checks) {
    checks.insert(checks.end(), lists.begin(), lists.end());
    return checks;
  };
  if (trust.size() == 0) return with_lists({{"trust", subject, Status::kWarning, kNone, {}}});
  size_t expired = 0;
  for (const auto& cert : trust.certificates()) {
    if (now > ValidityOf(cert.get()).not_after) ++expired;
  }
  const std::string total = std::to_string(trust.size());
  if (expired == trust.size()) {
    return with_lists({{"trust", subject, Status::kError,
             N_("All {0} CSCA certificates of the trust store have expired: import a current "
                "master list."),
             {total}}});
  }
  if (expired > 0) {
    return with_lists({{"trust", subject, Status::kWarning,
                        N_("The trust store holds {0} CSCA certificates, {1} of them expired: "
                           "import a current master list."),
                        {total, std::to_string(expired)}}});
  }
  return with_lists({{"trust", subject, Status::kOk,
                      N_("The trust store holds {0} CSCA certificates, none expired."), {total}}});
}

}  // namespace kiosk::diag
