// kiosk-cli batch list|show|approve|reject|sign: the supervisor's end-of-day review.
//   batch approve N                 approves every record of batch N that needs no explicit
//                                   decision; --record R (repeatable) approves those records,
//                                   flagged ones included; --sign signs the batch afterwards
//   batch reject N --record R --reason TEXT
//   batch sign N
#include <cstdio>

#include <nlohmann/json.hpp>

#include "kiosk/core/i18n.h"
#include "ui/cli/cmd_store_common.h"

namespace kiosk::cli {

void PrintRecords(const std::vector<batch::RecordSummary>& list, bool json);  // cmd_records.cpp

namespace {

using storecli::Credentials;

nlohmann::json ToJson(const batch::BatchSummary& b) {
  return {{"batch", b.id},
          {"day", b.day},
          {"signed", b.signed_off},
          {"signed_by", b.signed_by},
          {"records", b.records},
          {"awaiting_decision", b.awaiting_decision},
          {"flagged_awaiting", b.flagged_awaiting},
          {"approved", b.approved},
          {"rejected", b.rejected}};
}

void PrintBatch(const batch::BatchSummary& b) {
  std::printf("%-5lld %s  %-7s records %lld, awaiting %lld (flagged %lld), approved %lld, "
              "rejected %lld\n",
              static_cast<long long>(b.id), b.day.c_str(),
              b.signed_off ? "signed" : "open", static_cast<long long>(b.records),
              static_cast<long long>(b.awaiting_decision),
              static_cast<long long>(b.flagged_awaiting), static_cast<long long>(b.approved),
              static_cast<long long>(b.rejected));
}

struct BatchOptions {
  int64_t batch_id = 0;
  std::vector<std::string> records;
  std::string reason;
  bool sign = false;
};

int Done(const Credentials& credentials, nlohmann::json result, const std::string& text) {
  if (credentials.json) {
    result["ok"] = true;
    std::printf("%s\n", result.dump(2).c_str());
  } else {
    std::printf("%s\n", text.c_str());
  }
  return 0;
}

int Run(const std::string& verb, const Context& context, const Credentials& credentials,
        const BatchOptions& o) {
  return storecli::WithSession(context, credentials, [&](auto& open, auto& session) -> int {
    auto& records = *open.records;
    if (verb == "list") {
      auto list = records.ListBatches(session);
      if (!list) return storecli::Report(credentials, list.error());
      nlohmann::json out = nlohmann::json::array();
      for (const auto& b : *list) {
        if (credentials.json) out.push_back(ToJson(b)); else PrintBatch(b);
      }
      if (credentials.json) std::printf("%s\n", out.dump(2).c_str());
      return 0;
    }
    if (verb == "show") {
      auto b = records.GetBatch(session, o.batch_id);
      if (!b) return storecli::Report(credentials, b.error());
      auto list = records.List(session, std::nullopt, o.batch_id);
      if (!list) return storecli::Report(credentials, list.error());
      if (credentials.json) {
        nlohmann::json out = ToJson(*b);
        out["records"] = nlohmann::json::array();
        for (const auto& r : *list) {
          out["records"].push_back({{"record_number", r.record_number},
                                    {"status", std::string(batch::ToString(r.status))},
                                    {"needs_decision", r.needs_decision}});
        }
        std::printf("%s\n", out.dump(2).c_str());
      } else {
        PrintBatch(*b);
        PrintRecords(*list, false);
      }
      return 0;
    }
    if (verb == "approve") {
      int64_t approved = 0;
      for (const auto& number : o.records) {
        if (auto r = records.Approve(session, number, o.reason); !r) {
          return storecli::Report(credentials, r.error());
        }
        ++approved;
      }
      if (o.records.empty()) {
        auto n = records.ApproveAllUnflagged(session, o.batch_id);
        if (!n) return storecli::Report(credentials, n.error());
        approved = *n;
      }
      if (o.sign) {
        if (auto r = records.SignBatch(session, o.batch_id); !r) {
          return storecli::Report(credentials, r.error());
        }
      }
      return Done(credentials, {{"approved", approved}, {"signed", o.sign}},
                  FormatMessage(i18n::tr("{0} record(s) approved."), {std::to_string(approved)}));
    }
    if (verb == "reject") {
      if (o.records.empty()) {
        return storecli::Report(credentials, Error::InvalidArgument("Name the record: --record R."));
      }
      for (const auto& number : o.records) {
        if (auto r = records.Reject(session, number, o.reason); !r) {
          return storecli::Report(credentials, r.error());
        }
      }
      return Done(credentials, {{"rejected", o.records.size()}},
                  FormatMessage(i18n::tr("{0} record(s) rejected."),
                                {std::to_string(o.records.size())}));
    }
    // sign
    if (auto r = records.SignBatch(session, o.batch_id); !r) {
      return storecli::Report(credentials, r.error());
    }
    return Done(credentials, {{"signed", true}}, i18n::tr("The batch was signed."));
  });
}

void RegisterBatch(CLI::App& app, Context& context) {
  auto* group = app.add_subcommand("batch", "Daily batches: supervisor review and signature");
  group->require_subcommand(1);
  const std::vector<std::pair<std::string, std::string>> verbs = {
      {"list", "List batches"},
      {"show", "Show a batch and its records"},
      {"approve", "Approve records of a batch (supervisor)"},
      {"reject", "Reject records of a batch with a reason (supervisor)"},
      {"sign", "Sign a batch once every record is decided (supervisor)"}};
  for (const auto& [verb, help] : verbs) {
    auto credentials = std::make_shared<Credentials>();
    auto options = std::make_shared<BatchOptions>();
    auto* cmd = group->add_subcommand(verb, help);
    if (verb != "list") cmd->add_option("batch", options->batch_id, "Batch number")->required();
    if (verb == "approve" || verb == "reject") {
      cmd->add_option("--record", options->records, "Record number (repeatable)");
      auto* reason = cmd->add_option("--reason", options->reason,
                                     verb == "reject" ? "Why the record is rejected"
                                                      : "A note for the decision");
      if (verb == "reject") reason->required();
    }
    if (verb == "approve") cmd->add_flag("--sign", options->sign, "Sign the batch afterwards");
    storecli::AddCredentialOptions(cmd, credentials);
    const std::string name = verb;
    cmd->callback([&context, credentials, options, name] {
      context.handler = [&context, credentials, options, name] {
        return Run(name, context, *credentials, *options);
      };
    });
  }
}

const CommandRegistration kRegisterBatch(62, RegisterBatch);

}  // namespace
}  // namespace kiosk::cli
