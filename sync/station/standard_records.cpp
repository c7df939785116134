#include "sync/station/standard_records.h"

#include <nlohmann/json.hpp>

#include "kiosk/biometrics/records/face_image_record.h"
#include "kiosk/biometrics/records/finger_image_record.h"
#include "kiosk/biometrics/records/standard_records.h"
#include "kiosk/core/i18n.h"
#include "kiosk/enrollment/enrollment.h"

namespace kiosk::sync {

namespace {

namespace rec = biometrics::records;

// "finger.right_thumb.png" → "right_thumb"; "portrait.jpg" → "portrait".
std::string Stem(const std::string& field, size_t from) {
  const size_t dot = field.rfind('.');
  return dot == std::string::npos || dot < from ? field.substr(from) : field.substr(from, dot - from);
}

bool IsFingerImage(const std::string& name) { return name.starts_with("finger.") && name != kFingerRecordBlob; }
bool IsPortraitImage(const std::string& name) { return name.starts_with("portrait.") && name != kFaceRecordBlob; }

Error Invalid(std::string detail) {
  return Error(ErrorCode::kCorrupt, N_("The packet's biometric records are malformed."), std::move(detail));
}

}  // namespace

Result<void> AddStandardRecords(const batch::SealedRecord& record, RecordPacketInput& input) {
  nlohmann::json fingers = nlohmann::json::object();
  for (const auto& item : record.items) {
    if (item.field != "record.json") continue;
    auto parsed = nlohmann::json::parse(item.data.data(), item.data.data() + item.data.size(), nullptr, false);
    if (parsed.is_object() && parsed.contains("fingers") && parsed["fingers"].is_object()) fingers = parsed["fingers"];
  }
  std::vector<rec::FingerCapture> captures;
  for (const auto& item : record.items) {
    const std::span<const uint8_t> bytes(item.data.data(), item.data.size());
    if (IsPortraitImage(item.field)) {
      auto face = rec::FaceRecordFromPortrait(bytes);
      if (!face) return Fail(face.error());
      input.blobs.push_back({kFaceRecordBlob, SecretBytes(face->data(), face->size())});
    } else if (IsFingerImage(item.field)) {
      const std::string name = Stem(item.field, 7);
      auto finger = enrollment::ParseFinger(name);
      if (!finger) return Fail(Error::InvalidArgument(N_("The fingerprint record cannot be written."), item.field));
      int quality = -1;
      if (fingers.contains(name) && fingers[name].is_object() && fingers[name].value("quality", nlohmann::json()).is_number_integer()) {
        quality = fingers[name]["quality"].get<int>();
      }
      captures.push_back({static_cast<uint8_t>(*finger), quality, bytes});
    }
  }
  if (!captures.empty()) {
    auto fir = rec::FingerRecordFromCaptures(captures);
    if (!fir) return Fail(fir.error());
    input.blobs.push_back({kFingerRecordBlob, SecretBytes(fir->data(), fir->size())});
  }
  return {};
}

Result<void> ValidateStandardRecords(const std::vector<PacketBlob>& blobs) {
  size_t finger_images = 0, finger_views = 0;
  bool portrait = false, face_record = false, finger_record = false;
  for (const auto& blob : blobs) {
    const std::span<const uint8_t> bytes(blob.data.data(), blob.data.size());
    if (blob.name == kFingerRecordBlob) {
      auto parsed = rec::ParseFingerImageRecord(bytes);
      if (!parsed) return Fail(Invalid(parsed.error().ToLogString()));
      finger_record = true;
      finger_views += parsed->views.size();
    } else if (blob.name == kFaceRecordBlob) {
      auto parsed = rec::ParseFaceImageRecord(bytes);
      if (!parsed) return Fail(Invalid(parsed.error().ToLogString()));
      face_record = true;
    } else if (IsFingerImage(blob.name)) {
      ++finger_images;
    } else if (IsPortraitImage(blob.name)) {
      portrait = true;
    }
  }
  if (finger_images > 0 && (!finger_record || finger_views != finger_images)) {
    return Fail(Invalid("fingerprints without a matching ISO/IEC 19794-4 record"));
  }
  if (portrait && !face_record) return Fail(Invalid("portrait without an ISO/IEC 19794-5 record"));
  return {};
}

}  // namespace kiosk::sync
