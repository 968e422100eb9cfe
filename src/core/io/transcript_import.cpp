// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/io/transcript_import.h"

#include "core/base/file_read.h"
#include "core/io/office_document.h"
#include "core/text/decode.h"
#include "core/text/sha256.h"
#include "core/text/structure.h"

#include <algorithm>

namespace attune::io
{

namespace
{

std::string lower_extension(std::string_view file_name)
{
    const auto slash = file_name.find_last_of("/\\");
    const std::string_view base =
        slash == std::string_view::npos ? file_name : file_name.substr(slash + 1);
    const auto dot = base.rfind('.');
    if (dot == std::string_view::npos || dot == 0)
        return {};
    std::string ext(base.substr(dot + 1));
    std::transform(ext.begin(), ext.end(), ext.begin(),
                   [](char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c; });
    return ext;
}

Error too_large(const std::string& source, std::uint64_t size, std::uint64_t limit,
                const char* what)
{
    return make_error(ErrorCode::TooLarge,
                      std::string(what) + " of " + std::to_string(size) +
                          " bytes exceeds the import limit of " + std::to_string(limit) + " bytes",
                      SourceLocation{source, 0, 0});
}

std::string_view trim_leading_blanks(std::string_view s)
{
    const auto b = s.find_first_not_of(" \t");
    return b == std::string_view::npos ? std::string_view() : s.substr(b);
}

bool blank(std::string_view s)
{
    return s.find_first_not_of(" \t\n") == std::string_view::npos;
}

/// Joins paragraphs with '\n', labelling bold paragraphs as interviewer turns when the AAI
/// convention applies (see ImportOptions::bold_as_interviewer).
std::string join_paragraphs(const detail::OfficeText& doc, const ImportOptions& options,
                            std::vector<std::string>& notes)
{
    std::string plain;
    for (std::size_t i = 0; i < doc.paragraphs.size(); ++i)
    {
        if (i > 0)
            plain.push_back('\n');
        plain += doc.paragraphs[i].text;
    }
    if (!options.bold_as_interviewer)
        return plain;
    const bool any_bold = std::any_of(doc.paragraphs.begin(), doc.paragraphs.end(),
                                      [](const detail::Paragraph& p) { return p.all_bold(); });
    const bool any_plain =
        std::any_of(doc.paragraphs.begin(), doc.paragraphs.end(),
                    [](const detail::Paragraph& p) { return p.plain_chars > 0; });
    // Labels already written win: bold is then just emphasis.
    if (!any_bold || !any_plain ||
        !text::analyze_structure(plain, text::SpeakerRules{}).turns.empty())
        return plain;

    enum class Turn
    {
        None,
        Interviewer,
        Respondent
    };
    Turn state = Turn::None;
    bool seen_bold = false;
    int interviewer_labels = 0;
    int respondent_labels = 0;
    int mixed = 0;
    std::string out;
    for (std::size_t i = 0; i < doc.paragraphs.size(); ++i)
    {
        const auto& p = doc.paragraphs[i];
        if (i > 0)
            out.push_back('\n');
        if (blank(p.text))
        {
            out += p.text;
            continue;
        }
        if (p.bold_chars > 0 && p.plain_chars > 0)
            ++mixed;
        if (p.all_bold())
        {
            if (state != Turn::Interviewer)
                out += "I: ", ++interviewer_labels;
            state = Turn::Interviewer;
            seen_bold = true;
            out += trim_leading_blanks(p.text);
        }
        else if (seen_bold)
        {
            if (state != Turn::Respondent)
                out += "R: ", ++respondent_labels;
            state = Turn::Respondent;
            out += trim_leading_blanks(p.text);
        }
        else
        {
            out += p.text; // a heading before the first question stays unlabelled
        }
    }
    notes.push_back("no speaker labels: bold paragraphs taken as the interviewer's (" +
                    std::to_string(interviewer_labels) + " \"I:\" and " +
                    std::to_string(respondent_labels) + " \"R:\" labels added)");
    if (mixed > 0)
        notes.push_back(std::to_string(mixed) +
                        " paragraph(s) mix bold and regular text and were taken as the "
                        "respondent's");
    return out;
}

} // namespace

Result<ImportedTranscript> import_transcript_bytes(std::string_view bytes,
                                                   std::string_view file_name,
                                                   const ImportOptions& options)
{
    const std::string source(file_name);
    const std::string ext = lower_extension(file_name);
    if (ext != "txt" && ext != "text" && ext != "docx" && ext != "odt")
        return make_error(ErrorCode::Unsupported,
                          ext.empty() ? "a file without an extension cannot be imported; "
                                        "transcripts are .txt, .docx or .odt"
                                      : "cannot import ." + ext +
                                            " files; transcripts are .txt, .docx or .odt",
                          SourceLocation{source, 0, 0});
    if (bytes.size() > options.max_bytes)
        return too_large(source, bytes.size(), options.max_bytes, "file");

    ImportedTranscript out;
    text::DecodeOptions decode;
    decode.replace_invalid = options.replace_invalid;
    std::string raw;
    if (ext == "txt" || ext == "text")
    {
        out.format = "txt";
        decode.encoding = options.encoding;
        raw.assign(bytes);
    }
    else
    {
        out.format = ext;
        if (options.encoding)
            out.notes.push_back("the encoding option applies to .txt files only; ignored");
        // XML markup outweighs its text several times over; the entry cap scales with the limit.
        const std::uint64_t entry_limit =
            options.max_bytes > kMaxZipEntryBytes / 8 ? kMaxZipEntryBytes : options.max_bytes * 8;
        auto doc = ext == "docx" ? detail::read_docx(bytes, source, entry_limit, options.max_bytes)
                                 : detail::read_odt(bytes, source, entry_limit, options.max_bytes);
        if (!doc)
            return doc.error();
        raw = join_paragraphs(*doc, options, out.notes);
        if (raw.size() > options.max_bytes)
            return too_large(source, raw.size(), options.max_bytes, "extracted text");
        // XML parsers do not check UTF-8 or control characters; decode_text does, and
        // normalises.
        decode.encoding = "UTF-8";
    }
    auto decoded = text::decode_text(raw, decode, source);
    if (!decoded)
        return decoded.error();
    out.text = std::move(decoded->utf8);
    // An empty transcript has nothing to code and would be stored without a word of warning
    // (a 0-byte .txt, a .docx whose paragraphs are all empty); white space alone counts as none.
    if (out.text.find_first_not_of(" \t\n\r\f\v") == std::string::npos)
        return make_error(ErrorCode::InvalidArgument, "the file has no text",
                          SourceLocation{source, 0, 0});
    out.encoding = decoded->encoding;
    if (decoded->replaced > 0)
        out.notes.push_back(std::to_string(decoded->replaced) +
                            " invalid byte sequence(s) or control character(s) replaced with "
                            "U+FFFD");
    if (decoded->guessed)
        out.notes.push_back("read as " + out.encoding +
                            " (guessed: too little text to detect the encoding; name it if "
                            "this is wrong)");
    else if (out.format == "txt" && !options.encoding && out.encoding != "UTF-8")
        out.notes.push_back("read as " + out.encoding + " (detected)");
    out.sha256 = text::sha256_hex(out.text);
    return out;
}

Result<ImportedTranscript> import_transcript(const std::filesystem::path& file,
                                             const ImportOptions& options)
{
    const std::string source = file.string();
    // The limit is enforced while reading (a device or a pipe has no size to check first).
    auto bytes = read_file_limited(file, options.max_bytes, "the transcript file");
    if (!bytes)
        return bytes.error();
    return import_transcript_bytes(*bytes, source, options);
}

} // namespace attune::io
