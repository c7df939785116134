#pragma once
// Renders QR codes the way a printed card shows them, for decoder tests and synthetic papers.

#include <string_view>

#include <opencv2/core.hpp>

namespace kiosk::papers {

// An 8-bit grey image: black modules on white, module_px pixels per module, a quiet zone of
// quiet_modules modules. Byte mode, error correction level M (as on the CCCD). Empty on failure.
cv::Mat RenderQr(std::string_view text, int module_px = 6, int quiet_modules = 4);

}  // namespace kiosk::papers
