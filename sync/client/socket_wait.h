#pragma once
// Waits until a connected socket has something to read (data, an alert, or the peer's close).
// Platform files: socket_wait_posix.cpp (poll), socket_wait_win.cpp (WSAPoll).

#include <chrono>
#include <cstdint>

namespace kiosk::sync {

// curl_socket_t without curl's header: SOCKET (an unsigned pointer-sized value) on Windows.
#if defined(_WIN32)
using NativeSocket = std::uintptr_t;
#else
using NativeSocket = int;
#endif

enum class SocketWait { kReadable, kTimedOut, kFailed };

SocketWait WaitReadable(NativeSocket socket, std::chrono::milliseconds timeout);

}  // namespace kiosk::sync
