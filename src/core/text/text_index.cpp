// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/text/text_index.h"

#include "core/base/error.h"
#include "core/text/code_points.h"
#include "core/text/decode.h"
#include "core/text/icu_support.h"
#include "core/text/utf8.h"

#include <unicode/brkiter.h>
#include <unicode/locid.h>

#include <algorithm>
#include <memory>

namespace attune::text
{

using detail::is_continuation;
using detail::utf8_length;

std::vector<CpOffset> line_starts(std::string_view utf8)
{
    std::vector<CpOffset> starts{0};
    CpOffset cp = 0;
    for (const char c : utf8)
    {
        if (!starts_code_point(c))
            continue;
        ++cp;
        if (c == '\n')
            starts.push_back(cp);
    }
    return starts;
}

int line_of(const std::vector<CpOffset>& line_starts, CpOffset cp) noexcept
{
    const auto it = std::upper_bound(line_starts.begin(), line_starts.end(), cp);
    return std::max(1, static_cast<int>(it - line_starts.begin()));
}

TextIndex::TextIndex() : TextIndex(std::string())
{
}

TextIndex::TextIndex(std::string utf8) : m_text(std::move(utf8))
{
    ATTUNE_ASSERT(is_valid_utf8(m_text));
    const auto* p = reinterpret_cast<const unsigned char*>(m_text.data());
    const std::size_t n = m_text.size();
    m_byte_at.reserve(n / static_cast<std::size_t>(kStride) + 1);
    m_utf16_at.reserve(n / static_cast<std::size_t>(kStride) + 1);
    m_line_starts = line_starts(m_text);
    CpOffset cp = 0;
    std::int64_t utf16 = 0;
    for (std::size_t i = 0; i < n;)
    {
        if (cp % kStride == 0)
        {
            m_byte_at.push_back(static_cast<std::int64_t>(i));
            m_utf16_at.push_back(utf16);
        }
        const std::size_t length = utf8_length(p[i]);
        utf16 += length == 4 ? 2 : 1;
        i += length;
        ++cp;
    }
    m_size = cp;
    m_utf16_size = utf16;
}

std::int64_t TextIndex::cp_to_utf8(CpOffset cp) const
{
    cp = std::clamp<CpOffset>(cp, 0, m_size);
    if (cp == m_size)
        return utf8_size();
    const auto k = static_cast<std::size_t>(cp / kStride);
    auto byte = static_cast<std::size_t>(m_byte_at[k]);
    for (CpOffset c = static_cast<CpOffset>(k) * kStride; c < cp; ++c)
        byte += utf8_length(static_cast<unsigned char>(m_text[byte]));
    return static_cast<std::int64_t>(byte);
}

CpOffset TextIndex::utf8_to_cp(std::int64_t byte) const
{
    byte = std::clamp<std::int64_t>(byte, 0, utf8_size());
    if (byte == utf8_size())
        return m_size;
    while (byte > 0 &&
           is_continuation(static_cast<unsigned char>(m_text[static_cast<std::size_t>(byte)])))
        --byte;
    const auto it = std::upper_bound(m_byte_at.begin(), m_byte_at.end(), byte);
    const auto k = static_cast<std::size_t>(it - m_byte_at.begin()) - 1;
    CpOffset cp = static_cast<CpOffset>(k) * kStride;
    for (auto b = static_cast<std::size_t>(m_byte_at[k]); static_cast<std::int64_t>(b) < byte;
         b += utf8_length(static_cast<unsigned char>(m_text[b])))
        ++cp;
    return cp;
}

std::int64_t TextIndex::cp_to_utf16(CpOffset cp) const
{
    cp = std::clamp<CpOffset>(cp, 0, m_size);
    if (cp == m_size)
        return m_utf16_size;
    const auto k = static_cast<std::size_t>(cp / kStride);
    auto byte = static_cast<std::size_t>(m_byte_at[k]);
    std::int64_t unit = m_utf16_at[k];
    for (CpOffset c = static_cast<CpOffset>(k) * kStride; c < cp; ++c)
    {
        const std::size_t length = utf8_length(static_cast<unsigned char>(m_text[byte]));
        unit += length == 4 ? 2 : 1;
        byte += length;
    }
    return unit;
}

CpOffset TextIndex::utf16_to_cp(std::int64_t unit) const
{
    unit = std::clamp<std::int64_t>(unit, 0, m_utf16_size);
    if (unit == m_utf16_size)
        return m_size;
    const auto it = std::upper_bound(m_utf16_at.begin(), m_utf16_at.end(), unit);
    const auto k = static_cast<std::size_t>(it - m_utf16_at.begin()) - 1;
    CpOffset cp = static_cast<CpOffset>(k) * kStride;
    auto byte = static_cast<std::size_t>(m_byte_at[k]);
    std::int64_t u = m_utf16_at[k];
    for (;;)
    {
        const std::size_t length = utf8_length(static_cast<unsigned char>(m_text[byte]));
        const std::int64_t width = length == 4 ? 2 : 1;
        // A unit inside a surrogate pair belongs to the pair's code point.
        if (u + width > unit)
            return cp;
        u += width;
        byte += length;
        ++cp;
    }
}

char32_t TextIndex::at(CpOffset cp) const
{
    ATTUNE_ASSERT(cp >= 0 && cp < m_size);
    const auto byte = static_cast<std::size_t>(cp_to_utf8(cp));
    return detail::utf8_decode(reinterpret_cast<const unsigned char*>(m_text.data()) + byte);
}

int TextIndex::line_of(CpOffset cp) const
{
    return text::line_of(m_line_starts, cp);
}

CpOffset TextIndex::line_start(int line) const
{
    line = std::clamp(line, 1, line_count());
    return m_line_starts[static_cast<std::size_t>(line - 1)];
}

CpOffset TextIndex::line_end(int line) const
{
    line = std::clamp(line, 1, line_count());
    if (line == line_count())
        return m_size;
    return m_line_starts[static_cast<std::size_t>(line)] - 1;
}

int TextIndex::column_of(CpOffset cp) const
{
    cp = std::clamp<CpOffset>(cp, 0, m_size);
    return static_cast<int>(cp - line_start(line_of(cp))) + 1;
}

std::string_view TextIndex::substr(CpOffset cp_begin, CpOffset cp_end) const
{
    const std::int64_t b = cp_to_utf8(cp_begin);
    const std::int64_t e = cp_to_utf8(cp_end);
    if (e <= b)
        return {};
    return std::string_view(m_text).substr(static_cast<std::size_t>(b),
                                           static_cast<std::size_t>(e - b));
}

std::vector<CpOffset> shaping_run_breaks(std::string_view utf8)
{
    std::vector<CpOffset> out;
    const icu::UnicodeString s = detail::to_ustring(utf8);
    thread_local std::unique_ptr<icu::BreakIterator> it;
    if (!it)
    {
        UErrorCode status = U_ZERO_ERROR;
        it.reset(icu::BreakIterator::createCharacterInstance(icu::Locale::getRoot(), status));
        // Fails only without ICU's data library, which the build links: an installation bug.
        ATTUNE_ASSERT(U_SUCCESS(status) && it);
    }
    it->setText(s);
    CpOffset cp = 0;
    char32_t previous = 0;
    std::int32_t prev = it->first();
    for (std::int32_t next = it->next(); next != icu::BreakIterator::DONE; next = it->next())
    {
        CpOffset in_cluster = 0;
        for (std::int32_t u = prev; u < next; u = s.moveIndex32(u, 1))
            ++in_cluster;
        const char32_t first = static_cast<char32_t>(s.char32At(prev));
        // A ligature joins separate clusters, so it is found between them.
        if (previous == U'f' && first >= U'a' && first <= U'z' && cp > 0)
            if (out.empty() || out.back() != cp)
                out.push_back(cp);
        cp += in_cluster;
        if (in_cluster > 1 && next < s.length())
            out.push_back(cp);
        previous = static_cast<char32_t>(s.char32At(s.moveIndex32(next, -1)));
        prev = next;
    }
    return out;
}

} // namespace attune::text
