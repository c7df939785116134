#include "ui/controllers/serial_worker.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <future>
#include <thread>
#include <vector>

namespace kiosk::ui {
namespace {

TEST(SerialWorker, Jobs_RunInOrderOnOneThreadOtherThanTheCaller) {
  SerialWorker worker;
  std::vector<int> order;
  std::vector<std::thread::id> threads;
  std::promise<void> done;
  for (int i = 0; i < 50; ++i) {
    worker.Post([&, i] {
      order.push_back(i);
      threads.push_back(std::this_thread::get_id());
      if (i == 49) done.set_value();
    });
  }
  done.get_future().wait();
  ASSERT_EQ(order.size(), 50u);
  for (int i = 0; i < 50; ++i) EXPECT_EQ(order[static_cast<size_t>(i)], i);
  for (auto id : threads) EXPECT_EQ(id, threads.front());
  EXPECT_NE(threads.front(), std::this_thread::get_id());
}

TEST(SerialWorker, Destruction_WaitsForTheRunningJob) {
  std::atomic<bool> finished{false};
  std::promise<void> started;
  {
    SerialWorker worker;
    worker.Post([&] {
      started.set_value();
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
      finished = true;
    });
    started.get_future().wait();
  }
  EXPECT_TRUE(finished.load());
}

}  // namespace
}  // namespace kiosk::ui
