// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/project_controller.h"

#include "app/coder_dialog.h"
#include "app/data_paths.h"
#include "app/wx_string.h"

#include <wx/busyinfo.h>
#include <wx/config.h>
#include <wx/msgdlg.h>
#include <wx/stdpaths.h>
#include <wx/utils.h>

#include <chrono>
#include <cstdio>
#include <ctime>
#include <vector>

namespace attune::app
{

namespace
{

/// "2026-03-01 14.05": when a backup was written, for its restored copy's name.
std::string stamp_of(std::filesystem::file_time_type written)
{
    const auto when = std::chrono::file_clock::to_sys(written);
    const std::time_t t = std::chrono::system_clock::to_time_t(when);
    char stamp[32];
    std::strftime(stamp, sizeof stamp, "%Y-%m-%d %H.%M", std::localtime(&t));
    return stamp;
}

/// Where a restored copy of `path` made from a backup of `stamp` goes: beside it, never over
/// an existing file.
std::filesystem::path restored_path(const std::filesystem::path& path, const std::string& stamp,
                                    bool unused)
{
    auto restored =
        path.parent_path() / (path.stem().string() + " (restored " + stamp + ").attune");
    std::error_code ec;
    for (int n = 2; unused && std::filesystem::exists(restored, ec); ++n)
        restored = path.parent_path() / (path.stem().string() + " (restored " + stamp + ", " +
                                         std::to_string(n) + ").attune");
    return restored;
}

} // namespace

ProjectController::ProjectController(wxWindow& parent, WorkbenchUi& ui, bool interactive,
                                     std::optional<std::string> coder)
    : m_parent(parent), m_ui(ui), m_interactive(interactive), m_fixed_coder(std::move(coder))
{
}

ProjectController::~ProjectController()
{
    close();
}

std::unique_ptr<project::Session> ProjectController::open(const std::filesystem::path& path)
{
    auto session = project::Session::open(path);
    if (session)
        return std::move(session).value();
    if (session.error().code == ErrorCode::StoreCorrupt)
        return offer_backup(path, session.error());
    m_ui.show_error("The project \"" + path.filename().string() + "\" could not be opened.",
                    session.error());
    return nullptr;
}

std::unique_ptr<project::Session> ProjectController::offer_backup(const std::filesystem::path& path,
                                                                  const Error& damage)
{
    const std::string name = path.filename().string();
    const auto backups = project::good_backups(path);
    if (backups.empty())
    {
        m_ui.show_error("The project \"" + name +
                            "\" could not be opened: the file is damaged (nothing was written to "
                            "it), and no good backup copy was found next to it.",
                        damage);
        return nullptr;
    }
    const auto& newest = backups.front();
    const std::string stamp = stamp_of(newest.written);
    if (!m_interactive)
    {
        m_ui.show_error("The project \"" + name +
                            "\" could not be opened: the file is damaged "
                            "(nothing was written to it). The newest good copy is " +
                            newest.path.string() + ".",
                        damage);
        return nullptr;
    }
    const std::string question =
        "The project \"" + name +
        "\" is damaged and was not opened; nothing was written to it.\n\n" + damage.message +
        "\n\nThe newest good copy is " + newest.path.filename().string() + ", written " + stamp +
        ". Work done after that is not in it.\n\nOpen a copy of it as \"" +
        restored_path(path, stamp, false).filename().string() +
        "\"? (The damaged file stays as it is.)";
    wxMessageDialog ask(&m_parent, to_wx(question), "Damaged project", wxYES_NO | wxICON_WARNING);
    ask.SetYesNoLabels("Open the Restored Copy", "Cancel");
    if (ask.ShowModal() != wxID_YES)
        return nullptr;
    const auto restored = restored_path(path, stamp, true);
    std::error_code ec;
    std::filesystem::copy_file(newest.path, restored, ec);
    if (ec)
    {
        m_ui.show_error("The restored copy could not be written.", ec.message());
        return nullptr;
    }
    return open(restored);
}

bool ProjectController::adopt(std::unique_ptr<project::Session> session,
                              std::function<void(const project::Changed&)> on_change)
{
    close();
    m_session = std::move(session);
    // The file was verified on opening: keep that state as the automatic backup, so a file
    // damaged later (a disk, a copy taken mid-write) has a good copy to come back to.
    // A project opened read-only is not written to, nor is anything put beside it.
    if (!m_session->read_only())
        if (auto b = m_session->save_copy(project::automatic_backup_path(m_session->path()), true);
            !b)
            std::fprintf(stderr, "attune: the automatic backup was not written: %s\n",
                         b.error().to_string().c_str());
    m_subscription = m_session->subscribe(std::move(on_change));
    if (!choose_coder(m_fixed_coder))
    {
        close();
        return false;
    }
    return true;
}

void ProjectController::close()
{
    m_watch.Stop();
    if (m_session && m_subscription >= 0)
        m_session->unsubscribe(m_subscription);
    m_subscription = -1;
    m_session.reset();
    m_coder = {};
}

bool ProjectController::create(const std::filesystem::path& path)
{
    std::error_code ec;
    if (std::filesystem::exists(path, ec))
    {
        m_ui.show_error("A file named \"" + path.filename().string() + "\" already exists.",
                        "Choose another name; Attune does not overwrite projects.");
        return false;
    }
    auto created = project::Session::create(path);
    if (!created)
    {
        m_ui.show_error("The project could not be created.", created.error());
        return false;
    }
    return true;
}

std::optional<std::string> ProjectController::ask_coder_name()
{
    std::vector<std::string> names;
    for (const auto& c : m_session->coders())
        names.push_back(c.name);
    if (!m_interactive)
    {
        if (names.empty())
            return std::nullopt;
        return names.front();
    }
    const wxString last = wxConfig::Get()->Read("/coder/last", "");
    CoderDialog dlg(&m_parent, names, from_wx(last));
    if (dlg.ShowModal() != wxID_OK)
        return std::nullopt;
    return dlg.name();
}

bool ProjectController::choose_coder(const std::optional<std::string>& given)
{
    const auto name = given ? given : ask_coder_name();
    if (!name)
        return false;
    if (name->empty())
    {
        m_ui.show_error("No coder was chosen.",
                        "Open the project again and choose or type a name.");
        return false;
    }
    auto coder = m_session->coder(*name);
    if (!coder)
    {
        if (!m_ui.run(project::AddCoder{*name}, "Adding coder " + *name))
            return false;
        coder = m_session->coder(*name);
        if (!coder)
            return false;
    }
    m_coder = coder.value();
    // Each coder undoes only their own steps (and finds them again on switching back).
    m_session->set_history_owner(m_coder.name);
    if (m_interactive)
        wxConfig::Get()->Write("/coder/last", to_wx(*name));
    return true;
}

void ProjectController::switch_coder()
{
    if (!m_session)
        return;
    const project::Coder before = m_coder;
    if (!choose_coder(std::nullopt))
    {
        m_coder = before;
        m_session->set_history_owner(m_coder.name);
    }
}

void ProjectController::check_other_writers()
{
    if (!m_session || m_checking_others)
        return;
    m_checking_others = true;
    const std::string what = "The project could not be re-read after another program changed it.";
    try
    {
        if (auto r = m_session->refresh_if_changed_elsewhere(); !r)
            m_ui.show_error(what, r.error());
    }
    catch (const std::exception& e)
    {
        m_ui.show_error(what, e.what());
    }
    m_checking_others = false;
}

std::filesystem::path ProjectController::find_or_build_demo()
{
    namespace fs = std::filesystem;
    std::error_code ec;
    const fs::path exe_dir =
        fs::path(from_wx(wxStandardPaths::Get().GetExecutablePath())).parent_path();
    const fs::path user_dir(from_wx(wxStandardPaths::Get().GetUserDataDir()));
    // The shipped data, found relative to this program (installed or in the build tree), never
    // through the sources' path.
    const auto data = find_data_paths();
    // `scripts/setup run` builds the demo into the build tree; a package may ship one ready-made
    // in share/attune; otherwise the app builds its own copy once, in the user's data directory.
    std::vector<fs::path> candidates;
    if (data)
        for (const auto& c : {data->build_tree_demo(), data->prebuilt_demo()})
            if (!c.empty())
                candidates.push_back(c);
    candidates.push_back(user_dir / "demo.attune");
    // ATTUNE_DEMO names the demo's place outright (tests, shared installations): used when
    // present, built there when not.
    wxString forced;
    const bool has_forced = wxGetEnv("ATTUNE_DEMO", &forced) && !forced.empty();
    if (has_forced && fs::is_regular_file(from_wx(forced), ec))
        return fs::path(from_wx(forced));
    if (!has_forced)
        for (const auto& c : candidates)
            if (fs::is_regular_file(c, ec))
                return fs::weakly_canonical(c, ec);

    const fs::path script = data ? data->build_demo_script() : fs::path();
    if (script.empty() || !fs::exists(script, ec))
    {
        std::string looked;
        for (const auto& c : candidates)
            looked += c.string() + ", ";
        m_ui.show_error("The demo project is not available in this installation.",
                        "Neither a built demo.attune nor samples/build-demo to make one was "
                        "found.\nLooked for: " +
                            looked + (data ? script.string() : data.error().message));
        return {};
    }
    const fs::path demo = has_forced ? fs::path(from_wx(forced)) : user_dir / "demo.attune";
    fs::create_directories(demo.parent_path(), ec);
    // build-demo drives attune-cli: the one built beside this app (build tree) or installed
    // beside it comes first on PATH.
    wxExecuteEnv env;
    wxGetEnvMap(&env.env);
    wxString path = to_wx((exe_dir / ".." / "cli").string()) + ":" + to_wx(exe_dir.string());
    if (env.env.count("PATH"))
        path += ":" + env.env["PATH"];
    env.env["PATH"] = path;
    for (const auto& cli : {exe_dir / ".." / "cli" / "attune-cli", exe_dir / "attune-cli"})
        if (!env.env.count("ATTUNE_CLI") && fs::is_regular_file(cli, ec))
            env.env["ATTUNE_CLI"] = to_wx(fs::weakly_canonical(cli, ec).string());
    wxBusyInfo busy("Building the demo project\u2026", &m_parent);
    wxArrayString out, err;
    const long rc = wxExecute(to_wx("\"" + script.string() + "\" \"" + demo.string() + "\""), out,
                              err, wxEXEC_SYNC, &env);
    if (rc != 0 || !fs::is_regular_file(demo, ec))
    {
        std::string detail = script.string() + " exited with status " + std::to_string(rc) + "\n";
        for (const auto& l : err)
            detail += from_wx(l) + "\n";
        m_ui.show_error("The demo project could not be built.", detail);
        fs::remove(demo, ec); // a half-built demo must not be found next time
        return {};
    }
    return demo;
}

} // namespace attune::app
