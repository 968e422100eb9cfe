// SPDX-License-Identifier: GPL-3.0-or-later
// View → Reliability Dashboard (dashboard_window.h). The page is core's reliability report
// (io::reliability_html) with links; this file sets the filters, shows the page, follows its
// links and asks core again when the project changes.
#include "app/dashboard_window.h"

#include "app/wx_string.h"
#include "core/io/reliability_report.h"
#include "core/project/session.h"
#include "core/project/study_rules.h"

#include <wx/app.h>
#include <wx/checkbox.h>
#include <wx/checklst.h>
#include <wx/choicdlg.h>
#include <wx/choice.h>
#include <wx/gauge.h>
#include <wx/panel.h>
#include <wx/sizer.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>
#include <wx/webview.h>
#include <wx/wrapsizer.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <sstream>

namespace attune::app
{

namespace
{

long long now_ns()
{
    return std::chrono::duration_cast<std::chrono::nanoseconds>(
               std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

std::vector<std::string> split_list(const std::string& text)
{
    std::vector<std::string> out;
    std::string item;
    std::istringstream in(text);
    while (std::getline(in, item, ','))
    {
        const auto b = item.find_first_not_of(" \t");
        const auto e = item.find_last_not_of(" \t");
        if (b != std::string::npos)
            out.push_back(item.substr(b, e - b + 1));
    }
    return out;
}

/// A page saying why there are no numbers (fewer than two coders, an unknown transcript, ...).
std::string message_page(const std::string& title, const std::string& text)
{
    std::string escaped;
    for (const char c : text)
        switch (c)
        {
        case '<': escaped += "&lt;"; break;
        case '>': escaped += "&gt;"; break;
        case '&': escaped += "&amp;"; break;
        default: escaped += c;
        }
    return "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><meta "
           "http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src "
           "'unsafe-inline'\"><title>Reliability "
           "dashboard</title><style>body{font-family:sans-serif;margin:3em;color:#333}</style>"
           "</head><body><h2>" +
           title + "</h2><p>" + escaped + "</p></body></html>";
}

} // namespace

DashboardWindow::DashboardWindow(wxWindow* parent, project::Session& session,
                                 std::function<void(store::TranscriptId)> open)
    : wxFrame(parent, wxID_ANY, "Reliability Dashboard", wxDefaultPosition, wxSize(1100, 800)),
      m_session(session), m_open(std::move(open))
{
    auto* panel = new wxPanel(this);
    auto* sizer = new wxBoxSizer(wxVERTICAL);
    build_filters(panel, sizer);
    // A blank page at once: the web view's own process starts now, while the window is still
    // hidden, and not when the coder asks for the dashboard (it takes WebKit a good part of a
    // second).
    m_view = wxWebView::New(panel, wxID_ANY, "about:blank");
    sizer->Add(m_view, 1, wxEXPAND);
    panel->SetSizer(sizer);
    CreateStatusBar();
    m_view->Bind(wxEVT_WEBVIEW_NAVIGATING, &DashboardWindow::on_navigating, this);
    m_view->Bind(wxEVT_WEBVIEW_LOADED, &DashboardWindow::on_loaded, this);
    m_timer.Bind(wxEVT_TIMER, [this](wxTimerEvent&) { recompute(); });
    m_progress.Bind(wxEVT_TIMER, [this](wxTimerEvent&) { show_progress(); });
    // Coding goes on in the workbench while the dashboard is open: a change is shown a moment
    // after the last one of a burst, not once per keystroke.
    m_subscription = m_session.subscribe([this](const project::Changed&) { schedule(); });
}

DashboardWindow::~DashboardWindow()
{
    detach();
}

void DashboardWindow::detach()
{
    m_timer.Stop();
    m_progress.Stop();
    if (m_job)
    {
        // The thread stops at its next step; what it hands over then finds no window.
        m_job->cancel = true;
        m_job->window = nullptr;
    }
    if (m_worker.joinable())
        m_worker.join();
    m_job.reset();
    if (m_subscription >= 0)
        m_session.unsubscribe(m_subscription);
    m_subscription = -1;
}

void DashboardWindow::present()
{
    m_opened_ns = now_ns();
    fill_filters();
    Show();
    Raise();
    // The keyboard in the first filter one types in, as in a window made when asked for.
    m_section->SetFocus();
    recompute();
}

void DashboardWindow::build_filters(wxWindow* parent, wxSizer* sizer)
{
    // The filters wrap onto a second line in a narrow window (long scheme names) rather than
    // push the last ones out of sight.
    auto* row = new wxWrapSizer(wxHORIZONTAL);
    auto label = [&](const char* text)
    { row->Add(new wxStaticText(parent, wxID_ANY, text), 0, wxALIGN_CENTER_VERTICAL | wxALL, 4); };
    label("Scheme:");
    m_scheme = new wxChoice(parent, wxID_ANY, wxDefaultPosition, wxSize(320, -1));
    row->Add(m_scheme, 0, wxALIGN_CENTER_VERTICAL | wxALL, 4);
    label("Section:");
    m_section =
        new wxTextCtrl(parent, wxID_ANY, "", wxDefaultPosition, wxSize(60, -1), wxTE_PROCESS_ENTER);
    m_section->SetHint("all");
    row->Add(m_section, 0, wxALIGN_CENTER_VERTICAL | wxALL, 4);
    label("Transcripts:");
    m_transcripts = new wxTextCtrl(parent, wxID_ANY, "", wxDefaultPosition, wxSize(220, -1),
                                   wxTE_PROCESS_ENTER);
    m_transcripts->SetHint("all current (or P01, P07, ...)");
    row->Add(m_transcripts, 0, wxALIGN_CENTER_VERTICAL | wxALL, 4);
    label("Coders:");
    m_coders = new wxCheckListBox(parent, wxID_ANY, wxDefaultPosition, wxSize(180, 60));
    row->Add(m_coders, 0, wxALL, 4);
    m_every = new wxCheckBox(parent, wxID_ANY, "Every transcript");
    m_every->SetToolTip("Per-transcript passage tables: every row, not the 10 of lowest \u03b1u");
    row->Add(m_every, 0, wxALIGN_CENTER_VERTICAL | wxALL, 4);
    sizer->Add(row, 0, wxEXPAND);
    m_gauge = new wxGauge(parent, wxID_ANY, 100, wxDefaultPosition, wxSize(160, -1));
    m_gauge->Hide();
    row->Add(m_gauge, 0, wxALIGN_CENTER_VERTICAL | wxALL, 4);
    m_every->Bind(wxEVT_CHECKBOX, [this](wxCommandEvent&) { recompute(); });
    m_scheme->Bind(wxEVT_CHOICE, [this](wxCommandEvent&) { recompute(); });
    m_coders->Bind(wxEVT_CHECKLISTBOX, [this](wxCommandEvent&) { recompute(); });
    m_section->Bind(wxEVT_TEXT_ENTER, [this](wxCommandEvent&) { recompute(); });
    m_transcripts->Bind(wxEVT_TEXT_ENTER, [this](wxCommandEvent&) { recompute(); });
}

void DashboardWindow::fill_filters()
{
    // The schemes and coders as they are now: the window may have been made (hidden) before a
    // merge brought more of them.
    m_scheme_ids.clear();
    m_scheme->Clear();
    m_scheme->Append("All schemes");
    for (const auto& s : project::latest_schemes(m_session.schemes()))
    {
        m_scheme_ids.push_back(s.scheme_id);
        m_scheme->Append(to_wx(s.name.empty() ? s.scheme_id : s.name));
    }
    m_scheme->SetSelection(0);
    m_coder_names.clear();
    m_coders->Clear();
    for (const auto& c : m_session.coders())
    {
        m_coder_names.push_back(c.name);
        const int at =
            m_coders->Append(to_wx(c.name + (c.role == "coder" ? "" : " (" + c.role + ")")));
        m_coders->Check(static_cast<unsigned>(at));
    }
}

analysis::AgreementOptions DashboardWindow::options() const
{
    analysis::AgreementOptions o;
    const int s = m_scheme->GetSelection();
    if (s > 0)
        o.scheme = m_scheme_ids[static_cast<std::size_t>(s - 1)];
    o.section = from_wx(m_section->GetValue());
    o.transcripts = split_list(from_wx(m_transcripts->GetValue()));
    for (unsigned i = 0; i < m_coders->GetCount(); ++i)
        if (m_coders->IsChecked(i))
            o.coders.push_back(m_coder_names[i]);
    if (o.coders.size() == m_coder_names.size())
        o.coders.clear(); // every coder: said as "all", as the report of `attune-cli report` says

    // The places where coders differ are the reconciliation's (View → Reconcile), not a
    // dashboard figure: leaving them out saves the larger part of the passage work.
    o.places = false;
    return o;
}

void DashboardWindow::schedule()
{
    // A window made ahead and not yet shown computes nothing (its coder may code blind).
    if (!IsShown())
        return;
    m_timer.StartOnce(400);
}

io::ReliabilityHtmlOptions DashboardWindow::page_options() const
{
    io::ReliabilityHtmlOptions html;
    html.links = true;
    html.every_transcript = m_every->GetValue();
    html.project = m_session.path().filename().string();
    return html;
}

void DashboardWindow::recompute()
{
    m_timer.Stop();
    if (m_job)
    {
        // The page being made is of older filters or records: it stops at its next step and
        // this is asked again when it has (finished).
        m_job->cancel = true;
        m_again = true;
        return;
    }
    m_started_ns = now_ns();
    m_loaded_ms = -1;
    const auto opts = options();
    const auto html = page_options();
    if (auto kept = io::kept_reliability_page(m_session, opts, html))
        return show_page(*kept);
    start_job(opts, html);
}

void DashboardWindow::start_job(const analysis::AgreementOptions& opts,
                                const io::ReliabilityHtmlOptions& html)
{
    m_job = std::make_shared<DashboardJob>();
    m_job->window = this;
    analysis::AgreementOptions work = opts;
    DashboardJob* job = m_job.get(); // lives as long as the thread, which holds it
    work.progress = [job](std::size_t done, std::size_t total)
    {
        job->done = done;
        job->total = total;
        return !job->cancel;
    };
    // The thread reads the project through a session of its own (SQLite's snapshot of the
    // file; the workbench's session is not thread-safe) and hands the pages back to this
    // thread, which keeps them in the project.
    m_worker = std::thread(
        [shared = m_job, path = m_session.path(), work, html]
        {
            Result<io::MadePages> made = make_error(ErrorCode::Internal, "not made");
            try
            {
                auto own = project::Session::open_to_read(path);
                made = own ? io::make_reliability_pages(**own, work, html)
                           : Result<io::MadePages>(own.error());
            }
            catch (const std::exception& e)
            {
                made = make_error(ErrorCode::Io, e.what());
            }
            wxTheApp->CallAfter(
                [shared, made]
                {
                    if (shared->window)
                        shared->window->finished(made);
                });
        });
    if (!m_shown_page)
        m_view->SetPage(to_wx(message_page("Computing the agreement\u2026",
                                           "The page is shown as soon as it is made.")),
                        "");
    m_gauge->SetValue(0);
    m_gauge->Show();
    m_gauge->GetParent()->Layout();
    m_progress.Start(100);
    show_progress();
}

void DashboardWindow::show_progress()
{
    if (!m_job)
        return;
    const std::size_t total = m_job->total;
    const std::size_t done = m_job->done;
    // The analysis is some 80 % of the time; the study's facts and the HTML come after it.
    const int percent = total ? static_cast<int>(80 * std::min(done, total) / total) : 0;
    m_gauge->SetValue(percent);
    SetStatusText(wxString::Format(m_shown_page ? "Updating after a change: %d %% (the page "
                                                  "shows the project as it was)"
                                                : "Computing the agreement: %d %%",
                                   percent));
}

void DashboardWindow::finished(const Result<io::MadePages>& made)
{
    if (m_worker.joinable())
        m_worker.join(); // its last act was to hand this over
    m_job.reset();
    m_progress.Stop();
    m_gauge->Hide();
    m_gauge->GetParent()->Layout();
    if (made)
        // Kept even when outdated by now: at its own revision it is never given back wrongly.
        io::keep_reliability_pages(m_session, *made);
    if (m_again)
    {
        m_again = false;
        return recompute();
    }
    if (made)
        return show_page(made->page);
    if (made.error().code == ErrorCode::Cancelled)
        return;
    show_page(message_page("No agreement to show", made.error().message));
}

void DashboardWindow::show_page(const std::string& page)
{
    m_compute_ms = static_cast<double>(now_ns() - m_started_ns) / 1e6;
    m_shown_page = true;
    m_view->SetPage(to_wx(page), "");
    SetStatusText(wxString::Format("Computed in %.0f ms", m_compute_ms));
}

void DashboardWindow::on_loaded(wxWebViewEvent&)
{
    if (m_loaded_ms >= 0 || m_started_ns == 0)
        return;
    const long long now = now_ns();
    // The view's own first page (about:blank, made with it) may finish loading after ours was
    // set; every page of ours has a title, the blank one has none.
    if (m_view->GetCurrentTitle().empty() && m_view->GetPageSource().length() < 100)
        return;
    m_loaded_ms = static_cast<double>(now - m_started_ns) / 1e6;
    // The first page's figure counts from the command, the window and its web view included.
    const double since_open =
        m_opened_ns ? static_cast<double>(now - m_opened_ns) / 1e6 : m_loaded_ms;
    m_opened_ns = 0;
    SetStatusText(
        wxString::Format("Computed in %.0f ms, shown in %.0f ms", m_compute_ms, m_loaded_ms));
    if (std::getenv("ATTUNE_DASHBOARD_TIMING"))
        std::fprintf(stderr, "dashboard compute_ms %.1f loaded_ms %.1f from_command_ms %.1f\n",
                     m_compute_ms, m_loaded_ms, since_open);
}

void DashboardWindow::on_navigating(wxWebViewEvent& e)
{
    const std::string url = from_wx(e.GetURL());
    if (url.rfind("attune:", 0) != 0)
    {
        // The page itself (SetPage's about:blank / data) loads; nothing else may, and the page's
        // own CSP forbids it as well.
        if (url.rfind("about:", 0) != 0 && url.rfind("data:", 0) != 0)
            e.Veto();
        return;
    }
    e.Veto();
    if (url == "attune://every-transcript")
    {
        m_every->SetValue(true);
        recompute();
        return;
    }
    open_link(url);
}

void DashboardWindow::open_link(const std::string& url)
{
    std::vector<store::TranscriptId> ids;
    const std::string one = "attune://transcript/";
    const std::string many = "attune://transcripts?ids=";
    if (url.rfind(one, 0) == 0)
        ids.emplace_back(std::atoll(url.c_str() + one.size()));
    else if (url.rfind(many, 0) == 0)
        for (const auto& part : split_list(url.substr(many.size())))
            ids.emplace_back(std::atoll(part.c_str()));
    if (ids.empty())
        return;
    std::size_t chosen = 0;
    if (ids.size() > 1)
    {
        wxArrayString names;
        for (const auto id : ids)
        {
            auto t = m_session.transcript(id);
            names.Add(to_wx(t ? (t->participant ? *t->participant : t->title)
                              : "transcript " + std::to_string(id.value())));
        }
        wxSingleChoiceDialog dlg(
            this, "These transcripts are in that cell. Open one:", "Transcripts", names);
        if (dlg.ShowModal() != wxID_OK)
            return;
        chosen = static_cast<std::size_t>(dlg.GetSelection());
    }
    m_open(ids[chosen]);
}

} // namespace attune::app
