#include "sync/station/provisioning.h"

#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <algorithm>
#include <deque>
#include <fstream>
#include <nlohmann/json.hpp>

#include "kiosk/auth/operator_directory.h"
#include "kiosk/auth/permissions.h"
#include "kiosk/core/i18n.h"
#include "kiosk/core/log.h"
#include "kiosk/core/version.h"
#include "kiosk/emrtd/lds/trust_store.h"
#include "kiosk/process/openmp_threads.h"
#include "kiosk/station/support_bundle.h"
#include "kiosk/store/settings.h"
#include "sync/client/station_identity.h"
#include "sync/packet/openssl_util.h"
#include "sync/packet/receipt.h"
#include "sync/server/pki.h"
#include "sync/server_probe.h"

namespace kiosk::sync {
namespace {

namespace fs = std::filesystem;

std::string Iso(const ASN1_TIME* time) {
  struct tm parts {};
  if (ASN1_TIME_to_tm(time, &parts) != 1) return {};
  return IsoUtc(std::chrono::system_clock::from_time_t(timegm(&parts)));
}

std::string NameLine(const X509_NAME* name) {
  BIO* bio = BIO_new(BIO_s_mem());
  X509_NAME_print_ex(bio, name, 0, XN_FLAG_ONELINE & ~ASN1_STRFLGS_ESC_MSB);
  char* data = nullptr;
  const long size = BIO_get_mem_data(bio, &data);
  std::string text(data, static_cast<size_t>(std::max(0L, size)));
  BIO_free(bio);
  return text;
}

station::CertificateInfo Describe(X509* cert, Clock::WallTime now) {
  station::CertificateInfo info;
  info.subject = NameLine(X509_get_subject_name(cert));
  info.issuer = NameLine(X509_get_issuer_name(cert));
  info.not_before = Iso(X509_get0_notBefore(cert));
  info.not_after = Iso(X509_get0_notAfter(cert));
  const time_t t = std::chrono::system_clock::to_time_t(now);
  info.valid_now = X509_cmp_time(X509_get0_notBefore(cert), const_cast<time_t*>(&t)) < 0 &&
                   X509_cmp_time(X509_get0_notAfter(cert), const_cast<time_t*>(&t)) > 0;
  return info;
}

bool IsCa(X509* cert) { return X509_check_ca(cert) >= 1; }

// The certificates in a PEM or DER file (several PEM blocks allowed).
std::vector<X509Ptr> ReadCertificates(const std::vector<uint8_t>& bytes) {
  std::vector<X509Ptr> certs;
  BIO* bio = BIO_new_mem_buf(bytes.data(), static_cast<int>(bytes.size()));
  while (X509* cert = PEM_read_bio_X509(bio, nullptr, nullptr, nullptr)) certs.emplace_back(cert);
  BIO_free(bio);
  if (certs.empty()) {
    const unsigned char* p = bytes.data();
    if (X509* cert = d2i_X509(nullptr, &p, static_cast<long>(bytes.size()))) certs.emplace_back(cert);
  }
  return certs;
}

class StationProvisioning final : public station::Provisioning {
 public:
  explicit StationProvisioning(ProvisioningOptions options) : o_(std::move(options)) {
    if (o_.clock == nullptr) o_.clock = &SystemClock::Instance();
    if (!o_.probe_server) o_.probe_server = [](const Config& c) { return ProbeServer(c); };
    if (o_.trust_dir.empty()) o_.trust_dir = o_.config.data_dir / "trust";
  }

  Result<station::RegistrationStatus> Status() override {
    station::RegistrationStatus status;
    const StationFiles files = StationFilesIn(o_.config.data_dir);
    std::error_code ec;
    if (o_.store != nullptr) {
      auto id = store::StationId(*o_.store);
      if (!id) return Fail(id.error());
      status.station_id = *id;
      auto set = o_.store->GetSetting("station.id");
      if (!set) return Fail(set.error());
      status.station_id_set = set->has_value();
      auto unit = o_.store->GetSetting("station.unit");
      if (!unit) return Fail(unit.error());
      status.unit = unit->value_or("");
    }
    status.has_key = fs::exists(files.key, ec);
    if (fs::exists(files.csr, ec)) status.csr_file = files.csr;
    if (fs::exists(files.certificate, ec)) {
      auto cert = LoadCertificate(files.certificate);
      if (!cert) return Fail(cert.error());
      status.certificate = Describe(cert->get(), o_.clock->Now());
      auto key = LoadPrivateKey(files.key);
      status.certificate_matches_key = key && KeyMatchesCertificate(cert->get(), key->get());
      if (o_.store == nullptr) {
        status.station_id = CommonName(cert->get());
        status.station_id_set = true;
      }
    }
    // Where the technician should look (or import) when none is pinned yet.
    status.central_ca_file = CentralCaInUse(o_.config);
    if (status.central_ca_file.empty()) status.central_ca_file = CentralCaFile(o_.config);
    if (fs::exists(status.central_ca_file, ec)) {
      auto ca = LoadCertificate(status.central_ca_file);
      if (ca) status.central_ca = Describe(ca->get(), o_.clock->Now());
    }
    status.server_configured = !o_.config.server.url.empty();
    auto trust = ListTrust();
    if (trust) {
      status.trust_anchors = static_cast<size_t>(std::count_if(
          trust->begin(), trust->end(), [](const station::TrustEntry& e) { return e.anchor; }));
    }
    return status;
  }

  Result<fs::path> GenerateCsr(const auth::Session& session, const std::string& station_id,
                               const std::string& unit, const fs::path& save_as) override {
    if (auto r = Authorize(session, "station.csr", station_id); !r) return Fail(r.error());
    if (!store::IsValidStationId(station_id)) {
      return Fail(Error::InvalidArgument(
          N_("A station id has 1 to 32 letters, digits, '-', '_' or '.', and begins and ends "
             "with a letter or digit.")));
    }
    if (o_.store != nullptr) {
      store::Settings settings(*o_.store);
      if (auto r = settings.Set(session, "station.id", station_id); !r) return Fail(r.error());
      if (!unit.empty()) {
        if (auto r = settings.Set(session, "station.unit", unit); !r) return Fail(r.error());
      }
    }
    auto init = InitStation(o_.config.data_dir, station_id);
    if (!init && init.error().code() == ErrorCode::kAlreadyExists) {
      // The key exists already: hand out its request again when it names the same station.
      auto reused = ExistingCsr(station_id);
      if (!reused) return Fail(init.error());
      init = std::move(*reused);
    }
    if (!init) return Fail(init.error());
    fs::path saved = init->csr_file;
    if (!save_as.empty()) {
      std::error_code ec;
      fs::copy_file(init->csr_file, save_as, fs::copy_options::overwrite_existing, ec);
      if (ec) {
        return Fail(Error::Io(N_("Could not save the certificate request to {0}."), ec.message())
                        .WithArg(save_as.string()));
      }
      saved = save_as;
    }
    Audit(session, "station.csr", station_id, "ok", saved.filename().string());
    return saved;
  }

  Result<station::CertificateInfo> ImportCentralCa(const auth::Session& session,
                                                   const fs::path& file) override {
    if (auto r = Authorize(session, "station.import_ca", file.filename().string()); !r) {
      return Fail(r.error());
    }
    auto bytes = ReadBinaryFile(file);
    if (!bytes) return Fail(bytes.error());
    auto certs = ReadCertificates(*bytes);
    if (certs.empty()) {
      return Fail(Error::Parse(N_("{0} holds no certificate."), file.string())
                      .WithArg(file.filename().string()));
    }
    if (!IsCa(certs.front().get())) {
      return Fail(Error::InvalidArgument(N_("This certificate is not a certificate authority's.")));
    }
    auto info = Describe(certs.front().get(), o_.clock->Now());
    if (!info.valid_now) {
      return Fail(Error(ErrorCode::kVerificationFailed,
                        N_("This certificate is outside its validity dates.")));
    }
    std::error_code ec;
    fs::create_directories(CentralCaFile(o_.config).parent_path(), ec);
    if (auto r = WriteFileAtomic(CentralCaFile(o_.config), CertificateToPem(certs.front().get()));
        !r) {
      return Fail(r.error());
    }
    Audit(session, "station.import_ca", info.subject, "ok", info.not_after);
    return info;
  }

  Result<station::CertificateInfo> ImportCertificate(const auth::Session& session,
                                                     const fs::path& file) override {
    if (auto r = Authorize(session, "station.import_certificate", file.filename().string()); !r) {
      return Fail(r.error());
    }
    std::error_code ec;
    fs::path ca = CentralCaInUse(o_.config);
    if (!ca.empty() && !fs::exists(ca, ec)) ca.clear();
    auto imported = ImportStationCertificate(o_.config.data_dir, file, ca);
    if (!imported) {
      Audit(session, "station.import_certificate", file.filename().string(), "refused",
            imported.error().EnglishMessage());
      return Fail(imported.error());
    }
    auto cert = LoadCertificate(StationFilesIn(o_.config.data_dir).certificate);
    if (!cert) return Fail(cert.error());
    auto info = Describe(cert->get(), o_.clock->Now());
    Audit(session, "station.import_certificate", imported->station_id, "ok", info.not_after);
    return info;
  }

  Result<std::vector<station::TrustEntry>> ListTrust() override {
    std::vector<station::TrustEntry> entries;
    std::error_code ec;
    if (!fs::is_directory(o_.trust_dir, ec)) return entries;
    std::vector<fs::path> files;
    for (const auto& e : fs::recursive_directory_iterator(o_.trust_dir, ec)) {
      if (e.is_regular_file()) files.push_back(e.path());
    }
    std::sort(files.begin(), files.end());
    // A master list counts only when the folder's CSCAs vouch for its signer.
    emrtd::TrustStore folder;
    (void)folder.LoadDirectory(o_.trust_dir);
    for (const auto& path : files) {
      emrtd::TrustStore one;
      one.VouchMasterListsWith(folder);
      auto loaded = one.LoadFile(path);
      const std::string name = fs::relative(path, o_.trust_dir, ec).generic_string();
      if (!loaded) {
        entries.push_back({name, "", "", "", false, loaded.error().EnglishMessage()});
        continue;
      }
      for (const auto& cert : one.certificates()) {
        auto info = Describe(cert.get(), o_.clock->Now());
        entries.push_back({name, info.subject, info.not_before, info.not_after, true, ""});
      }
      for (const auto& why : one.rejected()) entries.push_back({name, why, "", "", false, why});
    }
    return entries;
  }

  Result<size_t> ImportTrust(const auth::Session& session, const fs::path& file) override {
    if (auto r = Authorize(session, "trust.import", file.filename().string()); !r) {
      return Fail(r.error());
    }
    // Checked against the folder it joins: a master list needs a CSCA there to vouch for its
    // signer.
    emrtd::TrustStore folder;
    std::error_code exists_ec;
    if (fs::is_directory(o_.trust_dir, exists_ec)) (void)folder.LoadDirectory(o_.trust_dir);
    emrtd::TrustStore check;
    check.VouchMasterListsWith(folder);
    auto added = check.LoadFile(file);
    if (!added) return Fail(added.error());
    if (check.certificates().empty()) {
      return Fail(Error::InvalidArgument(
          N_("{0} holds no CSCA certificate: nothing was imported."), check.rejected().empty()
                                                                      ? std::string()
                                                                      : check.rejected().front())
                      .WithArg(file.filename().string()));
    }
    std::error_code ec;
    fs::create_directories(o_.trust_dir, ec);
    fs::path target = o_.trust_dir / file.filename();
    // Loaded by extension: keep one the trust store reads.
    const std::string ext = file.extension().string();
    if (ext != ".pem" && ext != ".crt" && ext != ".cer" && ext != ".der" && ext != ".ml") {
      target += ".der";
    }
    fs::copy_file(file, target, fs::copy_options::overwrite_existing, ec);
    if (ec) {
      return Fail(Error::Io(N_("Could not copy {0} into the trust store."), ec.message())
                      .WithArg(file.filename().string()));
    }
    Audit(session, "trust.import", target.filename().string(), "ok",
          std::to_string(check.certificates().size()) + " CSCA");
    return check.certificates().size();
  }

  std::vector<diag::Check> Doctor() override {
    std::vector<diag::Check> checks = diag::CheckConfig(Result<Config>(o_.config));
    auto add = [&checks](std::vector<diag::Check> more) {
      checks.insert(checks.end(), more.begin(), more.end());
    };
    add(diag::CheckDataDir(o_.config));
    add({process::CheckOpenMpThreads()});
    if (o_.probe_devices) add(o_.probe_devices(""));
    add(RegistrationChecks());
    add(o_.probe_server(o_.config));
    return checks;
  }

  std::vector<diag::Check> Probe(std::string_view area) override {
    if (area == "server") return o_.probe_server(o_.config);
    if (area == "registration") return RegistrationChecks();
    if (!o_.probe_devices) {
      return {{std::string(area), "", diag::Status::kMissing,
               N_("This build cannot check this device."), {}}};
    }
    return o_.probe_devices(area);
  }

  Result<std::vector<std::string>> LogTail(size_t lines) override {
    std::deque<std::string> tail;
    std::ifstream in(LogFile());
    std::string line;
    while (std::getline(in, line)) {
      tail.push_back(log::Redact(line));
      if (tail.size() > lines) tail.pop_front();
    }
    return std::vector<std::string>(tail.begin(), tail.end());
  }

  Result<station::SupportBundleInfo> WriteSupportBundle(const auth::Session& session,
                                                        const fs::path& file) override {
    if (auto r = Authorize(session, "support.bundle", file.filename().string()); !r) {
      return Fail(r.error());
    }
    std::vector<station::BundleMember> members;
    members.push_back({"versions.txt", VersionsText()});
    members.push_back({"config.json", station::ConfigWithoutSecrets(o_.config) + "\n"});
    members.push_back({"doctor.json", diag::ToJson(Doctor()) + "\n"});
    members.push_back({"registration.json", RegistrationJson()});
    members.push_back({"trust.json", TrustJson()});
    // Every rotated station log, each line redacted once more (they were when written).
    std::error_code ec;
    std::vector<fs::path> logs;
    for (const auto& e : fs::directory_iterator(LogFile().parent_path(), ec)) {
      const std::string name = e.path().filename().string();
      if (e.is_regular_file() && name.rfind("station", 0) == 0 &&
          name.find(".log") != std::string::npos) {
        logs.push_back(e.path());
      }
    }
    std::sort(logs.begin(), logs.end());
    for (const auto& path : logs) {
      std::ifstream in(path);
      std::string text, line;
      while (std::getline(in, line)) text += log::Redact(line) + "\n";
      members.push_back({"logs/" + path.filename().string(), std::move(text)});
    }
    const auto now = std::chrono::system_clock::to_time_t(o_.clock->Now());
    auto size = station::WriteTarGz(file, members, static_cast<long long>(now));
    if (!size) return Fail(size.error());
    station::SupportBundleInfo info{file, {}, *size};
    for (const auto& m : members) info.entries.push_back(m.name);
    Audit(session, "support.bundle", file.filename().string(), "ok",
          std::to_string(members.size()) + " files");
    return info;
  }

 private:
  std::optional<StationInitResult> ExistingCsr(const std::string& station_id) const {
    const fs::path csr = StationFilesIn(o_.config.data_dir).csr;
    auto pem = ReadTextFile(csr);
    if (!pem) return std::nullopt;
    auto parsed = pki::ParseCsrPem(*pem);
    if (!parsed || parsed->common_name != station_id) return std::nullopt;
    return StationInitResult{csr, *pem};
  }

  fs::path LogFile() const { return o_.config.data_dir / "logs" / "station.log"; }

  Result<void> Authorize(const auth::Session& session, std::string_view action,
                         std::string_view subject) {
    if (o_.store == nullptr) return auth::Require(session, auth::Action::kChangeSettings);
    auto r = auth::Authorize(*o_.store, session, auth::Action::kChangeSettings);
    if (!r) Audit(session, action, subject, "denied", {});
    return r;
  }

  void Audit(const auth::Session& session, std::string_view action, std::string_view subject,
             std::string_view outcome, std::string_view detail) {
    if (o_.store == nullptr) return;
    if (auto r = o_.store->audit().Append(auth::AuditActor(session), action, subject, outcome,
                                          detail);
        !r) {
      spdlog::warn("audit: {} not recorded: {}", action, r.error().ToLogString());
    }
  }

  std::vector<diag::Check> RegistrationChecks() {
    std::vector<diag::Check> checks;
    auto status = Status();
    if (!status) {
      checks.push_back({"registration", "", diag::Status::kError, "{0}",
                        {status.error().Message()}});
      return checks;
    }
    if (!status->certificate) {
      checks.push_back({"registration", status->station_id, diag::Status::kMissing,
                        N_("The station has no certificate yet: register it."), {}});
    } else if (!status->certificate_matches_key) {
      checks.push_back({"registration", status->station_id, diag::Status::kError,
                        N_("The station certificate does not belong to the station key."), {}});
    } else if (!status->certificate->valid_now) {
      checks.push_back({"registration", status->station_id, diag::Status::kError,
                        N_("The station certificate is outside its validity dates ({0} to {1})."),
                        {status->certificate->not_before, status->certificate->not_after}});
    } else {
      checks.push_back({"registration", status->station_id, diag::Status::kOk,
                        N_("Station certificate valid until {0}."),
                        {status->certificate->not_after}});
    }
    if (!status->central_ca) {
      checks.push_back({"registration", status->central_ca_file.string(), diag::Status::kMissing,
                        N_("The central CA certificate is not installed."), {}});
    }
    return checks;
  }

  std::string VersionsText() const {
    std::string text = "kiosk " + std::string(Version()) + "\n";
    text += std::string("OpenSSL ") + OpenSSL_version(OPENSSL_VERSION) + "\n";
    text += "station " + (o_.store ? store::StationId(*o_.store).value_or("?") : std::string("?")) +
            "\n";
    return text;
  }

  std::string RegistrationJson() {
    nlohmann::json j;
    auto status = Status();
    if (!status) return nlohmann::json{{"error", status.error().EnglishMessage()}}.dump(2) + "\n";
    j["station_id"] = status->station_id;
    j["station_id_set"] = status->station_id_set;
    j["has_key"] = status->has_key;  // whether it exists; the key itself never leaves
    j["server_configured"] = status->server_configured;
    j["trust_anchors"] = status->trust_anchors;
    auto cert = [](const std::optional<station::CertificateInfo>& c) {
      if (!c) return nlohmann::json();
      return nlohmann::json{{"subject", c->subject},     {"issuer", c->issuer},
                            {"not_before", c->not_before}, {"not_after", c->not_after},
                            {"valid_now", c->valid_now}};
    };
    j["certificate"] = cert(status->certificate);
    j["certificate_matches_key"] = status->certificate_matches_key;
    j["central_ca"] = cert(status->central_ca);
    return j.dump(2) + "\n";
  }

  std::string TrustJson() {
    nlohmann::json list = nlohmann::json::array();
    if (auto entries = ListTrust()) {
      for (const auto& e : *entries) {
        list.push_back({{"file", e.file}, {"subject", e.subject}, {"not_before", e.not_before},
                        {"not_after", e.not_after}, {"anchor", e.anchor}});
      }
    }
    return list.dump(2) + "\n";
  }

  ProvisioningOptions o_;
};

}  // namespace

std::unique_ptr<station::Provisioning> MakeStationProvisioning(ProvisioningOptions options) {
  return std::make_unique<StationProvisioning>(std::move(options));
}

}  // namespace kiosk::sync
