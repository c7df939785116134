// kiosk-cli card read: read and verify a CCCD chip over PC/SC (card sim: cmd_card_sim.cpp).
#include <cstdio>
#include <iostream>

#include <nlohmann/json.hpp>

#include "drivers/pcsc/pcsc_reader.h"
#include "kiosk/core/i18n.h"
#include "kiosk/emrtd/lds/lds_files.h"
#include "kiosk/emrtd/protocol/chip_reader.h"
#include "kiosk/emrtd/protocol/pace.h"
#include "kiosk/enrollment/access_key.h"
#include "kiosk/identity/cccd_id.h"
#include "kiosk/identity/cccd_qr.h"
#include "ui/cli/commands.h"

namespace kiosk::cli {

namespace {

struct ReadOptions {
  std::string reader;
  std::string qr;
  std::string id;
  std::string dob;
  std::string expiry;
  std::string mrz_key;
  std::string can;
  std::string trust;
  std::string out;
  int wait_seconds = 15;
  bool json = false;
};

// The access key from whichever of --qr, --id/--dob/--expiry, --mrz-key was given; the parsed
// QR too, for the cross-check. With --can the MRZ key stays empty: PACE runs with the CAN.
Result<emrtd::MrzAccessKey> AccessKeyFrom(const ReadOptions& o,
                                          std::optional<identity::CccdQrData>& qr) {
  const int given = !o.qr.empty() + !o.id.empty() + !o.mrz_key.empty() + !o.can.empty();
  if (given != 1) {
    return Fail(Error::InvalidArgument(
        N_("Give exactly one of --qr, --id (with --dob and --expiry), --mrz-key or --can.")));
  }
  if (!o.can.empty()) {
    if (auto valid = emrtd::ValidateCan(o.can); !valid) return Fail(valid.error());
    return emrtd::MrzAccessKey{};
  }
  if (!o.mrz_key.empty()) return emrtd::MrzAccessKey::Parse(o.mrz_key);
  if (!o.id.empty()) {
    if (o.dob.empty() || o.expiry.empty()) {
      return Fail(Error::InvalidArgument(N_("--id needs --dob and --expiry.")));
    }
    return emrtd::MrzAccessKey::FromCccdId(o.id, o.dob, o.expiry);
  }
  auto parsed = identity::ParseCccdQr(o.qr);
  if (!parsed) return Fail(parsed.error());
  qr = *parsed;
  // The enrollment session's rule (access_key.h): the --expiry given, else the one the CCCD
  // validity rule gives from the QR's birth and issue dates.
  enrollment::Enrollment card;
  auto& sources = card.identity.sources;
  sources[identity::IdentitySource::kQr] = identity::IdentityFields::FromQr(*parsed);
  if (!o.expiry.empty()) {
    auto printed = identity::ParseDate(o.expiry);
    if (!printed) return Fail(printed.error());
    auto typed = sources[identity::IdentitySource::kQr];
    typed.expiry = *printed;
    sources[identity::IdentitySource::kTyped] = typed;
  }
  auto key = enrollment::ChooseAccessKey(card);
  if (!key) {
    return Fail(Error::InvalidArgument(
        N_("The QR code has no expiry date. Add --expiry with the date printed on the card.")));
  }
  return key->mrz;
}

nlohmann::json AuthJson(const emrtd::AuthReport& report) {
  return {{"status", emrtd::ToString(report.status)},
          {"reason", report.reason_key},
          {"reason_vi", i18n::tr(report.reason_key)},
          {"detail", report.detail}};
}

nlohmann::json PassiveJson(const emrtd::PassiveAuthReport& pa) {
  nlohmann::json groups = nlohmann::json::object();
  for (const auto& [dg, status] : pa.data_groups) groups["DG" + std::to_string(dg)] = emrtd::ToString(status);
  return {{"status", emrtd::ToString(pa.overall)},
          {"code", pa.code},
          {"revocation_checked", pa.revocation_checked},
          {"signature", emrtd::ToString(pa.signature)},
          {"chain", emrtd::ToString(pa.chain)},
          {"data_groups", groups},
          {"failed_data_groups", pa.failed_data_groups},
          {"hash_algorithm", pa.hash_algorithm},
          {"signer", pa.signer_subject},
          {"csca", pa.csca_subject},
          {"reason", FormatMessage(pa.reason_key, pa.reason_args)},
          {"reason_vi", pa.Message()},
          {"detail", pa.detail}};
}

nlohmann::json VerificationJson(const emrtd::VerificationReport& v) {
  nlohmann::json reasons = nlohmann::json::array();
  for (const auto& reason : v.reasons) {
    reasons.push_back({{"code", reason.code},
                       {"weight", emrtd::ToString(reason.weight)},
                       {"reason", reason.EnglishMessage()},
                       {"reason_vi", reason.Message()}});
  }
  nlohmann::json withheld = nlohmann::json::object();
  for (const auto& [dg, detail] : v.withheld) withheld["DG" + std::to_string(dg)] = detail;
  return {{"overall", emrtd::ToString(v.overall)},
          {"reasons", reasons},
          {"genuine", v.Genuine()},
          {"passive", PassiveJson(v.passive)},
          {"active", AuthJson(v.active)},
          {"chip", AuthJson(v.chip)},
          {"sod_present", v.sod_present},
          {"sod_data_groups", v.sod_data_groups},
          {"com_data_groups", v.com_data_groups},
          {"withheld", withheld},
          {"dg14_has_chip_auth_key", v.dg14_has_chip_auth_key}};
}

// Differences between the chip and the QR the officer scanned.
nlohmann::json CrossCheck(const emrtd::ChipIdentity& chip, const identity::CccdQrData& qr) {
  nlohmann::json mismatches = nlohmann::json::array();
  if (chip.id_number != qr.id.digits) mismatches.push_back("id_number");
  if (chip.full_name != qr.full_name) mismatches.push_back("full_name");
  if (chip.date_of_birth != qr.date_of_birth.ToIso()) mismatches.push_back("date_of_birth");
  return {{"source", "qr"}, {"match", mismatches.empty()}, {"mismatches", mismatches}};
}

Result<void> WriteOutputs(const std::filesystem::path& dir, const emrtd::ChipReadResult& r) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) return Fail(Error::Io(N_("Cannot write {0}."), ec.message()).WithArg(dir.string()));
  for (const auto& [fid, content] : r.files) {
    std::string name = fid == emrtd::kFidCom ? "EF_COM" : fid == emrtd::kFidSod ? "EF_SOD" : "";
    if (fid == 0x011C) name = "EF_CardAccess";
    if (auto dg = emrtd::DataGroupFromFid(fid)) name = "DG" + std::to_string(*dg);
    if (name.empty()) continue;
    if (auto ok = WriteBytes(dir / (name + ".bin"), content); !ok) return ok;
  }
  if (!r.face.data.empty()) {
    const char* ext = r.face.format == emrtd::FaceImageFormat::kJpeg2000 ? "face.jp2" : "face.jpg";
    if (auto ok = WriteBytes(dir / ext, r.face.data); !ok) return ok;
  }
  return {};
}

int RunRead(const ReadOptions& o) {
  auto fail = [&o](const Error& e) { return o.json ? JsonFailure(e) : Failure(e); };
  std::optional<identity::CccdQrData> qr;
  auto key = AccessKeyFrom(o, qr);
  if (!key) return fail(key.error());

  emrtd::TrustStore trust;
  if (!o.trust.empty()) {
    auto loaded = trust.LoadDirectory(o.trust);
    if (!loaded) return fail(loaded.error());
    if (!o.json) {
      for (const std::string& rejected : trust.rejected()) {
        std::fprintf(stderr, "%s %s\n", i18n::tr("Not a CSCA, not trusted:").c_str(), rejected.c_str());
      }
    }
  }
  auto context = pcsc::Context::Establish();
  if (!context) return fail(context.error());
  if (!o.json) std::fprintf(stderr, "%s\n", i18n::tr("Place the card on the reader…").c_str());
  auto reader = pcsc::WaitForCard(**context, o.reader, std::chrono::seconds(o.wait_seconds));
  if (!reader) return fail(reader.error());
  auto channel = pcsc::PcscCardChannel::Connect(**context, *reader);
  if (!channel) return fail(channel.error());

  emrtd::ChipReadOptions options;
  options.trust = o.trust.empty() ? nullptr : &trust;
  options.can = o.can;
  emrtd::ReadProgress progress;
  if (!o.json) {
    progress = [](std::string_view file, size_t done, size_t total) {
      if (total > 0 && done == total) {
        std::fprintf(stderr, "  %-7s %6zu bytes\n", std::string(file).c_str(), total);
      }
    };
  }
  auto result = emrtd::ReadChip(**channel, *key, options, progress);
  if (!result) return fail(result.error());

  if (!o.out.empty()) {
    if (auto written = WriteOutputs(o.out, *result); !written) return fail(written.error());
  }
  const auto& v = result->verification;
  nlohmann::json doc = {
      {"ok", true},
      {"reader", *reader},
      {"identity", emrtd::ToJson(result->identity)},
      {"verification", VerificationJson(v)},
      {"access_protocol", result->access_protocol},
      {"pace_protocol", result->pace_protocol},
      {"trust_rejected", trust.rejected()},
      {"data_groups", result->data_groups},
      {"notes", result->notes},
      {"apdus", result->link.apdus},
      {"bytes", result->link.bytes_sent + result->link.bytes_received},
      {"ms", result->timings.total.count()},
      {"block_size", result->block_size},
      {"extended_length", result->extended_length},
      {"face", {{"format", emrtd::ToString(result->face.format)}, {"bytes", result->face.data.size()}}}};
  doc["identity"]["mrz"] = result->identity.mrz_lines;
  if (qr) doc["cross_check"] = CrossCheck(result->identity, *qr);

  if (o.json) {
    std::cout << doc.dump(2) << "\n";
  } else {
    const auto& id = result->identity;
    std::printf("%-16s %s\n", i18n::tr("ID number").c_str(), id.id_number.c_str());
    std::printf("%-16s %s\n", i18n::tr("Full name").c_str(), id.full_name.c_str());
    std::printf("%-16s %s\n", i18n::tr("Date of birth").c_str(), id.date_of_birth.c_str());
    std::printf("%-16s %s\n", i18n::tr("Gender").c_str(), id.gender.c_str());
    std::printf("%-16s %s\n", i18n::tr("Verdict").c_str(), v.VerdictMessage().c_str());
    for (size_t i = 1; i < v.reasons.size(); ++i) {
      std::printf("%-16s %s\n", "", v.reasons[i].Message().c_str());
    }
    if (v.sod_present) {
      std::printf("%-16s %s\n", i18n::tr("Passive auth.").c_str(), v.passive.Message().c_str());
    }
    std::printf("%-16s %s\n", i18n::tr("Clone check").c_str(), i18n::tr(v.active.reason_key).c_str());
    if (qr && !doc["cross_check"]["match"].get<bool>()) {
      std::printf("%-16s %s\n", i18n::tr("QR check").c_str(), doc["cross_check"]["mismatches"].dump().c_str());
    }
    std::printf("%-16s %s\n", i18n::tr("Access control").c_str(), result->access_protocol.c_str());
    std::printf("%zu APDUs, %zu bytes, %lld ms\n", result->link.apdus,
                result->link.bytes_sent + result->link.bytes_received,
                static_cast<long long>(result->timings.total.count()));
  }
  // A forged or cloned chip is a failure of the command; "not verifiable" is reported, not failed.
  if (v.overall == emrtd::ChipVerdict::kNotGenuine) {
    std::fprintf(stderr, "%s\n", i18n::tr("The chip did not pass verification.").c_str());
    return 1;
  }
  return 0;
}

void RegisterCard(CLI::App& app, Context& context) {
  auto* card = app.add_subcommand("card", "Read and verify a CCCD chip; run the chip emulator");
  card->require_subcommand(1);

  auto read = std::make_shared<ReadOptions>();
  auto* r = card->add_subcommand("read", "Read and verify the chip of the card on the reader");
  r->add_option("--reader", read->reader, "PC/SC reader name (default: the configured one, else the first)");
  r->add_option("--qr", read->qr, "The QR payload of the card (gives ID and date of birth)");
  r->add_option("--id", read->id, "12-digit ID number");
  r->add_option("--dob", read->dob, "Date of birth, YYYY-MM-DD");
  r->add_option("--expiry", read->expiry, "Expiry date, YYYY-MM-DD");
  r->add_option("--mrz-key", read->mrz_key, "DOCNO:YYMMDD:YYMMDD");
  r->add_option("--can", read->can, "Card access number printed on the card (PACE)");
  r->add_option("--trust", read->trust, "Folder of CSCA certificates and master lists");
  r->add_option("--out", read->out, "Write the face image and the raw files here");
  r->add_option("--wait", read->wait_seconds, "Seconds to wait for a card (default 15)");
  r->add_flag("--json", read->json, "Print the result as JSON");
  r->callback([&context, read] {
    context.handler = [&context, read] {
      // The configured reader (KIOSK_READER / config) when none is named.
      if (read->reader.empty()) read->reader = context.ConfigOrDefaults().devices.reader;
      return RunRead(*read);
    };
  });
}

const CommandRegistration kRegisterCard(30, RegisterCard);

}  // namespace

}  // namespace kiosk::cli
