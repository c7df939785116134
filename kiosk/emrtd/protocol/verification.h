#pragma once
// What the station found out about a chip while reading it, and the one verdict drawn from it.
//
// "Genuine" (DESIGN.md): Passive Authentication chains to a trusted, unrevoked CSCA / document
// signer; every data group the security object (EF.SOD) lists that the station needs or that
// proves the chip (DG1, DG2, DG13, DG14, DG15) was read and matches its hash; and the chip proved
// its own key whenever the SOD says it has one (DG15: Active Authentication; DG14 with a Chip
// Authentication key: Chip Authentication). EF.COM is an unsigned table of contents: a hint
// only, and a disagreement with the SOD is itself a finding.
//
// DecideVerdict is the only place that rule lives: ReadChip calls it, the CLI, the wizard and
// the review flags read its result (overall + reasons) and never re-derive it.

#include <map>
#include <string>
#include <vector>

#include "kiosk/emrtd/lds/passive_auth.h"

namespace kiosk::emrtd {

// Active and Chip Authentication outcomes.
enum class AuthStatus { kPassed, kFailed, kNotSupported, kNotChecked };
const char* ToString(AuthStatus status);  // "passed", "failed", "not_supported", "not_checked"

struct AuthReport {
  AuthStatus status = AuthStatus::kNotChecked;
  std::string reason_key;  // English msgid for the officer
  std::string detail;      // technical, for logs
  // The exchange broke (a link error, or an answer whose MAC does not verify): a fresh session
  // may get a real answer, so ReadChip tries again before the status stands.
  bool inconclusive = false;
};

enum class ChipVerdict { kGenuine, kNotGenuine, kNotVerifiable };
const char* ToString(ChipVerdict verdict);  // "genuine", "not_genuine", "not_verifiable"

// One reason behind the verdict: a stable code for programs (review flags, tests, JSON) and a
// plain-words sentence for the officer.
struct VerdictReason {
  std::string code;  // e.g. "data_group_withheld"; see DecideVerdict for the list
  ChipVerdict weight = ChipVerdict::kNotGenuine;  // what this reason alone makes the chip
  std::string message_key;          // English msgid with {0} placeholders
  std::vector<std::string> args;

  std::string Message() const;         // in the current language
  std::string EnglishMessage() const;  // placeholders filled in, untranslated
};

// The data groups the station must read whenever the SOD lists them.
inline constexpr int kRequiredDataGroups[] = {1, 2, 13, 14, 15};

struct VerificationReport {
  PassiveAuthReport passive;
  AuthReport active;  // AA (DG15)
  AuthReport chip;    // CA (DG14)

  // Facts gathered by ReadChip.
  bool sod_present = false;            // EF.SOD was read (it may still fail to parse: see passive)
  std::vector<int> sod_data_groups;    // the groups whose hash the SOD carries, ascending
  bool com_read = false;               // EF.COM was read and parses
  std::vector<int> com_data_groups;    // as EF.COM lists them, ascending
  // SOD-listed groups the chip would not give (refused, "not found", answers that fail their
  // MAC, malformed): group → technical detail for logs.
  std::map<int, std::string> withheld;
  bool dg14_has_chip_auth_key = false;  // DG14 read and announces a Chip Authentication key
  bool active_requested = true;         // the station's options ran the clone checks
  bool chip_auth_requested = true;

  bool SodLists(int data_group) const;

  // Drawn by DecideVerdict.
  ChipVerdict overall = ChipVerdict::kNotVerifiable;
  std::vector<VerdictReason> reasons;  // the verdict's reasons, most serious first

  bool Genuine() const { return overall == ChipVerdict::kGenuine; }
  // One line for the officer: "Genuine chip", "Not genuine: …" (the first reason), "Not
  // verifiable: …", in the current language.
  std::string VerdictMessage() const;
};

// Fills report.overall and report.reasons from the facts. Reason codes:
//  not genuine:    no_security_object, passive_<PassiveAuthReport::code> (invalid PA),
//                  com_mismatch, data_group_withheld, active_authentication,
//                  chip_authentication
//  not verifiable: passive_<code> (PA not verifiable), active_authentication_unsupported,
//                  chip_authentication_unsupported, clone_check_off
//  genuine:        proved_key (a clone check passed), no_clone_check (the SOD lists no key:
//                  genuine on Passive Authentication alone, no clone check was possible)
void DecideVerdict(VerificationReport& report);

}  // namespace kiosk::emrtd
