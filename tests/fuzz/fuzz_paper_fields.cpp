// libFuzzer target: paper text → fields, as the paper reader turns OCR lines into a driving
// licence, health insurance card, vehicle registration or tax code paper (label before ':'
// matched with OCR slips tolerated, value through the paper model's validator), and the
// validators the officer's corrections go through. The first byte picks the paper type; the rest
// is the page's text, one OCR line per '\n'. What validates must validate again unchanged.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "kiosk/documents/contact.h"
#include "kiosk/documents/driving_licence.h"
#include "kiosk/documents/paper.h"
#include "kiosk/documents/paper_reader.h"
#include "kiosk/documents/tax_code.h"
#include "kiosk/documents/vehicle.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace kiosk::documents;
  if (size < 1 || size > 4096) return 0;  // a card's worth of text; label matching is quadratic
  constexpr PaperType kTypes[] = {PaperType::kDrivingLicence, PaperType::kHealthInsurance,
                                  PaperType::kVehicleRegistration, PaperType::kTaxCode};
  const PaperType type = kTypes[data[0] % 4];
  const std::string_view text(reinterpret_cast<const char*>(data + 1), size - 1);

  PaperFields fields;
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    const std::string_view line = text.substr(start, end - start);
    start = end + 1;
    const size_t colon = line.find(':');
    if (colon == std::string_view::npos) continue;
    const std::string field = MatchFieldLabel(type, line.substr(0, colon));
    if (field.empty()) continue;
    const std::string_view raw = line.substr(colon + 1);
    auto checked = ValidatePaperField(type, field, raw);
    if (checked && !checked->empty()) {
      auto again = ValidatePaperField(type, field, *checked);
      if (!again || *again != *checked) std::abort();  // normalised values are fixed points
    }
    fields.emplace(field, std::string(raw));
  }
  (void)ValidatePaperFields(type, fields, std::string_view("001090012345"));

  (void)ValidateDrivingLicenceLine(text);
  (void)ValidatePlate(text);
  (void)ValidateTaxCode(text, std::string_view("001090012345"));
  (void)NormalisePhoneNumber(text);
  (void)ValidateEmail(text);
  return 0;
}
