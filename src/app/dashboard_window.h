// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// View → Reliability Dashboard: the project's agreement (core's analysis::analyze_agreement)
// shown as the reliability report's HTML (io::reliability_html, the same renderer as
// `attune-cli report` and File → Export Reliability Report) in a wxWebView, with filters and
// links back into the workbench. Nothing is computed here: the numbers are core's.

#include "core/analysis/project_agreement.h"
#include "core/io/reliability_report.h"
#include "core/store/ids.h"

#include <wx/frame.h>
#include <wx/timer.h>

#include <atomic>
#include <functional>
#include <memory>
#include <string>
#include <thread>
#include <vector>

class wxCheckBox;
class wxGauge;
class wxCheckListBox;
class wxChoice;
class wxTextCtrl;
class wxWebView;
class wxWebViewEvent;

namespace attune::project
{
class Session;
}

namespace attune::app
{

/// A window of its own (it may sit on a second screen beside the workbench). It recomputes
/// when a filter changes and, a moment after the last one, when the project changes. The
/// workbench makes it hidden once a project is open, so that WebKit has started by the time
/// the coder asks for it; hidden, it computes nothing.
class DashboardWindow : public wxFrame
{
public:
    /// `open` shows a transcript in the workbench (a link of the page was followed).
    DashboardWindow(wxWindow* parent, project::Session& session,
                    std::function<void(store::TranscriptId)> open);
    ~DashboardWindow() override;

    /// Shows the window (made hidden, ahead of being asked for) with the filters as the project
    /// now has them, and its page.
    void present();
    /// Stops listening to the session (which may go before the window is deleted).
    void detach();
    /// Recomputes and shows the page now.
    void recompute();
    /// The filters as they are set.
    analysis::AgreementOptions options() const;
    /// Milliseconds the last page took to compute and render into HTML, and until the view
    /// reported it loaded (-1 until it has).
    double compute_ms() const { return m_compute_ms; }
    double loaded_ms() const { return m_loaded_ms; }

private:
    void build_filters(wxWindow* parent, wxSizer* sizer);
    void fill_filters();
    void on_navigating(wxWebViewEvent& e);
    void on_loaded(wxWebViewEvent& e);
    /// attune://transcripts?ids=3,7: one is opened at once, several are offered in a list.
    void open_link(const std::string& url);
    void schedule();
    io::ReliabilityHtmlOptions page_options() const;
    /// Makes the pages on a thread of its own (recompute found none kept).
    void start_job(const analysis::AgreementOptions& opts, const io::ReliabilityHtmlOptions& html);
    /// The thread's pages (or why there are none), on this thread.
    void finished(const Result<io::MadePages>& made);
    void show_progress();
    void show_page(const std::string& page);

    project::Session& m_session;
    std::function<void(store::TranscriptId)> m_open;
    int m_subscription = -1;
    wxTimer m_timer;    ///< a moment after the last change (no owner: it handles its own event)
    wxTimer m_progress; ///< the gauge, while a page is made
    /// The page being made: shared with its thread, which checks `cancel` at each step.
    struct DashboardJob
    {
        std::atomic<std::size_t> done{0};
        std::atomic<std::size_t> total{0};
        std::atomic<bool> cancel{false};
        DashboardWindow* window = nullptr; ///< this thread only; null once the window goes
    };
    std::shared_ptr<DashboardJob> m_job;
    std::thread m_worker;
    bool m_again = false;      ///< asked again while a page was being made
    bool m_shown_page = false; ///< a page of numbers (or a reason) is on screen
    wxGauge* m_gauge = nullptr;
    wxWebView* m_view = nullptr;
    wxChoice* m_scheme = nullptr;
    wxTextCtrl* m_section = nullptr;
    wxTextCtrl* m_transcripts = nullptr;
    wxCheckListBox* m_coders = nullptr;
    wxCheckBox* m_every = nullptr;          ///< every row of the per-transcript tables
    std::vector<std::string> m_scheme_ids;  ///< parallel to m_scheme's entries after "All"
    std::vector<std::string> m_coder_names; ///< parallel to m_coders
    double m_compute_ms = -1;
    double m_loaded_ms = -1;
    long long m_started_ns = 0;
    long long m_opened_ns = 0; ///< when it was asked for (present), until its first page loaded
};

} // namespace attune::app
