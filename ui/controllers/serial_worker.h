#pragma once
// One background thread that runs jobs in the order they were queued. The station's core objects
// (the store above all) are used by one thread at a time; running all their work on one worker
// keeps that promise without locks in every call, and keeps the GUI thread free.
//
// Thread safety: Post() from any thread. The destructor finishes the job in progress, drops the
// rest, and joins.

#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>

namespace kiosk::ui {

class SerialWorker {
 public:
  SerialWorker();
  ~SerialWorker();
  SerialWorker(const SerialWorker&) = delete;
  SerialWorker& operator=(const SerialWorker&) = delete;

  void Post(std::function<void()> job);
  // Jobs queued and not started yet.
  size_t pending() const;

 private:
  void Loop();

  mutable std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<std::function<void()>> jobs_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace kiosk::ui
