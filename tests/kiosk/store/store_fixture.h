#pragma once
// A store in a temporary data directory, with a fake clock and a file key provider.
#include <gtest/gtest.h>

#include <memory>

#include "kiosk/store/store.h"
#include "tests/support/fake_clock.h"
#include "tests/support/temp_dir.h"

namespace kiosk::store::testing_support {

class StoreFixture : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_TRUE(Reopen()); }

  ::testing::AssertionResult Reopen(StoreOptions options = {}) {
    store_.reset();
    if (options.data_dir.empty()) options.data_dir = dir_.path();
    auto opened = Store::Open(options, keys_, clock_);
    if (!opened) return ::testing::AssertionFailure() << opened.error().ToLogString();
    store_ = std::move(*opened);
    return ::testing::AssertionSuccess();
  }

  Store& store() { return *store_; }

  kiosk::testing::TempDir dir_;
  kiosk::testing::FakeClock clock_;
  FileKeyProvider keys_{FileKeyProvider::DefaultPath(dir_.path())};
  std::unique_ptr<Store> store_;
};

}  // namespace kiosk::store::testing_support
