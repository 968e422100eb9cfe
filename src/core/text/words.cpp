// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/text/words.h"

#include "core/text/icu_support.h"

#include <unicode/uchar.h>

#include <algorithm>
#include <vector>

namespace attune::text
{

struct WordBoundaries::Impl
{
    TextIndex index;
    /// Word segments in text order; they never overlap.
    std::vector<CpRange> words;
};

WordBoundaries::WordBoundaries(std::string_view utf8) : m_impl(std::make_unique<Impl>())
{
    m_impl->index = TextIndex(std::string(utf8));
    detail::for_each_word(detail::to_ustring(utf8),
                          [this](CpOffset b, CpOffset e) {
                              m_impl->words.push_back(CpRange{b, e});
                          });
}

WordBoundaries::~WordBoundaries() = default;
WordBoundaries::WordBoundaries(WordBoundaries&&) noexcept = default;
WordBoundaries& WordBoundaries::operator=(WordBoundaries&&) noexcept = default;

CpRange WordBoundaries::word_at(CpOffset cp) const
{
    const auto& words = m_impl->words;
    // The first word ending after cp is the only one that can contain it.
    const auto it = std::upper_bound(words.begin(), words.end(), cp,
                                     [](CpOffset c, const CpRange& w) { return c < w.end; });
    if (it != words.end() && it->begin <= cp)
        return *it;
    return CpRange{cp, cp};
}

CpRange WordBoundaries::snap(CpRange selection) const
{
    const TextIndex& index = m_impl->index;
    CpOffset begin =
        std::clamp<CpOffset>(std::min(selection.begin, selection.end), 0, index.size());
    CpOffset end = std::clamp<CpOffset>(std::max(selection.begin, selection.end), 0, index.size());
    if (begin == end)
    {
        const CpRange w = word_at(begin);
        return w.empty() ? CpRange{begin, begin} : w;
    }
    if (const CpRange w = word_at(begin); !w.empty())
        begin = w.begin;
    if (const CpRange w = word_at(end - 1); !w.empty())
        end = w.end;
    while (begin < end && u_isUWhiteSpace(static_cast<UChar32>(index.at(begin))))
        ++begin;
    while (end > begin && u_isUWhiteSpace(static_cast<UChar32>(index.at(end - 1))))
        --end;
    return CpRange{begin, end};
}

int WordBoundaries::word_count() const
{
    return static_cast<int>(m_impl->words.size());
}

CpRange snap_to_words(std::string_view utf8, CpRange selection)
{
    return WordBoundaries(utf8).snap(selection);
}

int count_words(std::string_view utf8)
{
    int n = 0;
    detail::for_each_word(detail::to_ustring(utf8), [&n](CpOffset, CpOffset) { ++n; });
    return n;
}

} // namespace attune::text
