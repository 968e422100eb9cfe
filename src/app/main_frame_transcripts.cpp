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

std::string display_name(const project::Transcript& t)
{
    return t.participant ? *t.participant + " (" + t.title + ")" : t.title;
}

/// What an import of several files did, for its summary.
struct ImportTally
{
    int imported = 0;
    project::TranscriptId last_id;
    std::string failures;
    std::string skipped;
    std::string notes;

    std::string summary() const
    {
        std::string out = std::to_string(imported) +
                          (imported == 1 ? " transcript" : " transcripts") + " imported.";
        if (!skipped.empty())
            out += " Not imported, already in the project:" + skipped;
        if (!notes.empty())
            out += " Notes:" + notes;
        return out;
    }
};

/// Imports one file (named `single`, or by its file) and counts what happened.
void import_one(project::Session& session, const std::filesystem::path& file,
                const std::optional<ImportNames>& single, const ConfirmDuplicate& ask,
                ImportTally& tally)
{
    try
    {
        ImportNames names = single ? *single : suggested_names(file);
        if (!single)
            names.participant.reset();
        auto r = import_transcript_file(session, file, names, ask);
        if (r)
        {
            ++tally.imported;
            tally.last_id = r->outcome.transcript;
            for (const auto& note : r->notes)
                tally.notes += "\n" + file.filename().string() + ": " + note;
        }
        else if (r.error().code == ErrorCode::Cancelled)
            tally.skipped += "\n" + file.filename().string() + ": " + r.error().message;
        else
            tally.failures += r.error().to_string() + "\n";
    }
    catch (const std::exception& e)
    {
        tally.failures += file.string() + ": " + e.what() + "\n";
    }
}

} // namespace

void MainFrame::bind_transcript_actions()
{
    // The Transcript menu's entries are rows of the command table (main_frame_commands.cpp).
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
            if (session())
                import_files(files);
        }));
}

project::TranscriptId MainFrame::selected_transcript() const
{
    if (!session() || !m_transcripts)
        return {};
    const long row = m_transcripts->GetFirstSelected();
    if (row >= 0)
        return transcript_of_row(row);
    return m_current;
}

project::TranscriptId MainFrame::transcript_of_row(long row) const
{
    // The list's item data is the transcript's row id (set where the rows are filled).
    return project::TranscriptId{static_cast<std::int64_t>(m_transcripts->GetItemData(row))};
}

void MainFrame::import_files(const std::vector<std::filesystem::path>& files)
{
    if (files.empty() || !session())
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
    const ConfirmDuplicate ask = duplicate_question();
    ImportTally tally;
    for (std::size_t i = 0; i < files.size(); ++i)
    {
        if (progress && !progress->Update(static_cast<int>(i),
                                          to_wx("Importing " + files[i].filename().string())))
            break;
        if (progress && !m_progress_screenshot.empty() && i == files.size() / 2)
            capture_import_progress(*progress);
        import_one(*session(), files[i], single, ask, tally);
    }
    progress.reset();
    // A single new transcript is what the coder wants to see next.
    if (files.size() == 1 && tally.last_id && may_leave_transcript())
        show_transcript(tally.last_id);
    if (!tally.failures.empty())
        show_error(std::to_string(tally.imported) + " of " + std::to_string(files.size()) +
                       " files imported; the others could not be read.",
                   tally.failures + tally.summary());
    else
        show_message(tally.summary());
}

ConfirmDuplicate MainFrame::duplicate_question()
{
    // Core refuses a text already in the project; the person importing decides. A script has
    // nobody to ask: the file is not imported, and the summary says why.
    return [this](const std::string& why)
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
}

void MainFrame::capture_import_progress(wxWindow& dialog)
{
    for (int k = 0; k < 30; ++k) // let GTK map and paint the dialog
    {
        wxTheApp->Yield(true);
        wxMilliSleep(10);
    }
    wxImage image;
    std::string why;
    if (!capture_window(dialog, image, why) ||
        !image.SaveFile(to_wx(m_progress_screenshot.string()), wxBITMAP_TYPE_PNG))
        m_last_error = "progress screenshot failed: " + why;
    m_progress_screenshot.clear();
}

std::optional<project::Transcript> MainFrame::transcript_to_change(project::TranscriptId id)
{
    if (!session() || !id)
        return std::nullopt;
    auto t = session()->transcript(id);
    if (!t)
    {
        show_error("The transcript could not be read.", t.error());
        return std::nullopt;
    }
    return std::move(*t);
}

void MainFrame::rename_transcript(project::TranscriptId id, const std::optional<ImportNames>& given)
{
    const auto t = transcript_to_change(id);
    if (!t)
        return;
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
        show_message("Renamed to " + display_name(*session()->transcript(id)) + ".");
    }
}

void MainFrame::remove_transcript(project::TranscriptId id, bool confirmed)
{
    const auto t = transcript_to_change(id);
    if (!t)
        return;
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
        m_current = {};
        m_text.clear();
        m_visible.clear();
        m_view->clear_text();
        if (m_transcripts->GetItemCount() > 0)
            show_transcript(transcript_of_row(0));
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

} // namespace attune::app
