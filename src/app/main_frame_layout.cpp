// SPDX-License-Identifier: GPL-3.0-or-later
// The main window's pane widths: the right-hand side (code tree and the annotation, rating and
// classification tabs) gets a readable share and keeps the width the coder drags it to.
#include "app/main_frame.h"

#include <wx/splitter.h>

#include <algorithm>

namespace attune::app
{

namespace
{

// Below this the tabs scroll behind arrows and rating names are cut ("Loving (mo…"), so mother
// and father cannot be told apart.
constexpr int kMinSideWidth = 340;
constexpr int kMinTextWidth = 320;

} // namespace

void MainFrame::apply_side_width()
{
    if (!m_centre_split || !m_centre_split->IsSplit())
        return;
    const int total = m_centre_split->GetSize().x;
    // Until GTK has given the window its real size the splitter is a few pixels wide: a width
    // set then would be clamped and kept (the ~205 px side of a fresh start).
    if (total < kMinSideWidth + kMinTextWidth / 2)
        return;
    // Until the coder drags the divider (or a saved width is read) the share follows the
    // window: 30 %, at least kMinSideWidth.
    const int side =
        m_side_width > 0 ? m_side_width : std::max(kMinSideWidth, GetClientSize().x * 3 / 10);
    const int want = std::clamp(side, 200, std::max(200, total - kMinTextWidth));
    if (m_centre_split->GetSashPosition() != total - want)
        m_centre_split->SetSashPosition(total - want);
}

} // namespace attune::app
