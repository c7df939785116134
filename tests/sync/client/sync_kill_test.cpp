// The station process is SIGKILLed in the middle of an upload, then started again: the record
// must end up on the server exactly once and acknowledged on the station.
#include <gtest/gtest.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>

#include <chrono>
#include <string>
#include <thread>
#include <vector>

#include "tests/sync/client/fault_proxy.h"
#include "tests/sync/packet/test_env.h"
#include "tests/sync/station/station_fixture.h"

extern char** environ;

namespace kiosk::sync {
namespace {

using kiosk::testing::FaultProxy;
using kiosk::testing::TestPki;
using std::chrono::milliseconds;

pid_t SpawnChild(const std::vector<std::string>& args) {
  std::vector<char*> argv;
  for (const auto& arg : args) argv.push_back(const_cast<char*>(arg.c_str()));
  argv.push_back(nullptr);
  pid_t pid = -1;
  if (posix_spawn(&pid, argv[0], nullptr, nullptr, argv.data(), environ) != 0) return -1;
  return pid;
}

int WaitExit(pid_t pid) {
  int status = 0;
  ::waitpid(pid, &status, 0);
  if (WIFEXITED(status)) return WEXITSTATUS(status);
  return WIFSIGNALED(status) ? 128 + WTERMSIG(status) : -1;
}

TEST(SyncKillTest, ClientSigkilledMidUpload_RestartedStoresOnceAndAcknowledges) {
  TestPki pki;
  kiosk::testing::StationFixture station;
  std::string record = station.SealAndApprove(kiosk::testing::Citizen{}, 1500 * 1024);
  station.SignBatches();
  station.Provision(pki);
  auto server = kiosk::testing::StartServer(pki);
  FaultProxy proxy(server->port());
  proxy.SetChunkDelay(milliseconds(20));  // ~1.5 MB takes about 2 s: time to kill mid-body
  std::vector<std::string> args = {SYNC_UPLOAD_CHILD, station.data_dir().string(),
                                   "https://127.0.0.1:" + std::to_string(proxy.port()),
                                   pki.ca_file().string()};
  pid_t first = SpawnChild(args);
  ASSERT_GT(first, 0);
  for (int i = 0; i < 1000 && proxy.upstream_bytes() < 400 * 1024; ++i) {
    std::this_thread::sleep_for(milliseconds(10));
  }
  ASSERT_GE(proxy.upstream_bytes(), 400u * 1024);
  ::kill(first, SIGKILL);
  EXPECT_EQ(WaitExit(first), 128 + SIGKILL);
  EXPECT_EQ(*server->store().PacketCount(), 0);

  proxy.SetChunkDelay(milliseconds(0));
  pid_t second = SpawnChild(args);
  ASSERT_GT(second, 0);
  EXPECT_EQ(WaitExit(second), 0);

  EXPECT_EQ(*server->store().PacketCount(), 1);
  EXPECT_GE(station.StatusOf(record), batch::RecordStatus::kAcknowledged);

  // Started once more (say, after a power cut right after the ack): nothing to send, nothing new.
  pid_t third = SpawnChild(args);
  EXPECT_EQ(WaitExit(third), 0);
  EXPECT_EQ(*server->store().PacketCount(), 1);
}

}  // namespace
}  // namespace kiosk::sync
