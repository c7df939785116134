#pragma once
// Shared by the portrait and fingerprint controller tests: a task runner whose UI thread is the
// test's thread (callbacks posted from the capture threads queue up until the test pumps them),
// and the wizard on the real encrypted store with the demo chip, advanced to a given step.

#include <gtest/gtest.h>

#include <chrono>
#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>

#include "drivers/station/chip_sources.h"
#include "kiosk/core/i18n.h"
#include "kiosk/station/sealed_draft_store.h"
#include "tests/kiosk/batch/records_fixture.h"
#include "tests/support/temp_dir.h"
#include "tests/support/visit_placeholders.h"
#include "ui/controllers/wizard_controller.h"

namespace kiosk::ui::testing {

// Work runs at once on the calling thread (the test's, standing for the worker); UI callbacks
// from any thread queue until Pump() runs them on the test's thread, as a GUI loop would.
class QueuedUiRunner final : public TaskRunner {
 public:
  void Run(std::function<void()> work, std::function<void()> done) override {
    work();
    RunOnUiThread(std::move(done));
  }
  void RunOnUiThread(std::function<void()> fn) override {
    std::lock_guard lock(mutex_);
    queue_.push_back(std::move(fn));
    posted_.notify_all();
  }
  // Runs queued callbacks until pred() holds or the timeout passes; returns pred().
  bool PumpUntil(const std::function<bool()>& pred, std::chrono::milliseconds timeout = std::chrono::seconds(60)) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (!pred()) {
      std::function<void()> next;
      {
        std::unique_lock lock(mutex_);
        if (!posted_.wait_until(lock, deadline, [this] { return !queue_.empty(); })) return pred();
        next = std::move(queue_.front());
        queue_.pop_front();
      }
      next();
    }
    return true;
  }
  void Drain() {
    PumpUntil([this] {
      std::lock_guard lock(mutex_);
      return queue_.empty();
    }, std::chrono::milliseconds(200));
  }

 private:
  std::mutex mutex_;
  std::condition_variable posted_;
  std::deque<std::function<void()>> queue_;
};

class RecordingWizardView final : public WizardView {
 public:
  void SetBusy(bool) override {}
  void ShowError(const std::string& text) override { errors.push_back(text); }
  void ShowStep(enrollment::Step s, const std::vector<std::string>&) override { step = s; }
  void ShowChipProgress(const std::string&, size_t, size_t) override {}
  void ShowChipResult(const ChipSummary& s) override { chip_genuine = s.genuine; }
  void ShowMismatches(const std::vector<std::string>&) override {}
  void ShowSealed(const std::string&) override {}
  void ShowEnrollment(const enrollment::Enrollment& e) override {
    enrollment = e;
    if (on_enrollment) on_enrollment(e);
  }
  std::vector<std::string> errors;
  std::optional<enrollment::Step> step;
  bool chip_genuine = false;
  std::optional<enrollment::Enrollment> enrollment;
  std::function<void(const enrollment::Enrollment&)> on_enrollment;
};

// The wizard on the real store (sealed drafts) with the demo chip, as the station wires it.
class WizardFixture : public batch::testing_support::RecordsFixture {
 protected:
  static void SetUpTestSuite() { pki_dir_ = new kiosk::testing::TempDir; }
  static void TearDownTestSuite() {
    delete pki_dir_;
    pki_dir_ = nullptr;
  }

  void SetUp() override {
    ASSERT_TRUE(i18n::SetLanguage("en"));
    batch::testing_support::RecordsFixture::SetUp();
    drafts_ = std::make_unique<station::SealedDraftStore>(
        store(), std::make_unique<enrollment::FileDraftStore>(dir_ / "drafts"));
    auto chip = drivers::MakeDemoChipSource(pki_dir_->path(), {}, emrtd::TrustStore{});
    ASSERT_TRUE(chip) << chip.error().ToLogString();
    chip_ = std::move(*chip);
    wizard_ = std::make_unique<WizardController>(wizard_view_, runner_, *drafts_, *records_, clock_, chip_.get());
  }
  void TearDown() override { (void)i18n::SetLanguage("vi"); }

  // Identify (typed), read the chip (the demo chip's face is kept): the portrait step.
  void AdvanceToPortrait(bool read_chip = true) {
    wizard_->Begin(officer_);
    runner_.Drain();
    ASSERT_TRUE(wizard_->started());
    wizard_->SubmitTyped({"001095012345", "14/03/1995", "14/03/2035", "NGUYỄN VĂN MẪU", "Nam"});
    wizard_->Next();
    runner_.Drain();
    if (read_chip) {
      wizard_->ReadChip();
      runner_.Drain();
      ASSERT_TRUE(wizard_view_.chip_genuine) << Errors();
    } else {
      wizard_->Apply([](enrollment::Visit& visit) { return visit.RecordChipException("reader broken (test)"); });
    }
    wizard_->Next();
    runner_.Drain();
    ASSERT_EQ(wizard_view_.step, enrollment::Step::kPortrait) << Errors();
  }

  // The portrait step done with placeholder bytes, then the fingerprint step.
  void AdvanceToFingers() {
    AdvanceToPortrait(false);
    wizard_->Apply([](enrollment::Visit& visit) -> Result<void> {
      if (auto r = visit.SetPortrait(kiosk::testing::PlaceholderPortrait("portrait placeholder"), nullptr); !r) {
        return Fail(r.error());
      }
      return visit.ConfirmPortrait();
    });
    wizard_->Next();
    runner_.Drain();
    ASSERT_EQ(wizard_view_.step, enrollment::Step::kFingerprints) << Errors();
  }

  std::string Errors() const {
    std::string all;
    for (const auto& e : wizard_view_.errors) all += e + "\n";
    return all;
  }

  static inline kiosk::testing::TempDir* pki_dir_ = nullptr;
  std::unique_ptr<station::SealedDraftStore> drafts_;
  std::unique_ptr<station::ChipSource> chip_;
  QueuedUiRunner runner_;
  RecordingWizardView wizard_view_;
  std::unique_ptr<WizardController> wizard_;
};

}  // namespace kiosk::ui::testing
