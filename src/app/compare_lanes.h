// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The compare view's margin (docs/user-guide.md "Comparing coders"): beside the transcript, one
// coloured column per compared coder, a bar wherever that coder marked a passage, so whose
// passage is whose shows at a glance and where coders part.

#include <wx/window.h>

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace attune::app
{

class TranscriptView;

/// One coder's column: the name (its tooltip), its colour and its passages in code points.
struct CompareLane
{
    std::string name;
    std::uint32_t rgb = 0x808080; ///< 0xRRGGBB
    std::vector<std::pair<std::int64_t, std::int64_t>> spans;
};

/// Drawn from the view's own line positions, so the bars follow scrolling, wrapping and zoom.
class CompareLanes : public wxWindow
{
public:
    static constexpr int kLaneWidth = 9;
    static constexpr int kGap = 3;

    CompareLanes(wxWindow* parent, TranscriptView& view);

    /// Shows these columns (left to right); the window's width follows their number.
    void set_lanes(std::vector<CompareLane> lanes);
    const std::vector<CompareLane>& lanes() const { return m_lanes; }
    /// The column at client x, or -1 between columns.
    int lane_at(int x) const;

private:
    void on_paint(wxPaintEvent&);
    void on_motion(wxMouseEvent& e);

    TranscriptView& m_view;
    std::vector<CompareLane> m_lanes;
    int m_tip_lane = -2;
};

} // namespace attune::app
