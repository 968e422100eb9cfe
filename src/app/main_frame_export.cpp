// SPDX-License-Identifier: GPL-3.0-or-later
// File → Export Dataset… (issue 12, docs/export.md): the dialog, where to write, the export
// with its progress, and what was written. Exporting only reads the project, so a project
// opened read-only may export.
#include "app/export_action.h"
#include "app/export_dialog.h"
#include "app/main_frame.h"
#include "app/wx_string.h"

#include <wx/msgdlg.h>

#include <cctype>

namespace attune::app
{

void MainFrame::on_export(wxCommandEvent&)
{
    if (!session() || !m_options.interactive)
        return; // a script exports with the "export" verb (export_dataset)
    ExportDialog dlg(this, export_choices(*session(), selected_transcript()));
    for (;;)
    {
        if (dlg.ShowModal() != wxID_OK)
            return;
        if (const std::string problem = dlg.problem(); !problem.empty())
        {
            wxMessageDialog(this, to_wx(problem), "Export dataset", wxOK | wxICON_WARNING)
                .ShowModal();
            continue;
        }
        io::ExportRequest request = dlg.request();
        const auto out = ask_export_path(this, request, session()->path().parent_path());
        if (!out)
            return; // nothing asked for, nothing written
        request.out = *out;
        // Core's check names what does not fit ("project is exported as JSON only", a folder
        // holding other files); the dialog opens again, as it was, to change it.
        if (auto checked = io::check_export_request(request); !checked)
        {
            wxMessageDialog(this, to_wx(checked.error().message), "Export dataset",
                            wxOK | wxICON_WARNING)
                .ShowModal();
            continue;
        }
        if (const std::string failed = export_dataset(request); !failed.empty())
            wxMessageDialog(this, to_wx(failed), "Export failed", wxOK | wxICON_ERROR).ShowModal();
        return;
    }
}

std::string MainFrame::export_dataset(const io::ExportRequest& request)
{
    if (!session())
        return "no project is open";
    auto done =
        run_export_with_progress(m_options.interactive ? this : nullptr, *session(), request);
    if (!done)
    {
        if (done.error().code == ErrorCode::Cancelled)
        {
            show_message("Export cancelled; nothing was written.");
            return "";
        }
        // Core's message says what went wrong in the export's terms (a writer's limit, a
        // folder that cannot be written); the generic words of its category would not.
        std::string why = done.error().message;
        if (!why.empty())
            why[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(why[0])));
        const std::string what = "The export could not be written; nothing was written. " + why;
        show_error(what, done.error().to_string());
        return what;
    }
    show_message(describe_export(*done));
    if (m_options.interactive)
        show_export_done(this, *done);
    return "";
}

} // namespace attune::app
