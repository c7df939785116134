#pragma once
// The chip-reading port the enrollment wizard uses: read and verify the CCCD chip with the access
// key derived from the card's printed data. The composition root wires a PC/SC reader
// (drivers/station/pcsc_chip_source.h) or, in demo mode, the chip emulator.
//
// Thread safety: Read() runs on the station's worker thread; progress may be called from it.

#include <functional>
#include <stop_token>
#include <string>

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
  // For the device status light and doctor ("Virtual PCD 00 00", "Emulated CCCD").
  virtual std::string Describe() const = 0;
};

}  // namespace kiosk::station
