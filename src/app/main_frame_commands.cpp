// SPDX-License-Identifier: GPL-3.0-or-later
// The main window's command table (command_table.h): every menu entry, its accelerator, its
// toolbar button, when it is enabled, its handler and its GUI-test verb, one row each, menu by
// menu in the order the menus show them.
#include "app/main_frame.h"

#include "app/menu_ids.h"

#include <wx/menu.h>
#include <wx/toolbar.h>

namespace attune::app
{

namespace
{

using M = MenuArea;
using E = EnabledWhen;
using Run = std::function<void(wxCommandEvent&)>;

CommandSpec item(MenuArea menu, int id, std::string verb, std::string label,
                 std::string accelerator, EnabledWhen enabled, Run run, ToolSpec tool = {})
{
    CommandSpec row;
    row.menu = menu;
    row.id = id;
    row.verb = std::move(verb);
    row.label = std::move(label);
    row.accelerator = std::move(accelerator);
    row.enabled = enabled;
    row.tool = std::move(tool);
    row.run = std::move(run);
    return row;
}

CommandSpec check(MenuArea menu, int id, std::string verb, std::string label, EnabledWhen enabled,
                  Run run)
{
    CommandSpec row =
        item(menu, id, std::move(verb), std::move(label), "", enabled, std::move(run));
    row.kind = EntryKind::Check;
    return row;
}

CommandSpec separator(MenuArea menu)
{
    CommandSpec row;
    row.menu = menu;
    row.kind = EntryKind::Separator;
    return row;
}

CommandSpec submenu(MenuArea menu, std::string label, wxMenu* entries)
{
    CommandSpec row;
    row.menu = menu;
    row.kind = EntryKind::Submenu;
    row.label = std::move(label);
    row.submenu = entries;
    return row;
}

} // namespace

void MainFrame::build_commands()
{
    auto* recent = new wxMenu;
    m_history.UseMenu(recent);
    m_history.AddFilesToMenu(recent);
    m_section_menu = new wxMenu;
    std::vector<CommandSpec> rows;
    using Part = std::vector<CommandSpec> (MainFrame::*)();
    for (Part part :
         {&MainFrame::file_commands, &MainFrame::edit_commands, &MainFrame::view_commands,
          &MainFrame::code_commands, &MainFrame::reconcile_commands})
        for (auto& row : (this->*part)())
        {
            if (row.kind == EntryKind::Submenu)
                row.submenu = row.menu == MenuArea::File ? recent : m_section_menu;
            rows.push_back(std::move(row));
        }
    m_commands = CommandTable(std::move(rows), [this](EnabledWhen w) { return command_state(w); });
    SetMenuBar(m_commands.make_menu_bar());
    m_commands.fill_toolbar(*CreateToolBar(wxTB_HORIZONTAL | wxTB_TEXT | wxTB_HORZ_LAYOUT));
    m_commands.bind(*this);
    // The two lists that change while the window is open: recent projects and sections.
    Bind(wxEVT_MENU, &MainFrame::on_recent, this, wxID_FILE1, wxID_FILE9);
    Bind(
        wxEVT_MENU, [this](wxCommandEvent& e) { go_to_section(0, e.GetId() - kFirstSection); },
        kFirstSection, kLastSection);
}

bool MainFrame::command_state(EnabledWhen when) const
{
    const bool open = session() != nullptr;
    switch (when)
    {
    case EnabledWhen::Always: return true;
    case EnabledWhen::ProjectOpen: return open;
    case EnabledWhen::Writable: return open && !session()->read_only();
    case EnabledWhen::WritableProject: return open && team_unavailable("").empty();
    case EnabledWhen::CanUndo: return open && session()->can_undo();
    case EnabledWhen::CanRedo: return open && session()->can_redo();
    case EnabledWhen::HasSections: return open && !m_sections.empty();
    case EnabledWhen::TranscriptSelected: return open && selected_transcript();
    case EnabledWhen::TranscriptWritable:
        return open && !session()->read_only() && selected_transcript();
    }
    return false;
}

std::vector<CommandSpec> MainFrame::file_commands()
{
    auto call = [this](void (MainFrame::*f)(wxCommandEvent&))
    { return [this, f](wxCommandEvent& e) { (this->*f)(e); }; };
    return {
        item(M::File, wxID_NEW, "new", "&New Project\u2026", "Ctrl+N", E::Always,
             call(&MainFrame::on_new)),
        item(M::File, wxID_OPEN, "open", "&Open Project\u2026", "Ctrl+O", E::Always,
             call(&MainFrame::on_open), {1, "Open", wxART_FILE_OPEN, "Open a project (Ctrl+O)"}),
        item(M::File, kOpenDemo, "open-demo", "Open &Demo Project", "", E::Always,
             call(&MainFrame::on_open_demo)),
        submenu(M::File, "Open &Recent", nullptr),
        separator(M::File),
        item(M::File, kImport, "import", "&Import Transcripts\u2026", "Ctrl+I", E::Writable,
             call(&MainFrame::on_import),
             {1, "Import", wxART_NEW, "Import transcript files (or drop them on the window)"}),
        item(M::File, kSaveCopy, "save-copy", "Save a &Copy\u2026", "", E::ProjectOpen,
             call(&MainFrame::on_save_copy)),
        // Exporting only reads the project: a read-only one may export too.
        item(M::File, kExportDataset, "export", "&Export Dataset\u2026", "", E::ProjectOpen,
             call(&MainFrame::on_export)),
        item(M::File, kExportReport, "export-report", "Export Re&liability Report\u2026", "",
             E::ProjectOpen, call(&MainFrame::on_export_report)),
        separator(M::File),
        // REFI-QDA (docs/refi-qda.md): exporting reads, importing writes the open project.
        item(M::File, kRefiExport, "refi-export", "E&xport REFI-QDA Project (.qdpx)\u2026", "",
             E::ProjectOpen, call(&MainFrame::on_refi_export)),
        item(M::File, kRefiCodebook, "refi-codebook", "Export REFI-QDA Code&book (.qdc)\u2026", "",
             E::ProjectOpen, call(&MainFrame::on_refi_codebook)),
        item(M::File, kRefiImport, "refi-import", "Impor&t REFI-QDA (.qdpx, .qdc)\u2026", "",
             E::Writable, call(&MainFrame::on_refi_import)),
        separator(M::File),
        // Team work (docs/team-workflow.md): only in the project itself, which can be written.
        item(M::File, kMakePackage, "make-package", "Make Coder's &Package\u2026", "",
             E::WritableProject, call(&MainFrame::on_make_package)),
        item(M::File, kMergePackages, "merge-packages", "&Merge Coder's File\u2026", "",
             E::WritableProject, call(&MainFrame::on_merge)),
        separator(M::File),
        item(M::File, kCloseProject, "close-project", "&Close Project", "Ctrl+W", E::ProjectOpen,
             call(&MainFrame::on_close_project)),
        item(M::File, wxID_EXIT, "quit", "&Quit", "Ctrl+Q", E::Always,
             [this](wxCommandEvent&) { Close(); }),
    };
}

std::vector<CommandSpec> MainFrame::edit_commands()
{
    auto call = [this](void (MainFrame::*f)(wxCommandEvent&))
    { return [this, f](wxCommandEvent& e) { (this->*f)(e); }; };
    return {
        item(M::Edit, wxID_UNDO, "undo", "&Undo", "Ctrl+Z", E::CanUndo, call(&MainFrame::on_undo),
             {2, "Undo", wxART_UNDO, "Undo (Ctrl+Z)"}),
        item(M::Edit, wxID_REDO, "redo", "&Redo", "Ctrl+Shift+Z", E::CanRedo,
             call(&MainFrame::on_redo), {2, "Redo", wxART_REDO, "Redo (Ctrl+Shift+Z)"}),
        separator(M::Edit),
        item(M::Edit, wxID_FIND, "find", "&Find\u2026", "Ctrl+F", E::ProjectOpen,
             call(&MainFrame::on_find), {3, "Find", wxART_FIND, "Find in the transcript (Ctrl+F)"}),
        item(M::Edit, kFindNext, "find-next", "Find &Next", "F3", E::ProjectOpen,
             [this](wxCommandEvent&) { on_find_next(true); }),
        item(M::Edit, kFindPrevious, "find-previous", "Find &Previous", "Shift+F3", E::ProjectOpen,
             [this](wxCommandEvent&) { on_find_next(false); }),
        item(M::Edit, kGotoLine, "goto-line", "&Go to Line\u2026", "Ctrl+G", E::ProjectOpen,
             call(&MainFrame::on_goto_line),
             {3, "Go to line", wxART_GO_DOWN, "Go to a line (Ctrl+G)"}),
    };
}

std::vector<CommandSpec> MainFrame::view_commands()
{
    return {
        item(M::View, kZoomIn, "zoom-in", "Zoom &In", "Ctrl+=", E::Always,
             [this](wxCommandEvent&) { on_zoom(1); }),
        item(M::View, kZoomOut, "zoom-out", "Zoom &Out", "Ctrl+-", E::Always,
             [this](wxCommandEvent&) { on_zoom(-1); }),
        // Ctrl+0 is a scheme code's.
        item(M::View, kZoomReset, "zoom-reset", "&Normal Size", "Ctrl+Alt+0", E::Always,
             [this](wxCommandEvent&) { on_zoom(0); }),
        separator(M::View),
        item(M::View, kNextPane, "next-pane", "Ne&xt Pane", "F6", E::Always,
             [this](wxCommandEvent&) { cycle_pane(+1); }),
        item(M::View, kPreviousPane, "previous-pane", "Pre&vious Pane", "Shift+F6", E::Always,
             [this](wxCommandEvent&) { cycle_pane(-1); }),
        separator(M::View),
        submenu(M::View, "Go to &Section", nullptr),
        item(M::View, kNextSection, "next-section", "Next S&ection", "Ctrl+]", E::HasSections,
             [this](wxCommandEvent&) { go_to_section(+1); }),
        item(M::View, kPreviousSection, "previous-section", "Previous Sec&tion", "Ctrl+[",
             E::HasSections, [this](wxCommandEvent&) { go_to_section(-1); }),
        separator(M::View),
        check(M::View, kShowAllCoders, "show-all-coders",
              "Show &All Coders' Work (leave blind mode)", E::ProjectOpen,
              [this](wxCommandEvent& e) { on_toggle_blind(e); }),
        item(M::View, kShowDashboard, "dashboard", "Reliability &Dashboard", "Ctrl+Shift+R",
             E::ProjectOpen, [this](wxCommandEvent& e) { on_dashboard(e); }),
        check(M::View, kCompareCoders, "compare-coders", "&Compare Coders (leave blind mode)",
              E::ProjectOpen, [this](wxCommandEvent& e) { on_compare(e); }),
    };
}

std::vector<CommandSpec> MainFrame::code_commands()
{
    auto call = [this](void (MainFrame::*f)(wxCommandEvent&))
    { return [this, f](wxCommandEvent& e) { (this->*f)(e); }; };
    auto nudge = [this](bool end, int step)
    { return [this, end, step](wxCommandEvent&) { nudge_focused(end, step); }; };
    return {
        item(M::Transcript, kRenameTranscript, "rename-transcript", "&Rename Transcript\u2026",
             "F2", E::TranscriptWritable,
             [this](wxCommandEvent&) { rename_transcript(selected_transcript()); }),
        item(M::Transcript, kRemoveTranscript, "remove-transcript", "Re&move Transcript\u2026", "",
             E::TranscriptWritable,
             [this](wxCommandEvent&) { remove_transcript(selected_transcript()); }),
        item(M::Code, kApplySelectedCode, "apply-selected-code",
             "&Apply Selected Code to Selection", "Ctrl+Enter", E::Writable,
             call(&MainFrame::on_apply_selected_code)),
        item(M::Code, kEditMemo, "edit-memo", "Edit &Memo\u2026", "Ctrl+M", E::Writable,
             call(&MainFrame::on_edit_memo),
             {3, "Memo", wxART_EDIT, "Edit the selected annotation's memo (Ctrl+M)"}),
        item(M::Code, kMoveToSelection, "move-to-selection", "Move Annotation to &Selection",
             "Ctrl+E", E::Writable, call(&MainFrame::on_move_to_selection)),
        item(M::Code, kDeleteAnnotation, "delete", "&Delete Annotation", "Ctrl+D", E::Writable,
             call(&MainFrame::on_delete_annotation),
             {3, "Delete", wxART_DELETE, "Delete the selected annotation (Ctrl+D)"}),
        separator(M::Code),
        // Alt+arrows, not Shift+Alt or Ctrl+Alt+arrows: window managers (openbox, GNOME) take
        // those to switch workspaces.
        item(M::Code, kNudgeEndRight, "extend-end", "Extend End by a &Word", "Alt+Right",
             E::Writable, nudge(true, +1)),
        item(M::Code, kNudgeEndLeft, "shrink-end", "Shrink End by a Wo&rd", "Alt+Left", E::Writable,
             nudge(true, -1)),
        item(M::Code, kNudgeStartLeft, "extend-start", "Extend Start by a Word", "Alt+,",
             E::Writable, nudge(false, -1)),
        item(M::Code, kNudgeStartRight, "shrink-start", "Shrink Start by a Word", "Alt+.",
             E::Writable, nudge(false, +1)),
        separator(M::Code),
        check(M::Code, kSnapWords, "snap-words", "S&nap Selections to Whole Words", E::Always,
              call(&MainFrame::on_toggle_snap)),
        item(M::Tools, kAddScheme, "add-scheme", "Add Coding &Scheme\u2026", "", E::Writable,
             call(&MainFrame::on_add_scheme)),
        item(M::Tools, kSwitchCoder, "switch-coder", "Switch &Coder\u2026", "", E::ProjectOpen,
             call(&MainFrame::on_switch_coder)),
        item(M::Help, wxID_HELP, "user-guide", "&User Guide", "F1", E::Always,
             call(&MainFrame::on_help)),
        item(M::Help, wxID_ABOUT, "about", "&About Attune", "", E::Always,
             call(&MainFrame::on_about)),
    };
}

} // namespace attune::app
