// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Turning the bytes of a transcript file into the NFC, '\n'-terminated UTF-8 text core works on.

#include "core/base/result.h"

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace attune::text
{

/// How decode_text() reads bytes.
struct DecodeOptions
{
    /// An ICU converter name or alias ("windows-1252", "Shift_JIS", "UTF-16LE" …) that overrides
    /// detection. A matching byte order mark is still skipped.
    std::optional<std::string> encoding;
    /// Replace invalid byte sequences and forbidden control characters with U+FFFD (counted in
    /// DecodedText::replaced) instead of failing.
    bool replace_invalid = false;
};

/// Decoded transcript text.
struct DecodedText
{
    std::string utf8;         ///< valid UTF-8, NFC, line endings '\n', no BOM
    std::string encoding;     ///< the encoding used: given or detected, ICU canonical name
    std::size_t replaced = 0; ///< U+FFFD substitutions made (only with replace_invalid)
    bool guessed = false;     ///< too little text for the detector: windows-1252 was assumed
};

/// Decodes `bytes` to NFC UTF-8 with '\n' line endings; the text is otherwise kept verbatim.
///
/// Encoding decision, in this order:
///  1. DecodeOptions::encoding when given;
///  2. a byte order mark: UTF-8, UTF-32LE/BE (checked before UTF-16), UTF-16LE/BE;
///  3. NUL bytes, which no text file contains in an 8-bit encoding: UTF-32LE/BE when every
///     fourth byte pattern fits, else UTF-16LE/BE, the byte order following where the NULs sit;
///  4. ESC bytes that ICU's CharsetDetector reads as ISO-2022-JP/KR/CN (7-bit encodings);
///  5. valid UTF-8 (pure ASCII included) → "UTF-8";
///  6. "damaged UTF-8": more well-formed multi-byte UTF-8 sequences than invalid bytes → UTF-8,
///     so that the invalid bytes are reported rather than silently read as another charset;
///  7. otherwise ICU's CharsetDetector; the most confident candidate that decodes without error
///     (when it has no candidate at all, a few words only: windows-1252, DecodedText::guessed).
///
/// Errors (ErrorCode::Encoding, `where` = {source_name, line, column} of the offending spot,
/// column in code points): an invalid byte sequence, naming its byte offset (0-based) in the
/// message; a control character other than TAB, LF, CR (C0, DEL, C1) naming its code point.
/// With replace_invalid both become U+FFFD instead. An unknown encoding name → InvalidArgument.
[[nodiscard]] Result<DecodedText> decode_text(std::string_view bytes, const DecodeOptions& options,
                                              const std::string& source_name);

/// NFC normalisation plus CRLF and lone CR → LF. Input must be UTF-8 (ill-formed sequences
/// become U+FFFD).
std::string normalize_text(std::string_view utf8);

/// True when `bytes` is well-formed UTF-8 (no overlongs, surrogates or values past U+10FFFF).
bool is_valid_utf8(std::string_view bytes) noexcept;

/// Byte offset of the first ill-formed UTF-8 sequence in `bytes`, or nullopt when it is all
/// well-formed (so callers can say where the bad byte is).
std::optional<std::size_t> first_invalid_utf8(std::string_view bytes) noexcept;

} // namespace attune::text
