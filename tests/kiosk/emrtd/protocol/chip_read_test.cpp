// ReadChip against the in-process CCCD emulator: a full read and verification, the wrong key,
// a card pulled at several points then read again, clones, corrupted data, unknown CSCA,
// short-only cards, cancellation.
#include <gtest/gtest.h>

#include <openssl/x509.h>

#include "drivers/sim/chip/chip_profile.h"
#include "drivers/sim/chip/in_process_channel.h"
#include "kiosk/emrtd/lds/lds_files.h"
#include "kiosk/emrtd/protocol/chip_reader.h"

namespace kiosk::emrtd {
namespace {

using sim::ChipBehaviour;
using sim::ChipEmulator;
using sim::ChipProfileOptions;
using sim::InProcessChannel;

const sim::TestPki& Pki() {
  static const sim::TestPki pki = std::move(*sim::GenerateTestPki());
  return pki;
}

TrustStore Trust() {
  TrustStore trust;
  X509_up_ref(Pki().csca_cert.get());
  trust.Add(X509Ptr(Pki().csca_cert.get()));
  return trust;
}

struct Card {
  std::unique_ptr<ChipEmulator> emulator;
  sim::AccessData access;
};

Card MakeCard(ChipBehaviour behaviour = {}, ChipProfileOptions options = {}) {
  auto card = sim::MakeEmulatedCard(sim::DefaultCitizen(), Pki(), options);
  EXPECT_TRUE(card) << card.error().ToLogString();
  Card out;
  out.access = card->access;
  out.emulator = std::make_unique<ChipEmulator>(std::move(card->content), behaviour);
  return out;
}

// The default card, built once (building signs and draws a face).
Card& SharedCard() {
  static Card card = MakeCard();
  return card;
}

TEST(ReadChip, FullRead_GivesIdentityFaceAndValidVerification) {
  Card& card = SharedCard();
  card.emulator->mutable_behaviour() = {};
  InProcessChannel channel(*card.emulator);
  TrustStore trust = Trust();
  ChipReadOptions options;
  options.trust = &trust;
  std::vector<std::string> progress_files;
  auto result = ReadChip(channel, card.access.mrz_key, options,
                         [&](std::string_view file, size_t, size_t) {
                           if (progress_files.empty() || progress_files.back() != file) {
                             progress_files.emplace_back(file);
                           }
                         });
  ASSERT_TRUE(result) << result.error().ToLogString();
  EXPECT_EQ(result->identity.id_number, card.access.id_number);
  EXPECT_FALSE(result->identity.full_name.empty());
  EXPECT_FALSE(result->face.data.empty());
  EXPECT_EQ(result->verification.passive.overall, CheckStatus::kValid)
      << result->verification.passive.detail;
  EXPECT_EQ(result->verification.active.status, AuthStatus::kPassed)
      << result->verification.active.detail;
  EXPECT_TRUE(result->verification.Genuine());
  EXPECT_TRUE(result->extended_length);
  EXPECT_GT(result->link.apdus, 10u);
  EXPECT_EQ(progress_files.front(), "EF.COM");
  EXPECT_TRUE(result->files.contains(kFidSod));
}

TEST(ReadChip, ShortOnlyBacCard_Reads0xE7BlocksWithMoreApdus) {
  Card& card = SharedCard();
  card.emulator->mutable_behaviour() = {};
  card.emulator->mutable_behaviour().access_control = sim::AccessControl::kBacOnly;
  InProcessChannel extended_channel(*card.emulator);
  auto extended = ReadChip(extended_channel, card.access.mrz_key);
  ASSERT_TRUE(extended);

  card.emulator->mutable_behaviour().extended_length = false;
  card.emulator->Reset();
  InProcessChannel short_channel(*card.emulator);
  auto short_read = ReadChip(short_channel, card.access.mrz_key);
  card.emulator->mutable_behaviour() = {};
  ASSERT_TRUE(short_read) << short_read.error().ToLogString();
  EXPECT_FALSE(short_read->extended_length);
  EXPECT_EQ(short_read->access_protocol, "BAC");
  EXPECT_EQ(short_read->block_size, 0xE7u);
  EXPECT_EQ(short_read->files, extended->files);
  EXPECT_GT(short_read->link.apdus, 4 * extended->link.apdus / 2);
}

TEST(ReadChip, FixedBlocks0xDF_ReadTheSameFiles) {
  Card& card = SharedCard();
  card.emulator->mutable_behaviour() = {};
  card.emulator->Reset();
  InProcessChannel channel(*card.emulator);
  ChipReadOptions options;
  options.files.fixed_block_size = 0xDF;
  auto result = ReadChip(channel, card.access.mrz_key, options);
  ASSERT_TRUE(result) << result.error().ToLogString();
  EXPECT_EQ(result->block_size, 0xDFu);
}

TEST(ReadChip, ExtendedLeRefused_FallsBackToShortBlocks) {
  Card& card = SharedCard();
  card.emulator->SetBehaviour({});
  card.emulator->mutable_behaviour().max_extended_ne = 1024;
  card.emulator->Reset();
  InProcessChannel channel(*card.emulator);
  auto result = ReadChip(channel, card.access.mrz_key);
  card.emulator->SetBehaviour({});
  ASSERT_TRUE(result) << result.error().ToLogString();
  EXPECT_FALSE(result->face.data.empty());
}

TEST(ReadChip, WrongKey_IsWrongAccessKeyNamingTheFields) {
  Card& card = SharedCard();
  card.emulator->Reset();
  InProcessChannel channel(*card.emulator);
  MrzAccessKey wrong = card.access.mrz_key;
  wrong.date_of_birth = "010101";
  auto result = ReadChip(channel, wrong);
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().code(), ErrorCode::kWrongAccessKey);
  EXPECT_NE(result.error().message_key().find("date of birth"), std::string::npos);
  EXPECT_FALSE(result.error().retriable());
}

TEST(ReadChip, CardRefusingEveryKey_IsWrongAccessKey) {
  Card& card = SharedCard();
  card.emulator->mutable_behaviour() = {};
  card.emulator->mutable_behaviour().refuse_access_key = true;
  card.emulator->Reset();
  InProcessChannel channel(*card.emulator);
  auto result = ReadChip(channel, card.access.mrz_key);
  card.emulator->mutable_behaviour() = {};
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().code(), ErrorCode::kWrongAccessKey);
}

TEST(ReadChip, CardPulledAtSeveralApdus_IsRetriableAndTheNextReadSucceeds) {
  Card& card = SharedCard();
  for (int k : {1, 2, 3, 5, 8, 12, 20, 40}) {
    card.emulator->SetBehaviour(ChipBehaviour{.extended_length = false, .refuse_access_key = false,
                                              .pull_at_apdu = k, .clone_aa_key = false,
                                              .latency_per_apdu = {}, .bits_per_second = 0, .max_extended_ne = 0});
    card.emulator->Reset();
    Card& pulled = card;
    InProcessChannel channel(*pulled.emulator);
    auto first = ReadChip(channel, pulled.access.mrz_key);
    ASSERT_FALSE(first) << "pulled at " << k;
    EXPECT_EQ(first.error().code(), ErrorCode::kCardRemoved) << "pulled at " << k;
    EXPECT_TRUE(first.error().retriable());
    auto second = ReadChip(channel, pulled.access.mrz_key);
    ASSERT_TRUE(second) << "pulled at " << k << ": " << second.error().ToLogString();
    EXPECT_EQ(second->identity.id_number, pulled.access.id_number);
  }
  card.emulator->SetBehaviour({});
}

TEST(ReadChip, Clone_FailsActiveAuthentication) {
  Card& card = SharedCard();
  card.emulator->mutable_behaviour() = {};
  card.emulator->mutable_behaviour().clone_aa_key = true;
  card.emulator->Reset();
  InProcessChannel channel(*card.emulator);
  TrustStore trust = Trust();
  ChipReadOptions options;
  options.trust = &trust;
  auto result = ReadChip(channel, card.access.mrz_key, options);
  card.emulator->mutable_behaviour() = {};
  ASSERT_TRUE(result) << result.error().ToLogString();
  EXPECT_EQ(result->verification.active.status, AuthStatus::kFailed);
  EXPECT_FALSE(result->verification.Genuine());
}

TEST(ReadChip, CorruptedDataGroup_FailsPassiveAuthentication) {
  ChipProfileOptions options;
  options.lds.corrupt_data_group = 13;
  Card card = MakeCard({}, options);
  InProcessChannel channel(*card.emulator);
  TrustStore trust = Trust();
  ChipReadOptions read_options;
  read_options.trust = &trust;
  auto result = ReadChip(channel, card.access.mrz_key, read_options);
  ASSERT_TRUE(result) << result.error().ToLogString();
  EXPECT_EQ(result->verification.passive.overall, CheckStatus::kInvalid);
  EXPECT_FALSE(result->verification.Genuine());
}

TEST(ReadChip, UnknownCsca_IsNotVerifiable) {
  ChipProfileOptions options;
  options.unknown_csca = true;
  Card card = MakeCard({}, options);
  InProcessChannel channel(*card.emulator);
  TrustStore trust = Trust();
  ChipReadOptions read_options;
  read_options.trust = &trust;
  auto result = ReadChip(channel, card.access.mrz_key, read_options);
  ASSERT_TRUE(result) << result.error().ToLogString();
  EXPECT_EQ(result->verification.passive.overall, CheckStatus::kNotVerifiable);
}

TEST(ReadChip, StopRequested_IsCancelled) {
  Card& card = SharedCard();
  card.emulator->mutable_behaviour() = {};
  card.emulator->Reset();
  InProcessChannel channel(*card.emulator);
  std::stop_source stop;
  auto result = ReadChip(channel, card.access.mrz_key, {},
                         [&](std::string_view file, size_t, size_t) {
                           if (file == "DG2") stop.request_stop();
                         },
                         stop.get_token());
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().code(), ErrorCode::kCancelled);
}

}  // namespace
}  // namespace kiosk::emrtd
