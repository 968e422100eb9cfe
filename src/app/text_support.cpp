// SPDX-License-Identifier: GPL-3.0-or-later
// Interim implementations: core's text module (speaker-turn analysis and ICU-based search) is
// not in the build yet. These cover the AAI default labels and Latin-script accents; when
// core/text/structure.h and core/text/search.h land, this file is the one place to switch.
#include "app/text_support.h"

#include "core/project/session.h"

#include <array>
#include <string_view>

namespace attune::app
{

namespace
{

/// Decodes UTF-8 (valid: checked at import) into code points.
std::u32string decode(const std::string& s)
{
    std::u32string out;
    out.reserve(s.size());
    for (std::size_t i = 0; i < s.size();)
    {
        const auto b = static_cast<unsigned char>(s[i]);
        const int n = b < 0x80 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4;
        char32_t cp = n == 1 ? b : n == 2 ? (b & 0x1Fu) : n == 3 ? (b & 0x0Fu) : (b & 0x07u);
        for (int k = 1; k < n && i + static_cast<std::size_t>(k) < s.size(); ++k)
            cp = (cp << 6) |
                 (static_cast<unsigned char>(s[i + static_cast<std::size_t>(k)]) & 0x3Fu);
        out.push_back(cp);
        i += static_cast<std::size_t>(n);
    }
    return out;
}

using namespace std::string_view_literals;

// Base letters of U+00C0…U+017F (Latin-1 Supplement and Latin Extended-A), from their
// canonical decompositions; '\0' keeps the character as it is (×, ÷, ĳ …).
constexpr std::string_view kLatinBase =
    "aaaaaaaceeeeiiiidnooooo\0ouuuuytsaaaaaaaceeeeiiiidnooooo\0ouuuuyty"
    "aaaaaaccccccccddddeeeeeeeeeegggggggghhhhiiiiiiiiii\0\0jjkkkllllllllllnnnnnnn\0\0"
    "oooooooorrrrrrssssssssttttttuuuuuuuuuuuuwwyyyzzzzzzs"sv; // sv: keeps the embedded NULs

/// Case and accent folding of one code point; 0 for a combining mark (dropped).
char32_t fold(char32_t c)
{
    if (c >= 'A' && c <= 'Z')
        return c + 32;
    if (c >= 0x300 && c <= 0x36F)
        return 0;
    if (c >= 0xC0 && c < 0xC0 + kLatinBase.size())
    {
        const char base = kLatinBase[c - 0xC0];
        if (base != '\0')
            return static_cast<char32_t>(base);
    }
    // Greek and Cyrillic capitals fold by their fixed offsets.
    if ((c >= 0x391 && c <= 0x3A9) || (c >= 0x410 && c <= 0x42F))
        return c + 32;
    return c;
}

/// The folded text with, for each folded code point, the original code point index.
struct Folded
{
    std::u32string text;
    std::vector<std::int64_t> origin;
};

Folded fold_all(const std::u32string& s)
{
    Folded f;
    f.text.reserve(s.size());
    f.origin.reserve(s.size() + 1);
    for (std::size_t i = 0; i < s.size(); ++i)
        if (const char32_t c = fold(s[i]))
        {
            f.text.push_back(c);
            f.origin.push_back(static_cast<std::int64_t>(i));
        }
    f.origin.push_back(static_cast<std::int64_t>(s.size()));
    return f;
}

bool is_label_char(char32_t c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
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
    static const std::array<std::u32string_view, 8> kInterviewer = {U"I", U"Interviewer", U"INT",
                                                                    U"Q"};
    static const std::array<std::u32string_view, 8> kSpeakers = {
        U"R", U"S", U"P", U"Respondent", U"Participant", U"Subject", U"A", U"Speaker"};
    const std::u32string s = decode(text);
    std::vector<ViewTurn> turns;
    std::size_t i = 0;
    while (i < s.size())
    {
        // A label is a short word at the start of a line followed by ':'.
        std::size_t j = i;
        while (j < s.size() && j - i <= 12 && is_label_char(s[j]))
            ++j;
        if (j > i && j < s.size() && s[j] == U':')
        {
            const std::u32string_view label(s.data() + i, j - i);
            bool interviewer = false;
            bool known = false;
            for (auto l : kInterviewer)
                if (!l.empty() && l == label)
                    known = interviewer = true;
            for (auto l : kSpeakers)
                if (!l.empty() && l == label)
                    known = true;
            if (known)
            {
                if (!turns.empty())
                    turns.back().text_end = static_cast<std::int64_t>(i);
                turns.push_back({static_cast<std::int64_t>(i), static_cast<std::int64_t>(j + 1),
                                 static_cast<std::int64_t>(s.size()), interviewer});
            }
        }
        while (i < s.size() && s[i] != U'\n')
            ++i;
        ++i;
    }
    return turns;
}

std::optional<std::pair<std::int64_t, std::int64_t>>
find_in_text(const std::string& text, const std::string& query, std::int64_t from, bool forward)
{
    const Folded hay = fold_all(decode(text));
    const Folded needle = fold_all(decode(query));
    if (needle.text.empty() || needle.text.size() > hay.text.size())
        return std::nullopt;
    std::vector<std::size_t> hits;
    for (std::size_t p = hay.text.find(needle.text); p != std::u32string::npos;
         p = hay.text.find(needle.text, p + 1))
        hits.push_back(p);
    if (hits.empty())
        return std::nullopt;
    auto span = [&](std::size_t p)
    { return std::make_pair(hay.origin[p], hay.origin[p + needle.text.size() - 1] + 1); };
    if (forward)
    {
        for (std::size_t p : hits)
            if (hay.origin[p] >= from)
                return span(p);
        return span(hits.front()); // wrap around
    }
    for (auto it = hits.rbegin(); it != hits.rend(); ++it)
        if (span(*it).second <= from)
            return span(*it);
    return span(hits.back());
}

} // namespace attune::app
