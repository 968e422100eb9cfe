// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Importing a transcript file (.txt in any encoding, .docx, .odt) as NFC UTF-8 text.

#include "core/base/result.h"

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace attune::io
{

/// Largest transcript file accepted: 50 MiB, about 100 times the longest AAI transcript.
inline constexpr std::uint64_t kDefaultMaxImportBytes = 50ull * 1024 * 1024;
/// Largest uncompressed size of one entry read from a .docx/.odt (zip bomb guard; the cap is
/// also at most 8 × ImportOptions::max_bytes) …
inline constexpr std::uint64_t kMaxZipEntryBytes = 200ull * 1024 * 1024;
/// … and largest uncompressed : compressed ratio of an entry over 1 MiB (XML rarely exceeds
/// 20 : 1; a bomb is near 1000 : 1).
inline constexpr std::uint64_t kMaxZipRatio = 200;

/// How import_transcript() reads a file.
struct ImportOptions
{
    std::optional<std::string> encoding; ///< .txt only: ICU converter name overriding detection
    bool replace_invalid = false;        ///< .txt only: invalid bytes → U+FFFD (noted)
    /// .docx/.odt: the AAI transcription convention of marking the interviewer in bold. When the
    /// document has no speaker labels (text::SpeakerRules defaults), has a paragraph whose
    /// non-space characters are all bold and one with regular text: each run of all-bold
    /// paragraphs becomes an interviewer turn ("I: " put before its first paragraph) and each
    /// following run of other paragraphs a respondent turn ("R: "). Paragraphs before the first
    /// bold one (a heading) stay unlabelled, blank paragraphs neither start nor end a turn, and
    /// a paragraph mixing bold and regular text counts as the respondent's (noted).
    bool bold_as_interviewer = true;
    /// Files (and, for .docx/.odt, the extracted text) larger than this are refused (TooLarge).
    std::uint64_t max_bytes = kDefaultMaxImportBytes;
};

/// An imported transcript.
struct ImportedTranscript
{
    std::string text;     ///< NFC UTF-8, '\n' line endings
    std::string format;   ///< "txt", "docx" or "odt"
    std::string encoding; ///< .txt: the encoding read; .docx/.odt: "UTF-8"
    std::string sha256;   ///< of `text`
    std::vector<std::string>
        notes; ///< things the user should know, e.g. "3 invalid bytes replaced"
};

/// Imports a file, dispatching on its extension (case-insensitive): .txt (also .text), .docx,
/// .odt. Errors: Io (unreadable), TooLarge, Unsupported (other extensions, or a .docx/.odt that
/// is not a zip or lacks its document part), Encoding (see text::decode_text), XmlMalformed
/// (with the zip entry name and line:column), DataInvalid (unsafe zip entry names, zip bombs),
/// InvalidArgument "the file has no text" (a 0-byte .txt, a document whose text is empty or
/// only white space).
[[nodiscard]] Result<ImportedTranscript> import_transcript(const std::filesystem::path& file,
                                                           const ImportOptions& options);

/// The same from bytes in memory; `file_name` picks the format and names the source in errors.
[[nodiscard]] Result<ImportedTranscript> import_transcript_bytes(std::string_view bytes,
                                                                 std::string_view file_name,
                                                                 const ImportOptions& options);

} // namespace attune::io
