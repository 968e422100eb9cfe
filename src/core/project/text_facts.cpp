// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/project/text_facts.h"

#include "core/text/code_points.h"
#include "core/text/sha256.h"
#include "core/text/structure.h"
#include "core/text/text_index.h"

namespace attune::project
{

TextFacts text_facts(const std::string& t)
{
    TextFacts f;
    f.sha256 = text::sha256_hex(t);
    const auto structure = text::analyze_structure(t, text::SpeakerRules{});
    f.words = static_cast<std::int64_t>(structure.word_count);
    f.turns = static_cast<std::int64_t>(structure.turns.size());
    f.lines = static_cast<std::int64_t>(text::line_starts(t).size());
    return f;
}

std::optional<std::pair<std::int64_t, std::int64_t>> SpanRemap::map(std::int64_t start,
                                                                    std::int64_t end) const
{
    if (end <= m_prefix)
        return std::make_pair(start, end);
    if (start >= m_old_suffix_start)
        return std::make_pair(start + m_delta, end + m_delta);
    return std::nullopt;
}

SpanRemap make_remap(std::string_view old_text, std::string_view new_text)
{
    const auto a = text::to_code_points(old_text);
    const auto b = text::to_code_points(new_text);
    std::size_t p = 0;
    while (p < a.size() && p < b.size() && a[p] == b[p])
        ++p;
    // The suffix may not overlap the prefix in either text.
    std::size_t s = 0;
    while (s < a.size() - p && s < b.size() - p && a[a.size() - 1 - s] == b[b.size() - 1 - s])
        ++s;
    const auto old_len = static_cast<std::int64_t>(a.size());
    const auto new_len = static_cast<std::int64_t>(b.size());
    return SpanRemap(static_cast<std::int64_t>(p), old_len - static_cast<std::int64_t>(s),
                     new_len - old_len);
}

} // namespace attune::project
