// SPDX-License-Identifier: GPL-3.0-or-later
// GUI-test commands for the passage actions in the text (main_frame_passages.cpp), the help
// window and the pane widths: clicks and key presses are real X input (XTest, xdotool).
#include "app/main_frame.h"

#include "app/annotation_list_panel.h"
#include "app/help_window.h"
#include "app/menu_ids.h"
#include "app/passage_menu.h"
#include "app/screen_capture.h"
#include "app/transcript_view.h"
#include "app/wx_string.h"

#include <wx/app.h>
#include <wx/menu.h>
#include <wx/process.h>
#include <wx/splitter.h>
#include <wx/uiaction.h>
#include <wx/utils.h>

#include <memory>

namespace attune::app
{

namespace
{

void settle(int ms)
{
    for (int i = 0; i < ms / 10; ++i)
    {
        wxTheApp->Yield(true);
        wxMilliSleep(10);
    }
}

// A menu entry's label as the coder reads it: no mnemonic '&', no accelerator, no indent.
std::string plain_label(std::string s)
{
    s = s.substr(0, s.find('\t'));
    std::string out;
    for (const char c : s)
        if (c != '&')
            out += c;
    const auto b = out.find_first_not_of(' ');
    return b == std::string::npos ? "" : out.substr(b);
}

} // namespace

std::optional<std::string> MainFrame::run_passage_test_command(const std::vector<std::string>& w)
{
    const std::string& cmd = w[0];
    auto need = [&](std::size_t n) { return w.size() >= n + 1; };
    // The screen point of the middle of code point N's character in the transcript.
    auto point_of = [this](std::int64_t cp)
    {
        const int byte = static_cast<int>(m_view->positions().cp_to_byte(cp));
        const int line = m_view->LineFromPosition(byte);
        m_view->EnsureVisible(line);
        m_view->SetFirstVisibleLine(std::max(0, m_view->VisibleFromDocLine(line) - 2));
        settle(50);
        const wxPoint p = m_view->PointFromPosition(byte);
        const int next = m_view->PositionAfter(byte);
        const int w_char = std::max(2, m_view->PointFromPosition(next).x - p.x);
        return m_view->ClientToScreen(wxPoint(
            p.x + w_char / 2, p.y + m_view->TextHeight(m_view->LineFromPosition(byte)) / 2));
    };
    if (cmd == "click-text" && need(1))
    {
        // A real left click (XTest) on code point N, as a coder clicks into a passage.
        wxUIActionSimulator sim;
        sim.MouseMove(point_of(std::stoll(w[1])));
        settle(50);
        sim.MouseClick();
        settle(200);
        return m_last_error;
    }
    if (cmd == "expect-selected-annotation" && need(1))
    {
        const std::string uuid = m_annotations->selected_uuid();
        const int row = uuid.empty() ? -1 : m_annotations->rows().row_of(uuid);
        const std::string code = row < 0 ? "-"
                                         : m_annotations->rows().cell(static_cast<std::size_t>(row),
                                                                      AnnotationColumn::Code);
        return code == w[1] ? "" : "the selected row is '" + code + "', not '" + w[1] + "'";
    }
    if (cmd == "right-click-text" && need(2))
    {
        // A real right click (xdotool) on code point N, then real key presses in the menu that
        // opens (GTK's own popup, with its own event loop), e.g. "d" for Delete, "Escape".
        const wxPoint at = point_of(std::stoll(w[1]));
        std::string keys;
        for (std::size_t i = 2; i < w.size(); ++i)
            keys += " " + w[i];
        std::string script = "xdotool mousemove " + std::to_string(at.x) + " " +
                             std::to_string(at.y) + " sleep 0.2 click 3 sleep 0.8 key --delay 150" +
                             keys;
        // "shot=PNG" instead of keys: the screen with the menu open is saved, then Escape.
        if (w[2].rfind("shot=", 0) == 0)
            script =
                "sh -c \"xdotool mousemove " + std::to_string(at.x) + " " + std::to_string(at.y) +
                " sleep 0.2 click 3 sleep 0.5 mousemove 2 2 sleep 0.8; " + "xwd -root -silent | " +
                "convert xwd:- " + w[2].substr(5) + "; xdotool key Escape\"";
        // Started without waiting: the menu's own loop must run while xdotool types into it.
        auto done = std::make_shared<bool>(false);
        auto* process = new wxProcess;
        process->Bind(wxEVT_END_PROCESS, [done](wxProcessEvent&) { *done = true; });
        if (wxExecute(to_wx(script), wxEXEC_ASYNC, process) <= 0)
        {
            delete process;
            return "xdotool could not be started";
        }
        for (int i = 0; i < 500 && !*done; ++i)
            settle(10);
        settle(200);
        if (!*done)
            return "xdotool did not finish";
        delete process;
        return m_last_error;
    }
    if ((cmd == "menu-entry" || cmd == "expect-menu-entry") && need(2))
    {
        // What the right-click menu at code point N offers (without showing it), and running an
        // entry as choosing it does: menu-entry N LABEL; expect-menu-entry N LABEL
        // enabled|disabled.
        const PassageMenu menu = passage_menu_at(std::stoll(w[1]));
        for (std::size_t i = 0; i < menu.items.size(); ++i)
        {
            if (plain_label(menu.items[i].label).rfind(w[2], 0) != 0)
                continue;
            if (cmd == "menu-entry")
                return run_passage_action(menu, i);
            if (!need(3))
                return "expect-menu-entry N LABEL enabled|disabled";
            return menu.items[i].enabled == (w[3] == "enabled")
                       ? ""
                       : "'" + w[2] + "' is " + (menu.items[i].enabled ? "enabled" : "disabled");
        }
        std::string all;
        for (const auto& it : menu.items)
            all += " [" + plain_label(it.label) + "]";
        return "the menu at " + w[1] + " has no entry '" + w[2] + "':" + all;
    }
    if (cmd == "expect-caret-line" && need(1))
    {
        const int line = m_view->GetCurrentLine() + 1;
        return std::to_string(line) == w[1]
                   ? ""
                   : "the caret is on line " + std::to_string(line) + ", not " + w[1];
    }
    if (cmd == "section" && need(1))
    {
        // View → Go to Section → the entry whose label starts with the words given ("Q3").
        for (std::size_t i = 0; i < m_section_menu->GetMenuItemCount(); ++i)
        {
            wxMenuItem* item = m_section_menu->FindItemByPosition(i);
            if (from_wx(item->GetItemLabelText()).rfind(w[1], 0) == 0 && item->IsEnabled())
            {
                wxCommandEvent e(wxEVT_MENU, item->GetId());
                GetEventHandler()->ProcessEvent(e);
                return m_last_error;
            }
        }
        return "Go to Section has no entry '" + w[1] + "'";
    }
    if (cmd == "expect-sections" && need(1))
    {
        std::string labels;
        for (std::size_t i = 0; i < m_section_menu->GetMenuItemCount(); ++i)
            if (m_section_menu->FindItemByPosition(i)->IsEnabled())
                labels += (labels.empty() ? "" : "|") +
                          from_wx(m_section_menu->FindItemByPosition(i)->GetItemLabelText());
        return labels.rfind(w[1], 0) == 0
                   ? ""
                   : "Go to Section lists '" + labels + "', not '" + w[1] + "…'";
    }
    if (cmd == "expect-help" && need(1))
    {
        // The help window (F1) is on screen inside the app and shows the guide.
        auto* help = dynamic_cast<HelpWindow*>(wxWindow::FindWindowByName("help_window", this));
        if (!help || !help->IsShown())
            return "no help window is shown";
        settle(200);
        const std::string text = help->shown_text();
        return text.find(w[1]) != std::string::npos
                   ? ""
                   : "the help window does not show '" + w[1] + "'";
    }
    if (cmd == "help-screenshot" && need(1))
    {
        auto* help = dynamic_cast<HelpWindow*>(wxWindow::FindWindowByName("help_window", this));
        if (!help)
            return "no help window is shown";
        settle(300);
        wxImage image;
        std::string why;
        if (!capture_window(*help, image, why) || !image.SaveFile(to_wx(w[1]), wxBITMAP_TYPE_PNG))
            return "help screenshot failed: " + why;
        return "";
    }
    if (cmd == "expect-side-width" && need(2))
    {
        // The right-hand side's width lies in [MIN, MAX] pixels.
        settle(100);
        const int width = m_centre_split->GetSize().x - m_centre_split->GetSashPosition();
        return width >= std::stoi(w[1]) && width <= std::stoi(w[2])
                   ? ""
                   : "the right-hand side is " + std::to_string(width) + " px wide, not " + w[1] +
                         "\u2013" + w[2];
    }
    if (cmd == "drag-sash" && need(1))
    {
        // A real drag (XTest) of the sash between the transcript and the right-hand side by DX
        // pixels, as a coder widens the codes.
        const int sash = m_centre_split->GetSashPosition() + m_centre_split->GetSashSize() / 2;
        const wxPoint from =
            m_centre_split->ClientToScreen(wxPoint(sash, m_centre_split->GetSize().y / 2));
        wxUIActionSimulator sim;
        sim.MouseMove(from);
        settle(50);
        sim.MouseDown();
        settle(50);
        for (int step = 1; step <= 5; ++step)
        {
            sim.MouseMove(from + wxPoint(std::stoi(w[1]) * step / 5, 0));
            settle(30);
        }
        sim.MouseUp();
        settle(150);
        return "";
    }
    if (cmd == "resize" && need(2))
    {
        SetSize(wxSize(std::stoi(w[1]), std::stoi(w[2])));
        settle(300);
        return "";
    }
    return std::nullopt;
}

} // namespace attune::app
