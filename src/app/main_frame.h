// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <wx/frame.h>

#include <filesystem>

namespace attune::app {

/// The workbench's top-level window: menus, status bar, and the open project.
class MainFrame : public wxFrame
{
public:
    MainFrame();

    /// Opens a project file; problems are shown in the window, never thrown.
    void open_project(const std::filesystem::path& path);

private:
    void build_menus();
    void on_open(wxCommandEvent& event);
    void on_about(wxCommandEvent& event);
    void on_quit(wxCommandEvent& event);
    void update_title();

    std::filesystem::path m_project_path;
};

} // namespace attune::app
