// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The one rule for names and titles a person types (coder names, participant ids, transcript
// titles, interviewer names, ...): what is stored and compared, and what is refused.

#include "core/base/result.h"

#include <cstddef>
#include <string>
#include <string_view>

namespace attune::text
{

/// Longest name or title accepted, in code points (a long title fits; a pasted paragraph does
/// not).
inline constexpr std::size_t kMaxNameLength = 200;

/// A name as stored: NFC (so "é" typed precomposed or as e + U+0301 is one name), white space
/// trimmed at both ends. Refused (InvalidArgument, the message naming `what`, e.g. "a coder
/// name", and the offending code point): empty after trimming; a control character (C0 such as
/// TAB, LF, ESC, BEL; DEL; C1); a line or paragraph separator; a bidirectional override or
/// isolate (U+202A–U+202E, U+2066–U+2069), which reorders what is shown; no visible character
/// at all (e.g. a lone U+200B ZERO WIDTH SPACE); more than kMaxNameLength code points. Bytes
/// that are not UTF-8 → Encoding.
[[nodiscard]] Result<std::string> normalize_name(std::string_view raw, std::string_view what);

/// A name derived from something nobody typed as a name (a file name): the same rule made to
/// fit instead of refusing: NFC, ill-formed UTF-8, control characters, separators and bidi
/// controls become U+FFFD, spaces trimmed, cut to kMaxNameLength code points; "untitled" when
/// nothing visible is left. normalize_name() accepts the result.
std::string name_from(std::string_view raw);

} // namespace attune::text
