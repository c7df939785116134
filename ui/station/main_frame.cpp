#include "ui/station/main_frame.h"

#include <wx/app.h>
#include <wx/button.h>
#include <wx/sizer.h>

#include <algorithm>

#include "kiosk/core/i18n.h"
#include "ui/station/account_panels.h"
#include "ui/station/dashboard_panel.h"
#include "ui/station/lock_panel.h"
#include "ui/station/review_batches_panel.h"
#include "ui/station/sign_in_panel.h"
#include "ui/station/status_panel.h"
#include "ui/station/wizard_panel.h"
#include "ui/station/wx_task_runner.h"
#include "ui/station/wx_text.h"
#if KIOSK_HAVE_TECHNICIAN_PANEL
#include "ui/station/technician_panel.h"
#endif

namespace kiosk::ui {

namespace {

// How often the inactivity lock is checked; the timeout itself is policy.idle_lock_minutes.
constexpr int kIdleCheckMs = 500;

std::chrono::minutes IdleTimeout(const StationServices& services) {
  return std::chrono::minutes(services.config != nullptr ? services.config->policy.idle_lock_minutes
                                                         : Config::Policy{}.idle_lock_minutes);
}

const Clock& ClockOf(const StationServices& services) {
  return services.clock != nullptr ? *services.clock : SystemClock::Instance();
}

}  // namespace

int MainFrame::ActivityFilter::FilterEvent(wxEvent& event) {
  const wxEventType t = event.GetEventType();
  if (t == wxEVT_KEY_DOWN || t == wxEVT_LEFT_DOWN || t == wxEVT_RIGHT_DOWN ||
      t == wxEVT_MOUSEWHEEL || t == wxEVT_MOTION) {
    if (frame_.idle_ != nullptr) frame_.idle_->Touch();
  }
  return Event_Skip;
}

MainFrame::MainFrame(const StationServices& services, TaskRunner& runner,
                     NavigationModel navigation)
    : wxFrame(nullptr, wxID_ANY, Tr("Level-2 e-ID enrollment station"), wxDefaultPosition,
              wxSize(1280, 800)),
      services_(services),
      directory_(services.directory),
      runner_(runner),
      device_probes_(std::make_unique<WxTaskRunner>()),
      navigation_(std::move(navigation)) {
  SetName("kiosk-station");
  book_ = new wxSimplebook(this, wxID_ANY);
  sign_in_ = new SignInPanel(
      book_, directory_, runner_, [this](const auth::Session& s) { OnSignedIn(s); },
      [this] { Relabel(); });
  book_->AddPage(sign_in_, "sign-in");
  workspace_ = BuildWorkspace(book_);
  book_->AddPage(workspace_, "workspace");
  lock_ = new LockPanel(
      book_, directory_, runner_, [this](const auth::Session& s) { OnUnlocked(s); },
      [this] { SignOut(); });
  book_->AddPage(lock_, "lock");
  CreateStatusBar();

  idle_ = std::make_unique<auth::IdleLock>(ClockOf(services_), IdleTimeout(services_));
  activity_ = std::make_unique<ActivityFilter>(*this);
  wxEvtHandler::AddFilter(activity_.get());
  idle_timer_.Bind(wxEVT_TIMER, [this](wxTimerEvent&) { CheckIdle(); });
  idle_timer_.Start(kIdleCheckMs);
  ShowSignIn();
}

MainFrame::~MainFrame() {
  idle_timer_.Stop();
  wxEvtHandler::RemoveFilter(activity_.get());
  // The dashboard goes before its device-check worker is joined, so a round in flight stops
  // after the device it is checking.
  DropSessionScreens();
}

void MainFrame::Start(const std::string& store_problem) {
  if (directory_ == nullptr) {
    if (!store_problem.empty()) sign_in_->ShowError(store_problem);
    return;
  }
  auto needs = std::make_shared<Result<bool>>(false);
  auto* directory = directory_;
  runner_.Run([directory, needs] { *needs = directory->NeedsBootstrap(); },
              [this, needs] {
                if (*needs && **needs) {
                  ShowPage(new FirstRunPanel(book_, *directory_, runner_, [this] { ShowSignIn(); }));
                  SetStatusText(Tr("First start"));
                }
              });
}

void MainFrame::ShowPage(wxWindow* page) {
  if (transient_ != nullptr) {
    book_->DeletePage(static_cast<size_t>(book_->FindPage(transient_)));
  }
  transient_ = page;
  book_->AddPage(page, "transient");
  book_->ChangeSelection(static_cast<size_t>(book_->FindPage(page)));
  page->SetFocus();  // a panel hands the focus to its first field
}

void MainFrame::OnSignedIn(const auth::Session& session) {
  if (session.must_change_password && directory_ != nullptr) {
    auto* page = new ChangePasswordPanel(book_, *directory_, runner_,
                                         [this](const auth::Session& s) { ShowWorkspace(s); });
    ShowPage(page);
    page->Start(session);
    SetStatusText(Tr("Choose a new password"));
    return;
  }
  ShowWorkspace(session);
}

wxWindow* MainFrame::BuildWorkspace(wxWindow* parent) {
  auto* panel = new wxPanel(parent);
  auto* column = new wxBoxSizer(wxVERTICAL);
  auto* bar = new wxBoxSizer(wxHORIZONTAL);
  who_ = new wxStaticText(panel, wxID_ANY, "");
  who_->SetName("who");
  who_->SetFont(who_->GetFont().Scaled(1.1f).Bold());
  language_ = new wxChoice(panel, wxID_ANY);
  language_->SetName("workspace-language");
  language_->Append(wxString::FromUTF8("Tiếng Việt"));
  language_->Append("English");
  lock_button_ = new wxButton(panel, wxID_ANY, "");
  lock_button_->SetName("lock-now");
  sign_out_ = new wxButton(panel, wxID_ANY, "");
  sign_out_->SetName("sign-out");
  bar->Add(who_, 1, wxALIGN_CENTER_VERTICAL);
  bar->Add(language_, 0, wxALIGN_CENTER_VERTICAL | wxRIGHT, 12);
  bar->Add(lock_button_, 0, wxRIGHT, 8);
  bar->Add(sign_out_, 0);

  auto* row = new wxBoxSizer(wxHORIZONTAL);
  switcher_ = new wxListBox(panel, wxID_ANY, wxDefaultPosition, wxSize(240, -1));
  switcher_->SetName("screens");
  switcher_->SetFont(switcher_->GetFont().Scaled(1.2f));
  screens_ = new wxSimplebook(panel, wxID_ANY);
  enrollment_ = BuildEnrollment(screens_);
  screens_->AddPage(enrollment_, "enrollment");
  row->Add(switcher_, 0, wxEXPAND | wxRIGHT, 16);
  row->Add(screens_, 1, wxEXPAND);
  column->Add(bar, 0, wxEXPAND | wxALL, 12);
  column->Add(row, 1, wxEXPAND | wxLEFT | wxRIGHT | wxBOTTOM, 12);
  panel->SetSizer(column);

  switcher_->Bind(wxEVT_LISTBOX, [this](wxCommandEvent& e) {
    const int i = e.GetSelection();
    if (i >= 0 && i < static_cast<int>(role_screens_.size())) ShowScreen(role_screens_[static_cast<size_t>(i)]);
  });
  language_->Bind(wxEVT_CHOICE, [this](wxCommandEvent& e) {
    SwitchLanguage(e.GetSelection() == 1 ? "en" : "vi");
  });
  lock_button_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { LockNow(); });
  sign_out_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { SignOut(); });
  // Keyboard: Ctrl+1…9 jumps to a screen, Ctrl+L locks; Tab and arrows do the rest.
  panel->Bind(wxEVT_CHAR_HOOK, [this](wxKeyEvent& e) {
    const int key = e.GetKeyCode();
    if (e.ControlDown() && key >= '1' && key <= '9') {
      const size_t i = static_cast<size_t>(key - '1');
      if (i < role_screens_.size()) {
        ShowScreen(role_screens_[i]);
        return;
      }
    }
    if (e.ControlDown() && (key == 'L' || key == 'l')) {
      LockNow();
      return;
    }
    e.Skip();
  });
  return panel;
}

wxWindow* MainFrame::BuildEnrollment(wxWindow* parent) {
  auto* panel = new wxPanel(parent);
  panel->SetName(Wx(ScreenName(Screen::kEnrollment)));
  auto* row = new wxBoxSizer(wxHORIZONTAL);
  rail_ = new wxListBox(panel, wxID_ANY, wxDefaultPosition, wxSize(280, -1));
  rail_->SetName("steps");
  rail_->SetFont(rail_->GetFont().Scaled(1.2f));
  auto* content = new wxBoxSizer(wxVERTICAL);
  step_title_ = new wxStaticText(panel, wxID_ANY, "");
  step_title_->SetFont(step_title_->GetFont().Scaled(1.6f).Bold());
  step_body_ = new wxStaticText(panel, wxID_ANY, "");
  step_body_->SetFont(step_body_->GetFont().Scaled(1.2f));
  if (services_.drafts != nullptr && services_.records != nullptr && services_.clock != nullptr) {
    wizard_ = new WizardPanel(panel, runner_, services_, [this](enrollment::Step step) {
                                navigation_.Select(static_cast<int>(step));
                                if (rail_ != nullptr) rail_->SetSelection(static_cast<int>(step));
                              });
    content->Add(wizard_, 1, wxEXPAND);
    step_title_->Hide();
    step_body_->Hide();
  } else {
    content->Add(step_title_, 0, wxBOTTOM, 12);
    content->Add(step_body_, 1, wxEXPAND);
  }
  row->Add(rail_, 0, wxEXPAND | wxRIGHT, 12);
  row->Add(content, 1, wxEXPAND | wxLEFT, 12);
  panel->SetSizer(row);

  rail_->Bind(wxEVT_LISTBOX, [this](wxCommandEvent& e) {
    if (wizard_ != nullptr) {
      wizard_->controller().GoTo(static_cast<enrollment::Step>(e.GetSelection()));
      return;
    }
    navigation_.Select(e.GetSelection());
    ShowStep();
  });
  // Without a wizard: Enter proceeds to the next step, Esc goes back (the rail keeps arrows).
  if (wizard_ != nullptr) return panel;
  panel->Bind(wxEVT_CHAR_HOOK, [this](wxKeyEvent& e) {
    if (e.GetKeyCode() == WXK_ESCAPE) {
      if (navigation_.Back()) ShowStep();
    } else if (e.GetKeyCode() == WXK_RETURN || e.GetKeyCode() == WXK_NUMPAD_ENTER) {
      if (navigation_.Next()) ShowStep();
    } else {
      e.Skip();
    }
  });
  return panel;
}

wxWindow* MainFrame::BuildAccounts(wxWindow* parent) {
  if (directory_ == nullptr) {
    return MakeComingPanel(parent, N_("Accounts"),
                           N_("The station's store is not open: accounts cannot be managed."));
  }
  return new AccountsPanel(parent, *directory_, runner_, ClockOf(services_), session_,
                           [this](const auth::Session& s) {
                             session_ = s;
                             SetStatusText(Tr("Password changed."));
                           });
}

wxWindow* MainFrame::BuildScreen(Screen screen) {
  wxWindow* page = nullptr;
  switch (screen) {
    case Screen::kEnrollment: return enrollment_;
    case Screen::kDashboard:
      page = new DashboardPanel(screens_, services_, runner_, session_, device_probes_.get());
      break;
    case Screen::kReview:
      page = services_.records != nullptr
                 ? static_cast<wxWindow*>(new ReviewBatchesPanel(screens_, *services_.records, runner_, session_))
                 : MakeComingPanel(screens_, "Review batches",
                                   "The station's store is not open: there is nothing to review.");
      break;
    case Screen::kStatus:
      page = new StatusPanel(screens_, services_, runner_, session_);
      break;
    case Screen::kTechnician:
#if KIOSK_HAVE_TECHNICIAN_PANEL
      page = MakeTechnicianPanel(screens_, services_, runner_, session_);
#else
      page = MakeComingPanel(screens_, "Technician",
                             "The technician's screen is coming: until then use kiosk-cli doctor.");
#endif
      break;
    case Screen::kAccounts:
      page = BuildAccounts(screens_);
      break;
  }
  page->SetName(Wx(ScreenName(screen)));
  screens_->AddPage(page, Wx(ScreenName(screen)));
  return page;
}

void MainFrame::BuildSessionScreens() {
  DropSessionScreens();
  role_screens_ = ScreensFor(session_.role);
  for (Screen s : role_screens_) screen_pages_.push_back(BuildScreen(s));
  RefreshSwitcher();
}

void MainFrame::DropSessionScreens() {
  for (wxWindow* page : screen_pages_) {
    if (page == enrollment_) continue;
    const int index = screens_->FindPage(page);
    if (index != wxNOT_FOUND) screens_->DeletePage(static_cast<size_t>(index));
  }
  screen_pages_.clear();
  role_screens_.clear();
  if (switcher_ != nullptr) switcher_->Clear();
}

void MainFrame::RefreshSwitcher() {
  switcher_->Clear();
  for (size_t i = 0; i < role_screens_.size(); ++i) {
    switcher_->Append(wxString::Format("%zu. ", i + 1) + Tr(ScreenTitle(role_screens_[i])));
  }
  auto it = std::find(role_screens_.begin(), role_screens_.end(), current_screen_);
  if (it != role_screens_.end()) switcher_->SetSelection(static_cast<int>(it - role_screens_.begin()));
}

bool MainFrame::ShowScreen(Screen screen) {
  auto it = std::find(role_screens_.begin(), role_screens_.end(), screen);
  if (it == role_screens_.end()) return false;
  const size_t i = static_cast<size_t>(it - role_screens_.begin());
  current_screen_ = screen;
  screens_->ChangeSelection(static_cast<size_t>(screens_->FindPage(screen_pages_[i])));
  switcher_->SetSelection(static_cast<int>(i));
  if (screen == Screen::kEnrollment) {
    RefreshRail();
    ShowStep();
  }
  screen_pages_[i]->SetFocus();
  return true;
}

void MainFrame::ShowSignIn() {
  book_->ChangeSelection(static_cast<size_t>(book_->FindPage(sign_in_)));
  SetStatusText(Tr("Not signed in"));
}

void MainFrame::ShowWorkspace(const auth::Session& session) {
  session_ = session;
  signed_in_ = true;
  locked_ = false;
  idle_->Touch();
  language_->SetSelection(i18n::CurrentLanguage() == "en" ? 1 : 0);
  who_->SetLabel(Wx(session.display_name) + Wx(" — ") + Tr(auth::DisplayName(session.role)));
  lock_button_->SetLabel(Tr("Lock"));
  sign_out_->SetLabel(Tr("Sign out"));
  current_screen_ = Screen::kDashboard;
  BuildSessionScreens();
  book_->ChangeSelection(static_cast<size_t>(book_->FindPage(workspace_)));
  SetStatusText(Wx(session.display_name) + Wx(" — ") + Tr(auth::DisplayName(session.role)));
  const bool enrolls = std::find(role_screens_.begin(), role_screens_.end(), Screen::kEnrollment) !=
                       role_screens_.end();
  // The officer lands on the enrollment screen: it is what the day is made of.
  ShowScreen(enrolls ? Screen::kEnrollment : role_screens_.front());
  if (enrolls && wizard_ != nullptr) wizard_->Begin(session);
  workspace_->Layout();
}

void MainFrame::LockNow() {
  if (!signed_in_ || locked_) return;
  locked_ = true;
  lock_->Lock(session_);
  book_->ChangeSelection(static_cast<size_t>(book_->FindPage(lock_)));
  SetStatusText(Tr("Locked"));
}

void MainFrame::OnUnlocked(const auth::Session& session) {
  if (session.username != session_.username) return;  // the controller asks for this user only
  locked_ = false;
  idle_->Touch();
  book_->ChangeSelection(static_cast<size_t>(book_->FindPage(workspace_)));
  SetStatusText(Wx(session_.display_name) + Wx(" — ") + Tr(auth::DisplayName(session_.role)));
  ShowScreen(current_screen_);
}

void MainFrame::SignOut() {
  signed_in_ = false;
  locked_ = false;
  session_ = {};
  // Pages of the session go with it (the buttons that lead here live outside them); the
  // wizard's draft stays sealed in the store.
  book_->ChangeSelection(static_cast<size_t>(book_->FindPage(sign_in_)));
  DropSessionScreens();
  sign_in_->ClearPassword();
  sign_in_->Relabel();
  SetStatusText(Tr("Not signed in"));
}

void MainFrame::CheckIdle() {
  if (signed_in_ && !locked_ && idle_->Expired()) LockNow();
}

void MainFrame::RefreshRail() {
  rail_->Clear();
  int index = 1;
  for (const auto& item : navigation_.Items()) {
    rail_->Append(Wx(std::to_string(index++) + ". " + item.title));
  }
  rail_->SetSelection(static_cast<int>(navigation_.current()));
}

void MainFrame::ShowStep() {
  rail_->SetSelection(static_cast<int>(navigation_.current()));
  if (wizard_ != nullptr) return;  // the wizard shows its own page
  step_title_->SetLabel(Tr(enrollment::Title(navigation_.current())));
  step_body_->SetLabel(navigation_.IsAvailable(navigation_.current())
                           ? wxString()
                           : Tr("This step is not available in this build yet."));
  Layout();
}

void MainFrame::SwitchLanguage(const std::string& lang) {
  if (auto r = i18n::SetLanguage(lang); !r) {
    SetStatusText(Wx(r.error().Message()));
    return;
  }
  sign_in_->Relabel();
  Relabel();
}

void MainFrame::Relabel() {
  SetTitle(Tr("Level-2 e-ID enrollment station"));
  // The wizard is relabelled in place (signed in or not): an enrollment in progress survives.
  if (wizard_ != nullptr) wizard_->Relabel();
  if (!signed_in_) {
    SetStatusText(Tr("Not signed in"));
    return;
  }
  // The session's screens are rebuilt in the new language (their controllers re-read at once).
  const Screen keep = current_screen_;
  who_->SetLabel(Wx(session_.display_name) + Wx(" — ") + Tr(auth::DisplayName(session_.role)));
  lock_button_->SetLabel(Tr("Lock"));
  sign_out_->SetLabel(Tr("Sign out"));
  BuildSessionScreens();
  ShowScreen(keep);
  SetStatusText(Wx(session_.display_name) + Wx(" — ") + Tr(auth::DisplayName(session_.role)));
  workspace_->Layout();
}

}  // namespace kiosk::ui
