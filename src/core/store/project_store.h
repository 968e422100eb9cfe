// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/store/database.h"
#include "core/store/records.h"
#include "core/store/schema.h"

#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace attune::store
{

/// Filter for listing annotations, ratings and classifications; unset fields match everything.
struct RowFilter
{
    std::optional<TranscriptId> transcript_id;
    std::optional<CoderId> coder_id;
};

/// The typed tables of one `.attune` file: every SQL statement of the project lives here. It does
/// not validate against schemes (the project layer does); it keeps the file consistent
/// (foreign keys, checks, immutable text). Reads may run outside a transaction; writes must run
/// inside a Transaction on db() so a user action is atomic. Methods throw StoreError on SQLite
/// failures.
class ProjectStore
{
public:
    /// Creates a new project file. Errors: Conflict (exists), Io.
    [[nodiscard]] static Result<ProjectStore> create(const std::filesystem::path& path,
                                                     int busy_timeout_ms = 5000);
    /// Opens, checks and (after a backup) migrates an existing project. Errors: NotFound,
    /// StoreCorrupt, VersionTooNew, Unsupported (another program's SQLite file, or an empty
    /// file: "the file is empty (0 bytes): not an Attune project", never written), StoreBusy, Io.
    [[nodiscard]] static Result<ProjectStore> open(const std::filesystem::path& path,
                                                   int busy_timeout_ms = 5000);

    /// Opens a coder's package (or any project file) only to read it, as a merge does: never
    /// written to or beside (OpenMode::ReadOnly), not migrated and not verified as a whole --
    /// every b-tree page is checked as it is read (cell_size_check), so damage in what is read
    /// fails the read, and the caller checks every value it takes. Errors: NotFound,
    /// StoreCorrupt (not an SQLite file), Unsupported (another program's file; an Attune file
    /// of an older schema version than this build's), VersionTooNew, Io.
    [[nodiscard]] static Result<ProjectStore> open_to_read(const std::filesystem::path& path);
    /// Opens a project only to read it, as a command that writes nothing does: the live file
    /// through an ordinary reader (OpenMode::ReadShared), not migrated and not verified as a
    /// whole -- nothing is written, so a damaged file stays as it is, and every b-tree page is
    /// checked as it is read (cell_size_check), so damage in what is read fails the read.
    /// Errors: those of open_to_read (Unsupported for a file of an older schema version, which
    /// only open() migrates), StoreBusy.
    [[nodiscard]] static Result<ProjectStore> open_to_read_shared(const std::filesystem::path& path,
                                                                  int busy_timeout_ms = 5000);

    Database& db() { return m_db; }
    const MigrationReport& migration() const { return m_migration; }

    /// The project's own uuid (given when the file was created or migrated to version 3; a
    /// copy of the file is the same project and has the same one).
    std::string project_uuid();

    // --- coders
    std::vector<CoderRecord> coders();
    std::optional<CoderRecord> coder_by_name(const std::string& name);
    std::optional<CoderRecord> coder_by_id(CoderId id);
    std::optional<CoderRecord> coder_by_uuid(const std::string& uuid);
    /// Inserts a coder with a new uuid and the role "coder"; returns the row id.
    CoderId insert_coder(const std::string& name, const std::string& created);
    /// Inserts `record` (its uuid, or a new one when empty; its role); returns the row id. A
    /// duplicate name or uuid, or a role not in kCoderRoles, throws StoreError (constraint).
    CoderId insert_coder(const CoderRecord& record);
    /// Sets a coder's role (one of kCoderRoles, else StoreError).
    void set_coder_role(CoderId id, const std::string& role);

    // --- transcripts
    std::vector<TranscriptRecord> transcripts();
    std::optional<TranscriptRecord> transcript(TranscriptId id);
    std::optional<TranscriptRecord> transcript_by_uuid(const std::string& uuid);
    std::optional<std::string> transcript_text(TranscriptId id);
    /// The text, checked against the SHA-256 stored with it: what every reader gets. Throws
    /// StoreError (SQLITE_CORRUPT) when they differ, since integrity_check proves the pages
    /// sound but not the values in them, and a flipped bit inside a text passes it.
    std::optional<std::string> verified_transcript_text(TranscriptId id);
    std::vector<TranscriptRecord> transcripts_by_participant(const std::string& participant);
    /// Inserts the row (with `record.uuid`, or a new one when empty) and indexes its lines for
    /// search; returns the new id. The version it supersedes may be given by row id or by uuid;
    /// the other is filled in (the row id wins when both are given). One that does not exist
    /// throws StoreError (constraint).
    TranscriptId insert_transcript(const TranscriptRecord& record, const std::string& text);
    /// Names of coders with any annotation, rating or classification on the transcript.
    std::vector<std::string> coders_of_transcript(TranscriptId id);
    /// Transcripts whose stored text has this SHA-256 (lower-case hex), by id.
    std::vector<TranscriptRecord> transcripts_by_sha256(const std::string& sha256);
    /// Transcripts that name `id` as the version they supersede.
    std::vector<TranscriptRecord> transcripts_superseding(TranscriptId id);
    /// Replaces the descriptive names of a transcript (the text never changes).
    void set_transcript_names(TranscriptId id, const std::string& title,
                              const std::optional<std::string>& participant);
    /// Deletes a transcript row and its search index. Rows referring to it (annotations,
    /// ratings, classifications, newer versions) make it throw StoreError (foreign keys); the
    /// project layer refuses before that. Its id is never given to a later transcript, so the
    /// audit log's "transcript N" keeps naming one text.
    void delete_transcript(TranscriptId id);

    // --- schemes
    std::vector<SchemeRecord> schemes();
    /// The most recently added version of a scheme id, with its XML.
    std::optional<std::pair<SchemeRecord, std::string>> latest_scheme(const std::string& scheme_id);
    std::optional<SchemeRecord> scheme_version(const std::string& scheme_id,
                                               const std::string& version);
    std::optional<SchemeRecord> scheme_by_uuid(const std::string& uuid);
    /// The XML of one stored scheme version, by row id.
    std::optional<std::string> scheme_xml(std::int64_t id);
    /// Inserts a scheme version (with `record.uuid`, or a new one when empty); returns the id.
    std::int64_t insert_scheme(const SchemeRecord& record, const std::string& xml);

    // --- annotations
    std::vector<AnnotationRecord> annotations(const RowFilter& filter);
    std::optional<AnnotationRecord> annotation_by_uuid(const std::string& uuid);
    /// Every annotation's place and nothing else, by transcript, start, end and id, handed to
    /// `fn` without copying its strings (valid during the call only): what an analysis of a whole
    /// project reads, three to four times faster than annotations(). SpanOrder::Transcript
    /// groups them by transcript only, in no order within one, and skips the sort (0.32 s
    /// instead of 0.55 s for 450,000 places).
    void for_each_span(const std::function<void(const SpanRow&)>& fn,
                       SpanOrder order = SpanOrder::Place);
    std::optional<AnnotationRecord> annotation_by_id(std::int64_t id);
    /// Inserts a new annotation (`record.id` 0: a fresh row id; an empty uuid: a new one; an
    /// empty scheme_version: the latest stored version of its scheme); a duplicate uuid throws
    /// StoreError (constraint). Returns the row id.
    std::int64_t insert_annotation(const AnnotationRecord& record);
    /// Inserts, or replaces the row with the same uuid (used to restore a state on undo/redo),
    /// filling an empty uuid and scheme_version as insert_annotation does.
    std::int64_t put_annotation(const AnnotationRecord& record);
    void delete_annotation(const std::string& uuid);

    // --- ratings (unique per transcript, coder, scheme, scale, target)
    /// Every scale score, its ids, names and value only, handed to `fn` without copying its
    /// strings (valid during the call only), in the table's order: what an analysis of a whole
    /// project reads (25 ms for 69,000 scores, ratings() 60 ms).
    void for_each_rating_value(const std::function<void(const RatingValueRow&)>& fn);
    std::vector<RatingRecord> ratings(const RowFilter& filter);
    std::optional<RatingRecord> rating(TranscriptId transcript_id, CoderId coder_id,
                                       const std::string& scheme_id, const std::string& scale,
                                       const std::string& target);
    std::optional<RatingRecord> rating_by_uuid(const std::string& uuid);
    /// Inserts or replaces the score of (transcript, coder, scheme, scale, target). A new row
    /// takes `record.uuid` (a new one when empty); a replaced row keeps its uuid, since it is the
    /// same rating. An empty scheme_version means the latest stored version. Returns the row id.
    std::int64_t put_rating(const RatingRecord& record);
    void delete_rating(TranscriptId transcript_id, CoderId coder_id, const std::string& scheme_id,
                       const std::string& scale, const std::string& target);

    // --- classifications (unique per transcript, coder, scheme)
    std::vector<ClassificationRecord> classifications(const RowFilter& filter);
    std::optional<ClassificationRecord> classification(TranscriptId transcript_id, CoderId coder_id,
                                                       const std::string& scheme_id);
    std::optional<ClassificationRecord> classification_by_uuid(const std::string& uuid);
    /// Inserts or replaces, with uuid and scheme_version handled as in put_rating.
    std::int64_t put_classification(const ClassificationRecord& record);
    void delete_classification(TranscriptId transcript_id, CoderId coder_id,
                               const std::string& scheme_id);

    // --- consensus decisions (one per disagreement id)
    /// Every decision (on `transcript` only, when given), by transcript and row id.
    std::vector<ConsensusDecisionRecord>
    consensus_decisions(std::optional<TranscriptId> transcript = std::nullopt);
    std::optional<ConsensusDecisionRecord> consensus_decision_by_uuid(const std::string& uuid);
    std::optional<ConsensusDecisionRecord> consensus_decision_for(const std::string& disagreement);
    /// Inserts, or replaces the row with the same uuid (an empty uuid: a new one; `record.id`
    /// 0: a fresh row id, else that id, so a decision restored by redo keeps it); returns the
    /// row id. A kind or decision the schema does not list throws StoreError (constraint).
    std::int64_t put_consensus_decision(const ConsensusDecisionRecord& record);
    void delete_consensus_decision(const std::string& uuid);

    // --- audit log and settings
    void append_audit(const AuditRecord& entry);
    std::vector<AuditRecord> audit_log(std::int64_t limit = -1);
    /// The audit entries of one action (e.g. "merge package"), oldest first.
    std::vector<AuditRecord> audit_log_of(const std::string& action);
    std::optional<std::string> setting(const std::string& key);
    void set_setting(const std::string& key, const std::string& value);

    // --- derived results (schema 5)
    /// The project's revision: a count that every change to a record raises, whoever makes it
    /// (triggers on every table of kRecordTables). Equal revisions mean equal records.
    std::int64_t revision();
    /// The value kept under `key` and the revision it was computed at, if any.
    std::optional<DerivedRecord> derived(const std::string& key);
    /// Keeps `value` under `key` as computed at `revision` (replacing what the key held), then
    /// drops all but the `keep` most recently kept keys. Raises no revision.
    void put_derived(const std::string& key, std::int64_t revision, std::string_view value,
                     const std::string& made, int keep);

    /// Full-text search (FTS5 syntax: words, "phrases", prefix*, AND/OR/NOT), accent- and
    /// case-insensitive; at most `limit` hits, ordered by transcript and line, each with a
    /// snippet of up to 16 words (text::search_snippet). Errors: InvalidArgument for a malformed
    /// query or one over text::search_terms' bounds (64 words, 1,000 characters).
    [[nodiscard]] Result<std::vector<SearchHit>> search(const std::string& query,
                                                        std::int64_t limit = 1000);

private:
    static Result<ProjectStore> open_reading(const std::filesystem::path& path, OpenMode mode,
                                             int busy_timeout_ms);
    ProjectStore(Database db, MigrationReport m) : m_db(std::move(db)), m_migration(m) {}
    Database m_db;
    MigrationReport m_migration;
};

/// Formats the current time as ISO 8601 UTC with milliseconds.
std::string now_iso8601();

} // namespace attune::store
