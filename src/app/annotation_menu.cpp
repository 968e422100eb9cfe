// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/annotation_menu.h"

#include "app/wx_string.h"

#include <wx/menu.h>
#include <wx/window.h>

#include <map>

namespace attune::app
{

namespace
{

// Far above the frame's own ids (menu_ids.h), so a popup item never runs a menu-bar command.
constexpr int kFirstItemId = wxID_HIGHEST + 5000;

} // namespace

int popup_passage_menu(wxWindow& window, const PassageMenu& menu, const wxPoint& where)
{
    wxMenu popup;
    std::map<std::string, wxMenu*> submenus;
    for (std::size_t i = 0; i < menu.items.size(); ++i)
    {
        const auto& item = menu.items[i];
        const int id = kFirstItemId + static_cast<int>(i);
        wxMenu* into = &popup;
        if (!item.submenu.empty())
        {
            auto& sub = submenus[item.submenu];
            if (!sub)
            {
                sub = new wxMenu;
                popup.AppendSubMenu(sub, to_wx(item.submenu));
            }
            into = sub;
        }
        if (item.kind == PassageAction::Kind::Separator)
        {
            into->AppendSeparator();
            continue;
        }
        wxMenuItem* added = item.checked ? into->AppendCheckItem(id, to_wx(item.label))
                                         : into->Append(id, to_wx(item.label));
        if (item.checked)
            added->Check(true);
        added->Enable(item.enabled);
    }
    // A submenu whose entries are all disabled (another coder's passage) is disabled as a
    // whole, so it does not open onto a column of grey names.
    for (auto& [name, sub] : submenus)
    {
        bool any_enabled = false;
        for (const auto* it : sub->GetMenuItems())
            any_enabled |= it->IsEnabled();
        if (!any_enabled)
            for (auto* it : popup.GetMenuItems())
                if (it->GetSubMenu() == sub)
                    it->Enable(false);
    }
    const int chosen = window.GetPopupMenuSelectionFromUser(popup, where);
    if (chosen == wxID_NONE || chosen < kFirstItemId ||
        chosen >= kFirstItemId + static_cast<int>(menu.items.size()))
        return -1;
    return chosen - kFirstItemId;
}

} // namespace attune::app
