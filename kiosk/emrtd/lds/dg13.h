#pragma once
// DG13, the Vietnamese CCCD personal data (tag 6D):
//   SEQUENCE { INTEGER 1, OID 1.0.10646.1.0.8, SET { SEQUENCE { INTEGER n, value } … } }
// (some cards put the field SEQUENCEs directly after the OID without the SET; both are read).
// value is a UTF8String or a SEQUENCE of UTF8Strings (13: father, mother; 14: spouse). Fields
// are kept by number, unknown ones included, so nothing the card says is lost.

#include <optional>
#include <string>
#include <vector>

#include "kiosk/emrtd/lds/tlv.h"

namespace kiosk::emrtd {

enum Dg13FieldNumber : int {
  kDg13IdNumber = 1,
  kDg13FullName = 2,
  kDg13DateOfBirth = 3,   // dd/MM/yyyy
  kDg13Gender = 4,        // "Nam" / "Nữ"
  kDg13Nationality = 5,
  kDg13Ethnicity = 6,
  kDg13Religion = 7,
  kDg13Hometown = 8,
  kDg13PermanentAddress = 9,
  kDg13IdentifyingMarks = 10,
  kDg13IssueDate = 11,
  kDg13ExpiryDate = 12,   // dd/MM/yyyy or "Không thời hạn"
  kDg13Parents = 13,      // SEQUENCE { father, mother }
  kDg13Spouse = 14,       // SEQUENCE { spouse }, absent if none
  kDg13OldIdNumber = 15,
  kDg13Unknown16 = 16,
};

inline constexpr const char* kDg13Oid = "1.0.10646.1.0.8";

struct Dg13Field {
  int number = 0;
  std::vector<std::string> values;  // one for a UTF8String, several for a SEQUENCE
  Bytes raw_value;                  // the value TLV as on the card (for unknown encodings)
};

struct Dg13 {
  std::vector<Dg13Field> fields;  // card order
  const Dg13Field* Find(int number) const;
  // The first text of a field, or empty when absent.
  std::string Text(int number) const;
  // Value i of a SEQUENCE field, or empty.
  std::string Item(int number, size_t index) const;
};

Result<Dg13> ParseDg13(ByteView file);
// Inverse (for the emulator): fields with one value become UTF8String, several a SEQUENCE;
// fields 13 and 14 are always SEQUENCEs.
Bytes BuildDg13(const Dg13& dg13);

// "dd/MM/yyyy" → "yyyy-MM-dd"; nullopt for anything else (e.g. "Không thời hạn").
std::optional<std::string> Dg13DateToIso(std::string_view text);

}  // namespace kiosk::emrtd
