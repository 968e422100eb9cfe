// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Module-internal: the paragraphs of a .docx or .odt, with how much of each is bold.

#include "core/base/result.h"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace attune::io::detail
{

/// One paragraph's text (tabs as '\t', line breaks as '\n'; all other formatting dropped).
struct Paragraph
{
    std::string text;
    std::size_t bold_chars = 0;  ///< non-space characters in bold
    std::size_t plain_chars = 0; ///< non-space characters not in bold

    bool all_bold() const noexcept { return bold_chars > 0 && plain_chars == 0; }
};

/// Paragraphs in document order (body text, tables, lists, sections; headers, footers, notes,
/// comments, text boxes and deleted tracked changes are left out).
struct OfficeText
{
    std::vector<Paragraph> paragraphs;
};

/// Reads word/document.xml (and word/styles.xml for bold styles) of a .docx.
/// Errors: as ZipArchive, plus Unsupported (no document part, not WordprocessingML),
/// XmlMalformed (entry name and line:column), DataInvalid (DOCTYPE or entity declarations),
/// TooLarge (the paragraphs joined with '\n' would exceed `max_text_size`: reported at the
/// element that crosses it, and nothing past it is extracted).
Result<OfficeText> read_docx(std::string_view bytes, const std::string& source_name,
                             std::uint64_t max_entry_size, std::uint64_t max_text_size);

/// Reads content.xml (and styles.xml) of an .odt. Errors as read_docx().
Result<OfficeText> read_odt(std::string_view bytes, const std::string& source_name,
                            std::uint64_t max_entry_size, std::uint64_t max_text_size);

} // namespace attune::io::detail
