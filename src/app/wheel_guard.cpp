// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/wheel_guard.h"

#include <wx/event.h>
#include <wx/scrolwin.h>
#include <wx/window.h>

#include <algorithm>

namespace attune::app
{

void keep_wheel_for_scrolling(wxWindow* control)
{
    control->Bind(wxEVT_MOUSEWHEEL,
                  [control](wxMouseEvent& e)
                  {
                      // Not skipped: wxGTK then tells GTK the event is handled, so the combo box's
                      // own scroll handler (which changes the selection) never runs.
                      if (e.GetWheelAxis() != wxMOUSE_WHEEL_VERTICAL)
                          return;
                      for (wxWindow* w = control->GetParent(); w; w = w->GetParent())
                      {
                          auto* scroller = dynamic_cast<wxScrolledWindow*>(w);
                          if (!scroller)
                              continue;
                          int ppu_x = 0, ppu_y = 0;
                          scroller->GetScrollPixelsPerUnit(&ppu_x, &ppu_y);
                          if (ppu_y <= 0)
                              return;
                          // As far per notch as the panel's own wheel scrolling: LinesPerAction
                          // lines of about a text line's height.
                          const int line = control->GetCharHeight();
                          const int pixels = -e.GetWheelRotation() * e.GetLinesPerAction() * line /
                                             (e.GetWheelDelta() > 0 ? e.GetWheelDelta() : 120);
                          int x = 0, y = 0;
                          scroller->GetViewStart(&x, &y);
                          scroller->Scroll(x, std::max(0, y + pixels / ppu_y));
                          return;
                      }
                  });
}

} // namespace attune::app
