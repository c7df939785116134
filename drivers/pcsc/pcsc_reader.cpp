#include "drivers/pcsc/pcsc_reader.h"

#include <chrono>
#include <thread>

#include "drivers/pcsc/pcsc_api.h"
#include "drivers/pcsc/pcsc_error.h"
#include "kiosk/core/i18n.h"

namespace kiosk::pcsc {
namespace {

// The largest extended response (65536 data bytes + SW) plus headroom, as pcsc-lite allows.
constexpr DWORD kReceiveBufferSize = 65536 + 2 + 16;

SCARDCONTEXT Native(Context& context) {
  return static_cast<SCARDCONTEXT>(context.native());
}

Result<std::string> ResolveReader(Context& context, const std::string& reader) {
  if (!reader.empty()) return reader;
  auto readers = context.ListReaders();
  if (!readers) return Fail(readers.error());
  if (readers->empty()) {
    return Fail(Error(ErrorCode::kDeviceNotFound,
                      N_("No card reader is connected. Plug in the reader, then retry."),
                      "no PC/SC reader"));
  }
  return readers->front();
}

// Waits until the reader's state has (present) or lacks (!present) a card.
Result<void> WaitForPresence(Context& context, const std::string& reader, bool present,
                             std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  SCARD_READERSTATE state{};
  state.szReader = reader.c_str();
  state.dwCurrentState = SCARD_STATE_UNAWARE;
  while (true) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    const DWORD wait = left.count() > 0 ? static_cast<DWORD>(left.count()) : 0;
    LONG rv = SCardGetStatusChange(Native(context), wait, &state, 1);
    if (rv != SCARD_S_SUCCESS) return Fail(ToError(rv, "SCardGetStatusChange"));
    if (state.dwEventState & (SCARD_STATE_UNKNOWN | SCARD_STATE_IGNORE)) {
      return Fail(ToError(static_cast<LONG>(SCARD_E_UNKNOWN_READER), "SCardGetStatusChange"));
    }
    const bool has_card = (state.dwEventState & SCARD_STATE_PRESENT) != 0 &&
                          (state.dwEventState & SCARD_STATE_MUTE) == 0;
    if (has_card == present) return {};
    if (wait == 0) return Fail(ToError(static_cast<LONG>(SCARD_E_TIMEOUT), "SCardGetStatusChange"));
    state.dwCurrentState = state.dwEventState & ~static_cast<DWORD>(SCARD_STATE_CHANGED);
  }
}

}  // namespace

Result<std::unique_ptr<PcscCardChannel>> PcscCardChannel::Connect(Context& context,
                                                                  const std::string& reader) {
  SCARDHANDLE card = 0;
  DWORD protocol = 0;
  LONG rv = SCardConnect(Native(context), reader.c_str(), SCARD_SHARE_SHARED,
                         SCARD_PROTOCOL_T1 | SCARD_PROTOCOL_T0, &card, &protocol);
  if (rv != SCARD_S_SUCCESS) return Fail(ToError(rv, "SCardConnect"));

  // The ATR, for the card's capabilities (extended length).
  std::vector<uint8_t> atr(36);  // MAX_ATR_SIZE is 33; some stacks allow 36
  DWORD atr_size = static_cast<DWORD>(atr.size());
  DWORD state = 0;
  DWORD status_protocol = 0;
  DWORD name_size = 0;
  rv = SCardStatus(card, nullptr, &name_size, &state, &status_protocol, atr.data(), &atr_size);
  if (rv != SCARD_S_SUCCESS) {
    SCardDisconnect(card, SCARD_LEAVE_CARD);
    return Fail(ToError(rv, "SCardStatus"));
  }
  atr.resize(atr_size);
  return std::unique_ptr<PcscCardChannel>(new PcscCardChannel(
      static_cast<intptr_t>(card), protocol == SCARD_PROTOCOL_T1, reader, std::move(atr)));
}

PcscCardChannel::~PcscCardChannel() {
  SCardDisconnect(static_cast<SCARDHANDLE>(card_), SCARD_LEAVE_CARD);
}

Result<emrtd::ResponseApdu> PcscCardChannel::Transmit(const emrtd::CommandApdu& command) {
  auto encoded = command.Encode();
  if (!encoded) return Fail(encoded.error());
  if (command.IsExtended() && !protocol_t1_) {
    return Fail(Error::Unsupported(N_("The card reader does not support extended-length APDUs."),
                                   "extended APDU over T=0"));
  }
  std::vector<uint8_t> response(kReceiveBufferSize);
  DWORD response_size = static_cast<DWORD>(response.size());
  const SCARD_IO_REQUEST* pci = protocol_t1_ ? SCARD_PCI_T1 : SCARD_PCI_T0;
  LONG rv =
      SCardTransmit(static_cast<SCARDHANDLE>(card_), pci, encoded->data(),
                    static_cast<DWORD>(encoded->size()), nullptr, response.data(), &response_size);
  if (rv != SCARD_S_SUCCESS) {
    // Drivers report a card leaving the field mid-APDU as a transmission failure
    // (SCARD_E_NOT_TRANSACTED, a comm error); if it is gone, say so: the officer puts it back.
    if (rv != static_cast<LONG>(SCARD_W_REMOVED_CARD) && !CardStillPresent()) {
      return Fail(ToError(static_cast<LONG>(SCARD_W_REMOVED_CARD), "SCardTransmit")
                      .WithContext(ToError(rv, "SCardTransmit").detail()));
    }
    return Fail(ToError(rv, "SCardTransmit"));
  }
  // vpcd (and some drivers) hand back an empty answer rather than an error when the card left.
  if (response_size < 2 && !CardStillPresent()) {
    return Fail(ToError(static_cast<LONG>(SCARD_W_REMOVED_CARD), "SCardTransmit (empty answer)"));
  }
  response.resize(response_size);
  return emrtd::ResponseApdu::Parse(response);
}

bool PcscCardChannel::CardStillPresent() const {
  // pcscd polls the reader for presence a few times a second, so a card pulled mid-APDU may
  // still show as present for a moment; ask for up to a second before calling it a card fault.
  for (int attempt = 0; attempt < 5; ++attempt) {
    DWORD state = 0;
    DWORD protocol = 0;
    DWORD name_size = 0;
    uint8_t atr[36];
    DWORD atr_size = sizeof atr;
    const LONG rv = SCardStatus(static_cast<SCARDHANDLE>(card_), nullptr, &name_size, &state,
                                &protocol, atr, &atr_size);
    if (rv == static_cast<LONG>(SCARD_W_REMOVED_CARD) ||
        rv == static_cast<LONG>(SCARD_E_NO_SMARTCARD) ||
        (rv == SCARD_S_SUCCESS && (state & SCARD_PRESENT) == 0)) {
      return false;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
  }
  return true;
}

Result<std::string> WaitForCard(Context& context, const std::string& reader,
                                std::chrono::milliseconds timeout) {
  auto name = ResolveReader(context, reader);
  if (!name) return name;
  auto waited = WaitForPresence(context, *name, true, timeout);
  if (!waited) return Fail(waited.error());
  return name;
}

Result<void> WaitForCardRemoval(Context& context, const std::string& reader,
                                std::chrono::milliseconds timeout) {
  auto name = ResolveReader(context, reader);
  if (!name) return Fail(name.error());
  return WaitForPresence(context, *name, false, timeout);
}

}  // namespace kiosk::pcsc
