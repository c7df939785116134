#include "ui/station/review_page.h"

#include <wx/button.h>
#include <wx/sizer.h>
#include <wx/stattext.h>

#include <chrono>

#include "kiosk/core/i18n.h"
#include "kiosk/documents/paper.h"
#include "kiosk/documents/receipt.h"
#include "ui/station/receipt_print.h"
#include "ui/station/wx_text.h"

namespace kiosk::ui {
namespace {

std::string YesNo(bool yes) { return i18n::tr(yes ? "yes" : "no"); }

// What the record holds, in lines the officer reads before sealing.
std::string Summary(const enrollment::Enrollment& e) {
  std::string out;
  auto line = [&out](std::string_view label, const std::string& value) {
    out += i18n::tr(label) + ": " + (value.empty() ? "—" : value) + "\n";
  };
  std::string name, id;
  for (auto source : {identity::IdentitySource::kChip, identity::IdentitySource::kQr,
                      identity::IdentitySource::kTyped}) {
    auto it = e.identity.sources.find(source);
    if (it == e.identity.sources.end()) continue;
    if (name.empty()) name = it->second.full_name;
    if (id.empty()) id = it->second.id_number;
  }
  line(N_("Full name"), name);
  line(N_("ID number"), id);
  if (e.identity.chip) {
    const bool verified = e.identity.chip->passive_authentication == "valid";
    line(N_("Chip"), i18n::tr(verified ? N_("read and verified") : N_("read, not verified")));
  } else {
    line(N_("Chip"), e.identity.chip_exception.empty()
                         ? i18n::tr("not read")
                         : i18n::tr("not read") + " (" + e.identity.chip_exception + ")");
  }
  line(N_("Portrait"), YesNo(e.portrait.confirmed));
  size_t prints = 0, exceptions = 0;
  for (const auto& [finger, item] : e.fingers) {
    prints += item.image ? 1 : 0;
    exceptions += item.exception ? 1 : 0;
  }
  line(N_("Fingerprints"), FormatMessage(i18n::tr("{0} captured, {1} exceptions"),
                                         {std::to_string(prints), std::to_string(exceptions)}));
  std::string papers;
  for (const auto& paper : e.papers) {
    auto type = documents::ParsePaperType(paper.type);
    if (!papers.empty()) papers += "; ";
    papers += type ? i18n::tr(documents::Title(*type)) : paper.type;
    if (paper.original_sighted) papers += " (" + i18n::tr("original sighted") + ")";
  }
  line(N_("Papers"), papers.empty() ? i18n::tr("none") : papers);
  line(N_("Mobile phone"), e.contact.phone_e164);
  if (!e.contact.email.empty()) line(N_("Email"), e.contact.email);
  line(N_("Consent"), YesNo(e.contact.consent));
  return out;
}

class ReviewPage final : public StepPage {
 public:
  ReviewPage(wxWindow* parent, WizardController& wizard, const Clock* /*clock*/)
      : StepPage(parent), wizard_(wizard) {
    SetName("review-page");
    auto* column = new wxBoxSizer(wxVERTICAL);
    review_ = new wxStaticText(this, wxID_ANY,
                               Tr("Check every step, then seal the record: it cannot be changed afterwards."));
    review_->SetName("review");
    summary_ = new wxStaticText(this, wxID_ANY, "");
    summary_->SetName("review-summary");
    seal_ = labels_.Control(new wxButton(this, wxID_ANY, ""), N_("Seal the record"));
    seal_->SetName("seal");
    column->Add(review_, 0, wxBOTTOM, 12);
    column->Add(summary_, 0, wxBOTTOM, 12);
    column->Add(seal_, 0);

    record_ = new wxStaticText(this, wxID_ANY, "");
    record_->SetName("record-number");
    record_->SetFont(record_->GetFont().Scaled(2.2f).Bold());
    auto* actions = new wxBoxSizer(wxHORIZONTAL);
    preview_ = labels_.Control(new wxButton(this, wxID_ANY, ""), N_("Preview receipt"));
    preview_->SetName("preview-receipt");
    print_ = labels_.Control(new wxButton(this, wxID_ANY, ""), N_("Print receipt"));
    print_->SetName("print-receipt");
    next_ = labels_.Control(new wxButton(this, wxID_ANY, ""), N_("Start the next enrollment"));
    next_->SetName("next-enrollment");
    actions->Add(preview_, 0, wxRIGHT, 12);
    actions->Add(print_, 0, wxRIGHT, 12);
    actions->Add(next_, 0);
    status_ = new wxStaticText(this, wxID_ANY, "");
    status_->SetName("receipt-status");
    column->Add(record_, 0, wxTOP | wxBOTTOM, 12);
    column->Add(actions, 0, wxBOTTOM, 8);
    column->Add(status_, 0);
    SetSizer(column);
    ShowSealedState(false);

    seal_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { wizard_.Seal(); });
    preview_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) {
      if (!receipt_) return;
      if (auto shown = ShowReceiptPreview(this, *receipt_); !shown) Status(UiText::Of(shown.error()));
    });
    print_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) {
      if (!receipt_) return;
      auto printed = PrintReceipt(this, *receipt_);
      Status(printed ? *printed : UiText::Of(printed.error()));
    });
    next_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { wizard_.BeginNext(); });
  }

  void ShowEnrollment(const enrollment::Enrollment& e) override {
    if (sealed_ && e.draft_id != last_.draft_id) ShowSealedState(false);  // the next citizen
    last_ = e;
    if (!sealed_) {
      summary_->SetLabel(Wx(Summary(e)));
      Layout();
    }
  }

  // Sealing cannot be undone: Enter only takes the officer to the seal button (a second Enter
  // presses it). After sealing the focused receipt button answers Enter itself.
  bool DefaultAction() override {
    if (!sealed_) seal_->SetFocus();
    return true;
  }
  void FocusFirst() override {
    if (sealed_) {
      (preview_->IsShown() ? preview_ : next_)->SetFocus();
    } else {
      SetFocus();
    }
  }

  void ShowSealed(const std::string& record_number) override {
    record_number_ = record_number;
    review_->SetLabel(Wx(FormatMessage(i18n::tr("Sealed: record {0} joins today's batch."), {record_number})));
    record_->SetLabel(Wx(record_number));
    // The visit made the receipt when it sealed (enrollment::Visit::Seal).
    receipt_ = wizard_.receipt();
    ShowSealedState(true);
    preview_->SetFocus();
  }

 protected:
  void RelabelStatus() override {
    if (sealed_) {
      review_->SetLabel(Wx(FormatMessage(i18n::tr("Sealed: record {0} joins today's batch."), {record_number_})));
      if (!status_->GetLabel().empty()) RenderStatus();
    } else {
      review_->SetLabel(Tr("Check every step, then seal the record: it cannot be changed afterwards."));
      summary_->SetLabel(Wx(Summary(last_)));
    }
  }

 private:
  void ShowSealedState(bool sealed) {
    sealed_ = sealed;
    if (!sealed) {
      receipt_.reset();
      review_->SetLabel(Tr("Check every step, then seal the record: it cannot be changed afterwards."));
      status_->SetLabel("");
    }
    summary_->Show(!sealed);
    seal_->Show(!sealed);
    record_->Show(sealed);
    preview_->Show(sealed && receipt_.has_value());
    print_->Show(sealed && receipt_.has_value());
    next_->Show(sealed);
    Layout();
  }

  void Status(const UiText& text) {
    status_text_ = text;
    RenderStatus();
    Layout();
  }
  void RenderStatus() {
    status_->SetLabel(Wx(status_text_.Render()));
    status_->Wrap(720);
  }

  WizardController& wizard_;
  enrollment::Enrollment last_;
  std::optional<documents::Receipt> receipt_;
  bool sealed_ = false;
  std::string record_number_;
  wxStaticText* review_;
  wxStaticText* summary_;
  wxButton* seal_;
  wxStaticText* record_;
  wxButton* preview_;
  wxButton* print_;
  wxButton* next_;
  wxStaticText* status_;
  UiText status_text_;  // the receipt's last news, rendered again after a language switch
};

}  // namespace

StepPage* MakeReviewPage(wxWindow* parent, WizardController& wizard, const StationServices& services) {
  return new ReviewPage(parent, wizard, services.clock);
}

}  // namespace kiosk::ui
