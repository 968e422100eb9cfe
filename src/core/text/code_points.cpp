// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/text/code_points.h"

#include "core/text/utf8.h"

#include <algorithm>
#include <bit>
#include <cstdint>
#include <cstring>

namespace attune::text
{

CpOffset code_point_count(std::string_view utf8) noexcept
{
    // Eight bytes at a time: a continuation byte is 10xxxxxx, so its top bit is set and the bit
    // below clear; (w & ~(w << 1)) keeps exactly those top bits (a shifted-in bit lands on the
    // next byte's bit 0, which the mask drops). Several times faster than a byte loop on the 49
    // MB of a 1,000-transcript project, which every analysis counts.
    constexpr std::uint64_t kTops = 0x8080808080808080ull;
    const std::size_t size = utf8.size();
    std::size_t b = 0;
    CpOffset n = 0;
    for (; b + 8 <= size; b += 8)
    {
        std::uint64_t w = 0;
        std::memcpy(&w, utf8.data() + b, 8);
        n += 8 - std::popcount(w & ~(w << 1) & kTops);
    }
    for (; b < size; ++b)
        n += starts_code_point(utf8[b]) ? 1 : 0;
    return n;
}

std::size_t byte_of_code_point(std::string_view utf8, CpOffset cp) noexcept
{
    if (cp <= 0)
        return 0;
    CpOffset seen = 0;
    for (std::size_t b = 0; b < utf8.size(); ++b)
        if (starts_code_point(utf8[b]) && seen++ == cp)
            return b;
    return utf8.size();
}

std::string_view code_point_substr(std::string_view utf8, CpOffset begin, CpOffset end) noexcept
{
    if (end <= begin)
        return {};
    const std::size_t b = byte_of_code_point(utf8, begin);
    const std::size_t e =
        b + byte_of_code_point(utf8.substr(b), end - std::max<CpOffset>(begin, 0));
    return utf8.substr(b, e - b);
}

std::u32string to_code_points(std::string_view utf8)
{
    std::u32string out;
    out.reserve(utf8.size());
    detail::for_each_code_point(utf8, [&](char32_t c) { out.push_back(c); });
    return out;
}

std::string from_code_points(std::u32string_view code_points)
{
    std::string out;
    out.reserve(code_points.size());
    for (const char32_t c : code_points)
        detail::utf8_append(out, c);
    return out;
}

std::pair<int, int> line_column_of_byte(std::string_view text, std::size_t offset) noexcept
{
    const std::string_view before = text.substr(0, std::min(offset, text.size()));
    const int line = 1 + static_cast<int>(std::count(before.begin(), before.end(), '\n'));
    const std::size_t newline = before.rfind('\n');
    const std::string_view in_line =
        newline == std::string_view::npos ? before : before.substr(newline + 1);
    return {line, 1 + static_cast<int>(code_point_count(in_line))};
}

} // namespace attune::text
