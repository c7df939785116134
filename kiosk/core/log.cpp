#include "kiosk/core/log.h"

#include <cctype>
#include <mutex>

#include <spdlog/sinks/base_sink.h>
#include <spdlog/sinks/rotating_file_sink.h>
#include <spdlog/sinks/stdout_color_sinks.h>

namespace kiosk::log {
namespace {

bool IsHexOrBase64(unsigned char c) {
  return std::isalnum(c) || c == '+' || c == '/' || c == '=';
}

// Forwards each message to the wrapped sinks with its payload redacted.
class RedactingSink final : public spdlog::sinks::base_sink<std::mutex> {
 public:
  explicit RedactingSink(std::vector<spdlog::sink_ptr> targets) : targets_(std::move(targets)) {}

 protected:
  void sink_it_(const spdlog::details::log_msg& msg) override {
    std::string clean = Redact(std::string_view(msg.payload.data(), msg.payload.size()));
    spdlog::details::log_msg copy(msg.time, msg.source, msg.logger_name, msg.level, clean);
    copy.thread_id = msg.thread_id;
    for (auto& target : targets_) {
      if (target->should_log(copy.level)) target->log(copy);
    }
  }
  void flush_() override {
    for (auto& target : targets_) target->flush();
  }

 private:
  std::vector<spdlog::sink_ptr> targets_;
};

}  // namespace

std::string Redact(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  size_t i = 0;
  const size_t n = text.size();
  while (i < n) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    // A "word": letters, digits, non-ASCII bytes, and the characters of base64 and MRZ.
    if (std::isalnum(c) || c >= 0x80 || c == '<' || c == '+' || c == '/' || c == '=') {
      size_t j = i;
      size_t digits_run = 0, max_digits_run = 0;
      bool non_ascii = false, mrz = false, encoded = true;
      while (j < n) {
        unsigned char d = static_cast<unsigned char>(text[j]);
        bool word_char = std::isalnum(d) || d >= 0x80 || d == '<' || d == '+' || d == '/' ||
                         d == '=' || d == '_' || d == '-' || d == '.';
        // A '.' or '-' between digits keeps a number together (dates, plates).
        if (!word_char) break;
        if (std::isdigit(d)) {
          max_digits_run = std::max(max_digits_run, ++digits_run);
        } else if (d != '.' && d != '-' && d != '/') {
          digits_run = 0;
        }
        if (d >= 0x80) non_ascii = true;
        if (d == '<' && j + 1 < n && text[j + 1] == '<') mrz = true;
        if (!IsHexOrBase64(d)) encoded = false;
        ++j;
      }
      std::string_view word = text.substr(i, j - i);
      // A trailing '.' or '-' ends a sentence, not a number.
      while (!word.empty() && (word.back() == '.' || word.back() == '-')) {
        word.remove_suffix(1);
        --j;
      }
      if (word.empty()) {
        out += text[i++];
        continue;
      }
      if (mrz) out += "[mrz]";
      else if (non_ascii) out += "[text]";
      else if (max_digits_run >= 6) out += "[digits]";
      else if (encoded && word.size() >= 16) {
        // Long hex or base64 only: plain long English words have no digits or case changes.
        bool has_digit = false;
        for (unsigned char d : word) has_digit = has_digit || std::isdigit(d);
        out += has_digit ? std::string("[data]") : std::string(word);
      } else out += word;
      i = j;
      continue;
    }
    out += static_cast<char>(c);
    ++i;
  }
  return out;
}

void Init(const Options& options) {
  std::vector<spdlog::sink_ptr> targets;
  if (options.console) targets.push_back(std::make_shared<spdlog::sinks::stderr_color_sink_mt>());
  if (!options.file.empty()) {
    std::error_code ec;
    std::filesystem::create_directories(options.file.parent_path(), ec);
    try {
      targets.push_back(std::make_shared<spdlog::sinks::rotating_file_sink_mt>(
          options.file.string(), options.max_file_bytes, options.max_files));
    } catch (const spdlog::spdlog_ex& e) {
      // A log file we cannot open must not stop the station; say so on the console.
      if (options.console) fmt::print(stderr, "log: cannot open {}: {}\n", options.file.string(), e.what());
    }
  }
  auto sink = std::make_shared<RedactingSink>(std::move(targets));
  auto logger = std::make_shared<spdlog::logger>("kiosk", sink);
  logger->set_level(spdlog::level::from_str(options.level));
  logger->flush_on(spdlog::level::warn);
  spdlog::set_default_logger(logger);
}

}  // namespace kiosk::log
