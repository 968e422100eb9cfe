// SPDX-License-Identifier: GPL-3.0-or-later
// The view's text questions answered by core: turns from core/text/structure.h, search from
// core/text/search.h (ICU folding: any script's case and accents). Lines are core's
// (text::line_starts, as `attune-cli show` numbers them).
#include "app/text_support.h"

#include "core/text/code_points.h"
#include "core/text/search.h"
#include "core/text/structure.h"

namespace attune::app
{

std::vector<ViewTurn> speaker_turns(const std::string& text)
{
    const auto structure = text::analyze_structure(text, text::SpeakerRules{});
    std::vector<ViewTurn> turns;
    turns.reserve(structure.turns.size());
    for (const auto& t : structure.turns)
    {
        // The label as written plus its ':' is what gets the label style.
        const std::int64_t label_end = t.begin + text::code_point_count(t.label) + 1;
        turns.push_back({t.begin, label_end, t.end, t.role == text::Role::Interviewer});
    }
    return turns;
}

std::optional<std::pair<std::int64_t, std::int64_t>>
find_in_text(const std::string& text, const std::string& query, std::int64_t from, bool forward)
{
    const auto hits = text::find_all(text, query);
    if (hits.empty())
        return std::nullopt;
    auto pair = [](const CpRange& r) { return std::make_pair(r.begin, r.end); };
    if (forward)
    {
        for (const auto& h : hits)
            if (h.begin >= from)
                return pair(h);
        return pair(hits.front()); // wrap around
    }
    for (auto it = hits.rbegin(); it != hits.rend(); ++it)
        if (it->end <= from)
            return pair(*it);
    return pair(hits.back());
}

std::vector<ViewSection> question_sections(const std::string& text)
{
    std::vector<ViewSection> out;
    for (const auto& s : text::analyze_structure(text, text::SpeakerRules{}).sections)
        out.push_back({s.id, s.title, static_cast<std::int64_t>(s.begin), s.first_line});
    return out;
}

int section_step(const std::vector<ViewSection>& sections, std::int64_t cp, int step)
{
    const int n = static_cast<int>(sections.size());
    if (step > 0)
    {
        for (int i = 0; i < n; ++i)
            if (sections[static_cast<std::size_t>(i)].begin > cp)
                return i;
        return -1;
    }
    for (int i = n - 1; i >= 0; --i)
        if (sections[static_cast<std::size_t>(i)].begin < cp)
            return i;
    return -1;
}

std::optional<std::pair<std::int64_t, std::int64_t>>
nudge_span(const text::WordBoundaries& words, std::int64_t size, std::int64_t start,
           std::int64_t end, bool move_end, int step)
{
    // Walks over code points to the nearest word that way; word_at is a binary search, and
    // the walk stops at the first word, so a nudge costs a handful of look-ups.
    if (move_end && step > 0)
    {
        for (std::int64_t cp = end; cp < size; ++cp)
            if (const CpRange w = words.word_at(cp); !w.empty())
                return std::make_pair(start, static_cast<std::int64_t>(w.end));
        return std::nullopt;
    }
    if (move_end)
    {
        for (std::int64_t cp = end - 1; cp > start; --cp)
        {
            const CpRange w = words.word_at(cp);
            if (w.empty())
                continue;
            if (w.end < end && w.end > start)
                return std::make_pair(start, static_cast<std::int64_t>(w.end));
            cp = w.begin; // the word the end is in: look before it
        }
        return std::nullopt;
    }
    if (step < 0)
    {
        for (std::int64_t cp = start - 1; cp >= 0; --cp)
            if (const CpRange w = words.word_at(cp); !w.empty())
                return std::make_pair(static_cast<std::int64_t>(w.begin), end);
        return std::nullopt;
    }
    for (std::int64_t cp = start; cp < end; ++cp)
    {
        const CpRange w = words.word_at(cp);
        if (w.empty())
            continue;
        if (w.begin > start)
            return w.begin < end
                       ? std::optional(std::make_pair(static_cast<std::int64_t>(w.begin), end))
                       : std::nullopt;
        cp = w.end - 1; // the word the start is in: look after it
    }
    return std::nullopt;
}

} // namespace attune::app
