// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Reading REFI-QDA exchange files (issue 15, docs/refi-qda.md): a .qdc codebook becomes an Attune
// scheme (generated XML the lab can edit), a .qdpx project (or a bare project.qde) becomes
// transcripts, a scheme, coders and annotations. Files from other programs are hostile until
// proven otherwise: zip-slip names, zip bombs, DOCTYPE, huge or deep XML and sources outside the
// archive are refused with a clear message, and nothing is written unless all of it succeeds.

#include "core/base/result.h"
#include "core/project/session.h"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace attune::io
{

/// How a file's startPosition/endPosition count. The standard says Unicode code points of the
/// plain text, where a CR LF is two; ATLAS.ti counts CR LF as one, NVivo counts UTF-16 code
/// units (an emoji is two) with CR LF as two.
enum class RefiUnit
{
    Auto,
    CodePoints,
    Utf16,
};
enum class RefiCrlf
{
    Auto,
    Two, ///< CR LF counts as two positions (what the file's code points are)
    One, ///< CR LF counts as one (positions as though the line ends were LF)
};

/// Limits on what an archive may expand to, checked entry by entry while reading.
inline constexpr std::uint64_t kRefiMaxEntryBytes = 64ull * 1024 * 1024;
inline constexpr std::uint64_t kRefiMaxTotalBytes = 512ull * 1024 * 1024;

struct RefiImportOptions
{
    RefiUnit unit = RefiUnit::Auto;
    RefiCrlf crlf = RefiCrlf::Auto;
};

// ---- The file as read (no project involved): what the fuzz target and the tests check.

struct RefiCode
{
    std::string guid; ///< canonical (lower case, no braces)
    std::string name;
    bool codable = true;
    std::optional<std::uint32_t> colour;
    bool colour_malformed = false; ///< a colour attribute that is not #RRGGBB / #RGB
    std::string description;
    std::vector<RefiCode> children;
};

struct RefiCoding
{
    std::string guid;
    std::string code_guid;
    std::string user; ///< creatingUser, canonical; may be empty
    std::string created;
    std::vector<std::string> note_refs;
};

struct RefiSelection
{
    std::string guid;
    std::string name;
    std::int64_t start = 0;
    std::int64_t end = 0;
    std::string user;
    std::string created;
    std::string modified;
    std::string description;
    std::vector<RefiCoding> codings;
    std::vector<std::string> note_refs;
};

struct RefiTextSource
{
    std::string guid;
    std::string name;
    std::string path; ///< plainTextPath as written
    /// The text's bytes as stored (a BOM, CR LF kept); nullopt when there is none to read,
    /// and then `problem` says why.
    std::optional<std::string> bytes;
    std::string problem;
    std::vector<RefiSelection> selections;
    std::size_t document_codings = 0; ///< Codings of the whole source
};

struct RefiNote
{
    std::string guid;
    std::string name;
    std::string text; ///< inline or from its plainTextPath; empty when neither
};

struct RefiUser
{
    std::string guid;
    std::string name;
    std::string id;
};

/// Something in the file that is not imported, by kind ("PDFSource", "Set", …).
struct RefiSkipped
{
    std::string kind;
    std::string guid;
    std::string name;
    std::string reason;
};

struct RefiFile
{
    std::string file;         ///< the file name read_refi was given
    bool is_codebook = false; ///< a .qdc (CodeBook root) rather than a project
    std::string ns;           ///< the root's namespace as written
    std::string name;         ///< Project/@name (a .qdc: the file's stem)
    std::string origin;
    std::vector<RefiUser> users;
    std::vector<RefiCode> codes;
    std::vector<RefiTextSource> sources;
    std::vector<RefiNote> notes;
    std::vector<RefiSkipped> skipped;
    std::vector<std::string> warnings;
};

/// Reads a .qdpx (zip), a .qdc or a bare .qde (XML) from bytes; `file_name` names it in
/// errors and gives a .qdc its name. Errors: Unsupported (neither), DataInvalid (unsafe entry
/// names, zip bombs, DOCTYPE, no project.qde, a source path leaving the archive), TooLarge,
/// XmlMalformed.
[[nodiscard]] Result<RefiFile> read_refi(std::string_view bytes, const std::string& file_name);

// ---- Into a project.

/// One selection that could not become an annotation, by its GUID.
struct RefiUnplaced
{
    std::string guid;
    std::string source;
    std::string reason;
};

struct RefiImportReport
{
    std::string file;
    std::string origin;
    std::string unit;      ///< "code points", "UTF-16 units", or "none" (no text source)
    std::string crlf;      ///< "CR LF as two" or "CR LF as one"
    bool detected = false; ///< the convention was detected (auto), not chosen
    std::string scheme_id;
    std::string scheme_version;
    bool scheme_generated = false; ///< made from the codebook (not the Attune scheme kept in it)
    bool scheme_existed = false;   ///< the same scheme version was in the project already
    std::size_t codes = 0;
    std::size_t transcripts = 0;
    std::size_t transcripts_existing = 0; ///< sources whose text the project held already
    std::size_t coders = 0;               ///< coders created
    std::size_t coders_mapped = 0;        ///< users matched to coders already in the project
    std::size_t annotations = 0;
    std::size_t annotations_existing = 0; ///< uuids already in the project with the same span
    std::size_t memos = 0;
    std::vector<RefiSkipped> skipped;
    std::vector<RefiUnplaced> unplaced;
    std::vector<std::string> warnings;
};

/// Imports `file` into the session's project in one transaction (nothing stays when any part
/// fails). A codebook becomes a scheme; a project also brings plain-text sources as
/// transcripts, users as coders and coded selections as annotations, under the position
/// convention chosen or detected. Errors: InvalidArgument (nothing importable), Conflict,
/// SchemeInvalid (the generated scheme; a bug), Io, StoreBusy.
[[nodiscard]] Result<RefiImportReport> import_refi(project::Session& session, const RefiFile& file,
                                                   const RefiImportOptions& options);

/// The scheme XML (urn:attune:scheme:1) a codebook's codes become, with id `scheme_id`.
std::string refi_codes_to_scheme(const std::vector<RefiCode>& codes, const std::string& scheme_id,
                                 const std::string& title, const std::string& origin,
                                 std::vector<std::string>& warnings);

} // namespace attune::io
