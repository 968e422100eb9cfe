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
#include <unordered_set>

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

using detail::for_each_code_point; // ill-formed bytes become U+FFFD

std::u32string fold32(std::string_view utf8)
{
    Folder folder;
    std::u32string out;
    out.reserve(utf8.size());
    for_each_code_point(utf8, [&](char32_t c) { folder.fold(c, out); });
    return out;
}

/// A word of a line or query as SQLite's unicode61 tokenizer sees it: a run of letters, numbers,
/// private-use characters and marks (so a decomposed accent stays inside its word).
bool is_word_char(char32_t c)
{
    if (c < 0x80)
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    return (U_GET_GC_MASK(static_cast<UChar32>(c)) &
            (U_GC_L_MASK | U_GC_N_MASK | U_GC_CO_MASK | U_GC_M_MASK)) != 0;
}

struct Word
{
    std::size_t begin = 0; // bytes
    std::size_t end = 0;
    std::u32string folded;
};

/// The words of `utf8`, each folded. One pass; the folder's cache keeps it linear.
std::vector<Word> split_words(std::string_view utf8, Folder& folder)
{
    std::vector<Word> words;
    bool inside = false;
    for_each_code_point(utf8,
                        [&](char32_t c, std::size_t byte, std::size_t length)
                        {
                            if (is_word_char(c))
                            {
                                if (!inside)
                                    words.push_back(Word{byte, byte, {}});
                                inside = true;
                                folder.fold(c, words.back().folded);
                                words.back().end = byte + length;
                            }
                            else
                                inside = false;
                        });
    // A word of marks alone folds to nothing and matches nothing.
    words.erase(
        std::remove_if(words.begin(), words.end(), [](const Word& w) { return w.folded.empty(); }),
        words.end());
    return words;
}

std::string to_utf8(const std::u32string& s)
{
    std::string out;
    for (const char32_t c : s)
        detail::utf8_append(out, c);
    return out;
}

bool is_query_word_byte(unsigned char b)
{
    return b >= 0x80 || b == '_' || (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') ||
           (b >= '0' && b <= '9');
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

Result<std::vector<SearchTerm>> search_terms(std::string_view query)
{
    Folder folder;
    std::vector<SearchTerm> terms;
    const auto add = [&](std::string_view piece, bool prefix)
    {
        const std::size_t first = terms.size();
        for (auto& w : split_words(piece, folder))
            terms.push_back(SearchTerm{to_utf8(w.folded), false});
        // `word*` and `"a phrase"*`: the last word is the prefix.
        if (prefix && terms.size() > first)
            terms.back().prefix = true;
    };
    const auto next_non_space = [&](std::size_t i)
    {
        while (i < query.size() && (query[i] == ' ' || query[i] == '\t'))
            ++i;
        return i < query.size() ? query[i] : '\0';
    };
    // Only words are picked out; the grammar is FTS5's to check when the query runs. Counting
    // stops early, so a query of a million words costs no more than one over the limit.
    for (std::size_t i = 0; i < query.size() && terms.size() <= kMaxSearchTerms;)
    {
        const auto b = static_cast<unsigned char>(query[i]);
        if (b == '"')
        {
            std::string phrase;
            std::size_t j = i + 1;
            for (; j < query.size(); ++j)
            {
                if (query[j] == '"')
                {
                    if (j + 1 < query.size() && query[j + 1] == '"') // "" is a quote
                    {
                        phrase += '"';
                        ++j;
                        continue;
                    }
                    break;
                }
                phrase += query[j];
            }
            i = j + 1;
            add(phrase, i < query.size() && query[i] == '*');
        }
        else if (is_query_word_byte(b))
        {
            std::size_t j = i;
            while (j < query.size() && is_query_word_byte(static_cast<unsigned char>(query[j])))
                ++j;
            const std::string_view word = query.substr(i, j - i);
            const char after = next_non_space(j);
            const bool is_operator =
                word == "AND" || word == "OR" || word == "NOT" || (word == "NEAR" && after == '(');
            // `text: word` names a column, and is no term either.
            if (!is_operator && after != ':')
                add(word, j < query.size() && query[j] == '*');
            i = j;
        }
        else
            ++i;
    }
    if (terms.size() > kMaxSearchTerms)
    {
        // The exact count, for the message; words only, no folding.
        std::size_t words = 0;
        bool inside = false;
        for (const char c : query)
        {
            const bool w = is_query_word_byte(static_cast<unsigned char>(c));
            words += w && !inside ? 1 : 0;
            inside = w;
        }
        return make_error(ErrorCode::InvalidArgument, "the search query has " +
                                                          std::to_string(words) +
                                                          " words: too many terms (max " +
                                                          std::to_string(kMaxSearchTerms) + ")");
    }
    std::size_t length = 0;
    for_each_code_point(query, [&](char32_t) { ++length; });
    if (length > kMaxSearchQueryLength)
        return make_error(ErrorCode::InvalidArgument,
                          "the search query is " + std::to_string(length) +
                              " characters long: too long (max " +
                              std::to_string(kMaxSearchQueryLength) + ")");
    return terms;
}

std::string search_snippet(std::string_view line, const std::vector<SearchTerm>& terms,
                           std::size_t max_words)
{
    Folder folder;
    std::unordered_set<std::u32string> exact;
    std::vector<std::u32string> prefixes;
    for (const auto& t : terms)
    {
        std::u32string folded;
        for_each_code_point(t.folded, [&](char32_t c) { folded.push_back(c); });
        (t.prefix ? prefixes.push_back(folded) : (void)exact.insert(folded));
    }
    const auto words = split_words(line, folder);
    std::vector<char> hit(words.size(), 0);
    for (std::size_t k = 0; k < words.size(); ++k)
    {
        const auto& w = words[k].folded;
        hit[k] = exact.count(w) != 0 || std::any_of(prefixes.begin(), prefixes.end(),
                                                    [&](const std::u32string& p)
                                                    { return w.compare(0, p.size(), p) == 0; });
    }
    const std::size_t n = words.size();
    const std::size_t width = std::max<std::size_t>(1, std::min(max_words, n));
    if (n == 0)
        return std::string(line.substr(0, std::min<std::size_t>(line.size(), 200)));
    // The earliest window with the most matches, by one sliding sum.
    std::size_t count = 0;
    for (std::size_t k = 0; k < width; ++k)
        count += static_cast<std::size_t>(hit[k]);
    std::size_t best = count;
    std::size_t start = 0;
    for (std::size_t s = 1; s + width <= n; ++s)
    {
        count += static_cast<std::size_t>(hit[s + width - 1]);
        count -= static_cast<std::size_t>(hit[s - 1]);
        if (count > best)
        {
            best = count;
            start = s;
        }
    }
    // The earliest such window ends on its last match; moving it forward to start a few words
    // before its first match loses none and shows what leads up to it.
    std::size_t first = start;
    while (first < start + width && !hit[first])
        ++first;
    const std::size_t lead = width / 4;
    if (best > 0)
        start = std::min(std::max(start, first > lead ? first - lead : 0), n - width);
    const std::size_t stop = start + width;
    std::string out;
    std::size_t pos = start == 0 ? 0 : words[start].begin;
    if (start > 0)
        out += "\u2026";
    for (std::size_t k = start; k < stop; ++k)
    {
        out.append(line.substr(pos, words[k].begin - pos));
        const auto word = line.substr(words[k].begin, words[k].end - words[k].begin);
        if (hit[k])
            out.append("[").append(word).append("]");
        else
            out.append(word);
        pos = words[k].end;
    }
    const std::size_t end = stop == n ? line.size() : words[stop - 1].end;
    out.append(line.substr(pos, end - pos));
    if (stop < n)
        out += "\u2026";
    return out;
}

} // namespace attune::text
