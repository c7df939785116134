#pragma once
// The synthetic demo citizen's chip (drivers/sim: LDS signed by a test PKI, AA and CA keys), read
// in-process through the real chip reader and verified against that PKI's CSCA: a genuine read to
// feed a Visit, or to alter into what a clone would give.
#include <gtest/gtest.h>
#include <openssl/x509.h>

#include "drivers/sim/chip/chip_profile.h"
#include "drivers/sim/chip/in_process_channel.h"
#include "kiosk/emrtd/protocol/chip_reader.h"

namespace kiosk::enrollment::testing {

// QR text of the demo card: ID, no old CMND, name, DOB 14/03/1995, Nam, address, issued 10/04/2021.
inline constexpr const char* kDemoQr =
    "001095012345||NGUYỄN VĂN MẪU|14031995|Nam|Số 1 Phố Ví Dụ, Hà Nội|10042021";

inline const sim::TestPki& DemoPki() {
  static const sim::TestPki pki = std::move(*sim::GenerateTestPki());
  return pki;
}

inline emrtd::ChipReadResult ReadDemoChip(sim::LdsBuildOptions lds = {}) {
  sim::ChipProfileOptions options;
  options.lds = lds;
  auto card = sim::MakeEmulatedCard(sim::DefaultCitizen(), DemoPki(), options);
  EXPECT_TRUE(card) << card.error().ToLogString();
  sim::ChipEmulator emulator(std::move(card->content));
  sim::InProcessChannel channel(emulator);
  emrtd::TrustStore trust;
  X509_up_ref(DemoPki().csca_cert.get());
  trust.Add(emrtd::X509Ptr(DemoPki().csca_cert.get()));
  emrtd::ChipReadOptions read_options;
  read_options.trust = &trust;
  auto read = emrtd::ReadChip(channel, card->access.mrz_key, read_options);
  EXPECT_TRUE(read) << read.error().ToLogString();
  return read ? std::move(*read) : emrtd::ChipReadResult{};
}

}  // namespace kiosk::enrollment::testing
