#pragma once
// ReadChip: everything the station needs from a CCCD chip in one call. Authenticates (PACE when
// EF.CardAccess offers a variant the station runs, with the CAN when one is given or else the MRZ
// key; BAC with the MRZ key otherwise, or when PACE fails in a way that allows falling back:
// the chip refusing the protocol or answering it wrongly, never a refused password), then under
// secure messaging reads EF.COM (a hint), EF.SOD, and every group among DG1, DG2, DG13, DG14
// and DG15 that the SOD lists (EF.COM's list when there is no SOD that parses; DG1 always); runs
// Chip Authentication (DG14 with a CA key) and Active Authentication (DG15), and Passive
// Authentication against the trust store; returns the identity (DG13 merged with DG1), the face
// image, the verification report with its verdict (verification.h), and the link figures.
//
// A chip that withholds what its SOD lists (refuses it, says it is not there, or answers
// without a valid MAC even in a fresh session) is still read as far as it goes: the read
// succeeds and the verdict says "not genuine" with the reason. So does a chip without EF.SOD.
//
// Faults: a wrong key is kWrongAccessKey (the message names the fields to recheck); a card
// pulled mid-read is kCardRemoved (retriable: call ReadChip again); a transient error inside
// the session (a broken secure-messaging exchange) is retried here by re-authenticating and
// resuming the file (or the clone check) where it stopped. Cancellation is checked before every
// APDU.
//
// Thread safety: runs on the caller's thread (never the GUI thread: it blocks on the card);
// progress is called on that thread.

#include <chrono>
#include <map>
#include <optional>
#include <stop_token>
#include <string>
#include <vector>

#include "kiosk/core/result.h"
#include "kiosk/emrtd/lds/dg2.h"
#include "kiosk/emrtd/lds/identity.h"
#include "kiosk/emrtd/lds/mrz.h"
#include "kiosk/emrtd/lds/passive_auth.h"
#include "kiosk/emrtd/lds/trust_store.h"
#include "kiosk/emrtd/protocol/card_channel.h"
#include "kiosk/emrtd/protocol/card_session.h"
#include "kiosk/emrtd/protocol/file_reader.h"
#include "kiosk/emrtd/protocol/verification.h"

namespace kiosk::emrtd {

struct ChipReadOptions {
  FileReadOptions files;
  // PACE when the chip offers it; false forces BAC (benchmarks, odd cards).
  bool use_pace = true;
  // The card access number printed on the card: PACE's password instead of the MRZ. With a CAN
  // the MRZ key may be empty, but then a chip without PACE cannot be read. Not a secret from the
  // officer (it is printed on the card), so a plain string.
  std::string can;
  bool read_face = true;
  bool active_authentication = true;
  bool chip_authentication = true;  // when DG14 offers an ECDH key
  // Re-authentications allowed after transient session errors, per read.
  int session_retries = 2;
  // Trust anchors for Passive Authentication; without one PA is "not verifiable".
  const TrustStore* trust = nullptr;
  PassiveAuthOptions passive;
};

struct ChipReadTimings {
  std::chrono::milliseconds authenticate{0};
  std::chrono::milliseconds read_files{0};
  std::chrono::milliseconds active_auth{0};  // Chip and Active Authentication
  std::chrono::milliseconds verify{0};  // parsing + passive authentication
  std::chrono::milliseconds total{0};
};

struct ChipReadResult {
  ChipIdentity identity;
  FaceImage face;                     // empty data when DG2 was not read
  std::map<uint16_t, Bytes> files;    // FID → raw file, for --out and the record
  std::vector<int> data_groups;       // as listed by EF.COM (a hint: see verification)
  std::vector<std::string> notes;     // e.g. "DG3 is protected (EAC) and was not read"
  VerificationReport verification;
  std::string access_protocol = "BAC";  // "PACE" or "BAC"
  std::string pace_protocol;             // the PACEInfo OID used, when PACE ran
  bool extended_length = false;
  size_t block_size = 0;
  int session_retries_used = 0;
  LinkCounters link;
  ChipReadTimings timings;
};

Result<ChipReadResult> ReadChip(CardChannel& channel, const MrzAccessKey& key,
                                const ChipReadOptions& options = {},
                                const ReadProgress& progress = {}, std::stop_token stop = {});

// Active Authentication over an authenticated session: INTERNAL AUTHENTICATE with a fresh
// challenge, verified with DG15's key (and DG14's signature algorithm for ECDSA).
AuthReport PerformActiveAuthentication(CardSession& session, ByteView dg15,
                                       std::optional<ByteView> dg14);

}  // namespace kiosk::emrtd
