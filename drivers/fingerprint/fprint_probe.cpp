#include "drivers/device_probes.h"
#include "kiosk/core/i18n.h"

#ifdef KIOSK_WITH_LIBFPRINT
#include <fprint.h>
#endif

namespace kiosk::drivers {
namespace {

class FingerprintProbe final : public diag::Probe {
 public:
  std::vector<diag::Check> Run(const Config& config) override {
    using diag::Status;
    if (!config.devices.fingerprint) {
      return {{"fingerprint", "", Status::kMissing, N_("Fingerprint capture is disabled in the configuration."), {}}};
    }
#ifdef KIOSK_WITH_LIBFPRINT
    std::vector<diag::Check> out;
    FpContext* context = fp_context_new();
    GPtrArray* devices = fp_context_get_devices(context);  // enumerates synchronously
    for (guint i = 0; devices != nullptr && i < devices->len; ++i) {
      auto* device = FP_DEVICE(g_ptr_array_index(devices, i));
      std::string name = fp_device_get_name(device);
      std::string driver = fp_device_get_driver(device);
      bool image = fp_device_has_feature(device, FP_DEVICE_FEATURE_CAPTURE);
      out.push_back({"fingerprint", name + " (" + driver + ")", Status::kOk,
                     image ? N_("Fingerprint sensor connected (gives images).")
                           : N_("Fingerprint sensor connected (match-on-device only)."),
                     {}});
    }
    g_object_unref(context);
    if (out.empty()) {
      out.push_back({"fingerprint", "", Status::kMissing, N_("No fingerprint sensor is connected."), {}});
    }
    return out;
#else
    return {{"fingerprint", "", Status::kMissing,
             N_("This build has no fingerprint driver (libfprint is Linux-only)."), {}}};
#endif
  }
};

}  // namespace

std::unique_ptr<diag::Probe> MakeFingerprintProbe() { return std::make_unique<FingerprintProbe>(); }

}  // namespace kiosk::drivers
