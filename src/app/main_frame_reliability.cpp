// SPDX-License-Identifier: GPL-3.0-or-later
// View → Reliability Dashboard and File → Export Reliability Report… (issue 14). Both show or
// write core's reliability report (io::reliability_page): the dashboard with links back into
// the workbench, the file self-contained, exactly what `attune-cli report` writes.
#include "app/dashboard_window.h"
#include "app/main_frame.h"
#include "app/wx_string.h"
#include "core/io/atomic_file.h"
#include "core/io/reliability_report.h"

#include <wx/filedlg.h>
#include <wx/msgdlg.h>

namespace attune::app
{

void MainFrame::on_dashboard(wxCommandEvent&)
{
    if (!session())
        return;
    if (m_dashboard)
    {
        m_dashboard->Raise();
        return;
    }
    // Agreement shows how the others coded (a heat-map cell names their label): for a coder who
    // codes blind it is leaving blind mode, asked and recorded (main_frame_compare.cpp).
    if (m_blind && !unblind("Reliability Dashboard"))
        return;
    if (!m_dashboard_ready)
        make_dashboard();
    m_dashboard = m_dashboard_ready;
    m_dashboard_ready = nullptr;
    m_dashboard->Bind(wxEVT_CLOSE_WINDOW,
                      [this](wxCloseEvent& e)
                      {
                          m_dashboard = nullptr;
                          e.Skip();
                          make_dashboard_ahead(); // for the next opening
                      });
    m_dashboard->present();
}

void MainFrame::make_dashboard_ahead()
{
    // Only for a person: a screenshot or a test script has no use for WebKit started early.
    // When the event loop is idle, not before the project is shown.
    if (m_options.interactive)
        CallAfter([this] { make_dashboard(); });
}

void MainFrame::make_dashboard()
{
    if (m_dashboard_ready || !session())
        return;
    m_dashboard_ready = new DashboardWindow(this, *session(),
                                            [this](store::TranscriptId id)
                                            {
                                                show_transcript(id);
                                                Raise();
                                            });
}

void MainFrame::close_dashboard()
{
    for (DashboardWindow** w : {&m_dashboard, &m_dashboard_ready})
    {
        if (*w)
        {
            (*w)->detach();
            (*w)->Destroy();
        }
        *w = nullptr;
    }
}

void MainFrame::on_export_report(wxCommandEvent&)
{
    if (!session() || !m_options.interactive)
        return;
    if (m_blind && !m_dashboard && !unblind("Export Reliability Report"))
        return;
    const std::string stem = session()->path().stem().string();
    wxFileDialog where(
        this, "Export the reliability report as", "", to_wx(stem + "-reliability.html"),
        "HTML files (*.html)|*.html|All files (*)|*", wxFD_SAVE | wxFD_OVERWRITE_PROMPT);
    if (where.ShowModal() != wxID_OK)
        return;
    const std::filesystem::path out = from_wx(where.GetPath());
    // The dashboard's filters when it is open, so the file says what the screen says.
    analysis::AgreementOptions filters =
        m_dashboard ? m_dashboard->options() : analysis::AgreementOptions{};
    io::ReliabilityHtmlOptions html;
    html.project = session()->path().filename().string();
    html.generated = io::report_timestamp();
    wxBusyCursor busy;
    auto page = io::reliability_page(*session(), filters, html);
    if (!page)
        return show_message("The reliability report was not written: " + page.error().message);
    if (auto written = io::write_file_atomic(out, *page); !written)
        return show_message("The reliability report was not written: " + written.error().message);
    SetStatusText(to_wx("Reliability report written to " + out.string()));
}

} // namespace attune::app
