// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/store/ids.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace attune::store
{

/// Row types of the project file, one per table. Plain values: the store reads and writes them,
/// the project layer decides what is valid. Offsets are code points, half-open [start, end).
/// Times are UTF-8 ISO 8601 UTC strings ("2026-11-22T13:52:55.123Z").
///
/// Identity (schema version 3): every record that can leave the project carries a `uuid`
/// (lower-case 8-4-4-4-12 hex, UNIQUE in its table), its stable name in exports and merges; the
/// row `id` stays the project-internal key. An empty `uuid` on insert means "give it one"
/// (ProjectStore generates a random version-4 uuid); a set one is kept (a record coming back).
/// Fields added in version 3 sit at the end of each struct with defaults, so positional
/// initialisers written for version 2 still compile and mean the same.

/// A person who codes. Names are unique and never created implicitly.
struct CoderRecord
{
    CoderId id;
    std::string name;
    std::string created;
    std::string uuid = {};
    /// "coder" (the default), "master" or "consensus" (kCoderRoles): room for team workflows;
    /// nothing in this version treats the roles differently.
    std::string role = "coder";
};

/// The roles a coder row may have (the schema's CHECK lists the same three).
inline constexpr const char* kCoderRoles[] = {"coder", "master", "consensus"};

/// A transcript's descriptive fields (everything but its text, which is loaded separately
/// because it is large). The text itself is immutable; a corrected text is a new row whose
/// `supersedes` names the previous version by row id and `supersedes_uuid` by uuid (the store
/// keeps the two in step: give either on insert).
struct TranscriptRecord
{
    TranscriptId id;
    std::string title;
    std::optional<std::string> participant;
    std::optional<std::string> interview_date;
    std::optional<std::string> interviewer;
    std::optional<std::string> language;
    std::string metadata_json = "{}"; ///< free metadata, a JSON object
    std::optional<std::string> source_name;
    std::optional<std::string> encoding; ///< the encoding the source was decoded from
    std::string sha256;                  ///< of the stored (normalised) text, lower-case hex
    std::int64_t word_count = 0;
    std::int64_t turn_count = 0;
    std::int64_t line_count = 0;
    std::int64_t version = 1;
    std::optional<TranscriptId> supersedes;
    std::string created;
    std::string uuid = {};
    std::optional<std::string> supersedes_uuid = {};
};

/// One stored version of a coding scheme (the XML verbatim lives in the table too).
struct SchemeRecord
{
    std::int64_t id = 0;
    std::string scheme_id; ///< the scheme's own id from its XML
    std::string version;
    std::string name;
    std::string sha256; ///< of the verbatim XML
    std::string added;
    std::string uuid = {};
};

/// A coded span. `uuid` is the stable identity (survives undo/redo and export/import); `id` is
/// the row id, kept stable across undo/redo as well.
///
/// `scheme_version` (here and in ratings and classifications) is the version of `scheme_id` the
/// record was made under: empty on insert means "the latest stored version of that scheme"
/// (the one the project layer checked it against); empty when read means the project holds no
/// version of that scheme.
struct AnnotationRecord
{
    std::int64_t id = 0;
    std::string uuid;
    TranscriptId transcript_id;
    CoderId coder_id;
    std::string scheme_id;
    std::string code;
    std::int64_t start = 0; ///< code point, inclusive
    std::int64_t end = 0;   ///< code point, exclusive
    std::string memo;
    std::string created;
    std::string modified;
    std::string scheme_version = {};
};

/// The order of ProjectStore::for_each_span: by transcript, start, end and id (Place), by
/// transcript only (Transcript), or as stored (Stored: no order asked for, so SQLite reads the
/// table straight through instead of looking each row up from an index).
enum class SpanOrder
{
    Place,
    Transcript,
    Stored,
};

/// An annotation's place (ProjectStore::for_each_span): ids, codes and code points only.
struct SpanRow
{
    TranscriptId transcript_id;
    CoderId coder_id;
    std::string_view scheme_id;
    std::string_view code;
    std::int64_t start = 0;
    std::int64_t end = 0;
};

/// A scale score as an analysis reads it (ProjectStore::for_each_rating_value): ids, names and
/// the score only; the strings are valid during the call only.
struct RatingValueRow
{
    TranscriptId transcript_id;
    CoderId coder_id;
    std::string_view scheme_id;
    std::string_view scale;
    std::string_view target;
    std::optional<double> value; ///< unset: not scorable
};

/// A scale score. Exactly one of `value` and `not_scorable` is set. `target` is the empty string
/// for a global scale, else e.g. "mother".
struct RatingRecord
{
    std::int64_t id = 0;
    TranscriptId transcript_id;
    CoderId coder_id;
    std::string scheme_id;
    std::string scale;
    std::string target;
    std::optional<double> value;
    bool not_scorable = false;
    std::string note;
    std::string modified;
    std::string uuid = {};
    std::string scheme_version = {};
};

/// A coder's classification of a transcript under one scheme: the organised category (or CC),
/// its subcategory, an optional unresolved (U) placement on top, and for CC the forced
/// alternative organised category.
struct ClassificationRecord
{
    std::int64_t id = 0;
    TranscriptId transcript_id;
    CoderId coder_id;
    std::string scheme_id;
    std::string category;
    std::optional<std::string> subcategory;
    std::optional<std::string> unresolved;
    std::optional<std::string> alternative;
    std::string note;
    std::string modified;
    std::string uuid = {};
    std::string scheme_version = {};
};

/// A consensus decision (schema version 4, table consensus_decisions): how the disagreement
/// `disagreement` (a stable id such as "p-3f9a1c2b7d", see analysis/disagreements.h) between two
/// coders on one transcript was settled. `sources` are the uuids of the coders' records it was
/// about, `results` the uuids of the consensus coder's records it made (empty for "neither").
/// `kind` is "passage", "rating" or "classification"; `decision` one of kDecisions.
struct ConsensusDecisionRecord
{
    std::int64_t id = 0;
    std::string uuid;
    TranscriptId transcript_id;
    std::string kind;
    std::string disagreement;
    std::string decision;
    std::vector<std::string> sources;
    std::vector<std::string> results;
    std::string reason; ///< a reason id the scheme declares, or free text
    std::string note;
    std::string decided_by;
    std::string decided;
};

/// The decisions a consensus record may state (the schema's CHECK lists the same five).
inline constexpr const char* kDecisions[] = {"accept-a", "accept-b", "both", "neither", "edited"};

/// One entry of the audit log: who did what when, with the state before and after as JSON
/// (null when the thing did not exist).
struct AuditRecord
{
    std::int64_t id = 0;
    std::string at;
    std::string who;
    std::string action;
    std::string entity;
    std::optional<std::string> before_json;
    std::optional<std::string> after_json;
};

/// A result computed from the records, kept in the file (table `derived`, schema 5) with the
/// revision of the records it was computed from.
struct DerivedRecord
{
    std::string key;
    std::int64_t revision = 0;
    std::string made; ///< when it was kept (ISO 8601, UTC)
    std::string value;
};

/// A full-text search hit: a line (1-based) of a transcript and a snippet with the match in
/// [brackets].
struct SearchHit
{
    TranscriptId transcript_id;
    std::int64_t line = 0;
    std::string snippet;
};

} // namespace attune::store
