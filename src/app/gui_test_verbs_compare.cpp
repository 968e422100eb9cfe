// SPDX-License-Identifier: GPL-3.0-or-later
// GUI-test verbs of the compare view (docs/user-guide.md "Comparing coders"): the table's rows
// and headings, the margin's columns, ticking a coder in the checklist.
#include "app/compare_lanes.h"
#include "app/compare_panel.h"
#include "app/gui_test_driver.h"
#include "app/gui_test_target.h"
#include "app/menu_ids.h"
#include "app/wx_string.h"

#include <wx/frame.h>
#include <wx/menu.h>

namespace attune::app
{

namespace
{

ComparePanel* panel(TestContext& c)
{
    auto* w = wxWindow::FindWindowByName("compare_panel", c.ui.frame);
    auto* p = dynamic_cast<ComparePanel*>(w);
    return p && p->IsShown() ? p : nullptr;
}

std::string expect_compare_row(TestContext& c, const TestWords& w)
{
    auto* p = panel(c);
    if (!p)
        return "the compare view is not shown";
    const std::string got = p->row_text(w[1]);
    const std::string want = w[1] + " | " + w[2];
    return got == want ? ""
                       : "compare row '" + w[1] + "' is '" + got + "', expected '" + want + "'";
}

std::string expect_compare_header(TestContext& c, const TestWords& w)
{
    auto* p = panel(c);
    if (!p)
        return "the compare view is not shown";
    const std::string got = p->header_text();
    return got == w[1] ? "" : "compare headings are '" + got + "', expected '" + w[1] + "'";
}

std::string expect_compare_lanes(TestContext& c, const TestWords& w)
{
    auto* lanes =
        dynamic_cast<CompareLanes*>(wxWindow::FindWindowByName("compare_lanes", c.ui.frame));
    if (!lanes)
        return "no compare margin";
    std::string got;
    if (lanes->IsShown())
        for (const auto& l : lanes->lanes())
            got += (got.empty() ? "" : ",") + l.name + ":" + std::to_string(l.spans.size());
    const std::string want = opt(w[1]);
    return got == want ? "" : "compare margin shows '" + got + "', expected '" + want + "'";
}

std::string expect_compare_shown(TestContext& c, const TestWords& w)
{
    const bool shown = panel(c) != nullptr;
    return shown == (w[1] == "yes")
               ? ""
               : std::string("the compare view is ") + (shown ? "shown" : "not shown");
}

std::string compare(TestContext& c, const TestWords& w)
{
    // View → Compare Coders ticked (on) or unticked (off), as choosing it does.
    const bool on = w[1] == "on";
    c.ui.frame->GetMenuBar()->Check(kCompareCoders, on);
    wxCommandEvent e(wxEVT_MENU, kCompareCoders);
    e.SetInt(on ? 1 : 0);
    c.ui.frame->GetEventHandler()->ProcessEvent(e);
    return c.target.last_error();
}

std::string compare_tick(TestContext& c, const TestWords& w)
{
    auto* p = panel(c);
    if (!p)
        return "the compare view is not shown";
    return p->tick(w[1], w[2] == "on") ? "" : "no coder " + w[1] + " in the compare checklist";
}

} // namespace

void add_compare_verbs(TestVerbTable& verbs)
{
    verbs.insert({
        {"expect-compare-row", {2, true, expect_compare_row}},
        {"expect-compare-header", {1, true, expect_compare_header}},
        {"expect-compare-lanes", {1, true, expect_compare_lanes}},
        {"expect-compare-shown", {1, true, expect_compare_shown}},
        {"compare-tick", {2, true, compare_tick}},
        {"compare", {1, true, compare}},
    });
}

} // namespace attune::app
