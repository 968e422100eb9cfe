// SPDX-License-Identifier: GPL-3.0-or-later
// GUI-test verbs that check what the window shows (expect-…), and the right-click menu's
// entries, read from the same widgets and models the coder sees.
#include "app/annotation_list_panel.h"
#include "app/classification_panel.h"
#include "app/code_tree_panel.h"
#include "app/command_table.h"
#include "app/gui_test_driver.h"
#include "app/help_window.h"
#include "app/ratings_panel.h"
#include "app/transcript_view.h"
#include "app/wx_string.h"
#include "core/project/session.h"

#include <wx/app.h>
#include <wx/frame.h>
#include <wx/infobar.h>
#include <wx/listctrl.h>
#include <wx/menu.h>
#include <wx/notebook.h>
#include <wx/splitter.h>
#include <wx/statusbr.h>
#include <wx/utils.h>

namespace attune::app
{

namespace
{

/// "" when `got` is `want`, else "WHAT is 'GOT', not 'WANT'".
std::string same(const std::string& what, const std::string& got, const std::string& want)
{
    return got == want ? "" : what + " is '" + got + "', not '" + want + "'";
}

/// "" when `state` is what `word` says (`yes_word` for true), else "WHAT is YES" or "WHAT is NO".
std::string state_is(const std::string& what, bool state, const std::string& word,
                     const std::string& yes_word, const std::string& yes, const std::string& no)
{
    return state == (word == yes_word) ? "" : what + " is " + (state ? yes : no);
}

std::string status_text(TestContext& c)
{
    return from_wx(c.ui.frame->GetStatusBar()->GetStatusText(0));
}

std::string expect_focus(TestContext& c, const TestWords& w)
{
    // Which of the four areas has the keyboard: transcripts, text, codes, tabs.
    const std::pair<const char*, wxWindow*> panes[] = {{"transcripts", c.ui.transcripts},
                                                       {"text", c.ui.view},
                                                       {"codes", c.ui.codes},
                                                       {"tabs", c.ui.tabs}};
    std::string at = "nothing";
    for (wxWindow* f = wxWindow::FindFocus(); f && at == "nothing"; f = f->GetParent())
        for (const auto& [name, win] : panes)
            if (win == f)
                at = name;
    return at == w[1] ? "" : "the keyboard is in " + at + ", not " + w[1];
}

std::string expect_unsaved_classification(TestContext& c, const TestWords& w)
{
    return state_is("the classification", c.ui.classification->has_unsaved(), w[1], "yes",
                    "unsaved", "saved");
}

std::string expect_evidence(TestContext& c, const TestWords& w)
{
    // The evidence links a rating row shows, e.g. "l.2 l.4" ("-" for none).
    const auto shown = c.ui.ratings->evidence_text(w[1], opt(w[2]));
    if (!shown)
        return "no rating row " + w[1] + "/" + opt(w[2]);
    return same("the evidence shown", *shown, opt(w[3]));
}

std::string expect_selection(TestContext& c, const TestWords& w)
{
    const auto& map = c.ui.view->positions();
    const std::string got = std::to_string(map.byte_to_cp(c.ui.view->GetSelectionStart())) + " " +
                            std::to_string(map.byte_to_cp(c.ui.view->GetSelectionEnd()));
    return got == w[1] + " " + w[2]
               ? ""
               : "the selection is [" + got + "), not [" + w[1] + " " + w[2] + ")";
}

std::string expect_ratings_scrolled(TestContext& c, const TestWords& w)
{
    int x = 0, y = 0;
    c.ui.ratings->GetViewStart(&x, &y);
    return (y > 0) == (w[1] == "yes")
               ? ""
               : "the ratings panel is scrolled to " + std::to_string(y) + ", expected " +
                     (w[1] == "yes" ? "scrolled" : "the top");
}

std::string expect_status(TestContext& c, const TestWords& w)
{
    const std::string status = status_text(c);
    return status.find(w[1]) != std::string::npos
               ? ""
               : "the status bar says '" + status + "', not '" + w[1] + "'";
}

std::string expect_message(TestContext& c, const TestWords& w)
{
    // What the bar at the top (and the status line) told the user last.
    const std::string said = status_text(c);
    return said.find(w[1]) != std::string::npos
               ? ""
               : "the window says '" + said + "', not '" + w[1] + "'";
}

std::string expect_annotation_actions(TestContext& c, const TestWords& w)
{
    return state_is("Edit memo/Delete", c.ui.annotations->actions_enabled(), w[1], "enabled",
                    "enabled", "disabled");
}

std::string expect_error_bar(TestContext& c, const TestWords& w)
{
    return state_is("the error bar", c.ui.info->IsShown(), w[1], "shown", "shown", "hidden");
}

std::string expect_error(TestContext& c, const TestWords& w)
{
    return c.target.last_error().find(w[1]) != std::string::npos
               ? ""
               : "expected an error containing '" + w[1] + "'";
}

std::string expect_undo_label(TestContext& c, const TestWords& w)
{
    const std::string label = c.target.session()->undo_label();
    const std::string menu = from_wx(c.ui.frame->GetMenuBar()->GetLabel(wxID_UNDO));
    if (label != w[1])
        return "the undo label is '" + label + "', not '" + w[1] + "'";
    return menu.rfind(w[1], 0) == 0 ? "" : "the Edit menu says '" + menu + "'";
}

std::string expect_title(TestContext& c, const TestWords& w)
{
    const std::string title = from_wx(c.ui.frame->GetTitle());
    return title.find(w[1]) != std::string::npos ? ""
                                                 : "title is '" + title + "', not '" + w[1] + "'";
}

std::string expect_help(TestContext& c, const TestWords& w)
{
    // The help window (F1) is on screen inside the app and shows the guide.
    auto* help = dynamic_cast<HelpWindow*>(wxWindow::FindWindowByName("help_window", c.ui.frame));
    if (!help || !help->IsShown())
        return "no help window is shown";
    settle(200);
    const std::string text = help->shown_text();
    return text.find(w[1]) != std::string::npos ? ""
                                                : "the help window does not show '" + w[1] + "'";
}

std::string expect_side_width(TestContext& c, const TestWords& w)
{
    // The right-hand side's width lies in [MIN, MAX] pixels.
    settle(100);
    const int width = c.ui.centre_split->GetSize().x - c.ui.centre_split->GetSashPosition();
    return width >= std::stoi(w[1]) && width <= std::stoi(w[2])
               ? ""
               : "the right-hand side is " + std::to_string(width) + " px wide, not " + w[1] +
                     "\u2013" + w[2];
}

} // namespace

// Lists, text and menus.
namespace
{

std::string expect_annotations(TestContext& c, const TestWords& w)
{
    const auto n = c.ui.annotations->rows().size();
    return n == std::stoul(w[1])
               ? ""
               : "the list shows " + std::to_string(n) + " annotations, not " + w[1];
}

std::string expect_first_annotation(TestContext& c, const TestWords& w)
{
    if (c.ui.annotations->rows().size() == 0)
        return "the list is empty";
    const std::string code = c.ui.annotations->rows().cell(0, AnnotationColumn::Code);
    return code == w[1] ? "" : "the first row is '" + code + "', not '" + w[1] + "'";
}

std::string expect_selected_annotation(TestContext& c, const TestWords& w)
{
    const AnnotationRows& rows = c.ui.annotations->rows();
    const std::string uuid = c.ui.annotations->selected_uuid();
    const int row = uuid.empty() ? -1 : rows.row_of(uuid);
    const std::string code =
        row < 0 ? "-" : rows.cell(static_cast<std::size_t>(row), AnnotationColumn::Code);
    return code == w[1] ? "" : "the selected row is '" + code + "', not '" + w[1] + "'";
}

std::string expect_transcripts(TestContext& c, const TestWords& w)
{
    const auto n = static_cast<std::size_t>(c.ui.transcripts->GetItemCount());
    return n == std::stoul(w[1])
               ? ""
               : "the list shows " + std::to_string(n) + " transcripts, not " + w[1];
}

std::string expect_transcript_row(TestContext& c, const TestWords& w)
{
    // Row N (1-based) of the transcript list shows TEXT in its first column.
    const long row = std::stol(w[1]) - 1;
    if (row < 0 || row >= c.ui.transcripts->GetItemCount())
        return "no transcript row " + w[1];
    const std::string shown = from_wx(c.ui.transcripts->GetItemText(row));
    return shown == w[2] ? "" : "transcript row " + w[1] + " shows '" + shown + "'";
}

std::string expect_caret_line(TestContext& c, const TestWords& w)
{
    const int line = c.ui.view->GetCurrentLine() + 1;
    return std::to_string(line) == w[1]
               ? ""
               : "the caret is on line " + std::to_string(line) + ", not " + w[1];
}

std::string expect_sections(TestContext& c, const TestWords& w)
{
    std::string labels;
    wxMenu& sections = *c.ui.sections;
    for (std::size_t i = 0; i < sections.GetMenuItemCount(); ++i)
        if (sections.FindItemByPosition(i)->IsEnabled())
            labels += (labels.empty() ? "" : "|") +
                      from_wx(sections.FindItemByPosition(i)->GetItemLabelText());
    return labels.rfind(w[1], 0) == 0
               ? ""
               : "Go to Section lists '" + labels + "', not '" + w[1] + "\u2026'";
}

// A menu entry's label as the coder reads it: no mnemonic '&', no accelerator, no indent.
std::string plain_label(std::string s)
{
    s = s.substr(0, s.find('\t'));
    std::string out;
    for (const char ch : s)
        if (ch != '&')
            out += ch;
    const auto b = out.find_first_not_of(' ');
    return b == std::string::npos ? "" : out.substr(b);
}

std::string passage_menu_entry(TestContext& c, const TestWords& w)
{
    // What the right-click menu at code point N offers (without showing it), and running an
    // entry as choosing it does: menu-entry N LABEL; expect-menu-entry N LABEL
    // enabled|disabled.
    const PassageMenu menu = c.target.passage_menu_at(std::stoll(w[1]));
    for (std::size_t i = 0; i < menu.items.size(); ++i)
    {
        if (plain_label(menu.items[i].label).rfind(w[2], 0) != 0)
            continue;
        if (w[0] == "menu-entry")
            return c.target.run_passage_action(menu, i);
        if (w.size() < 4)
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

} // namespace

void add_check_verbs(TestVerbTable& verbs)
{
    verbs.insert({
        {"expect-focus", {1, true, expect_focus}},
        {"expect-unsaved-classification", {1, true, expect_unsaved_classification}},
        {"expect-evidence", {3, true, expect_evidence}},
        {"expect-selection", {2, true, expect_selection}},
        {"expect-ratings-scrolled", {1, true, expect_ratings_scrolled}},
        {"expect-status", {1, true, expect_status}},
        {"expect-message", {1, true, expect_message}},
        {"expect-error-bar", {1, true, expect_error_bar}},
        {"expect-annotation-actions", {1, true, expect_annotation_actions}},
        {"expect-error", {1, true, expect_error}},
        {"expect-undo-label", {1, true, expect_undo_label}},
        {"expect-title", {1, false, expect_title}},
        {"expect-help", {1, true, expect_help}},
        {"expect-side-width", {2, true, expect_side_width}},
        {"expect-annotations", {1, true, expect_annotations}},
        {"expect-first-annotation", {1, true, expect_first_annotation}},
        {"expect-selected-annotation", {1, true, expect_selected_annotation}},
        {"expect-transcripts", {1, true, expect_transcripts}},
        {"expect-transcript-row", {2, true, expect_transcript_row}},
        {"expect-caret-line", {1, true, expect_caret_line}},
        {"expect-sections", {1, true, expect_sections}},
        {"menu-entry", {2, true, passage_menu_entry}},
        {"expect-menu-entry", {2, true, passage_menu_entry}},
    });
}

} // namespace attune::app
