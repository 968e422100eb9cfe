// SPDX-License-Identifier: GPL-3.0-or-later
// File → Merge Coder's File… and File → Make Coder's Package… (issue 13, docs/team-workflow.md).
// The merge and the package are core's (team::merge_packages, team::make_package); this file
// asks for the files, shows core's dry-run report before anything is written and what was done
// after. The session tells the views (Changed{everything}) once a merge has committed.
#include "app/main_frame.h"

#include "app/menu_ids.h"
#include "app/merge_dialog.h"
#include "app/merge_summary.h"
#include "app/wx_string.h"
#include "core/team/team.h"

#include <wx/choicdlg.h>
#include <wx/filedlg.h>
#include <wx/menu.h>
#include <wx/msgdlg.h>

namespace attune::app
{

namespace
{

constexpr const char* kPackageFiles = "Attune projects (*.attune)|*.attune|All files (*)|*";

} // namespace

std::string MainFrame::team_unavailable(const char* what) const
{
    if (!session())
        return "no project is open";
    // Core refuses both too; saying so before the file dialog spares the person a pointless
    // choice, and the menu entry says it as well (update_menus).
    if (team::package_info(*session()))
        return std::string("this project is a coder's package: ") + what +
               " in the project it was made from";
    if (session()->read_only())
        return "the project is open read-only (" + session()->read_only_reason() + ")";
    return "";
}

void MainFrame::on_merge(wxCommandEvent&)
{
    if (!session() || !m_options.interactive)
        return;
    if (const std::string why = team_unavailable("merge packages"); !why.empty())
    {
        wxMessageDialog(this, to_wx("Coders' packages cannot be merged here: " + why + "."),
                        "Merge coders' packages", wxOK | wxICON_INFORMATION)
            .ShowModal();
        return;
    }
    wxFileDialog dlg(this, "Choose coders' packages to merge",
                     to_wx(session()->path().parent_path().string()), "", kPackageFiles,
                     wxFD_OPEN | wxFD_MULTIPLE | wxFD_FILE_MUST_EXIST);
    if (dlg.ShowModal() != wxID_OK)
        return;
    wxArrayString chosen;
    dlg.GetPaths(chosen);
    std::vector<std::filesystem::path> files;
    for (const auto& f : chosen)
        files.emplace_back(from_wx(f));
    merge_files(files);
}

void MainFrame::merge_files(const std::vector<std::filesystem::path>& files)
{
    // The one catch of this user action (STYLE.md): a store failure leaves the session usable.
    try
    {
        (void)session()->refresh_if_changed_elsewhere();
        team::MergeOptions dry_run;
        dry_run.dry_run = true;
        auto preview = team::merge_packages(*session(), files, dry_run);
        if (!preview)
            return show_merge_refusal(preview.error(), files);
        const std::string headline = merge_headline(*preview);
        if (!preview->changes_project())
        {
            show_merge_report(this, "Merge coders' packages", headline, describe_merge(*preview),
                              false);
            show_message(headline);
            return;
        }
        if (!show_merge_report(this, "Merge coders' packages", headline, describe_merge(*preview),
                               true))
        {
            show_message("Merge cancelled; nothing was written.");
            return;
        }
        auto done = team::merge_packages(*session(), files);
        if (!done)
            return show_merge_refusal(done.error(), files);
        show_merge_report(this, "Merge finished", merge_headline(*done), describe_merge(*done),
                          false);
        show_message(merge_headline(*done));
    }
    catch (const std::exception& e)
    {
        show_error("The packages could not be merged; nothing was written.", e.what());
    }
}

void MainFrame::show_merge_refusal(const Error& error,
                                   const std::vector<std::filesystem::path>& files)
{
    const std::string text = describe_merge_refusal(error, files);
    show_error("The merge was refused; nothing was written.", error.to_string());
    wxMessageDialog(this, to_wx(text), "Merge refused", wxOK | wxICON_WARNING).ShowModal();
}

void MainFrame::on_make_package(wxCommandEvent&)
{
    if (!session() || !m_options.interactive)
        return;
    if (const std::string why = team_unavailable("make packages"); !why.empty())
    {
        wxMessageDialog(this, to_wx("No coder's package can be made here: " + why + "."),
                        "Make coder's package", wxOK | wxICON_INFORMATION)
            .ShowModal();
        return;
    }
    const auto coders = session()->coders();
    wxArrayString names;
    for (const auto& c : coders)
        names.Add(to_wx(c.name));
    if (names.empty())
        return show_message("The project has no coders yet.");
    wxSingleChoiceDialog who(this, "Make a package for which coder?", "Make coder's package",
                             names);
    if (who.ShowModal() != wxID_OK)
        return;
    const auto& coder_chosen = coders[static_cast<std::size_t>(who.GetSelection())];
    wxFileDialog where(this, "Save " + to_wx(coder_chosen.name) + "'s package as",
                       to_wx(session()->path().parent_path().string()),
                       to_wx(coder_chosen.name + ".attune"), kPackageFiles,
                       wxFD_SAVE | wxFD_OVERWRITE_PROMPT);
    if (where.ShowModal() != wxID_OK)
        return;
    // The save dialog asked about an existing file already.
    make_package_file(coder_chosen, std::filesystem::path(from_wx(where.GetPath())));
}

void MainFrame::make_package_file(const project::Coder& for_coder, const std::filesystem::path& out)
{
    try
    {
        auto done = team::make_package(*session(), {for_coder.id, out, true});
        if (!done)
            return show_error("The package could not be written.", done.error());
        auto n = [](std::int64_t k, const char* one, const char* many)
        { return std::to_string(k) + " " + (k == 1 ? one : many); };
        const std::string text = "Wrote " + done->out.filename().string() + " for " +
                                 for_coder.name + ": " +
                                 n(done->transcripts, "transcript", "transcripts") + ", " +
                                 n(done->annotations, "annotation", "annotations") +
                                 ". Merge it back with File \u2192 Merge Coder's File\u2026 "
                                 "once it is coded.";
        show_message(text);
        wxMessageDialog(this, to_wx(text), "Package written", wxOK | wxICON_INFORMATION)
            .ShowModal();
    }
    catch (const std::exception& e)
    {
        show_error("The package could not be written.", e.what());
    }
}

void MainFrame::update_team_menus()
{
    // A disabled entry alone would not say why; its label does.
    std::string why;
    if (session() && team::package_info(*session()))
        why = " (only in the project this package came from)";
    else if (session() && session()->read_only())
        why = " (not in a project opened read-only)";
    auto* bar = GetMenuBar();
    bar->SetLabel(kMakePackage, to_wx("Make Coder's &Package\u2026" + why));
    bar->SetLabel(kMergePackages, to_wx("&Merge Coder's File\u2026" + why));
}

} // namespace attune::app
