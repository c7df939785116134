#include "drivers/pcsc/pcsc_context.h"

#include "drivers/pcsc/pcsc_api.h"
#include "drivers/pcsc/pcsc_error.h"

namespace kiosk::pcsc {

Result<std::unique_ptr<Context>> Context::Establish() {
  SCARDCONTEXT handle = 0;
  LONG rv = SCardEstablishContext(SCARD_SCOPE_SYSTEM, nullptr, nullptr, &handle);
  if (rv != SCARD_S_SUCCESS) return Fail(ToError(rv, "SCardEstablishContext"));
  return std::unique_ptr<Context>(new Context(static_cast<intptr_t>(handle)));
}

Context::~Context() { SCardReleaseContext(static_cast<SCARDCONTEXT>(handle_)); }

Result<std::vector<std::string>> Context::ListReaders() {
  DWORD size = 0;
  auto ctx = static_cast<SCARDCONTEXT>(handle_);
  LONG rv = SCardListReaders(ctx, nullptr, nullptr, &size);
  if (rv == static_cast<LONG>(SCARD_E_NO_READERS_AVAILABLE)) return std::vector<std::string>{};
  if (rv != SCARD_S_SUCCESS) return Fail(ToError(rv, "SCardListReaders"));
  std::string buffer(size, '\0');
  rv = SCardListReaders(ctx, nullptr, buffer.data(), &size);
  if (rv == static_cast<LONG>(SCARD_E_NO_READERS_AVAILABLE)) return std::vector<std::string>{};
  if (rv != SCARD_S_SUCCESS) return Fail(ToError(rv, "SCardListReaders"));
  // A multi-string: names separated by NUL, ended by an empty name.
  std::vector<std::string> readers;
  for (size_t pos = 0; pos < buffer.size() && buffer[pos] != '\0';) {
    std::string name(buffer.c_str() + pos);
    pos += name.size() + 1;
    readers.push_back(std::move(name));
  }
  return readers;
}

Result<std::vector<ReaderState>> Context::ReaderStates() {
  auto names = ListReaders();
  if (!names) return Fail(names.error());
  std::vector<SCARD_READERSTATE> states(names->size());
  for (size_t i = 0; i < names->size(); ++i) {
    states[i] = {};
    states[i].szReader = (*names)[i].c_str();
    states[i].dwCurrentState = SCARD_STATE_UNAWARE;
  }
  std::vector<ReaderState> out;
  if (states.empty()) return out;
  LONG rv = SCardGetStatusChange(static_cast<SCARDCONTEXT>(handle_), 0, states.data(),
                                 static_cast<DWORD>(states.size()));
  if (rv != SCARD_S_SUCCESS && rv != static_cast<LONG>(SCARD_E_TIMEOUT)) {
    return Fail(ToError(rv, "SCardGetStatusChange"));
  }
  for (size_t i = 0; i < states.size(); ++i) {
    ReaderState s;
    s.name = (*names)[i];
    s.card_present = (states[i].dwEventState & SCARD_STATE_PRESENT) != 0;
    s.card_in_use = (states[i].dwEventState & SCARD_STATE_EXCLUSIVE) != 0;
    s.atr.assign(states[i].rgbAtr, states[i].rgbAtr + std::min<DWORD>(states[i].cbAtr, sizeof states[i].rgbAtr));
    out.push_back(std::move(s));
  }
  return out;
}

}  // namespace kiosk::pcsc
