#pragma once
// A TCP proxy on 127.0.0.1 that forwards to a target port and injects faults into the
// client → server direction: a connection reset (RST) after N bytes, or a slow link.
// It sees only TLS bytes: what it breaks is the transport, never the content.

#include <atomic>
#include <chrono>
#include <cstdint>
#include <mutex>
#include <thread>
#include <vector>

namespace kiosk::testing {

class FaultProxy {
 public:
  explicit FaultProxy(int target_port);
  ~FaultProxy();
  FaultProxy(const FaultProxy&) = delete;
  FaultProxy& operator=(const FaultProxy&) = delete;

  int port() const { return port_; }
  // The next `connections` connections that carry more than `bytes` client → server are reset
  // there; shorter connections (a certificate probe, a status request) pass untouched.
  void ResetAfterBytes(uint64_t bytes, int connections = 1);
  // Every chunk (up to 16 KiB) client → server waits this long: a slow uplink.
  void SetChunkDelay(std::chrono::milliseconds delay) { chunk_delay_ms_ = delay.count(); }
  int connections() const { return connections_; }
  int resets() const { return resets_; }
  // Bytes forwarded client → server, over all connections.
  uint64_t upstream_bytes() const { return upstream_bytes_; }

 private:
  void AcceptLoop();
  bool TakeReset();  // one reset from the budget, if any is left
  void Relay(int client_fd, uint64_t reset_after);

  int target_port_;
  int listen_fd_ = -1;
  int port_ = 0;
  std::atomic<bool> stopping_{false};
  std::atomic<int64_t> chunk_delay_ms_{0};
  std::atomic<int> connections_{0};
  std::atomic<int> resets_{0};
  std::atomic<uint64_t> upstream_bytes_{0};
  std::mutex mutex_;
  uint64_t reset_after_ = 0;
  int reset_connections_ = 0;
  std::thread acceptor_;
  std::vector<std::thread> relays_;
};

}  // namespace kiosk::testing
