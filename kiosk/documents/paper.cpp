#include "kiosk/documents/paper.h"

#include <algorithm>

#include "kiosk/core/i18n.h"
#include "kiosk/documents/driving_licence.h"
#include "kiosk/documents/health_insurance.h"
#include "kiosk/documents/tax_code.h"
#include "kiosk/documents/vehicle.h"
#include "kiosk/identity/cccd_id.h"
#include "kiosk/identity/date.h"
#include "kiosk/identity/unicode.h"

namespace kiosk::documents {

std::string_view ToString(PaperType type) {
  switch (type) {
    case PaperType::kDrivingLicence: return "gplx";
    case PaperType::kHealthInsurance: return "bhyt";
    case PaperType::kVehicleRegistration: return "vehicle";
    case PaperType::kTaxCode: return "mst";
  }
  return "";
}

std::optional<PaperType> ParsePaperType(std::string_view text) {
  for (PaperType t : {PaperType::kDrivingLicence, PaperType::kHealthInsurance,
                      PaperType::kVehicleRegistration, PaperType::kTaxCode}) {
    if (ToString(t) == text) return t;
  }
  return std::nullopt;
}

std::string_view Title(PaperType type) {
  switch (type) {
    case PaperType::kDrivingLicence: return N_("Driving licence (GPLX)");
    case PaperType::kHealthInsurance: return N_("Health insurance card (BHYT)");
    case PaperType::kVehicleRegistration: return N_("Vehicle registration");
    case PaperType::kTaxCode: return N_("Tax code (MST)");
  }
  return "";
}

const std::vector<PaperFieldSpec>& FieldSpecs(PaperType type) {
  static const std::vector<PaperFieldSpec> kGplx = {
      {"number", N_("Licence number"), true},     {"classes", N_("Classes"), true},
      {"issue_date", N_("Issue date"), true},     {"expiry", N_("Expiry date"), false},
      {"full_name", N_("Full name"), false},      {"date_of_birth", N_("Date of birth"), false}};
  static const std::vector<PaperFieldSpec> kBhyt = {
      {"code", N_("Card code"), true},            {"full_name", N_("Full name"), true},
      {"date_of_birth", N_("Date of birth"), true}, {"gender", N_("Gender"), false},
      {"valid_from", N_("Valid from"), false},    {"valid_to", N_("Valid to"), false},
      {"clinic_code", N_("Registered clinic"), false}};
  static const std::vector<PaperFieldSpec> kVehicle = {
      {"plate", N_("Plate number"), true},        {"owner_name", N_("Owner"), true},
      {"make", N_("Make"), false},                {"chassis_number", N_("Chassis number"), false},
      {"engine_number", N_("Engine number"), false}};
  static const std::vector<PaperFieldSpec> kMst = {
      {"tax_code", N_("Tax code"), true},         {"full_name", N_("Full name"), false}};
  switch (type) {
    case PaperType::kDrivingLicence: return kGplx;
    case PaperType::kHealthInsurance: return kBhyt;
    case PaperType::kVehicleRegistration: return kVehicle;
    case PaperType::kTaxCode: return kMst;
  }
  return kMst;
}

namespace {

bool IsDateField(std::string_view name) {
  return name == "issue_date" || name == "expiry" || name == "date_of_birth" ||
         name == "valid_from" || name == "valid_to";
}

bool IsTextField(std::string_view name) {
  return name == "full_name" || name == "owner_name" || name == "make";
}

Error FieldError(const Error& cause, std::string_view field) {
  // The cause's message says what is wrong; the argument tells the form which field to focus.
  Error out = Error(cause.code(), cause.message_key(), std::string(field));
  for (const auto& arg : cause.args()) (void)std::move(out).WithArg(arg);
  return out;
}

}  // namespace

Result<std::string> ValidatePaperField(PaperType type, std::string_view name,
                                       std::string_view raw,
                                       std::optional<std::string_view> citizen_id) {
  const auto& specs = FieldSpecs(type);
  auto spec = std::find_if(specs.begin(), specs.end(),
                           [&](const PaperFieldSpec& s) { return s.name == name; });
  if (spec == specs.end()) {
    return Fail(Error::InvalidArgument(N_("This paper has no field called {0}.")).WithArg(std::string(name)));
  }
  auto nfc = identity::ToNfc(raw);
  if (!nfc) return Fail(FieldError(nfc.error(), name));
  std::string value = identity::CollapseSpaces(*nfc);
  if (value.empty()) return value;
  if (IsDateField(name)) {
    auto date = identity::ParseDate(value);
    if (!date) return Fail(FieldError(date.error(), name));
    value = date->ToIso();
  } else if (name == "gender") {
    auto gender = identity::ParseGender(value);
    if (!gender) return Fail(Error::InvalidArgument(N_("Gender must be Nam or Nữ."), std::string(name)));
    value = std::string(identity::ToString(*gender));
  } else if (name == "number") {
    auto number = ValidateGplxNumber(value);
    if (!number) return Fail(FieldError(number.error(), name));
    value = *number;
  } else if (name == "classes") {
    auto classes = ParseLicenceClasses(value);
    if (!classes) return Fail(FieldError(classes.error(), name));
    value.clear();
    for (const auto& c : *classes) value += (value.empty() ? "" : ",") + c;
  } else if (name == "code") {
    auto code = ValidateBhytCode(value);
    if (!code) return Fail(FieldError(code.error(), name));
    value = code->code;
  } else if (name == "plate") {
    auto plate = ValidatePlate(value);
    if (!plate) return Fail(FieldError(plate.error(), name));
    value = plate->normalised;
  } else if (name == "tax_code") {
    auto tax = ValidateTaxCode(value, citizen_id);
    if (!tax) return Fail(FieldError(tax.error(), name));
    value = tax->normalised;
  } else if (!IsTextField(name)) {
    // Codes (clinic, chassis, engine): upper-case ASCII letters, digits and dashes.
    for (char& c : value) {
      if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    }
  }
  return value;
}

Result<PaperFields> ValidatePaperFields(PaperType type, const PaperFields& fields,
                                        std::optional<std::string_view> citizen_id) {
  const auto& specs = FieldSpecs(type);
  PaperFields out;
  for (const auto& [name, raw] : fields) {
    auto value = ValidatePaperField(type, name, raw, citizen_id);
    if (!value) return Fail(value.error());
    if (!value->empty()) out[name] = *value;
  }
  for (const auto& spec : specs) {
    if (spec.required && !out.contains(std::string(spec.name))) {
      return Fail(Error::InvalidArgument(N_("The field {0} is required.")).WithArg(std::string(spec.name)));
    }
  }
  if (type == PaperType::kDrivingLicence && out.contains("expiry") &&
      out["expiry"] < out["issue_date"]) {
    return Fail(Error::InvalidArgument(N_("The licence expires before it was issued."), "expiry"));
  }
  if (type == PaperType::kHealthInsurance && out.contains("valid_from") &&
      out.contains("valid_to") && out["valid_to"] < out["valid_from"]) {
    return Fail(Error::InvalidArgument(
        N_("The health insurance card's validity ends before it starts."), "valid_to"));
  }
  return out;
}

}  // namespace kiosk::documents
