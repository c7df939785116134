#pragma once
// Logging through spdlog, with one redaction rule applied to every line before any sink sees it:
// no ID number, name, address, key or image ever reaches a log.
//
// The rule (see Redact):
//  - any run of 6 or more digits (ID numbers, old CMND numbers, CAN, phone numbers, dates written
//    without separators) becomes [digits];
//  - any run of 16 or more hex or base64 characters (keys, hashes, image data) becomes [data];
//  - any word with a non-ASCII letter (Vietnamese names, addresses: logs are written in English,
//    so such a word can only be citizen data) becomes [text];
//  - MRZ lines (runs with '<<') become [mrz].
// Code should still never pass citizen data to the logger: wrap it in kiosk::Redacted when a
// value must be mentioned.

#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

#include <spdlog/spdlog.h>

namespace kiosk::log {

struct Options {
  std::string level = "info";        // trace, debug, info, warn, error, off
  std::filesystem::path file;        // rotating log file; empty: no file
  bool console = true;               // stderr
  size_t max_file_bytes = 5 * 1024 * 1024;
  size_t max_files = 5;
};

// Installs the process-wide default logger. Safe to call again (replaces it).
void Init(const Options& options);

// The redaction rule, exposed for tests and for the support bundle.
std::string Redact(std::string_view text);

}  // namespace kiosk::log

namespace kiosk {

// A value that must never be printed: formats as "[redacted]".
template <class T>
struct Redacted {
  const T& value;
};
template <class T>
Redacted(const T&) -> Redacted<T>;

}  // namespace kiosk

template <class T>
struct fmt::formatter<kiosk::Redacted<T>> : fmt::formatter<std::string_view> {
  template <class Context>
  auto format(const kiosk::Redacted<T>&, Context& ctx) const {
    return fmt::formatter<std::string_view>::format("[redacted]", ctx);
  }
};
