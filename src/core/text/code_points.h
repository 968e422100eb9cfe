// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Counting and cutting UTF-8 text in code points, core's unit of position (core/base/cp_offset.h).
// The one set of these helpers: every module, the workbench and the CLI call them instead of
// looping over bytes themselves. Lines of a text are text_index.h's (line_starts, line_of).

#include "core/base/cp_offset.h"

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>

namespace attune::text
{

/// True for a byte that begins a code point: any byte but a UTF-8 continuation byte (10xxxxxx).
constexpr bool starts_code_point(char byte) noexcept
{
    return (static_cast<unsigned char>(byte) & 0xC0) != 0x80;
}

/// The number of code points in `utf8`: the bytes that begin one. Not checked: in ill-formed
/// input a stray continuation byte counts as nothing and a truncated sequence as one.
CpOffset code_point_count(std::string_view utf8) noexcept;

/// The byte offset at which code point `cp` begins: 0 for cp ≤ 0, utf8.size() for cp at or past
/// the end.
std::size_t byte_of_code_point(std::string_view utf8, CpOffset cp) noexcept;

/// The bytes of code points [begin, end), clamped to the text; empty when end ≤ begin.
std::string_view code_point_substr(std::string_view utf8, CpOffset begin, CpOffset end) noexcept;

/// The code points of `utf8`. Each ill-formed sequence (maximal subpart, Unicode §3.9) becomes
/// one U+FFFD; stored texts are well-formed (checked at import).
std::u32string to_code_points(std::string_view utf8);
/// The UTF-8 of `code_points`: the inverse of to_code_points for well-formed text.
std::string from_code_points(std::u32string_view code_points);

/// Where byte `offset` of `text` is as an editor shows it: the 1-based line (lines end at '\n')
/// and the 1-based column in code points. An offset past the end is the end.
std::pair<int, int> line_column_of_byte(std::string_view text, std::size_t offset) noexcept;

} // namespace attune::text
