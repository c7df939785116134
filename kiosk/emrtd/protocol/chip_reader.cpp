#include "kiosk/emrtd/protocol/chip_reader.h"

#include <algorithm>

#include "kiosk/core/i18n.h"
#include "kiosk/emrtd/lds/active_auth_verify.h"
#include "kiosk/emrtd/lds/dg1.h"
#include "kiosk/emrtd/lds/dg13.h"
#include "kiosk/emrtd/lds/dg14.h"
#include "kiosk/emrtd/lds/dg15.h"
#include "kiosk/emrtd/lds/ef_com.h"
#include "kiosk/emrtd/lds/lds_files.h"
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

Result<ChipReadResult> ChipReadRun::Run() {
  const auto start = Clock::now();
  auto authenticated = Authenticate();
  if (!authenticated) return Fail(authenticated.error());
  result_.extended_length = reader_.UsesExtendedLength();
  result_.block_size = reader_.BlockSize();

  const auto read_start = Clock::now();
  Bytes com;
  if (auto r = Read(kFidCom, com); !r) return Fail(r.error());
  auto parsed_com = ParseEfCom(com);
  if (!parsed_com) return Fail(std::move(parsed_com).error().WithContext("EF.COM"));
  result_.data_groups = parsed_com->data_groups;
  result_.files[kFidCom] = std::move(com);

  std::vector<uint16_t> wanted = {kFidSod};
  for (int dg : {1, 2, 13, 14, 15}) {
    const bool listed = std::find(result_.data_groups.begin(), result_.data_groups.end(), dg) !=
                        result_.data_groups.end();
    if (dg == 2 && !options_.read_face) continue;
    if (listed || dg == 1) wanted.push_back(DataGroupFid(dg));
  }
  for (int dg : result_.data_groups) {
    if (dg == 3 || dg == 4) result_.notes.push_back("DG" + std::to_string(dg) + " is protected (EAC) and was not read");
  }
  for (uint16_t fid : wanted) {
    Bytes content;
    auto r = Read(fid, content);
    if (!r) {
      // A data group listed but absent or refused is reported, not fatal; the SOD and DG1 are.
      const bool optional = fid != kFidSod && fid != DataGroupFid(1);
      if (optional && (r.error().code() == ErrorCode::kNotFound ||
                       r.error().code() == ErrorCode::kPermissionDenied)) {
        result_.notes.push_back(FileName(fid) + " could not be read: " + r.error().detail());
        if (!session_.secure()) {
          if (auto again = Authenticate(); !again) return Fail(again.error());
        }
        continue;
      }
      return Fail(r.error());
    }
    result_.files[fid] = std::move(content);
  }
  result_.timings.read_files = Since(read_start);  // includes any re-authentication

  // Chip Authentication, then Active Authentication, while the session is up.
  const auto aa_start = Clock::now();
  auto dg14_file = result_.files.find(DataGroupFid(14));
  if (!options_.chip_authentication) {
    result_.verification.chip = {AuthStatus::kNotChecked, N_("Chip Authentication was not requested"), {}};
  } else if (dg14_file == result_.files.end()) {
    result_.verification.chip = {AuthStatus::kNotSupported,
                                 N_("Chip Authentication not supported: the chip has no DG14"), {}};
  } else if (auto dg14 = ParseDg14(dg14_file->second); !dg14) {
    result_.verification.chip = {AuthStatus::kFailed, N_("Chip check failed: DG14 cannot be read"),
                                 dg14.error().detail()};
  } else {
    result_.verification.chip = PerformChipAuthentication(session_, *dg14);
    if (!session_.secure()) {
      if (auto again = Authenticate(); !again) return Fail(again.error());
    }
  }
  auto dg15 = result_.files.find(DataGroupFid(15));
  if (!options_.active_authentication) {
    result_.verification.active = {AuthStatus::kNotChecked, N_("Clone check was not requested"), {}};
  } else if (dg15 == result_.files.end()) {
    result_.verification.active = {AuthStatus::kNotSupported,
                                   N_("Clone check not supported: the chip has no DG15"), {}};
  } else {
    auto dg14 = result_.files.find(DataGroupFid(14));
    std::optional<ByteView> dg14_view;
    if (dg14 != result_.files.end()) dg14_view = ByteView(dg14->second);
    result_.verification.active = PerformActiveAuthentication(session_, dg15->second, dg14_view);
  }
  result_.timings.active_auth = Since(aa_start);

  // Parsing and Passive Authentication.
  const auto verify_start = Clock::now();
  std::map<int, Bytes> groups;
  for (const auto& [fid, content] : result_.files) {
    if (auto dg = DataGroupFromFid(fid)) groups[*dg] = content;
  }
  if (options_.trust) {
    result_.verification.passive =
        VerifyPassive(result_.files.at(kFidSod), groups, *options_.trust, options_.passive);
  } else {
    result_.verification.passive =
        VerifyPassive(result_.files.at(kFidSod), groups, TrustStore{}, options_.passive);
  }
  auto mrz = ParseDg1(result_.files.at(DataGroupFid(1)));
  if (!mrz) return Fail(std::move(mrz).error().WithContext("DG1"));
  std::optional<Dg13> dg13;
  if (auto it = result_.files.find(DataGroupFid(13)); it != result_.files.end()) {
    auto parsed = ParseDg13(it->second);
    if (parsed) {
      dg13 = std::move(*parsed);
    } else {
      result_.notes.push_back("DG13 does not parse: " + parsed.error().detail());
    }
  }
  result_.identity = MergeIdentity(dg13 ? &*dg13 : nullptr, &*mrz);
  if (auto it = result_.files.find(DataGroupFid(2)); it != result_.files.end()) {
    auto dg2 = ParseDg2(it->second);
    if (dg2 && !dg2->faces.empty()) {
      result_.face = std::move(dg2->faces.front());
    } else if (!dg2) {
      result_.notes.push_back("DG2 does not parse: " + dg2.error().detail());
    }
  }
  result_.timings.verify = Since(verify_start);
  result_.timings.authenticate = auth_time_;
  result_.timings.total = Since(start);
  result_.link = session_.counters();
  return std::move(result_);
}

}  // namespace

const char* ToString(AuthStatus status) {
  switch (status) {
    case AuthStatus::kPassed: return "passed";
    case AuthStatus::kFailed: return "failed";
    case AuthStatus::kNotSupported: return "not_supported";
    case AuthStatus::kNotChecked: return "not_checked";
  }
  return "not_checked";
}

bool VerificationReport::Genuine() const {
  return passive.overall == CheckStatus::kValid && active.status != AuthStatus::kFailed &&
         chip.status != AuthStatus::kFailed;
}

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
    return {AuthStatus::kNotChecked, N_("Clone check could not be run"), response.error().detail()};
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
