// SPDX-License-Identifier: GPL-3.0-or-later
// The GUI-test driver's commands (--gui-test SCRIPT): each drives the same widget or handler a
// user's action reaches. Kept apart from main_frame.cpp so the window's own code reads alone.
#include "app/main_frame.h"

#include "app/annotation_list_panel.h"
#include "app/classification_panel.h"
#include "app/code_tree_panel.h"
#include "app/menu_ids.h"
#include "app/ratings_panel.h"
#include "app/transcript_view.h"
#include "app/wx_string.h"

#include <wx/app.h>
#include <wx/infobar.h>
#include <wx/listctrl.h>
#include <wx/menu.h>
#include <wx/notebook.h>
#include <wx/statusbr.h>
#include <wx/textctrl.h>
#include <wx/time.h>
#include <wx/uiaction.h>
#include <wx/utils.h>

#include <algorithm>
#include <cctype>

namespace attune::app
{

namespace
{

// Let the event loop run until `done` holds or `max_ms` pass (whichever is first). Real X
// input (XTest) reaches the window only after the X server and GTK have passed it on; on a
// loaded machine (two tests at once on two cores) that can take far longer than the few
// milliseconds it takes alone, so an action's effect is waited for, not assumed after a
// fixed pause.
template <typename Done> bool settle_until(Done done, int max_ms = 5000)
{
    const wxLongLong until = wxGetLocalTimeMillis() + max_ms;
    while (!done())
    {
        if (wxGetLocalTimeMillis() > until)
            return false;
        wxTheApp->Yield(true);
        wxMilliSleep(10);
    }
    return true;
}

} // namespace

// ---------------------------------------------------------------------------------------------
// GUI test commands: each drives the same widget or handler a user's action reaches.

std::string MainFrame::run_test_command(const std::vector<std::string>& w)
{
    const std::string& cmd = w[0];
    if (cmd == "fails" && w.size() > 1)
    {
        // The inner command must fail (and the app must stay usable).
        const std::string inner = run_test_command({w.begin() + 1, w.end()});
        return inner.empty() ? "expected '" + w[1] + "' to fail" : "";
    }
    auto need = [&](std::size_t n) { return w.size() >= n + 1; };
    auto opt = [](const std::string& s) { return s == "-" ? std::string() : s; };
    if (cmd.rfind("expect-", 0) != 0)
        m_last_error.clear(); // each action reports only its own failure
    if (cmd != "screenshot" && m_view->CallTipActive())
        m_view->CallTipCancel(); // as moving the mouse away would
    if (cmd == "transcript" && need(1))
        return show_transcript_named(w[1]) ? "" : "no transcript " + w[1];
    if (cmd == "open-demo")
    {
        // What the welcome page's "Open demo project" button does.
        wxCommandEvent e(wxEVT_MENU, kOpenDemo);
        GetEventHandler()->ProcessEvent(e);
        return m_session ? "" : "the demo project did not open: " + m_last_error;
    }
    if (!m_session && cmd != "expect-title" && cmd != "screenshot")
        return "no project is open";
    if (auto done = run_transcript_test_command(w))
        return *done; // main_frame_transcripts.cpp
    if (cmd == "select" && need(2))
    {
        // As a mouse drag would: the view's selection in its own (byte) positions.
        const auto& map = m_view->positions();
        m_view->SetFocus();
        m_view->SetSelection(static_cast<int>(map.cp_to_byte(std::stoll(w[1]))),
                             static_cast<int>(map.cp_to_byte(std::stoll(w[2]))));
        return "";
    }
    if (cmd == "snap" && need(1))
    {
        GetMenuBar()->Check(kSnapWords, w[1] == "on");
        wxCommandEvent e(wxEVT_MENU, kSnapWords);
        e.SetInt(w[1] == "on" ? 1 : 0);
        GetEventHandler()->ProcessEvent(e);
        return "";
    }
    if (cmd == "keys" && need(1))
    {
        // Real key presses (XTest) to whatever has the keyboard, one per word, as a coder
        // types them: the keyboard-only workflow goes through GTK, accelerators and the hook.
        static const std::pair<const char*, int> kNamed[] = {
            {"Right", WXK_RIGHT},   {"Left", WXK_LEFT},         {"Up", WXK_UP},
            {"Down", WXK_DOWN},     {"Home", WXK_HOME},         {"End", WXK_END},
            {"Tab", WXK_TAB},       {"Enter", WXK_RETURN},      {"Space", WXK_SPACE},
            {"Escape", WXK_ESCAPE}, {"PageDown", WXK_PAGEDOWN}, {"PageUp", WXK_PAGEUP},
            {"Delete", WXK_DELETE}};
        wxUIActionSimulator sim;
        for (std::size_t i = 1; i < w.size(); ++i)
        {
            std::string k = w[i];
            int modifiers = wxMOD_NONE;
            for (bool more = true; more;)
            {
                more = false;
                for (const auto& [prefix, mod] :
                     {std::pair<std::string, int>{"Ctrl+", wxMOD_CONTROL},
                      {"Alt+", wxMOD_ALT},
                      {"Shift+", wxMOD_SHIFT}})
                    if (k.rfind(prefix, 0) == 0)
                    {
                        modifiers |= mod;
                        k = k.substr(prefix.size());
                        more = true;
                    }
            }
            int code = 0;
            for (const auto& [name, c] : kNamed)
                if (k == name)
                    code = c;
            if (code == 0 && k.size() == 1)
                code = std::tolower(static_cast<unsigned char>(k[0]));
            else if (code == 0 && k.size() > 1 && k[0] == 'F')
                code = WXK_F1 + std::stoi(k.substr(1)) - 1;
            if (code == 0)
                return "cannot type key " + w[i];
            sim.Char(code, modifiers);
            for (int j = 0; j < 10; ++j)
            {
                wxTheApp->Yield(true);
                wxMilliSleep(5);
            }
            if (!m_last_error.empty())
                return m_last_error;
        }
        return "";
    }
    if (cmd == "expect-focus" && need(1))
    {
        // Which of the four areas has the keyboard: transcripts, text, codes, tabs.
        const std::pair<const char*, wxWindow*> panes[] = {
            {"transcripts", m_transcripts}, {"text", m_view}, {"codes", m_codes}, {"tabs", m_tabs}};
        std::string at = "nothing";
        for (wxWindow* f = FindFocus(); f && at == "nothing"; f = f->GetParent())
            for (const auto& [name, win] : panes)
                if (win == f)
                    at = name;
        return at == w[1] ? "" : "the keyboard is in " + at + ", not " + w[1];
    }
    if (cmd == "key" && need(1))
    {
        // A synthesized key press delivered to the frame's key hook, as GTK delivers a real one.
        wxKeyEvent e(wxEVT_CHAR_HOOK);
        std::string k = w[1];
        for (;;)
        {
            if (k.rfind("Ctrl+", 0) == 0)
            {
                e.SetControlDown(true);
                k = k.substr(5);
            }
            else if (k.rfind("Alt+", 0) == 0)
            {
                e.SetAltDown(true);
                k = k.substr(4);
            }
            else if (k.rfind("Shift+", 0) == 0)
            {
                e.SetShiftDown(true);
                k = k.substr(6);
            }
            else
                break;
        }
        if (k.size() == 1)
            e.m_keyCode =
                static_cast<unsigned char>(std::toupper(static_cast<unsigned char>(k[0])));
        else if (k.size() > 1 && k[0] == 'F')
            e.m_keyCode = WXK_F1 + std::stoi(k.substr(1)) - 1;
        else
            return "cannot type key " + w[1];
        m_view->SetFocus();
        e.SetEventObject(m_view);
        const std::size_t before = m_annotations->rows().size();
        GetEventHandler()->ProcessEvent(e);
        if (!m_last_error.empty())
            return m_last_error;
        return m_annotations->rows().size() > before ? "" : "the key applied no code";
    }
    if (cmd == "menu" && need(1))
    {
        const std::map<std::string, int> ids = {
            {"undo", wxID_UNDO},           {"redo", wxID_REDO},
            {"delete", kDeleteAnnotation}, {"find-next", kFindNext},
            {"zoom-in", kZoomIn},          {"zoom-out", kZoomOut},
            {"zoom-reset", kZoomReset},    {"move-to-selection", kMoveToSelection}};
        auto it = ids.find(w[1]);
        if (it == ids.end())
            return "unknown menu item " + w[1];
        if (!GetMenuBar()->IsEnabled(it->second))
            return "menu item " + w[1] + " is disabled";
        wxCommandEvent e(wxEVT_MENU, it->second);
        GetEventHandler()->ProcessEvent(e);
        return m_last_error;
    }
    if (cmd == "select-annotation" && need(1))
    {
        // Row N (1-based) of the annotation list, as a click would pick it.
        const auto row = static_cast<std::size_t>(std::stoul(w[1]));
        if (row < 1 || row > m_annotations->rows().size())
            return "no annotation row " + w[1];
        const auto& a = m_annotations->rows().at(row - 1);
        m_annotations->select_uuid(a.uuid);
        m_view->select_cp(a.start, a.end);
        return "";
    }
    if (cmd == "memo" && need(1))
    {
        const std::string uuid = focused_annotation();
        if (uuid.empty())
            return "no annotation selected";
        edit_memo(uuid, w[1]);
        return m_last_error;
    }
    if (cmd == "rate" && need(3))
    {
        if (!m_ratings->choose(w[1], opt(w[2]), w[3]))
            return "no scale " + w[1] + " with target '" + opt(w[2]) + "' and value " + w[3];
        return m_last_error;
    }
    if (cmd == "classify" && need(4))
    {
        if (!m_classification->choose(w[1], opt(w[2]), opt(w[3]), opt(w[4])))
            return "the classification chooser has no such entries";
        return m_last_error;
    }
    if (cmd == "choose-classification" && need(4))
    {
        // The choosers set one by one as a coder picks them, without pressing Save.
        if (!m_classification->choose(w[1], opt(w[2]), opt(w[3]), opt(w[4]), false))
            return "the classification chooser has no such entries";
        return m_last_error;
    }
    if (cmd == "expect-unsaved-classification" && need(1))
    {
        const bool unsaved = m_classification->has_unsaved();
        return unsaved == (w[1] == "yes")
                   ? ""
                   : std::string("the classification is ") + (unsaved ? "unsaved" : "saved");
    }
    if (cmd == "rate-note" && need(3))
    {
        // Typed into the rating's note field, then Enter.
        if (!m_ratings->type_note(w[1], opt(w[2]), w[3]))
            return "no editable note for scale " + w[1] + " target '" + opt(w[2]) + "'";
        return m_last_error;
    }
    if (cmd == "expect-evidence" && need(3))
    {
        // The evidence links a rating row shows, e.g. "l.2 l.4" ("-" for none).
        const auto shown = m_ratings->evidence_text(w[1], opt(w[2]));
        if (!shown)
            return "no rating row " + w[1] + "/" + opt(w[2]);
        return *shown == opt(w[3])
                   ? ""
                   : "the evidence shown is '" + *shown + "', not '" + opt(w[3]) + "'";
    }
    if (cmd == "click-evidence" && need(3))
    {
        // A real mouse click (XTest) on a rating row's n-th evidence link.
        // Let pending layout settle first: links are placed by the panel's next layout.
        for (int i = 0; i < 10; ++i)
        {
            wxTheApp->Yield(true);
            wxMilliSleep(10);
        }
        wxWindow* link = m_ratings->evidence_link(w[1], opt(w[2]), std::stoul(w[3]));
        if (!link)
            return "no evidence link " + w[3] + " for " + w[1] + "/" + opt(w[2]);
        wxUIActionSimulator sim;
        sim.MouseMove(link->GetScreenRect().GetLeft() + 3,
                      link->GetScreenRect().GetTop() + link->GetSize().y / 2);
        sim.MouseClick();
        for (int i = 0; i < 20; ++i)
        {
            wxTheApp->Yield(true);
            wxMilliSleep(10);
        }
        return m_last_error;
    }
    if (cmd == "expect-selection" && need(2))
    {
        const auto& map = m_view->positions();
        const std::string got = std::to_string(map.byte_to_cp(m_view->GetSelectionStart())) + " " +
                                std::to_string(map.byte_to_cp(m_view->GetSelectionEnd()));
        return got == w[1] + " " + w[2]
                   ? ""
                   : "the selection is [" + got + "), not [" + w[1] + " " + w[2] + ")";
    }
    if (cmd == "wheel" && need(3))
    {
        // Real wheel notches (X buttons 4 and 5 from xdotool) with the pointer resting on a
        // widget found by name (rate:SCALE/TARGET, class_main, …), as a coder scrolls past it.
        wxWindow* target = wxWindow::FindWindowByName(to_wx(w[1]), this);
        if (!target || !target->IsShownOnScreen())
            return "no visible widget " + w[1];
        const wxRect r = target->GetScreenRect();
        const wxPoint centre(r.GetLeft() + r.GetWidth() / 2, r.GetTop() + r.GetHeight() / 2);
        // The point must be one a person could rest the pointer on: inside every enclosing
        // window (a chooser scrolled or clipped out of its panel is not).
        for (wxWindow* p = target->GetParent(); p; p = p->GetParent())
            if (!p->GetScreenRect().Contains(centre))
                return "widget " + w[1] + " is not on screen (outside " + from_wx(p->GetName()) +
                       ")";
        wxUIActionSimulator sim;
        sim.MouseMove(centre);
        for (int i = 0; i < 10; ++i)
        {
            wxTheApp->Yield(true);
            wxMilliSleep(10);
        }
        const std::string button = w[2] == "up" ? "4" : "5";
        const long rc = wxExecute(to_wx("xdotool click --repeat " +
                                        std::to_string(std::stoi(w[3])) + " --delay 60 " + button),
                                  wxEXEC_SYNC | wxEXEC_NODISABLE);
        if (rc != 0)
            return "xdotool failed (exit " + std::to_string(rc) + ")";
        for (int i = 0; i < 30; ++i)
        {
            wxTheApp->Yield(true);
            wxMilliSleep(10);
        }
        return m_last_error;
    }
    if (cmd == "expect-ratings-scrolled" && need(1))
    {
        int x = 0, y = 0;
        m_ratings->GetViewStart(&x, &y);
        return (y > 0) == (w[1] == "yes")
                   ? ""
                   : "the ratings panel is scrolled to " + std::to_string(y) + ", expected " +
                         (w[1] == "yes" ? "scrolled" : "the top");
    }
    if (cmd == "expect-status" && need(1))
    {
        const std::string status = from_wx(GetStatusBar()->GetStatusText(0));
        return status.find(w[1]) != std::string::npos
                   ? ""
                   : "the status bar says '" + status + "', not '" + w[1] + "'";
    }
    if (cmd == "expect-error-bar" && need(1))
        return m_info->IsShown() == (w[1] == "shown")
                   ? ""
                   : std::string("the error bar is ") + (m_info->IsShown() ? "shown" : "hidden");
    if (cmd == "expect-undo-label" && need(1))
    {
        const std::string label = m_session->undo_label();
        const std::string menu = from_wx(GetMenuBar()->GetLabel(wxID_UNDO));
        if (label != w[1])
            return "the undo label is '" + label + "', not '" + w[1] + "'";
        return menu.rfind(w[1], 0) == 0 ? "" : "the Edit menu says '" + menu + "'";
    }
    if (cmd == "find" && need(1))
    {
        wxCommandEvent open_bar;
        on_find(open_bar);
        m_find->ChangeValue(to_wx(w[1]));
        on_find_next(true);
        return m_view->GetSelectionEnd() > m_view->GetSelectionStart() ? "" : "not found";
    }
    if (cmd == "goto-line" && need(1))
    {
        m_view->go_to_line_number(std::stoi(w[1]));
        return "";
    }
    if (cmd == "tab" && need(1))
    {
        for (std::size_t i = 0; i < m_tabs->GetPageCount(); ++i)
            if (from_wx(m_tabs->GetPageText(i)) == w[1])
            {
                m_tabs->SetSelection(i);
                return "";
            }
        return "no tab " + w[1];
    }
    if (cmd == "show-all-coders" && need(1))
    {
        GetMenuBar()->Check(kShowAllCoders, w[1] == "on");
        wxCommandEvent e(wxEVT_MENU, kShowAllCoders);
        e.SetInt(w[1] == "on" ? 1 : 0);
        GetEventHandler()->ProcessEvent(e);
        return "";
    }
    if (cmd == "expect-title" && need(1))
    {
        const std::string title = from_wx(GetTitle());
        return title.find(w[1]) != std::string::npos
                   ? ""
                   : "title is '" + title + "', not '" + w[1] + "'";
    }
    if (cmd == "expect-annotations" && need(1))
    {
        const auto n = m_annotations->rows().size();
        return n == std::stoul(w[1])
                   ? ""
                   : "the list shows " + std::to_string(n) + " annotations, not " + w[1];
    }
    if (cmd == "expect-error" && need(1))
        return m_last_error.find(w[1]) != std::string::npos
                   ? ""
                   : "expected an error containing '" + w[1] + "'";
    if (cmd == "screenshot" && need(1))
    {
        std::string why;
        return save_screenshot(w[1], why) ? "" : why;
    }
    if (cmd == "progress-screenshot" && need(1))
    {
        // The next multi-file drop or import shows its progress dialog and saves it halfway.
        m_progress_screenshot = w[1];
        return "";
    }
    if (cmd == "drop" && need(1))
    {
        // Files dropped on the window, as the window manager delivers them.
        // The event owns and delete[]s its file array, as wx's own drop code expects.
        auto* names = new wxString[w.size() - 1];
        for (std::size_t i = 1; i < w.size(); ++i)
            names[i - 1] = to_wx(w[i]);
        wxDropFilesEvent e(wxEVT_DROP_FILES, static_cast<int>(w.size() - 1), names);
        GetEventHandler()->ProcessEvent(e);
        return m_last_error;
    }
    if (cmd == "expect-transcripts" && need(1))
    {
        const auto n = static_cast<std::size_t>(m_transcripts->GetItemCount());
        return n == std::stoul(w[1])
                   ? ""
                   : "the list shows " + std::to_string(n) + " transcripts, not " + w[1];
    }
    if (cmd == "press" && need(1))
    {
        // A real key press (XTest) in the transcript, through GTK, accelerators and the hook.
        std::string k = w[1];
        int modifiers = wxMOD_NONE;
        for (const auto& [prefix, mod] : {std::pair<std::string, int>{"Ctrl+", wxMOD_CONTROL},
                                          {"Alt+", wxMOD_ALT},
                                          {"Shift+", wxMOD_SHIFT}})
            if (k.rfind(prefix, 0) == 0)
            {
                modifiers |= mod;
                k = k.substr(prefix.size());
            }
        if (k.size() != 1)
            return "press takes one letter or digit with modifiers";
        const std::size_t before = m_annotations->rows().size();
        m_view->SetFocus();
        wxUIActionSimulator sim;
        sim.Char(std::tolower(static_cast<unsigned char>(k[0])), modifiers);
        settle_until([&]
                     { return !m_last_error.empty() || m_annotations->rows().size() > before; });
        if (!m_last_error.empty())
            return m_last_error;
        return m_annotations->rows().size() > before ? "" : "the key press applied no code";
    }
    if (cmd == "click-code" && need(1))
    {
        // A real mouse click (XTest) on a code in the tree, as a coder applies a code.
        const auto where = m_codes->code_point(w[1]);
        if (!where)
            return "no code " + w[1] + " in the tree";
        const std::size_t before = m_annotations->rows().size();
        wxUIActionSimulator sim;
        sim.MouseMove(*where);
        sim.MouseClick();
        // Then rest the pointer on the status bar, as a hand leaves the tree: a tooltip left
        // pending over the code would cover whatever a later screenshot shows.
        if (auto* bar = GetStatusBar())
            sim.MouseMove(bar->GetScreenPosition() + wxPoint(4, 4));
        settle_until([&]
                     { return !m_last_error.empty() || m_annotations->rows().size() > before; });
        if (!m_last_error.empty())
            return m_last_error;
        return m_annotations->rows().size() > before ? "" : "clicking the code applied nothing";
    }
    if (cmd == "click-header" && need(1))
    {
        // A real mouse click (XTest) on the annotation list's column header.
        const int column = std::stoi(w[1]);
        const auto before = std::make_pair(m_annotations->rows().sort_column(),
                                           m_annotations->rows().sort_ascending());
        wxUIActionSimulator sim;
        sim.MouseMove(m_annotations->header_point(column));
        sim.MouseClick();
        auto sorted = [&]
        {
            return std::make_pair(m_annotations->rows().sort_column(),
                                  m_annotations->rows().sort_ascending());
        };
        settle_until([&] { return sorted() != before; });
        return sorted() != before ? "" : "clicking the header did not re-sort the list";
    }
    if (cmd == "expect-first-annotation" && need(1))
    {
        if (m_annotations->rows().size() == 0)
            return "the list is empty";
        const std::string code = m_annotations->rows().cell(0, AnnotationColumn::Code);
        return code == w[1] ? "" : "the first row is '" + code + "', not '" + w[1] + "'";
    }
    if (cmd == "hover" && need(1))
    {
        // What resting the mouse on code point N (or the selection's start) shows.
        const std::int64_t cp = w[1] == "selection"
                                    ? m_view->positions().byte_to_cp(m_view->GetSelectionStart())
                                    : std::stoll(w[1]);
        const std::string tip = hover_text(cp);
        if (tip.empty())
            return "nothing to show at " + w[1];
        m_view->CallTipShow(static_cast<int>(m_view->positions().cp_to_byte(cp)), to_wx(tip));
        return "";
    }
    if (cmd == "zoom" && need(1))
    {
        m_view->SetZoom(std::stoi(w[1]));
        return "";
    }
    if (auto r = run_passage_test_command(w))
        return *r;
    return "unknown command or missing arguments: " + cmd;
}

} // namespace attune::app
