#include "ui/station/receipt_print.h"

#include <wx/bitmap.h>
#include <wx/button.h>
#include <wx/dcmemory.h>
#include <wx/dialog.h>
#include <wx/image.h>
#include <wx/print.h>
#include <wx/scrolwin.h>
#include <wx/sizer.h>
#include <wx/statbmp.h>

#include <cstdlib>
#include <cstring>
#include <filesystem>

#include "kiosk/core/paths.h"
#include "ui/station/receipt_render.h"
#include "ui/station/wx_text.h"

namespace kiosk::ui {

namespace {

Result<wxBitmap> ReceiptAsBitmap(const documents::Receipt& receipt, double dpi) {
  auto rendered = RenderReceiptBitmap(receipt, dpi);
  if (!rendered) return Fail(rendered.error());
  // wxImage takes ownership of malloc'ed pixels.
  auto* pixels = static_cast<unsigned char*>(std::malloc(rendered->rgb.size()));
  if (pixels == nullptr) return Fail(Error::Internal("out of memory"));
  std::memcpy(pixels, rendered->rgb.data(), rendered->rgb.size());
  wxImage image(rendered->width, rendered->height, pixels);
  return wxBitmap(image);
}

// Draws the rendered page scaled to the paper.
class ReceiptPrintout final : public wxPrintout {
 public:
  explicit ReceiptPrintout(const documents::Receipt& receipt)
      : wxPrintout(Tr("Receipt")), receipt_(receipt) {}

  bool HasPage(int page) override { return page == 1; }
  void GetPageInfo(int* min, int* max, int* from, int* to) override {
    *min = *max = *from = *to = 1;
  }
  bool OnPrintPage(int) override {
    wxDC* dc = GetDC();
    if (dc == nullptr) return false;
    auto bitmap = ReceiptAsBitmap(receipt_, 200);
    if (!bitmap) return false;
    FitThisSizeToPaper(bitmap->GetSize());
    dc->DrawBitmap(*bitmap, 0, 0);
    return true;
  }

 private:
  documents::Receipt receipt_;
};

}  // namespace

Result<void> ShowReceiptPreview(wxWindow* parent, const documents::Receipt& receipt) {
  auto bitmap = ReceiptAsBitmap(receipt, 96);
  if (!bitmap) return Fail(bitmap.error());
  auto* dialog = new wxDialog(parent, wxID_ANY, Tr("Receipt"), wxDefaultPosition, wxSize(840, 760),
                              wxDEFAULT_DIALOG_STYLE | wxRESIZE_BORDER);
  dialog->SetName("receipt-preview");
  auto* scroll = new wxScrolledWindow(dialog, wxID_ANY);
  scroll->SetName("receipt-page");
  auto* picture = new wxStaticBitmap(scroll, wxID_ANY, *bitmap);
  auto* inner = new wxBoxSizer(wxVERTICAL);
  inner->Add(picture, 0, wxALL, 8);
  scroll->SetSizer(inner);
  scroll->SetScrollRate(0, 20);
  auto* close = new wxButton(dialog, wxID_CLOSE, Tr("Close"));
  close->SetName("receipt-close");
  auto* column = new wxBoxSizer(wxVERTICAL);
  column->Add(scroll, 1, wxEXPAND);
  column->Add(close, 0, wxALIGN_RIGHT | wxALL, 8);
  dialog->SetSizer(column);
  dialog->SetEscapeId(wxID_CLOSE);
  close->Bind(wxEVT_BUTTON, [dialog](wxCommandEvent&) { dialog->Destroy(); });
  dialog->Bind(wxEVT_CLOSE_WINDOW, [dialog](wxCloseEvent&) { dialog->Destroy(); });
  dialog->Show();
  close->SetFocus();
  return {};
}

Result<UiText> PrintReceipt(wxWindow* parent, const documents::Receipt& receipt) {
  if (auto dir = paths::GetEnv("KIOSK_RECEIPT_PRINT_DIR")) {
    std::filesystem::path file = std::filesystem::path(*dir) / (receipt.record_number + ".pdf");
    std::error_code ec;
    std::filesystem::create_directories(file.parent_path(), ec);
    if (auto written = WriteReceiptPdf(receipt, file); !written) return Fail(written.error());
    return UiText::Tr("The receipt was saved as {0}.", std::vector<std::string>{file.string()});
  }
  wxPrinter printer;
  ReceiptPrintout printout(receipt);
  if (!printer.Print(parent, &printout, /*prompt=*/true)) {
    if (wxPrinter::GetLastError() == wxPRINTER_CANCELLED) return UiText::Tr("Printing was cancelled.");
    return Fail(Error::Io(N_("The receipt could not be printed. Check the printer, then print again."),
                          "wxPrinter"));
  }
  return UiText::Tr("The receipt was sent to the printer.");
}

}  // namespace kiosk::ui
