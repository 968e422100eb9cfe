// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/refi_summary.h"

#include <cctype>
#include <cstddef>
#include <map>

namespace attune::app
{

namespace
{

std::string count(std::size_t n, const char* one, const char* many)
{
    return std::to_string(n) + " " + (n == 1 ? one : many);
}

/// Core's sentences start in lower case ("the keyboard shortcut of …"); a list line does not.
std::string sentence(std::string text)
{
    if (!text.empty())
        text[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(text[0])));
    if (!text.empty() && text.back() != '.')
        text += '.';
    return text;
}

std::string positions_line(const io::RefiImportReport& r)
{
    if (r.unit == "none")
        return "Positions: no plain-text source to place selections in.\n";
    return "Positions: " + r.unit + ", " + r.crlf +
           (r.detected ? " (detected from the file)" : " (as chosen)") + ".\n";
}

std::string skipped_lines(const io::RefiImportReport& r)
{
    if (r.skipped.empty())
        return "";
    std::map<std::string, std::size_t> kinds;
    for (const auto& s : r.skipped)
        ++kinds[s.kind];
    std::string out = "\nSkipped (" + std::to_string(r.skipped.size()) + "):\n";
    for (const auto& [kind, n] : kinds)
        out += "  " + std::to_string(n) + " " + kind + "\n";
    // What a coder would miss by name: sources and selections; a PDF or a set is a count.
    for (const auto& s : r.skipped)
        if (s.kind == "TextSource" || s.kind == "PlainTextSelection" || s.kind == "Coding")
            out += "  " + s.kind + " " + s.guid + (s.name.empty() ? "" : " '" + s.name + "'") +
                   ": " + s.reason + "\n";
    return out;
}

} // namespace

std::string refi_export_headline(const io::RefiExportReport& r)
{
    std::string out = "Wrote " + r.file.filename().string() + ": ";
    if (r.sources == 0 && r.users == 0)
        return out + count(r.codes, "code", "codes") + ".";
    return out + count(r.sources, "source", "sources") + ", " +
           count(r.selections, "selection", "selections") + ", " + count(r.users, "user", "users") +
           ".";
}

std::string describe_refi_export(const io::RefiExportReport& r)
{
    std::string out = "Exported: " + count(r.codes, "code", "codes");
    if (r.sources > 0 || r.users > 0)
        out += ", " + count(r.users, "user", "users") + ", " +
               count(r.sources, "source", "sources") + ", " +
               count(r.selections, "selection", "selections") + ", " +
               count(r.notes, "note", "notes") + ", " + count(r.cases, "case", "cases") + ", " +
               count(r.variables, "variable", "variables");
    out += ".\nFile: " + r.file.string() + "\n";
    for (const auto& n : r.notes_text)
        out += "Note: " + sentence(n) + "\n";
    if (r.lost.empty())
        return out + "\nNothing was lost: REFI-QDA holds all of it.\n";
    out +=
        "\nNot exported, REFI-QDA has no place for it (" + std::to_string(r.lost.size()) + "):\n";
    for (const auto& l : r.lost)
        out += "  " + sentence(l) + "\n";
    return out;
}

std::string refi_import_headline(const io::RefiImportReport& r)
{
    std::string out = "Imported " + r.file + (r.origin.empty() ? "" : " (" + r.origin + ")") + ": ";
    if (r.transcripts == 0 && r.annotations == 0 && r.transcripts_existing == 0)
        return out + "a scheme with " + count(r.codes, "code", "codes") + ".";
    return out + count(r.transcripts, "new transcript", "new transcripts") + ", " +
           count(r.annotations, "new annotation", "new annotations") + ".";
}

std::string describe_refi_import(const io::RefiImportReport& r)
{
    std::string out;
    if (!r.scheme_id.empty())
        out += "Scheme: " + r.scheme_id + " " + r.scheme_version + ", " +
               count(r.codes, "code", "codes") +
               (r.scheme_generated ? " (made from the codebook)" : "") +
               (r.scheme_existed ? " (already in the project)" : "") + ".\n";
    out += positions_line(r);
    out += "Transcripts: " + std::to_string(r.transcripts) + " new, " +
           std::to_string(r.transcripts_existing) + " already in the project.\n";
    out += "Coders: " + std::to_string(r.coders) + " new, " + std::to_string(r.coders_mapped) +
           " mapped to coders already in the project.\n";
    out += "Annotations: " + std::to_string(r.annotations) + " new (" + std::to_string(r.memos) +
           " with memos), " + std::to_string(r.annotations_existing) + " already in the project.\n";
    out += skipped_lines(r);
    if (!r.unplaced.empty())
    {
        out += "\nNot placed (" + count(r.unplaced.size(), "selection", "selections") + "):\n";
        for (const auto& u : r.unplaced)
            out += "  " + u.guid + " (" + u.source + "): " + u.reason + "\n";
    }
    if (!r.warnings.empty())
    {
        out += "\nWarnings:\n";
        for (const auto& w : r.warnings)
            out += "  " + sentence(w) + "\n";
    }
    return out;
}

} // namespace attune::app
