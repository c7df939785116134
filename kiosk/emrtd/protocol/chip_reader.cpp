#include "kiosk/emrtd/protocol/chip_reader.h"

#include <algorithm>
#include <functional>

#include "kiosk/core/i18n.h"
#include "kiosk/emrtd/lds/active_auth_verify.h"
#include "kiosk/emrtd/lds/dg1.h"
#include "kiosk/emrtd/lds/dg13.h"
#include "kiosk/emrtd/lds/dg14.h"
#include "kiosk/emrtd/lds/dg15.h"
#include "kiosk/emrtd/lds/ef_com.h"
#include "kiosk/emrtd/lds/lds_files.h"
#include "kiosk/emrtd/lds/sod.h"
#include "kiosk/emrtd/lds/card_access.h"
#include "kiosk/emrtd/protocol/bac.h"
#include "kiosk/emrtd/protocol/chip_auth.h"
#include "kiosk/emrtd/protocol/pace.h"
#include "kiosk/emrtd/protocol/sm_crypto.h"

namespace kiosk::emrtd {
namespace {

using Clock = std::chrono::steady_clock;

std::chrono::milliseconds Since(Clock::time_point start) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - start);
}

// Errors worth a fresh session: the card is still there but the exchange broke.
bool WorthReauthenticating(const Error& error) {
  return error.retriable() && error.code() != ErrorCode::kCardRemoved &&
         error.code() != ErrorCode::kCancelled && error.code() != ErrorCode::kDeviceRemoved &&
         error.code() != ErrorCode::kServiceUnavailable;
}

// PACE failures after which BAC may still be tried: the chip refused or botched the protocol.
// A refused password, a pulled card, a cancel or a token that does not verify are final.
// A retriable error is the link's (a card reset or pulled mid-exchange), not PACE's: no fallback.
bool BacFallbackAllowed(const Error& error) {
  if (error.retriable()) return false;
  return error.code() == ErrorCode::kUnsupported || error.code() == ErrorCode::kCardError ||
         error.code() == ErrorCode::kCrypto || error.code() == ErrorCode::kNotFound ||
         error.code() == ErrorCode::kPermissionDenied;
}

constexpr size_t kMaxCardAccessSize = 4096;
constexpr uint16_t kFidCardAccess = 0x011C;

std::string FileName(uint16_t fid) {
  if (fid == kFidCom) return "EF.COM";
  if (fid == kFidSod) return "EF.SOD";
  if (auto dg = DataGroupFromFid(fid)) return "DG" + std::to_string(*dg);
  return "EF " + StatusToHex(fid);
}

class ChipReadRun {
 public:
  ChipReadRun(CardChannel& channel, const MrzAccessKey& key, const ChipReadOptions& options,
              const ReadProgress& progress, std::stop_token stop)
      : session_(channel), reader_(session_, options.files), key_(key), options_(options),
        progress_(progress), stop_(std::move(stop)) {}

  Result<ChipReadResult> Run();

 private:
  Result<void> Authenticate();
  // Reads EF.CardAccess once (in the clear, by short EF identifier 1C) and picks the PACE
  // variant to run; a card without it, or with one the station cannot use, gets BAC.
  Result<void> ReadCardAccess();
  Result<bool> TryPace();
  // Reads a file, re-authenticating and resuming after transient errors.
  Result<void> Read(uint16_t fid, Bytes& content);
  // Reads a file the chip should have. nullopt: the chip withheld it (why in `withheld`), and
  // the session is up again for the next file. Errors: the card gone, a cancel, the link.
  Result<std::optional<Bytes>> ReadOrWithheld(uint16_t fid, std::string& withheld);
  // Runs a clone check again in a fresh session while its answer is inconclusive.
  Result<AuthReport> Prove(const std::function<AuthReport()>& check);
  Result<void> ReadEfComAndSod();
  Result<void> ReadDataGroups();
  Result<void> RunCloneChecks();
  void VerifyAndParse();

  CardSession session_;
  FileReader reader_;
  const MrzAccessKey& key_;
  const ChipReadOptions& options_;
  const ReadProgress& progress_;
  std::stop_token stop_;
  ChipReadResult result_;
  std::chrono::milliseconds auth_time_{0};
  bool card_access_read_ = false;
  std::optional<PaceInfo> pace_info_;
  bool pace_failed_ = false;
};

Result<void> ChipReadRun::ReadCardAccess() {
  card_access_read_ = true;
  if (!options_.use_pace) return {};
  auto first = session_.Transmit(CommandApdu::Of(0x00, 0xB0, 0x80 | 0x1C, 0x00, {}, kMaxShortNe));
  if (!first) return Fail(first.error());
  if (!first->ok() && first->sw != sw::kEndOfFileReached) return {};  // no EF.CardAccess: BAC
  Bytes content = std::move(first->data);
  auto total = TlvTotalSize(content);
  if (!total || !*total || **total > kMaxCardAccessSize) {
    result_.notes.push_back("EF.CardAccess is malformed; read with BAC");
    return {};
  }
  while (content.size() < **total) {
    auto more = reader_.ReadBinary(content.size(), std::min<size_t>(**total - content.size(), 0xDF));
    if (!more) {
      if (more.error().code() == ErrorCode::kCardRemoved || more.error().code() == ErrorCode::kCancelled) {
        return Fail(more.error());
      }
      result_.notes.push_back("EF.CardAccess could not be read: " + more.error().detail());
      return {};
    }
    content.insert(content.end(), more->begin(), more->end());
  }
  content.resize(**total);
  auto parsed = ParseCardAccess(content);
  if (!parsed) {
    result_.notes.push_back("EF.CardAccess does not parse: " + parsed.error().detail());
    return {};
  }
  pace_info_ = ChoosePace(*parsed);
  if (!pace_info_ && !parsed->pace.empty()) {
    result_.notes.push_back("The chip offers only PACE variants this station does not run; read with BAC");
  }
  result_.files[kFidCardAccess] = std::move(content);
  return {};
}

Result<bool> ChipReadRun::TryPace() {
  const PacePassword password = options_.can.empty()
                                    ? PacePasswordFromMrz(key_.KeySeedInput().view())
                                    : PacePasswordFromCan(options_.can);
  auto sm = PerformPace(session_.channel(), *pace_info_, password);
  if (!sm) {
    if (!BacFallbackAllowed(sm.error()) || key_.document_number.empty()) return Fail(sm.error());
    pace_failed_ = true;
    result_.notes.push_back("PACE failed (" + sm.error().detail() + "); read with BAC");
    return false;
  }
  session_.StartSecureMessaging(std::move(*sm));
  auto selected = reader_.SelectApplet();
  if (!selected) return Fail(selected.error());
  result_.access_protocol = "PACE";
  result_.pace_protocol = pace_info_->protocol_oid;
  return true;
}

Result<void> ChipReadRun::Authenticate() {
  const auto start = Clock::now();
  if (stop_.stop_requested()) return Fail(Error::Cancelled());
  session_.EndSecureMessaging();
  if (!card_access_read_) {
    if (auto r = ReadCardAccess(); !r) return r;
  }
  if (pace_info_ && !pace_failed_) {
    auto paced = TryPace();
    if (!paced) return Fail(paced.error());
    if (*paced) {
      auth_time_ += Since(start);
      return {};
    }
  }
  if (key_.document_number.empty()) {
    return Fail(Error(ErrorCode::kInvalidArgument,
                      N_("This chip does not take the card access number (CAN). Read it with the "
                         "ID number, date of birth and expiry date."),
                      "no PACE on the chip and no MRZ key"));
  }
  auto selected = reader_.SelectApplet();
  if (!selected) return selected;
  result_.access_protocol = "BAC";
  const BacKeys keys = DeriveBacKeys(key_.KeySeedInput().view());
  auto sm = PerformBac(session_.channel(), keys);
  if (!sm) return Fail(sm.error());
  session_.StartSecureMessaging(std::move(*sm));
  auth_time_ += Since(start);
  return {};
}

Result<void> ChipReadRun::Read(uint16_t fid, Bytes& content) {
  const std::string name = FileName(fid);
  for (int attempt = 0;; ++attempt) {
    if (!session_.secure()) {
      auto authenticated = Authenticate();
      if (!authenticated) return authenticated;
    }
    auto read = reader_.ReadFile(fid, name, content, progress_, stop_);
    if (read) return read;
    if (!WorthReauthenticating(read.error()) || attempt >= options_.session_retries) return read;
    ++result_.session_retries_used;
    session_.EndSecureMessaging();
  }
}

// Errors after which the chip is said to withhold a file it should have, rather than the read
// failing: its own answers (refused, "not found", unsupported, malformed, an unexpected status,
// or answers that fail their MAC again in a fresh session). The card leaving, a cancel or a
// failing reader stay errors of the read.
bool ChipWithheld(const Error& error) {
  if (IsSecureSessionLost(error)) return true;
  switch (error.code()) {
    case ErrorCode::kNotFound:
    case ErrorCode::kPermissionDenied:
    case ErrorCode::kUnsupported:
    case ErrorCode::kParse: return true;
    case ErrorCode::kCardError: return !error.retriable();
    default: return false;
  }
}

bool Contains(const std::vector<int>& list, int value) {
  return std::find(list.begin(), list.end(), value) != list.end();
}

Result<std::optional<Bytes>> ChipReadRun::ReadOrWithheld(uint16_t fid, std::string& withheld) {
  Bytes content;
  auto r = Read(fid, content);
  if (r) return std::optional<Bytes>(std::move(content));
  if (!ChipWithheld(r.error())) return Fail(r.error());
  withheld = r.error().detail().empty() ? r.error().message_key() : r.error().detail();
  result_.notes.push_back(FileName(fid) + " could not be read: " + withheld);
  if (!session_.secure()) {
    if (auto again = Authenticate(); !again) return Fail(again.error());
  }
  return std::optional<Bytes>();
}

Result<void> ChipReadRun::ReadEfComAndSod() {
  VerificationReport& v = result_.verification;
  std::string why;
  auto com = ReadOrWithheld(kFidCom, why);
  if (!com) return Fail(com.error());
  if (*com) {
    if (auto parsed = ParseEfCom(**com)) {
      v.com_read = true;
      result_.data_groups = parsed->data_groups;
      v.com_data_groups = parsed->data_groups;
      std::sort(v.com_data_groups.begin(), v.com_data_groups.end());
      v.com_data_groups.erase(std::unique(v.com_data_groups.begin(), v.com_data_groups.end()),
                              v.com_data_groups.end());
    } else {
      result_.notes.push_back("EF.COM does not parse: " + parsed.error().detail());
    }
    result_.files[kFidCom] = std::move(**com);
  }
  auto sod = ReadOrWithheld(kFidSod, why);
  if (!sod) return Fail(sod.error());
  if (*sod) {
    v.sod_present = true;
    if (auto parsed = Sod::Parse(**sod)) {
      for (const auto& [group, hash] : parsed->security_object().data_group_hashes) {
        v.sod_data_groups.push_back(group);
      }
    }
    result_.files[kFidSod] = std::move(**sod);
  }
  return {};
}

Result<void> ChipReadRun::ReadDataGroups() {
  VerificationReport& v = result_.verification;
  // The signed list decides; without a SOD that parses, EF.COM is all there is to go by.
  const std::vector<int>& listed = v.sod_data_groups.empty() ? v.com_data_groups : v.sod_data_groups;
  for (int dg : listed) {
    if (dg == 3 || dg == 4) result_.notes.push_back("DG" + std::to_string(dg) + " is protected (EAC) and was not read");
  }
  for (int dg : kRequiredDataGroups) {
    if (dg == 2 && !options_.read_face) continue;
    if (dg != 1 && !Contains(listed, dg)) continue;
    std::string why;
    auto content = ReadOrWithheld(DataGroupFid(dg), why);
    if (!content) return Fail(content.error());
    if (*content) {
      result_.files[DataGroupFid(dg)] = std::move(**content);
    } else if (v.SodLists(dg)) {
      v.withheld[dg] = why;
    }
  }
  return {};
}

Result<AuthReport> ChipReadRun::Prove(const std::function<AuthReport()>& check) {
  for (int attempt = 0;; ++attempt) {
    if (!session_.secure()) {
      if (auto again = Authenticate(); !again) return Fail(again.error());
    }
    AuthReport report = check();
    if (!report.inconclusive || attempt >= options_.session_retries) return report;
    ++result_.session_retries_used;
    session_.EndSecureMessaging();
  }
}

Result<void> ChipReadRun::RunCloneChecks() {
  VerificationReport& v = result_.verification;
  v.active_requested = options_.active_authentication;
  v.chip_auth_requested = options_.chip_authentication;
  // Chip Authentication first: it replaces the session keys, and Active Authentication then
  // runs under them.
  std::optional<Dg14> dg14;
  auto dg14_file = result_.files.find(DataGroupFid(14));
  if (dg14_file != result_.files.end()) {
    auto parsed = ParseDg14(dg14_file->second);
    if (parsed) {
      v.dg14_has_chip_auth_key = parsed->SupportsChipAuthentication();
      dg14 = std::move(*parsed);
    } else {
      v.chip = {AuthStatus::kFailed, N_("Chip check failed: DG14 cannot be read"),
                parsed.error().detail()};
    }
  }
  if (!options_.chip_authentication) {
    v.chip = {AuthStatus::kNotChecked, N_("Chip Authentication was not requested"), {}};
  } else if (dg14_file == result_.files.end()) {
    v.chip = {AuthStatus::kNotSupported, N_("Chip Authentication not supported: the chip has no DG14"), {}};
  } else if (dg14) {
    auto report = Prove([&] { return PerformChipAuthentication(session_, *dg14); });
    if (!report) return Fail(report.error());
    v.chip = std::move(*report);
  }
  auto dg15 = result_.files.find(DataGroupFid(15));
  if (!options_.active_authentication) {
    v.active = {AuthStatus::kNotChecked, N_("Clone check was not requested"), {}};
  } else if (dg15 == result_.files.end()) {
    v.active = {AuthStatus::kNotSupported, N_("Clone check not supported: the chip has no DG15"), {}};
  } else {
    std::optional<ByteView> dg14_view;
    if (dg14_file != result_.files.end()) dg14_view = ByteView(dg14_file->second);
    auto report =
        Prove([&] { return PerformActiveAuthentication(session_, dg15->second, dg14_view); });
    if (!report) return Fail(report.error());
    v.active = std::move(*report);
  }
  return {};
}

void ChipReadRun::VerifyAndParse() {
  VerificationReport& v = result_.verification;
  std::map<int, Bytes> groups;
  for (const auto& [fid, content] : result_.files) {
    if (auto dg = DataGroupFromFid(fid)) groups[*dg] = content;
  }
  if (auto sod = result_.files.find(kFidSod); sod != result_.files.end()) {
    static const TrustStore kNoTrust;
    v.passive = VerifyPassive(sod->second, groups, options_.trust ? *options_.trust : kNoTrust,
                              options_.passive);
  }
  DecideVerdict(v);

  std::optional<MrzData> mrz;
  if (auto it = result_.files.find(DataGroupFid(1)); it != result_.files.end()) {
    auto parsed = ParseDg1(it->second);
    if (parsed) {
      mrz = std::move(*parsed);
    } else {
      result_.notes.push_back("DG1 does not parse: " + parsed.error().detail());
    }
  }
  std::optional<Dg13> dg13;
  if (auto it = result_.files.find(DataGroupFid(13)); it != result_.files.end()) {
    auto parsed = ParseDg13(it->second);
    if (parsed) {
      dg13 = std::move(*parsed);
    } else {
      result_.notes.push_back("DG13 does not parse: " + parsed.error().detail());
    }
  }
  result_.identity = MergeIdentity(dg13 ? &*dg13 : nullptr, mrz ? &*mrz : nullptr);
  if (auto it = result_.files.find(DataGroupFid(2)); it != result_.files.end()) {
    auto dg2 = ParseDg2(it->second);
    if (dg2 && !dg2->faces.empty()) {
      result_.face = std::move(dg2->faces.front());
    } else if (!dg2) {
      result_.notes.push_back("DG2 does not parse: " + dg2.error().detail());
    }
  }
}

Result<ChipReadResult> ChipReadRun::Run() {
  const auto start = Clock::now();
  auto authenticated = Authenticate();
  if (!authenticated) return Fail(authenticated.error());
  result_.extended_length = reader_.UsesExtendedLength();
  result_.block_size = reader_.BlockSize();

  const auto read_start = Clock::now();
  if (auto r = ReadEfComAndSod(); !r) return Fail(r.error());
  if (auto r = ReadDataGroups(); !r) return Fail(r.error());
  result_.timings.read_files = Since(read_start);  // includes any re-authentication

  const auto aa_start = Clock::now();
  if (auto r = RunCloneChecks(); !r) return Fail(r.error());
  result_.timings.active_auth = Since(aa_start);

  const auto verify_start = Clock::now();
  VerifyAndParse();
  result_.timings.verify = Since(verify_start);
  result_.timings.authenticate = auth_time_;
  result_.timings.total = Since(start);
  result_.link = session_.counters();
  return std::move(result_);
}

}  // namespace

AuthReport PerformActiveAuthentication(CardSession& session, ByteView dg15,
                                       std::optional<ByteView> dg14) {
  auto key = ParseDg15(dg15);
  if (!key) {
    return {AuthStatus::kFailed, N_("Clone check failed: the chip's public key cannot be read"),
            key.error().detail()};
  }
  std::optional<AaHash> hash;
  if (dg14) {
    if (auto parsed = ParseDg14(*dg14); parsed && parsed->active_auth_signature_algorithm) {
      hash = AaHashFromSignatureOid(*parsed->active_auth_signature_algorithm);
    }
  }
  auto challenge = crypto::RandomBytes(kActiveAuthChallengeSize);
  if (!challenge) return {AuthStatus::kNotChecked, N_("Clone check could not be run"), "no randomness"};
  auto command = CommandApdu::Of(0x00, 0x88, 0x00, 0x00, *challenge, kMaxShortNe);
  auto response = session.Transmit(command);
  if (!response) {
    // A broken exchange proves nothing yet; in a fresh session a chip that keeps answering
    // without a valid MAC has failed.
    if (IsSecureSessionLost(response.error())) {
      return {AuthStatus::kFailed, N_("Clone check failed: the chip's answer is not authentic"),
              response.error().detail(), true};
    }
    return {AuthStatus::kNotChecked, N_("Clone check could not be run"), response.error().detail(),
            true};
  }
  if (!response->ok()) {
    return {AuthStatus::kFailed, N_("Clone check failed: the chip refused to prove its key"),
            "INTERNAL AUTHENTICATE answered " + StatusToHex(response->sw)};
  }
  auto verified = VerifyActiveAuth(key->get(), *challenge, response->data, hash);
  if (verified) return {AuthStatus::kPassed, N_("Genuine chip: it proved it holds its own key"), {}};
  if (verified.error().code() == ErrorCode::kUnsupported) {
    return {AuthStatus::kNotSupported, N_("Clone check not supported for this key type"),
            verified.error().detail()};
  }
  return {AuthStatus::kFailed, N_("Clone check failed: the chip may be a copy"),
          verified.error().detail()};
}

Result<ChipReadResult> ReadChip(CardChannel& channel, const MrzAccessKey& key,
                                const ChipReadOptions& options, const ReadProgress& progress,
                                std::stop_token stop) {
  ChipReadRun run(channel, key, options, progress, std::move(stop));
  return run.Run();
}

}  // namespace kiosk::emrtd
