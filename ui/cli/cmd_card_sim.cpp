// kiosk-cli card sim: the CCCD chip emulator as a vpcd card (tests, demos, the technician's
// attack stories). A device command (kiosk-cli-devices): the emulator draws the specimen's face
// with OpenCV, which `card read` must not load.
#include <csignal>
#include <cstdio>
#include <iostream>
#include <thread>

#include <nlohmann/json.hpp>

#include "drivers/sim/chip/chip_profile.h"
#include "drivers/sim/chip/vpcd_client.h"
#include "kiosk/core/i18n.h"
#include "ui/cli/commands.h"

namespace kiosk::cli {

namespace {

struct SimOptions {
  std::string vpcd = "127.0.0.1:35963";
  std::string citizen;
  std::string pki;
  std::string make_pki;
  bool list_attacks = false;
  bool short_only = false;
  bool bac_only = false;
  bool refuse_pace = false;
  bool refuse_key = false;
  int pull_at = 0;
  int reinsert_ms = 600;
  bool clone = false;
  std::vector<std::string> attacks;
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
  if (o.list_attacks) {
    nlohmann::json list = nlohmann::json::array();
    for (const auto& attack : sim::ChipAttacks()) {
      list.push_back({{"name", attack.name}, {"description", attack.description},
                      {"reason_code", attack.reason_code}});
      if (!o.json) std::printf("%s\n", std::string(attack.name).c_str());
    }
    if (o.json) std::cout << list.dump(2) << "\n";
    return 0;
  }
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
  sim::ChipBehaviour behaviour;
  for (const std::string& attack : o.attacks) {
    if (auto applied = sim::ApplyChipAttack(attack, behaviour, profile); !applied) {
      return fail(applied.error());
    }
  }
  auto card = sim::MakeEmulatedCard(citizen, *pki, profile);
  if (!card) return fail(card.error());
  // The CSCA's CRL for a revoked signer goes where `card read --trust <pki>/csca` finds it.
  for (size_t i = 0; i < card->trust_crls.size() && !o.pki.empty(); ++i) {
    const auto crl = std::filesystem::path(o.pki) / "csca" / ("revoked-" + std::to_string(i) + ".crl");
    if (auto written = WriteBytes(crl, card->trust_crls[i]); !written) return fail(written.error());
  }
  behaviour.extended_length = !o.short_only;
  behaviour.access_control = o.bac_only ? sim::AccessControl::kBacOnly : sim::AccessControl::kPaceAndBac;
  behaviour.refuse_pace = o.refuse_pace;
  behaviour.refuse_access_key = o.refuse_key;
  behaviour.pull_at_apdu = o.pull_at;
  behaviour.clone_aa_key = behaviour.clone_aa_key || o.clone;
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

void RegisterCardSim(CLI::App& app, Context& context) {
  CLI::App* card = app.get_subcommand("card");  // registered first (order 30)
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
  std::string attack_help = "Play an attack the verdict must catch (repeatable):";
  for (const auto& attack : sim::ChipAttacks()) {
    attack_help += "\n  " + std::string(attack.name) + ": " + std::string(attack.description);
  }
  s->add_option("--attack", sim_options->attacks, attack_help);
  s->add_flag("--list-attacks", sim_options->list_attacks, "List the attacks (--json: with their reason codes) and exit");
  s->add_option("--corrupt-dg", sim_options->corrupt_dg, "Alter data group N after signing");
  s->add_flag("--unknown-csca", sim_options->unknown_csca, "Sign with a CSCA nobody trusts");
  s->add_option("--latency-ms", sim_options->latency_ms, "Delay per APDU (models a reader)");
  s->add_option("--bitrate", sim_options->bitrate, "Link bit rate in bit/s (models a reader)");
  s->add_flag("--json", sim_options->json, "Print the access data as JSON");
  s->callback([&context, sim_options] {
    context.handler = [sim_options] { return RunSim(*sim_options); };
  });
}

const CommandRegistration kRegisterCardSim(31, RegisterCardSim);

}  // namespace

}  // namespace kiosk::cli
