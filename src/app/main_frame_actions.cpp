// SPDX-License-Identifier: GPL-3.0-or-later
// The main window's menu and key handlers: what each row of the command table
// (main_frame_commands.cpp) does, and the key hook that routes accelerators and scheme shortcuts.
#include "app/main_frame.h"

#include "app/annotation_list_panel.h"
#include "app/code_tree_panel.h"
#include "app/data_paths.h"
#include "app/help_window.h"
#include "app/key_shortcut.h"
#include "app/menu_ids.h"
#include "app/transcript_view.h"
#include "app/wx_string.h"
#include "core/base/version.h"

#include <wx/aboutdlg.h>
#include <wx/filedlg.h>
#include <wx/filehistory.h>
#include <wx/listctrl.h>
#include <wx/menu.h>
#include <wx/notebook.h>
#include <wx/numdlg.h>
#include <wx/panel.h>
#include <wx/statusbr.h>
#include <wx/textctrl.h>

#include <algorithm>
#include <fstream>
#include <sstream>

namespace attune::app
{

void MainFrame::on_help(wxCommandEvent&)
{
    // The guide ships as data: share/doc/attune installed, docs/ in the build tree's share/.
    const auto data = find_data_paths();
    if (!data)
    {
        show_error("The user guide is not installed.", data.error());
        return;
    }
    std::error_code ec;
    if (!std::filesystem::is_regular_file(data->user_guide(), ec))
    {
        show_error("The user guide is not installed.",
                   "Looked for user-guide.md beside " + data->data.string());
        return;
    }
    // Shown inside the app: a desktop may have no program for Markdown.
    HelpWindow::open(this, std::filesystem::weakly_canonical(data->user_guide(), ec));
}

void MainFrame::on_move_to_selection(wxCommandEvent&)
{
    const std::string uuid = focused_annotation();
    const auto sel = m_view->selection_cp();
    if (uuid.empty() || !sel)
    {
        show_message("Select an annotation in the list and the new extent in the text.");
        return;
    }
    run(project::ChangeSpan{coder().id, uuid, sel->first, sel->second}, "Moving the annotation");
}

void MainFrame::on_apply_selected_code(wxCommandEvent&)
{
    if (const CodeItem* c = m_codes->selected_code())
        apply_code(*c);
    else
        show_message("Select a code in the code tree first.");
}

void MainFrame::on_open(wxCommandEvent&)
{
    wxFileDialog dlg(this, "Open project", "", "",
                     "Attune projects (*.attune)|*.attune|All files|*",
                     wxFD_OPEN | wxFD_FILE_MUST_EXIST);
    if (dlg.ShowModal() == wxID_OK)
        open_project(std::filesystem::path(from_wx(dlg.GetPath())));
}

void MainFrame::on_new(wxCommandEvent&)
{
    wxFileDialog dlg(this, "New project", "", "study.attune", "Attune projects (*.attune)|*.attune",
                     wxFD_SAVE | wxFD_OVERWRITE_PROMPT);
    if (dlg.ShowModal() != wxID_OK)
        return;
    std::filesystem::path path(from_wx(dlg.GetPath()));
    if (path.extension() != ".attune")
        path += ".attune";
    if (m_project.create(path) && open_project(path))
        show_message("New project created. Add a coding scheme (Tools \u2192 Add Coding Scheme) "
                     "and import transcripts (File \u2192 Import, or drop files here).");
}

void MainFrame::on_open_demo(wxCommandEvent&)
{
    const auto demo = m_project.find_or_build_demo();
    if (!demo.empty())
        open_project(demo);
}

void MainFrame::on_recent(wxCommandEvent& e)
{
    const wxString path = m_history.GetHistoryFile(static_cast<size_t>(e.GetId() - wxID_FILE1));
    if (!path.empty())
        open_project(std::filesystem::path(from_wx(path)));
}

void MainFrame::on_close_project(wxCommandEvent&)
{
    if (may_leave_transcript())
        close_project();
}

void MainFrame::on_import(wxCommandEvent&)
{
    if (!session())
        return;
    wxFileDialog dlg(this, "Import transcripts", "", "",
                     "Transcripts (*.txt;*.docx;*.odt)|*.txt;*.docx;*.odt|All files|*",
                     wxFD_OPEN | wxFD_MULTIPLE | wxFD_FILE_MUST_EXIST);
    if (dlg.ShowModal() != wxID_OK)
        return;
    wxArrayString paths;
    dlg.GetPaths(paths);
    std::vector<std::filesystem::path> files;
    for (const auto& p : paths)
        files.emplace_back(from_wx(p));
    import_files(files);
}

void MainFrame::on_save_copy(wxCommandEvent&)
{
    if (!session())
        return;
    const auto project = session()->path();
    const std::string suggested = project.stem().string() + " copy.attune";
    wxFileDialog dlg(this, "Save a copy of the project", "", to_wx(suggested),
                     "Attune projects (*.attune)|*.attune", wxFD_SAVE | wxFD_OVERWRITE_PROMPT);
    if (dlg.ShowModal() != wxID_OK)
        return;
    std::filesystem::path target = from_wx(dlg.GetPath());
    if (target.extension() != ".attune")
        target += ".attune";
    try
    {
        // The dialog asked before overwriting; the finished copy replaces the old one in one
        // rename, and core refuses the project itself.
        if (auto r = session()->save_copy(target, true); !r)
            show_error("The copy could not be written.", r.error());
        else
            show_message("A copy of the project with all work so far was saved as " +
                         target.string() + ".");
    }
    catch (const std::exception& e)
    {
        show_error("The copy could not be written.", e.what());
    }
}

void MainFrame::on_drop_files(wxDropFilesEvent& e)
{
    std::vector<std::filesystem::path> files;
    for (int i = 0; i < e.GetNumberOfFiles(); ++i)
        files.emplace_back(from_wx(e.GetFiles()[i]));
    if (!session())
    {
        // A project dropped on the welcome page opens it.
        if (files.size() == 1 && files.front().extension() == ".attune")
            open_project(files.front());
        else
            show_message("Open or create a project first, then drop transcripts on it.");
        return;
    }
    import_files(files);
}

void MainFrame::on_add_scheme(wxCommandEvent&)
{
    if (!session())
        return;
    // The dialog opens on the shipped schemes (or where GTK likes when they are missing).
    const auto data = find_data_paths();
    wxFileDialog dlg(this, "Add coding scheme", data ? to_wx(data->schemes_dir().string()) : "", "",
                     "Attune schemes (*.xml)|*.xml", wxFD_OPEN | wxFD_FILE_MUST_EXIST);
    if (dlg.ShowModal() != wxID_OK)
        return;
    const std::filesystem::path path(from_wx(dlg.GetPath()));
    std::ifstream in(path, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    if (!in)
    {
        show_error("The scheme file could not be read.", path.string());
        return;
    }
    run(project::AddScheme{ss.str(), path.string()}, "Adding the scheme");
}

void MainFrame::on_undo(wxCommandEvent&)
{
    step_history(false);
}

void MainFrame::on_redo(wxCommandEvent&)
{
    step_history(true);
}

void MainFrame::step_history(bool redo)
{
    if (!session() || !(redo ? session()->can_redo() : session()->can_undo()))
        return;
    const std::string failed = redo ? "Redo did not work." : "Undo did not work.";
    try
    {
        if (auto r = redo ? session()->redo() : session()->undo(); !r)
            show_error(failed, r.error());
    }
    catch (const std::exception& e)
    {
        show_error(failed, e.what());
    }
    update_menus();
}

void MainFrame::on_find(wxCommandEvent&)
{
    if (!session())
        return;
    m_find_bar->Show();
    m_find_bar->GetParent()->Layout();
    if (m_view->GetSelectionEnd() > m_view->GetSelectionStart() &&
        m_view->LineFromPosition(m_view->GetSelectionStart()) ==
            m_view->LineFromPosition(m_view->GetSelectionEnd()))
        m_find->ChangeValue(m_view->GetSelectedText());
    m_find->SetFocus();
    m_find->SelectAll();
}

void MainFrame::on_find_next(bool forward)
{
    const std::string query = from_wx(m_find->GetValue());
    if (query.empty() || m_text.empty())
    {
        wxCommandEvent open_bar;
        on_find(open_bar);
        return;
    }
    const auto& map = m_view->positions();
    const std::int64_t from = forward ? map.byte_to_cp(m_view->GetSelectionEnd())
                                      : map.byte_to_cp(m_view->GetSelectionStart());
    const auto hit = find_in_text(m_text, query, from, forward);
    if (!hit)
    {
        SetStatusText(to_wx("\"" + query + "\" does not occur in this transcript."), 0);
        wxBell();
        return;
    }
    m_view->show_find_hit(hit->first, hit->second);
    SetStatusText("", 0);
}

void MainFrame::on_goto_line(wxCommandEvent&)
{
    if (!session() || !m_current)
        return;
    const long line =
        wxGetNumberFromUser("Line number:", "", "Go to line", m_view->GetCurrentLine() + 1, 1,
                            m_view->GetLineCount(), this);
    if (line > 0)
    {
        m_view->go_to_line_number(static_cast<int>(line));
        m_view->SetFocus(); // the keyboard goes where the coder asked to go
    }
}

void MainFrame::on_zoom(int delta)
{
    if (delta > 0)
        m_view->ZoomIn();
    else if (delta < 0)
        m_view->ZoomOut();
    else
        m_view->SetZoom(0);
    SetStatusText(wxString::Format("Zoom %d%%", m_view->zoom_percent()), 0);
}

void MainFrame::on_toggle_blind(wxCommandEvent& e)
{
    // Leaving blind mode is a deliberate, recorded act (main_frame_compare.cpp).
    if (e.IsChecked() && m_blind && !unblind("Show All Coders' Work"))
    {
        GetMenuBar()->Check(kShowAllCoders, false);
        return;
    }
    if (!e.IsChecked())
        set_compare_shown(false); // the compare view shows others' work
    m_blind = !e.IsChecked();
    refresh_codings();
    reset_reconcile(false);
    update_title();
    if (!m_blind && session())
    {
        // Say how to tell whose passage is whose (the styles of show_codings, by name).
        std::vector<std::string> others;
        for (const auto& c : session()->coders())
            if (c.id != coder().id)
                others.push_back(c.name);
        std::sort(others.begin(), others.end());
        std::string legend = "All coders' work shown (others' is read-only): yours filled";
        for (std::size_t i = 0; i < others.size(); ++i)
            legend +=
                ", " + others[i] + " " + TranscriptView::other_coder_style(static_cast<int>(i));
        SetStatusText(to_wx(legend), 0);
    }
}

void MainFrame::on_toggle_snap(wxCommandEvent& e)
{
    m_view->set_snap_to_words(e.IsChecked());
}

void MainFrame::on_switch_coder(wxCommandEvent&)
{
    if (!session() || !may_leave_transcript())
        return;
    m_project.switch_coder();
    // Blind again for whoever codes now: revealing others' work is a deliberate act each time.
    back_to_blind();
    reset_reconcile(false);
    refresh_transcript_list();
    if (m_current)
        show_transcript(m_current);
    update_title();
}

void MainFrame::on_delete_annotation(wxCommandEvent&)
{
    const std::string uuid = focused_annotation();
    if (uuid.empty())
        show_message(
            "Select an annotation in the list (or put the caret inside one) to delete it.");
    else
        delete_annotation(uuid);
}

void MainFrame::on_edit_memo(wxCommandEvent&)
{
    const std::string uuid = focused_annotation();
    if (uuid.empty())
        show_message("Select an annotation in the list (or put the caret inside one) first.");
    else
        edit_memo(uuid);
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

void MainFrame::cycle_pane(int step)
{
    if (!session())
        return;
    // Keyboard-only coding moves between the four areas in reading order: transcripts, text,
    // codes, and the notebook page on show (annotations, ratings or classification).
    wxWindow* panes[] = {m_transcripts, m_view, m_codes, m_tabs->GetCurrentPage()};
    constexpr int n = 4;
    int at = -1;
    for (wxWindow* w = FindFocus(); w && at < 0; w = w->GetParent())
        for (int i = 0; i < n; ++i)
            if (panes[i] == w)
                at = i;
    const int next = at < 0 ? 0 : ((at + step) % n + n) % n;
    if (next == 2)
        m_codes->focus_tree();
    else if (next == 3 && panes[3] == m_annotations)
        m_annotations->focus_list();
    else
        panes[next]->SetFocus();
    static const char* const kNames[] = {"Transcripts", "Transcript text", "Codes",
                                         "Annotations / ratings / classification"};
    SetStatusText(wxString::FromUTF8(kNames[next]) + " has the keyboard", 0);
}

void MainFrame::on_char_hook(wxKeyEvent& e)
{
    // Scheme shortcuts act when the transcript or the code tree has the keyboard; in text
    // fields (find, memo, note) keys must type.
    if (reconcile_key(e)) // F8 from anywhere (main_frame_reconcile.cpp)
        return;
    wxWindow* focus = FindFocus();
    const bool typing = dynamic_cast<wxTextCtrl*>(focus) != nullptr;
    // The transcript is a text control with its own (empty) undo history bound to Ctrl+Z; it
    // would swallow the key before the Edit menu sees it, so undo/redo are routed here.
    if (session() && !typing && e.ControlDown() && !e.AltDown() &&
        (e.GetKeyCode() == 'Z' || (e.GetKeyCode() == 'Y' && !e.ShiftDown())))
    {
        wxCommandEvent cmd(wxEVT_MENU,
                           e.GetKeyCode() == 'Y' || e.ShiftDown() ? wxID_REDO : wxID_UNDO);
        GetEventHandler()->ProcessEvent(cmd);
        return;
    }
    // The window's own accelerators act wherever the keyboard is. The transcript (Scintilla)
    // binds Ctrl+D, Ctrl+], Alt+Shift+arrows … to editing commands of its own and the generic
    // list control's type-ahead takes Ctrl+I: such keys never reached the menu. So a key that
    // is one of this window's own menu accelerators runs that menu command here.
    if (session() && !typing && (e.ControlDown() || e.AltDown()))
        if (const int menu = m_commands.own_accelerator(e, *GetMenuBar()); menu != wxID_NONE)
        {
            wxCommandEvent cmd(wxEVT_MENU, menu);
            GetEventHandler()->ProcessEvent(cmd);
            return;
        }
    // Ctrl+PageDown / Ctrl+PageUp turn the tabs (annotations, ratings, classification) from
    // anywhere and give the new tab the keyboard: GTK does it only when the tab strip itself
    // has focus.
    if (session() && e.ControlDown() && !e.AltDown() &&
        (e.GetKeyCode() == WXK_PAGEDOWN || e.GetKeyCode() == WXK_PAGEUP))
    {
        m_tabs->AdvanceSelection(e.GetKeyCode() == WXK_PAGEDOWN);
        if (m_tabs->GetCurrentPage() == m_annotations)
            m_annotations->focus_list();
        else
            m_tabs->GetCurrentPage()->SetFocus();
        return;
    }
    if (!session() || !m_current || typing || m_schemes.empty())
    {
        e.Skip();
        return;
    }
    int key = e.GetKeyCode();
    if (key >= WXK_F1 && key <= WXK_F12)
        key = 1001 + (key - WXK_F1);
    const std::string sc = shortcut_from_key(e.ControlDown(), e.AltDown(), e.ShiftDown(), key);
    if (sc.empty() || is_reserved_shortcut(sc))
    {
        e.Skip();
        return;
    }
    // Shortcuts are unique within a scheme, not across the project's schemes: the first
    // scheme's code wins, and the coder is told which one was applied.
    std::vector<const CodeItem*> matches;
    for (const auto& v : m_schemes)
        for (const auto& c : v.codes)
            if (!c.is_group && c.shortcut == sc)
                matches.push_back(&c);
    if (matches.empty())
    {
        e.Skip();
        return;
    }
    if (apply_code(*matches.front()) && matches.size() > 1)
        SetStatusText(to_wx(sc + " applied \"" + matches.front()->name + "\" (" +
                            matches.front()->scheme_id + "); " +
                            std::to_string(matches.size() - 1) +
                            " other scheme(s) use the same key \u2014 click the code instead"),
                      0);
}

} // namespace attune::app
