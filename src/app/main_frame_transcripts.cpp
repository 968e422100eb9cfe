// SPDX-License-Identifier: GPL-3.0-or-later
// The main window's transcript actions: importing files (dropped anywhere, the text included, or
// chosen with File → Import), and renaming and removing transcripts (Transcript menu, the list's
// right-click menu, F2). The rules are core's (AddTranscript's duplicate check, EditTranscript,
// RemoveTranscript); this file asks the person and shows what core said.
#include "app/main_frame.h"

#include "app/file_drop_target.h"
#include "app/import_action.h"
#include "app/import_dialog.h"
#include "app/menu_ids.h"
#include "app/screen_capture.h"
#include "app/transcript_view.h"
#include "app/wx_string.h"

#include <wx/app.h>
#include <wx/image.h>
#include <wx/listctrl.h>
#include <wx/menu.h>
#include <wx/msgdlg.h>
#include <wx/progdlg.h>
#include <wx/statusbr.h>
#include <wx/utils.h>

#include <cctype>

namespace attune::app
{

namespace
{

// Apart from MenuId and NavigationId, so that neither list moves.
enum TranscriptMenuId : int
{
    kRenameTranscript = wxID_HIGHEST + 600,
    kRemoveTranscript,
};

std::string display_name(const project::Transcript& t)
{
    return t.participant ? *t.participant + " (" + t.title + ")" : t.title;
}

} // namespace

wxMenu* MainFrame::build_transcript_menu()
{
    auto* menu = new wxMenu;
    menu->Append(kRenameTranscript, "&Rename Transcript\u2026\tF2");
    menu->Append(kRemoveTranscript, "Re&move Transcript\u2026");
    return menu;
}

void MainFrame::bind_transcript_actions()
{
    Bind(
        wxEVT_MENU, [this](wxCommandEvent&) { rename_transcript(selected_transcript()); },
        kRenameTranscript);
    Bind(
        wxEVT_MENU, [this](wxCommandEvent&) { remove_transcript(selected_transcript()); },
        kRemoveTranscript);
    for (int id : {kRenameTranscript, kRemoveTranscript})
        Bind(
            wxEVT_UPDATE_UI,
            [this](wxUpdateUIEvent& e) { e.Enable(m_session && selected_transcript() != 0); }, id);
    // The list's right-click menu: the row under the pointer is selected first, as in a file
    // manager, so the menu acts on what was clicked.
    m_transcripts->Bind(wxEVT_LIST_ITEM_RIGHT_CLICK,
                        [this](wxListEvent& e)
                        {
                            if (e.GetIndex() >= 0 && !m_transcripts->IsSelected(e.GetIndex()))
                                m_transcripts->Select(e.GetIndex());
                            wxMenu menu;
                            menu.Append(kRenameTranscript, "&Rename\u2026\tF2");
                            menu.Append(kRemoveTranscript, "Re&move\u2026");
                            PopupMenu(&menu);
                        });
    // A wxStyledTextCtrl takes drops itself (text drag and drop), so files dropped on the
    // transcript never reached the frame's wxEVT_DROP_FILES: the view forwards them instead.
    m_view->SetDropTarget(new FileDropForwarder(
        [this](const std::vector<std::filesystem::path>& files)
        {
            if (m_session)
                import_files(files);
        }));
}

std::int64_t MainFrame::selected_transcript() const
{
    if (!m_session || !m_transcripts)
        return 0;
    const long row = m_transcripts->GetFirstSelected();
    if (row >= 0)
        return static_cast<std::int64_t>(m_transcripts->GetItemData(row));
    return m_current;
}

void MainFrame::import_files(const std::vector<std::filesystem::path>& files)
{
    if (files.empty() || !m_session)
        return;
    // One file: asked for its participant id and title first. Several: named by their files
    // (the title; a participant id guessed from several names could collide), with progress.
    std::optional<ImportNames> single;
    if (files.size() == 1)
    {
        single = suggested_names(files.front());
        if (m_options.interactive)
        {
            TranscriptNamesDialog dlg(
                this, "Import transcript",
                "Import " + files.front().filename().string() + " into the project as:", *single,
                "&Import");
            if (dlg.ShowModal() != wxID_OK)
                return;
            single = dlg.names();
        }
    }
    std::unique_ptr<wxProgressDialog> progress;
    if ((m_options.interactive || !m_progress_screenshot.empty()) && files.size() > 1)
        progress = std::make_unique<wxProgressDialog>(
            "Importing transcripts", "Preparing\u2026", static_cast<int>(files.size()), this,
            wxPD_APP_MODAL | wxPD_CAN_ABORT | wxPD_AUTO_HIDE | wxPD_ELAPSED_TIME);
    // Core refuses a text already in the project; the person importing decides. A script has
    // nobody to ask: the file is not imported, and the summary says why.
    const ConfirmDuplicate ask = [this](const std::string& why)
    {
        if (!m_options.interactive)
            return false;
        std::string said = why;
        said[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(said[0])));
        wxMessageDialog dlg(this,
                            to_wx(said + ".\n\nImport it anyway as a separate transcript? "
                                         "Coders' work on the two copies is kept apart."),
                            "Already in the project", wxYES_NO | wxNO_DEFAULT | wxICON_QUESTION);
        dlg.SetYesNoLabels("&Import Anyway", "&Don't Import");
        return dlg.ShowModal() == wxID_YES;
    };
    int imported = 0;
    std::int64_t last_id = 0;
    std::string failures;
    std::string skipped;
    std::string notes;
    for (std::size_t i = 0; i < files.size(); ++i)
    {
        if (progress && !progress->Update(static_cast<int>(i),
                                          to_wx("Importing " + files[i].filename().string())))
            break;
        if (progress && !m_progress_screenshot.empty() && i == files.size() / 2)
        {
            for (int k = 0; k < 30; ++k) // let GTK map and paint the dialog
            {
                wxTheApp->Yield(true);
                wxMilliSleep(10);
            }
            wxImage image;
            std::string why;
            if (!capture_window(*progress, image, why) ||
                !image.SaveFile(to_wx(m_progress_screenshot.string()), wxBITMAP_TYPE_PNG))
                m_last_error = "progress screenshot failed: " + why;
            m_progress_screenshot.clear();
        }
        try
        {
            ImportNames names = single ? *single : suggested_names(files[i]);
            if (!single)
                names.participant.reset();
            auto r = import_transcript_file(*m_session, files[i], names, ask);
            if (r)
            {
                ++imported;
                last_id = r->outcome.id;
                for (const auto& note : r->notes)
                    notes += "\n" + files[i].filename().string() + ": " + note;
            }
            else if (r.error().code == ErrorCode::Cancelled)
                skipped += "\n" + files[i].filename().string() + ": " + r.error().message;
            else
                failures += r.error().to_string() + "\n";
        }
        catch (const std::exception& e)
        {
            failures += files[i].string() + ": " + e.what() + "\n";
        }
    }
    progress.reset();
    // A single new transcript is what the coder wants to see next.
    if (files.size() == 1 && last_id != 0 && may_leave_transcript())
        show_transcript(last_id);
    std::string summary =
        std::to_string(imported) + (imported == 1 ? " transcript" : " transcripts") + " imported.";
    if (!skipped.empty())
        summary += " Not imported, already in the project:" + skipped;
    if (!notes.empty())
        summary += " Notes:" + notes;
    if (!failures.empty())
        show_error(std::to_string(imported) + " of " + std::to_string(files.size()) +
                       " files imported; the others could not be read.",
                   failures + summary);
    else
        show_message(summary);
}

void MainFrame::rename_transcript(std::int64_t id, const std::optional<ImportNames>& given)
{
    if (!m_session || id == 0)
        return;
    auto t = m_session->transcript(id);
    if (!t)
    {
        show_error("The transcript could not be read.", t.error());
        return;
    }
    ImportNames names{t->title, t->participant};
    if (given)
        names = *given;
    else if (!m_options.interactive)
        return; // nobody to ask
    else
    {
        TranscriptNamesDialog dlg(this, "Rename transcript",
                                  "New names for " + display_name(*t) +
                                      " (the participant id is given to every version):",
                                  names, "&Rename");
        if (dlg.ShowModal() != wxID_OK)
            return;
        names = dlg.names();
    }
    // An emptied participant field clears it (core: the empty string).
    project::EditTranscript cmd{id, names.title, names.participant.value_or("")};
    if (run(cmd, "Renaming the transcript"))
    {
        update_title();
        show_message("Renamed to " + display_name(*m_session->transcript(id)) + ".");
    }
}

void MainFrame::remove_transcript(std::int64_t id, bool confirmed)
{
    if (!m_session || id == 0)
        return;
    auto t = m_session->transcript(id);
    if (!t)
    {
        show_error("The transcript could not be read.", t.error());
        return;
    }
    if (!confirmed && !m_options.interactive)
        return; // nobody to ask
    if (!confirmed)
    {
        wxMessageDialog ask(this,
                            to_wx("Remove " + display_name(*t) +
                                  " from the project?\n\nOnly a transcript without anybody's "
                                  "annotations, ratings or classifications can be removed. Its "
                                  "text stays in the project's audit log; the file it was "
                                  "imported from is not touched."),
                            "Remove transcript", wxYES_NO | wxNO_DEFAULT | wxICON_QUESTION);
        ask.SetYesNoLabels("&Remove", "&Keep");
        if (ask.ShowModal() != wxID_YES)
            return;
    }
    const bool on_show = id == m_current;
    if (on_show && !may_leave_transcript())
        return;
    if (!run(project::RemoveTranscript{id}, "Removing " + display_name(*t)))
        return;
    if (on_show)
    {
        // Show the first transcript left, or nothing.
        m_current = 0;
        m_text.clear();
        m_visible.clear();
        m_view->clear_text();
        if (m_transcripts->GetItemCount() > 0)
            show_transcript(static_cast<std::int64_t>(m_transcripts->GetItemData(0)));
        else
        {
            refresh_codings();
            refresh_ratings();
            refresh_classification();
            update_title();
        }
    }
    show_message("Removed " + display_name(*t) + " from the project.");
}

std::optional<std::string> MainFrame::run_transcript_test_command(const std::vector<std::string>& w)
{
    const std::string& cmd = w[0];
    auto id_of = [&](const std::string& name) -> std::int64_t
    {
        auto id = m_session->resolve_transcript(name);
        return id ? *id : 0;
    };
    if (cmd == "drop-on-text" && w.size() > 1)
    {
        // Files dropped on the transcript text: through the view's own drop target, as GTK
        // hands it a drop (xdotool cannot drag files from another program).
        auto* target = dynamic_cast<wxFileDropTarget*>(m_view->GetDropTarget());
        if (!target)
            return std::string("the transcript text takes no file drops");
        wxArrayString files;
        for (std::size_t i = 1; i < w.size(); ++i)
            files.Add(to_wx(w[i]));
        if (!target->OnDropFiles(20, 20, files))
            return std::string("the transcript text refused the drop");
        for (int i = 0; i < 20; ++i) // the import runs after the drop is done
        {
            wxTheApp->Yield(true);
            wxMilliSleep(5);
        }
        return m_last_error;
    }
    if (cmd == "rename-transcript" && w.size() > 3)
    {
        // What the Rename dialog sends: TITLE and PARTICIPANT ("-" for none).
        const auto id = id_of(w[1]);
        if (!id)
            return "no transcript " + w[1];
        ImportNames names{w[2], w[3] == "-" ? std::nullopt : std::optional<std::string>(w[3])};
        rename_transcript(id, names);
        return m_last_error;
    }
    if (cmd == "remove-transcript" && w.size() > 1)
    {
        // Remove… with the confirmation answered "Remove".
        const auto id = id_of(w[1]);
        if (!id)
            return "no transcript " + w[1];
        remove_transcript(id, true);
        return m_last_error;
    }
    if (cmd == "expect-message" && w.size() > 1)
    {
        // What the bar at the top (and the status line) told the user last.
        const std::string said = from_wx(GetStatusBar()->GetStatusText(0));
        return said.find(w[1]) != std::string::npos
                   ? ""
                   : "the window says '" + said + "', not '" + w[1] + "'";
    }
    if (cmd == "expect-transcript-row" && w.size() > 2)
    {
        // Row N (1-based) of the transcript list shows TEXT in its first column.
        const long row = std::stol(w[1]) - 1;
        if (row < 0 || row >= m_transcripts->GetItemCount())
            return "no transcript row " + w[1];
        const std::string shown = from_wx(m_transcripts->GetItemText(row));
        return shown == w[2] ? "" : "transcript row " + w[1] + " shows '" + shown + "'";
    }
    return std::nullopt;
}

} // namespace attune::app
