#include "drivers/device_probes.h"
#include "drivers/pcsc/pcsc_context.h"
#include "kiosk/core/i18n.h"

namespace kiosk::drivers {
namespace {

class PcscProbe final : public diag::Probe {
 public:
  std::vector<diag::Check> Run(const Config& config) override {
    using diag::Status;
    std::vector<diag::Check> out;
    auto context = pcsc::Context::Establish();
    if (!context) {
      out.push_back({"reader", "pcscd", Status::kError, context.error().message_key(), {}});
      return out;
    }
    auto states = (*context)->ReaderStates();
    if (!states) {
      out.push_back({"reader", "", Status::kError, states.error().message_key(), {}});
      return out;
    }
    if (states->empty()) {
      out.push_back({"reader", "", Status::kMissing,
                     N_("No card reader is connected. Plug in the reader, then retry."), {}});
      return out;
    }
    bool configured_found = config.devices.reader.empty();
    for (const auto& s : *states) {
      configured_found = configured_found || s.name == config.devices.reader;
      out.push_back({"reader", s.name, Status::kOk, N_("Card reader connected."), {}});
      if (s.card_present) {
        out.push_back({"card", s.name, Status::kOk,
                       s.card_in_use ? N_("A card is present (in use by another program).")
                                     : N_("A card is present."),
                       {}});
      } else {
        out.push_back({"card", s.name, Status::kMissing, N_("No card on the reader."), {}});
      }
    }
    if (!configured_found) {
      out.push_back({"reader", config.devices.reader, Status::kError,
                     N_("The configured card reader is not connected."), {}});
    }
    return out;
  }
};

}  // namespace

std::unique_ptr<diag::Probe> MakePcscProbe() { return std::make_unique<PcscProbe>(); }

}  // namespace kiosk::drivers
