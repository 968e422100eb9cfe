// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/text/search.h"

#include "core/base/error.h"
#include "core/text/utf8.h"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <functional>
#include <unordered_map>

namespace attune::text
{

namespace
{

/// Folds one code point (see fold_for_search) and appends the result. Folding code point by code
/// point, rather than the string at once, is what lets every folded character name its origin;
/// the only thing lost is canonical reordering, which affects combining marks — and those are
/// dropped anyway.
class Folder
{
public:
    Folder()
    {
        UErrorCode status = U_ZERO_ERROR;
        m_nfd = icu::Normalizer2::getNFDInstance(status);
        ATTUNE_ASSERT(U_SUCCESS(status));
    }

    void fold(char32_t c, std::u32string& out)
    {
        if (c < 0x80)
        {
            out.push_back(c >= 'A' && c <= 'Z' ? c + 32 : c);
            return;
        }
        auto it = m_cache.find(c);
        if (it == m_cache.end())
            it = m_cache.emplace(c, compute(c)).first;
        out += it->second;
    }

private:
    static bool is_mark(UChar32 c) { return u_charType(c) == U_NON_SPACING_MARK; }

    std::u32string compute(char32_t c) const
    {
        icu::UnicodeString decomposed;
        if (!m_nfd->getDecomposition(static_cast<UChar32>(c), decomposed))
            decomposed = icu::UnicodeString(static_cast<UChar32>(c));
        icu::UnicodeString kept;
        for (std::int32_t i = 0; i < decomposed.length(); i = decomposed.moveIndex32(i, 1))
            if (!is_mark(decomposed.char32At(i)))
                kept.append(decomposed.char32At(i));
        kept.foldCase(U_FOLD_CASE_DEFAULT);
        std::u32string out;
        for (std::int32_t i = 0; i < kept.length(); i = kept.moveIndex32(i, 1))
            if (!is_mark(kept.char32At(i)))
                out.push_back(static_cast<char32_t>(kept.char32At(i)));
        return out;
    }

    const icu::Normalizer2* m_nfd = nullptr;
    std::unordered_map<char32_t, std::u32string> m_cache;
};

/// Calls f(code point) for each code point of valid UTF-8 (ill-formed bytes become U+FFFD).
template <typename F> void for_each_code_point(std::string_view utf8, F&& f)
{
    const auto* p = reinterpret_cast<const unsigned char*>(utf8.data());
    for (std::size_t i = 0; i < utf8.size();)
    {
        std::size_t bad = 0;
        const std::size_t length = detail::utf8_sequence(p + i, utf8.size() - i, bad);
        if (length == 0)
        {
            f(U'\uFFFD');
            i += bad;
            continue;
        }
        f(detail::utf8_decode(p + i));
        i += length;
    }
}

std::u32string fold32(std::string_view utf8)
{
    Folder folder;
    std::u32string out;
    out.reserve(utf8.size());
    for_each_code_point(utf8, [&](char32_t c) { folder.fold(c, out); });
    return out;
}

} // namespace

std::string fold_for_search(std::string_view utf8)
{
    std::string out;
    out.reserve(utf8.size());
    for (const char32_t c : fold32(utf8))
        detail::utf8_append(out, c);
    return out;
}

TextSearcher::TextSearcher(std::string_view utf8)
{
    Folder folder;
    m_folded.reserve(utf8.size());
    m_origin.reserve(utf8.size());
    std::vector<bool> vanished;
    CpOffset cp = 0;
    for_each_code_point(utf8,
                        [&](char32_t c)
                        {
                            const std::size_t before = m_folded.size();
                            folder.fold(c, m_folded);
                            m_origin.resize(m_folded.size(), cp);
                            vanished.push_back(m_folded.size() == before);
                            ++cp;
                        });
    m_size = cp;
    // m_extent[k]: one past k and the characters right after it that folded to nothing (marks),
    // so that a hit ending on a base letter takes its accents along.
    m_extent.resize(static_cast<std::size_t>(m_size));
    for (CpOffset k = m_size - 1; k >= 0; --k)
    {
        const auto i = static_cast<std::size_t>(k);
        m_extent[i] = (k + 1 < m_size && vanished[i + 1]) ? m_extent[i + 1] : k + 1;
    }
}

std::vector<CpRange> TextSearcher::find_all(std::string_view query) const
{
    std::vector<CpRange> hits;
    const std::u32string q = fold32(query);
    if (q.empty() || q.size() > m_folded.size())
        return hits;
    const std::boyer_moore_horspool_searcher searcher(q.begin(), q.end());
    auto from = m_folded.begin();
    for (;;)
    {
        const auto [first, last] = searcher(from, m_folded.end());
        if (first == m_folded.end())
            break;
        const auto i = static_cast<std::size_t>(first - m_folded.begin());
        const auto j = static_cast<std::size_t>(last - m_folded.begin()) - 1;
        const CpOffset begin = m_origin[i];
        const CpOffset end = m_extent[static_cast<std::size_t>(m_origin[j])];
        // Two hits inside one character's folding ("s" twice in "ß" → "ss") are one hit.
        if (hits.empty() || begin >= hits.back().end)
            hits.push_back(CpRange{begin, end});
        from = last;
    }
    return hits;
}

std::vector<CpRange> find_all(std::string_view text, std::string_view query)
{
    return TextSearcher(text).find_all(query);
}

} // namespace attune::text
