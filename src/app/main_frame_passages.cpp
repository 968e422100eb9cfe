// SPDX-License-Identifier: GPL-3.0-or-later
// The main window's passage actions in the text itself: a click selects the passage's row, the
// right-click menu acts on it, word nudges move its ends, and Go to Section moves through the
// interview. Kept apart from main_frame.cpp so the frame's own file stays short.
#include "app/main_frame.h"

#include "app/annotation_list_panel.h"
#include "app/annotation_menu.h"
#include "app/menu_ids.h"
#include "app/passage_menu.h"
#include "app/transcript_view.h"
#include "app/wx_string.h"

#include <wx/menu.h>
#include <wx/statusbr.h>

namespace attune::app
{

void MainFrame::on_text_click(std::int64_t cp)
{
    if (!session() || !m_current)
        return;
    // The innermost passage: with nested codes the one clicked is the one on top. A click on
    // uncoded text clears the row, so Delete or Memo cannot act on a passage out of sight.
    const auto* a = cp < 0 ? nullptr : innermost_at(m_visible, cp);
    m_annotations->select_uuid(a ? a->uuid : std::string());
}

PassageMenu MainFrame::passage_menu_at(std::int64_t cp) const
{
    std::string other;
    if (const auto* a = cp < 0 ? nullptr : innermost_at(m_visible, cp);
        a && a->coder_id != coder().id && session())
        for (const auto& c : session()->coders())
            if (c.id == a->coder_id)
                other = c.name;
    return make_passage_menu(m_visible, cp, coder().id, m_view->selection_cp().has_value(),
                             m_schemes, other);
}

void MainFrame::show_passage_menu(std::int64_t cp, const wxPoint& where)
{
    if (!session() || !m_current)
        return;
    const PassageMenu menu = passage_menu_at(cp);
    // The row of the passage the menu is about is selected, as a left click would.
    if (!menu.uuid.empty())
        m_annotations->select_uuid(menu.uuid);
    const int chosen = popup_passage_menu(*m_view, menu, where);
    if (chosen >= 0)
        if (const std::string why = run_passage_action(menu, static_cast<std::size_t>(chosen));
            !why.empty())
            show_message(why);
}

std::string MainFrame::run_passage_action(const PassageMenu& menu, std::size_t index)
{
    if (index >= menu.items.size())
        return "no such menu entry";
    const PassageAction& item = menu.items[index];
    if (!item.enabled)
        return "\"" + item.label + "\" is not available here";
    using Kind = PassageAction::Kind;
    const std::string before = m_last_error;
    m_last_error.clear();
    switch (item.kind)
    {
    case Kind::Memo: edit_memo(menu.uuid); break;
    case Kind::ChangeCode:
        run(project::ChangeCode{coder().id, menu.uuid, item.code}, "Changing the passage's code");
        break;
    case Kind::AdjustSpan:
        if (const auto sel = m_view->selection_cp())
            run(project::ChangeSpan{coder().id, menu.uuid, sel->first, sel->second},
                "Adjusting the passage to the selection");
        break;
    case Kind::Delete: delete_annotation(menu.uuid); break;
    case Kind::Copy: m_view->Copy(); break;
    case Kind::ApplyCode:
        if (const CodeItem* c = find_code(m_schemes, item.scheme_id, item.code))
            apply_code(*c);
        break;
    case Kind::Heading:
    case Kind::Separator: break;
    }
    if (m_last_error.empty())
        m_last_error = before;
    else
        return m_last_error;
    return "";
}

void MainFrame::nudge_focused(bool move_end, int step)
{
    if (!session() || !m_current)
        return;
    const std::string uuid = focused_annotation();
    if (uuid.empty())
    {
        show_message("Select an annotation in the list (or click inside one) to move its ends.");
        return;
    }
    bool at_edge = false;
    const auto moved =
        m_coding.nudge(uuid, m_text, m_view->positions().cp_length(), move_end, step, at_edge);
    if (at_edge)
    {
        SetStatusText(move_end ? "The end cannot move further that way."
                               : "The start cannot move further that way.",
                      0);
        wxBell();
        return;
    }
    if (moved)
    {
        m_annotations->select_uuid(uuid);
        // Show the new extent as the selection, where the coder is looking.
        m_view->SetSelection(static_cast<int>(m_view->positions().cp_to_byte(moved->first)),
                             static_cast<int>(m_view->positions().cp_to_byte(moved->second)));
        m_view->EnsureCaretVisible();
    }
}

void MainFrame::rebuild_section_menu()
{
    if (!m_section_menu)
        return;
    while (m_section_menu->GetMenuItemCount() > 0)
        m_section_menu->Destroy(m_section_menu->FindItemByPosition(0));
    const int n =
        std::min<int>(static_cast<int>(m_sections.size()), kLastSection - kFirstSection + 1);
    for (int i = 0; i < n; ++i)
        m_section_menu->Append(kFirstSection + i,
                               to_wx(m_sections[static_cast<std::size_t>(i)].label()));
    if (n == 0)
        m_section_menu->Append(kFirstSection, "(no sections marked in this transcript)")
            ->Enable(false);
    if (auto* bar = GetMenuBar())
    {
        bar->Enable(kNextSection, n > 0);
        bar->Enable(kPreviousSection, n > 0);
    }
}

void MainFrame::go_to_section(int step, int index)
{
    if (!session() || !m_current || m_sections.empty())
        return;
    if (step != 0)
        index =
            section_step(m_sections, m_view->positions().byte_to_cp(m_view->GetCurrentPos()), step);
    if (index < 0 || static_cast<std::size_t>(index) >= m_sections.size())
    {
        SetStatusText(step > 0 ? "This is the last section." : "This is the first section.", 0);
        wxBell();
        return;
    }
    const ViewSection& s = m_sections[static_cast<std::size_t>(index)];
    m_view->select_cp(s.begin, s.begin);
    m_view->SetFocus();
    SetStatusText(to_wx(s.label() + " (line " + std::to_string(s.line) + ")"), 0);
}

} // namespace attune::app
