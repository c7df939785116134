#include "kiosk/core/i18n.h"

#include <cstdint>
#include <cstring>
#include <fstream>
#include <iterator>
#include <mutex>
#include <sstream>

#include "kiosk/core/paths.h"

namespace kiosk::i18n {
namespace {

constexpr uint32_t kMoMagic = 0x950412de;
constexpr uint32_t kMoMagicSwapped = 0xde120495;

uint32_t ReadU32(std::string_view bytes, size_t offset, bool swap) {
  uint32_t v;
  std::memcpy(&v, bytes.data() + offset, 4);
  if (swap) v = (v >> 24) | ((v >> 8) & 0xff00u) | ((v << 8) & 0xff0000u) | (v << 24);
  return v;
}

struct State {
  std::mutex mutex;
  std::string language = "vi";
  std::shared_ptr<const Catalog> catalog = std::make_shared<Catalog>();
};

State& GetState() {
  static State state;
  return state;
}

}  // namespace

Result<Catalog> Catalog::ParseMo(std::string_view bytes) {
  auto bad = [](std::string detail) {
    return Fail(Error::Parse("The translation catalog is damaged.", std::move(detail)));
  };
  if (bytes.size() < 28) return bad("too short");
  uint32_t magic;
  std::memcpy(&magic, bytes.data(), 4);
  bool swap;
  if (magic == kMoMagic) swap = false;
  else if (magic == kMoMagicSwapped) swap = true;
  else return bad("bad magic");
  uint32_t count = ReadU32(bytes, 8, swap);
  uint32_t originals = ReadU32(bytes, 12, swap);
  uint32_t translations = ReadU32(bytes, 16, swap);
  auto table_ok = [&](uint32_t table) {
    return table <= bytes.size() && count <= (bytes.size() - table) / 8;
  };
  if (!table_ok(originals) || !table_ok(translations)) return bad("table out of range");
  Catalog catalog;
  for (uint32_t i = 0; i < count; ++i) {
    uint32_t olen = ReadU32(bytes, originals + 8 * i, swap);
    uint32_t ooff = ReadU32(bytes, originals + 8 * i + 4, swap);
    uint32_t tlen = ReadU32(bytes, translations + 8 * i, swap);
    uint32_t toff = ReadU32(bytes, translations + 8 * i + 4, swap);
    if (ooff > bytes.size() || olen > bytes.size() - ooff || toff > bytes.size() ||
        tlen > bytes.size() - toff) {
      return bad("string out of range");
    }
    std::string_view original = bytes.substr(ooff, olen);
    std::string_view translation = bytes.substr(toff, tlen);
    if (original.empty()) continue;  // the header entry
    // Plural forms hold "singular\0plural"; keep the singular's first translation.
    original = original.substr(0, original.find('\0'));
    translation = translation.substr(0, translation.find('\0'));
    if (!translation.empty()) catalog.entries_.emplace(original, translation);
  }
  return catalog;
}

Result<Catalog> Catalog::LoadMo(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    return Fail(Error::NotFound("The translation catalog is missing.", file.string()));
  }
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  auto catalog = ParseMo(bytes);
  if (!catalog) return Fail(std::move(catalog).error().WithContext(file.string()));
  return catalog;
}

std::string_view Catalog::Translate(std::string_view msgid) const {
  auto it = entries_.find(msgid);
  return it == entries_.end() ? msgid : std::string_view(it->second);
}

bool IsSupportedLanguage(std::string_view lang) { return lang == "vi" || lang == "en"; }

Result<void> SetLanguage(std::string_view lang, const std::filesystem::path& locale_dir) {
  if (!IsSupportedLanguage(lang)) {
    return Fail(Error::InvalidArgument("Unsupported language {0}: choose vi or en.")
                    .WithArg(std::string(lang)));
  }
  auto catalog = std::make_shared<Catalog>();
  if (lang != "en") {
    auto loaded = Catalog::LoadMo(locale_dir / lang / "LC_MESSAGES" / "kiosk.mo");
    if (!loaded) return Fail(std::move(loaded).error());
    catalog = std::make_shared<Catalog>(std::move(*loaded));
  }
  State& state = GetState();
  std::lock_guard lock(state.mutex);
  state.language = std::string(lang);
  state.catalog = std::move(catalog);
  return {};
}

Result<void> SetLanguage(std::string_view lang) { return SetLanguage(lang, paths::LocaleDir()); }

std::string CurrentLanguage() {
  State& state = GetState();
  std::lock_guard lock(state.mutex);
  return state.language;
}

std::string Translate(std::string_view msgid) {
  State& state = GetState();
  std::shared_ptr<const Catalog> catalog;
  {
    std::lock_guard lock(state.mutex);
    catalog = state.catalog;
  }
  return std::string(catalog->Translate(msgid));
}

std::string tr(std::string_view msgid) { return Translate(msgid); }

}  // namespace kiosk::i18n
