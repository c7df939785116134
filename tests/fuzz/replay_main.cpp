// Replays fuzz inputs through a target's entry point without libFuzzer (no mutation): every
// file of the given files or directories, in name order. `kiosk_fuzz_replay <target> <path>…`.
// A finding aborts (the targets' own checks, the sanitizers of an ASan build); a clean pass
// prints how many inputs ran. Built in test builds; see tests/fuzz/CMakeLists.txt.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string_view>
#include <vector>

#define KIOSK_FUZZ_TARGET(name) extern "C" int KioskFuzz_##name(const uint8_t* data, size_t size);
#include "fuzz_replay_targets.inc"
#undef KIOSK_FUZZ_TARGET

namespace {

using Entry = int (*)(const uint8_t*, size_t);

struct Target {
  std::string_view name;
  Entry entry;
};

#define KIOSK_FUZZ_TARGET(name) Target{#name, &KioskFuzz_##name},
constexpr Target kTargets[] = {
#include "fuzz_replay_targets.inc"
};
#undef KIOSK_FUZZ_TARGET

std::vector<std::filesystem::path> Inputs(const std::filesystem::path& path) {
  std::vector<std::filesystem::path> files;
  if (std::filesystem::is_directory(path)) {
    for (const auto& entry : std::filesystem::recursive_directory_iterator(path)) {
      if (entry.is_regular_file()) files.push_back(entry.path());
    }
    std::sort(files.begin(), files.end());
  } else if (std::filesystem::exists(path)) {
    files.push_back(path);
  }
  return files;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr, "usage: %s <target> <file or directory>...\n", argv[0]);
    return 2;
  }
  const std::string_view wanted = argv[1];
  const auto target = std::find_if(std::begin(kTargets), std::end(kTargets),
                                   [&](const Target& t) { return t.name == wanted; });
  if (target == std::end(kTargets)) {
    std::fprintf(stderr, "unknown fuzz target %s\n", argv[1]);
    return 2;
  }
  size_t count = 0;
  for (int i = 2; i < argc; ++i) {
    for (const auto& file : Inputs(argv[i])) {
      std::ifstream in(file, std::ios::binary);
      const std::vector<uint8_t> bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
      std::printf("%s\n", file.filename().c_str());
      std::fflush(stdout);  // the last name printed is the input that aborted
      target->entry(bytes.data(), bytes.size());
      ++count;
    }
  }
  if (count == 0) {
    std::fprintf(stderr, "no inputs for %s\n", argv[1]);
    return 1;
  }
  std::printf("%zu inputs replayed through %s\n", count, argv[1]);
  return 0;
}
