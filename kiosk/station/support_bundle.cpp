#include "kiosk/station/support_bundle.h"

#include <zlib.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <cstring>
#include <regex>

#include "kiosk/core/i18n.h"

namespace kiosk::station {
namespace {

constexpr size_t kBlock = 512;

// width - 1 zero-padded octal digits, then NUL (values that do not fit keep their low digits:
// bundle members are small text files).
void PutOctal(char* field, size_t width, unsigned long long value) {
  for (size_t i = width - 1; i-- > 0;) {
    field[i] = static_cast<char>('0' + (value & 7));
    value >>= 3;
  }
  field[width - 1] = '\0';
}

std::array<char, kBlock> Header(const BundleMember& member, long long mtime) {
  std::array<char, kBlock> h{};
  std::memcpy(h.data(), member.name.data(), member.name.size());
  PutOctal(h.data() + 100, 8, 0644);
  PutOctal(h.data() + 108, 8, 0);
  PutOctal(h.data() + 116, 8, 0);
  PutOctal(h.data() + 124, 12, member.content.size());
  PutOctal(h.data() + 136, 12, static_cast<unsigned long long>(std::max(0LL, mtime)));
  h[156] = '0';
  std::memcpy(h.data() + 257, "ustar", 6);
  std::memcpy(h.data() + 263, "00", 2);
  std::memcpy(h.data() + 265, "kiosk", 5);
  std::memcpy(h.data() + 297, "kiosk", 5);
  std::memset(h.data() + 148, ' ', 8);
  unsigned sum = 0;
  for (char c : h) sum += static_cast<unsigned char>(c);
  PutOctal(h.data() + 148, 7, sum);  // six digits, NUL, then the space already there
  h[155] = ' ';
  return h;
}

Error IoError(const std::filesystem::path& file) {
  return Error::Io(N_("Could not write the support bundle {0}."), file.string())
      .WithArg(file.string());
}

bool ValidName(const std::string& name) {
  return !name.empty() && name.size() < 100 && name.front() != '/' &&
         name.find("..") == std::string::npos;
}

}  // namespace

Result<size_t> WriteTarGz(const std::filesystem::path& file, const std::vector<BundleMember>& members,
                          long long mtime_seconds) {
  for (const auto& m : members) {
    if (!ValidName(m.name) || IsForbiddenInBundle(m.name)) {
      return Fail(Error::InvalidArgument(N_("A support bundle may not hold {0}."), m.name).WithArg(m.name));
    }
  }
  gzFile out = gzopen(file.string().c_str(), "wb9");
  if (out == nullptr) return Fail(IoError(file));
  bool ok = true;
  auto write = [&](const char* data, size_t size) {
    if (size > 0 && gzwrite(out, data, static_cast<unsigned>(size)) != static_cast<int>(size)) {
      ok = false;
    }
  };
  const std::array<char, kBlock> zeros{};
  for (const auto& m : members) {
    auto header = Header(m, mtime_seconds);
    write(header.data(), header.size());
    write(m.content.data(), m.content.size());
    write(zeros.data(), (kBlock - m.content.size() % kBlock) % kBlock);
  }
  write(zeros.data(), kBlock);
  write(zeros.data(), kBlock);
  if (gzclose(out) != Z_OK) ok = false;
  if (!ok) return Fail(IoError(file));
  std::error_code ec;
  const auto size = std::filesystem::file_size(file, ec);
  if (ec) return Fail(IoError(file));
  std::filesystem::permissions(file, std::filesystem::perms::owner_read |
                                         std::filesystem::perms::owner_write, ec);
  return static_cast<size_t>(size);
}

Result<std::vector<BundleMember>> ReadTarGz(const std::filesystem::path& file) {
  const Error bad = Error::Parse(N_("{0} is not a support bundle."), file.string())
                        .WithArg(file.filename().string());
  gzFile in = gzopen(file.string().c_str(), "rb");
  if (in == nullptr) return Fail(bad);
  std::string data;
  std::array<char, 64 * 1024> buffer{};
  for (;;) {
    const int n = gzread(in, buffer.data(), static_cast<unsigned>(buffer.size()));
    if (n < 0) {
      gzclose(in);
      return Fail(bad);
    }
    if (n == 0) break;
    data.append(buffer.data(), static_cast<size_t>(n));
  }
  gzclose(in);
  std::vector<BundleMember> members;
  size_t pos = 0;
  while (pos + kBlock <= data.size()) {
    const char* h = data.data() + pos;
    if (h[0] == '\0') return members;  // end-of-archive blocks
    if (std::memcmp(h + 257, "ustar", 5) != 0) return Fail(bad);
    BundleMember m;
    m.name.assign(h, strnlen(h, 100));
    const unsigned long long size = std::strtoull(std::string(h + 124, 11).c_str(), nullptr, 8);
    pos += kBlock;
    if (pos + size > data.size()) return Fail(bad);
    m.content = data.substr(pos, size);
    pos += (size + kBlock - 1) / kBlock * kBlock;
    members.push_back(std::move(m));
  }
  return Fail(bad);
}

std::string ConfigWithoutSecrets(const Config& config) {
  Config copy = config;
  // "scheme://user:password@host" → "scheme://[credentials]@host"
  static const std::regex kCredentials(R"(^([A-Za-z][A-Za-z0-9+.-]*://)[^/@]*@)");
  copy.server.proxy = std::regex_replace(copy.server.proxy, kCredentials, "$1[credentials]@");
  copy.server.url = std::regex_replace(copy.server.url, kCredentials, "$1[credentials]@");
  return ToJson(copy);
}

bool IsForbiddenInBundle(const std::filesystem::path& name) {
  std::string lower = name.generic_string();
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  static const char* const kForbidden[] = {".db", ".sqlite", "-wal", "-shm", ".key", "key.pem",
                                           "drafts/", "draft", ".jpg", ".jp2", ".png", ".wsq",
                                           "blobs/", "data-key", ".p12", ".pfx"};
  for (const char* bad : kForbidden) {
    if (lower.find(bad) != std::string::npos) return true;
  }
  return false;
}

}  // namespace kiosk::station
