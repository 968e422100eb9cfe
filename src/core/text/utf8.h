// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Module-internal UTF-8 primitives (not part of the text module's API).

#include <cstddef>
#include <string>
#include <string_view>
#include <type_traits>

namespace attune::text::detail
{

/// Length of the well-formed UTF-8 sequence starting at p[0] (1–4), or 0 when ill-formed; then
/// `bad` is the length of its maximal ill-formed subpart (≥ 1, Unicode §3.9 "U+FFFD
/// substitution of maximal subparts").
std::size_t utf8_sequence(const unsigned char* p, std::size_t available, std::size_t& bad) noexcept;

/// Length of the sequence whose (valid) lead byte is `lead`.
inline std::size_t utf8_length(unsigned char lead) noexcept
{
    return lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
}

/// Decodes the (valid) sequence at p.
char32_t utf8_decode(const unsigned char* p) noexcept;

/// Appends `cp` as UTF-8.
void utf8_append(std::string& out, char32_t cp);

/// True for bytes 10xxxxxx.
inline bool is_continuation(unsigned char b) noexcept
{
    return (b & 0xC0) == 0x80;
}

/// Calls f(c), or f(c, byte, length) when f takes them, for each code point of `utf8` in order:
/// `byte` is where it starts and `length` its bytes. Each ill-formed sequence (maximal subpart)
/// is one U+FFFD.
template <typename F> void for_each_code_point(std::string_view utf8, F&& f)
{
    const auto* p = reinterpret_cast<const unsigned char*>(utf8.data());
    for (std::size_t i = 0; i < utf8.size();)
    {
        std::size_t bad = 0;
        const std::size_t length = utf8_sequence(p + i, utf8.size() - i, bad);
        const char32_t c = length != 0 ? utf8_decode(p + i) : U'\uFFFD';
        const std::size_t step = length != 0 ? length : bad;
        if constexpr (std::is_invocable_v<F&, char32_t, std::size_t, std::size_t>)
            f(c, i, step);
        else
            f(c);
        i += step;
    }
}

} // namespace attune::text::detail
