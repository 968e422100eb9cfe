// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The open project's lifecycle for the main window: opening (a damaged file offers its newest
// good backup), creating, closing, the automatic backup, who codes, the demo project, and
// looking for other programs' writes. The window shows what it holds; this class decides.

#include "app/workbench_ui.h"
#include "core/project/session.h"

#include <wx/timer.h>

#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>

class wxWindow;

namespace attune::app
{

class ProjectController
{
public:
    /// `interactive`: a person is there to answer dialogs. `coder`: work as this coder instead
    /// of asking (--coder).
    ProjectController(wxWindow& parent, WorkbenchUi& ui, bool interactive,
                      std::optional<std::string> coder);
    ~ProjectController();
    ProjectController(const ProjectController&) = delete;
    ProjectController& operator=(const ProjectController&) = delete;

    project::Session* session() const { return m_session.get(); }
    const project::Coder& coder() const { return m_coder; }

    /// Opens the project at `path`, or a restored copy of its newest good backup when it is
    /// damaged and the person agrees. Problems are shown; nullptr then. Nothing is installed:
    /// the project open so far stays open until adopt().
    std::unique_ptr<project::Session> open(const std::filesystem::path& path);
    /// Makes `session` the open project: writes its automatic backup, subscribes `on_change`,
    /// and asks who codes. False (and no project open) when no coder was chosen.
    bool adopt(std::unique_ptr<project::Session> session,
               std::function<void(const project::Changed&)> on_change);
    /// Closes the open project, if any.
    void close();
    /// Creates a new, empty project file at `path` (never over an existing file). False, with
    /// the reason shown, when it could not.
    bool create(const std::filesystem::path& path);
    /// Asks who codes now (even with --coder); the coder stays who it was when cancelled.
    void switch_coder();

    /// Looks (once a second, and when asked) whether another program wrote the project; the
    /// session then tells its subscribers. Polling runs while a project is open.
    void check_other_writers();
    void start_watching() { m_watch.Start(1000); }

    /// The demo project: found (ATTUNE_DEMO, the build tree, an install, the user's data) or
    /// built with samples/build-demo; empty after showing why it is unavailable.
    std::filesystem::path find_or_build_demo();

private:
    bool choose_coder(const std::optional<std::string>& given);
    std::optional<std::string> ask_coder_name();
    std::unique_ptr<project::Session> offer_backup(const std::filesystem::path& path,
                                                   const Error& damage);

    class Watch : public wxTimer
    {
    public:
        explicit Watch(ProjectController& owner) : m_owner(owner) {}
        void Notify() override { m_owner.check_other_writers(); }

    private:
        ProjectController& m_owner;
    };

    wxWindow& m_parent;
    WorkbenchUi& m_ui;
    bool m_interactive;
    std::optional<std::string> m_fixed_coder;
    std::unique_ptr<project::Session> m_session;
    int m_subscription = -1;
    project::Coder m_coder;
    Watch m_watch{*this};
    bool m_checking_others = false; ///< check_other_writers is running (no re-entry)
};

} // namespace attune::app
