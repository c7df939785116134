#pragma once
// Waits until a connected socket has something to read (data, an alert, or the peer's close).
// Platform files: socket_wait_posix.cpp (poll), socket_wait_win.cpp (WSAPoll).

#include <curl/curl.h>

#include <chrono>

namespace kiosk::sync {

enum class SocketWait { kReadable, kTimedOut, kFailed };

SocketWait WaitReadable(curl_socket_t socket, std::chrono::milliseconds timeout);

}  // namespace kiosk::sync
