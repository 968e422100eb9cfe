// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/transcript_view.h"

#include "app/highlight_lanes.h"
#include "app/palette.h"
#include "app/wx_string.h"
#include "core/text/text_index.h"

#include <algorithm>
#include <iterator>

namespace attune::app
{

namespace
{

constexpr int kStyleInterviewerText = 1;
constexpr int kStyleInterviewerLabel = 2;
constexpr int kStyleParticipantLabel = 3;
/// Style s + kTwinStyle looks exactly like style s; alternating the two splits a run where the
/// control would otherwise misplace characters (text::shaping_run_breaks).
constexpr int kTwinStyle = 4;
constexpr int kFirstLaneIndicator = wxSTC_INDIC_CONTAINER;
/// The current find hit: the last container indicator, clear of the lanes.
constexpr int kFindIndicator = wxSTC_INDIC_IME - 1;

/// Scintilla wants colours as 0xBBGGRR.
int to_scintilla(std::uint32_t rgb)
{
    return static_cast<int>(((rgb & 0xFF) << 16) | (rgb & 0xFF00) | ((rgb >> 16) & 0xFF));
}

} // namespace

TranscriptView::TranscriptView(wxWindow* parent) : wxStyledTextCtrl(parent, wxID_ANY)
{
    // Positions are UTF-8 bytes only with this code page set; TextPositionMap relies on it.
    SetCodePage(wxSTC_CP_UTF8);
    // Whitespace only: word wrapping would also break lines at every style change, and the
    // view changes style inside words (see show_text).
    SetWrapMode(wxSTC_WRAP_WHITESPACE);
    SetWrapIndentMode(wxSTC_WRAPINDENT_INDENT);
    SetMarginWidth(1, 0);
    SetMarginType(0, wxSTC_MARGIN_NUMBER);
    SetCaretLineVisible(false);
    SetUseHorizontalScrollBar(false);
    SetExtraDescent(3);
    SetMarginLeft(6);
    SetMarginRight(14); // keeps wrapped text clear of the pane's edge at high zoom
    set_up_text_styles();
    set_up_indicators();
    CallTipSetBackground(wxColour(0xFF, 0xFD, 0xE7));
    CallTipSetForeground(wxColour(0x20, 0x20, 0x20));
    SetMouseDwellTime(400);
    bind_events();
    SetReadOnly(true);
}

const char* TranscriptView::other_coder_style(int slot)
{
    // As set_up_indicators draws them.
    static const char* const kStyles[kOtherCoders] = {"dotted box", "dashed underline",
                                                      "wavy underline", "tinted box"};
    return kStyles[(slot % kOtherCoders + kOtherCoders) % kOtherCoders];
}

void TranscriptView::set_up_text_styles()
{
    wxFont font(wxFontInfo(kFontPoints).Family(wxFONTFAMILY_SWISS));
    StyleSetFont(wxSTC_STYLE_DEFAULT, font);
    StyleSetForeground(wxSTC_STYLE_DEFAULT,
                       wxColour(kTextColour >> 16, (kTextColour >> 8) & 0xFF, kTextColour & 0xFF));
    StyleClearAll();
    StyleSetForeground(wxSTC_STYLE_LINENUMBER, wxColour(0x60, 0x60, 0x60));
    StyleSetBackground(wxSTC_STYLE_LINENUMBER, wxColour(0xEE, 0xEE, 0xEE));
    for (const int twin : {0, kTwinStyle})
    {
        // Interviewer turns are subdued but keep ≥ 4.5:1 contrast on white (#595959 ≈ 7:1).
        StyleSetForeground(twin + kStyleInterviewerText, wxColour(0x59, 0x59, 0x59));
        StyleSetItalic(twin + kStyleInterviewerText, true);
        StyleSetForeground(twin + kStyleInterviewerLabel, wxColour(0x59, 0x59, 0x59));
        StyleSetBold(twin + kStyleInterviewerLabel, true);
        StyleSetForeground(twin + kStyleParticipantLabel, wxColour(0x1A, 0x3C, 0x8C));
        StyleSetBold(twin + kStyleParticipantLabel, true);
    }
}

void TranscriptView::set_up_indicators()
{
    // One indicator per overlap lane; each range carries its code's colour as the indicator
    // value, so dozens of codes share four indicators.
    const int styles[kLanes] = {wxSTC_INDIC_STRAIGHTBOX, wxSTC_INDIC_COMPOSITIONTHICK,
                                wxSTC_INDIC_BOX, wxSTC_INDIC_DASH};
    for (int lane = 0; lane < kLanes; ++lane)
    {
        const int ind = kFirstLaneIndicator + lane;
        IndicatorSetStyle(ind, styles[lane]);
        IndicatorSetFlags(ind, wxSTC_INDICFLAG_VALUEFORE);
        IndicatorSetUnder(ind, lane == 0);
        // Colours are pre-mixed for contrast (palette.h), so the fill is drawn opaque, under
        // the text.
        IndicatorSetAlpha(ind, 255);
        IndicatorSetOutlineAlpha(ind, lane == 0 ? 0 : 255);
    }
    const int other_styles[kOtherCoders] = {wxSTC_INDIC_DOTBOX, wxSTC_INDIC_DASH,
                                            wxSTC_INDIC_SQUIGGLE, wxSTC_INDIC_FULLBOX};
    for (int k = 0; k < kOtherCoders; ++k)
    {
        const int ind = kFirstLaneIndicator + kLanes + k;
        IndicatorSetStyle(ind, other_styles[k]);
        IndicatorSetFlags(ind, wxSTC_INDICFLAG_VALUEFORE);
        IndicatorSetUnder(ind, false);
        IndicatorSetAlpha(ind, k == 3 ? 40 : 255);
        IndicatorSetOutlineAlpha(ind, 255);
    }
    // A find hit is drawn over the text (and over any coded fill), so it shows even while the
    // find bar has the keyboard and the selection is drawn in GTK's pale inactive grey.
    IndicatorSetStyle(kFindIndicator, wxSTC_INDIC_ROUNDBOX);
    IndicatorSetForeground(kFindIndicator, wxColour(0xE0, 0x6C, 0x00));
    IndicatorSetUnder(kFindIndicator, false);
    IndicatorSetAlpha(kFindIndicator, 90);
    IndicatorSetOutlineAlpha(kFindIndicator, 255);
}

void TranscriptView::bind_events()
{
    Bind(wxEVT_STC_DWELLSTART, &TranscriptView::on_dwell_start, this);
    Bind(wxEVT_STC_DWELLEND, &TranscriptView::on_dwell_end, this);
    // Zooming changes the digits' width: the line-number margin follows.
    Bind(wxEVT_STC_ZOOM, [this](wxStyledTextEvent&) { update_margin_width(); });
    // The control's own popup (a disabled Undo/Cut/Paste menu on read-only text) is replaced
    // by the passage's actions (MainFrame).
    UsePopUp(wxSTC_POPUP_NEVER);
    Bind(wxEVT_CONTEXT_MENU,
         [this](wxContextMenuEvent& e)
         {
             if (!m_context)
                 return;
             wxPoint at = e.GetPosition();
             std::int64_t cp = -1;
             if (at == wxDefaultPosition) // menu key: at the caret
             {
                 at = PointFromPosition(GetCurrentPos());
                 cp = m_map.byte_to_cp(GetCurrentPos());
             }
             else
             {
                 at = ScreenToClient(at);
                 cp = char_cp_at_point(at);
             }
             m_context(cp, at);
         });
    Bind(wxEVT_LEFT_UP,
         [this](wxMouseEvent& e)
         {
             e.Skip();
             const wxPoint at = e.GetPosition();
             // After the control has handled the release: a drag leaves a selection, a click
             // does not.
             CallAfter(
                 [this, at]
                 {
                     if (m_click && GetSelectionEmpty())
                         m_click(char_cp_at_point(at));
                 });
         });
}

std::int64_t TranscriptView::char_cp_at_point(const wxPoint& p)
{
    // CharPositionFromPointClose gives the character under the point (not the nearest gap
    // between characters, as PositionFromPoint does), so a click on a passage's last letter
    // is inside it.
    const int pos = CharPositionFromPointClose(p.x, p.y);
    return pos < 0 ? -1 : m_map.byte_to_cp(pos);
}

void TranscriptView::clear_text()
{
    SetReadOnly(false);
    ClearAll();
    SetReadOnly(true);
    m_map = TextPositionMap();
    m_utf8.clear();
    m_words.reset();
    m_drawn.clear();
}

void TranscriptView::show_text(const std::string& utf8, const std::vector<ViewTurn>& turns)
{
    m_map = TextPositionMap(utf8);
    m_utf8 = utf8;
    m_words.reset();
    m_drawn.clear();
    SetReadOnly(false);
    // AddTextRaw takes the bytes as they are, avoiding a UTF-8 → wxString → UTF-8 round trip.
    ClearAll();
    AddTextRaw(utf8.data(), static_cast<int>(utf8.size()));
    // One style byte per text byte, set in one call.
    std::vector<char> styles(utf8.size(), 0);
    auto fill = [&](std::int64_t cp_b, std::int64_t cp_e, int style)
    {
        const auto b = static_cast<std::size_t>(m_map.cp_to_byte(cp_b));
        const auto e = static_cast<std::size_t>(m_map.cp_to_byte(cp_e));
        std::fill(styles.begin() + static_cast<std::ptrdiff_t>(b),
                  styles.begin() + static_cast<std::ptrdiff_t>(std::max(b, e)),
                  static_cast<char>(style));
    };
    for (const auto& t : turns)
    {
        fill(t.label_start, t.label_end,
             t.interviewer ? kStyleInterviewerLabel : kStyleParticipantLabel);
        if (t.interviewer)
            fill(t.label_end, t.text_end, kStyleInterviewerText);
    }
    // wx's Scintilla on GTK gives each character one Pango cluster's width, so within a run
    // every character after a ligature or a letter with combining marks would be placed one
    // character too far right: highlights, selections and clicks then miss the glyphs. Every
    // other stretch between core's run breaks takes the twin style, so no such cluster is
    // ever inside a run.
    const std::vector<std::int64_t> breaks = text::shaping_run_breaks(utf8);
    for (std::size_t i = 0; i < breaks.size(); i += 2)
    {
        const std::int64_t b = breaks[i];
        const std::int64_t e = i + 1 < breaks.size() ? breaks[i + 1] : m_map.cp_length();
        for (auto k = static_cast<std::size_t>(m_map.cp_to_byte(b));
             k < static_cast<std::size_t>(m_map.cp_to_byte(e)); ++k)
            styles[k] = static_cast<char>(styles[k] + kTwinStyle);
    }
    StartStyling(0);
    SetStyleBytes(static_cast<int>(styles.size()), styles.data());
    SetReadOnly(true);
    EmptyUndoBuffer();
    update_margin_width();
    GotoPos(0);
}

void TranscriptView::update_margin_width()
{
    // TextWidth measures in the zoomed font; "_" stands for the margin's own padding.
    const wxString widest = wxString::Format("_%d", std::max(GetLineCount(), 99));
    SetMarginWidth(0, TextWidth(wxSTC_STYLE_LINENUMBER, widest) + 8);
}

int TranscriptView::zoom_percent() const
{
    // Scintilla's zoom adds points to every font; the text is set in kFontPoints.
    const int points = std::max(1, kFontPoints + GetZoom());
    return (points * 100 + kFontPoints / 2) / kFontPoints;
}

void TranscriptView::show_find_hit(std::int64_t start, std::int64_t end)
{
    select_cp(start, end); // clears the previous hit's mark
    const int b = static_cast<int>(m_map.cp_to_byte(start));
    const int e = static_cast<int>(m_map.cp_to_byte(end));
    SetIndicatorCurrent(kFindIndicator);
    SetIndicatorValue(1);
    IndicatorFillRange(b, e - b);
}

void TranscriptView::set_highlights(const std::vector<ViewHighlight>& highlights)
{
    std::vector<LaneSpan> spans;
    spans.reserve(highlights.size());
    for (const auto& h : highlights)
        if (h.other_coder < 0)
            spans.push_back({h.start, h.end});
    const std::vector<int> own_lanes = assign_lanes(spans, kLanes);
    // Own passages take the overlap lanes; another coder's passages go to that coder's
    // outline indicator, whatever overlaps them.
    std::vector<int> lanes(highlights.size(), 0);
    for (std::size_t i = 0, k = 0; i < highlights.size(); ++i)
        lanes[i] = highlights[i].other_coder < 0
                       ? own_lanes[k++]
                       : kLanes + highlights[i].other_coder % kOtherCoders;
    std::vector<Drawn> drawn;
    drawn.reserve(highlights.size());
    for (std::size_t i = 0; i < highlights.size(); ++i)
    {
        const int b = static_cast<int>(m_map.cp_to_byte(highlights[i].start));
        const int e = static_cast<int>(m_map.cp_to_byte(highlights[i].end));
        if (e > b)
        {
            const std::uint32_t rgb =
                lanes[i] == 0 ? fill_colour(highlights[i].rgb) : line_colour(highlights[i].rgb);
            drawn.push_back({b, e, lanes[i], wxSTC_INDICVALUEBIT | to_scintilla(rgb)});
        }
    }
    std::sort(drawn.begin(), drawn.end());

    // Coding one passage changes a few ranges; redrawing only those keeps applying a code fast
    // on a transcript with thousands of annotations.
    std::vector<Drawn> gone;
    std::vector<Drawn> added;
    std::set_difference(m_drawn.begin(), m_drawn.end(), drawn.begin(), drawn.end(),
                        std::back_inserter(gone));
    std::set_difference(drawn.begin(), drawn.end(), m_drawn.begin(), m_drawn.end(),
                        std::back_inserter(added));
    if (m_drawn.empty() || gone.size() + added.size() > drawn.size() / 4 + 16)
    {
        draw_all(drawn);
        m_drawn = std::move(drawn);
        return;
    }
    for (const auto& g : gone)
    {
        SetIndicatorCurrent(kFirstLaneIndicator + g.lane);
        IndicatorClearRange(g.begin, g.end - g.begin);
        // Only the folded deepest lane holds overlapping ranges; restore what the clear cut.
        for (const auto& k : drawn)
            if (k.lane == g.lane && k.begin < g.end && g.begin < k.end)
                added.push_back(k);
    }
    for (const auto& a : added)
    {
        SetIndicatorCurrent(kFirstLaneIndicator + a.lane);
        SetIndicatorValue(a.value);
        IndicatorFillRange(a.begin, a.end - a.begin);
    }
    m_drawn = std::move(drawn);
}

void TranscriptView::draw_all(const std::vector<Drawn>& drawn)
{
    const int len = GetLength();
    for (int lane = 0; lane < kLanes + kOtherCoders; ++lane)
    {
        SetIndicatorCurrent(kFirstLaneIndicator + lane);
        IndicatorClearRange(0, len);
    }
    for (const auto& d : drawn)
    {
        SetIndicatorCurrent(kFirstLaneIndicator + d.lane);
        SetIndicatorValue(d.value);
        IndicatorFillRange(d.begin, d.end - d.begin);
    }
}

std::optional<std::pair<std::int64_t, std::int64_t>> TranscriptView::selection_cp() const
{
    const int b = GetSelectionStart();
    const int e = GetSelectionEnd();
    if (e <= b)
        return std::nullopt;
    CpRange r{m_map.byte_to_cp(b), m_map.byte_to_cp(e)};
    if (m_snap)
    {
        if (!m_words)
            m_words = std::make_unique<text::WordBoundaries>(m_utf8);
        r = m_words->snap(r);
        if (r.end <= r.begin)
            return std::nullopt;
    }
    return std::make_pair(r.begin, r.end);
}

void TranscriptView::select_cp(std::int64_t start, std::int64_t end)
{
    SetIndicatorCurrent(kFindIndicator);
    IndicatorClearRange(0, GetLength());
    const int b = static_cast<int>(m_map.cp_to_byte(start));
    const int e = static_cast<int>(m_map.cp_to_byte(end));
    const int line = LineFromPosition(b);
    EnsureVisible(line);
    SetSelection(b, e);
    // Put the passage a few lines below the top so its context shows.
    SetFirstVisibleLine(std::max(0, VisibleFromDocLine(line) - 3));
}

void TranscriptView::go_to_line_number(int line)
{
    const int l = std::clamp(line - 1, 0, std::max(0, GetLineCount() - 1));
    GotoLine(l);
    SetFirstVisibleLine(std::max(0, VisibleFromDocLine(l) - 3));
    SetSelection(PositionFromLine(l), GetLineEndPosition(l));
}

std::int64_t TranscriptView::cp_at_point(const wxPoint& p) const
{
    const int pos = PositionFromPoint(p);
    return m_map.byte_to_cp(pos);
}

void TranscriptView::on_dwell_start(wxStyledTextEvent& e)
{
    if (!m_hover || e.GetPosition() < 0)
        return;
    const std::string text = m_hover(m_map.byte_to_cp(e.GetPosition()));
    if (!text.empty())
        CallTipShow(e.GetPosition(), to_wx(text));
}

void TranscriptView::on_dwell_end(wxStyledTextEvent&)
{
    if (CallTipActive())
        CallTipCancel();
}

} // namespace attune::app
