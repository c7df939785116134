#include "kiosk/biometrics/records/finger_image_record.h"

#include <cstring>
#include <string>

#include "kiosk/biometrics/records/big_endian.h"
#include "kiosk/core/i18n.h"

namespace kiosk::biometrics::records {

namespace {

constexpr size_t kViewHeaderSize = 14;
constexpr uint8_t kPngSignature[] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};

Error Malformed(std::string detail) {
  return Error::Parse(N_("The fingerprint record is malformed."), "ISO/IEC 19794-4: " + std::move(detail));
}

Error NotWritable(std::string detail) {
  return Error::InvalidArgument(N_("The fingerprint record cannot be written."), "ISO/IEC 19794-4: " + std::move(detail));
}

bool ValidPosition(uint8_t p) { return p <= 15; }
bool ValidImpression(uint8_t i) { return i <= 3 || i == 8; }
bool ValidQuality(uint8_t q) { return q <= 100 || q == kQualityNotComputed; }

// The image bytes fit the compression: a PNG signature, or the exact raw size.
bool ImageFits(const FingerImageRecord& r, const FingerView& v) {
  if (v.image.empty()) return false;
  switch (r.compression) {
    case FingerCompression::kPng:
      return v.image.size() >= sizeof kPngSignature && std::memcmp(v.image.data(), kPngSignature, sizeof kPngSignature) == 0;
    case FingerCompression::kUncompressed:
      return r.pixel_depth % 8 == 0 &&
             v.image.size() == size_t{v.width} * v.height * (r.pixel_depth / 8);
    case FingerCompression::kBitPacked:
      return v.image.size() == (size_t{v.width} * v.height * r.pixel_depth + 7) / 8;
    default:
      return true;  // WSQ, JPEG, JPEG 2000: the centre's decoder judges the stream
  }
}

// What a writer and a reader both require of a record.
std::string Problem(const FingerImageRecord& r) {
  if (r.views.empty() || r.views.size() > 255) return "number of views";
  if (r.scale_units != 1 && r.scale_units != 2) return "scale units";
  if (r.scan_resolution == 0 || r.image_resolution == 0) return "resolution";
  if (r.pixel_depth == 0 || r.pixel_depth > 16) return "pixel depth";
  if (static_cast<uint8_t>(r.compression) > 5) return "compression";
  for (const auto& v : r.views) {
    if (!ValidPosition(v.position)) return "finger position";
    if (v.view_count == 0 || v.view_number == 0 || v.view_number > v.view_count) return "view number";
    if (!ValidQuality(v.station_quality)) return "quality";
    if (!ValidImpression(static_cast<uint8_t>(v.impression))) return "impression type";
    if (v.width == 0 || v.height == 0) return "image size";
    if (!ImageFits(r, v)) return "image data does not match the compression";
  }
  return {};
}

}  // namespace

Result<std::vector<uint8_t>> WriteFingerImageRecord(const FingerImageRecord& r) {
  if (auto problem = Problem(r); !problem.empty()) return Fail(NotWritable(problem));
  BigEndianWriter w;
  w.Text(std::string_view("FIR\0", 4));
  w.Text(std::string_view("010\0", 4));
  w.U48(0);  // record length, patched below
  w.U16(r.capture_device_id);
  w.U16(r.acquisition_level);
  w.U8(r.views.size());
  w.U8(r.scale_units);
  w.U16(r.scan_resolution);
  w.U16(r.scan_resolution);
  w.U16(r.image_resolution);
  w.U16(r.image_resolution);
  w.U8(r.pixel_depth);
  w.U8(static_cast<uint8_t>(r.compression));
  w.U16(0);
  for (const auto& v : r.views) {
    const uint64_t block = kViewHeaderSize + v.image.size();
    if (block > 0xFFFFFFFFu) return Fail(NotWritable("image too large"));
    w.U32(block);
    w.U8(v.position);
    w.U8(v.view_count);
    w.U8(v.view_number);
    w.U8(v.station_quality);
    w.U8(static_cast<uint8_t>(v.impression));
    w.U16(v.width);
    w.U16(v.height);
    w.U8(0);
    w.Bytes(v.image);
  }
  w.Patch(8, w.size(), 6);
  return w.Take();
}

Result<FingerImageRecord> ParseFingerImageRecord(std::span<const uint8_t> bytes) {
  BigEndianReader in(bytes);
  if (!in.Expect(std::string_view("FIR\0", 4))) return Fail(Malformed("not a finger image record"));
  if (!in.Expect(std::string_view("010\0", 4))) return Fail(Malformed("version other than 010"));
  uint64_t length, device, level, count, units, scan_h, scan_v, image_h, image_v, depth, compression, reserved;
  if (!in.Unsigned(6, length) || !in.Unsigned(2, device) || !in.Unsigned(2, level) || !in.Unsigned(1, count) ||
      !in.Unsigned(1, units) || !in.Unsigned(2, scan_h) || !in.Unsigned(2, scan_v) || !in.Unsigned(2, image_h) ||
      !in.Unsigned(2, image_v) || !in.Unsigned(1, depth) || !in.Unsigned(1, compression) || !in.Unsigned(2, reserved)) {
    return Fail(Malformed("truncated general header"));
  }
  if (length != bytes.size()) return Fail(Malformed("record length does not match the data"));
  if (scan_h != scan_v || image_h != image_v) return Fail(Malformed("horizontal and vertical resolutions differ"));
  if (reserved != 0) return Fail(Malformed("reserved bytes set"));
  FingerImageRecord r;
  r.capture_device_id = static_cast<uint16_t>(device);
  r.acquisition_level = static_cast<uint16_t>(level);
  r.scale_units = static_cast<uint8_t>(units);
  r.scan_resolution = static_cast<uint16_t>(scan_h);
  r.image_resolution = static_cast<uint16_t>(image_h);
  r.pixel_depth = static_cast<uint8_t>(depth);
  r.compression = static_cast<FingerCompression>(compression);
  for (uint64_t i = 0; i < count; ++i) {
    uint64_t block, position, views, number, quality, impression, width, height, pad;
    if (!in.Unsigned(4, block) || !in.Unsigned(1, position) || !in.Unsigned(1, views) || !in.Unsigned(1, number) ||
        !in.Unsigned(1, quality) || !in.Unsigned(1, impression) || !in.Unsigned(2, width) ||
        !in.Unsigned(2, height) || !in.Unsigned(1, pad)) {
      return Fail(Malformed("truncated finger image header"));
    }
    if (block <= kViewHeaderSize || block - kViewHeaderSize > in.remaining()) {
      return Fail(Malformed("finger data block length out of bounds"));
    }
    if (pad != 0) return Fail(Malformed("reserved byte set"));
    std::span<const uint8_t> image;
    in.Take(static_cast<size_t>(block - kViewHeaderSize), image);
    FingerView v;
    v.position = static_cast<uint8_t>(position);
    v.view_count = static_cast<uint8_t>(views);
    v.view_number = static_cast<uint8_t>(number);
    v.station_quality = static_cast<uint8_t>(quality);
    v.impression = static_cast<FingerImpression>(impression);
    v.width = static_cast<uint16_t>(width);
    v.height = static_cast<uint16_t>(height);
    v.image.assign(image.begin(), image.end());
    r.views.push_back(std::move(v));
  }
  if (in.remaining() != 0) return Fail(Malformed("bytes after the last finger"));
  if (auto problem = Problem(r); !problem.empty()) return Fail(Malformed(problem));
  return r;
}

}  // namespace kiosk::biometrics::records
