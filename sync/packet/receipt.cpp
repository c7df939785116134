#include "sync/packet/receipt.h"

#include <nlohmann/json.hpp>

#include <ctime>
#include <optional>

#include "kiosk/core/i18n.h"
#include "sync/packet/cms.h"

namespace kiosk::sync {

namespace {
constexpr std::string_view kReceiptType = "kiosk-receipt/1";
}

std::string IsoUtc(std::chrono::system_clock::time_point t) {
  std::time_t seconds = std::chrono::system_clock::to_time_t(t);
  std::tm parts{};
  gmtime_r(&seconds, &parts);
  char buffer[32];
  std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%SZ", &parts);
  return buffer;
}

Result<std::vector<uint8_t>> SignReceipt(const ReceiptContent& content, const Credentials& server) {
  nlohmann::json json = {{"type", kReceiptType},
                         {"packet_id", content.packet_id},
                         {"content_hash", content.content_hash},
                         {"station_id", content.station_id},
                         {"received_at", content.received_at}};
  std::string text = json.dump();
  return SignCms(reinterpret_cast<const uint8_t*>(text.data()), text.size(), server);
}

Result<ReceiptContent> VerifyReceipt(const std::vector<uint8_t>& der, X509_STORE* central_ca) {
  auto verified = VerifyCms(der, central_ca, SignerRole::kServer);
  if (!verified) return Fail(verified.error());
  std::string_view text(reinterpret_cast<const char*>(verified->content.data()),
                        verified->content.size());
  return ParseReceiptContent(text);
}

Result<ReceiptContent> ParseReceiptContent(std::string_view text) {
  const nlohmann::json json = nlohmann::json::parse(text, nullptr, false);
  // value() throws on a member of another type: every field is checked to be a string first.
  auto text_field = [&json](const char* key) -> std::optional<std::string> {
    auto it = json.find(key);
    if (it == json.end()) return std::string();
    if (!it->is_string()) return std::nullopt;
    return it->get<std::string>();
  };
  if (!json.is_object()) return Fail(Error::Parse(N_("The server's receipt is malformed.")));
  auto type = text_field("type");
  auto packet_id = text_field("packet_id");
  auto content_hash = text_field("content_hash");
  auto station_id = text_field("station_id");
  auto received_at = text_field("received_at");
  if (!type || *type != kReceiptType || !packet_id || !content_hash || !station_id || !received_at) {
    return Fail(Error::Parse(N_("The server's receipt is malformed.")));
  }
  ReceiptContent content;
  content.packet_id = std::move(*packet_id);
  content.content_hash = std::move(*content_hash);
  content.station_id = std::move(*station_id);
  content.received_at = std::move(*received_at);
  return content;
}

}  // namespace kiosk::sync
