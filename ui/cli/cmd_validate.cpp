// kiosk-cli validate KIND VALUE [--json] [--id ID] [--dob DATE] [--gender Nam|Nữ]
// Checks one value as the enrollment wizard would, prints "valid: <normalised>" or
// "invalid: <reason>", exit 0 / 1. KIND: cccd-id, cccd-qr, mst, bhyt, gplx, plate, phone, email.
#include <iostream>
#include <map>

#include <nlohmann/json.hpp>

#include "kiosk/core/i18n.h"
#include "kiosk/documents/contact.h"
#include "kiosk/documents/driving_licence.h"
#include "kiosk/documents/health_insurance.h"
#include "kiosk/documents/tax_code.h"
#include "kiosk/documents/vehicle.h"
#include "kiosk/identity/cccd_qr.h"
#include "kiosk/identity/unicode.h"
#include "ui/cli/commands.h"

namespace kiosk::cli {

namespace {

struct Options {
  std::string kind;
  std::string value;
  bool json = false;
  std::string citizen_id;
  std::string date_of_birth;
  std::string gender;
};

// The normalised value and the decoded parts, or the validator's error.
using Outcome = Result<std::pair<std::string, nlohmann::json>>;

Outcome CheckCccdId(const Options& o) {
  identity::CccdIdContext context;
  if (!o.date_of_birth.empty()) {
    auto dob = identity::ParseDate(o.date_of_birth);
    if (!dob) return Fail(dob.error());
    context.date_of_birth = *dob;
  }
  if (!o.gender.empty()) {
    auto nfc = identity::ToNfc(o.gender);
    context.gender = nfc ? identity::ParseGender(*nfc) : std::nullopt;
    if (!context.gender) return Fail(Error::InvalidArgument(N_("Gender must be Nam or Nữ.")));
  }
  auto id = identity::ValidateCccdId(o.value, context);
  if (!id) return Fail(id.error());
  return std::make_pair(id->digits, nlohmann::json{{"province_code", id->province_code},
                                                   {"province", id->province_name},
                                                   {"gender", identity::ToString(id->gender)},
                                                   {"birth_year", id->birth_year},
                                                   {"document_number", id->DocumentNumber()}});
}

Outcome CheckCccdQr(const Options& o) {
  auto qr = identity::ParseCccdQr(o.value);
  if (!qr) return Fail(qr.error());
  nlohmann::json parts = {{"id", qr->id.digits},
                          {"old_cmnd", qr->old_cmnd},
                          {"full_name", qr->full_name},
                          {"date_of_birth", qr->date_of_birth.ToIso()},
                          {"gender", identity::ToString(qr->gender)},
                          {"address", qr->address},
                          {"issue_date", qr->issue_date.ToIso()},
                          {"extra_fields", qr->extra_fields}};
  if (auto expiry = identity::CccdExpiry(qr->date_of_birth, qr->issue_date)) {
    parts["expected_expiry"] = expiry->ToIso();
  } else {
    parts["expected_expiry"] = nullptr;
  }
  return std::make_pair(qr->id.digits, parts);
}

Outcome CheckTaxCode(const Options& o) {
  std::optional<std::string_view> id;
  if (!o.citizen_id.empty()) id = o.citizen_id;
  auto tax = documents::ValidateTaxCode(o.value, id);
  if (!tax) return Fail(tax.error());
  static const std::map<documents::TaxCodeKind, const char*> kKinds = {
      {documents::TaxCodeKind::kOrganisation, "organisation"},
      {documents::TaxCodeKind::kBranch, "branch"},
      {documents::TaxCodeKind::kIndividualId, "individual_id"}};
  return std::make_pair(tax->normalised, nlohmann::json{{"kind", kKinds.at(tax->kind)}});
}

Outcome CheckBhyt(const Options& o) {
  auto code = documents::ValidateBhytCode(o.value);
  if (!code) return Fail(code.error());
  return std::make_pair(code->code,
                        nlohmann::json{{"beneficiary_group", code->beneficiary_group},
                                       {"benefit_level", code->benefit_level},
                                       {"province_code", code->province_code},
                                       {"social_insurance_number", code->social_insurance_number}});
}

Outcome CheckGplx(const Options& o) {
  auto licence = documents::ValidateDrivingLicenceLine(o.value);
  if (!licence) return Fail(licence.error());
  nlohmann::json parts = {{"number", licence->number}, {"classes", licence->classes}};
  if (!licence->classes.empty()) parts["issue_date"] = licence->issue_date.ToIso();
  if (licence->expiry) parts["expiry"] = licence->expiry->ToIso();
  return std::make_pair(licence->number, parts);
}

Outcome CheckPlate(const Options& o) {
  auto plate = documents::ValidatePlate(o.value);
  if (!plate) return Fail(plate.error());
  return std::make_pair(plate->normalised,
                        nlohmann::json{{"kind", plate->kind == documents::PlateKind::kCar
                                                    ? "car" : "motorbike"},
                                       {"province_prefix", plate->province_prefix},
                                       {"series", plate->series},
                                       {"number", plate->number}});
}

Outcome CheckPhone(const Options& o) {
  auto phone = documents::NormalisePhoneNumber(o.value);
  if (!phone) return Fail(phone.error());
  return std::make_pair(*phone, nlohmann::json::object());
}

Outcome CheckEmail(const Options& o) {
  auto email = documents::ValidateEmail(o.value);
  if (!email) return Fail(email.error());
  return std::make_pair(*email, nlohmann::json::object());
}

int Run(const Options& o) {
  static const std::map<std::string, Outcome (*)(const Options&)> kCheckers = {
      {"cccd-id", CheckCccdId}, {"cccd-qr", CheckCccdQr}, {"mst", CheckTaxCode},
      {"bhyt", CheckBhyt},      {"gplx", CheckGplx},      {"plate", CheckPlate},
      {"phone", CheckPhone},    {"email", CheckEmail}};
  const Outcome outcome = kCheckers.at(o.kind)(o);
  if (o.json) {
    nlohmann::json doc = {{"kind", o.kind}, {"valid", outcome.has_value()}};
    if (outcome) {
      doc["normalised"] = outcome->first;
      doc["fields"] = outcome->second;
    } else {
      doc["error"] = std::string(ToString(outcome.error().code()));
      doc["reason"] = outcome.error().EnglishMessage();
      doc["message"] = outcome.error().Message();
    }
    std::cout << doc.dump(2) << "\n";
  } else if (outcome) {
    std::cout << "valid: " << outcome->first << "\n";
  } else {
    std::cout << "invalid: " << outcome.error().Message() << "\n";
  }
  return outcome ? 0 : 1;
}

void RegisterValidate(CLI::App& app, Context& context) {
  auto options = std::make_shared<Options>();
  auto* cmd = app.add_subcommand(
      "validate", "Check a value as the enrollment would: CCCD ID or QR, MST, BHYT, GPLX, plate, "
                  "phone, email");
  cmd->add_option("kind", options->kind, "cccd-id, cccd-qr, mst, bhyt, gplx, plate, phone, email")
      ->required()
      ->check(CLI::IsMember({"cccd-id", "cccd-qr", "mst", "bhyt", "gplx", "plate", "phone",
                             "email"}));
  cmd->add_option("value", options->value,
                  "The value (gplx: NUMBER or NUMBER;CLASSES;ISSUE;EXPIRY)")
      ->required();
  cmd->add_flag("--json", options->json, "Print the result as JSON");
  cmd->add_option("--id", options->citizen_id, "mst: the citizen's ID (12-digit tax codes)");
  cmd->add_option("--dob", options->date_of_birth, "cccd-id: date of birth to cross-check");
  cmd->add_option("--gender", options->gender, "cccd-id: Nam or Nữ to cross-check");
  cmd->callback([&context, options] { context.handler = [options] { return Run(*options); }; });
}

const CommandRegistration kRegisterValidate(40, RegisterValidate);

}  // namespace

}  // namespace kiosk::cli
