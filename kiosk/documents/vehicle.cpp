#include "kiosk/documents/vehicle.h"

#include <cctype>
#include <regex>

#include "kiosk/core/i18n.h"

namespace kiosk::documents {

Result<Plate> ValidatePlate(std::string_view text) {
  std::string upper;
  for (char c : text) {
    if (c == '\t' || c == '\r' || c == '\n') c = ' ';
    upper.push_back(static_cast<char>(std::toupper(static_cast<unsigned char>(c))));
  }
  while (!upper.empty() && upper.back() == ' ') upper.pop_back();
  while (!upper.empty() && upper.front() == ' ') upper.erase(upper.begin());

  // Cars: letters straight after the prefix. Motorbikes: a letter and a digit (or two letters)
  // set apart by a separator. Tried in that order so "30AB-123.45" stays a car.
  static const std::regex kCar(R"((\d{2})([A-Z]{1,2})\s*[-\s]?\s*(?:(\d{3})\.?(\d{2})|(\d{4})))");
  static const std::regex kMotorbike(
      R"((\d{2})\s*-?\s*([A-Z][A-Z0-9])\s*[-\s]?\s*(?:(\d{3})\.?(\d{2})|(\d{4})))");
  std::smatch m;
  Plate plate;
  if (std::regex_match(upper, m, kCar)) {
    plate.kind = PlateKind::kCar;
  } else if (std::regex_match(upper, m, kMotorbike)) {
    plate.kind = PlateKind::kMotorbike;
  } else {
    return Fail(Error::InvalidArgument(
        N_("A plate looks like 30A-123.45 (car) or 29-B1 123.45 (motorbike).")));
  }
  plate.province_prefix = std::stoi(m[1]);
  if (plate.province_prefix < 11) {
    return Fail(Error::InvalidArgument(N_("A plate's province number is between 11 and 99.")));
  }
  plate.series = m[2];
  const bool five = m[3].matched;
  plate.number = five ? std::string(m[3]) + std::string(m[4]) : std::string(m[5]);
  const std::string shown = five ? std::string(m[3]) + "." + std::string(m[4]) : plate.number;
  const std::string prefix = std::string(m[1]);
  plate.normalised = plate.kind == PlateKind::kCar ? prefix + plate.series + "-" + shown
                                                   : prefix + "-" + plate.series + " " + shown;
  return plate;
}

}  // namespace kiosk::documents
