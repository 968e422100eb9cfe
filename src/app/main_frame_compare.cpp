// SPDX-License-Identifier: GPL-3.0-or-later
// Comparing coders (docs/user-guide.md "Comparing coders"): leaving blind mode as a deliberate,
// audited act (core's project::may_see_others and Session::record_unblind), and the compare
// view: a margin column per coder beside the text and the ratings and classifications side by
// side (analysis::side_by_side) in the Compare tab.
#include "app/compare_lanes.h"
#include "app/compare_panel.h"
#include "app/main_frame.h"
#include "app/menu_ids.h"
#include "app/transcript_view.h"
#include "app/wx_string.h"
#include "core/analysis/side_by_side.h"

#include <wx/menu.h>
#include <wx/msgdlg.h>
#include <wx/notebook.h>

#include <algorithm>
#include <iterator>
#include <set>

namespace attune::app
{

namespace
{

/// Margin colours (Okabe and Ito's palette, told apart in colour-blind vision too); the
/// consensus coder is always dark grey.
constexpr std::uint32_t kLaneColours[] = {0x0072B2, 0xE69F00, 0x009E73,
                                          0xCC79A7, 0x56B4E9, 0xD55E00};
constexpr std::uint32_t kConsensusColour = 0x404040;

int role_rank(const project::Coder& c)
{
    return c.role == "consensus" ? 2 : c.role == "master" ? 1 : 0;
}

} // namespace

std::string MainFrame::others_names() const
{
    std::vector<std::string> others;
    for (const auto& c : session()->coders())
        if (c.id != coder().id)
            others.push_back(c.name);
    std::sort(others.begin(), others.end());
    std::string out;
    for (std::size_t i = 0; i < others.size(); ++i)
        out += (i == 0 ? "" : i + 1 == others.size() ? " and " : ", ") + others[i];
    return out.empty() ? "no other coder" : out;
}

bool MainFrame::unblind(const std::string& why)
{
    if (!session())
        return false;
    if (project::may_see_others(coder()))
        return true; // a master or the consensus coder compares as their work
    const std::string reveals =
        "the passages, ratings and classifications of " + others_names() + " on every transcript";
    if (session()->read_only())
    {
        show_message("You code blind, and this project is read-only (" +
                     session()->read_only_reason() +
                     "), so leaving blind mode could not be recorded in its audit log: the other "
                     "coders' work stays hidden.");
        return false;
    }
    if (m_options.interactive)
    {
        wxMessageDialog ask(
            this,
            to_wx("You are coding blind. Going on shows you " + reveals +
                  ".\n\nThis is recorded in the project's audit log (you, now, what was shown) "
                  "and cannot be undone. Seeing other coders' work before you finish your own "
                  "can change how you code."),
            "Leave blind mode?", wxYES_NO | wxNO_DEFAULT | wxICON_WARNING);
        ask.SetYesNoLabels("&Show Their Work", "Stay &Blind");
        if (ask.ShowModal() != wxID_YES)
            return false;
    }
    auto recorded = session()->record_unblind(coder().name, reveals, why);
    if (!recorded)
    {
        show_error("Leaving blind mode could not be recorded, so others' work stays hidden.",
                   recorded.error());
        return false;
    }
    // Said for what was shown: the workbench itself stays blind unless this was Compare Coders
    // (the coder's label beside this says which).
    SetStatusText(to_wx("Others' work shown (" + why + "); recorded in the audit log."), 0);
    return true;
}

void MainFrame::back_to_blind()
{
    m_blind = true;
    if (auto* bar = GetMenuBar())
        bar->Check(kShowAllCoders, false);
    set_compare_shown(false);
}

void MainFrame::on_compare(wxCommandEvent& e)
{
    const bool on = e.IsChecked();
    if (on && m_blind)
    {
        if (!unblind("Compare Coders"))
        {
            GetMenuBar()->Check(kCompareCoders, false);
            return;
        }
        m_blind = false;
        GetMenuBar()->Check(kShowAllCoders, true);
        update_title();
    }
    set_compare_shown(on);
}

void MainFrame::set_compare_shown(bool on)
{
    if (!m_compare || on == m_comparing)
        return;
    m_comparing = on;
    if (auto* bar = GetMenuBar())
        bar->Check(kCompareCoders, on);
    const int page = m_tabs->FindPage(m_compare);
    if (on && page == wxNOT_FOUND)
        m_tabs->AddPage(m_compare, "Compare", true);
    else if (!on && page != wxNOT_FOUND)
        m_tabs->RemovePage(static_cast<std::size_t>(page));
    m_compare->Show(on);
    m_compare_lanes->Show(on);
    if (on)
        refresh_compare_coders();
    else
        m_compare_lanes->set_lanes({});
    refresh_codings(); // the compared coders' passages only, or all again
    m_compare_lanes->GetParent()->Layout();
    if (on) // after the page is laid out: GTK does not select a page added before that
        m_tabs->SetSelection(static_cast<std::size_t>(m_tabs->FindPage(m_compare)));
}

std::vector<CompareCoder> MainFrame::compare_coders() const
{
    std::vector<project::Coder> all = session()->coders();
    std::sort(all.begin(), all.end(),
              [](const auto& a, const auto& b)
              { return std::pair(role_rank(a), a.name) < std::pair(role_rank(b), b.name); });
    // The text's outline styles go to the other coders by name (MainFrame::show_codings).
    std::vector<std::string> others;
    for (const auto& c : all)
        if (c.id != coder().id)
            others.push_back(c.name);
    std::sort(others.begin(), others.end());
    const std::vector<std::string> known = m_compare->names();
    const std::vector<std::string> ticked = m_compare->compared();
    std::vector<CompareCoder> out;
    std::size_t colour = 0;
    for (const auto& c : all)
    {
        CompareCoder row{c.name, c.role, kConsensusColour, "filled (yours)", true};
        if (c.role != "consensus")
            row.rgb = kLaneColours[colour++ % std::size(kLaneColours)];
        if (c.id != coder().id)
        {
            const auto slot = std::find(others.begin(), others.end(), c.name) - others.begin();
            row.text_style = TranscriptView::other_coder_style(static_cast<int>(slot));
        }
        // A coder new to the list is compared; the others keep their ticks.
        if (std::find(known.begin(), known.end(), c.name) != known.end())
            row.compared = std::find(ticked.begin(), ticked.end(), c.name) != ticked.end();
        out.push_back(std::move(row));
    }
    return out;
}

void MainFrame::refresh_compare_coders()
{
    if (!m_comparing || !session())
        return;
    m_compare_list = compare_coders();
    m_compare->set_coders(m_compare_list);
    refresh_compare();
}

void MainFrame::keep_compared(std::vector<project::Annotation>& annotations) const
{
    if (!m_comparing || !session())
        return;
    std::set<project::CoderId> kept;
    const auto names = m_compare->compared();
    for (const auto& c : session()->coders())
        if (std::find(names.begin(), names.end(), c.name) != names.end())
            kept.insert(c.id);
    annotations.erase(std::remove_if(annotations.begin(), annotations.end(),
                                     [&](const auto& a) { return !kept.count(a.coder_id); }),
                      annotations.end());
}

void MainFrame::refresh_compare()
{
    if (!m_comparing || !m_compare)
        return;
    const auto names = m_compare->compared();
    if (!session() || !m_current)
        return m_compare->show_empty("Open a transcript to compare its coders.");
    std::vector<CompareLane> lanes;
    const auto annotations = session()->annotations(m_current);
    for (const auto& c : m_compare_list)
    {
        if (std::find(names.begin(), names.end(), c.name) == names.end())
            continue;
        CompareLane lane{c.name, c.rgb, {}};
        auto who = session()->coder(c.name);
        for (const auto& a : annotations)
            if (who && a.coder_id == who->id)
                lane.spans.emplace_back(a.start, a.end);
        lanes.push_back(std::move(lane));
    }
    m_compare_lanes->set_lanes(std::move(lanes));
    if (names.empty())
        return m_compare->show_empty("Tick the coders to compare.");
    auto table = analysis::side_by_side(*session(), m_current, names);
    if (!table)
        return m_compare->show_empty("The table could not be made: " + table.error().message);
    auto t = session()->transcript(m_current);
    const std::string title = t ? t->participant.value_or(t->title) : std::string();
    m_compare->show_table(*table, title + ": ratings and classifications side by side");
}

void MainFrame::compare_after(const project::Changed& changed)
{
    using project::Change;
    if (!m_comparing)
        return;
    if (changed.everything || any(changed.kinds & Change::Coders))
        return refresh_compare_coders();
    if (m_current && changed.touches(m_current) &&
        any(changed.kinds &
            (Change::Ratings | Change::Classifications | Change::Consensus | Change::Scheme)))
        refresh_compare();
}

ComparePanel* MainFrame::build_compare(wxWindow* tabs)
{
    m_compare = new ComparePanel(tabs);
    m_compare->Hide();
    // The text shows the ticked coders' passages, then the margin and the table follow.
    m_compare->on_change([this] { refresh_codings(); });
    return m_compare;
}

} // namespace attune::app
