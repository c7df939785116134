// libFuzzer target: secure-messaging unwrapping (DO85/DO87, DO97, DO99, DO8E) must reject any
// malformed or forged message without crashing. The first input byte picks the algorithm and
// whether a correct DO8E is appended, so the fuzzer also reaches the decryption and padding
// checks behind the MAC, which it could never forge on its own. Card side too: a hostile
// terminal's command goes through UnprotectCommand.
#include <cstddef>
#include <cstdint>

#include "kiosk/emrtd/lds/tlv.h"
#include "kiosk/emrtd/protocol/apdu.h"
#include "kiosk/emrtd/protocol/secure_messaging.h"
#include "kiosk/emrtd/protocol/sm_crypto.h"

namespace {

using namespace kiosk;
using namespace kiosk::emrtd;

SecretBytes Key(size_t size, uint8_t seed) {
  SecretBytes key(size);
  for (size_t i = 0; i < size; ++i) key.data()[i] = static_cast<uint8_t>(seed + 7 * i);
  return key;
}

// The MAC the SM object computes over SSC || data after incrementing the SSC.
Bytes MacFor(bool aes, const SecretBytes& k_mac, Bytes ssc, ByteView data) {
  for (size_t i = ssc.size(); i-- > 0;) {
    if (++ssc[i] != 0) break;
  }
  Bytes input = ssc;
  input.insert(input.end(), data.begin(), data.end());
  Result<Bytes> mac = aes ? crypto::AesCmac(k_mac, crypto::Pad(input, 16)) : crypto::RetailMac(k_mac, input);
  if (!mac) return Bytes(8, 0);
  mac->resize(8);
  return *mac;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 1) return 0;
  const uint8_t mode = data[0];
  const ByteView body(data + 1, size - 1);
  const bool aes = mode & 0x01;
  const bool add_mac = mode & 0x02;
  const bool as_command = mode & 0x04;
  const auto algorithm = aes ? SecureMessaging::Algorithm::kAes : SecureMessaging::Algorithm::kTripleDes;
  const Bytes ssc(aes ? 16 : 8, 0);
  auto sm = SecureMessaging::Create(algorithm, Key(16, 1), Key(16, 2), ssc);
  if (!sm) __builtin_trap();

  if (as_command) {
    auto command = CommandApdu::Parse(body);
    if (command) (void)sm->UnprotectCommand(*command);
    return 0;
  }
  ResponseApdu response;
  response.data.assign(body.begin(), body.end());
  response.sw = sw::kOk;
  if (add_mac) AppendTlv(response.data, 0x8E, MacFor(aes, Key(16, 2), ssc, body));
  auto plain = sm->UnprotectResponse(response);
  if (plain && plain->data.size() > response.data.size()) __builtin_trap();
  return 0;
}
