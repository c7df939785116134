#pragma once
// Vehicle registration (đăng ký xe) and its plate (biển số). Plates seen on registrations:
//   cars        "30A-123.45", "51LD-012.34", older 4-digit "30A-1234"
//   motorbikes  "29-B1 123.45", "59-X3 1234" (series letter + digit on its own row)
// The first two digits are the province prefix, 11–99. OCR and typing give any mix of spaces,
// dashes and dots; the normalised form is the one printed above.

#include <string>
#include <string_view>

#include "kiosk/core/result.h"

namespace kiosk::documents {

enum class PlateKind { kCar, kMotorbike };

struct Plate {
  std::string normalised;
  PlateKind kind = PlateKind::kCar;
  int province_prefix = 0;
  std::string series;  // "A", "LD", "B1"
  std::string number;  // "12345" or "1234"
};

Result<Plate> ValidatePlate(std::string_view text);

struct VehicleRegistration {
  Plate plate;
  std::string owner_name;       // NFC
  std::string make;             // nhãn hiệu
  std::string chassis_number;   // số khung
  std::string engine_number;    // số máy
};

}  // namespace kiosk::documents
