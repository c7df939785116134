// libFuzzer target: the central server's answers as the station reads them (upload receipt,
// status page, one packet's status, GET /v1/certificate, error bodies, the signed receipt's
// JSON and its CMS envelope). No network: the bodies go straight to sync/client/server_answers.h.
// Every input is fed to every parser; none may throw (an exception would cross the layer and
// end the outbox worker's thread) and what is accepted must be usable as it stands.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "sync/client/server_answers.h"
#include "sync/client/transfer_errors.h"
#include "sync/packet/receipt.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace kiosk::sync;
  const std::string_view body(reinterpret_cast<const char*>(data), size);
  (void)ParseUploadAnswer(body);
  if (auto page = ParseStatusPage(body)) {
    // The cursor goes back into a query string unescaped.
    if (page->next_cursor.find_first_not_of("0123456789") != std::string::npos) std::abort();
  }
  (void)ParsePacketStatus(body);
  (void)ParseCertificateAnswer(body);
  (void)ParseReceiptContent(body);
  // Error bodies: the status code is the first two bytes, so 4xx/5xx and odd codes all occur.
  const long status = size >= 2 ? (data[0] << 8 | data[1]) % 1000 : 500;
  (void)HttpError(status, body);
  // A receipt that is not signed by the (here empty) central CA never verifies.
  static X509_STORE* const kEmptyCa = X509_STORE_new();
  if (VerifyReceipt(std::vector<uint8_t>(data, data + size), kEmptyCa)) std::abort();
  return 0;
}
