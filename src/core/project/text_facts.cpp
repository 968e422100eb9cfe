// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/project/text_facts.h"

#include "core/project/session.h"
#include "core/text/sha256.h"
#include "core/text/structure.h"

#include <vector>

namespace attune::project
{

namespace
{

// Decodes valid UTF-8 (checked at import) into code points.
std::vector<char32_t> decode(std::string_view s)
{
    std::vector<char32_t> out;
    out.reserve(s.size());
    for (std::size_t i = 0; i < s.size();)
    {
        const auto b = static_cast<unsigned char>(s[i]);
        int n = b < 0x80 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4;
        char32_t cp = n == 1 ? b : n == 2 ? (b & 0x1F) : n == 3 ? (b & 0x0F) : (b & 0x07);
        for (int k = 1; k < n && i + static_cast<std::size_t>(k) < s.size(); ++k)
            cp =
                (cp << 6) | (static_cast<unsigned char>(s[i + static_cast<std::size_t>(k)]) & 0x3F);
        out.push_back(cp);
        i += static_cast<std::size_t>(n);
    }
    return out;
}

} // namespace

std::int64_t code_point_count(std::string_view utf8)
{
    std::int64_t n = 0;
    for (const char c : utf8)
        if ((static_cast<unsigned char>(c) & 0xC0) != 0x80)
            ++n;
    return n;
}

TextFacts text_facts(const std::string& t)
{
    TextFacts f;
    f.sha256 = text::sha256_hex(t);
    const auto structure = text::analyze_structure(t, text::SpeakerRules{});
    f.words = static_cast<std::int64_t>(structure.word_count);
    f.turns = static_cast<std::int64_t>(structure.turns.size());
    f.lines = static_cast<std::int64_t>(line_spans(t).size());
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
    const auto a = decode(old_text);
    const auto b = decode(new_text);
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
