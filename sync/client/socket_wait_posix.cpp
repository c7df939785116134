#include <poll.h>

#include <cerrno>

#include "sync/client/socket_wait.h"

namespace kiosk::sync {

SocketWait WaitReadable(NativeSocket socket, std::chrono::milliseconds timeout) {
  pollfd entry{};
  entry.fd = socket;
  entry.events = POLLIN;
  for (;;) {
    int ready = ::poll(&entry, 1, static_cast<int>(timeout.count()));
    if (ready > 0) return SocketWait::kReadable;  // POLLHUP/POLLERR too: the read will say
    if (ready == 0) return SocketWait::kTimedOut;
    if (errno != EINTR) return SocketWait::kFailed;
  }
}

}  // namespace kiosk::sync
