#include "sync/station/record_packet.h"

#include <nlohmann/json.hpp>

#include <array>

#include "kiosk/core/i18n.h"
#include "kiosk/crypto/crypto.h"
#include "kiosk/store/store.h"
#include "sync/packet/openssl_util.h"
#include "sync/packet/receipt.h"
#include "sync/station/standard_records.h"

namespace kiosk::sync {

namespace {

using nlohmann::json;

constexpr std::array<const char*, 3> kIdentityFields = {"id_number", "full_name", "date_of_birth"};

std::string TextOf(const json& value) { return value.is_string() ? value.get<std::string>() : ""; }

// record.json (the wizard's canonical record): identity.sources.{chip,qr,typed}; where sources
// disagreed the officer's resolution names the source to take, otherwise the chip wins, then
// the QR, then what was typed.
void IdentityFromRecord(const json& record, std::map<std::string, std::string>& fields) {
  const json& identity = record.value("identity", json::object());
  const json& sources = identity.value("sources", json::object());
  std::map<std::string, std::string> chosen;
  for (const auto& resolution : identity.value("resolutions", json::array())) {
    if (resolution.is_object()) chosen[TextOf(resolution.value("field", json()))] = TextOf(resolution.value("chosen", json()));
  }
  for (const char* field : kIdentityFields) {
    std::vector<std::string> order = {"chip", "qr", "typed"};
    if (auto it = chosen.find(field); it != chosen.end()) order.insert(order.begin(), it->second);
    for (const auto& source : order) {
      if (!sources.contains(source) || !sources[source].is_object()) continue;
      std::string value = TextOf(sources[source].value(field, json()));
      if (!value.empty()) {
        fields[field] = value;
        break;
      }
    }
  }
}

}  // namespace

Result<RecordPacketInput> PacketInputFor(const batch::SealedRecord& record,
                                         const std::string& station_id) {
  RecordPacketInput input;
  input.record_number = record.record_number;
  input.station_id = station_id;
  input.status = "approved";
  for (const auto& item : record.items) {
    if (item.field != "record.json" && item.field != "personal.json") continue;
    json parsed = json::parse(item.data.data(), item.data.data() + item.data.size(), nullptr, false);
    if (!parsed.is_object()) {
      return Fail(Error(ErrorCode::kCorrupt, N_("The sealed record's identity cannot be read."), item.field));
    }
    if (parsed.contains("identity")) {
      IdentityFromRecord(parsed, input.fields);
    } else {
      for (const char* field : kIdentityFields) {
        std::string value = TextOf(parsed.value(field, json()));
        if (!value.empty()) input.fields[field] = value;
      }
    }
  }
  input.fields["sealed_by"] = record.sealed_by;
  input.fields["sealed_at"] = IsoUtc(store::FromUnixSeconds(record.sealed_at));
  input.fields["seal_content_hash"] = crypto::ToHex(record.content_hash);
  input.fields["seal_signature"] = Base64Encode(record.signature.data(), record.signature.size());
  for (const auto& item : record.items) {
    input.blobs.push_back({item.field, SecretBytes(item.data.data(), item.data.size())});
  }
  if (auto added = AddStandardRecords(record, input); !added) return Fail(added.error());
  return input;
}

}  // namespace kiosk::sync
