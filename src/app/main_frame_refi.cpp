// SPDX-License-Identifier: GPL-3.0-or-later
// File → Export REFI-QDA Project (.qdpx)…, Export REFI-QDA Codebook (.qdc)… and Import REFI-QDA
// (.qdpx, .qdc)… (issue 15, docs/refi-qda.md): exchange with ATLAS.ti, MAXQDA, NVivo, QualCoder.
// The files are core's (io::export_refi_project, io::export_refi_codebook, io::read_refi,
// io::import_refi), exactly what `attune-cli refi` writes and reads; this file asks where, which
// scheme and which position convention, and shows core's report of what was written, mapped,
// skipped or could not be expressed. An import commits in one transaction and the session tells
// the views (Changed{everything}), so the transcript list, the code tree and the coders show it.
#include "app/main_frame.h"

#include "app/merge_dialog.h"
#include "app/refi_dialog.h"
#include "app/refi_summary.h"
#include "app/wx_string.h"
#include "core/base/file_read.h"
#include "core/io/refi_export.h"
#include "core/io/refi_import.h"
#include "core/project/study_rules.h"

#include <wx/choicdlg.h>
#include <wx/filedlg.h>
#include <wx/msgdlg.h>
#include <wx/utils.h>

#include <cctype>

namespace attune::app
{

namespace
{

std::string capitalised(std::string text)
{
    if (!text.empty())
        text[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(text[0])));
    if (!text.empty() && text.back() != '.')
        text += '.';
    return text;
}

} // namespace

std::optional<std::vector<project::CoderId>> MainFrame::refi_export_coders()
{
    // A .qdpx with everyone's codings shows them to whoever opens it: for a coder who codes
    // blind that is leaving blind mode. Core can export one coder's work alone, so the coder
    // chooses: their own work, or everyone's after the audited question Export Reliability
    // Report asks too (unblind: a master or the consensus coder is not asked).
    const bool alone = session()->coders().size() <= 1;
    if (!m_blind || m_dashboard || alone || project::may_see_others(coder()))
        return std::vector<project::CoderId>{};
    wxMessageDialog ask(this,
                        to_wx("You are coding blind. The file can hold only your own work, or "
                              "everyone's: " +
                              others_names() +
                              "'s work too, which means leaving blind mode (recorded in the "
                              "project's audit log)."),
                        "Export REFI-QDA project", wxYES_NO | wxCANCEL | wxICON_QUESTION);
    ask.SetYesNoCancelLabels("Only &My Work", "&Everyone's Work\u2026", "Cancel");
    const int answer = ask.ShowModal();
    if (answer == wxID_YES)
        return std::vector<project::CoderId>{coder().id};
    if (answer == wxID_NO && unblind("Export REFI-QDA Project"))
        return std::vector<project::CoderId>{};
    return std::nullopt;
}

void MainFrame::on_refi_export(wxCommandEvent&)
{
    if (!session() || !m_options.interactive)
        return;
    const auto coders = refi_export_coders();
    if (!coders)
        return;
    const std::filesystem::path project = session()->path();
    wxFileDialog where(
        this, "Export the project as REFI-QDA", to_wx(project.parent_path().string()),
        to_wx(project.stem().string() + ".qdpx"),
        "REFI-QDA projects (*.qdpx)|*.qdpx|All files (*)|*", wxFD_SAVE | wxFD_OVERWRITE_PROMPT);
    if (where.ShowModal() != wxID_OK)
        return;
    io::RefiExportOptions options;
    options.coders = *coders;
    const std::filesystem::path out = from_wx(where.GetPath());
    std::optional<Result<io::RefiExportReport>> done;
    try
    {
        wxBusyCursor busy;
        done = io::export_refi_project(*session(), options, out);
    }
    catch (const std::exception& e)
    {
        return show_error("The REFI-QDA project was not written.", e.what());
    }
    if (*done && !coders->empty())
        (*done)->notes_text.push_back("only " + coder().name +
                                      "'s work is in the file: the other coders' stays hidden "
                                      "while you code blind");
    show_refi_export(*done, "REFI-QDA project");
}

void MainFrame::on_refi_codebook(wxCommandEvent&)
{
    if (!session() || !m_options.interactive)
        return;
    const auto schemes = project::latest_schemes(session()->schemes());
    if (schemes.empty())
        return show_message("The project has no scheme to export as a REFI-QDA codebook.");
    std::size_t pick = 0;
    if (schemes.size() > 1)
    {
        wxArrayString names;
        for (const auto& s : schemes)
            names.Add(to_wx(s.name + " (" + s.scheme_id + " " + s.version + ")"));
        wxSingleChoiceDialog which(this, "Export which scheme as a REFI-QDA codebook?",
                                   "Export REFI-QDA codebook", names);
        if (which.ShowModal() != wxID_OK)
            return;
        pick = static_cast<std::size_t>(which.GetSelection());
    }
    const auto& scheme = schemes[pick];
    wxFileDialog where(
        this, "Export the codebook as", to_wx(session()->path().parent_path().string()),
        to_wx(scheme.scheme_id + ".qdc"), "REFI-QDA codebooks (*.qdc)|*.qdc|All files (*)|*",
        wxFD_SAVE | wxFD_OVERWRITE_PROMPT);
    if (where.ShowModal() != wxID_OK)
        return;
    const std::filesystem::path out = from_wx(where.GetPath());
    std::optional<Result<io::RefiExportReport>> done;
    try
    {
        wxBusyCursor busy;
        done = io::export_refi_codebook(*session(), scheme.scheme_id, out);
    }
    catch (const std::exception& e)
    {
        return show_error("The REFI-QDA codebook was not written.", e.what());
    }
    show_refi_export(*done, "REFI-QDA codebook");
}

void MainFrame::show_refi_export(const Result<io::RefiExportReport>& done, const std::string& what)
{
    if (!done)
    {
        const std::string text =
            "The " + what + " was not written: " + capitalised(done.error().message);
        show_error(text, done.error().to_string());
        wxMessageDialog(this, to_wx(text), "Export failed", wxOK | wxICON_ERROR).ShowModal();
        return;
    }
    const std::string headline = refi_export_headline(*done);
    show_message(headline);
    show_merge_report(this, "Exported " + what, headline, describe_refi_export(*done), false);
}

void MainFrame::on_refi_import(wxCommandEvent&)
{
    if (!session() || !m_options.interactive)
        return;
    wxFileDialog dlg(this, "Import a REFI-QDA project or codebook",
                     to_wx(session()->path().parent_path().string()), "",
                     "REFI-QDA files (*.qdpx;*.qdc;*.qde)|*.qdpx;*.qdc;*.qde|All files (*)|*",
                     wxFD_OPEN | wxFD_FILE_MUST_EXIST);
    if (dlg.ShowModal() != wxID_OK)
        return;
    const std::filesystem::path file = from_wx(dlg.GetPath());
    const auto options = ask_refi_import_options(this, file.filename().string());
    if (!options)
        return;
    import_refi_file(file, *options);
}

void MainFrame::import_refi_file(const std::filesystem::path& file,
                                 const io::RefiImportOptions& options)
{
    const std::string name = file.filename().string();
    auto import = [&]() -> Result<io::RefiImportReport>
    {
        wxBusyCursor busy;
        auto bytes = read_file_limited(file, io::kRefiMaxTotalBytes, "the REFI-QDA file");
        if (!bytes)
            return bytes.error();
        auto refi = io::read_refi(*bytes, name);
        if (!refi)
            return refi.error();
        (void)session()->refresh_if_changed_elsewhere();
        return io::import_refi(*session(), *refi, options);
    };
    std::optional<Result<io::RefiImportReport>> done;
    // The one catch of this user action (STYLE.md): a store failure leaves the session usable.
    try
    {
        done = import();
    }
    catch (const std::exception& e)
    {
        return refuse_refi(name, make_error(ErrorCode::Io, e.what()));
    }
    if (!*done)
        return refuse_refi(name, done->error());
    io::RefiImportReport& report = **done;
    report.file = name;
    // Into a project that had no transcript: the first one the import brought is shown.
    if (!m_current && !m_transcript_rows.empty())
        show_transcript(m_transcript_rows.front().id);
    const std::string headline = refi_import_headline(report);
    std::string text = describe_refi_import(report);
    if (m_blind && report.annotations > 0 && !project::may_see_others(coder()))
        text += "\nYou code blind: the imported passages of other coders stay hidden (View "
                "\u2192 Show All Coders' Work shows them).\n";
    show_message(headline);
    show_merge_report(this, "Imported REFI-QDA", headline, text, false);
}

void MainFrame::refuse_refi(const std::string& name, const Error& error)
{
    // Core's message names what is wrong with the file (a DOCTYPE, an entry leaving the
    // archive, a zip bomb) in the file's terms; its category's plain words would not.
    const std::string text = name + " could not be imported: " + capitalised(error.message) +
                             "\n\nNothing was written to the project.";
    show_error(name + " was not imported; nothing was written.", error.to_string());
    wxMessageDialog(this, to_wx(text), "Import refused", wxOK | wxICON_ERROR).ShowModal();
}

} // namespace attune::app
