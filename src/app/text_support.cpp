// SPDX-License-Identifier: GPL-3.0-or-later
// The view's text questions answered by core: turns from core/text/structure.h, search from
// core/text/search.h (ICU folding: any script's case and accents), lines as `attune-cli show`
// numbers them (project::line_spans).
#include "app/text_support.h"

#include "core/project/session.h"
#include "core/text/search.h"
#include "core/text/structure.h"

namespace attune::app
{

namespace
{

std::int64_t code_points(const std::string& s)
{
    std::int64_t n = 0;
    for (const char c : s)
        if ((static_cast<unsigned char>(c) & 0xC0) != 0x80)
            ++n;
    return n;
}

} // namespace

std::vector<std::int64_t> line_starts(const std::string& text)
{
    std::vector<std::int64_t> out;
    for (const auto& [start, end] : project::line_spans(text))
        out.push_back(start);
    if (out.empty())
        out.push_back(0);
    return out;
}

std::vector<ViewTurn> speaker_turns(const std::string& text)
{
    const auto structure = text::analyze_structure(text, text::SpeakerRules{});
    std::vector<ViewTurn> turns;
    turns.reserve(structure.turns.size());
    for (const auto& t : structure.turns)
    {
        // The label as written plus its ':' is what gets the label style.
        const std::int64_t label_end = t.begin + code_points(t.label) + 1;
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

} // namespace attune::app
