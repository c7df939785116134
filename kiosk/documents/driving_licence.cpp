#include "kiosk/documents/driving_licence.h"

#include <algorithm>
#include <array>
#include <cctype>

#include "kiosk/core/i18n.h"

namespace kiosk::documents {

namespace {

constexpr std::array<std::string_view, 24> kClasses = {
    // 2012 classes
    "A1", "A2", "A3", "A4", "B1", "B2", "C", "D", "E", "FB2", "FC", "FD", "FE",
    // 2024 law (A1, B1, C, D are shared with the list above)
    "A", "B", "C1", "D1", "D2", "BE", "C1E", "CE", "D1E", "D2E", "DE"};

}  // namespace

Result<std::string> ValidateGplxNumber(std::string_view text) {
  std::string digits;
  for (char c : text) {
    if (std::isdigit(static_cast<unsigned char>(c))) digits.push_back(c);
    else if (c != ' ' && c != '.' && c != '-') {
      return Fail(Error::InvalidArgument(N_("A driving licence number has digits only.")));
    }
  }
  if (digits.size() != 12) {
    return Fail(Error::InvalidArgument(N_("A driving licence number has 12 digits, not {0}."))
                    .WithArg(std::to_string(digits.size())));
  }
  return digits;
}

bool IsKnownLicenceClass(std::string_view licence_class) {
  return std::find(kClasses.begin(), kClasses.end(), licence_class) != kClasses.end();
}

Result<std::vector<std::string>> ParseLicenceClasses(std::string_view text) {
  std::vector<std::string> out;
  std::string current;
  auto flush = [&]() -> Result<void> {
    if (current.empty()) return {};
    if (!IsKnownLicenceClass(current)) {
      return Fail(Error::InvalidArgument(N_("{0} is not a driving licence class.")).WithArg(current));
    }
    if (std::find(out.begin(), out.end(), current) != out.end()) {
      return Fail(Error::InvalidArgument(N_("The class {0} is listed twice.")).WithArg(current));
    }
    out.push_back(current);
    current.clear();
    return {};
  };
  for (char c : text) {
    if (c == ',' || c == ' ' || c == '/' || c == ';' || c == '+') {
      if (auto r = flush(); !r) return Fail(r.error());
    } else if (std::isalnum(static_cast<unsigned char>(c))) {
      current.push_back(static_cast<char>(std::toupper(static_cast<unsigned char>(c))));
    } else {
      return Fail(Error::InvalidArgument(N_("Driving licence classes are like A1, B2, C.")));
    }
  }
  if (auto r = flush(); !r) return Fail(r.error());
  if (out.empty()) {
    return Fail(Error::InvalidArgument(N_("A driving licence has at least one class.")));
  }
  return out;
}

Result<DrivingLicence> ValidateDrivingLicence(std::string_view number, std::string_view classes,
                                              std::string_view issue_date,
                                              std::string_view expiry) {
  DrivingLicence licence;
  auto n = ValidateGplxNumber(number);
  if (!n) return Fail(std::move(n).error());
  licence.number = *n;
  auto c = ParseLicenceClasses(classes);
  if (!c) return Fail(std::move(c).error());
  licence.classes = *c;
  auto issued = identity::ParseDate(issue_date);
  if (!issued) {
    return Fail(Error::InvalidArgument(N_("The licence's issue date is not a real date.")));
  }
  licence.issue_date = *issued;
  if (!expiry.empty() && expiry != "-") {
    auto until = identity::ParseDate(expiry);
    if (!until) {
      return Fail(Error::InvalidArgument(N_("The licence's expiry date is not a real date.")));
    }
    if (*until < *issued) {
      return Fail(Error::InvalidArgument(N_("The licence expires before it was issued.")));
    }
    licence.expiry = *until;
  }
  return licence;
}

Result<DrivingLicence> ValidateDrivingLicenceLine(std::string_view line) {
  std::vector<std::string_view> parts;
  size_t start = 0;
  while (true) {
    const size_t end = line.find(';', start);
    parts.push_back(line.substr(start, end == std::string_view::npos ? end : end - start));
    if (end == std::string_view::npos) break;
    start = end + 1;
  }
  if (parts.size() == 1) {
    auto n = ValidateGplxNumber(parts[0]);
    if (!n) return Fail(std::move(n).error());
    return DrivingLicence{*n, {}, {}, std::nullopt};
  }
  if (parts.size() < 3 || parts.size() > 4) {
    return Fail(Error::InvalidArgument(
        N_("Write the licence as NUMBER;CLASSES;ISSUE DATE;EXPIRY DATE.")));
  }
  return ValidateDrivingLicence(parts[0], parts[1], parts[2], parts.size() == 4 ? parts[3] : "");
}

}  // namespace kiosk::documents
