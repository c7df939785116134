#pragma once
// The outbox worker: takes due packets from the OutboxQueue and uploads them through the
// SyncTransport, one at a time, oldest first. A success stores the server's signed receipt;
// a retriable failure schedules the next attempt with exponential backoff and jitter; any other
// failure parks the packet with its reason for the technician. Nothing is removed from the
// queue before the receipt is stored, so a crash at any point only causes a re-upload, which
// the server answers with the original receipt (exactly once on the server).
//
// Two ways to drive it: Start() runs a background thread (the station app); SendDue/Drain are
// synchronous (`kiosk-cli sync now`, tests). Do not mix them on one instance.
//
// Thread safety: Pause, Resume, Wake, Stop and the getters may be called from any thread.
// Progress callbacks run on the worker's thread: a UI must hop to its own thread.

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <string>
#include <thread>

#include "kiosk/core/clock.h"
#include "kiosk/sync_port/outbox_queue.h"
#include "kiosk/sync_port/sync_transport.h"
#include "sync/client/backoff.h"

namespace kiosk::sync {

struct SyncProgress {
  std::string packet_id;
  uint64_t sent = 0;
  uint64_t total = 0;
};

struct SendSummary {
  size_t acknowledged = 0;   // receipts stored (duplicates included)
  size_t duplicates = 0;     // the server already had the packet
  size_t retried = 0;        // failed, scheduled again
  size_t parked = 0;         // failed for good (conflict, refused certificate …)
  std::string last_error;    // English, for the technician
};

struct WorkerOptions {
  BackoffPolicy backoff;
  uint64_t seed = std::random_device{}();
  std::chrono::milliseconds idle_poll{30000};  // thread: look for new items at least this often
};

class OutboxWorker {
 public:
  using Sleep = std::function<void(std::chrono::milliseconds)>;

  OutboxWorker(OutboxQueue& queue, SyncTransport& transport, Clock& clock,
               WorkerOptions options = {});
  ~OutboxWorker();
  OutboxWorker(const OutboxWorker&) = delete;
  OutboxWorker& operator=(const OutboxWorker&) = delete;

  // Uploads every item due now, once each.
  Result<SendSummary> SendDue();
  // Repeats SendDue, sleeping until the next item is due, until no item is queued or `budget`
  // (measured on the Clock) is spent. `sleep` waits (tests pass one that moves a FakeClock).
  Result<SendSummary> Drain(std::chrono::milliseconds budget, const Sleep& sleep);
  // Fetches every status change since the saved cursor and saves them. Returns how many.
  Result<size_t> PullStatus();

  void Start();
  void Stop();
  // A running upload is aborted at the next progress tick and stays queued.
  void Pause();
  void Resume();
  bool paused() const { return paused_; }
  // New items were queued: look now instead of at the next poll.
  void Wake();
  void SetProgressCallback(std::function<void(const SyncProgress&)> callback);

 private:
  enum class Outcome { kAcknowledged, kDuplicate, kRetry, kParked, kCancelled };
  Outcome SendOne(const OutboxItem& item, SendSummary& summary);
  void Loop();

  OutboxQueue& queue_;
  SyncTransport& transport_;
  Clock& clock_;
  WorkerOptions options_;
  Backoff backoff_;
  std::atomic<bool> paused_{false};
  std::atomic<bool> stopping_{false};
  std::mutex mutex_;
  std::condition_variable wake_;
  bool woken_ = false;
  std::thread thread_;
  std::mutex callback_mutex_;
  std::function<void(const SyncProgress&)> progress_;
};

}  // namespace kiosk::sync
