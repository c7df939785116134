#pragma once
// Drives the station's real windows in-process (UI tests, the demo walk-through) under Xvfb:
// one wx app for the process, an event loop pumped until a condition holds, widgets found by
// name, text typed with SetValue (Vietnamese text does not go through the key simulator), clicks
// through wxUIActionSimulator, screenshots saved as PNG.

#include <wx/app.h>
#include <wx/button.h>
#include <wx/dcclient.h>
#include <wx/dcmemory.h>
#include <wx/evtloop.h>
#include <wx/image.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>
#include <wx/uiaction.h>
#include <wx/window.h>

#include <chrono>
#include <filesystem>
#include <functional>
#include <string>
#include <thread>

namespace kiosk::ui {

class WxHarness {
 public:
  // Starts wx once for the process (GTK needs $DISPLAY: the test runs under xvfb-run).
  static bool Start();

  // Pumps events until pred() holds or timeout passes; returns pred().
  static bool PumpUntil(const std::function<bool()>& pred,
                        std::chrono::milliseconds timeout = std::chrono::seconds(10));
  static void Pump(std::chrono::milliseconds duration = std::chrono::milliseconds(100));

  template <class T = wxWindow>
  static T* Find(const std::string& name, wxWindow* parent = nullptr) {
    return dynamic_cast<T*>(wxWindow::FindWindowByName(name, parent));
  }
  static bool IsVisible(const std::string& name, wxWindow* parent = nullptr);
  static void Type(const std::string& name, const std::string& utf8, wxWindow* parent = nullptr);
  // Clicks the button with the mouse (wxUIActionSimulator).
  static bool Click(const std::string& name, wxWindow* parent = nullptr);
  static std::string Label(const std::string& name, wxWindow* parent = nullptr);
  // Saves the window as <dir>/<file>.png; returns the path.
  static std::filesystem::path Screenshot(wxWindow* window, const std::string& file);
  static std::filesystem::path ScreenshotDir();
};

}  // namespace kiosk::ui
