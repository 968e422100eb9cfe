// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Keeps the mouse wheel from changing a value: GTK's combo boxes (wxChoice) and spin buttons step
// their value on every wheel notch, so a coder scrolling a panel would re-rate, and save, whatever
// passes under the pointer. Values change only by a click or the keyboard.

class wxWindow;

namespace attune::app
{

/// The wheel over `control` scrolls its nearest scrolled ancestor (a wxScrolledWindow) instead of
/// reaching the control; with no such ancestor it does nothing.
void keep_wheel_for_scrolling(wxWindow* control);

} // namespace attune::app
