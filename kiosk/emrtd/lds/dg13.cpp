#include "kiosk/emrtd/lds/dg13.h"

namespace kiosk::emrtd {
namespace {

constexpr const char* kMalformed = "The chip returned malformed data.";
Error Malformed(std::string detail) { return Error::Parse(kMalformed, "DG13: " + detail); }

bool IsTextTag(uint32_t tag) {
  // UTF8String, PrintableString, T61String, IA5String (cards have been seen using more than one).
  return tag == 0x0C || tag == 0x13 || tag == 0x14 || tag == 0x16;
}

std::string AsText(ByteView value) { return std::string(value.begin(), value.end()); }

// SEQUENCE { INTEGER n, value… }.
Result<Dg13Field> ParseField(const Tlv& sequence) {
  auto parts = Children(sequence);
  if (!parts) return Fail(parts.error());
  if (parts->empty() || (*parts)[0].tag != 0x02) return Fail(Malformed("field without number"));
  auto number = TlvUnsigned((*parts)[0]);
  if (!number || *number > 1000) return Fail(Malformed("field number out of range"));
  Dg13Field field;
  field.number = static_cast<int>(*number);
  for (size_t i = 1; i < parts->size(); ++i) {
    const Tlv& value = (*parts)[i];
    field.raw_value.insert(field.raw_value.end(), value.raw.begin(), value.raw.end());
    if (IsTextTag(value.tag)) {
      field.values.push_back(AsText(value.value));
    } else if (value.tag == 0x30 || value.tag == 0x31) {
      auto items = Children(value);
      if (!items) return Fail(items.error());
      for (const Tlv& item : *items) {
        if (IsTextTag(item.tag)) field.values.push_back(AsText(item.value));
      }
    }
    // Other encodings stay in raw_value only.
  }
  return field;
}

Result<void> ParseFieldList(const std::vector<Tlv>& items, Dg13& dg13) {
  for (const Tlv& item : items) {
    if (item.tag == 0x31) {
      auto inner = Children(item);
      if (!inner) return Fail(inner.error());
      if (auto ok = ParseFieldList(*inner, dg13); !ok) return ok;
    } else if (item.tag == 0x30) {
      auto field = ParseField(item);
      if (!field) return Fail(field.error());
      dg13.fields.push_back(std::move(*field));
    }
    // INTEGER (version) and OID are the header.
  }
  return {};
}

}  // namespace

const Dg13Field* Dg13::Find(int number) const {
  for (const Dg13Field& field : fields) {
    if (field.number == number) return &field;
  }
  return nullptr;
}

std::string Dg13::Text(int number) const { return Item(number, 0); }

std::string Dg13::Item(int number, size_t index) const {
  const Dg13Field* field = Find(number);
  if (field == nullptr || index >= field->values.size()) return {};
  return field->values[index];
}

Result<Dg13> ParseDg13(ByteView file) {
  auto top = ParseSingleTlv(file, 0x6D);
  if (!top) return Fail(std::move(top).error().WithContext("DG13"));
  auto level = Children(*top);
  if (!level) return Fail(std::move(level).error().WithContext("DG13"));
  // Usually one SEQUENCE { INTEGER, OID, SET {…} }; tolerate its content without the wrapper.
  if (level->size() == 1 && (*level)[0].tag == 0x30) {
    auto inner = Children((*level)[0]);
    if (!inner) return Fail(std::move(inner).error().WithContext("DG13"));
    if (inner->size() > 1 && (*inner)[0].tag == 0x02 && (*inner)[1].tag == 0x06) {
      level = std::move(inner);
    }
  }
  Dg13 dg13;
  if (auto ok = ParseFieldList(*level, dg13); !ok) {
    return Fail(Error(ok.error()).WithContext("DG13"));
  }
  if (dg13.fields.empty()) return Fail(Malformed("no fields"));
  return dg13;
}

Bytes BuildDg13(const Dg13& dg13) {
  Bytes fields;
  for (const Dg13Field& field : dg13.fields) {
    Bytes value;
    if (!field.raw_value.empty() && field.values.empty()) {
      value = field.raw_value;
    } else if (field.values.size() == 1 && field.number != kDg13Parents &&
               field.number != kDg13Spouse) {
      value = EncodeUtf8String(field.values[0]);
    } else {
      Bytes items;
      for (const std::string& text : field.values) {
        const Bytes item = EncodeUtf8String(text);
        items.insert(items.end(), item.begin(), item.end());
      }
      value = EncodeTlv(0x30, items);
    }
    const Bytes sequence =
        EncodeTlv(0x30, Concat({EncodeDerInteger(static_cast<uint64_t>(field.number)), value}));
    fields.insert(fields.end(), sequence.begin(), sequence.end());
  }
  return EncodeTlv(
      0x6D, EncodeTlv(0x30, Concat({EncodeDerInteger(1), EncodeOid(kDg13Oid),
                                    EncodeTlv(0x31, fields)})));
}

std::optional<std::string> Dg13DateToIso(std::string_view text) {
  if (text.size() != 10 || text[2] != '/' || text[5] != '/') return std::nullopt;
  for (size_t i : {0, 1, 3, 4, 6, 7, 8, 9}) {
    if (text[i] < '0' || text[i] > '9') return std::nullopt;
  }
  const int month = (text[3] - '0') * 10 + (text[4] - '0');
  const int day = (text[0] - '0') * 10 + (text[1] - '0');
  if (month < 1 || month > 12 || day < 1 || day > 31) return std::nullopt;
  return std::string(text.substr(6, 4)) + "-" + std::string(text.substr(3, 2)) + "-" +
         std::string(text.substr(0, 2));
}

}  // namespace kiosk::emrtd
