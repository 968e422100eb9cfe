// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/command_table.h"

#include "app/wx_string.h"
#include "core/base/error.h"

#include <wx/accel.h>
#include <wx/menu.h>
#include <wx/toolbar.h>

#include <cctype>
#include <memory>

namespace attune::app
{

namespace
{

struct MenuTitle
{
    MenuArea area;
    const char* title;
};

constexpr MenuTitle kMenus[] = {
    {MenuArea::File, "&File"}, {MenuArea::Edit, "&Edit"},
    {MenuArea::View, "&View"}, {MenuArea::Transcript, "T&ranscript"},
    {MenuArea::Code, "&Code"}, {MenuArea::Tools, "&Tools"},
    {MenuArea::Help, "&Help"},
};

bool is_command(const CommandSpec& row)
{
    return row.kind == EntryKind::Command || row.kind == EntryKind::Check;
}

void append(wxMenu& menu, const CommandSpec& row, const std::string& label)
{
    switch (row.kind)
    {
    case EntryKind::Separator: menu.AppendSeparator(); break;
    case EntryKind::Submenu: menu.AppendSubMenu(row.submenu, to_wx(label)); break;
    case EntryKind::Check: menu.AppendCheckItem(row.id, to_wx(label)); break;
    case EntryKind::Command: menu.Append(row.id, to_wx(label)); break;
    }
}

} // namespace

CommandTable::CommandTable(std::vector<CommandSpec> rows, State state)
    : m_rows(std::move(rows)), m_state(std::move(state))
{
    // One row per command: an id, a test verb or an accelerator given twice would make one of
    // the rows unreachable (every GUI test starts the window, so a clash fails them all).
    for (std::size_t i = 0; i < m_rows.size(); ++i)
        for (std::size_t j = i + 1; j < m_rows.size(); ++j)
        {
            const CommandSpec& a = m_rows[i];
            const CommandSpec& b = m_rows[j];
            if (!is_command(a) || !is_command(b))
                continue;
            ATTUNE_ASSERT(a.id != b.id);
            ATTUNE_ASSERT(a.verb.empty() || a.verb != b.verb);
            ATTUNE_ASSERT(a.accelerator.empty() || a.accelerator != b.accelerator);
        }
}

wxMenuBar* CommandTable::make_menu_bar() const
{
    auto* bar = new wxMenuBar;
    for (const auto& [area, title] : kMenus)
    {
        auto* menu = new wxMenu;
        for (const auto& row : m_rows)
            if (row.menu == area)
                append(*menu, row, menu_label(row.id, row.label));
        bar->Append(menu, title);
    }
    return bar;
}

void CommandTable::fill_toolbar(wxToolBar& bar) const
{
    const wxSize size(16, 16);
    int group = 0;
    for (const auto& row : m_rows)
    {
        if (row.tool.group == 0)
            continue;
        if (group != 0 && row.tool.group != group)
            bar.AddSeparator();
        group = row.tool.group;
        bar.AddTool(row.id, to_wx(row.tool.label),
                    wxArtProvider::GetBitmap(row.tool.art, wxART_TOOLBAR, size),
                    to_wx(row.tool.help));
    }
    bar.Realize();
}

void CommandTable::bind(wxEvtHandler& handler) const
{
    for (const auto& row : m_rows)
    {
        if (row.run)
            handler.Bind(wxEVT_MENU, row.run, row.id);
        if (row.enabled == EnabledWhen::TranscriptSelected)
            handler.Bind(
                wxEVT_UPDATE_UI,
                [this](wxUpdateUIEvent& e) { e.Enable(m_state(EnabledWhen::TranscriptSelected)); },
                row.id);
    }
}

void CommandTable::update(wxMenuBar& bar, wxToolBar* tools) const
{
    for (const auto& row : m_rows)
    {
        if (!is_command(row) || row.enabled == EnabledWhen::TranscriptSelected)
            continue;
        const bool on = m_state(row.enabled);
        bar.Enable(row.id, on);
        if (tools && row.tool.group != 0)
            tools->EnableTool(row.id, on);
    }
}

const CommandSpec* CommandTable::by_id(int id) const
{
    for (const auto& row : m_rows)
        if (row.id == id && is_command(row))
            return &row;
    return nullptr;
}

const CommandSpec* CommandTable::by_verb(const std::string& verb) const
{
    for (const auto& row : m_rows)
        if (!row.verb.empty() && row.verb == verb)
            return &row;
    return nullptr;
}

std::string CommandTable::menu_label(int id, const std::string& text) const
{
    const CommandSpec* row = by_id(id);
    return row && !row->accelerator.empty() ? text + "\t" + row->accelerator : text;
}

int CommandTable::own_accelerator(const wxKeyEvent& e, const wxMenuBar& bar) const
{
    int flags = 0;
    if (e.ControlDown())
        flags |= wxACCEL_CTRL;
    if (e.AltDown())
        flags |= wxACCEL_ALT;
    if (e.ShiftDown())
        flags |= wxACCEL_SHIFT;
    const int key = e.GetKeyCode();
    for (const auto& row : m_rows)
    {
        if (row.accelerator.empty() || (row.id <= wxID_HIGHEST && row.id != wxID_FIND))
            continue;
        // Parsed as wx parses a menu label's accelerator (wxMenuItem::GetAccel).
        const std::unique_ptr<wxAcceleratorEntry> accel(
            wxAcceleratorEntry::Create(to_wx("\t" + row.accelerator)));
        if (accel && accel->GetFlags() == flags &&
            (accel->GetKeyCode() == key ||
             (key < 128 && accel->GetKeyCode() == std::toupper(key))) &&
            bar.IsEnabled(row.id))
            return row.id;
    }
    return wxID_NONE;
}

} // namespace attune::app
