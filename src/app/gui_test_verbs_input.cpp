// SPDX-License-Identifier: GPL-3.0-or-later
// GUI-test verbs that are real input from outside the program (XTest, xdotool): key presses,
// clicks on codes, headers, links and text, wheel notches and sash drags, through GTK,
// accelerators and the frame's key hook as a coder's hands go.
#include "app/annotation_list_panel.h"
#include "app/code_tree_panel.h"
#include "app/gui_test_driver.h"
#include "app/ratings_panel.h"
#include "app/transcript_view.h"
#include "app/wx_string.h"

#include <wx/app.h>
#include <wx/frame.h>
#include <wx/process.h>
#include <wx/splitter.h>
#include <wx/statusbr.h>
#include <wx/time.h>
#include <wx/uiaction.h>
#include <wx/utils.h>

#include <cctype>
#include <memory>

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

/// Takes "Ctrl+", "Alt+" and "Shift+" prefixes off `k`, in any order, as wxMOD_ flags.
int take_modifiers(std::string& k)
{
    int modifiers = wxMOD_NONE;
    for (bool more = true; more;)
    {
        more = false;
        for (const auto& [prefix, mod] : {std::pair<std::string, int>{"Ctrl+", wxMOD_CONTROL},
                                          {"Alt+", wxMOD_ALT},
                                          {"Shift+", wxMOD_SHIFT}})
            if (k.rfind(prefix, 0) == 0)
            {
                modifiers |= mod;
                k = k.substr(prefix.size());
                more = true;
            }
    }
    return modifiers;
}

/// The key code XTest types for a key name ("Right", "F6", "x"); 0 when there is none.
int key_code(const std::string& k)
{
    static const std::pair<const char*, int> kNamed[] = {
        {"Right", WXK_RIGHT},   {"Left", WXK_LEFT},         {"Up", WXK_UP},
        {"Down", WXK_DOWN},     {"Home", WXK_HOME},         {"End", WXK_END},
        {"Tab", WXK_TAB},       {"Enter", WXK_RETURN},      {"Space", WXK_SPACE},
        {"Escape", WXK_ESCAPE}, {"PageDown", WXK_PAGEDOWN}, {"PageUp", WXK_PAGEUP},
        {"Delete", WXK_DELETE}};
    for (const auto& [name, c] : kNamed)
        if (k == name)
            return c;
    if (k.size() == 1)
        return std::tolower(static_cast<unsigned char>(k[0]));
    if (k.size() > 1 && k[0] == 'F')
        return WXK_F1 + std::stoi(k.substr(1)) - 1;
    return 0;
}

std::string keys(TestContext& c, const TestWords& w)
{
    // Real key presses (XTest) to whatever has the keyboard, one per word, as a coder
    // types them: the keyboard-only workflow goes through GTK, accelerators and the hook.
    wxUIActionSimulator sim;
    for (std::size_t i = 1; i < w.size(); ++i)
    {
        std::string k = w[i];
        const int modifiers = take_modifiers(k);
        const int code = key_code(k);
        if (code == 0)
            return "cannot type key " + w[i];
        sim.Char(code, modifiers);
        for (int j = 0; j < 10; ++j)
        {
            wxTheApp->Yield(true);
            wxMilliSleep(5);
        }
        if (!c.target.last_error().empty())
            return c.target.last_error();
    }
    return "";
}

std::string key(TestContext& c, const TestWords& w)
{
    // A synthesized key press delivered to the frame's key hook, as GTK delivers a real one.
    wxKeyEvent e(wxEVT_CHAR_HOOK);
    std::string k = w[1];
    const int modifiers = take_modifiers(k);
    e.SetControlDown((modifiers & wxMOD_CONTROL) != 0);
    e.SetAltDown((modifiers & wxMOD_ALT) != 0);
    e.SetShiftDown((modifiers & wxMOD_SHIFT) != 0);
    if (k.size() == 1)
        e.m_keyCode = static_cast<unsigned char>(std::toupper(static_cast<unsigned char>(k[0])));
    else if (k.size() > 1 && k[0] == 'F')
        e.m_keyCode = WXK_F1 + std::stoi(k.substr(1)) - 1;
    else
        return "cannot type key " + w[1];
    c.ui.view->SetFocus();
    e.SetEventObject(c.ui.view);
    const std::size_t before = c.ui.annotations->rows().size();
    c.ui.frame->GetEventHandler()->ProcessEvent(e);
    if (!c.target.last_error().empty())
        return c.target.last_error();
    return c.ui.annotations->rows().size() > before ? "" : "the key applied no code";
}

/// Waits for a real action to add an annotation (or fail); "" when it added one, else `why`.
std::string until_added(TestContext& c, std::size_t before, const std::string& why)
{
    settle_until(
        [&] { return !c.target.last_error().empty() || c.ui.annotations->rows().size() > before; });
    if (!c.target.last_error().empty())
        return c.target.last_error();
    return c.ui.annotations->rows().size() > before ? "" : why;
}

std::string press(TestContext& c, const TestWords& w)
{
    // A real key press (XTest) in the transcript, through GTK, accelerators and the hook.
    std::string k = w[1];
    const int modifiers = take_modifiers(k);
    if (k.size() != 1)
        return "press takes one letter or digit with modifiers";
    const std::size_t before = c.ui.annotations->rows().size();
    c.ui.view->SetFocus();
    wxUIActionSimulator sim;
    sim.Char(std::tolower(static_cast<unsigned char>(k[0])), modifiers);
    return until_added(c, before, "the key press applied no code");
}

std::string click_code(TestContext& c, const TestWords& w)
{
    // A real mouse click (XTest) on a code in the tree, as a coder applies a code.
    const auto where = c.ui.codes->code_point(w[1]);
    if (!where)
        return "no code " + w[1] + " in the tree";
    const std::size_t before = c.ui.annotations->rows().size();
    wxUIActionSimulator sim;
    sim.MouseMove(*where);
    sim.MouseClick();
    // Then rest the pointer on the status bar, as a hand leaves the tree: a tooltip left
    // pending over the code would cover whatever a later screenshot shows.
    if (auto* bar = c.ui.frame->GetStatusBar())
        sim.MouseMove(bar->GetScreenPosition() + wxPoint(4, 4));
    return until_added(c, before, "clicking the code applied nothing");
}

std::string click_header(TestContext& c, const TestWords& w)
{
    // A real mouse click (XTest) on the annotation list's column header.
    const int column = std::stoi(w[1]);
    auto sorted = [&]
    {
        return std::make_pair(c.ui.annotations->rows().sort_column(),
                              c.ui.annotations->rows().sort_ascending());
    };
    const auto before = sorted();
    wxUIActionSimulator sim;
    sim.MouseMove(c.ui.annotations->header_point(column));
    sim.MouseClick();
    settle_until([&] { return sorted() != before; });
    return sorted() != before ? "" : "clicking the header did not re-sort the list";
}

std::string click_evidence(TestContext& c, const TestWords& w)
{
    // A real mouse click (XTest) on a rating row's n-th evidence link.
    // Let pending layout settle first: links are placed by the panel's next layout.
    settle(100);
    const std::string target = w[2] == "-" ? std::string() : w[2];
    wxWindow* link = c.ui.ratings->evidence_link(w[1], target, std::stoul(w[3]));
    if (!link)
        return "no evidence link " + w[3] + " for " + w[1] + "/" + target;
    wxUIActionSimulator sim;
    sim.MouseMove(link->GetScreenRect().GetLeft() + 3,
                  link->GetScreenRect().GetTop() + link->GetSize().y / 2);
    sim.MouseClick();
    settle(200);
    return c.target.last_error();
}

} // namespace

// Wheel, text clicks and drags.
namespace
{

std::string wheel(TestContext& c, const TestWords& w)
{
    // Real wheel notches (X buttons 4 and 5 from xdotool) with the pointer resting on a
    // widget found by name (rate:SCALE/TARGET, class_main, …), as a coder scrolls past it.
    wxWindow* target = wxWindow::FindWindowByName(to_wx(w[1]), c.ui.frame);
    if (!target || !target->IsShownOnScreen())
        return "no visible widget " + w[1];
    const wxRect r = target->GetScreenRect();
    const wxPoint centre(r.GetLeft() + r.GetWidth() / 2, r.GetTop() + r.GetHeight() / 2);
    // The point must be one a person could rest the pointer on: inside every enclosing
    // window (a chooser scrolled or clipped out of its panel is not).
    for (wxWindow* p = target->GetParent(); p; p = p->GetParent())
        if (!p->GetScreenRect().Contains(centre))
            return "widget " + w[1] + " is not on screen (outside " + from_wx(p->GetName()) + ")";
    wxUIActionSimulator sim;
    sim.MouseMove(centre);
    settle(100);
    const std::string button = w[2] == "up" ? "4" : "5";
    const long rc = wxExecute(to_wx("xdotool click --repeat " + std::to_string(std::stoi(w[3])) +
                                    " --delay 60 " + button),
                              wxEXEC_SYNC | wxEXEC_NODISABLE);
    if (rc != 0)
        return "xdotool failed (exit " + std::to_string(rc) + ")";
    settle(300);
    return c.target.last_error();
}

/// The screen point of the middle of code point `cp`'s character in the transcript.
wxPoint point_of(TestContext& c, std::int64_t cp)
{
    TranscriptView& view = *c.ui.view;
    const int byte = static_cast<int>(view.positions().cp_to_byte(cp));
    const int line = view.LineFromPosition(byte);
    view.EnsureVisible(line);
    view.SetFirstVisibleLine(std::max(0, view.VisibleFromDocLine(line) - 2));
    settle(50);
    const wxPoint p = view.PointFromPosition(byte);
    const int next = view.PositionAfter(byte);
    const int w_char = std::max(2, view.PointFromPosition(next).x - p.x);
    return view.ClientToScreen(
        wxPoint(p.x + w_char / 2, p.y + view.TextHeight(view.LineFromPosition(byte)) / 2));
}

std::string click_text(TestContext& c, const TestWords& w)
{
    // A real left click (XTest) on code point N, as a coder clicks into a passage.
    wxUIActionSimulator sim;
    sim.MouseMove(point_of(c, std::stoll(w[1])));
    settle(50);
    sim.MouseClick();
    settle(200);
    return c.target.last_error();
}

/// The xdotool script of right-click-text: right click at `at`, then `keys` in the menu, or
/// with "shot=PNG" the screen with the menu open saved, then Escape.
std::string right_click_script(const wxPoint& at, const TestWords& w)
{
    const std::string move = "mousemove " + std::to_string(at.x) + " " + std::to_string(at.y);
    if (w[2].rfind("shot=", 0) == 0)
        return "sh -c \"xdotool " + move +
               " sleep 0.2 click 3 sleep 0.5 mousemove 2 2 sleep 0.8; " + "xwd -root -silent | " +
               "convert xwd:- " + w[2].substr(5) + "; xdotool key Escape\"";
    std::string keys;
    for (std::size_t i = 2; i < w.size(); ++i)
        keys += " " + w[i];
    return "xdotool " + move + " sleep 0.2 click 3 sleep 0.8 key --delay 150" + keys;
}

std::string right_click_text(TestContext& c, const TestWords& w)
{
    // A real right click (xdotool) on code point N, then real key presses in the menu that
    // opens (GTK's own popup, with its own event loop), e.g. "d" for Delete, "Escape".
    const std::string script = right_click_script(point_of(c, std::stoll(w[1])), w);
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
    return c.target.last_error();
}

std::string drag_sash(TestContext& c, const TestWords& w)
{
    // A real drag (XTest) of the sash between the transcript and the right-hand side by DX
    // pixels, as a coder widens the codes.
    wxSplitterWindow& split = *c.ui.centre_split;
    const int sash = split.GetSashPosition() + split.GetSashSize() / 2;
    const wxPoint from = split.ClientToScreen(wxPoint(sash, split.GetSize().y / 2));
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

} // namespace

void add_input_verbs(TestVerbTable& verbs)
{
    verbs.insert({
        {"keys", {1, true, keys}},
        {"key", {1, true, key}},
        {"press", {1, true, press}},
        {"click-code", {1, true, click_code}},
        {"click-header", {1, true, click_header}},
        {"click-evidence", {3, true, click_evidence}},
        {"wheel", {3, true, wheel}},
        {"click-text", {1, true, click_text}},
        {"right-click-text", {2, true, right_click_text}},
        {"drag-sash", {1, true, drag_sash}},
    });
}

} // namespace attune::app
