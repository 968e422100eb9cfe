// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The main window's commands in one table (Aegisub's src/command/): each row is a menu entry
// with its accelerator, an optional toolbar button, when it is enabled, what it does and the
// name the GUI tests run it by ("menu VERB"). The menu bar, the toolbar, the event bindings,
// the accelerator routing and the test verbs are all made from the rows.

#include <wx/artprov.h>
#include <wx/event.h>

#include <functional>
#include <string>
#include <vector>

class wxKeyEvent;
class wxMenu;
class wxMenuBar;
class wxToolBar;

namespace attune::app
{

/// The menus of the menu bar, in the order they appear.
enum class MenuArea
{
    File,
    Edit,
    View,
    Transcript,
    Code,
    Tools,
    Help,
};

/// When a command can be chosen; the frame answers for its present state.
enum class EnabledWhen
{
    Always,
    ProjectOpen,
    /// A project is open and can be changed (not opened read-only).
    Writable,
    /// As Writable, in the project itself rather than a coder's package made from it.
    WritableProject,
    CanUndo,
    CanRedo,
    HasSections,
    /// Decided when the menu is shown (wxEVT_UPDATE_UI): the transcript list's selection.
    TranscriptSelected,
    /// As TranscriptSelected, in a project that can be changed.
    TranscriptWritable,
};

enum class EntryKind
{
    Command,
    Check,
    Separator,
    Submenu,
};

/// A toolbar button; tools of different groups are separated by a gap.
struct ToolSpec
{
    int group = 0; ///< 0: not on the toolbar
    std::string label;
    wxArtID art;
    std::string help; ///< the tooltip
};

struct CommandSpec
{
    MenuArea menu = MenuArea::File;
    EntryKind kind = EntryKind::Command;
    int id = wxID_NONE;
    std::string verb;        ///< the GUI-test name ("menu VERB"); "" for none
    std::string label;       ///< the menu label, with its mnemonic
    std::string accelerator; ///< "Ctrl+Shift+Z", "" for none
    EnabledWhen enabled = EnabledWhen::Always;
    ToolSpec tool;
    wxMenu* submenu = nullptr; ///< EntryKind::Submenu: the menu it opens (owned by the bar)
    std::function<void(wxCommandEvent&)> run;
};

class CommandTable
{
public:
    using State = std::function<bool(EnabledWhen)>;

    CommandTable() = default;
    CommandTable(std::vector<CommandSpec> rows, State state);

    /// The menu bar: one menu per MenuArea, its rows in table order.
    wxMenuBar* make_menu_bar() const;
    /// Adds the rows that have a tool to `bar` and realizes it.
    void fill_toolbar(wxToolBar& bar) const;
    /// Binds every row's handler (and the update-UI check of TranscriptSelected rows).
    void bind(wxEvtHandler& handler) const;
    /// Enables menu entries and tools as the state says.
    void update(wxMenuBar& bar, wxToolBar* tools) const;

    const CommandSpec* by_id(int id) const;
    const CommandSpec* by_verb(const std::string& verb) const;
    /// `text` as the menu shows it for command `id`: with its accelerator after a tab.
    std::string menu_label(int id, const std::string& text) const;
    /// The window's own command (and Find) whose accelerator `e` is and that `bar` has
    /// enabled, else wxID_NONE. Standard ids such as Copy belong to the focused control.
    int own_accelerator(const wxKeyEvent& e, const wxMenuBar& bar) const;

private:
    std::vector<CommandSpec> m_rows;
    State m_state;
};

} // namespace attune::app
