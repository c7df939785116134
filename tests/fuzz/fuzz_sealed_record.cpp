// libFuzzer target: a sealed record.json as the supervisor's review view reads it back from the
// store (ui/controllers/review_controller.cpp: parse, give the wizard's position its defaults,
// EnrollmentFromJson), and as Records::Seal reads it to compute the review flags
// (ReviewFlagsOfSealedItems). The store's copy is sealed, but a damaged or older copy must never
// crash the view or half-load; what loads must survive its own JSON form unchanged.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <span>

#include <nlohmann/json.hpp>

#include "kiosk/enrollment/enrollment.h"
#include "kiosk/enrollment/review_flags.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace kiosk::enrollment;
  // Any bytes: flags or "record_unreadable", never a crash.
  if (ReviewFlagsOfSealedItems({{"record.json", std::span<const uint8_t>(data, size)}}).empty() &&
      size == 0) {
    std::abort();
  }
  nlohmann::json json = nlohmann::json::parse(data, data + size, nullptr, false);
  if (json.is_discarded() || !json.is_object()) return 0;
  static const nlohmann::json kDefaults = Enrollment{};
  for (const char* key : {"current_step", "furthest_step"}) {
    if (!json.contains(key)) json[key] = kDefaults[key];
  }
  auto parsed = EnrollmentFromJson(json);
  if (!parsed) return 0;
  const nlohmann::json again = *parsed;
  auto reloaded = EnrollmentFromJson(again);
  if (!reloaded) std::abort();
  const nlohmann::json third = *reloaded;
  if (third != again) std::abort();
  return 0;
}
