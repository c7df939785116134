#include "kiosk/documents/tax_code.h"

#include <cctype>

#include "kiosk/core/i18n.h"

namespace kiosk::documents {

std::optional<int> TaxCodeCheckDigit(std::string_view nine) {
  static constexpr int kWeights[] = {31, 29, 23, 19, 17, 13, 7, 5, 3};
  if (nine.size() != 9) return std::nullopt;
  int sum = 0;
  for (size_t i = 0; i < 9; ++i) sum += (nine[i] - '0') * kWeights[i];
  const int check = 10 - sum % 11;
  if (check == 10) return std::nullopt;
  return check;
}

Result<TaxCode> ValidateTaxCode(std::string_view text, std::optional<std::string_view> citizen_id) {
  std::string digits;
  std::string branch;
  bool in_branch = false;
  for (char c : text) {
    if (std::isdigit(static_cast<unsigned char>(c))) {
      (in_branch ? branch : digits).push_back(c);
    } else if ((c == '-' || c == ' ') && digits.size() == 10 && !in_branch) {
      in_branch = true;
    } else if (c != ' ' && c != '.') {
      return Fail(Error::InvalidArgument(N_("A tax code may contain digits and one '-' only.")));
    }
  }
  // "0100109106001" typed without the dash is the branch form too.
  if (!in_branch && digits.size() == 13) {
    branch = digits.substr(10);
    digits.resize(10);
    in_branch = true;
  }

  if (!in_branch && digits.size() == 12) {
    if (!citizen_id) {
      return Fail(Error::InvalidArgument(
          N_("A 12-digit tax code is the citizen's ID number: enter the ID to check it.")));
    }
    if (digits != *citizen_id) {
      return Fail(Error::InvalidArgument(
          N_("A 12-digit tax code must be the citizen's own ID number, and this one is not.")));
    }
    return TaxCode{digits, TaxCodeKind::kIndividualId, {}, {}};
  }
  if (digits.size() != 10) {
    return Fail(Error::InvalidArgument(
                    N_("A tax code has 10 digits (13 for a branch, 12 for a person), not {0}."))
                    .WithArg(std::to_string(digits.size() + branch.size())));
  }
  if (digits.substr(2, 7) == "0000000") {
    return Fail(Error::InvalidArgument(N_("Digits 3 to 9 of a tax code cannot all be zero.")));
  }
  const auto check = TaxCodeCheckDigit(std::string_view(digits).substr(0, 9));
  if (!check || *check != digits[9] - '0') {
    return Fail(Error::InvalidArgument(
        N_("The tax code's check digit is wrong: a digit was probably mistyped.")));
  }
  if (in_branch) {
    if (branch.size() != 3) {
      return Fail(Error::InvalidArgument(N_("A branch tax code ends with '-' and 3 digits.")));
    }
    if (branch == "000") {
      return Fail(Error::InvalidArgument(N_("A branch number cannot be 000.")));
    }
    return TaxCode{digits + "-" + branch, TaxCodeKind::kBranch, digits, branch};
  }
  return TaxCode{digits, TaxCodeKind::kOrganisation, digits, {}};
}

}  // namespace kiosk::documents
