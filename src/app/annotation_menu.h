// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The transcript's right-click menu on screen: PassageMenu (passage_menu.h) as a wxMenu.

#include "app/passage_menu.h"

#include <wx/gdicmn.h>

class wxWindow;

namespace attune::app
{

/// Pops the menu up at `where` (client coordinates of `window`) and waits for the coder's
/// choice: the index of the chosen item in `menu.items`, or -1 when the menu was dismissed.
int popup_passage_menu(wxWindow& window, const PassageMenu& menu, const wxPoint& where);

} // namespace attune::app
