#include <winsock2.h>

#include "sync/client/socket_wait.h"

namespace kiosk::sync {

SocketWait WaitReadable(NativeSocket socket, std::chrono::milliseconds timeout) {
  WSAPOLLFD entry{};
  entry.fd = static_cast<SOCKET>(socket);
  entry.events = POLLRDNORM;
  int ready = ::WSAPoll(&entry, 1, static_cast<INT>(timeout.count()));
  if (ready > 0) return SocketWait::kReadable;
  if (ready == 0) return SocketWait::kTimedOut;
  return SocketWait::kFailed;
}

}  // namespace kiosk::sync
