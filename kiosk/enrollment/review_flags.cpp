#include "kiosk/enrollment/review_flags.h"

#include <algorithm>
#include <set>

#include <nlohmann/json.hpp>

#include "kiosk/core/i18n.h"
#include "kiosk/emrtd/lds/dg14.h"
#include "kiosk/emrtd/lds/sod.h"
#include "kiosk/enrollment/captures.h"
#include "kiosk/enrollment/sealed_layout.h"
#include "kiosk/enrollment/workflow.h"

namespace kiosk::enrollment {

namespace {

// The data groups the chip's signed security object lists: from the sealed EF.SOD itself when it
// parses (what the issuer signed), joined with what the record says it listed.
std::set<int> SodDataGroups(const ChipResult& chip, const ChipFiles& files) {
  std::set<int> listed(chip.sod_data_groups.begin(), chip.sod_data_groups.end());
  if (auto sod = files.find(kEfSod); sod != files.end() && !sod->second.empty()) {
    if (auto parsed = emrtd::Sod::Parse(sod->second)) {
      for (const auto& [dg, hash] : parsed->security_object().data_group_hashes) listed.insert(dg);
    }
  }
  return listed;
}

// DG14 listed means a Chip Authentication key unless the DG14 that was read shows none (DG14 can
// carry only Active Authentication's algorithm). A DG14 the chip hid counts as holding a key.
bool HasChipAuthenticationKey(const ChipFiles& files) {
  auto dg14 = files.find(kDg14);
  if (dg14 == files.end() || dg14->second.empty()) return true;
  auto parsed = emrtd::ParseDg14(dg14->second);
  return !parsed || parsed->SupportsChipAuthentication();
}

void ChipFlags(const IdentityItem& identity, const ChipFiles& files, std::vector<std::string>& out) {
  if (!identity.chip || !identity.chip->read) {
    out.emplace_back(flags::kChipNotRead);
    return;
  }
  const ChipResult& chip = *identity.chip;
  if (chip.passive_authentication == "invalid" || chip.passive_authentication == "failed") {
    out.emplace_back(flags::kChipInvalid);
  } else if (chip.passive_authentication != "valid") {
    out.emplace_back(flags::kChipNotVerifiable);
  }
  const auto listed = SodDataGroups(chip, files);
  if (listed.contains(15) && chip.active_authentication != "passed") {
    out.emplace_back(flags::kActiveAuthNotPassed);
  }
  if (listed.contains(14) && chip.chip_authentication != "passed" && HasChipAuthenticationKey(files)) {
    out.emplace_back(flags::kChipAuthNotPassed);
  }
}

}  // namespace

std::vector<std::string> ReviewFlagsOf(const Enrollment& e, const ChipFiles& chip_files) {
  std::vector<std::string> out;
  ChipFlags(e.identity, chip_files, out);
  if (!e.identity.resolutions.empty() || !identity::FindMismatches(e.identity.sources).empty()) {
    out.emplace_back(flags::kIdentityMismatchResolved);
  }
  const auto& portrait = e.portrait;
  if (!portrait.face_match) {
    out.emplace_back(flags::kPortraitNotCompared);
  } else if (*portrait.face_match < portrait.face_match_threshold.value_or(1.0)) {
    // A score without the threshold it was judged by cannot show a match.
    out.emplace_back(flags::kFaceMismatch);
  }
  const auto any_finger = [&e](auto predicate) {
    return std::any_of(e.fingers.begin(), e.fingers.end(),
                       [&](const auto& finger) { return predicate(finger.second); });
  };
  if (any_finger([](const FingerItem& f) { return f.exception.has_value(); })) {
    out.emplace_back(flags::kFingerException);
  }
  if (any_finger([](const FingerItem& f) { return f.image && f.kept_below_threshold; })) {
    out.emplace_back(flags::kFingerLowQuality);
  }
  const bool unchecked = std::any_of(e.papers.begin(), e.papers.end(), [](const PaperItem& paper) {
    return std::any_of(paper.field_sources.begin(), paper.field_sources.end(),
                       [](const auto& field) { return NeedsChecking(field.second); });
  });
  if (unchecked) out.emplace_back(flags::kPaperUncheckedFields);
  for (size_t i = 0; i < e.papers.size(); ++i) {
    if (!PaperHolderMismatches(e, i).empty()) {
      out.emplace_back(flags::kPaperHolderMismatch);
      break;
    }
  }
  return out;
}

std::vector<std::string> ReviewFlagsOfSealedItems(const SealedItemBytes& items) {
  auto record = items.find(kRecordItem);
  if (record == items.end()) return {std::string(flags::kRecordUnreadable)};
  auto json = nlohmann::json::parse(record->second.begin(), record->second.end(), nullptr, false);
  if (json.is_discarded() || !json.is_object()) return {std::string(flags::kRecordUnreadable)};
  // The sealed form leaves the wizard's position out (canonical.h): give it one to load.
  static const nlohmann::json kDefaults = Enrollment{};
  for (const char* key : {"current_step", "furthest_step"}) {
    if (!json.contains(key)) json[key] = kDefaults[key];
  }
  auto parsed = EnrollmentFromJson(json);
  if (!parsed) return {std::string(flags::kRecordUnreadable)};
  ChipFiles chip;
  for (const auto& [name, bytes] : items) {
    if (auto fid = ChipFileOfItem(name)) chip[*fid] = bytes;
  }
  return ReviewFlagsOf(*parsed, chip);
}

std::string_view ReviewFlagReason(std::string_view code) {
  using namespace flags;
  if (code == kRecordUnreadable) {
    return N_("The station could not read this record's content to check it: decide it yourself.");
  }
  if (code == kChipNotRead) return N_("The chip was not read: nothing proves the card is genuine.");
  if (code == kChipInvalid) {
    return N_("The chip's data failed its signature check: the card may be forged or altered.");
  }
  if (code == kChipNotVerifiable) {
    return N_("The chip's signature could not be checked against a trusted authority.");
  }
  if (code == kActiveAuthNotPassed) {
    return N_("The chip has its own key (DG15) but did not prove it holds it (Active "
              "Authentication): it may be a copy.");
  }
  if (code == kChipAuthNotPassed) {
    return N_("The chip has a chip-authentication key (DG14) but did not prove it holds it: it may "
              "be a copy.");
  }
  if (code == kIdentityMismatchResolved) {
    return N_("The QR code, the typed data and the chip disagreed; the officer chose the values.");
  }
  if (code == kPortraitNotCompared) {
    return N_("The portrait was not compared with the chip photo: compare them yourself.");
  }
  if (code == kFaceMismatch) return N_("The face does not match the chip photo well");
  if (code == kFingerException) return N_("Fingerprint exception recorded");
  if (code == kFingerLowQuality) return N_("A fingerprint was kept below the quality threshold.");
  if (code == kPaperUncheckedFields) {
    return N_("A paper has fields read with low confidence that the officer did not check.");
  }
  if (code == kPaperHolderMismatch) {
    return N_("A paper's name or date of birth differs from the citizen's card.");
  }
  if (code == kLegacyChipWarning) return N_("The chip could not be verified as genuine");
  return N_("This record needs your decision.");
}

}  // namespace kiosk::enrollment
