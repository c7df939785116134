// The kill test: a writer process seals enrollments and is SIGKILLed at random moments. After
// every kill the store must open, `db verify` must pass, every record the writer saw committed
// must be there and decrypt, and no half-written record may be visible (verify recomputes every
// record's content hash from its decrypted items).
//
// KIOSK_KILL_ITERATIONS overrides the number of kills (the soak run uses thousands).
#include <gtest/gtest.h>

#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <fstream>
#include <random>
#include <set>
#include <thread>

#include "kiosk/batch/verify.h"
#include "tests/integration/store/kill_common.h"
#include "tests/support/temp_dir.h"

extern char** environ;

namespace kiosk::killtest {
namespace {

std::set<std::string> ReadAcks(const std::filesystem::path& file) {
  std::ifstream in(file);
  std::set<std::string> acks;
  std::string line;
  // Only complete lines: the writer may be killed mid-line (that record then just is not acked).
  while (std::getline(in, line)) {
    if (!in.eof()) acks.insert(line);
  }
  return acks;
}

// Starts the writer; *ready_fd receives "ready" once it is about to seal.
pid_t SpawnWriter(std::vector<std::string> args, int* ready_fd) {
  int fds[2];
  if (::pipe(fds) != 0) return -1;
  args.push_back(std::to_string(fds[1]));
  std::vector<char*> argv;
  for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addclose(&actions, fds[0]);
  pid_t pid = -1;
  int rc = posix_spawn(&pid, argv[0], &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  ::close(fds[1]);
  if (rc != 0) {
    ::close(fds[0]);
    return -1;
  }
  *ready_fd = fds[0];
  return pid;
}

// Waits up to timeout_ms for the writer's "ready".
bool WaitReady(int fd, int timeout_ms) {
  pollfd p{fd, POLLIN, 0};
  if (::poll(&p, 1, timeout_ms) <= 0) return false;
  char buffer[8];
  return ::read(fd, buffer, sizeof buffer) > 0;
}

// A fresh station: an administrator, an officer and a technician past their first sign-in.
void CreateStation(const std::filesystem::path& data_dir) {
  auto station = OpenStation(data_dir);
  ASSERT_TRUE(station) << station.error().ToLogString();
  auto& directory = *station->directory;
  ASSERT_TRUE(directory.BootstrapAdministrator({"admin", "", auth::Role::kAdministrator},
                                               SecretString("Admin#2026x")));
  auto admin = directory.SignIn("admin", SecretString("Admin#2026x"));
  ASSERT_TRUE(admin);
  for (auto [name, role] : {std::pair{kOfficer, auth::Role::kOfficer},
                            std::pair{kTechnician, auth::Role::kTechnician}}) {
    ASSERT_TRUE(directory.AddOperator(*admin, {name, "", role}, SecretString("Temp#2026ab")));
    ASSERT_TRUE(directory.ChangePassword(name, SecretString("Temp#2026ab"),
                                         SecretString(kPassword)));
  }
}

TEST(StoreKill, RandomKills_NeverLoseOrHalfWriteARecord) {
  int iterations = 200;
  if (const char* env = std::getenv("KIOSK_KILL_ITERATIONS")) iterations = std::atoi(env);
  // A fresh station every kKillsPerStation kills keeps each full verify cheap (it decrypts and
  // re-hashes every record), so the run stays short while every check stays complete.
  constexpr int kKillsPerStation = 40;
  kiosk::testing::TempDir dir;
  std::filesystem::path ack_file, data_dir;
  size_t total_acks = 0;
  std::mt19937 random(20260115);
  int writer_failures = 0;
  size_t max_records = 0;
  const auto started = std::chrono::steady_clock::now();
  std::chrono::duration<double> startup{}, checking{};
  for (int i = 0; i < iterations; ++i) {
    if (i % kKillsPerStation == 0) {
      if (!ack_file.empty()) total_acks += ReadAcks(ack_file).size();
      const std::string round = std::to_string(i / kKillsPerStation);
      ack_file = dir / ("acks-" + round + ".txt");
      data_dir = dir / ("data-" + round);
      ASSERT_NO_FATAL_FAILURE(CreateStation(data_dir));
    }
    // Every tenth run writes ~1.5 MB records first; the others small ones, to keep the run short.
    const int big = i % 10 == 0 ? 2 : 0;
    int ready_fd = -1;
    pid_t pid = SpawnWriter({KILL_WRITER, data_dir.string(), ack_file.string(),
                             std::to_string(big), std::to_string(random())},
                            &ready_fd);
    ASSERT_GT(pid, 0);
    if (i % 8 == 1) {
      // Sometimes while it is still opening the store (recovery, migrations, key unwrap).
      std::this_thread::sleep_for(std::chrono::microseconds(random() % 20000));
    } else {
      const auto spawned = std::chrono::steady_clock::now();
      EXPECT_TRUE(WaitReady(ready_fd, 10000)) << "writer not ready at kill " << i;
      startup += std::chrono::steady_clock::now() - spawned;
      std::this_thread::sleep_for(std::chrono::microseconds(random() % (big ? 120000 : 40000)));
    }
    ::close(ready_fd);
    ::kill(pid, SIGKILL);
    int status = 0;
    ::waitpid(pid, &status, 0);
    if (!(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL)) ++writer_failures;

    const auto check_started = std::chrono::steady_clock::now();
    auto station = OpenStation(data_dir);
    ASSERT_TRUE(station) << "after kill " << i << ": " << station.error().ToLogString();
    auto technician = station->directory->SignIn(kTechnician, SecretString(kPassword));
    ASSERT_TRUE(technician) << technician.error().ToLogString();
    auto report = batch::VerifyStore(*station->store, *technician);
    ASSERT_TRUE(report) << report.error().ToLogString();
    ASSERT_TRUE(report->ok) << "after kill " << i << ": " << report->problem;

    auto listed = station->records->List(*technician);
    ASSERT_TRUE(listed);
    std::set<std::string> present;
    for (const auto& r : *listed) present.insert(r.record_number);
    for (const auto& acked : ReadAcks(ack_file)) {
      ASSERT_TRUE(present.count(acked)) << "acknowledged record " << acked << " lost at kill " << i;
    }
    max_records = std::max(max_records, present.size());
    checking += std::chrono::steady_clock::now() - check_started;
  }
  const auto seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started);
  total_acks += ReadAcks(ack_file).size();
  EXPECT_EQ(writer_failures, 0) << "the writer exited on its own (see its stderr)";
  EXPECT_GT(total_acks, static_cast<size_t>(iterations / 2));
  std::printf("%d kills, at most %zu records per station, %zu acknowledged, %.1f s (writer start-up %.1f s, "
              "checks %.1f s)\n",
              iterations, max_records, total_acks, seconds.count(),
              startup.count(), checking.count());
}

}  // namespace
}  // namespace kiosk::killtest
