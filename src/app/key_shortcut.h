// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <string>

namespace attune::app
{

/// The scheme's normalised spelling of a key press ("Ctrl+Shift+1", "E", "F5"): modifiers Ctrl,
/// Alt, Shift in that order, then A–Z, 0–9 or F1–F12. `key` is an ASCII letter/digit (either
/// case) or 1000 + n for function key Fn. Empty when the key cannot be a code shortcut.
std::string shortcut_from_key(bool ctrl, bool alt, bool shift, int key);

/// Keys the workbench's menus own (Ctrl+Z, Ctrl+F, …): a scheme shortcut never overrides them.
bool is_reserved_shortcut(const std::string& normalised);

} // namespace attune::app
