// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/text/utf8.h"

#include "core/text/decode.h"

namespace attune::text
{

namespace detail
{

std::size_t utf8_sequence(const unsigned char* p, std::size_t available, std::size_t& bad) noexcept
{
    const unsigned lead = p[0];
    if (lead < 0x80)
        return 1;
    // The second byte's range is what excludes overlongs (E0, F0), surrogates (ED) and values
    // past U+10FFFF (F4): Unicode Table 3-7.
    std::size_t need = 0;
    unsigned lo = 0x80;
    unsigned hi = 0xBF;
    if (lead >= 0xC2 && lead <= 0xDF)
        need = 1;
    else if (lead == 0xE0)
        need = 2, lo = 0xA0;
    else if ((lead >= 0xE1 && lead <= 0xEC) || lead == 0xEE || lead == 0xEF)
        need = 2;
    else if (lead == 0xED)
        need = 2, hi = 0x9F;
    else if (lead == 0xF0)
        need = 3, lo = 0x90;
    else if (lead >= 0xF1 && lead <= 0xF3)
        need = 3;
    else if (lead == 0xF4)
        need = 3, hi = 0x8F;
    else
    {
        bad = 1;
        return 0;
    }
    for (std::size_t k = 1; k <= need; ++k)
    {
        if (k >= available)
        {
            bad = k;
            return 0;
        }
        const unsigned c = p[k];
        const bool ok = k == 1 ? (c >= lo && c <= hi) : (c >= 0x80 && c <= 0xBF);
        if (!ok)
        {
            bad = k;
            return 0;
        }
    }
    return need + 1;
}

char32_t utf8_decode(const unsigned char* p) noexcept
{
    const unsigned lead = p[0];
    if (lead < 0x80)
        return lead;
    if (lead < 0xE0)
        return static_cast<char32_t>(((lead & 0x1Fu) << 6) | (p[1] & 0x3Fu));
    if (lead < 0xF0)
        return static_cast<char32_t>(((lead & 0x0Fu) << 12) | ((p[1] & 0x3Fu) << 6) |
                                     (p[2] & 0x3Fu));
    return static_cast<char32_t>(((lead & 0x07u) << 18) | ((p[1] & 0x3Fu) << 12) |
                                 ((p[2] & 0x3Fu) << 6) | (p[3] & 0x3Fu));
}

void utf8_append(std::string& out, char32_t cp)
{
    if (cp < 0x80)
    {
        out.push_back(static_cast<char>(cp));
    }
    else if (cp < 0x800)
    {
        out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    }
    else if (cp < 0x10000)
    {
        out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    }
    else
    {
        out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    }
}

} // namespace detail

std::optional<std::size_t> first_invalid_utf8(std::string_view bytes) noexcept
{
    const auto* p = reinterpret_cast<const unsigned char*>(bytes.data());
    const std::size_t n = bytes.size();
    std::size_t i = 0;
    while (i < n)
    {
        // ASCII runs dominate transcripts; skip them without the table.
        if (p[i] < 0x80)
        {
            ++i;
            continue;
        }
        std::size_t bad = 0;
        const std::size_t len = detail::utf8_sequence(p + i, n - i, bad);
        if (len == 0)
            return i;
        i += len;
    }
    return std::nullopt;
}

bool is_valid_utf8(std::string_view bytes) noexcept
{
    return !first_invalid_utf8(bytes).has_value();
}

} // namespace attune::text
