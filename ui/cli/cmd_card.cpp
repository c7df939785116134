// kiosk-cli card read | card sim: read and verify a CCCD chip over PC/SC; run the CCCD chip
// emulator as a vpcd card (or write its test PKI).
#include <csignal>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <thread>

#include <nlohmann/json.hpp>

#include "drivers/pcsc/pcsc_reader.h"
#include "drivers/sim/chip/chip_profile.h"
#include "drivers/sim/chip/vpcd_client.h"
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

// Differences between the chip and the QR the officer scanned.
nlohmann::json CrossCheck(const emrtd::ChipIdentity& chip, const identity::CccdQrData& qr) {
  nlohmann::json mismatches = nlohmann::json::array();
  if (chip.id_number != qr.id.digits) mismatches.push_back("id_number");
  if (chip.full_name != qr.full_name) mismatches.push_back("full_name");
  if (chip.date_of_birth != qr.date_of_birth.ToIso()) mismatches.push_back("date_of_birth");
  return {{"source", "qr"}, {"match", mismatches.empty()}, {"mismatches", mismatches}};
}

Result<void> WriteFile(const std::filesystem::path& path, const emrtd::Bytes& data) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(reinterpret_cast<const char*>(data.data()), static_cast<std::streamsize>(data.size()));
  if (!out) return Fail(Error::Io(N_("Cannot write {0}."), path.string()).WithArg(path.string()));
  return {};
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
    if (auto ok = WriteFile(dir / (name + ".bin"), content); !ok) return ok;
  }
  if (!r.face.data.empty()) {
    const char* ext = r.face.format == emrtd::FaceImageFormat::kJpeg2000 ? "face.jp2" : "face.jpg";
    if (auto ok = WriteFile(dir / ext, r.face.data); !ok) return ok;
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
      {"verification",
       {{"passive", PassiveJson(v.passive)},
        {"active", AuthJson(v.active)},
        {"chip", AuthJson(v.chip)},
        {"genuine", v.Genuine()}}},
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
    std::printf("%-16s %s\n", i18n::tr("Passive auth.").c_str(), v.passive.Message().c_str());
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
  if (v.passive.overall == emrtd::CheckStatus::kInvalid || v.active.status == emrtd::AuthStatus::kFailed) {
    std::fprintf(stderr, "%s\n", i18n::tr("The chip did not pass verification.").c_str());
    return 1;
  }
  return 0;
}

struct SimOptions {
  std::string vpcd = "127.0.0.1:35963";
  std::string citizen;
  std::string pki;
  std::string make_pki;
  bool short_only = false;
  bool bac_only = false;
  bool refuse_pace = false;
  bool refuse_key = false;
  int pull_at = 0;
  int reinsert_ms = 600;
  bool clone = false;
  int corrupt_dg = 0;
  bool unknown_csca = false;
  int latency_ms = 0;
  uint32_t bitrate = 0;
  bool json = false;
};

volatile std::sig_atomic_t g_stop_signal = 0;
extern "C" void OnStopSignal(int) { g_stop_signal = 1; }

int RunSim(const SimOptions& o) {
  auto fail = [&o](const Error& e) { return o.json ? JsonFailure(e) : Failure(e); };
  if (!o.make_pki.empty()) {
    auto pki = sim::LoadOrCreateTestPki(o.make_pki);
    if (!pki) return fail(pki.error());
    const std::string csca = (std::filesystem::path(o.make_pki) / "csca").string();
    if (o.json) {
      std::cout << nlohmann::json{{"ok", true}, {"pki", o.make_pki}, {"trust", csca}}.dump(2) << "\n";
    } else {
      std::printf("%s %s\n", i18n::tr("Test PKI written; trust folder:").c_str(), csca.c_str());
    }
    return 0;
  }
  auto vpcd = sim::ParseVpcdAddress(o.vpcd);
  if (!vpcd) return fail(vpcd.error());
  vpcd->reinsert_delay = std::chrono::milliseconds(o.reinsert_ms);
  sim::Citizen citizen = sim::DefaultCitizen();
  if (!o.citizen.empty()) {
    auto loaded = sim::LoadCitizen(o.citizen);
    if (!loaded) return fail(loaded.error());
    citizen = std::move(*loaded);
  }
  auto pki = o.pki.empty() ? sim::GenerateTestPki() : sim::LoadOrCreateTestPki(o.pki);
  if (!pki) return fail(pki.error());
  sim::ChipProfileOptions profile;
  profile.lds.corrupt_data_group = o.corrupt_dg;
  profile.unknown_csca = o.unknown_csca;
  auto card = sim::MakeEmulatedCard(citizen, *pki, profile);
  if (!card) return fail(card.error());
  sim::ChipBehaviour behaviour;
  behaviour.extended_length = !o.short_only;
  behaviour.access_control = o.bac_only ? sim::AccessControl::kBacOnly : sim::AccessControl::kPaceAndBac;
  behaviour.refuse_pace = o.refuse_pace;
  behaviour.refuse_access_key = o.refuse_key;
  behaviour.pull_at_apdu = o.pull_at;
  behaviour.clone_aa_key = o.clone;
  behaviour.latency_per_apdu = std::chrono::milliseconds(o.latency_ms);
  behaviour.bits_per_second = o.bitrate;
  const sim::AccessData access = card->access;
  sim::ChipEmulator emulator(std::move(card->content), behaviour);

  // Synthetic data only: printing the specimen's access data is the point of this command.
  if (o.json) {
    std::cout << nlohmann::json{{"ok", true}, {"id_number", access.id_number},
                                {"mrz_key", access.mrz_key.ToString()}, {"can", access.can},
                                {"vpcd", vpcd->host + ":" + std::to_string(vpcd->port)}}
                     .dump()
              << std::endl;
  } else {
    std::printf("ID %s\nMRZ key %s\nCAN %s\n", access.id_number.c_str(),
                access.mrz_key.ToString().c_str(), access.can.c_str());
    std::printf("%s %s:%u\n", i18n::tr("Emulated card connecting to vpcd at").c_str(),
                vpcd->host.c_str(), static_cast<unsigned>(vpcd->port));
    std::fflush(stdout);
  }
  std::signal(SIGINT, OnStopSignal);
  std::signal(SIGTERM, OnStopSignal);
  sim::VpcdClient client(emulator, *vpcd);
  std::jthread serving([&client](std::stop_token stop) { (void)client.Run(stop); });
  while (!g_stop_signal) std::this_thread::sleep_for(std::chrono::milliseconds(100));
  serving.request_stop();
  serving.join();
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

  auto sim_options = std::make_shared<SimOptions>();
  auto* s = card->add_subcommand("sim", "Run the CCCD chip emulator as a vpcd card until stopped");
  s->add_option("--vpcd", sim_options->vpcd, "vpcd address HOST:PORT (default 127.0.0.1:35963)");
  s->add_option("--citizen", sim_options->citizen, "Synthetic citizen JSON file");
  s->add_option("--pki", sim_options->pki, "Test PKI folder (created if empty)");
  s->add_option("--make-pki", sim_options->make_pki, "Write a test PKI to this folder and exit");
  s->add_flag("--short-only", sim_options->short_only, "No extended-length APDUs");
  s->add_flag("--bac-only", sim_options->bac_only, "Offer BAC only (no PACE, no EF.CardAccess)");
  s->add_flag("--refuse-pace", sim_options->refuse_pace, "Announce PACE but refuse it (BAC fallback)");
  s->add_flag("--refuse-key", sim_options->refuse_key, "Answer 6300 to every access key");
  s->add_option("--pull-at", sim_options->pull_at, "Pull the card at the k-th APDU (once)");
  s->add_option("--reinsert-ms", sim_options->reinsert_ms,
                "How long a pulled card stays off the reader (default 600 ms)")
      ->check(CLI::Range(0, 600000));
  s->add_flag("--clone", sim_options->clone, "Sign Active Authentication with a wrong key");
  s->add_option("--corrupt-dg", sim_options->corrupt_dg, "Alter data group N after signing");
  s->add_flag("--unknown-csca", sim_options->unknown_csca, "Sign with a CSCA nobody trusts");
  s->add_option("--latency-ms", sim_options->latency_ms, "Delay per APDU (models a reader)");
  s->add_option("--bitrate", sim_options->bitrate, "Link bit rate in bit/s (models a reader)");
  s->add_flag("--json", sim_options->json, "Print the access data as JSON");
  s->callback([&context, sim_options] {
    context.handler = [sim_options] { return RunSim(*sim_options); };
  });
}

const CommandRegistration kRegisterCard(30, RegisterCard);

}  // namespace

}  // namespace kiosk::cli
