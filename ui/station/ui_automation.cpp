#include "ui/station/ui_automation.h"

#include <cstdlib>

namespace kiosk::ui {
namespace {

class TestApp final : public wxApp {
 public:
  bool OnInit() override { return true; }
};

wxEventLoop* g_loop = nullptr;

}  // namespace

bool WxHarness::Start() {
  if (wxTheApp != nullptr) return true;
  wxApp::SetInstance(new TestApp);
  static int argc = 1;
  static char arg0[] = "kiosk-station";
  static char* argv[] = {arg0, nullptr};
  if (!wxEntryStart(argc, argv)) return false;
  if (!wxTheApp->CallOnInit()) return false;
  wxInitAllImageHandlers();
  g_loop = new wxEventLoop;
  wxEventLoopBase::SetActive(g_loop);
  return true;
}

bool WxHarness::PumpUntil(const std::function<bool()>& pred, std::chrono::milliseconds timeout) {
  auto deadline = std::chrono::steady_clock::now() + timeout;
  while (!pred()) {
    if (std::chrono::steady_clock::now() > deadline) return false;
    wxTheApp->ProcessPendingEvents();
    g_loop->YieldFor(wxEVT_CATEGORY_ALL);
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return true;
}

void WxHarness::Pump(std::chrono::milliseconds duration) {
  auto until = std::chrono::steady_clock::now() + duration;
  PumpUntil([until] { return std::chrono::steady_clock::now() > until; }, duration * 2);
}

bool WxHarness::IsVisible(const std::string& name, wxWindow* parent) {
  wxWindow* w = wxWindow::FindWindowByName(name, parent);
  return w != nullptr && w->IsShownOnScreen();
}

void WxHarness::Type(const std::string& name, const std::string& utf8, wxWindow* parent) {
  auto* field = Find<wxTextCtrl>(name, parent);
  if (field != nullptr) field->SetValue(wxString::FromUTF8(utf8));
}

bool WxHarness::Click(const std::string& name, wxWindow* parent) {
  auto* button = Find<wxButton>(name, parent);
  if (button == nullptr || !button->IsShownOnScreen()) return false;
  wxUIActionSimulator sim;
  wxPoint centre = button->GetScreenPosition() + button->GetSize() / 2;
  sim.MouseMove(centre);
  Pump(std::chrono::milliseconds(50));
  sim.MouseClick();
  Pump(std::chrono::milliseconds(50));
  return true;
}

std::string WxHarness::Label(const std::string& name, wxWindow* parent) {
  wxWindow* w = wxWindow::FindWindowByName(name, parent);
  return w == nullptr ? std::string() : std::string(w->GetLabel().utf8_str());
}

std::filesystem::path WxHarness::ScreenshotDir() {
  const char* dir = std::getenv("KIOSK_SCREENSHOT_DIR");
  std::filesystem::path out = dir != nullptr ? dir : std::filesystem::temp_directory_path();
  std::filesystem::create_directories(out);
  return out;
}

std::filesystem::path WxHarness::Screenshot(wxWindow* window, const std::string& file) {
  Pump(std::chrono::milliseconds(200));  // let GTK paint
  wxSize size = window->GetClientSize();
  wxBitmap bitmap(size.x, size.y);
  wxMemoryDC memory(bitmap);
  wxClientDC client(window);
  memory.Blit(0, 0, size.x, size.y, &client, 0, 0);
  memory.SelectObject(wxNullBitmap);
  std::filesystem::path path = ScreenshotDir() / (file + ".png");
  bitmap.SaveFile(wxString::FromUTF8(path.string()), wxBITMAP_TYPE_PNG);
  return path;
}

}  // namespace kiosk::ui
