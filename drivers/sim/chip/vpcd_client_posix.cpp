#include <arpa/inet.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <charconv>
#include <thread>

#include "drivers/sim/chip/vpcd_client.h"
#include "kiosk/core/i18n.h"
#include "kiosk/core/log.h"

namespace kiosk::sim {
namespace {

constexpr auto kPollInterval = std::chrono::milliseconds(100);

class Socket {
 public:
  explicit Socket(int fd) : fd_(fd) {}
  ~Socket() {
    if (fd_ >= 0) ::close(fd_);
  }
  Socket(const Socket&) = delete;
  Socket& operator=(const Socket&) = delete;
  int fd() const { return fd_; }

 private:
  int fd_;
};

enum class ReadStatus { kOk, kClosed, kStopped, kError };

// Reads exactly size bytes, checking for a stop between polls.
ReadStatus ReadExactly(int fd, uint8_t* out, size_t size, const std::stop_token& stop) {
  size_t done = 0;
  while (done < size) {
    pollfd p{fd, POLLIN, 0};
    const int ready = ::poll(&p, 1, static_cast<int>(kPollInterval.count()));
    if (stop.stop_requested()) return ReadStatus::kStopped;
    if (ready < 0) {
      if (errno == EINTR) continue;
      return ReadStatus::kError;
    }
    if (ready == 0) continue;
    const ssize_t n = ::recv(fd, out + done, size - done, 0);
    if (n == 0) return ReadStatus::kClosed;
    if (n < 0) {
      if (errno == EINTR || errno == EAGAIN) continue;
      return ReadStatus::kError;
    }
    done += static_cast<size_t>(n);
    // vpcd writes the length and the APDU separately: acknowledge at once, or the next write
    // waits for the delayed ACK (~40 ms per APDU). Linux clears QUICKACK itself: re-arm it.
#ifdef TCP_QUICKACK
    int one = 1;
    ::setsockopt(fd, IPPROTO_TCP, TCP_QUICKACK, &one, sizeof one);
#endif
  }
  return ReadStatus::kOk;
}

bool WriteMessage(int fd, const emrtd::Bytes& payload) {
  emrtd::Bytes message{static_cast<uint8_t>(payload.size() >> 8),
                       static_cast<uint8_t>(payload.size())};
  message.insert(message.end(), payload.begin(), payload.end());
  size_t done = 0;
  while (done < message.size()) {
    const ssize_t n = ::send(fd, message.data() + done, message.size() - done, MSG_NOSIGNAL);
    if (n < 0) {
      if (errno == EINTR) continue;
      return false;
    }
    done += static_cast<size_t>(n);
  }
  return true;
}

int ConnectTo(const VpcdOptions& options) {
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  addrinfo* found = nullptr;
  const std::string port = std::to_string(options.port);
  if (::getaddrinfo(options.host.c_str(), port.c_str(), &hints, &found) != 0) return -1;
  int fd = -1;
  for (addrinfo* a = found; a != nullptr; a = a->ai_next) {
    fd = ::socket(a->ai_family, a->ai_socktype | SOCK_CLOEXEC, a->ai_protocol);
    if (fd < 0) continue;
    if (::connect(fd, a->ai_addr, a->ai_addrlen) == 0) break;
    ::close(fd);
    fd = -1;
  }
  ::freeaddrinfo(found);
  if (fd >= 0) {
    int one = 1;
    ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  }
  return fd;
}

void SleepUnlessStopped(std::chrono::milliseconds duration, const std::stop_token& stop) {
  const auto until = std::chrono::steady_clock::now() + duration;
  while (!stop.stop_requested() && std::chrono::steady_clock::now() < until) {
    std::this_thread::sleep_for(std::min(kPollInterval, duration));
  }
}

}  // namespace

Result<VpcdOptions> ParseVpcdAddress(std::string_view text) {
  VpcdOptions options;
  const size_t colon = text.rfind(':');
  std::string_view host = colon == std::string_view::npos ? text : text.substr(0, colon);
  if (!host.empty()) options.host = std::string(host);
  if (colon != std::string_view::npos) {
    const std::string_view port = text.substr(colon + 1);
    unsigned value = 0;
    auto [end, ec] = std::from_chars(port.data(), port.data() + port.size(), value);
    if (ec != std::errc() || end != port.data() + port.size() || value == 0 || value > 65535) {
      return Fail(
          Error::InvalidArgument(N_("The vpcd address must be HOST:PORT."), std::string(text)));
    }
    options.port = static_cast<uint16_t>(value);
  }
  return options;
}

VpcdClient::Connection VpcdClient::Serve(int fd, const std::stop_token& stop) {
  while (!stop.stop_requested()) {
    uint8_t length_bytes[2];
    if (ReadExactly(fd, length_bytes, 2, stop) != ReadStatus::kOk) return Connection::kClosed;
    const size_t length = static_cast<size_t>(length_bytes[0]) << 8 | length_bytes[1];
    emrtd::Bytes payload(length);
    if (length > 0 && ReadExactly(fd, payload.data(), length, stop) != ReadStatus::kOk) {
      return Connection::kClosed;
    }
    if (length == 1) {
      switch (payload[0]) {
        case 0:  // power off
        case 1:  // power on
        case 2:  // reset
          card_.Reset();
          break;
        case 4:  // ATR
          if (!WriteMessage(fd, card_.Atr())) return Connection::kClosed;
          break;
        default:
          break;
      }
      continue;
    }
    auto response = card_.Process(payload);
    if (!response) return Connection::kPulled;
    ++apdus_served_;
    if (options_.sleep_modelled_time) {
      const auto time = card_.ModelledTime(payload.size(), response->size());
      if (time.count() > 0) std::this_thread::sleep_for(time);
    }
    if (!WriteMessage(fd, *response)) return Connection::kClosed;
  }
  return Connection::kClosed;
}

Result<void> VpcdClient::Run(std::stop_token stop) {
  while (!stop.stop_requested()) {
    Connection ended = Connection::kClosed;
    {
      Socket socket(ConnectTo(options_));
      if (socket.fd() < 0) {
        SleepUnlessStopped(std::chrono::milliseconds(200), stop);
        continue;
      }
      ++connections_;
      card_.Reset();
      ended = Serve(socket.fd(), stop);
    }
    // The socket is closed by now: that is the card leaving the reader, which pcscd notices at
    // once (the APDU in flight fails). Closing it only after the delay, as this once did, left
    // pcscd waiting for an answer forever: a mute card, not a pulled one.
    const bool pulled = ended == Connection::kPulled;
    if (pulled)
      spdlog::info("chip emulator: card pulled, back in {} ms", options_.reinsert_delay.count());
    SleepUnlessStopped(pulled ? options_.reinsert_delay : std::chrono::milliseconds(200), stop);
  }
  return {};
}

}  // namespace kiosk::sim
