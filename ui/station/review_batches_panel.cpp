#include "ui/station/review_batches_panel.h"

#include <wx/image.h>

#include <algorithm>

#include "ui/station/wx_text.h"

namespace kiosk::ui {

wxBitmap BitmapOf(const cv::Mat& bgr, int max_w, int max_h) {
  if (bgr.empty() || bgr.type() != CV_8UC3) return wxBitmap();
  wxImage image(bgr.cols, bgr.rows, false);
  unsigned char* rgb = image.GetData();
  for (int y = 0; y < bgr.rows; ++y) {
    const auto* row = bgr.ptr<cv::Vec3b>(y);
    for (int x = 0; x < bgr.cols; ++x) {
      *rgb++ = row[x][2];
      *rgb++ = row[x][1];
      *rgb++ = row[x][0];
    }
  }
  const double scale = std::min({1.0, static_cast<double>(max_w) / bgr.cols,
                                 static_cast<double>(max_h) / bgr.rows});
  if (scale < 1.0) {
    image.Rescale(std::max(1, static_cast<int>(bgr.cols * scale)),
                  std::max(1, static_cast<int>(bgr.rows * scale)), wxIMAGE_QUALITY_HIGH);
  }
  return wxBitmap(image);
}

namespace {

wxButton* NamedButton(wxWindow* parent, const char* msgid, const char* name) {
  auto* b = new wxButton(parent, wxID_ANY, Tr(msgid));
  b->SetName(name);
  return b;
}

constexpr int kPhotoW = 240, kPhotoH = 300;

}  // namespace

ReviewBatchesPanel::ReviewBatchesPanel(wxWindow* parent, batch::Records& records,
                                       TaskRunner& runner, const auth::Session& supervisor)
    : wxPanel(parent, wxID_ANY), controller_(*this, runner, records, supervisor) {
  auto* outer = new wxBoxSizer(wxHORIZONTAL);

  auto* left = new wxBoxSizer(wxVERTICAL);
  left->Add(new wxStaticText(this, wxID_ANY, Tr("Batches")), 0, wxBOTTOM, 4);
  batch_list_ = new wxListBox(this, wxID_ANY, wxDefaultPosition, wxSize(360, 120));
  batch_list_->SetName("batches");
  left->Add(batch_list_, 0, wxEXPAND | wxBOTTOM, 8);
  attention_ = new wxCheckBox(this, wxID_ANY, Tr("Only records needing attention"));
  attention_->SetName("needs-attention");
  left->Add(attention_, 0, wxBOTTOM, 8);
  left->Add(new wxStaticText(this, wxID_ANY, Tr("Records")), 0, wxBOTTOM, 4);
  record_list_ = new wxListBox(this, wxID_ANY, wxDefaultPosition, wxSize(360, 260));
  record_list_->SetName("records");
  left->Add(record_list_, 1, wxEXPAND | wxBOTTOM, 8);
  auto* batch_buttons = new wxBoxSizer(wxHORIZONTAL);
  approve_all_ = NamedButton(this, "Approve all without flags", "approve-all");
  sign_ = NamedButton(this, "Sign the batch", "sign-batch");
  batch_buttons->Add(approve_all_, 0, wxRIGHT, 8);
  batch_buttons->Add(sign_, 0);
  left->Add(batch_buttons, 0, wxBOTTOM, 8);
  info_ = new wxStaticText(this, wxID_ANY, "");
  info_->SetName("review-info");
  info_->SetForegroundColour(wxColour(0, 110, 50));
  error_ = new wxStaticText(this, wxID_ANY, "");
  error_->SetName("review-error");
  error_->SetForegroundColour(wxColour(176, 0, 32));
  left->Add(info_, 0, wxBOTTOM, 4);
  left->Add(error_, 0);

  auto* right = new wxBoxSizer(wxVERTICAL);
  detail_title_ = new wxStaticText(this, wxID_ANY, "");
  detail_title_->SetName("detail-title");
  detail_title_->SetFont(detail_title_->GetFont().Scaled(1.4f).Bold());
  detail_body_ = new wxStaticText(this, wxID_ANY, "");
  detail_body_->SetName("detail-body");
  flags_ = new wxStaticText(this, wxID_ANY, "");
  flags_->SetName("detail-flags");
  flags_->SetForegroundColour(wxColour(170, 90, 0));
  auto* photos = new wxBoxSizer(wxHORIZONTAL);
  portrait_ = new wxStaticBitmap(this, wxID_ANY, wxBitmap(), wxDefaultPosition, wxSize(kPhotoW, kPhotoH));
  portrait_->SetName("detail-portrait");
  chip_photo_ = new wxStaticBitmap(this, wxID_ANY, wxBitmap(), wxDefaultPosition, wxSize(kPhotoW, kPhotoH));
  chip_photo_->SetName("detail-chip-photo");
  photos->Add(portrait_, 0, wxRIGHT, 12);
  photos->Add(chip_photo_, 0);
  reason_ = new wxTextCtrl(this, wxID_ANY, "", wxDefaultPosition, wxSize(420, -1));
  reason_->SetName("reject-reason");
  auto* decide = new wxBoxSizer(wxHORIZONTAL);
  approve_ = NamedButton(this, "Approve", "approve");
  reject_ = NamedButton(this, "Reject", "reject");
  decide->Add(approve_, 0, wxRIGHT, 8);
  decide->Add(reject_, 0);
  right->Add(detail_title_, 0, wxBOTTOM, 8);
  right->Add(detail_body_, 0, wxBOTTOM, 8);
  right->Add(flags_, 0, wxBOTTOM, 8);
  right->Add(photos, 0, wxBOTTOM, 12);
  right->Add(new wxStaticText(this, wxID_ANY, Tr("Reason (required to reject)")), 0, wxBOTTOM, 4);
  right->Add(reason_, 0, wxBOTTOM, 8);
  right->Add(decide, 0);

  outer->Add(left, 0, wxEXPAND | wxRIGHT, 24);
  outer->Add(right, 1, wxEXPAND);
  SetSizer(outer);

  batch_list_->Bind(wxEVT_LISTBOX, [this](wxCommandEvent& e) {
    const int i = e.GetSelection();
    if (i >= 0 && i < static_cast<int>(batches_.size())) controller_.SelectBatch(batches_[static_cast<size_t>(i)].id);
  });
  record_list_->Bind(wxEVT_LISTBOX, [this](wxCommandEvent&) {
    if (auto number = SelectedRecord(); !number.empty()) controller_.SelectRecord(number);
  });
  attention_->Bind(wxEVT_CHECKBOX, [this](wxCommandEvent& e) {
    controller_.SetNeedsAttentionOnly(e.IsChecked());
  });
  approve_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) {
    if (auto number = SelectedRecord(); !number.empty()) controller_.Approve(number);
  });
  reject_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) {
    if (auto number = SelectedRecord(); !number.empty()) controller_.Reject(number, Utf8(reason_->GetValue()));
  });
  approve_all_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { controller_.ApproveAllUnflagged(); });
  sign_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { controller_.SignBatch(); });
  ClearDetail();
  controller_.Load();
}

std::string ReviewBatchesPanel::SelectedRecord() const {
  const int i = record_list_->GetSelection();
  if (i < 0 || i >= static_cast<int>(records_.size())) return {};
  return records_[static_cast<size_t>(i)].record_number;
}

void ReviewBatchesPanel::SetBusy(bool busy) {
  approve_all_->Enable(!busy);
  sign_->Enable(!busy);
  approve_->Enable(!busy && can_decide_);
  reject_->Enable(!busy && can_decide_);
  if (busy) error_->SetLabel("");
}

void ReviewBatchesPanel::ShowError(const std::string& text) {
  info_->SetLabel("");
  error_->SetLabel(Wx(text));
  error_->Wrap(360);
  Layout();
}

void ReviewBatchesPanel::ShowBatches(const std::vector<BatchRow>& batches, int selected) {
  batches_ = batches;
  batch_list_->Clear();
  for (const auto& b : batches) batch_list_->Append(Wx(b.label));
  if (batches.empty()) batch_list_->Append(Tr("No batch yet: nothing was sealed."));
  if (selected >= 0) batch_list_->SetSelection(selected);
}

void ReviewBatchesPanel::ShowRecords(const std::vector<RecordRow>& records) {
  const std::string keep = SelectedRecord();
  records_ = records;
  record_list_->Clear();
  for (const auto& r : records) record_list_->Append(Wx(r.label));
  for (size_t i = 0; i < records.size(); ++i) {
    if (records[i].record_number == keep) record_list_->SetSelection(static_cast<int>(i));
  }
  Layout();
}

void ReviewBatchesPanel::ShowDetail(const RecordDetail& d) {
  detail_title_->SetLabel(Wx(d.record_number) + Wx(" — ") + Wx(d.status));
  wxString body = Wx(d.sealed);
  if (!d.full_name.empty() || !d.id_number.empty()) {
    body += "\n" + Tr("Citizen:") + " " + Wx(d.full_name) + Wx(" — ") + Wx(d.id_number);
  }
  if (!d.chip_verdict.empty()) body += "\n" + Tr("Chip:") + " " + Wx(d.chip_verdict);
  for (const auto& e : d.exceptions) body += "\n• " + Wx(e);
  detail_body_->SetLabel(body);
  wxString flags;
  for (const auto& f : d.flags) flags += (flags.empty() ? wxString() : wxString("\n")) + "⚠ " + Wx(f);
  flags_->SetLabel(flags.empty() ? Tr("No review flags.") : flags);
  portrait_->SetBitmap(BitmapOf(d.portrait, kPhotoW, kPhotoH));
  chip_photo_->SetBitmap(BitmapOf(d.chip_photo, kPhotoW, kPhotoH));
  portrait_->SetToolTip(Tr("Portrait taken at the station"));
  chip_photo_->SetToolTip(Tr("Photo from the chip"));
  can_decide_ = d.can_decide;
  approve_->Enable(d.can_decide);
  reject_->Enable(d.can_decide);
  Layout();
}

void ReviewBatchesPanel::ClearDetail() {
  detail_title_->SetLabel(Tr("Choose a record to see its detail."));
  detail_body_->SetLabel("");
  flags_->SetLabel("");
  portrait_->SetBitmap(wxBitmap());
  chip_photo_->SetBitmap(wxBitmap());
  reason_->Clear();
  can_decide_ = false;  // until a record still awaiting a decision is shown
  approve_->Disable();
  reject_->Disable();
  Layout();
}

void ReviewBatchesPanel::ShowInfo(const std::string& text) {
  error_->SetLabel("");
  info_->SetLabel(Wx(text));
  Layout();
}

}  // namespace kiosk::ui
