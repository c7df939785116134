#include "kiosk/biometrics/records/face_image_record.h"

#include <cstring>
#include <string>

#include "kiosk/biometrics/records/big_endian.h"
#include "kiosk/core/i18n.h"

namespace kiosk::biometrics::records {

namespace {

constexpr size_t kFacialInfoSize = 20;
constexpr size_t kPointSize = 8;
constexpr size_t kImageInfoSize = 12;

Error Malformed(std::string detail) {
  return Error::Parse(N_("The portrait record is malformed."), "ISO/IEC 19794-5: " + std::move(detail));
}

Error NotWritable(std::string detail) {
  return Error::InvalidArgument(N_("The portrait record cannot be written."), "ISO/IEC 19794-5: " + std::move(detail));
}

bool StartsWith(const std::vector<uint8_t>& data, std::initializer_list<uint8_t> magic) {
  return data.size() >= magic.size() && std::equal(magic.begin(), magic.end(), data.begin());
}

bool ImageMatchesType(const FaceImage& f) {
  if (f.data_type == FaceImageData::kJpeg) return StartsWith(f.image, {0xFF, 0xD8, 0xFF});
  return StartsWith(f.image, {0x00, 0x00, 0x00, 0x0C, 0x6A, 0x50, 0x20, 0x20}) ||
         StartsWith(f.image, {0xFF, 0x4F, 0xFF, 0x51});
}

std::string Problem(const FaceImageRecord& r) {
  if (r.faces.empty() || r.faces.size() > 0xFFFF) return "number of faces";
  for (const auto& f : r.faces) {
    if (f.points.size() > 0xFFFF) return "number of feature points";
    if (f.feature_mask > 0xFFFFFF) return "feature mask";
    if (f.gender > 3 && f.gender != 0xFF) return "gender";
    if (static_cast<uint8_t>(f.image_type) > 2) return "face image type";
    if (static_cast<uint8_t>(f.data_type) > 1) return "image data type";
    if (f.width == 0 || f.height == 0) return "image size";
    for (const auto& p : f.points) {
      if ((p.code >> 4) == 0 || (p.code >> 4) > 15) return "feature point code";
      if (p.x >= f.width || p.y >= f.height) return "feature point outside the image";
    }
    if (!ImageMatchesType(f)) return "image data does not match its declared type";
  }
  return {};
}

}  // namespace

Result<std::vector<uint8_t>> WriteFaceImageRecord(const FaceImageRecord& r) {
  if (auto problem = Problem(r); !problem.empty()) return Fail(NotWritable(problem));
  BigEndianWriter w;
  w.Text(std::string_view("FAC\0", 4));
  w.Text(std::string_view("010\0", 4));
  w.U32(0);  // record length, patched below
  w.U16(r.faces.size());
  for (const auto& f : r.faces) {
    const uint64_t block = kFacialInfoSize + kPointSize * f.points.size() + kImageInfoSize + f.image.size();
    if (w.size() + block > 0xFFFFFFFFu) return Fail(NotWritable("image too large"));
    w.U32(block);
    w.U16(f.points.size());
    w.U8(f.gender);
    w.U8(f.eye_colour);
    w.U8(f.hair_colour);
    w.U24(f.feature_mask);
    w.U16(f.expression);
    for (uint8_t a : f.pose) w.U8(a);
    for (uint8_t a : f.pose_uncertainty) w.U8(a);
    for (const auto& p : f.points) {
      w.U8(1);  // MPEG-4 feature point
      w.U8(p.code);
      w.U16(p.x);
      w.U16(p.y);
      w.U16(0);
    }
    w.U8(static_cast<uint8_t>(f.image_type));
    w.U8(static_cast<uint8_t>(f.data_type));
    w.U16(f.width);
    w.U16(f.height);
    w.U8(f.colour_space);
    w.U8(f.source_type);
    w.U16(f.device_type);
    w.U16(f.quality);
    w.Bytes(f.image);
  }
  w.Patch(8, w.size(), 4);
  return w.Take();
}

Result<FaceImageRecord> ParseFaceImageRecord(std::span<const uint8_t> bytes) {
  BigEndianReader in(bytes);
  if (!in.Expect(std::string_view("FAC\0", 4))) return Fail(Malformed("not a face image record"));
  if (!in.Expect(std::string_view("010\0", 4))) return Fail(Malformed("version other than 010"));
  uint64_t length, count;
  if (!in.Unsigned(4, length) || !in.Unsigned(2, count)) return Fail(Malformed("truncated header"));
  if (length != bytes.size()) return Fail(Malformed("record length does not match the data"));
  FaceImageRecord r;
  for (uint64_t i = 0; i < count; ++i) {
    const size_t start = in.position();
    uint64_t block, points, gender, eyes, hair, mask, expression;
    if (!in.Unsigned(4, block) || !in.Unsigned(2, points) || !in.Unsigned(1, gender) || !in.Unsigned(1, eyes) ||
        !in.Unsigned(1, hair) || !in.Unsigned(3, mask) || !in.Unsigned(2, expression)) {
      return Fail(Malformed("truncated facial information"));
    }
    const uint64_t fixed = kFacialInfoSize + kPointSize * points + kImageInfoSize;
    if (block <= fixed || block > bytes.size() - start) return Fail(Malformed("facial record length out of bounds"));
    FaceImage f;
    f.gender = static_cast<uint8_t>(gender);
    f.eye_colour = static_cast<uint8_t>(eyes);
    f.hair_colour = static_cast<uint8_t>(hair);
    f.feature_mask = static_cast<uint32_t>(mask);
    f.expression = static_cast<uint16_t>(expression);
    uint64_t v;
    for (auto& a : f.pose) {
      in.Unsigned(1, v);
      a = static_cast<uint8_t>(v);
    }
    for (auto& a : f.pose_uncertainty) {
      in.Unsigned(1, v);
      a = static_cast<uint8_t>(v);
    }
    for (uint64_t p = 0; p < points; ++p) {
      uint64_t type, code, x, y, reserved;
      in.Unsigned(1, type);
      in.Unsigned(1, code);
      in.Unsigned(2, x);
      in.Unsigned(2, y);
      in.Unsigned(2, reserved);
      if (type != 1) return Fail(Malformed("feature point type other than MPEG-4"));
      if (reserved != 0) return Fail(Malformed("reserved bytes set"));
      f.points.push_back({static_cast<uint8_t>(code), static_cast<uint16_t>(x), static_cast<uint16_t>(y)});
    }
    uint64_t type, data, width, height, colour, source, device, quality;
    in.Unsigned(1, type);
    in.Unsigned(1, data);
    in.Unsigned(2, width);
    in.Unsigned(2, height);
    in.Unsigned(1, colour);
    in.Unsigned(1, source);
    in.Unsigned(2, device);
    in.Unsigned(2, quality);
    f.image_type = static_cast<FaceImageType>(type);
    f.data_type = static_cast<FaceImageData>(data);
    f.width = static_cast<uint16_t>(width);
    f.height = static_cast<uint16_t>(height);
    f.colour_space = static_cast<uint8_t>(colour);
    f.source_type = static_cast<uint8_t>(source);
    f.device_type = static_cast<uint16_t>(device);
    f.quality = static_cast<uint16_t>(quality);
    std::span<const uint8_t> image;
    in.Take(static_cast<size_t>(block - fixed), image);
    f.image.assign(image.begin(), image.end());
    r.faces.push_back(std::move(f));
  }
  if (in.remaining() != 0) return Fail(Malformed("bytes after the last face"));
  if (auto problem = Problem(r); !problem.empty()) return Fail(Malformed(problem));
  return r;
}

}  // namespace kiosk::biometrics::records
