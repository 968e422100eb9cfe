// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/cp_offset.h"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace attune::text
{

using attune::CpOffset;
using attune::CpRange;

/// A transcript's text with lookup tables between code points (core's offsets), UTF-8 bytes
/// (wxStyledTextCtrl, std::string) and UTF-16 units (ICU, Windows), and its lines.
///
/// Invariant: the text is valid UTF-8 (checked by the constructor: ill-formed input asserts).
/// Conversions use a checkpoint every kStride code points, so each lookup is O(log n) plus a scan
/// of at most kStride − 1 code points.
///
/// Out-of-range arguments are clamped to [0, size]. A byte (or UTF-16 unit) position inside a
/// multi-byte sequence (or a surrogate pair) maps to the code point that contains it, i.e. it
/// rounds down to the character's start.
///
/// Lines are separated by '\n' and numbered from 1; a text has count('\n') + 1 lines (so a final
/// '\n' is followed by an empty last line, as in the editor; the empty text has one line).
class TextIndex
{
public:
    static constexpr CpOffset kStride = 64;

    TextIndex();
    explicit TextIndex(std::string utf8);

    const std::string& text() const noexcept { return m_text; }
    /// Length in code points.
    CpOffset size() const noexcept { return m_size; }
    /// Length in bytes / UTF-16 units.
    std::int64_t utf8_size() const noexcept { return static_cast<std::int64_t>(m_text.size()); }
    std::int64_t utf16_size() const noexcept { return m_utf16_size; }

    std::int64_t cp_to_utf8(CpOffset cp) const;
    CpOffset utf8_to_cp(std::int64_t byte) const;
    std::int64_t cp_to_utf16(CpOffset cp) const;
    CpOffset utf16_to_cp(std::int64_t unit) const;

    /// The code point at `cp` (0 ≤ cp < size(); asserts otherwise).
    char32_t at(CpOffset cp) const;

    /// 1-based line containing `cp`; size() belongs to the last line.
    int line_of(CpOffset cp) const;
    /// First code point of `line` (1 ≤ line ≤ line_count(); clamped).
    CpOffset line_start(int line) const;
    /// One past the last code point of `line`, excluding its '\n'.
    CpOffset line_end(int line) const;
    int line_count() const noexcept { return static_cast<int>(m_line_starts.size()); }
    /// 1-based column (in code points) of `cp` within its line.
    int column_of(CpOffset cp) const;

    /// The UTF-8 text of [cp_begin, cp_end) (clamped; empty when end ≤ begin).
    std::string_view substr(CpOffset cp_begin, CpOffset cp_end) const;

private:
    std::string m_text;
    CpOffset m_size = 0;
    std::int64_t m_utf16_size = 0;
    /// For code point k·kStride: its byte offset and UTF-16 offset.
    std::vector<std::int64_t> m_byte_at;
    std::vector<std::int64_t> m_utf16_at;
    std::vector<CpOffset> m_line_starts;
};

/// The code point at which each line of `utf8` begins, line 1 first: lines are separated by '\n',
/// so a text has count('\n') + 1 of them (the empty text one), as in TextIndex. For a caller that
/// needs only the lines (the workbench's lists, the agreement's passages, `attune-cli show`).
std::vector<CpOffset> line_starts(std::string_view utf8);

/// The 1-based line containing `cp`, given the lines' starts (ascending, the first 0, as
/// line_starts() returns them): a '\n' belongs to the line it ends, a cp before 0 to line 1 and
/// one past the end to the last line. TextIndex::line_of answers with this.
int line_of(const std::vector<CpOffset>& line_starts, CpOffset cp) noexcept;

/// Where a text display that measures text one shaping cluster per character must start a new
/// run so that what it draws and where it thinks each character is agree: after every grapheme
/// cluster of more than one code point (a letter with combining marks, an emoji with a skin
/// tone or joiners, CRLF) and between an 'f' and the lower-case letter after it (the ff, fi, fl,
/// ffi, ft … ligatures that fonts apply by default). Sorted code-point offsets, each in (0, size).
///
/// wxStyledTextCtrl on GTK is such a display (wx's GetPartialTextExtents returns one width per
/// Pango cluster, and Scintilla assigns them to characters in order): inside one run, every
/// character after a cluster of k code points is placed k − 1 characters too far right, so
/// highlights, the selection and mouse hits drift off the glyphs. Text is shaped per run, so a
/// run break removes the cluster and the drift.
std::vector<CpOffset> shaping_run_breaks(std::string_view utf8);

} // namespace attune::text
