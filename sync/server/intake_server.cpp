#include "sync/server/intake_server.h"

#include <httplib.h>
#include <nlohmann/json.hpp>
#include <openssl/ssl.h>
#include <openssl/x509v3.h>

#include <cstdlib>

#include "kiosk/core/i18n.h"
#include "kiosk/core/log.h"
#include "sync/packet/cms.h"
#include "sync/packet/packet.h"
#include "sync/packet/receipt.h"
#include "sync/station/standard_records.h"

namespace kiosk::sync::server {

namespace {

int ServerExIndex() {
  static const int index = SSL_CTX_get_ex_new_index(0, nullptr, nullptr, nullptr, nullptr);
  return index;
}

std::string Now() { return IsoUtc(std::chrono::system_clock::now()); }

void SendJson(httplib::Response& res, int status, const nlohmann::json& body) {
  res.status = status;
  res.set_content(body.dump(), "application/json");
}

void SendError(httplib::Response& res, int status, const Error& error) {
  SendJson(res, status, {{"error", ToString(error.code())}, {"message", error.EnglishMessage()}});
}

// The station id is the CN of the TLS client certificate (verified against the CA by OpenSSL
// during the handshake).
std::string PeerStationId(const httplib::Request& req) {
  if (req.ssl == nullptr) return {};
  X509Ptr peer(SSL_get1_peer_certificate(req.ssl));
  return peer ? CommonName(peer.get()) : std::string();
}

int HttpStatusFor(ErrorCode code) {
  switch (code) {
    case ErrorCode::kVerificationFailed: return 403;
    case ErrorCode::kCorrupt: return 422;
    case ErrorCode::kConflict: return 409;
    case ErrorCode::kIo:
    case ErrorCode::kInternal: return 500;
    default: return 400;
  }
}

}  // namespace

Result<std::unique_ptr<IntakeServer>> IntakeServer::Create(IntakeServerOptions options) {
  std::unique_ptr<IntakeServer> server(new IntakeServer());
  auto credentials = LoadCredentials(options.dir / "server.pem", options.dir / "server.key");
  if (!credentials) return Fail(credentials.error());
  server->credentials_ = std::move(*credentials);
  auto ca = LoadTrustStore(options.dir / "ca.pem");
  if (!ca) return Fail(ca.error());
  server->station_ca_ = std::move(*ca);
  if (!options.register_file.empty()) {
    auto reg = PopulationRegister::Load(options.register_file);
    if (!reg) return Fail(reg.error());
    server->register_ = std::move(*reg);
  }
  auto store = PacketStore::Open(options.dir / "intake.db");
  if (!store) return Fail(store.error());
  server->store_ = std::move(*store);
  server->options_ = std::move(options);

  IntakeServer* self = server.get();
  auto http = std::make_unique<httplib::SSLServer>([self](SSL_CTX& ctx) {
    SSL_CTX_set_min_proto_version(&ctx, TLS1_2_VERSION);
    if (SSL_CTX_use_certificate(&ctx, self->credentials_.cert.get()) != 1 ||
        SSL_CTX_use_PrivateKey(&ctx, self->credentials_.key.get()) != 1 ||
        SSL_CTX_check_private_key(&ctx) != 1) {
      return false;
    }
    auto ca = LoadTrustStore(self->options_.dir / "ca.pem");
    if (!ca) return false;
    // Stations must present a client-authentication certificate from the central CA.
    X509_STORE_set_purpose(ca->get(), X509_PURPOSE_SSL_CLIENT);
    SSL_CTX_set_cert_store(&ctx, ca->release());  // the context owns it now
    auto ca_cert = LoadCertificate(self->options_.dir / "ca.pem");
    if (!ca_cert) return false;
    SSL_CTX_add_client_CA(&ctx, ca_cert->get());
    // Needed for session resumption with client certificates: without it OpenSSL aborts a
    // resumed handshake (a station reconnecting after a reset) with an internal error.
    static constexpr unsigned char kSessionContext[] = "kiosk-intake";
    SSL_CTX_set_session_id_context(&ctx, kSessionContext, sizeof kSessionContext - 1);
    SSL_CTX_set_ex_data(&ctx, ServerExIndex(), self);
    SSL_CTX_set_verify(&ctx, SSL_VERIFY_PEER | SSL_VERIFY_FAIL_IF_NO_PEER_CERT, &IntakeServer::VerifyPeer);
    return true;
  });
  if (!http->is_valid()) {
    return Fail(OpenSslFailure(ErrorCode::kCrypto, N_("The server's TLS set-up failed.")));
  }
  http->set_payload_max_length(server->options_.max_packet_bytes);
  http->set_keep_alive_max_count(1000);
  // An idle kept-alive connection holds a worker thread (and delays Stop) this long.
  http->set_keep_alive_timeout(2);
  http->set_read_timeout(std::chrono::seconds(30));
  server->http_ = std::move(http);
  server->InstallRoutes();
  return server;
}

IntakeServer::~IntakeServer() { Stop(); }

int IntakeServer::VerifyPeer(int preverify_ok, X509_STORE_CTX* ctx) {
  if (preverify_ok == 1) return 1;
  auto* ssl = static_cast<SSL*>(X509_STORE_CTX_get_ex_data(ctx, SSL_get_ex_data_X509_STORE_CTX_idx()));
  auto* self = ssl != nullptr
                   ? static_cast<IntakeServer*>(SSL_CTX_get_ex_data(SSL_get_SSL_CTX(ssl), ServerExIndex()))
                   : nullptr;
  if (self != nullptr) {
    X509* cert = X509_STORE_CTX_get_current_cert(ctx);
    std::string subject = cert != nullptr ? CommonName(cert) : std::string();
    self->AuditRefusal("tls_client_refused", subject, {},
                       X509_verify_cert_error_string(X509_STORE_CTX_get_error(ctx)));
  }
  return 0;
}

void IntakeServer::AuditRefusal(const std::string& event, const std::string& station_id,
                                const std::string& packet_id, const std::string& detail) {
  spdlog::warn("intake: {} (station {}, packet {}): {}", event, station_id, packet_id, detail);
  (void)store_->Audit(Now(), event, station_id, packet_id, detail);
}

// Faults are applied inside the handlers, after httplib has read the body, so a faulty answer
// never leaves half a request on a kept-alive connection.
bool IntakeServer::ApplyFault(const httplib::Request& req, httplib::Response& res) {
  if (!options_.fault) return false;
  FaultAction action = options_.fault(req.method, req.path);
  if (action.delay.count() > 0) std::this_thread::sleep_for(action.delay);
  if (action.http_status == 0) return false;
  res.status = action.http_status;
  res.set_content(R"({"error":"injected","message":"Injected fault."})", "application/json");
  return true;
}

void IntakeServer::InstallRoutes() {
  http_->Put(R"(/v1/packets/([A-Za-z0-9._-]{1,64}))", [this](const httplib::Request& req,
                                                           httplib::Response& res) {
    if (ApplyFault(req, res)) return;
    std::string url_id = req.matches[1];
    std::string peer = PeerStationId(req);
    std::vector<uint8_t> bytes(req.body.begin(), req.body.end());
    auto opened = OpenPacket(bytes, credentials_, station_ca_.get());
    if (!opened) {
      AuditRefusal("packet_refused", peer, url_id, opened.error().ToLogString());
      SendError(res, HttpStatusFor(opened.error().code()), opened.error());
      return;
    }
    if (opened->packet_id != url_id) {
      Error error = Error::InvalidArgument(N_("The packet id in the address does not match the packet."));
      AuditRefusal("packet_refused", peer, url_id, error.ToLogString());
      SendError(res, 400, error);
      return;
    }
    if (opened->station_id != peer) {
      Error error(ErrorCode::kVerificationFailed,
                  N_("The packet was signed by another station than the one sending it."));
      AuditRefusal("packet_refused", peer, url_id, error.ToLogString());
      SendError(res, 403, error);
      return;
    }
    if (auto valid = ValidateStandardRecords(opened->blobs); !valid) {
      AuditRefusal("packet_refused", peer, url_id, valid.error().ToLogString());
      SendError(res, HttpStatusFor(valid.error().code()), valid.error());
      return;
    }
    StoredPacket row;
    row.packet_id = opened->packet_id;
    row.content_hash = opened->content_hash;
    row.station_id = opened->station_id;
    row.received_at = Now();
    auto receipt = SignReceipt({row.packet_id, row.content_hash, row.station_id, row.received_at},
                               credentials_);
    if (!receipt) {
      SendError(res, 500, receipt.error());
      return;
    }
    row.receipt = std::move(*receipt);
    StoredPacket existing;
    auto outcome = store_->Insert(row, bytes, &existing);
    if (!outcome) {
      if (outcome.error().code() == ErrorCode::kConflict) {
        AuditRefusal("packet_conflict", peer, url_id, "same id, different content hash");
      }
      SendError(res, HttpStatusFor(outcome.error().code()), outcome.error());
      return;
    }
    bool duplicate = *outcome == InsertOutcome::kDuplicate;
    if (duplicate) {
      (void)store_->Audit(Now(), "packet_replayed", peer, url_id, "original receipt returned");
      row = std::move(existing);
    } else {
      (void)store_->Audit(Now(), "packet_stored", peer, url_id, {});
      wake_.notify_all();
    }
    SendJson(res, duplicate ? 200 : 201,
             {{"packet_id", row.packet_id},
              {"content_hash", row.content_hash},
              {"received_at", row.received_at},
              {"duplicate", duplicate},
              {"receipt", Base64Encode(row.receipt.data(), row.receipt.size())}});
  });

  http_->Get(R"(/v1/packets/([A-Za-z0-9._-]{1,64}))", [this](const httplib::Request& req,
                                                           httplib::Response& res) {
    if (ApplyFault(req, res)) return;
    auto found = store_->Find(req.matches[1]);
    if (!found) {
      SendError(res, 500, found.error());
      return;
    }
    // Another station's packet is answered as unknown: a station learns only about its own.
    if (!found->has_value() || (*found)->station_id != PeerStationId(req)) {
      SendError(res, 404, Error::NotFound(N_("The central server has no such record.")));
      return;
    }
    const StoredPacket& row = **found;
    SendJson(res, 200, {{"packet_id", row.packet_id}, {"content_hash", row.content_hash},
                        {"received_at", row.received_at}, {"status", row.status},
                        {"reason", row.reason}, {"changed_at", row.changed_at}});
  });

  http_->Get("/v1/status", [this](const httplib::Request& req, httplib::Response& res) {
    if (ApplyFault(req, res)) return;
    int64_t since = 0;
    if (req.has_param("since") && !req.get_param_value("since").empty()) {
      const std::string text = req.get_param_value("since");
      char* end = nullptr;
      since = std::strtoll(text.c_str(), &end, 10);
      if (end == nullptr || *end != '\0' || since < 0) {
        SendError(res, 400, Error::InvalidArgument(N_("The status cursor is malformed.")));
        return;
      }
    }
    auto events = store_->EventsSince(PeerStationId(req), since, 500);
    if (!events) {
      SendError(res, 500, events.error());
      return;
    }
    nlohmann::json changes = nlohmann::json::array();
    int64_t cursor = since;
    for (const auto& event : *events) {
      changes.push_back({{"packet_id", event.change.packet_id},
                         {"status", ToString(event.change.status)},
                         {"reason", event.change.reason},
                         {"changed_at", event.change.changed_at}});
      cursor = event.seq;
    }
    SendJson(res, 200, {{"changes", changes}, {"next_cursor", std::to_string(cursor)}});
  });

  http_->Get("/v1/trust", [this](const httplib::Request& req, httplib::Response& res) {
    if (ApplyFault(req, res)) return;
    std::filesystem::path file =
        options_.trust_file.empty() ? options_.dir / "trust.json" : options_.trust_file;
    if (!std::filesystem::exists(file)) {
      SendError(res, 404, Error::NotFound(N_("No trust update is published.")));
      return;
    }
    auto content = ReadBinaryFile(file);
    auto signed_der = content ? SignCms(content->data(), content->size(), credentials_)
                              : Result<std::vector<uint8_t>>(Fail(content.error()));
    if (!signed_der) {
      SendError(res, 500, signed_der.error());
      return;
    }
    res.status = 200;
    res.set_content(std::string(signed_der->begin(), signed_der->end()),
                    "application/pkcs7-mime; smime-type=signed-data");
  });

  // The certificate packets are encrypted to. Stations verify it against the central CA they
  // pin before using it (sync/client/server_certificate.h).
  http_->Get("/v1/certificate", [this](const httplib::Request& req, httplib::Response& res) {
    if (ApplyFault(req, res)) return;
    res.status = 200;
    res.set_content(CertificateToPem(credentials_.cert.get()), "application/x-pem-file");
  });

  http_->Get("/v1/health", [](const httplib::Request&, httplib::Response& res) {
    SendJson(res, 200, {{"status", "ok"}, {"time", Now()}});
  });
}

Result<int> IntakeServer::Start() {
  if (options_.port == 0) {
    port_ = http_->bind_to_any_port(options_.host);
  } else {
    port_ = http_->bind_to_port(options_.host, options_.port) ? options_.port : -1;
  }
  if (port_ <= 0) {
    return Fail(Error(ErrorCode::kIo, N_("Cannot listen on port {0}."), options_.host)
                    .WithArg(std::to_string(options_.port)));
  }
  started_ = true;
  listener_ = std::thread([this] { http_->listen_after_bind(); });
  // stop() is ignored until the listener runs: wait for it so that Stop() always ends Serve.
  for (int i = 0; i < 500 && !http_->is_running(); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
  processor_ = std::thread([this] { ProcessingLoop(); });
  return port_;
}

Result<void> IntakeServer::Serve() {
  auto started = Start();
  if (!started) return Fail(started.error());
  listener_.join();
  return {};
}

void IntakeServer::Stop() {
  {
    std::lock_guard lock(mutex_);
    if (stopping_) return;
    stopping_ = true;
  }
  wake_.notify_all();
  if (http_) http_->stop();
  if (listener_.joinable() && listener_.get_id() != std::this_thread::get_id()) listener_.join();
  if (processor_.joinable()) processor_.join();
}

void IntakeServer::ProcessingLoop() {
  while (true) {
    {
      std::unique_lock lock(mutex_);
      if (stopping_) return;
    }
    // Packets left in "processing" by a crash are decided again: the decision is deterministic.
    std::vector<std::string> pending;
    for (CentralStatus status : {CentralStatus::kProcessing, CentralStatus::kReceived}) {
      auto ids = store_->InStatus(status);
      if (ids) pending.insert(pending.end(), ids->begin(), ids->end());
    }
    for (const auto& id : pending) {
      {
        std::lock_guard lock(mutex_);
        if (stopping_) return;
      }
      ProcessOne(id);
    }
    std::unique_lock lock(mutex_);
    if (stopping_) return;
    wake_.wait_for(lock, std::chrono::milliseconds(500));
  }
}

void IntakeServer::ProcessOne(const std::string& packet_id) {
  auto found = store_->Find(packet_id);
  if (!found || !found->has_value()) return;
  if ((*found)->status == ToString(CentralStatus::kReceived)) {
    (void)store_->SetStatus(packet_id, CentralStatus::kProcessing, {}, Now());
  }
  if (options_.processing_delay.count() > 0) {
    std::unique_lock lock(mutex_);
    wake_.wait_for(lock, options_.processing_delay, [this] { return stopping_; });
    if (stopping_) return;
  }
  RegisterDecision decision;
  auto bytes = store_->PacketBytes(packet_id);
  auto opened = bytes ? OpenPacket(*bytes, credentials_, station_ca_.get())
                      : Result<OpenedPacket>(Fail(bytes.error()));
  if (!opened) {
    decision = {false, N_("The packet could not be processed.")};
  } else {
    decision = register_.Decide(opened->fields);
  }
  (void)store_->SetStatus(packet_id,
                          decision.approved ? CentralStatus::kApproved : CentralStatus::kNotAccepted,
                          decision.reason, Now());
}

}  // namespace kiosk::sync::server
