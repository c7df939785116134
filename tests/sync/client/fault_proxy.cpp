#include "tests/sync/client/fault_proxy.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <stdexcept>

namespace kiosk::testing {

namespace {

sockaddr_in Loopback(int port) {
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = htons(static_cast<uint16_t>(port));
  return addr;
}

bool WriteAll(int fd, const char* data, size_t size) {
  while (size > 0) {
    ssize_t n = ::send(fd, data, size, MSG_NOSIGNAL);
    if (n <= 0) return false;
    data += n;
    size -= static_cast<size_t>(n);
  }
  return true;
}

}  // namespace

FaultProxy::FaultProxy(int target_port) : target_port_(target_port) {
  listen_fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
  int one = 1;
  ::setsockopt(listen_fd_, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  sockaddr_in addr = Loopback(0);
  if (::bind(listen_fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 ||
      ::listen(listen_fd_, 16) != 0) {
    throw std::runtime_error("proxy cannot listen");
  }
  socklen_t size = sizeof addr;
  ::getsockname(listen_fd_, reinterpret_cast<sockaddr*>(&addr), &size);
  port_ = ntohs(addr.sin_port);
  acceptor_ = std::thread([this] { AcceptLoop(); });
}

FaultProxy::~FaultProxy() {
  stopping_ = true;
  acceptor_.join();
  for (auto& relay : relays_) relay.join();
  ::close(listen_fd_);
}

void FaultProxy::ResetAfterBytes(uint64_t bytes, int connections) {
  std::lock_guard lock(mutex_);
  reset_after_ = bytes;
  reset_connections_ = connections;
}

bool FaultProxy::TakeReset() {
  std::lock_guard lock(mutex_);
  if (reset_connections_ == 0) return false;
  reset_connections_--;
  return true;
}

void FaultProxy::AcceptLoop() {
  while (!stopping_) {
    pollfd fd{listen_fd_, POLLIN, 0};
    if (::poll(&fd, 1, 50) <= 0) continue;
    int client = ::accept(listen_fd_, nullptr, nullptr);
    if (client < 0) continue;
    connections_++;
    uint64_t reset_after = 0;
    {
      std::lock_guard lock(mutex_);
      if (reset_connections_ > 0) reset_after = reset_after_;
    }
    relays_.emplace_back([this, client, reset_after] { Relay(client, reset_after); });
  }
}

void FaultProxy::Relay(int client_fd, uint64_t reset_after) {
  int server_fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in target = Loopback(target_port_);
  if (::connect(server_fd, reinterpret_cast<sockaddr*>(&target), sizeof target) != 0) {
    ::close(server_fd);
    ::close(client_fd);
    return;
  }
  uint64_t upstream = 0;
  char buffer[16384];
  bool reset = false;
  while (!stopping_) {
    pollfd fds[2] = {{client_fd, POLLIN, 0}, {server_fd, POLLIN, 0}};
    if (::poll(fds, 2, 50) <= 0) continue;
    if (fds[0].revents & (POLLIN | POLLHUP | POLLERR)) {
      ssize_t n = ::recv(client_fd, buffer, sizeof buffer, 0);
      if (n <= 0) break;
      if (int64_t delay = chunk_delay_ms_; delay > 0) {
        std::this_thread::sleep_for(std::chrono::milliseconds(delay));
      }
      upstream += static_cast<uint64_t>(n);
      if (reset_after > 0 && upstream > reset_after) {
        if (TakeReset()) {
          reset = true;
          break;
        }
        reset_after = 0;  // the budget went to another connection meanwhile
      }
      if (!WriteAll(server_fd, buffer, static_cast<size_t>(n))) break;
      upstream_bytes_ += static_cast<uint64_t>(n);
    }
    if (fds[1].revents & (POLLIN | POLLHUP | POLLERR)) {
      ssize_t n = ::recv(server_fd, buffer, sizeof buffer, 0);
      if (n <= 0) break;
      if (!WriteAll(client_fd, buffer, static_cast<size_t>(n))) break;
    }
  }
  if (reset) {
    // Linger 0: close() sends RST instead of FIN, as a torn network or a crashed middlebox does.
    linger hard{1, 0};
    ::setsockopt(client_fd, SOL_SOCKET, SO_LINGER, &hard, sizeof hard);
    ::setsockopt(server_fd, SOL_SOCKET, SO_LINGER, &hard, sizeof hard);
    resets_++;
  }
  ::close(client_fd);
  ::close(server_fd);
}

}  // namespace kiosk::testing
