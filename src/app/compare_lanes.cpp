// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/compare_lanes.h"

#include "app/transcript_view.h"
#include "app/wx_string.h"

#include <wx/dcbuffer.h>

#include <algorithm>

namespace attune::app
{

namespace
{

wxColour to_colour(std::uint32_t rgb)
{
    return wxColour((rgb >> 16) & 0xFF, (rgb >> 8) & 0xFF, rgb & 0xFF);
}

} // namespace

CompareLanes::CompareLanes(wxWindow* parent, TranscriptView& view)
    : wxWindow(parent, wxID_ANY, wxDefaultPosition, wxSize(0, -1), wxFULL_REPAINT_ON_RESIZE),
      m_view(view)
{
    SetName("compare_lanes");
    SetBackgroundStyle(wxBG_STYLE_PAINT);
    Bind(wxEVT_PAINT, &CompareLanes::on_paint, this);
    Bind(wxEVT_MOTION, &CompareLanes::on_motion, this);
    // Scrolling, zooming and re-wrapping move the lines: the bars follow.
    m_view.Bind(wxEVT_STC_UPDATEUI,
                [this](wxStyledTextEvent& e)
                {
                    e.Skip();
                    if (IsShown())
                        Refresh(false);
                });
    m_view.Bind(wxEVT_STC_ZOOM,
                [this](wxStyledTextEvent& e)
                {
                    e.Skip();
                    Refresh(false);
                });
    m_view.Bind(wxEVT_SIZE,
                [this](wxSizeEvent& e)
                {
                    e.Skip();
                    Refresh(false);
                });
}

void CompareLanes::set_lanes(std::vector<CompareLane> lanes)
{
    m_lanes = std::move(lanes);
    const int width =
        m_lanes.empty() ? 0 : kGap + static_cast<int>(m_lanes.size()) * (kLaneWidth + kGap);
    SetMinSize(wxSize(width, -1));
    SetSize(wxSize(width, GetSize().y));
    m_tip_lane = -2;
    if (GetParent())
        GetParent()->Layout();
    Refresh(false);
}

int CompareLanes::lane_at(int x) const
{
    for (std::size_t k = 0; k < m_lanes.size(); ++k)
    {
        const int left = kGap + static_cast<int>(k) * (kLaneWidth + kGap);
        if (x >= left && x < left + kLaneWidth)
            return static_cast<int>(k);
    }
    return -1;
}

void CompareLanes::on_paint(wxPaintEvent&)
{
    wxAutoBufferedPaintDC dc(this);
    const wxSize size = GetClientSize();
    dc.SetBackground(wxBrush(wxColour(0xF2, 0xF2, 0xF2)));
    dc.Clear();
    const auto& map = m_view.positions();
    const int line_height = m_view.TextHeight(0);
    // The view's text starts below its own top edge by as much as this window's does.
    const int offset = m_view.GetPosition().y - GetPosition().y;
    dc.SetPen(*wxTRANSPARENT_PEN);
    for (std::size_t k = 0; k < m_lanes.size(); ++k)
    {
        const int left = kGap + static_cast<int>(k) * (kLaneWidth + kGap);
        // A faint track, so an empty column still reads as that coder's.
        dc.SetBrush(wxBrush(wxColour(0xE2, 0xE2, 0xE2)));
        dc.DrawRectangle(left, 0, kLaneWidth, size.y);
        dc.SetBrush(wxBrush(to_colour(m_lanes[k].rgb)));
        for (const auto& [start, end] : m_lanes[k].spans)
        {
            const int b = static_cast<int>(map.cp_to_byte(start));
            const int e = static_cast<int>(map.cp_to_byte(std::max(start, end - 1)));
            const int top = m_view.PointFromPosition(b).y + offset;
            const int bottom = m_view.PointFromPosition(e).y + offset + line_height;
            if (bottom < 0 || top > size.y)
                continue;
            dc.DrawRectangle(left, std::max(top, 0), kLaneWidth,
                             std::min(bottom, size.y) - std::max(top, 0));
        }
    }
}

void CompareLanes::on_motion(wxMouseEvent& e)
{
    e.Skip();
    const int lane = lane_at(e.GetX());
    if (lane == m_tip_lane)
        return;
    m_tip_lane = lane;
    if (lane < 0)
        UnsetToolTip();
    else
        SetToolTip(to_wx(m_lanes[static_cast<std::size_t>(lane)].name + "'s passages"));
}

} // namespace attune::app
