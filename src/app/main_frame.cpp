// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/main_frame.h"

#include "app/wx_string.h"
#include "core/base/version.h"

#include <wx/aboutdlg.h>
#include <wx/filedlg.h>
#include <wx/menu.h>
#include <wx/msgdlg.h>
#include <wx/panel.h>
#include <wx/sizer.h>
#include <wx/stattext.h>
#include <wx/statusbr.h>

namespace attune::app {

MainFrame::MainFrame() : wxFrame(nullptr, wxID_ANY, "Attune", wxDefaultPosition, wxSize(1024, 768))
{
    build_menus();
    CreateStatusBar(2);
    auto* panel = new wxPanel(this);
    auto* sizer = new wxBoxSizer(wxVERTICAL);
    sizer->AddStretchSpacer();
    sizer->Add(new wxStaticText(panel, wxID_ANY,
                                "No project is open.\nUse File \u2192 Open Project\u2026 (Ctrl+O)."),
               0, wxALIGN_CENTER);
    sizer->AddStretchSpacer();
    panel->SetSizer(sizer);
    update_title();
}

void MainFrame::build_menus()
{
    auto* file = new wxMenu;
    file->Append(wxID_OPEN, "&Open Project\u2026\tCtrl+O");
    file->AppendSeparator();
    file->Append(wxID_EXIT, "&Quit\tCtrl+Q");
    auto* help = new wxMenu;
    help->Append(wxID_ABOUT, "&About Attune");
    auto* bar = new wxMenuBar;
    bar->Append(file, "&File");
    bar->Append(help, "&Help");
    SetMenuBar(bar);
    Bind(wxEVT_MENU, &MainFrame::on_open, this, wxID_OPEN);
    Bind(wxEVT_MENU, &MainFrame::on_about, this, wxID_ABOUT);
    Bind(wxEVT_MENU, &MainFrame::on_quit, this, wxID_EXIT);
}

void MainFrame::open_project(const std::filesystem::path& path)
{
    std::error_code ec;
    if (!std::filesystem::is_regular_file(path, ec))
    {
        wxMessageBox(wxString::Format("The project file \"%s\" does not exist or is not a file.",
                                      to_wx(path.string())),
                     "Cannot open project", wxOK | wxICON_WARNING, this);
        return;
    }
    m_project_path = path;
    update_title();
}

void MainFrame::update_title()
{
    if (m_project_path.empty())
    {
        SetTitle("Attune");
        SetStatusText("No project", 0);
        return;
    }
    const wxString name = to_wx(m_project_path.filename().string());
    SetTitle(name + " \u2014 Attune");
    SetStatusText("Project: " + to_wx(m_project_path.string()), 0);
}

void MainFrame::on_open(wxCommandEvent&)
{
    wxFileDialog dlg(this, "Open project", "", "", "Attune projects (*.attune)|*.attune",
                     wxFD_OPEN | wxFD_FILE_MUST_EXIST);
    if (dlg.ShowModal() == wxID_OK)
        open_project(std::filesystem::path(from_wx(dlg.GetPath())));
}

void MainFrame::on_about(wxCommandEvent&)
{
    wxAboutDialogInfo info;
    info.SetName("Attune");
    info.SetVersion(attune::kVersion);
    info.SetDescription("A workbench for coding Adult Attachment Interview transcripts:\n"
                        "passages, scales, classifications and inter-rater agreement.");
    info.SetLicence("GNU General Public License, version 3 or later.");
    wxAboutBox(info, this);
}

void MainFrame::on_quit(wxCommandEvent&)
{
    Close(true);
}

} // namespace attune::app
