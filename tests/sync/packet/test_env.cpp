#include "tests/sync/packet/test_env.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <functional>
#include <random>
#include <stdexcept>

#include "kiosk/biometrics/records/face_image_record.h"

namespace kiosk::testing {

sync::RecordPacketInput SyntheticRecord(const std::string& record_number,
                                        const std::string& full_name, size_t blob_bytes) {
  sync::RecordPacketInput record;
  record.record_number = record_number;
  record.station_id = TestPki::kStationId;
  record.fields = {{"id_number", "001099012345"}, {"full_name", full_name},
                   {"date_of_birth", "1990-02-03"}};
  SecretBytes portrait(blob_bytes);
  std::mt19937 random(static_cast<uint32_t>(std::hash<std::string>()(record_number)));
  for (size_t i = 0; i < blob_bytes; ++i) portrait.data()[i] = static_cast<uint8_t>(random());
  // JPEG's magic bytes, so that the ISO/IEC 19794-5 record every portrait travels with (the
  // intake server refuses a portrait without one) can wrap the same bytes.
  for (size_t i = 0; i < std::min<size_t>(blob_bytes, 3); ++i) portrait.data()[i] = i == 2 ? 0xFF : (i == 0 ? 0xFF : 0xD8);
  if (blob_bytes >= 3) {
    biometrics::records::FaceImage face;
    face.data_type = biometrics::records::FaceImageData::kJpeg;
    face.width = 480;
    face.height = 640;
    face.image.assign(portrait.data(), portrait.data() + portrait.size());
    auto fac = biometrics::records::WriteFaceImageRecord({{std::move(face)}});
    if (!fac) throw std::runtime_error(fac.error().ToLogString());
    record.blobs.push_back({"portrait.iso19794-5", SecretBytes(fac->data(), fac->size())});
  }
  record.blobs.push_back({"portrait.jpg", std::move(portrait)});
  return record;
}

std::string SyntheticRegisterJson() {
  return R"({"citizens": [
    {"id_number": "001099012345", "full_name": "Nguyễn Thị Mẫu", "date_of_birth": "1990-02-03"},
    {"id_number": "079088000111", "full_name": "Trần Văn Thử", "date_of_birth": "1988-12-31"}]})";
}

sync::SealedPacket SealFor(const TestPki& pki, const sync::RecordPacketInput& record) {
  auto station = pki.Station();
  auto server = pki.Server();
  auto sealed = sync::SealPacket(record, station, server.cert.get());
  if (!sealed) throw std::runtime_error(sealed.error().ToLogString());
  return std::move(*sealed);
}

std::unique_ptr<sync::server::IntakeServer> StartServer(const TestPki& pki,
                                                        sync::server::IntakeServerOptions options) {
  if (options.dir.empty()) options.dir = pki.dir();
  auto server = sync::server::IntakeServer::Create(std::move(options));
  if (!server) throw std::runtime_error(server.error().ToLogString());
  auto port = (*server)->Start();
  if (!port) throw std::runtime_error(port.error().ToLogString());
  return std::move(*server);
}

sync::CurlTransportOptions ClientOptions(const TestPki& pki, int port) {
  sync::CurlTransportOptions options;
  options.base_url = "https://127.0.0.1:" + std::to_string(port);
  options.ca_file = pki.ca_file();
  options.cert_file = pki.station_cert_file();
  options.key_file = pki.station_key_file();
  options.connect_timeout = std::chrono::milliseconds(2000);
  options.request_timeout = std::chrono::milliseconds(10000);
  options.stall_timeout = std::chrono::seconds(5);
  return options;
}

int UnusedPort() {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  ::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
  socklen_t size = sizeof addr;
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &size);
  ::close(fd);
  return ntohs(addr.sin_port);
}

}  // namespace kiosk::testing
