#include "ui/station/receipt_render.h"

#include <cairo-pdf.h>
#include <cairo.h>
#include <pango/pangocairo.h>
#include <qrencode.h>

#include <memory>
#include <string>

#include "kiosk/core/i18n.h"

namespace kiosk::ui {

namespace {

constexpr double kMargin = 56;  // points (~20 mm)
constexpr double kQrSize = 120;
// DejaVu and Noto both cover Vietnamese; fontconfig picks what is installed.
constexpr const char* kFontFamily = "DejaVu Sans, Noto Sans, sans-serif";

struct CairoDeleter {
  void operator()(cairo_t* cr) const { cairo_destroy(cr); }
  void operator()(cairo_surface_t* s) const { cairo_surface_destroy(s); }
  void operator()(PangoLayout* l) const { g_object_unref(l); }
  void operator()(PangoFontDescription* f) const { pango_font_description_free(f); }
  void operator()(QRcode* q) const { QRcode_free(q); }
};
template <class T>
using Owned = std::unique_ptr<T, CairoDeleter>;

// Draws text from (x, y) wrapped at width; returns the height used, in points.
double Text(cairo_t* cr, const std::string& utf8, double x, double y, double width, double size,
            bool bold = false, PangoAlignment align = PANGO_ALIGN_LEFT) {
  Owned<PangoLayout> layout(pango_cairo_create_layout(cr));
  Owned<PangoFontDescription> font(pango_font_description_from_string(kFontFamily));
  pango_font_description_set_absolute_size(font.get(), size * PANGO_SCALE);
  pango_font_description_set_weight(font.get(), bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
  pango_layout_set_font_description(layout.get(), font.get());
  pango_layout_set_width(layout.get(), static_cast<int>(width * PANGO_SCALE));
  pango_layout_set_wrap(layout.get(), PANGO_WRAP_WORD_CHAR);
  pango_layout_set_alignment(layout.get(), align);
  pango_layout_set_text(layout.get(), utf8.c_str(), static_cast<int>(utf8.size()));
  cairo_move_to(cr, x, y);
  pango_cairo_show_layout(cr, layout.get());
  int w = 0, h = 0;
  pango_layout_get_size(layout.get(), &w, &h);
  return static_cast<double>(h) / PANGO_SCALE;
}

// A label in grey above its value: returns the height used.
double Field(cairo_t* cr, std::string_view label, const std::string& value, double x, double y,
             double width) {
  cairo_set_source_rgb(cr, 0.35, 0.35, 0.35);
  double h = Text(cr, i18n::tr(label), x, y, width, 9);
  cairo_set_source_rgb(cr, 0, 0, 0);
  h += Text(cr, value.empty() ? "—" : value, x, y + h + 1, width, 12, true);
  return h + 10;
}

void DrawQr(cairo_t* cr, const std::string& payload, double x, double y, double size) {
  Owned<QRcode> qr(QRcode_encodeString(payload.c_str(), 0, QR_ECLEVEL_M, QR_MODE_8, 1));
  if (!qr) return;
  const int quiet = 2;  // the page's white around it completes the quiet zone
  const double module = size / (qr->width + 2 * quiet);
  cairo_set_source_rgb(cr, 0, 0, 0);
  for (int row = 0; row < qr->width; ++row) {
    for (int col = 0; col < qr->width; ++col) {
      if (qr->data[row * qr->width + col] & 1) {
        cairo_rectangle(cr, x + (col + quiet) * module, y + (row + quiet) * module, module, module);
      }
    }
  }
  cairo_fill(cr);
}

void Draw(cairo_t* cr, const documents::Receipt& r) {
  const double width = kReceiptPageWidthPt - 2 * kMargin;
  const double left_width = width - kQrSize - 16;
  double y = kMargin;
  cairo_set_source_rgb(cr, 0.35, 0.35, 0.35);
  y += Text(cr, i18n::tr("Level-2 electronic identity account (VNeID)"), kMargin, y, left_width, 10);
  cairo_set_source_rgb(cr, 0, 0, 0);
  y += Text(cr, i18n::tr("RECEIPT OF THE APPLICATION"), kMargin, y + 4, left_width, 20, true) + 12;
  cairo_set_source_rgb(cr, 0.35, 0.35, 0.35);
  y += Text(cr, i18n::tr("Record number"), kMargin, y, left_width, 10);
  cairo_set_source_rgb(cr, 0, 0, 0);
  y += Text(cr, r.record_number, kMargin, y + 2, left_width, 15, true) + 12;

  DrawQr(cr, r.qr_payload, kReceiptPageWidthPt - kMargin - kQrSize, kMargin, kQrSize);
  cairo_set_source_rgb(cr, 0.35, 0.35, 0.35);
  Text(cr, i18n::tr("Scan to check the processing status"), kReceiptPageWidthPt - kMargin - kQrSize,
       kMargin + kQrSize + 2, kQrSize, 8, false, PANGO_ALIGN_CENTER);
  y = std::max(y, kMargin + kQrSize + 30);

  cairo_set_source_rgb(cr, 0.6, 0.6, 0.6);
  cairo_set_line_width(cr, 0.8);
  cairo_move_to(cr, kMargin, y);
  cairo_line_to(cr, kMargin + width, y);
  cairo_stroke(cr);
  y += 12;

  const double half = (width - 16) / 2;
  const double right = kMargin + half + 16;
  double left_y = y, right_y = y;
  left_y += Field(cr, N_("Citizen"), r.citizen_name, kMargin, left_y, half);
  left_y += Field(cr, N_("ID number"), r.masked_id, kMargin, left_y, half);
  right_y += Field(cr, N_("Received at"), r.issued_at, right, right_y, half);
  right_y += Field(cr, N_("Station"), r.station_id, right, right_y, half);
  right_y += Field(cr, N_("Officer"), r.officer, right, right_y, half);
  y = std::max(left_y, right_y) + 6;

  cairo_set_source_rgb(cr, 0.35, 0.35, 0.35);
  y += Text(cr, i18n::tr("Received"), kMargin, y, width, 9) + 2;
  cairo_set_source_rgb(cr, 0, 0, 0);
  y += Text(cr, "• " + i18n::tr("Chip ID card (CCCD), portrait and fingerprints"), kMargin + 8, y,
            width - 8, 11);
  for (const auto& paper : r.papers) {
    std::string line = "• " + i18n::tr(paper.title);
    if (paper.original_sighted) line += " — " + i18n::tr("original sighted");
    y += Text(cr, line, kMargin + 8, y, width - 8, 11);
  }
  if (r.papers.empty()) {
    y += Text(cr, "• " + i18n::tr("No papers to integrate"), kMargin + 8, y, width - 8, 11);
  }
  y += 14;
  cairo_set_source_rgb(cr, 0.35, 0.35, 0.35);
  y += Text(cr, i18n::tr("What happens next"), kMargin, y, width, 9) + 2;
  cairo_set_source_rgb(cr, 0, 0, 0);
  y += Text(cr, i18n::tr(documents::ReceiptNextSteps()), kMargin, y, width, 11) + 36;

  Text(cr, i18n::tr("Receiving officer"), kMargin + half + 16, y, half, 10, true, PANGO_ALIGN_CENTER);
  Text(cr, i18n::tr("(signature)"), kMargin + half + 16, y + 14, half, 9, false, PANGO_ALIGN_CENTER);
}

}  // namespace

Result<void> WriteReceiptPdf(const documents::Receipt& receipt, const std::filesystem::path& file) {
  Owned<cairo_surface_t> surface(
      cairo_pdf_surface_create(file.c_str(), kReceiptPageWidthPt, kReceiptPageHeightPt));
  if (cairo_surface_status(surface.get()) != CAIRO_STATUS_SUCCESS) {
    return Fail(Error::Io(N_("The receipt could not be saved."), file.string()));
  }
  cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_TITLE,
                                 i18n::tr("RECEIPT OF THE APPLICATION").c_str());
  {
    Owned<cairo_t> cr(cairo_create(surface.get()));
    Draw(cr.get(), receipt);
    cairo_show_page(cr.get());
  }
  cairo_surface_finish(surface.get());
  if (cairo_surface_status(surface.get()) != CAIRO_STATUS_SUCCESS) {
    return Fail(Error::Io(N_("The receipt could not be saved."),
                          cairo_status_to_string(cairo_surface_status(surface.get()))));
  }
  return {};
}

Result<ReceiptBitmap> RenderReceiptBitmap(const documents::Receipt& receipt, double dpi) {
  if (dpi < 20 || dpi > 600) return Fail(Error::InvalidArgument("Unsupported resolution.", "dpi"));
  const double scale = dpi / 72.0;
  ReceiptBitmap out;
  out.width = static_cast<int>(kReceiptPageWidthPt * scale);
  out.height = static_cast<int>(kReceiptPageHeightPt * scale);
  Owned<cairo_surface_t> surface(cairo_image_surface_create(CAIRO_FORMAT_RGB24, out.width, out.height));
  if (cairo_surface_status(surface.get()) != CAIRO_STATUS_SUCCESS) {
    return Fail(Error::Internal("cairo image surface"));
  }
  {
    Owned<cairo_t> cr(cairo_create(surface.get()));
    cairo_set_source_rgb(cr.get(), 1, 1, 1);
    cairo_paint(cr.get());
    cairo_scale(cr.get(), scale, scale);
    Draw(cr.get(), receipt);
  }
  cairo_surface_flush(surface.get());
  const unsigned char* data = cairo_image_surface_get_data(surface.get());
  const int stride = cairo_image_surface_get_stride(surface.get());
  out.rgb.resize(static_cast<size_t>(out.width) * static_cast<size_t>(out.height) * 3);
  for (int y = 0; y < out.height; ++y) {
    // RGB24 pixels are native-endian 32-bit words 0x00RRGGBB.
    const auto* row = reinterpret_cast<const uint32_t*>(data + static_cast<size_t>(y) * static_cast<size_t>(stride));
    uint8_t* dst = out.rgb.data() + static_cast<size_t>(y) * static_cast<size_t>(out.width) * 3;
    for (int x = 0; x < out.width; ++x) {
      const uint32_t p = row[x];
      dst[3 * x] = static_cast<uint8_t>(p >> 16);
      dst[3 * x + 1] = static_cast<uint8_t>(p >> 8);
      dst[3 * x + 2] = static_cast<uint8_t>(p);
    }
  }
  return out;
}

}  // namespace kiosk::ui
