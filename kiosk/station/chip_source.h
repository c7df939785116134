#pragma once
// The chip-reading port the enrollment wizard uses: read and verify the CCCD chip with the access
// key derived from the card's printed data (the MRZ key), or with the card access number (CAN)
// printed on the card front when the MRZ key is refused. The composition root wires a PC/SC
// reader (drivers/station/chip_sources.h) or, in demo mode, the chip emulator.
//
// Thread safety: Read() runs on the station's worker thread; progress may be called from it.

#include <functional>
#include <stop_token>
#include <string>

#include "kiosk/core/i18n.h"
#include "kiosk/emrtd/lds/mrz.h"
#include "kiosk/emrtd/protocol/chip_reader.h"

namespace kiosk::station {

class ChipSource {
 public:
  ChipSource() = default;
  ChipSource(const ChipSource&) = delete;
  ChipSource& operator=(const ChipSource&) = delete;
  virtual ~ChipSource() = default;

  using Progress = std::function<void(const std::string& file, size_t done, size_t total)>;
  // Errors: kWrongAccessKey (recheck ID, date of birth, expiry), kCardRemoved (retriable),
  // kDeviceNotFound / kServiceUnavailable (no reader, no pcscd), kCancelled.
  virtual Result<emrtd::ChipReadResult> Read(const emrtd::MrzAccessKey& key, Progress progress,
                                             std::stop_token stop) = 0;
  // PACE with the CAN instead of the MRZ key (a card whose MRZ key fails can still be read at the
  // desk). REQUIRES: can is 6 digits. Never log it. Errors as Read(); a refused CAN is
  // kWrongAccessKey with "check the 6 digits". Default: kUnsupported, for a source that cannot
  // run PACE.
  virtual Result<emrtd::ChipReadResult> ReadWithCan(const std::string& can, Progress progress,
                                                    std::stop_token stop);
  // For the device status light and doctor ("Virtual PCD 00 00", "Emulated CCCD").
  virtual std::string Describe() const = 0;
};

inline Result<emrtd::ChipReadResult> ChipSource::ReadWithCan(const std::string& /*can*/,
                                                             Progress /*progress*/,
                                                             std::stop_token /*stop*/) {
  return Fail(Error(ErrorCode::kUnsupported,
                    N_("This card reader cannot open the chip with the card access number (CAN)."),
                    Describe()));
}

}  // namespace kiosk::station
