#pragma once
// The reference central intake server (HTTPS, client certificates from its own CA). The API is
// documented in docs/intake-api.md:
//   PUT  /v1/packets/{id}       store a sealed packet (idempotent by id + content hash)
//   GET  /v1/packets/{id}       the current status of one of the caller's packets
//   GET  /v1/status?since=N     the caller's status changes after cursor N
//   GET  /v1/trust              the signed trust update (CSCA master list, settings), if any
//   GET  /v1/certificate        the server's certificate that packets are encrypted to (PEM)
//   GET  /v1/health             liveness
// A processing thread moves each packet received → processing → approved | not_accepted,
// checking the identity against the population register.

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "kiosk/core/clock.h"
#include "kiosk/core/result.h"
#include "sync/packet/openssl_util.h"
#include "sync/server/packet_store.h"
#include "sync/server/population_register.h"

namespace httplib {
class Server;
struct Request;
struct Response;
}

namespace kiosk::sync::server {

// What a fault-injecting test wants the server to do with one request instead of serving it.
struct FaultAction {
  int http_status = 0;                   // non-zero: answer this status with an empty body
  std::chrono::milliseconds delay{0};    // wait this long first
};

struct IntakeServerOptions {
  std::filesystem::path dir;             // the PKI directory (pki init) and intake.db
  std::string host = "127.0.0.1";
  int port = 0;                          // 0: any free port (see IntakeServer::port)
  std::filesystem::path register_file;   // empty: every complete record is approved
  std::chrono::milliseconds processing_delay{0};  // time spent "processing" each packet
  size_t max_packet_bytes = 64u << 20;
  // The trust update published to stations (any bytes, typically JSON with the CSCA master list
  // and settings); served signed by the server key. Empty: <dir>/trust.json when it exists.
  std::filesystem::path trust_file;
  // Test seam: consulted for every API request (method, path) once its body is read; the
  // delay models a slow server (the request is still served after it).
  std::function<FaultAction(const std::string& method, const std::string& path)> fault;
};

class IntakeServer {
 public:
  static Result<std::unique_ptr<IntakeServer>> Create(IntakeServerOptions options);
  ~IntakeServer();
  IntakeServer(const IntakeServer&) = delete;
  IntakeServer& operator=(const IntakeServer&) = delete;

  // Binds and serves on background threads; returns the port.
  Result<int> Start();
  // Blocks serving until Stop() (from another thread or a signal handler's thread).
  Result<void> Serve();
  void Stop();
  int port() const { return port_; }
  PacketStore& store() { return *store_; }

 private:
  IntakeServer() = default;
  void InstallRoutes();
  bool ApplyFault(const httplib::Request& req, httplib::Response& res);
  void ProcessingLoop();
  void ProcessOne(const std::string& packet_id);
  void AuditRefusal(const std::string& event, const std::string& station_id,
                    const std::string& packet_id, const std::string& detail);
  static int VerifyPeer(int preverify_ok, X509_STORE_CTX* ctx);

  IntakeServerOptions options_;
  Credentials credentials_;
  StorePtr station_ca_;
  PopulationRegister register_;
  std::unique_ptr<PacketStore> store_;
  std::unique_ptr<httplib::Server> http_;
  int port_ = 0;
  std::thread listener_;
  std::thread processor_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::atomic<bool> started_{false};
};

}  // namespace kiosk::sync::server
