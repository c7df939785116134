#pragma once
// The platform's PC/SC header: pcsc-lite on Linux and macOS, WinSCard on Windows.
#ifdef _WIN32
#include <windows.h>
#include <winscard.h>
#else
#include <PCSC/winscard.h>
#include <PCSC/wintypes.h>
#endif
