// SPDX-License-Identifier: GPL-3.0-or-later
// What the coder sees is what is stored: the real TranscriptView (a wxStyledTextCtrl) under
// Xvfb, its indicator ranges and selections read back from the control and compared with the
// project's stored spans. Run by run_view_test.sh with ATTUNE_VIEW_TEST_PROJECT naming a copy of
// the demo project (all sample transcripts and three coders' passages) plus a synthetic
// transcript of emoji, combining marks, CRLF-origin lines, curly quotes and dashes.
#include "app/highlight_lanes.h"
#include "app/text_support.h"
#include "app/transcript_view.h"
#include "app/wx_string.h"
#include "core/project/session.h"
#include "core/text/search.h"
#include "core/text/text_index.h"
#include "core/text/words.h"

#define CATCH_CONFIG_RUNNER
#include <catch2/catch.hpp>

#include <wx/app.h>
#include <wx/dcclient.h>
#include <wx/frame.h>
#include <wx/init.h>

#include <algorithm>
#include <cstdlib>
#include <map>
#include <memory>
#include <random>
#include <set>

using namespace attune;
using namespace attune::app;

namespace
{

constexpr int kFirstIndicator = wxSTC_INDIC_CONTAINER;

/// One window with one view, shared by all tests (wx allows one wxApp per process).
struct Window
{
    wxFrame* frame = nullptr;
    TranscriptView* view = nullptr;
};

Window g_window;
std::unique_ptr<project::Session> g_session;

Window& window()
{
    Window& w = g_window;
    if (!w.frame)
    {
        w.frame =
            new wxFrame(nullptr, wxID_ANY, "view positions", wxDefaultPosition, wxSize(900, 700));
        w.view = new TranscriptView(w.frame);
        w.frame->Show();
        wxTheApp->Yield(true);
    }
    return w;
}

std::unique_ptr<project::Session>& session()
{
    std::unique_ptr<project::Session>& s = g_session;
    if (!s)
    {
        const char* path = std::getenv("ATTUNE_VIEW_TEST_PROJECT");
        REQUIRE(path);
        auto opened = project::Session::open(path);
        REQUIRE(opened);
        s = std::move(opened).value();
    }
    return s;
}

/// A run of one indicator as the control holds it: byte range and value.
struct Run
{
    int begin = 0;
    int end = 0;
    int value = 0;
};

/// Every non-empty run of `indicator`, read from the control (IndicatorEnd walks the runs).
std::vector<Run> runs(wxStyledTextCtrl& c, int indicator)
{
    std::vector<Run> out;
    const int length = c.GetLength();
    for (int pos = 0; pos < length;)
    {
        int end = c.IndicatorEnd(indicator, pos);
        if (end <= pos)
            end = length; // no run after pos: the indicator is unused
        if (const int v = c.IndicatorValueAt(indicator, pos); v != 0)
            out.push_back({pos, end, v});
        pos = end;
    }
    return out;
}

/// The control's own bytes in [b, e), as the coder sees them.
std::string control_text(wxStyledTextCtrl& c, int b, int e)
{
    return from_wx(c.GetTextRange(b, e));
}

/// Shows a transcript in the view; checks that the control holds exactly the stored text.
std::string show(TranscriptView& view, project::TranscriptId id)
{
    auto text = session()->text(id);
    REQUIRE(text);
    view.show_text(text.value(), speaker_turns(text.value()));
    const wxCharBuffer raw = view.GetTextRaw();
    REQUIRE(std::string(raw.data(), raw.length()) == text.value());
    return text.value();
}

std::string name_of(const project::TranscriptSummary& t)
{
    return t.transcript.participant.value_or("?") + " (" + std::to_string(t.transcript.id.value()) +
           ")";
}

/// Code-point → control position by the control's own character steps (independent of
/// TextPositionMap): Scintilla counts a UTF-8 character as one step.
int control_position(wxStyledTextCtrl& c, std::int64_t cp)
{
    return c.PositionRelative(0, static_cast<int>(cp));
}

/// Where the control places the edge before byte `pos`: highlights, the selection, the caret
/// and mouse hits all use this x.
int placed_x(wxStyledTextCtrl& c, int pos)
{
    return c.PointFromPosition(pos).x;
}

/// Where the glyphs really are: the display line's first character is placed at its own x, and
/// every style run after it is shaped on its own (as Scintilla draws it), so the edge before
/// `pos` lies the runs' measured widths further right. Measured with the control's fonts
/// through wx, independently of the positions the control keeps.
int drawn_x(wxStyledTextCtrl& c, int pos)
{
    const int y = c.PointFromPosition(pos).y;
    const int line_start = c.PositionFromLine(c.LineFromPosition(pos));
    int s = pos;
    while (s > line_start && c.PointFromPosition(c.PositionBefore(s)).y == y)
        s = c.PositionBefore(s);
    wxClientDC dc(&c);
    int x = placed_x(c, s);
    for (int b = s; b < pos;)
    {
        const int style = c.GetStyleAt(b);
        int e = b;
        while (e < pos && c.GetStyleAt(e) == style)
            e = c.PositionAfter(e);
        dc.SetFont(c.StyleGetFont(style));
        x += dc.GetTextExtent(c.GetTextRange(b, e)).x;
        b = e;
    }
    return x;
}

/// The character boundary a coder sees where the control draws the edge before `pos`: of the
/// boundaries around it on its display line, the one whose glyph edge is nearest.
int seen_boundary(wxStyledTextCtrl& c, int pos)
{
    const int x = placed_x(c, pos);
    const int y = c.PointFromPosition(pos).y;
    int best = pos;
    int best_distance = std::abs(drawn_x(c, pos) - x);
    std::vector<int> around;
    for (int q = pos, k = 0; k < 2 && q > 0; ++k)
        around.push_back(q = c.PositionBefore(q));
    for (int q = pos, k = 0; k < 2 && q < c.GetLength(); ++k)
        around.push_back(q = c.PositionAfter(q));
    for (const int q : around)
        if (c.PointFromPosition(q).y == y)
            if (const int d = std::abs(drawn_x(c, q) - x); d < best_distance)
            {
                best = q;
                best_distance = d;
            }
    return best;
}

/// What the coder sees highlighted by a run of the control's indicator (or selection).
std::string seen_text(wxStyledTextCtrl& c, int begin, int end)
{
    return control_text(c, seen_boundary(c, begin), seen_boundary(c, end));
}

/// True for a code point a coder cannot put the mouse before: it is drawn on the character
/// before it (combining marks, emoji modifiers, joiners and variation selectors).
bool inside_cluster(const text::TextIndex& index, std::int64_t cp)
{
    if (cp <= 0 || cp >= index.size())
        return false;
    const char32_t c = index.at(cp);
    return (c >= 0x300 && c <= 0x36F) || (c >= 0x1F3FB && c <= 0x1F3FF) || c == 0x200D ||
           c == 0xFE0F || index.at(cp - 1) == 0x200D;
}

/// Scrolls so that the display line of `pos` is the first one shown.
void scroll_to(wxStyledTextCtrl& c, int pos)
{
    const int line = c.LineFromPosition(pos);
    c.EnsureVisible(line);
    int first = c.VisibleFromDocLine(line);
    c.SetFirstVisibleLine(first);
    // Wrapped lines: step down the sub-lines until pos is on the top one.
    while (c.PointFromPosition(pos).y >= c.TextHeight(0) && first < c.GetLineCount() * 20)
        c.SetFirstVisibleLine(++first);
}

} // namespace

TEST_CASE("view: every stored annotation of every sample is drawn over exactly its text", "[view]")
{
    auto& view = *window().view;
    int checked = 0;
    for (const auto& t : session()->transcripts())
    {
        const std::string text = show(view, t.transcript.id);
        const text::TextIndex index(text);
        const auto annotations = session()->annotations(t.transcript.id);
        INFO(name_of(t));
        // Alone: the one lane-0 run is the annotation, and the glyphs under it are its text.
        for (const auto& a : annotations)
        {
            view.set_highlights({{a.start, a.end, 0x3366cc}});
            const auto drawn = runs(view, kFirstIndicator);
            const std::string stored(index.substr(a.start, a.end));
            INFO("annotation [" << a.start << ", " << a.end << ") '" << stored << "'");
            REQUIRE(drawn.size() == 1);
            CHECK(control_text(view, drawn[0].begin, drawn[0].end) == stored);
            CHECK(seen_text(view, drawn[0].begin, drawn[0].end) == stored);
            ++checked;
        }
        // Lines wrap only after white space (the view splits runs inside words).
        for (int pos = 0, y = -1, line = -1; pos < view.GetLength(); pos = view.PositionAfter(pos))
        {
            const int py = view.PointFromPosition(pos).y;
            const int pl = view.LineFromPosition(pos);
            if (pl == line && py != y)
            {
                const std::string before = control_text(view, view.PositionBefore(pos), pos);
                INFO("line " << pl + 1 << " wraps after '" << before << "' before '"
                             << control_text(view, pos, view.PositionAfter(pos)) << "'");
                CHECK((before == " " || before == "\t"));
            }
            y = py;
            line = pl;
        }
        // All at once (the incremental redraw in between): every annotation lies inside a run of
        // some lane, and every run starts and ends where an annotation does.
        std::vector<ViewHighlight> all;
        for (std::size_t i = 0; i < annotations.size(); ++i)
            all.push_back({annotations[i].start, annotations[i].end,
                           0x100000u + static_cast<std::uint32_t>(i) * 0x97u});
        view.set_highlights({});
        for (std::size_t n = 1; n <= all.size(); n += 1 + n / 3)
            view.set_highlights({all.begin(), all.begin() + static_cast<std::ptrdiff_t>(n)});
        view.set_highlights(all);
        std::set<int> edges;
        for (const auto& a : annotations)
        {
            edges.insert(control_position(view, a.start));
            edges.insert(control_position(view, a.end));
        }
        for (int lane = 0; lane < TranscriptView::kLanes; ++lane)
            for (const auto& r : runs(view, kFirstIndicator + lane))
            {
                INFO("lane " << lane << " run at bytes [" << r.begin << ", " << r.end << ") '"
                             << control_text(view, r.begin, r.end) << "'");
                CHECK(edges.count(r.begin) == 1);
                CHECK(edges.count(r.end) == 1);
            }
        for (const auto& a : annotations)
        {
            const int b = control_position(view, a.start);
            const int e = control_position(view, a.end);
            bool found = false;
            for (int lane = 0; lane < TranscriptView::kLanes && !found; ++lane)
                for (const auto& r : runs(view, kFirstIndicator + lane))
                    found = found || (r.begin <= b && e <= r.end);
            INFO("annotation '" << index.substr(a.start, a.end) << "'");
            CHECK(found);
        }
    }
    CHECK(checked > 100);
}

TEST_CASE("view: a selection swept over the glyphs is stored as seen and drawn back over them",
          "[view]")
{
    auto& view = *window().view;
    auto& s = *session();
    const auto coder = s.coders().at(0);
    const auto any_annotation = s.annotations();
    REQUIRE_FALSE(any_annotation.empty());
    const project::Annotation& code = any_annotation.front();
    std::mt19937 rng(20240610);
    for (const auto& t : s.transcripts())
    {
        const std::string text = show(view, t.transcript.id);
        const text::TextIndex index(text);
        const text::WordBoundaries words(text);
        INFO(name_of(t));
        // Random starts, and starts around every character that is not ASCII and every "f".
        std::vector<std::int64_t> starts;
        std::uniform_int_distribution<std::int64_t> any(0, index.size() - 1);
        for (int i = 0; i < 10; ++i)
            starts.push_back(any(rng));
        std::vector<std::int64_t> special;
        for (std::int64_t cp = 0; cp < index.size(); ++cp)
            if (index.at(cp) > 0x7F || index.at(cp) == 'f')
                for (std::int64_t d = -2; d <= 1; ++d)
                    special.push_back(std::clamp<std::int64_t>(cp + d, 0, index.size() - 1));
        std::shuffle(special.begin(), special.end(), rng);
        special.resize(std::min<std::size_t>(special.size(), 16));
        starts.insert(starts.end(), special.begin(), special.end());
        std::uniform_int_distribution<std::int64_t> width(1, 30);
        for (std::size_t i = 0; i < starts.size(); ++i)
        {
            const bool snap = i % 2 == 1;
            const std::int64_t b = starts[i];
            std::int64_t e = std::min(index.size(), b + width(rng));
            while (e < index.size() && inside_cluster(index, e))
                ++e;
            if (inside_cluster(index, b) || e <= b)
                continue;
            // As a mouse drag: pressed at the glyph edge before b, released at the one before e.
            const int pb = control_position(view, b);
            const int pe = control_position(view, e);
            scroll_to(view, pb);
            const int half_line = view.TextHeight(0) / 2;
            const int from = view.PositionFromPoint(
                wxPoint(drawn_x(view, pb), view.PointFromPosition(pb).y + half_line));
            const int to = view.PositionFromPoint(
                wxPoint(drawn_x(view, pe), view.PointFromPosition(pe).y + half_line));
            const std::string swept = control_text(view, pb, pe);
            INFO("swept [" << b << ", " << e << ") '" << swept << "' snap " << snap);
            view.set_snap_to_words(snap);
            view.SetSelection(from, to);
            CHECK(from == pb);
            CHECK(to == pe);
            const auto sel = view.selection_cp();
            const CpRange want = snap ? words.snap({b, e}) : CpRange{b, e};
            if (want.empty())
            {
                CHECK_FALSE(sel);
                continue;
            }
            REQUIRE(sel);
            CHECK(CpRange{sel->first, sel->second} == want);
            if (snap)
                // Snapping completes words; it never adds punctuation or space the coder did not
                // sweep ("I was nine" must not become "I was nine.").
                for (std::int64_t cp = sel->first; cp < sel->second; ++cp)
                    if (cp < b || cp >= e)
                    {
                        const std::string c(index.substr(cp, cp + 1));
                        INFO("added '" << c << "'");
                        CHECK(std::string(" \n\t.,;:!?()\"“”–—…").find(c) == std::string::npos);
                    }
            // Stored …
            project::Annotate cmd;
            cmd.transcript = t.transcript.id;
            cmd.coder = coder.id;
            cmd.scheme_id = code.scheme_id;
            cmd.code = code.code;
            cmd.start = sel->first;
            cmd.end = sel->second;
            auto outcome = s.apply(cmd);
            REQUIRE(outcome);
            auto stored = s.annotation(outcome.value().uuid);
            REQUIRE(stored);
            const std::string stored_text(index.substr(stored.value().start, stored.value().end));
            CHECK(stored.value().start == want.begin);
            CHECK(stored.value().end == want.end);
            if (!snap)
                CHECK(stored_text == swept);
            // … and drawn over the same glyphs.
            view.set_highlights({{stored.value().start, stored.value().end, 0xcc3366}});
            const auto drawn = runs(view, kFirstIndicator);
            REQUIRE(drawn.size() == 1);
            CHECK(seen_text(view, drawn[0].begin, drawn[0].end) == stored_text);
        }
    }
}

TEST_CASE("view: find marks exactly the characters that match, accents and case aside", "[view]")
{
    auto& view = *window().view;
    std::mt19937 rng(7);
    for (const auto& t : session()->transcripts())
    {
        const std::string text = show(view, t.transcript.id);
        const text::TextIndex index(text);
        const text::WordBoundaries words(text);
        INFO(name_of(t));
        std::uniform_int_distribution<std::int64_t> any(0, index.size() - 1);
        for (int i = 0; i < 20; ++i)
        {
            // A query of whole words from the text, typed without accents or capitals.
            const std::int64_t from = any(rng);
            const CpRange w = words.snap({from, std::min(index.size(), from + 12)});
            if (w.empty() || w.size() > 40)
                continue;
            const std::string query = text::fold_for_search(index.substr(w.begin, w.end));
            const auto hit = find_in_text(text, query, w.begin, true);
            REQUIRE(hit);
            view.show_find_hit(hit->first, hit->second);
            const std::string shown =
                seen_text(view, view.GetSelectionStart(), view.GetSelectionEnd());
            INFO("query '" << query << "' shown '" << shown << "'");
            CHECK(text::fold_for_search(shown) == query);
        }
    }
    // The example: "meme odile" in P07 lights "Mémé Odile", nothing around it.
    for (const auto& t : session()->transcripts())
        if (t.transcript.participant == std::optional<std::string>("P07"))
        {
            const std::string text = show(view, t.transcript.id);
            const auto hit = find_in_text(text, "meme odile", 0, true);
            REQUIRE(hit);
            view.show_find_hit(hit->first, hit->second);
            CHECK(seen_text(view, view.GetSelectionStart(), view.GetSelectionEnd()) ==
                  "Mémé Odile");
        }
}

TEST_CASE("view: the line-number margin fits the last line number at every zoom", "[view]")
{
    auto& view = *window().view;
    const auto transcripts = session()->transcripts();
    show(view, transcripts.front().transcript.id);
    const wxString last = wxString::Format("%d", view.GetLineCount());
    for (const int zoom : {0, 4, 11, 20, -5, 0})
    {
        view.SetZoom(zoom);
        INFO("zoom " << zoom << " (" << view.zoom_percent() << " %)");
        CHECK(view.GetMarginWidth(0) >= view.TextWidth(wxSTC_STYLE_LINENUMBER, last) + 4);
    }
    view.SetZoom(11);
    CHECK(view.zoom_percent() == 200);
    view.SetZoom(0);
    CHECK(view.zoom_percent() == 100);
}

int main(int argc, char** argv)
{
    // A real GTK wxApp on the X display (Xvfb in ctest); Catch2 runs inside it.
    struct TestApp : wxApp
    {
        bool OnInit() override { return true; }
    };
    wxApp::SetInstance(new TestApp);
    int wx_argc = 1;
    char* wx_argv[] = {argv[0], nullptr};
    if (!wxEntryStart(wx_argc, wx_argv) || !wxTheApp->CallOnInit())
        return 2;
    const int rc = Catch::Session().run(argc, argv);
    if (g_window.frame)
        g_window.frame->Destroy();
    g_session.reset();
    wxEntryCleanup();
    return rc;
}
