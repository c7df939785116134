#include "drivers/fingerprint/libfprint_sensor.h"

#include <fprint.h>

#include <mutex>

#include "drivers/fingerprint/fprint_error.h"
#include "kiosk/core/i18n.h"

namespace kiosk::drivers {

using biometrics::FingerprintDeviceInfo;
using biometrics::FingerprintImage;

namespace {

// One asynchronous libfprint call: its callback stores the result, the caller iterates the
// context until then.
struct PendingCall {
  GAsyncResult* result = nullptr;
  static void Done(GObject*, GAsyncResult* result, gpointer user_data) {
    static_cast<PendingCall*>(user_data)->result = G_ASYNC_RESULT(g_object_ref(result));
  }
  ~PendingCall() {
    if (result != nullptr) g_object_unref(result);
  }
};

// Pushes a context as the thread-default for the scope.
class ThreadDefaultContext {
 public:
  explicit ThreadDefaultContext(GMainContext* context) : context_(context) {
    g_main_context_push_thread_default(context_);
  }
  ~ThreadDefaultContext() { g_main_context_pop_thread_default(context_); }
  ThreadDefaultContext(const ThreadDefaultContext&) = delete;
  ThreadDefaultContext& operator=(const ThreadDefaultContext&) = delete;

 private:
  GMainContext* context_;
};

std::string DeviceId(FpDevice* device) {
  const char* id = fp_device_get_device_id(device);
  return id != nullptr ? id : "";
}

}  // namespace

struct LibfprintSensor::Impl {
  GMainContext* context = g_main_context_new();
  FpContext* fp_context = nullptr;
  FpDevice* device = nullptr;  // the open device (owned by fp_context's list; we keep a ref)
  std::mutex cancel_mutex;
  GCancellable* cancellable = nullptr;  // of the running operation, for Cancel()

  ~Impl() {
    if (device != nullptr) g_object_unref(device);
    if (fp_context != nullptr) g_object_unref(fp_context);
    // Let pending callbacks and idle sources run out before the context goes.
    while (g_main_context_iteration(context, FALSE)) {
    }
    g_main_context_unref(context);
  }

  // The device list. Enumeration is the one step that runs on the process's default context:
  // fp_context_enumerate() waits for the devices' initialisation by iterating the global
  // default context itself, so it must not run with our context pushed (it would wait forever
  // for callbacks queued on ours). It is short and happens once per sensor object; call Open()
  // before a GTK main loop runs on another thread if that matters.
  GPtrArray* Devices() {
    if (fp_context == nullptr) fp_context = fp_context_new();
    return fp_context_get_devices(fp_context);
  }

  // Iterates the private context until call completes or the deadline passes (then cancels the
  // operation and still waits for its callback, which libfprint always delivers).
  bool Wait(PendingCall& call, GCancellable* op_cancellable, std::chrono::milliseconds timeout) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    bool timed_out = false;
    while (call.result == nullptr) {
      if (!timed_out && std::chrono::steady_clock::now() >= deadline) {
        timed_out = true;
        g_cancellable_cancel(op_cancellable);
      }
      // Non-blocking iteration with a short sleep keeps the deadline honest without a timer source.
      if (!g_main_context_iteration(context, FALSE)) g_usleep(2000);
    }
    return !timed_out;
  }

  GCancellable* BeginOperation() {
    std::lock_guard lock(cancel_mutex);
    cancellable = g_cancellable_new();
    return cancellable;
  }
  void EndOperation() {
    std::lock_guard lock(cancel_mutex);
    g_clear_object(&cancellable);
  }
};

LibfprintSensor::LibfprintSensor() : impl_(std::make_unique<Impl>()) {}

LibfprintSensor::~LibfprintSensor() { Close(); }

Result<std::vector<FingerprintDeviceInfo>> LibfprintSensor::Enumerate() {
  GPtrArray* devices = impl_->Devices();
  std::vector<FingerprintDeviceInfo> out;
  for (guint i = 0; devices != nullptr && i < devices->len; ++i) {
    auto* device = FP_DEVICE(g_ptr_array_index(devices, i));
    out.push_back({DeviceId(device), fp_device_get_name(device), fp_device_get_driver(device),
                   static_cast<bool>(fp_device_has_feature(device, FP_DEVICE_FEATURE_CAPTURE))});
  }
  return out;
}

Result<void> LibfprintSensor::Open(const std::string& device_id) {
  Close();
  GPtrArray* devices = impl_->Devices();
  FpDevice* chosen = nullptr;
  for (guint i = 0; devices != nullptr && i < devices->len; ++i) {
    auto* device = FP_DEVICE(g_ptr_array_index(devices, i));
    bool wanted = device_id.empty() ? static_cast<bool>(fp_device_has_feature(device, FP_DEVICE_FEATURE_CAPTURE))
                                    : DeviceId(device) == device_id;
    if (wanted) {
      chosen = device;
      break;
    }
  }
  if (chosen == nullptr) {
    return Fail(Error(ErrorCode::kDeviceNotFound, N_("No fingerprint sensor that gives images is connected."),
                      device_id.empty() ? "no capture device" : device_id));
  }
  ThreadDefaultContext scope(impl_->context);
  GCancellable* cancellable = impl_->BeginOperation();
  PendingCall call;
  fp_device_open(chosen, cancellable, &PendingCall::Done, &call);
  impl_->Wait(call, cancellable, std::chrono::seconds(10));
  impl_->EndOperation();
  GError* error = nullptr;
  if (!fp_device_open_finish(chosen, call.result, &error)) {
    Error mapped = FromGError(error, "opening fingerprint sensor");
    g_error_free(error);
    return Fail(std::move(mapped));
  }
  impl_->device = FP_DEVICE(g_object_ref(chosen));
  return {};
}

Result<FingerprintImage> LibfprintSensor::Capture(std::chrono::milliseconds timeout) {
  if (impl_->device == nullptr) {
    return Fail(Error(ErrorCode::kInternal, N_("The fingerprint sensor is not open."), "Capture before Open"));
  }
  ThreadDefaultContext scope(impl_->context);
  GCancellable* cancellable = impl_->BeginOperation();
  PendingCall call;
  fp_device_capture(impl_->device, TRUE, cancellable, &PendingCall::Done, &call);
  const bool in_time = impl_->Wait(call, cancellable, timeout);
  impl_->EndOperation();
  GError* error = nullptr;
  FpImage* image = fp_device_capture_finish(impl_->device, call.result, &error);
  if (image == nullptr) {
    Error mapped = !in_time && g_error_matches(error, G_IO_ERROR, G_IO_ERROR_CANCELLED)
                       ? Error(ErrorCode::kTimeout, N_("No finger was placed in time."), "capture timeout")
                       : FromGError(error, "capturing fingerprint");
    g_error_free(error);
    return Fail(std::move(mapped));
  }
  gsize length = 0;
  const guchar* data = fp_image_get_data(image, &length);
  const int width = static_cast<int>(fp_image_get_width(image));
  const int height = static_cast<int>(fp_image_get_height(image));
  FingerprintImage out;
  if (data != nullptr && length >= static_cast<gsize>(width) * height) {
    out.image = cv::Mat(height, width, CV_8UC1, const_cast<guchar*>(data)).clone();
  }
  const double ppmm = fp_image_get_ppmm(image);
  out.ppi = ppmm > 0 ? ppmm * 25.4 : 500;
  g_object_unref(image);
  if (out.image.empty()) {
    return Fail(Error(ErrorCode::kIo, N_("The fingerprint sensor failed."), "empty image"));
  }
  return out;
}

void LibfprintSensor::Cancel() {
  std::lock_guard lock(impl_->cancel_mutex);
  if (impl_->cancellable != nullptr) g_cancellable_cancel(impl_->cancellable);
}

void LibfprintSensor::Close() {
  if (impl_->device == nullptr) return;
  ThreadDefaultContext scope(impl_->context);
  if (fp_device_is_open(impl_->device)) {
    PendingCall call;
    GCancellable* cancellable = impl_->BeginOperation();
    fp_device_close(impl_->device, nullptr, &PendingCall::Done, &call);
    impl_->Wait(call, cancellable, std::chrono::seconds(5));
    impl_->EndOperation();
    GError* error = nullptr;
    if (!fp_device_close_finish(impl_->device, call.result, &error)) g_error_free(error);  // removed: nothing to close
  }
  g_clear_object(&impl_->device);
}

}  // namespace kiosk::drivers
