#include "kiosk/emrtd/lds/dg2.h"

#include <cstring>

namespace kiosk::emrtd {
namespace {

constexpr const char* kMalformed = "The chip returned malformed data.";
Error Malformed(std::string detail) { return Error::Parse(kMalformed, "DG2: " + detail); }

constexpr size_t kRecordHeaderSize = 14;     // "FAC\0" "010\0" length(4) faces(2)
constexpr size_t kFacialInfoSize = 20;
constexpr size_t kFeaturePointSize = 8;
constexpr size_t kImageInfoSize = 12;

uint32_t Be32(ByteView d, size_t at) {
  return (uint32_t{d[at]} << 24) | (uint32_t{d[at + 1]} << 16) | (uint32_t{d[at + 2]} << 8) |
         d[at + 3];
}
uint16_t Be16(ByteView d, size_t at) { return static_cast<uint16_t>((d[at] << 8) | d[at + 1]); }
void PutBe32(Bytes& out, uint32_t v) {
  for (int shift = 24; shift >= 0; shift -= 8) out.push_back(static_cast<uint8_t>(v >> shift));
}
void PutBe16(Bytes& out, uint16_t v) {
  out.push_back(static_cast<uint8_t>(v >> 8));
  out.push_back(static_cast<uint8_t>(v));
}

// One ISO/IEC 19794-5 record ("FAC\0"): every face in it.
Result<void> ParseFaceRecord(ByteView block, std::vector<FaceImage>& faces) {
  if (block.size() >= 4 && std::memcmp(block.data(), "FAC", 4) != 0) {
    // Not a 19794-5 record: accept a bare image (seen on some cards), nothing else.
    FaceImage face;
    face.format = DetectImageFormat(block);
    if (face.format == FaceImageFormat::kUnknown) return Fail(Malformed("no FAC record"));
    face.data.assign(block.begin(), block.end());
    faces.push_back(std::move(face));
    return {};
  }
  if (block.size() < kRecordHeaderSize) return Fail(Malformed("truncated record header"));
  const uint32_t record_length = Be32(block, 8);
  if (record_length < kRecordHeaderSize || record_length > block.size()) {
    return Fail(Malformed("record length out of bounds"));
  }
  const uint16_t face_count = Be16(block, 12);
  if (face_count == 0) return Fail(Malformed("no face in record"));
  size_t pos = kRecordHeaderSize;
  for (uint16_t i = 0; i < face_count; ++i) {
    if (record_length - pos < kFacialInfoSize) return Fail(Malformed("truncated facial info"));
    const uint32_t face_length = Be32(block, pos);
    const uint16_t feature_points = Be16(block, pos + 4);
    const size_t fixed = kFacialInfoSize + size_t{feature_points} * kFeaturePointSize +
                         kImageInfoSize;
    if (face_length < fixed || face_length > record_length - pos) {
      return Fail(Malformed("facial record length out of bounds"));
    }
    FaceImage face;
    face.gender = block[pos + 6];
    const size_t info = pos + kFacialInfoSize + size_t{feature_points} * kFeaturePointSize;
    face.declared_data_type = block[info + 1];
    face.width = Be16(block, info + 2);
    face.height = Be16(block, info + 4);
    const ByteView image = block.subspan(info + kImageInfoSize, face_length - fixed);
    face.format = DetectImageFormat(image);
    face.data.assign(image.begin(), image.end());
    faces.push_back(std::move(face));
    pos += face_length;
  }
  return {};
}

}  // namespace

const char* ToString(FaceImageFormat format) {
  switch (format) {
    case FaceImageFormat::kJpeg: return "jpeg";
    case FaceImageFormat::kJpeg2000: return "jpeg2000";
    case FaceImageFormat::kUnknown: break;
  }
  return "unknown";
}

FaceImageFormat DetectImageFormat(ByteView image) {
  static constexpr uint8_t kJpeg[] = {0xFF, 0xD8, 0xFF};
  static constexpr uint8_t kJp2[] = {0x00, 0x00, 0x00, 0x0C, 0x6A, 0x50, 0x20, 0x20};
  static constexpr uint8_t kJ2k[] = {0xFF, 0x4F, 0xFF, 0x51};
  auto starts = [&image](const uint8_t* magic, size_t size) {
    return image.size() >= size && std::memcmp(image.data(), magic, size) == 0;
  };
  if (starts(kJpeg, sizeof kJpeg)) return FaceImageFormat::kJpeg;
  if (starts(kJp2, sizeof kJp2) || starts(kJ2k, sizeof kJ2k)) return FaceImageFormat::kJpeg2000;
  return FaceImageFormat::kUnknown;
}

Result<Dg2> ParseDg2(ByteView file) {
  auto top = ParseSingleTlv(file, 0x75);
  if (!top) return Fail(std::move(top).error().WithContext("DG2"));
  auto group = FindChild(*top, 0x7F61);
  if (!group) return Fail(std::move(group).error().WithContext("DG2"));
  auto entries = Children(*group);
  if (!entries) return Fail(std::move(entries).error().WithContext("DG2"));
  Dg2 dg2;
  for (const Tlv& entry : *entries) {
    if (entry.tag != 0x7F60) continue;  // 02: the instance count, informative only
    auto parts = Children(entry);
    if (!parts) return Fail(std::move(parts).error().WithContext("DG2"));
    for (const Tlv& part : *parts) {
      if (part.tag != 0x5F2E && part.tag != 0x7F2E) continue;
      if (auto ok = ParseFaceRecord(part.value, dg2.faces); !ok) return Fail(ok.error());
    }
  }
  if (dg2.faces.empty()) return Fail(Malformed("no face image"));
  return dg2;
}

Bytes BuildDg2(ByteView image, FaceImageFormat format, uint16_t width, uint16_t height) {
  const uint32_t face_length = static_cast<uint32_t>(kFacialInfoSize + kImageInfoSize + image.size());
  Bytes record = {'F', 'A', 'C', 0, '0', '1', '0', 0};
  PutBe32(record, static_cast<uint32_t>(kRecordHeaderSize + face_length));
  PutBe16(record, 1);
  PutBe32(record, face_length);
  PutBe16(record, 0);                      // feature points
  record.insert(record.end(), {0, 0, 0});  // gender, eye, hair: unspecified
  record.insert(record.end(), {0, 0, 0});  // property mask
  PutBe16(record, 0);                      // expression
  record.insert(record.end(), {0, 0, 0, 0, 0, 0});  // pose angles and uncertainty
  record.push_back(1);                     // face image type: full frontal
  record.push_back(format == FaceImageFormat::kJpeg2000 ? 1 : 0);
  PutBe16(record, width);
  PutBe16(record, height);
  record.push_back(1);     // colour space: 24-bit RGB
  record.push_back(2);     // source: digital still camera
  PutBe16(record, 0);      // device type
  PutBe16(record, 0);      // quality
  record.insert(record.end(), image.begin(), image.end());

  // Biometric header template: ICAO header version, biometric type "face", format owner/type.
  const Bytes header = EncodeTlv(
      0xA1, Concat({EncodeTlv(0x80, Bytes{0x01, 0x01}), EncodeTlv(0x81, Bytes{0x02}),
                    EncodeTlv(0x87, Bytes{0x01, 0x01}), EncodeTlv(0x88, Bytes{0x00, 0x08})}));
  const Bytes instance = EncodeTlv(0x7F60, Concat({header, EncodeTlv(0x5F2E, record)}));
  return EncodeTlv(0x75, EncodeTlv(0x7F61, Concat({EncodeTlv(0x02, Bytes{0x01}), instance})));
}

}  // namespace kiosk::emrtd
