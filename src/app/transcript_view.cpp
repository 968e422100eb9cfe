// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/transcript_view.h"

#include "app/highlight_lanes.h"
#include "app/palette.h"
#include "app/wx_string.h"

#include <algorithm>
#include <iterator>

namespace attune::app
{

namespace
{

constexpr int kStyleInterviewerText = 1;
constexpr int kStyleInterviewerLabel = 2;
constexpr int kStyleParticipantLabel = 3;
constexpr int kFirstLaneIndicator = wxSTC_INDIC_CONTAINER;

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
    SetWrapMode(wxSTC_WRAP_WORD);
    SetWrapIndentMode(wxSTC_WRAPINDENT_INDENT);
    SetMarginWidth(1, 0);
    SetMarginType(0, wxSTC_MARGIN_NUMBER);
    SetCaretLineVisible(false);
    SetUseHorizontalScrollBar(false);
    SetExtraDescent(3);
    SetMarginLeft(6);
    SetMarginRight(14); // keeps wrapped text clear of the pane's edge at high zoom

    wxFont font(wxFontInfo(11).Family(wxFONTFAMILY_SWISS));
    StyleSetFont(wxSTC_STYLE_DEFAULT, font);
    StyleSetForeground(wxSTC_STYLE_DEFAULT,
                       wxColour(kTextColour >> 16, (kTextColour >> 8) & 0xFF, kTextColour & 0xFF));
    StyleClearAll();
    StyleSetForeground(wxSTC_STYLE_LINENUMBER, wxColour(0x60, 0x60, 0x60));
    StyleSetBackground(wxSTC_STYLE_LINENUMBER, wxColour(0xEE, 0xEE, 0xEE));
    // Interviewer turns are subdued but keep ≥ 4.5:1 contrast on white (#595959 ≈ 7:1).
    StyleSetForeground(kStyleInterviewerText, wxColour(0x59, 0x59, 0x59));
    StyleSetItalic(kStyleInterviewerText, true);
    StyleSetForeground(kStyleInterviewerLabel, wxColour(0x59, 0x59, 0x59));
    StyleSetBold(kStyleInterviewerLabel, true);
    StyleSetForeground(kStyleParticipantLabel, wxColour(0x1A, 0x3C, 0x8C));
    StyleSetBold(kStyleParticipantLabel, true);

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
    CallTipSetBackground(wxColour(0xFF, 0xFD, 0xE7));
    CallTipSetForeground(wxColour(0x20, 0x20, 0x20));
    SetMouseDwellTime(400);
    Bind(wxEVT_STC_DWELLSTART, &TranscriptView::on_dwell_start, this);
    Bind(wxEVT_STC_DWELLEND, &TranscriptView::on_dwell_end, this);
    SetReadOnly(true);
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
    StartStyling(0);
    SetStyling(static_cast<int>(utf8.size()), 0);
    for (const auto& t : turns)
    {
        const int label_b = static_cast<int>(m_map.cp_to_byte(t.label_start));
        const int label_e = static_cast<int>(m_map.cp_to_byte(t.label_end));
        const int text_e = static_cast<int>(m_map.cp_to_byte(t.text_end));
        StartStyling(label_b);
        SetStyling(label_e - label_b,
                   t.interviewer ? kStyleInterviewerLabel : kStyleParticipantLabel);
        if (t.interviewer && text_e > label_e)
        {
            StartStyling(label_e);
            SetStyling(text_e - label_e, kStyleInterviewerText);
        }
    }
    SetReadOnly(true);
    EmptyUndoBuffer();
    update_margin_width();
    GotoPos(0);
}

void TranscriptView::update_margin_width()
{
    const wxString widest = wxString::Format("_%d", std::max(GetLineCount(), 99));
    SetMarginWidth(0, TextWidth(wxSTC_STYLE_LINENUMBER, widest) + 8);
}

void TranscriptView::set_highlights(const std::vector<ViewHighlight>& highlights)
{
    std::vector<LaneSpan> spans;
    spans.reserve(highlights.size());
    for (const auto& h : highlights)
        spans.push_back({h.start, h.end});
    const std::vector<int> lanes = assign_lanes(spans, kLanes);
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
    for (int lane = 0; lane < kLanes; ++lane)
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
