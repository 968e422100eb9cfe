// SPDX-License-Identifier: GPL-3.0-or-later
// GUI-test verbs that act as a coder does, through the frame's handlers and widgets: selecting,
// menus, rating and classifying, find, tabs, dropped files, renaming, screenshots.
#include "app/annotation_list_panel.h"
#include "app/classification_panel.h"
#include "app/command_table.h"
#include "app/gui_test_driver.h"
#include "app/help_window.h"
#include "app/menu_ids.h"
#include "app/ratings_panel.h"
#include "app/screen_capture.h"
#include "app/transcript_view.h"
#include "app/wx_string.h"
#include "core/io/export_job.h"
#include "core/project/session.h"

#include <wx/app.h>
#include <wx/dnd.h>
#include <wx/frame.h>
#include <wx/menu.h>
#include <wx/notebook.h>
#include <wx/utils.h>

namespace attune::app
{

namespace
{

/// Sends menu command `id` to the frame, as choosing it does.
void send_menu(TestContext& c, int id, int checked = -1)
{
    wxCommandEvent e(wxEVT_MENU, id);
    if (checked >= 0)
    {
        c.ui.frame->GetMenuBar()->Check(id, checked == 1);
        e.SetInt(checked);
    }
    c.ui.frame->GetEventHandler()->ProcessEvent(e);
}

std::string transcript(TestContext& c, const TestWords& w)
{
    return c.target.show_transcript_named(w[1]) ? "" : "no transcript " + w[1];
}

std::string open_demo(TestContext& c, const TestWords&)
{
    // What the welcome page's "Open demo project" button does.
    send_menu(c, kOpenDemo);
    return c.target.session() ? "" : "the demo project did not open: " + c.target.last_error();
}

std::string select(TestContext& c, const TestWords& w)
{
    // As a mouse drag would: the view's selection in its own (byte) positions.
    const auto& map = c.ui.view->positions();
    c.ui.view->SetFocus();
    c.ui.view->SetSelection(static_cast<int>(map.cp_to_byte(std::stoll(w[1]))),
                            static_cast<int>(map.cp_to_byte(std::stoll(w[2]))));
    return "";
}

std::string snap(TestContext& c, const TestWords& w)
{
    send_menu(c, kSnapWords, w[1] == "on" ? 1 : 0);
    return "";
}

std::string show_all_coders(TestContext& c, const TestWords& w)
{
    send_menu(c, kShowAllCoders, w[1] == "on" ? 1 : 0);
    return "";
}

std::string menu(TestContext& c, const TestWords& w)
{
    // A menu entry by its verb in the command table, as choosing it does.
    const CommandSpec* entry = c.target.commands().by_verb(w[1]);
    if (!entry)
        return "unknown menu item " + w[1];
    if (!c.ui.frame->GetMenuBar()->IsEnabled(entry->id))
        return "menu item " + w[1] + " is disabled";
    send_menu(c, entry->id);
    return c.target.last_error();
}

std::string select_annotation(TestContext& c, const TestWords& w)
{
    // Row N (1-based) of the annotation list, as a click would pick it.
    const auto row = static_cast<std::size_t>(std::stoul(w[1]));
    if (row < 1 || row > c.ui.annotations->rows().size())
        return "no annotation row " + w[1];
    const auto& a = c.ui.annotations->rows().at(row - 1);
    c.ui.annotations->select_uuid(a.uuid);
    c.ui.view->select_cp(a.start, a.end);
    return "";
}

std::string memo(TestContext& c, const TestWords& w)
{
    const std::string uuid = c.target.focused_annotation();
    if (uuid.empty())
        return "no annotation selected";
    c.target.write_memo(uuid, w[1]);
    return c.target.last_error();
}

std::string rate(TestContext& c, const TestWords& w)
{
    if (!c.ui.ratings->choose(w[1], opt(w[2]), w[3]))
        return "no scale " + w[1] + " with target '" + opt(w[2]) + "' and value " + w[3];
    return c.target.last_error();
}

std::string rate_note(TestContext& c, const TestWords& w)
{
    // Typed into the rating's note field, then Enter.
    if (!c.ui.ratings->type_note(w[1], opt(w[2]), w[3]))
        return "no editable note for scale " + w[1] + " target '" + opt(w[2]) + "'";
    return c.target.last_error();
}

std::string classify(TestContext& c, const TestWords& w)
{
    if (!c.ui.classification->choose(w[1], opt(w[2]), opt(w[3]), opt(w[4])))
        return "the classification chooser has no such entries";
    return c.target.last_error();
}

std::string choose_classification(TestContext& c, const TestWords& w)
{
    // The choosers set one by one as a coder picks them, without pressing Save.
    if (!c.ui.classification->choose(w[1], opt(w[2]), opt(w[3]), opt(w[4]), false))
        return "the classification chooser has no such entries";
    return c.target.last_error();
}

std::string find(TestContext& c, const TestWords& w)
{
    c.target.find_text(w[1]);
    return c.ui.view->GetSelectionEnd() > c.ui.view->GetSelectionStart() ? "" : "not found";
}

std::string goto_line(TestContext& c, const TestWords& w)
{
    c.ui.view->go_to_line_number(std::stoi(w[1]));
    return "";
}

std::string tab(TestContext& c, const TestWords& w)
{
    for (std::size_t i = 0; i < c.ui.tabs->GetPageCount(); ++i)
        if (from_wx(c.ui.tabs->GetPageText(i)) == w[1])
        {
            c.ui.tabs->SetSelection(i);
            return "";
        }
    return "no tab " + w[1];
}

std::string hover(TestContext& c, const TestWords& w)
{
    // What resting the mouse on code point N (or the selection's start) shows.
    TranscriptView& view = *c.ui.view;
    const std::int64_t cp = w[1] == "selection"
                                ? view.positions().byte_to_cp(view.GetSelectionStart())
                                : std::stoll(w[1]);
    const std::string tip = c.target.hover_text(cp);
    if (tip.empty())
        return "nothing to show at " + w[1];
    view.CallTipShow(static_cast<int>(view.positions().cp_to_byte(cp)), to_wx(tip));
    return "";
}

std::string zoom(TestContext& c, const TestWords& w)
{
    c.ui.view->SetZoom(std::stoi(w[1]));
    return "";
}

std::string resize(TestContext& c, const TestWords& w)
{
    c.ui.frame->SetSize(wxSize(std::stoi(w[1]), std::stoi(w[2])));
    settle(300);
    return "";
}

std::string section(TestContext& c, const TestWords& w)
{
    // View → Go to Section → the entry whose label starts with the words given ("Q3").
    wxMenu& sections = *c.ui.sections;
    for (std::size_t i = 0; i < sections.GetMenuItemCount(); ++i)
    {
        wxMenuItem* item = sections.FindItemByPosition(i);
        if (from_wx(item->GetItemLabelText()).rfind(w[1], 0) == 0 && item->IsEnabled())
        {
            send_menu(c, item->GetId());
            return c.target.last_error();
        }
    }
    return "Go to Section has no entry '" + w[1] + "'";
}

} // namespace

// Files, transcripts and pictures.
namespace
{

std::string screenshot(TestContext& c, const TestWords& w)
{
    std::string why;
    return c.target.save_screenshot(w[1], why) ? "" : why;
}

std::string progress_screenshot(TestContext& c, const TestWords& w)
{
    // The next multi-file drop or import shows its progress dialog and saves it halfway.
    c.target.screenshot_next_import_progress(w[1]);
    return "";
}

std::string help_screenshot(TestContext& c, const TestWords& w)
{
    auto* help = dynamic_cast<HelpWindow*>(wxWindow::FindWindowByName("help_window", c.ui.frame));
    if (!help)
        return "no help window is shown";
    settle(300);
    wxImage image;
    std::string why;
    if (!capture_window(*help, image, why) || !image.SaveFile(to_wx(w[1]), wxBITMAP_TYPE_PNG))
        return "help screenshot failed: " + why;
    return "";
}

/// export-dataset DATASET|all FORMAT[,FORMAT…] OUT [with-text] [excel] [coder=NAME]
/// [transcript=NAME]: what File → Export Dataset… runs once its dialogs are answered.
std::string export_dataset(TestContext& c, const TestWords& w)
{
    io::ExportRequest r;
    r.all = w[1] == "all";
    r.dataset = r.all ? "" : w[1];
    std::string formats = w[2] + ",";
    for (std::size_t at = formats.find(','); at != std::string::npos; at = formats.find(','))
    {
        const auto f = io::parse_export_format(formats.substr(0, at));
        if (!f)
            return "unknown format in " + w[2];
        r.formats.push_back(*f);
        formats.erase(0, at + 1);
    }
    r.out = w[3];
    for (std::size_t i = 4; i < w.size(); ++i)
    {
        if (w[i] == "with-text")
            r.options.with_text = true;
        else if (w[i] == "excel")
            r.excel_csv = true;
        else if (w[i].rfind("coder=", 0) == 0)
        {
            auto coder = c.target.session()->coder(w[i].substr(6));
            if (!coder)
                return coder.error().to_string();
            r.options.coders.push_back(coder->id);
        }
        else if (w[i].rfind("transcript=", 0) == 0)
        {
            auto t = c.target.session()->resolve_transcript(w[i].substr(11));
            if (!t)
                return t.error().to_string();
            r.options.transcripts.push_back(*t);
        }
        else
            return "unknown export option " + w[i];
    }
    return c.target.export_dataset(r);
}

std::string drop(TestContext& c, const TestWords& w)
{
    // Files dropped on the window, as the window manager delivers them.
    // The event owns and delete[]s its file array, as wx's own drop code expects.
    auto* names = new wxString[w.size() - 1];
    for (std::size_t i = 1; i < w.size(); ++i)
        names[i - 1] = to_wx(w[i]);
    wxDropFilesEvent e(wxEVT_DROP_FILES, static_cast<int>(w.size() - 1), names);
    c.ui.frame->GetEventHandler()->ProcessEvent(e);
    return c.target.last_error();
}

std::string drop_on_text(TestContext& c, const TestWords& w)
{
    // Files dropped on the transcript text: through the view's own drop target, as GTK
    // hands it a drop (xdotool cannot drag files from another program).
    auto* target = dynamic_cast<wxFileDropTarget*>(c.ui.view->GetDropTarget());
    if (!target)
        return "the transcript text takes no file drops";
    wxArrayString files;
    for (std::size_t i = 1; i < w.size(); ++i)
        files.Add(to_wx(w[i]));
    if (!target->OnDropFiles(20, 20, files))
        return "the transcript text refused the drop";
    for (int i = 0; i < 20; ++i) // the import runs after the drop is done
    {
        wxTheApp->Yield(true);
        wxMilliSleep(5);
    }
    return c.target.last_error();
}

project::TranscriptId transcript_id(TestContext& c, const std::string& name)
{
    auto id = c.target.session()->resolve_transcript(name);
    return id ? *id : project::TranscriptId{};
}

std::string rename_transcript(TestContext& c, const TestWords& w)
{
    // What the Rename dialog sends: TITLE and PARTICIPANT ("-" for none).
    const auto id = transcript_id(c, w[1]);
    if (!id)
        return "no transcript " + w[1];
    ImportNames names{w[2], w[3] == "-" ? std::nullopt : std::optional<std::string>(w[3])};
    c.target.rename_transcript_as(id, names);
    return c.target.last_error();
}

std::string remove_transcript(TestContext& c, const TestWords& w)
{
    // Remove… with the confirmation answered "Remove".
    const auto id = transcript_id(c, w[1]);
    if (!id)
        return "no transcript " + w[1];
    c.target.remove_transcript_confirmed(id);
    return c.target.last_error();
}

} // namespace

void add_action_verbs(TestVerbTable& verbs)
{
    verbs.insert({
        {"transcript", {1, false, transcript}},
        {"open-demo", {0, false, open_demo}},
        {"select", {2, true, select}},
        {"snap", {1, true, snap}},
        {"show-all-coders", {1, true, show_all_coders}},
        {"menu", {1, true, menu}},
        {"select-annotation", {1, true, select_annotation}},
        {"memo", {1, true, memo}},
        {"rate", {3, true, rate}},
        {"rate-note", {3, true, rate_note}},
        {"classify", {4, true, classify}},
        {"choose-classification", {4, true, choose_classification}},
        {"find", {1, true, find}},
        {"goto-line", {1, true, goto_line}},
        {"tab", {1, true, tab}},
        {"hover", {1, true, hover}},
        {"zoom", {1, true, zoom}},
        {"resize", {2, true, resize}},
        {"section", {1, true, section}},
        {"screenshot", {1, false, screenshot}},
        {"progress-screenshot", {1, true, progress_screenshot}},
        {"help-screenshot", {1, true, help_screenshot}},
        {"export-dataset", {3, true, export_dataset}},
        {"drop", {1, true, drop}},
        {"drop-on-text", {1, true, drop_on_text}},
        {"rename-transcript", {3, true, rename_transcript}},
        {"remove-transcript", {1, true, remove_transcript}},
    });
}

} // namespace attune::app
