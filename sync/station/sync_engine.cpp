#include "sync/station/sync_engine.h"

#include <filesystem>

#include "kiosk/core/i18n.h"
#include "kiosk/core/log.h"
#include "sync/client/server_certificate.h"
#include "sync/client/station_identity.h"
#include "sync/packet/packet.h"
#include "sync/station/provisioning.h"
#include "sync/station/record_packet.h"

namespace kiosk::sync {

namespace {

constexpr auto kSuccessNoteInterval = std::chrono::hours(1);

}  // namespace

void RoundSummary::Note(const Error& error) {
  last_error = error.EnglishMessage();
  last_error_text = error.Message();
}

std::string ProvisioningProblem(const Config& config, const std::filesystem::path& data_dir) {
  if (config.server.url.empty() || config.server.ca_file.empty()) {
    return N_("This station is not registered with the central server yet.");
  }
  StationFiles files = StationFilesIn(data_dir);
  std::error_code ec;
  if (!std::filesystem::exists(files.certificate, ec)) {
    return N_("This station is not registered with the central server yet.");
  }
  if (!CertificateMatchesStationKey(data_dir)) {
    return N_("The station certificate does not belong to the station key: provision the station again.");
  }
  return {};
}

Result<std::unique_ptr<SyncEngine>> SyncEngine::Open(const Config& config,
                                                     const std::filesystem::path& data_dir,
                                                     Clock& clock, SyncEngineOptions options) {
  std::unique_ptr<SyncEngine> engine(new SyncEngine());
  engine->config_ = config;
  engine->config_.data_dir = data_dir;
  // The same CA the technician's screens show (server.ca_file, else the imported one).
  engine->config_.server.ca_file = CentralCaInUse(engine->config_);
  engine->clock_ = &clock;
  if (auto migrated = MigrateLegacyKey(data_dir); !migrated) {
    spdlog::warn("sync: station key migration: {}", migrated.error().ToLogString());
  } else if (!migrated->empty()) {
    spdlog::info("sync: station key migration: {}", *migrated);
  }
  engine->keys_ = store::MakeDefaultKeyProvider(data_dir);
  store::StoreOptions store_options;
  store_options.data_dir = data_dir;
  auto store = store::Store::Open(store_options, *engine->keys_, clock);
  if (!store) return Fail(store.error());
  engine->store_ = std::move(*store);
  engine->records_ = std::make_unique<batch::Records>(*engine->store_, config.policy);
  engine->outbox_ = std::make_unique<StoreOutboxQueue>(*engine->store_, *engine->records_);

  engine->not_configured_ = ProvisioningProblem(engine->config_, data_dir);
  if (!engine->not_configured_.empty()) return engine;
  auto transport_options = options.transport ? *options.transport : TransportOptionsFromConfig(engine->config_);
  auto transport = CurlTransport::Create(transport_options);
  if (!transport) {
    engine->not_configured_ = transport.error().message_key();
    return engine;
  }
  engine->transport_ = std::move(*transport);
  engine->worker_ = std::make_unique<OutboxWorker>(*engine->outbox_, *engine->transport_, clock,
                                                   options.worker);
  return engine;
}

SyncEngine::~SyncEngine() {
  worker_.reset();  // before the queue and transport it uses
}

void SyncEngine::NoteRefusal(const Error& error, std::string_view action) {
  const std::string line = std::string(action) + ": " + error.ToLogString();
  if (line == last_refusal_) return;
  last_refusal_ = line;
  (void)outbox_->Audit(action, "", "refused", error.ToLogString());
}

Result<void> SyncEngine::LoadStation() {
  if (station_) return {};
  StationFiles files = StationFilesIn(config_.data_dir);
  auto credentials = LoadCredentials(files.certificate, files.key);
  if (!credentials) return Fail(credentials.error());
  station_id_ = CommonName(credentials->cert.get());
  station_ = std::move(*credentials);
  return {};
}

Result<void> SyncEngine::CheckStationCertificate() {
  if (auto loaded = LoadStation(); !loaded) return loaded;
  if (X509_cmp_current_time(X509_get0_notAfter(station_->cert.get())) < 0) {
    station_.reset();  // read again next round: the technician may import a new one meanwhile
    return Fail(Error(ErrorCode::kVerificationFailed,
                      N_("The station certificate has expired. Request a new one from the central CA."),
                      {}, Error::Retry::kNo));
  }
  return {};
}

Result<void> SyncEngine::PrepareSealing() {
  if (auto loaded = LoadStation(); !loaded) return loaded;
  if (!server_cert_ && !config_.server.server_cert_file.empty()) {
    auto configured = LoadConfiguredServerCertificate();
    if (configured) {
      server_cert_ = std::move(*configured);
    } else {
      // Not fatal: the cached and fetched certificates are held to the same central CA.
      spdlog::warn("sync: server.server_cert_file not usable: {}", configured.error().ToLogString());
      if (configured.error().code() == ErrorCode::kVerificationFailed) {
        NoteRefusal(configured.error(), "sync.server_cert_refused");
      }
    }
  }
  if (!server_cert_) {
    auto cert = LoadServerCertificate(config_.data_dir, config_.server.ca_file, transport_.get());
    if (!cert) {
      if (cert.error().code() == ErrorCode::kVerificationFailed) {
        NoteRefusal(cert.error(), "sync.server_cert_refused");
      }
      return Fail(cert.error());
    }
    server_cert_ = std::move(*cert);
  }
  return {};
}

Result<X509Ptr> SyncEngine::LoadConfiguredServerCertificate() {
  auto ca = LoadTrustStore(config_.server.ca_file);
  if (!ca) return Fail(std::move(ca.error()).WithContext("central CA"));
  auto cert = LoadCertificate(config_.server.server_cert_file);
  if (!cert) return Fail(std::move(cert.error()).WithContext("server.server_cert_file"));
  if (auto verified = VerifyServerCertificate(cert->get(), ca->get()); !verified) {
    return Fail(verified.error());
  }
  return std::move(*cert);
}

Result<size_t> SyncEngine::Package(RoundSummary& summary) {
  auto waiting = outbox_->AwaitingPackaging();
  if (!waiting) return Fail(waiting.error());
  if (waiting->empty()) return size_t{0};
  if (!configured()) return Fail(Error(ErrorCode::kUnsupported, not_configured_));
  if (auto ready = PrepareSealing(); !ready) return Fail(ready.error());
  size_t queued = 0;
  for (const auto& number : *waiting) {
    auto record = outbox_->LoadForPackaging(number);
    Result<SealedPacket> sealed = Fail(Error::Internal("unset"));
    if (record) {
      auto input = PacketInputFor(*record, station_id_);
      sealed = input ? SealPacket(*input, *station_, server_cert_.get())
                     : Result<SealedPacket>(Fail(input.error()));
    } else {
      sealed = Fail(record.error());
    }
    if (!sealed) {
      // Disk or database trouble is tried again; a record that cannot become a packet waits
      // for a technician.
      if (sealed.error().retriable() || sealed.error().code() == ErrorCode::kIo) return Fail(sealed.error());
      spdlog::warn("sync: record not packaged: {}", sealed.error().ToLogString());
      if (auto parked = outbox_->ParkUnpackaged(number, sealed.error().EnglishMessage()); !parked) {
        return Fail(parked.error());
      }
      summary.package_failures++;
      summary.Note(sealed.error());
      continue;
    }
    if (auto enqueued = outbox_->Enqueue(sealed->packet_id, sealed->content_hash, sealed->bytes,
                                         clock_->Now());
        !enqueued) {
      return Fail(enqueued.error());
    }
    queued++;
  }
  return queued;
}

RoundSummary SyncEngine::Round(std::chrono::milliseconds budget, const OutboxWorker::Sleep& sleep) {
  RoundSummary summary;
  if (!configured()) {
    summary.Note(Error(ErrorCode::kUnsupported, not_configured_));
    return summary;
  }
  // An expired station certificate is refused by the server anyway: say so once, clearly,
  // instead of parking every packet on it.
  if (auto own = CheckStationCertificate(); !own) {
    NoteRefusal(own.error(), "sync.station_cert_expired");
    summary.Note(own.error());
    return summary;
  }
  bool ok = true;
  auto packaged = Package(summary);
  if (packaged) {
    summary.packaged = *packaged;
  } else {
    ok = false;
    summary.Note(packaged.error());
    spdlog::warn("sync: packaging: {}", packaged.error().ToLogString());
  }
  auto sent = budget.count() > 0 ? worker_->Drain(budget, sleep) : worker_->SendDue();
  if (sent) {
    summary.sent = *sent;
    if (sent->retried > 0 || sent->parked > 0) ok = false;
    if (!sent->last_error.empty()) {
      summary.last_error = sent->last_error;
      summary.last_error_text = i18n::tr(sent->last_error);
    }
  } else {
    ok = false;
    summary.Note(sent.error());
  }
  auto pulled = worker_->PullStatus();
  if (pulled) {
    summary.statuses = *pulled;
  } else {
    ok = false;
    summary.Note(pulled.error());
    spdlog::info("sync: status pull: {}", pulled.error().ToLogString());
  }
  summary.reached_server = ok;
  if (ok) {
    last_refusal_.clear();
    // The freeze rule's clock ("too long since the last sync"); noted when something moved or
    // at most hourly, so an idle station does not fill the audit log.
    const auto now = clock_->Now();
    if (summary.sent.acknowledged > 0 || summary.statuses > 0 ||
        now - last_noted_success_ >= kSuccessNoteInterval) {
      if (auto noted = outbox_->NoteSuccessfulSync(); noted) {
        last_noted_success_ = now;
      } else {
        spdlog::warn("sync: last success not recorded: {}", noted.error().ToLogString());
      }
    }
  }
  return summary;
}

}  // namespace kiosk::sync
