// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <wx/image.h>

#include <string>

class wxWindow;

namespace attune::app
{

/// Reads a top-level window as it is on screen, menu bar, toolbar and status bar included, from
/// the X server (`attune --screenshot` runs under Xvfb, which has no compositor, so the
/// framebuffer holds exactly what was painted). False with a reason when there is no X display.
bool capture_window(wxWindow& window, wxImage& out, std::string& why);

} // namespace attune::app
