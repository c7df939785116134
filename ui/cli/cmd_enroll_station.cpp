// The station side of `kiosk-cli enroll --from` (enroll_station.h): chip through PC/SC, paper
// through SANE, seal into the encrypted store. No command of its own: cmd_enroll.cpp calls it.
#include "ui/cli/enroll_station.h"

#include <cctype>
#include <fstream>
#include <sstream>

#include "drivers/pcsc/pcsc_reader.h"
#include "drivers/scanner/sane_scanner.h"
#include "drivers/station/chip_sources.h"
#include "kiosk/core/i18n.h"
#include "kiosk/crypto/crypto.h"
#include "kiosk/identity/cccd_id.h"
#include "ui/cli/cmd_store_common.h"

namespace kiosk::cli::enrollstation {

namespace {

namespace fs = std::filesystem;

// EF.COM, EF.SOD, DG1, DG2, DG13, DG14, DG15 (the wizard keeps the same set).
constexpr uint16_t kKeptChipFiles[] = {0x011E, 0x011D, 0x0101, 0x0102, 0x010D, 0x010E, 0x010F};

std::string ChipItemName(uint16_t fid) {
  const uint8_t bytes[] = {static_cast<uint8_t>(fid >> 8), static_cast<uint8_t>(fid & 0xFF)};
  return "chip." + crypto::ToHex(bytes);  // "chip.011d", as the wizard names them
}

identity::IdentityFields FieldsFromChip(const emrtd::ChipIdentity& chip) {
  identity::IdentityFields f;
  f.id_number = chip.id_number;
  f.full_name = chip.full_name;
  if (auto dob = identity::ParseDate(chip.date_of_birth)) f.date_of_birth = *dob;
  if (!chip.expiry_date.empty()) {
    if (auto expiry = identity::ParseDate(chip.expiry_date)) f.expiry = *expiry;
  }
  if (auto gender = identity::ParseGender(chip.gender)) f.gender = *gender;
  return f;
}

// The access key from the first source that has ID, date of birth and expiry (typed, or QR with
// an expiry typed beside it), as the wizard does.
Result<emrtd::MrzAccessKey> AccessKeyOf(const enrollment::Enrollment& e) {
  for (const auto& [source, fields] : e.identity.sources) {
    (void)source;
    if (fields.id_number.empty() || !fields.date_of_birth || !fields.expiry) continue;
    return emrtd::MrzAccessKey::FromCccdId(fields.id_number, fields.date_of_birth->ToIso(),
                                           fields.expiry->ToIso());
  }
  return Fail(Error::InvalidArgument(
      N_("Identify the card first: the ID number, date of birth and expiry date open the chip.")));
}

Result<SecretBytes> ReadBack(const fs::path& dir, const enrollment::ImageRef& ref) {
  constexpr std::string_view kFilePrefix = "file:";
  if (!ref.uri.starts_with(kFilePrefix)) {
    return Fail(Error(ErrorCode::kCorrupt, N_("A captured image of this draft is missing."), ref.uri));
  }
  const fs::path path = dir / ref.uri.substr(kFilePrefix.size());
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  if (!in) return Fail(Error::Io(N_("The image file cannot be read."), path.string()));
  const std::string bytes = text.str();
  SecretBytes data(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size());
  // The file may have changed since it was captured: seal only what the record's hash names.
  const auto digest = crypto::Sha256Of(std::span<const uint8_t>(data.data(), data.size()));
  if (crypto::ToHex(digest) != ref.sha256) {
    return Fail(Error(ErrorCode::kCorrupt, N_("A captured image of this draft is missing."),
                      "hash mismatch: " + path.filename().string()));
  }
  return data;
}

std::string Extension(const enrollment::ImageRef& ref) {
  const auto ext = fs::path(ref.uri).extension().string();
  std::string lower;
  for (char c : ext) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return lower.empty() ? ".img" : lower;
}

// record.json, images and chip files, named as item fields ([a-z0-9._-]).
Result<std::vector<batch::Item>> CollectItems(const enrollment::SealedRecord& sealed,
                                              const fs::path& dir, ChipEvidence chip) {
  const auto& e = sealed.enrollment;
  std::vector<batch::Item> items;
  auto add = [&](const std::string& field, const enrollment::ImageRef& ref,
                 batch::ItemKind kind) -> Result<void> {
    auto bytes = ReadBack(dir, ref);
    if (!bytes) return Fail(bytes.error());
    items.push_back({field + Extension(ref), kind, std::move(*bytes)});
    return {};
  };
  if (e.portrait.image) {
    if (auto r = add("portrait", *e.portrait.image, batch::ItemKind::kBiometric); !r) return Fail(r.error());
  }
  for (const auto& [finger, item] : e.fingers) {
    if (!item.image) continue;
    const std::string field = "finger." + std::string(enrollment::ToString(finger));
    if (auto r = add(field, *item.image, batch::ItemKind::kBiometric); !r) return Fail(r.error());
  }
  for (size_t p = 0; p < e.papers.size(); ++p) {
    for (size_t page = 0; page < e.papers[p].pages.size(); ++page) {
      const std::string field = "paper." + std::to_string(p) + "." + e.papers[p].type + "." +
                                std::to_string(page);
      if (auto r = add(field, e.papers[p].pages[page], batch::ItemKind::kDocument); !r) {
        return Fail(r.error());
      }
    }
  }
  for (auto& file : chip.files) items.push_back(std::move(file));
  items.push_back({"record.json", batch::ItemKind::kPersonal,
                   SecretBytes(reinterpret_cast<const uint8_t*>(sealed.canonical.data()),
                               sealed.canonical.size())});
  return items;
}

// The wizard's reasons for an explicit supervisor decision (bulk approval skips these records).
std::vector<std::string> ReviewFlags(const enrollment::Enrollment& e) {
  std::vector<std::string> flags;
  const auto& chip = e.identity.chip;
  if (!chip || chip->passive_authentication != "valid") flags.push_back("chip_warning");
  for (const auto& [finger, item] : e.fingers) {
    (void)finger;
    if (item.exception) {
      flags.push_back("biometric_exception");
      break;
    }
  }
  return flags;
}

Result<auth::Session> SignInOfficer(storecli::OpenStore& open, const StoreSeal& who) {
  storecli::Credentials credentials;
  credentials.user = who.user;
  credentials.password_stdin = who.password_stdin;
  return storecli::SignIn(open, credentials);
}

}  // namespace

Result<ChipEvidence> ReadChip(enrollment::Workflow& workflow, const Config& config,
                              int wait_seconds, std::vector<audit::StationEvent>& events) {
  auto key = AccessKeyOf(workflow.enrollment());
  if (!key) return Fail(key.error());
  auto trust = drivers::LoadTrust(config);
  if (!trust) return Fail(trust.error());
  // Wait for the card here; the read itself then fails at once if the card goes (retriable).
  Config on_reader = config;
  {
    auto context = pcsc::Context::Establish();
    if (!context) return Fail(context.error());
    auto reader = pcsc::WaitForCard(**context, config.devices.reader,
                                    std::chrono::seconds(wait_seconds));
    if (!reader) return Fail(reader.error());
    on_reader.devices.reader = *reader;
  }
  auto source = drivers::MakePcscChipSource(on_reader, std::move(*trust));
  auto read = source->Read(*key, {}, {});
  if (!read) {
    events.push_back(audit::ChipRead(audit::ChipVerdict::kFailed, read.error().message_key()));
    return Fail(read.error());
  }
  const auto& v = read->verification;
  enrollment::ChipResult result;
  result.read = true;
  result.passive_authentication = emrtd::ToString(v.passive.overall);
  result.active_authentication = emrtd::ToString(v.active.status);
  if (auto set = workflow.SetChipResult(FieldsFromChip(read->identity), result); !set) {
    return Fail(set.error());
  }
  events.push_back(audit::ChipRead(v.Genuine() ? audit::ChipVerdict::kGenuine
                                   : v.passive.overall == emrtd::CheckStatus::kInvalid
                                       ? audit::ChipVerdict::kFailed
                                       : audit::ChipVerdict::kNotVerifiable,
                                   v.passive.reason_key));
  ChipEvidence evidence;
  for (uint16_t fid : kKeptChipFiles) {
    auto file = read->files.find(fid);
    if (file == read->files.end()) continue;
    evidence.files.push_back({ChipItemName(fid), batch::ItemKind::kChip,
                              SecretBytes(file->second.data(), file->second.size())});
  }
  return evidence;
}

Result<cv::Mat> ScanPaper(const std::string& device, const fs::path& file) {
  documents::ScanSettings settings;
  if (!file.empty()) settings.backend_options["filename"] = file.string();
  return drivers::MakeSaneScanner()->Scan(device, settings);
}

Result<void> CheckMayEnroll(const Context& context, const StoreSeal& who) {
  auto open = storecli::Open(context);
  if (!open) return Fail(open.error());
  auto officer = SignInOfficer(*open, who);
  if (!officer) return Fail(officer.error());
  return open->records->CheckNewEnrollmentAllowed(*officer);
}

Result<std::string> SealIntoStore(const Context& context, const StoreSeal& who,
                                  const enrollment::SealedRecord& sealed, const fs::path& dir,
                                  ChipEvidence chip) {
  auto items = CollectItems(sealed, dir, std::move(chip));
  if (!items) return Fail(items.error());
  auto open = storecli::Open(context);
  if (!open) return Fail(open.error());
  auto officer = SignInOfficer(*open, who);
  if (!officer) return Fail(officer.error());
  batch::SealRequest request;
  request.items = std::move(*items);
  request.review_flags = ReviewFlags(sealed.enrollment);
  // One transaction: the record is in the store whole, or not at all.
  auto summary = open->records->Seal(*officer, request);
  if (!summary) return Fail(summary.error());
  return summary->record_number;
}

}  // namespace kiosk::cli::enrollstation
