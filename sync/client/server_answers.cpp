#include "sync/client/server_answers.h"

#include <nlohmann/json.hpp>

#include "kiosk/core/i18n.h"

namespace kiosk::sync {

namespace {

Error BadAnswer(std::string detail) {
  return Error(ErrorCode::kParse, N_("The central server's answer is malformed."), std::move(detail),
               Error::Retry::kYes);
}

// An optional string member: absent or null is empty, any other type is malformed.
Result<std::string> OptionalString(const nlohmann::json& object, const char* key) {
  auto it = object.find(key);
  if (it == object.end() || it->is_null()) return std::string();
  if (!it->is_string()) return Fail(BadAnswer(std::string(key) + " is not a string"));
  return it->get<std::string>();
}

Result<std::string> RequiredString(const nlohmann::json& object, const char* key) {
  auto it = object.find(key);
  if (it == object.end() || !it->is_string()) return Fail(BadAnswer(std::string("no ") + key));
  return it->get<std::string>();
}

Result<CentralStatus> RequiredStatus(const nlohmann::json& object) {
  auto text = RequiredString(object, "status");
  if (!text) return Fail(text.error());
  return ParseCentralStatus(*text);
}

}  // namespace

Result<UploadAnswer> ParseUploadAnswer(std::string_view body) {
  const nlohmann::json json = nlohmann::json::parse(body, nullptr, false);
  if (!json.is_object()) return Fail(BadAnswer("no receipt"));
  auto receipt = RequiredString(json, "receipt");
  if (!receipt) return Fail(BadAnswer("no receipt"));
  auto der = Base64Decode(*receipt);
  if (!der) return Fail(BadAnswer("receipt encoding"));
  UploadAnswer answer;
  answer.receipt_der = std::move(*der);
  if (auto it = json.find("duplicate"); it != json.end() && !it->is_null()) {
    if (!it->is_boolean()) return Fail(BadAnswer("duplicate is not a boolean"));
    answer.duplicate = it->get<bool>();
  }
  return answer;
}

Result<StatusPage> ParseStatusPage(std::string_view body) {
  const nlohmann::json json = nlohmann::json::parse(body, nullptr, false);
  if (!json.is_object()) return Fail(BadAnswer("status page is not an object"));
  auto changes = json.find("changes");
  if (changes == json.end() || !changes->is_array()) return Fail(BadAnswer("no changes"));
  StatusPage page;
  for (const auto& entry : *changes) {
    if (!entry.is_object()) return Fail(BadAnswer("a change is not an object"));
    StatusChange change;
    auto packet_id = RequiredString(entry, "packet_id");
    if (!packet_id) return Fail(packet_id.error());
    auto status = RequiredStatus(entry);
    if (!status) return Fail(status.error());
    auto reason = OptionalString(entry, "reason");
    if (!reason) return Fail(reason.error());
    auto changed_at = OptionalString(entry, "changed_at");
    if (!changed_at) return Fail(changed_at.error());
    change.packet_id = std::move(*packet_id);
    change.status = *status;
    change.reason = std::move(*reason);
    change.changed_at = std::move(*changed_at);
    page.changes.push_back(std::move(change));
  }
  auto cursor = RequiredString(json, "next_cursor");
  if (!cursor) return Fail(cursor.error());
  // The cursor goes back into the next request's query string: digits only.
  if (cursor->find_first_not_of("0123456789") != std::string::npos) {
    return Fail(BadAnswer("next_cursor is not a number"));
  }
  page.next_cursor = std::move(*cursor);
  return page;
}

Result<PacketStatus> ParsePacketStatus(std::string_view body) {
  const nlohmann::json json = nlohmann::json::parse(body, nullptr, false);
  if (!json.is_object()) return Fail(BadAnswer("packet status is not an object"));
  PacketStatus status;
  auto packet_id = RequiredString(json, "packet_id");
  if (!packet_id) return Fail(packet_id.error());
  auto parsed = RequiredStatus(json);
  if (!parsed) return Fail(parsed.error());
  status.packet_id = std::move(*packet_id);
  status.status = *parsed;
  for (auto [key, field] : {std::pair{"reason", &status.reason},
                            std::pair{"received_at", &status.received_at},
                            std::pair{"changed_at", &status.changed_at}}) {
    auto value = OptionalString(json, key);
    if (!value) return Fail(value.error());
    *field = std::move(*value);
  }
  return status;
}

Result<X509Ptr> ParseCertificateAnswer(std::string_view body) {
  auto cert = ParseCertificatePem(body);
  if (!cert) return Fail(BadAnswer("certificate: " + cert.error().ToLogString()));
  return std::move(*cert);
}

}  // namespace kiosk::sync
