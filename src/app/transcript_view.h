// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "app/text_position_map.h"
#include "app/text_support.h"
#include "core/text/words.h"

#include <wx/stc/stc.h>

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace attune::app
{

/// A highlighted annotation, in code points.
struct ViewHighlight
{
    std::int64_t start = 0;
    std::int64_t end = 0;
    std::uint32_t rgb = 0x808080; ///< 0xRRGGBB
    /// -1 for the coder's own passage (filled lanes); 0..kOtherCoders-1 for another coder's,
    /// drawn in the code's colour as that coder's own outline style, so whose is whose shows.
    int other_coder = -1;
};

/// The centre of the workbench: a read-only, word-wrapped transcript with line numbers that
/// match `attune-cli show`, speaker styling and annotation highlights on overlap lanes
/// (docs: shared notes on highlighting). Speaks code points; positions are converted only by
/// its TextPositionMap.
class TranscriptView : public wxStyledTextCtrl
{
public:
    static constexpr int kLanes = 4;
    /// The transcript's font size at 100 % zoom.
    static constexpr int kFontPoints = 11;
    /// Outline styles for other coders' passages (dotted box, dashed, squiggle, thick box);
    /// a fifth coder shares the first style.
    static constexpr int kOtherCoders = 4;

    explicit TranscriptView(wxWindow* parent);

    /// How other coder `slot` (ViewHighlight::other_coder) is drawn, for legends:
    /// "dotted box", "dashed underline", "wavy underline", "tinted box".
    static const char* other_coder_style(int slot);

    void show_text(const std::string& utf8, const std::vector<ViewTurn>& turns);
    void clear_text();
    void set_highlights(const std::vector<ViewHighlight>& highlights);

    /// The selection in code points, or nothing when it is empty. With word snapping on, the
    /// ends move outward to word boundaries (core's ICU word rules, text::WordBoundaries).
    std::optional<std::pair<std::int64_t, std::int64_t>> selection_cp() const;
    void select_cp(std::int64_t start, std::int64_t end);
    /// Selects a find hit and marks it with a box drawn over the text (and over coded fills),
    /// replacing the previous hit's mark.
    void show_find_hit(std::int64_t start, std::int64_t end);
    /// The zoom as a percentage of the normal text size (100 at zoom 0).
    int zoom_percent() const;
    void set_snap_to_words(bool on) { m_snap = on; }
    bool snap_to_words() const { return m_snap; }
    void go_to_line_number(int line);
    std::int64_t cp_at_point(const wxPoint& p) const;
    const TextPositionMap& positions() const { return m_map; }

    /// A click without a drag at a code point (-1: past the text), after the caret moved.
    void on_click(std::function<void(std::int64_t)> f) { m_click = std::move(f); }
    /// A context-menu request (right button, menu key) at a code point (-1: not on the text)
    /// and client position; the control's own popup menu is never shown.
    void on_context_menu(std::function<void(std::int64_t, const wxPoint&)> f)
    {
        m_context = std::move(f);
    }
    /// The code point of the character drawn at a client position, or -1 off the text.
    std::int64_t char_cp_at_point(const wxPoint& p);

    /// Text shown when the mouse rests on a code point (code names and memos); empty: none.
    void set_hover_text_provider(std::function<std::string(std::int64_t)> f)
    {
        m_hover = std::move(f);
    }

private:
    /// The constructor's parts: fonts and turn styles; highlight, other-coder and find
    /// indicators; mouse, menu-key, hover and zoom events.
    void set_up_text_styles();
    void set_up_indicators();
    void bind_events();
    void on_dwell_start(wxStyledTextEvent& e);
    void on_dwell_end(wxStyledTextEvent& e);
    void update_margin_width();

    /// A highlight as drawn: byte range, lane and indicator value.
    struct Drawn
    {
        int begin = 0;
        int end = 0;
        int lane = 0;
        int value = 0;
        auto operator<=>(const Drawn&) const = default;
    };
    void draw_all(const std::vector<Drawn>& drawn);

    TextPositionMap m_map;
    std::string m_utf8; ///< the shown text, for word snapping
    /// Built on the first snapped selection: ICU segmentation is not needed to just read.
    mutable std::unique_ptr<text::WordBoundaries> m_words;
    std::vector<Drawn> m_drawn; ///< sorted; what the indicators show now
    std::function<std::string(std::int64_t)> m_hover;
    std::function<void(std::int64_t)> m_click;
    std::function<void(std::int64_t, const wxPoint&)> m_context;
    bool m_snap = false;
};

} // namespace attune::app
