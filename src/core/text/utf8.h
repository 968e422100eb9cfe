// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Module-internal UTF-8 primitives (not part of the text module's API).

#include <cstddef>
#include <string>
#include <string_view>

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

} // namespace attune::text::detail
