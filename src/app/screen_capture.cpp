// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/screen_capture.h"

#include <wx/window.h>

#include <X11/Xlib.h>
#include <X11/Xutil.h>

#include <memory>

namespace attune::app
{

bool capture_window(wxWindow& window, wxImage& out, std::string& why)
{
    // Our own connection: the toolkit's requests are flushed by the time the event loop has
    // idled, and the framebuffer is shared, so this sees what GTK drew. (wxScreenDC returned the
    // first image again on later calls; wxWindowDC misses the menu bar and status bar.)
    std::unique_ptr<Display, int (*)(Display*)> display(XOpenDisplay(nullptr), XCloseDisplay);
    if (!display)
    {
        why = "no X display (run under xvfb-run)";
        return false;
    }
    const wxRect r = window.GetScreenRect();
    const int screen_w = DisplayWidth(display.get(), DefaultScreen(display.get()));
    const int screen_h = DisplayHeight(display.get(), DefaultScreen(display.get()));
    const int x = std::max(0, r.x);
    const int y = std::max(0, r.y);
    const int w = std::min(r.width, screen_w - x);
    const int h = std::min(r.height, screen_h - y);
    if (w <= 0 || h <= 0)
    {
        why = "the window is off screen";
        return false;
    }
    XImage* img = XGetImage(display.get(), DefaultRootWindow(display.get()), x, y,
                            static_cast<unsigned>(w), static_cast<unsigned>(h), AllPlanes, ZPixmap);
    if (!img)
    {
        why = "the X server refused to read the screen";
        return false;
    }
    out.Create(w, h, false);
    unsigned char* rgb = out.GetData();
    // Masks say where each channel sits in a pixel (24-bit TrueColor under Xvfb: 0xFF0000 …).
    auto shift_of = [](unsigned long mask)
    {
        int s = 0;
        while (mask && !(mask & 1))
        {
            mask >>= 1;
            ++s;
        }
        return s;
    };
    const int rs = shift_of(img->red_mask);
    const int gs = shift_of(img->green_mask);
    const int bs = shift_of(img->blue_mask);
    for (int row = 0; row < h; ++row)
        for (int col = 0; col < w; ++col)
        {
            const unsigned long p = XGetPixel(img, col, row);
            *rgb++ = static_cast<unsigned char>((p & img->red_mask) >> rs);
            *rgb++ = static_cast<unsigned char>((p & img->green_mask) >> gs);
            *rgb++ = static_cast<unsigned char>((p & img->blue_mask) >> bs);
        }
    XDestroyImage(img);
    return true;
}

} // namespace attune::app
