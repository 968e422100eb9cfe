// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/export_action.h"

#include "app/wx_string.h"

#include <wx/button.h>
#include <wx/dialog.h>
#include <wx/dirdlg.h>
#include <wx/filedlg.h>
#include <wx/filename.h>
#include <wx/log.h>
#include <wx/msgdlg.h>
#include <wx/progdlg.h>
#include <wx/sizer.h>
#include <wx/stattext.h>
#include <wx/stopwatch.h>
#include <wx/utils.h>

#include <algorithm>
#include <memory>

namespace attune::app
{

namespace
{

/// How long an export runs before its progress dialog appears: a small project is done first.
constexpr long kProgressAfterMs = 300;

std::string plural(std::size_t n, const char* one, const char* many)
{
    return std::to_string(n) + " " + (n == 1 ? one : many);
}

} // namespace

std::optional<std::filesystem::path> ask_export_path(wxWindow* parent, const io::ExportRequest& r,
                                                     const std::filesystem::path& start_dir)
{
    if (r.all)
    {
        wxDirDialog dlg(parent, "Export all datasets into a folder (a new or empty one)",
                        to_wx(start_dir.string()), wxDD_DEFAULT_STYLE | wxDD_NEW_DIR_BUTTON);
        if (dlg.ShowModal() != wxID_OK)
            return std::nullopt;
        return std::filesystem::path(from_wx(dlg.GetPath()));
    }
    const std::string ext = io::to_string(r.formats.front());
    const std::string wildcard =
        std::string(io::describe(r.formats.front())) + " (*." + ext + ")|*." + ext;
    wxFileDialog dlg(parent, "Export " + to_wx(r.dataset), to_wx(start_dir.string()),
                     to_wx(r.dataset + "." + ext), to_wx(wildcard),
                     wxFD_SAVE | wxFD_OVERWRITE_PROMPT);
    if (dlg.ShowModal() != wxID_OK)
        return std::nullopt;
    std::filesystem::path out(from_wx(dlg.GetPath()));
    if (out.extension() != "." + ext)
        out += "." + ext;
    return out;
}

Result<io::ExportSummary> run_export_with_progress(wxWindow* parent, project::Session& s,
                                                   const io::ExportRequest& r)
{
    wxStopWatch clock;
    std::unique_ptr<wxProgressDialog> dialog;
    auto progress = [&](const io::ExportProgress& p)
    {
        if (!parent)
            return true;
        const int total = static_cast<int>(std::max<std::size_t>(p.total, 1));
        if (!dialog)
        {
            if (clock.Time() < kProgressAfterMs || p.done >= p.total)
                return true;
            dialog = std::make_unique<wxProgressDialog>("Exporting", to_wx(p.step), total, parent,
                                                        wxPD_APP_MODAL | wxPD_CAN_ABORT |
                                                            wxPD_AUTO_HIDE | wxPD_ELAPSED_TIME);
        }
        const int value = std::min(static_cast<int>(p.done), total);
        return dialog->Update(value, to_wx(p.step.empty() ? "Exporting\u2026" : p.step));
    };
    auto result = io::run_export(s, r, progress);
    dialog.reset();
    return result;
}

std::string describe_export(const io::ExportSummary& summary)
{
    const std::string rows = plural(summary.rows, "row", "rows");
    if (summary.files.size() == 1 && summary.files.front() == summary.out)
        return "Exported " + summary.out.filename().string() + " (" + rows + ") to " +
               summary.out.parent_path().string() + ".";
    return "Exported " + plural(summary.files.size(), "file", "files") + " (" + rows +
           ") into the folder " + summary.out.string() + ".";
}

void show_export_done(wxWindow* parent, const io::ExportSummary& summary)
{
    wxDialog dlg(parent, wxID_ANY, "Export finished");
    auto* sizer = new wxBoxSizer(wxVERTICAL);
    auto* text = new wxStaticText(&dlg, wxID_ANY, to_wx(describe_export(summary)));
    text->Wrap(dlg.FromDIP(480));
    sizer->Add(text, 0, wxALL, 12);
    std::string names;
    const std::size_t shown = std::min<std::size_t>(summary.files.size(), 12);
    for (std::size_t i = 0; i < shown && summary.files.size() > 1; ++i)
        names += "  " + summary.files[i].filename().string() + "\n";
    if (shown < summary.files.size())
        names += "  \u2026 and " + std::to_string(summary.files.size() - shown) + " more\n";
    if (!names.empty())
        sizer->Add(new wxStaticText(&dlg, wxID_ANY, to_wx(names)), 0, wxLEFT | wxRIGHT, 12);
    auto* buttons = new wxBoxSizer(wxHORIZONTAL);
    auto* show = new wxButton(&dlg, wxID_ANY, "Show in &Folder");
    auto* ok = new wxButton(&dlg, wxID_OK, "OK");
    buttons->Add(show, 0, wxRIGHT, 8);
    buttons->Add(ok, 0);
    sizer->Add(buttons, 0, wxALIGN_RIGHT | wxALL, 12);
    ok->SetDefault();
    ok->SetFocus();
    show->Bind(wxEVT_BUTTON,
               [&dlg, &summary](wxCommandEvent&)
               {
                   if (!show_in_folder(summary.out))
                       wxMessageBox("No file manager could be opened. The export is in " +
                                        to_wx(summary.out.string()) + ".",
                                    "Show in folder", wxOK | wxICON_INFORMATION, &dlg);
               });
    dlg.SetSizerAndFit(sizer);
    dlg.CentreOnParent();
    dlg.ShowModal();
}

bool show_in_folder(const std::filesystem::path& item)
{
    wxLogNull quiet; // a missing dbus-send or file manager is answered below, not logged
    const wxString uri = wxFileName::FileNameToURL(wxFileName(to_wx(item.string())));
    // dbus-send separates array items with commas: such a path is shown by its folder instead.
    if (!uri.Contains(","))
    {
        const wxString items = "array:string:" + uri;
        const char* argv[] = {"dbus-send",
                              "--session",
                              "--print-reply",
                              "--reply-timeout=3000",
                              "--dest=org.freedesktop.FileManager1",
                              "/org/freedesktop/FileManager1",
                              "org.freedesktop.FileManager1.ShowItems",
                              nullptr,
                              "string:",
                              nullptr};
        const std::string items_utf8 = from_wx(items);
        argv[7] = items_utf8.c_str();
        if (wxExecute(argv, wxEXEC_SYNC | wxEXEC_HIDE_CONSOLE) == 0)
            return true;
    }
    const std::filesystem::path folder =
        std::filesystem::is_directory(item) ? item : item.parent_path();
    return wxLaunchDefaultApplication(to_wx(folder.string()));
}

} // namespace attune::app
