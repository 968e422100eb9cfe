// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/result.h"
#include "core/store/records.h"

#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace attune::scheme
{
class Scheme;
}

namespace attune::project
{

using TranscriptId = store::TranscriptId;
using CoderId = store::CoderId;

// The row types are the store's plain records; the session adds the rules.
using Coder = store::CoderRecord;
using Transcript = store::TranscriptRecord;
using SchemeInfo = store::SchemeRecord;
using Annotation = store::AnnotationRecord;
using Rating = store::RatingRecord;
using Classification = store::ClassificationRecord;
using AuditEntry = store::AuditRecord;
using ConsensusDecision = store::ConsensusDecisionRecord;
using SearchHit = store::SearchHit;

/// What kinds of data a change touched: a bit set (Aegisub's CommitType). Views refresh only
/// the kinds they show.
enum class Change : unsigned
{
    None = 0,
    Codings = 1u << 0,         ///< annotations added, moved or deleted
    Ratings = 1u << 1,         ///< scale scores
    Memos = 1u << 2,           ///< annotation memos
    Scheme = 1u << 3,          ///< a scheme (version) was added
    Transcripts = 1u << 4,     ///< a transcript (version) was added
    Coders = 1u << 5,          ///< a coder was added
    Classifications = 1u << 6, ///< classifications
    Consensus = 1u << 7,       ///< consensus decisions recorded or taken back
};
constexpr Change operator|(Change a, Change b)
{
    return static_cast<Change>(static_cast<unsigned>(a) | static_cast<unsigned>(b));
}
constexpr Change operator&(Change a, Change b)
{
    return static_cast<Change>(static_cast<unsigned>(a) & static_cast<unsigned>(b));
}
constexpr bool any(Change c)
{
    return c != Change::None;
}

/// The label of the notification sent when another connection changed the project
/// (Session::refresh_if_changed_elsewhere).
inline constexpr const char* kChangedElsewhere = "changed by another program";

/// Delivered to subscribers after every successful apply/undo/redo (after the commit): what
/// kinds of data changed and which records, so a view reloads only what it shows. For a batch,
/// an undo or a redo the sets hold every record of it. A change made by another program names
/// no records: `everything` is set and any record may have changed.
struct Changed
{
    Change kinds = Change::None;
    std::string label;       ///< e.g. "Annotate E1", "Undo Rate idealization"
    bool everything = false; ///< changed elsewhere: reload all; the sets below are empty
    /// Transcripts added, renamed or removed, and those whose annotations, ratings or
    /// classifications changed.
    std::set<TranscriptId> transcripts;
    std::set<CoderId> coders;              ///< coders added
    std::set<std::string> schemes;         ///< scheme ids of which a version was added
    std::set<std::string> annotations;     ///< uuids of annotations added, changed or deleted
    std::set<std::string> ratings;         ///< uuids of ratings set or cleared
    std::set<std::string> classifications; ///< uuids of classifications set or cleared
    std::set<std::string> decisions;       ///< uuids of consensus decisions recorded or removed

    /// Whether the change may concern transcript `t` (always, when it was made elsewhere).
    bool touches(TranscriptId t) const { return everything || transcripts.count(t) > 0; }
};

// ---- Commands. Each is one user action: one transaction, one audit entry, one notification,
// and (for the coding actions) one undo step.

/// Adds a coder (not undoable). Errors: InvalidArgument (empty name), Conflict (exists).
struct AddCoder
{
    std::string name;
};

/// Adds a transcript (not undoable). `meta.title`, participant, dates, metadata JSON etc. come
/// from the caller; sha256, word/turn/line counts and `created` are computed. With
/// `meta.supersedes` set this is a new version of that transcript: if the old version has
/// annotations, ratings or classifications the command refuses (Conflict) unless `remap` is true,
/// in which case annotations are moved to the new text through the unchanged prefix/suffix of
/// the two texts, and the move is reported in Outcome::notes; an annotation touching the changed
/// region makes the command refuse (Conflict) with a list of them.
///
/// A text already in the project (the same SHA-256 of the stored text, any version) is refused
/// with Conflict "this text is already in the project as transcript N (P01)" unless
/// `allow_duplicate` is set: importing the same file twice is nearly always a slip, and the two
/// copies would split the coders' work between them.
struct AddTranscript
{
    Transcript meta;
    std::string text; ///< UTF-8, NFC, '\n' line ends (io::import_transcript output)
    bool remap = false;
    bool allow_duplicate = false;
};

/// Stores a scheme's XML verbatim (not undoable). Errors: SchemeInvalid/XmlMalformed from the
/// loader, Conflict when the same id+version is stored with different content. A new version
/// reports annotations/ratings/classifications whose codes it lacks as orphaned (they are kept)
/// in Outcome::notes.
struct AddScheme
{
    std::string xml;
    std::string source_name; ///< file name for error locations
};

/// Codes [start, end) of a transcript. Errors: NotFound (transcript, coder, scheme, code),
/// InvalidArgument (empty span, past the end of the text).
struct Annotate
{
    TranscriptId transcript;
    CoderId coder;
    std::string scheme_id;
    std::string code;
    std::int64_t start = 0;
    std::int64_t end = 0;
    std::string memo;
};

/// Moves an annotation's span. `coder` is who acts: only the annotation's author may change or
/// delete it (may_change), here and in ChangeCode, DeleteAnnotation and SetMemo. Errors:
/// NotFound (annotation, coder), InvalidArgument, Conflict (another coder's annotation: the
/// message names its author).
struct ChangeSpan
{
    CoderId coder;
    std::string uuid;
    std::int64_t start = 0;
    std::int64_t end = 0;
};

/// Gives an annotation another code of its scheme, span and memo unchanged. Errors: NotFound
/// (annotation, coder, or a code the annotation's scheme lacks), InvalidArgument (the same
/// code), Conflict (another coder's annotation).
struct ChangeCode
{
    CoderId coder; ///< who acts (only the author may)
    std::string uuid;
    std::string code;
};

/// Who may change an annotation (span, code, memo, delete): only its author. Other coders'
/// passages are shown outside blind mode, read-only, so nobody's work is altered by another.
/// The commands check it themselves (Conflict); the views ask it to grey out what is refused.
inline bool may_change(const Annotation& annotation, CoderId coder)
{
    return annotation.coder_id == coder;
}

/// Who may see other coders' work without unblinding: a coder of role "master" or "consensus"
/// (their work is to compare and settle). Every other coder codes blind; seeing the others' work
/// takes a deliberate step that the audit log records (Session::record_unblind). The workbench's
/// "Show All Coders' Work" and its compare view ask this rule.
inline bool may_see_others(const Coder& coder)
{
    return coder.role == "master" || coder.role == "consensus";
}

/// Deletes an annotation (undo restores it with the same uuid and id). Errors: NotFound,
/// Conflict (another coder's annotation).
struct DeleteAnnotation
{
    CoderId coder; ///< who acts (only the author may)
    std::string uuid;
};

/// Replaces an annotation's memo. Errors: NotFound, Conflict (another coder's annotation).
struct SetMemo
{
    CoderId coder; ///< who acts (only the author may)
    std::string uuid;
    std::string memo;
};

/// Scores a scale: `value` set, or not scorable when `value` is empty. Replaces an earlier score
/// of the same transcript/coder/scale/target. Errors: NotFound (scale, target), InvalidArgument
/// (value off the scale's grid, not-scorable on a scale that forbids it, missing target on a
/// per-target scale).
struct Rate
{
    TranscriptId transcript;
    CoderId coder;
    std::string scheme_id;
    std::string scale;
    std::string target; ///< "" for a global scale
    std::optional<double> value;
    std::string note;
};

/// Removes a score. Errors: NotFound (no such score).
struct ClearRating
{
    TranscriptId transcript;
    CoderId coder;
    std::string scheme_id;
    std::string scale;
    std::string target;
};

/// Classifies a transcript: `category` is an organised category (or a subcategory of one,
/// from which the category is derived) or the cannot-classify category; `unresolved` an optional
/// unresolved (U) placement on top; `alternative` the forced organised alternative (required
/// with CC and with U, where the scheme asks for it). Replaces an earlier classification.
/// Errors: NotFound (ids not in the scheme), InvalidArgument (role mismatch).
struct Classify
{
    TranscriptId transcript;
    CoderId coder;
    std::string scheme_id;
    std::string category;
    std::optional<std::string> subcategory;
    std::optional<std::string> unresolved;
    std::optional<std::string> alternative;
    std::string note;
};

/// Removes a classification. Errors: NotFound.
struct ClearClassification
{
    TranscriptId transcript;
    CoderId coder;
    std::string scheme_id;
};

/// Renames a transcript: its title and/or its participant id (an unset field stays as it is;
/// an empty participant clears it). The participant names the person interviewed, so a new
/// participant id is given to every version of the transcript alike; the title is this
/// version's. Audited (before and after), not undoable: rename it back. Errors: NotFound,
/// InvalidArgument (an empty title, a name that is not one visible line).
struct EditTranscript
{
    TranscriptId id;
    std::optional<std::string> title;
    std::optional<std::string> participant;
};

/// Removes a transcript that holds nobody's work, e.g. one imported by mistake. Refuses with
/// Conflict when any coder has annotations, ratings or classifications on it (the message names
/// each coder with counts: that work is never removed as a side effect) and when a newer version
/// supersedes it. The audit entry keeps the removed row and its whole text, so a removal can be
/// recovered; the id is never reused. Not undoable (it is not a coding step; import the file
/// again). Errors: NotFound, Conflict.
struct RemoveTranscript
{
    TranscriptId id;
};

/// The coder who holds a project's consensus: the one coder whose role is "consensus".
/// RecordDecision makes it (named "consensus", or "consensus-2" … when that name is taken) when
/// the project has none.
inline constexpr const char* kConsensusCoderName = "consensus";

/// Records how one disagreement between two coders was settled (the reconciliation step): in
/// one step, writes the consensus coder's records and the decision row. `take` names the source
/// records (uuids among `sources`, all of `kind` and on `transcript`) copied to the consensus
/// coder as they are (code, span and memo; value and note; the classification as stated); with
/// decision "edited", `edited` is the consensus record instead, as a command whose transcript
/// and coder are ignored (the decision's transcript, the consensus coder). A rating or a
/// classification replaces the consensus coder's earlier one of its slot (undo puts it back).
/// Undo removes what it made and the decision; redo restores them with the same uuids (the
/// consensus coder, made on demand, stays). Batchable. Errors: InvalidArgument (unknown kind or
/// decision, "edited" without `edited` or with it for another decision, a take that is not among
/// the sources, two values for one rating or classification, and what Annotate, Rate and
/// Classify refuse in the records made), NotFound (transcript, a source record), Conflict (the
/// disagreement was decided already: undo that first; the project has several consensus
/// coders).
struct RecordDecision
{
    std::string kind; ///< "passage", "rating", "classification"
    TranscriptId transcript;
    std::string disagreement; ///< the stable id (analysis::list_disagreements)
    std::string decision;     ///< one of store::kDecisions
    std::vector<std::string> sources;
    std::vector<std::string> take;
    std::variant<std::monostate, Annotate, Rate, Classify> edited = {};
    std::string reason;
    std::string note;
    std::string decided_by; ///< empty: the session's user
};

using Command =
    std::variant<AddCoder, AddTranscript, AddScheme, Annotate, ChangeSpan, DeleteAnnotation,
                 SetMemo, Rate, ClearRating, Classify, ClearClassification, ChangeCode,
                 EditTranscript, RemoveTranscript, RecordDecision>;

/// What a successful command did.
struct Outcome
{
    std::int64_t id = 0; ///< the new/affected row id (coder, transcript, scheme, annotation…)
    std::string uuid;    ///< the annotation's uuid, for annotation commands
    Change changed = Change::None;
    std::vector<std::string> notes; ///< reports: orphaned codes, remapped annotations
    /// For a batch (Session::apply of several commands): each command's outcome, in order; `id`
    /// and `uuid` above are then the last command's, `changed` and `notes` those of all.
    std::vector<Outcome> parts = {};
    /// The same row as `id`, typed, where the command concerns a transcript or a coder as such:
    /// AddTranscript (the new version), EditTranscript and RemoveTranscript set `transcript`,
    /// AddCoder sets `coder`; the other commands leave both empty.
    TranscriptId transcript = {};
    CoderId coder = {};
};

/// A transcript with the names of the coders who worked on it.
struct TranscriptSummary
{
    Transcript transcript;
    std::vector<std::string> coders;
};

/// How far one coder has got.
struct CoderProgress
{
    Coder coder;
    std::int64_t transcripts_coded = 0; ///< transcripts with ≥ 1 annotation by this coder
    std::int64_t annotations = 0;
    std::int64_t ratings = 0;
    std::int64_t classified = 0; ///< transcripts this coder has classified
};

/// Something stored that the current scheme version does not define (kept, never deleted).
struct Orphan
{
    std::string kind; ///< "annotation", "rating", "classification"
    std::string scheme_id;
    std::string code; ///< the missing code / scale / category id
    TranscriptId transcript;
    std::string coder;
    std::string ref; ///< annotation uuid, or "scale/target", or the category
};

/// Result of Session::check().
struct CheckReport
{
    std::vector<std::string> integrity_problems; ///< empty = the file is sound
    std::vector<Orphan> orphans;
    bool ok() const { return integrity_problems.empty() && orphans.empty(); }
};

/// Options of a session.
struct SessionOptions
{
    int busy_timeout_ms = 5000;
    std::string user; ///< recorded in the audit log for non-coder actions; default $USER
};

/// An open project: the only way the GUI and the CLI read or change a `.attune` file.
/// Every command runs in one SQLite transaction, is written to the audit log, pushed on the undo
/// stack (coding commands) and announced to subscribers. Undo/redo run the inverse as a new
/// transaction. Not thread-safe: use from one thread. Queries that fail on SQLite I/O return
/// empty results only through Result-returning calls; the list queries throw store::StoreError
/// on I/O failure (caught at the app/CLI boundary).
class Session
{
public:
    /// Creates a new, empty project file. Errors: Conflict (file exists), Io.
    [[nodiscard]] static Result<std::unique_ptr<Session>> create(const std::filesystem::path& path,
                                                                 SessionOptions options = {});
    /// Opens a project only to read it (store::ProjectStore::open_to_read_shared: the live file,
    /// not verified as a whole and never written; every write refuses with Io), as a command
    /// that changes nothing does. A file of an older schema version is opened with open()
    /// instead, which verifies and migrates it. Errors: those of open().
    [[nodiscard]] static Result<std::unique_ptr<Session>>
    open_to_read(const std::filesystem::path& path, SessionOptions options = {});
    /// Another session reading this one's file through a connection of its own
    /// (open_to_read_shared), for a second thread while this one reads on: a Session is used by
    /// one thread at a time. Null when this session reads a copy in memory (the file's place is
    /// read-only and no program had it open: a second copy would read the whole file again) or
    /// the file cannot be opened so; the caller then reads through this session.
    std::unique_ptr<Session> reader_beside() const;
    /// Opens an existing project, migrating older files after a backup copy. Errors: NotFound,
    /// StoreCorrupt (integrity), VersionTooNew, Unsupported (not an Attune file), StoreBusy, Io.
    [[nodiscard]] static Result<std::unique_ptr<Session>> open(const std::filesystem::path& path,
                                                               SessionOptions options = {});
    ~Session();
    Session(const Session&) = delete;
    Session& operator=(const Session&) = delete;

    const std::filesystem::path& path() const;
    /// Where the pre-migration backup went, if opening migrated the file.
    std::optional<std::filesystem::path> migration_backup() const;

    /// True when the project was opened read-only because its place is: the file, its folder
    /// or its file system is not writable by this user (or a -wal/-shm left beside it is not).
    /// Every query works; apply/undo/redo refuse with Io "the project is read-only (REASON);
    /// nothing was changed", and the automatic backup is not written. Opening never creates
    /// files beside a read-only project. A project that needs a schema migration is not opened
    /// read-only (open() refuses with Io).
    bool read_only() const;
    /// Why the project is read-only, e.g. "the file is read-only", "its folder is read-only",
    /// "it is on a read-only file system"; "" when it is writable.
    std::string read_only_reason() const;

    // ---- commands
    /// Runs a command in one transaction. Errors as documented per command, plus StoreBusy
    /// ("project is in use by another process") and Io.
    [[nodiscard]] Result<Outcome> apply(const Command& command);
    /// Runs several coding commands as one: one transaction, one group of audit entries (a
    /// "batch" entry naming `label` and the count, then each command's), one notification and
    /// one undo step labelled `label` (e.g. "Accept 12 passages of ben"), which undoes and
    /// redoes them all. All or nothing: when command k fails, none of the batch is stored and
    /// the error is command k's, its message saying which command it was. Only undoable commands
    /// may be batched (Annotate, ChangeSpan, ChangeCode, DeleteAnnotation, SetMemo, Rate,
    /// ClearRating, Classify, ClearClassification, RecordDecision): the others (AddCoder,
    /// AddTranscript, AddScheme, EditTranscript, RemoveTranscript) are refused with InvalidArgument
    /// before anything runs, since one undo step could not take back all of the batch. An empty
    /// batch does nothing. An empty `label` becomes "N changes".
    [[nodiscard]] Result<Outcome> apply(const std::vector<Command>& commands, std::string label);
    [[nodiscard]] Result<Change> undo();
    [[nodiscard]] Result<Change> redo();
    bool can_undo() const;
    bool can_redo() const;
    /// Menu labels such as "Undo Annotate E1"; empty when nothing to undo/redo.
    std::string undo_label() const;
    std::string redo_label() const;

    /// Undo histories are kept per owner, the coder the workbench works as: switching coder
    /// starts (or returns to) that coder's own history, so nobody undoes another's work. The
    /// default owner is "" (one history), which is what the CLI and tests use.
    void set_history_owner(const std::string& owner);
    const std::string& history_owner() const;

    /// Looks whether another connection (another process, the CLI, another window) committed
    /// since this session last wrote or looked (SQLite's PRAGMA data_version; for a read-only
    /// project read from a snapshot, whether the file changed since, in which case the project
    /// is read again). If so, tells
    /// every subscriber that all kinds of data may have changed (label "changed by another
    /// program") and returns true. Cheap: no file access beyond the shared-memory index.
    /// Undo and redo never overwrite such a change: they refuse with Conflict when a row is not
    /// what the step left, and clear the history.
    [[nodiscard]] Result<bool> refresh_if_changed_elsewhere();

    /// Registers a callback run after each change; returns a token for unsubscribe().
    int subscribe(std::function<void(const Changed&)> callback);
    void unsubscribe(int token);

    /// Records in the audit log that `coder` (by name) left blind mode and saw other coders'
    /// work: action "unblind", entity "coder N", after {"coder", "role", "reveals", "reason"}
    /// (`reveals` says what was shown, e.g. "ben's passages, ratings and classification of
    /// P01"). Its own transaction; not undoable (what was seen stays seen) and no change
    /// notification (no coding changed). A coder of whom may_see_others holds is recorded
    /// too when asked (the workbench does not ask). Errors: NotFound (coder), Io (read-only
    /// project: the unblinding could not be recorded, so it must not happen), StoreBusy.
    [[nodiscard]] Result<AuditEntry>
    record_unblind(const std::string& coder, const std::string& reveals, const std::string& reason);

    // ---- derived results (kept in the file, keyed by the records' revision)
    /// The records' revision: raised by every change to a record, by any program
    /// (store::ProjectStore::revision). Throws store::StoreError on I/O failure.
    std::int64_t revision();
    /// The value kept under `key` when it was computed at the current revision; nullopt when
    /// none was kept or a record changed since. Throws store::StoreError on I/O failure.
    std::optional<std::string> current_derived(const std::string& key);
    /// Keeps each value under its key, (key, value), as computed at `revision` (which the
    /// caller read before reading what it computed from, so a change meanwhile leaves the value
    /// outdated, never wrong); the eight most recently kept keys stay. One transaction for all
    /// (one write to disk); no audit entry, no undo step, no change notification: no record
    /// changes. Errors: Io (read-only project), StoreBusy.
    [[nodiscard]] Result<void>
    keep_derived(const std::vector<std::pair<std::string, std::string>>& values,
                 std::int64_t revision);

    // ---- queries
    std::vector<TranscriptSummary> transcripts();
    /// The transcripts without their coders: what transcripts() lists, one query instead of one
    /// per transcript.
    std::vector<Transcript> transcript_list();
    [[nodiscard]] Result<Transcript> transcript(TranscriptId id);
    /// The stored text. Errors: NotFound. Throws store::StoreError (StoreCorrupt) when the text
    /// no longer matches the SHA-256 stored with it: a damaged file, which integrity_check misses.
    [[nodiscard]] Result<std::string> text(TranscriptId id);
    /// Resolves how the CLI names a transcript: a numeric id, else a participant id that names
    /// exactly one transcript (the newest version wins when it names a chain of versions).
    /// Errors: NotFound, Conflict (ambiguous participant).
    [[nodiscard]] Result<TranscriptId> resolve_transcript(const std::string& name);
    /// Transcripts whose stored text is exactly `text` (compared by SHA-256), oldest first:
    /// what AddTranscript refuses as a duplicate unless told otherwise.
    std::vector<Transcript> transcripts_with_text(const std::string& text);

    /// The project's own uuid (a copy of the file is the same project and has the same one):
    /// what an export names the project by.
    std::string project_uuid();

    std::vector<Coder> coders();
    /// Errors: NotFound (coders are never created implicitly).
    [[nodiscard]] Result<Coder> coder(const std::string& name);

    /// All stored scheme versions, grouped by scheme id.
    std::vector<SchemeInfo> schemes();
    /// The parsed latest version of a scheme. Errors: NotFound.
    [[nodiscard]] Result<std::shared_ptr<const scheme::Scheme>>
    scheme(const std::string& scheme_id);
    /// The scheme that defines a code / scale / classification category, when exactly one stored
    /// scheme does. Errors: NotFound, Conflict (several schemes define it: name one).
    [[nodiscard]] Result<std::string> scheme_for_code(const std::string& code);
    [[nodiscard]] Result<std::string> scheme_for_scale(const std::string& scale);
    [[nodiscard]] Result<std::string> scheme_for_category(const std::string& category);

    /// Annotations ordered by transcript and start; unset filters match all.
    std::vector<Annotation> annotations(std::optional<TranscriptId> transcript = std::nullopt,
                                        std::optional<CoderId> coder = std::nullopt);
    [[nodiscard]] Result<Annotation> annotation(const std::string& uuid);
    /// Every annotation's place, in annotations()' order (or by transcript only, see
    /// store::SpanOrder), without copying (store::SpanRow: its strings are valid during the call
    /// only). For analyses of a whole project.
    void for_each_span(const std::function<void(const store::SpanRow&)>& fn,
                       store::SpanOrder order = store::SpanOrder::Place);
    /// Every scale score's ids, names and value, without copying (store::RatingValueRow: its
    /// strings are valid during the call only), in no particular order. For analyses.
    void for_each_rating_value(const std::function<void(const store::RatingValueRow&)>& fn);
    std::vector<Rating> ratings(std::optional<TranscriptId> transcript = std::nullopt,
                                std::optional<CoderId> coder = std::nullopt);
    std::vector<Classification>
    classifications(std::optional<TranscriptId> transcript = std::nullopt,
                    std::optional<CoderId> coder = std::nullopt);
    /// A stored classification as a coder states it: a subcategory that refines the forced
    /// alternative (stored as alternative Ds + subcategory Ds1) becomes the alternative (Ds1), so
    /// the record reads as given and can be sent back to Classify unchanged. Records of a scheme
    /// that cannot be loaded are returned as stored.
    Classification as_stated(Classification stored);
    std::vector<CoderProgress> progress();
    std::vector<AuditEntry> audit_log(std::int64_t limit = -1);
    /// The audit entries of one action ("merge package", ...), oldest first.
    std::vector<AuditEntry> audit_log_of(const std::string& action);

    /// The consensus coder (role "consensus"), if the project has one.
    std::optional<Coder> consensus_coder();
    /// Recorded consensus decisions (on `transcript` only, when given), oldest first.
    std::vector<ConsensusDecision>
    consensus_decisions(std::optional<TranscriptId> transcript = std::nullopt);

    /// Full-text search over all transcripts' lines. Errors: InvalidArgument (bad query syntax).
    [[nodiscard]] Result<std::vector<SearchHit>> search(const std::string& query);
    /// Writes a consistent copy of the whole project (everything committed so far, the WAL's
    /// latest work included) to `target` with SQLite's online backup API: what to use instead
    /// of copying the .attune file while a program has it open, which can miss the newest work.
    /// The copy is written under a temporary name and renamed when complete, so a killed copy
    /// never leaves a partial file under the target's name. Errors: Conflict (target exists,
    /// or is this project), Io.
    /// With `replace`, an existing target is replaced (atomically, by the rename): used for
    /// the workbench's automatic backup, which a read-only project refuses (Io): nothing is
    /// written beside a read-only project.
    [[nodiscard]] Result<void> save_copy(const std::filesystem::path& target, bool replace = false);

    /// Full integrity check plus the orphan report.
    [[nodiscard]] Result<CheckReport> check();

    struct Impl;

private:
    friend class SessionAccess; // core/project/session_access.h
    explicit Session(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> m_impl;
};

/// The automatic copy the workbench keeps of a project ("study.attune" → "study.attune.backup"),
/// refreshed each time the project opens cleanly, so a file damaged later has a good copy.
std::filesystem::path automatic_backup_path(const std::filesystem::path& project);

/// A copy of a project that Attune wrote and that opens cleanly (integrity verified).
struct Backup
{
    std::filesystem::path path;
    std::filesystem::file_time_type written;
};
/// The copies of `project` that Attune wrote next to it (the automatic backup, migration
/// backups "study.attune.vN.bak*"), each verified by opening it, newest first; empty when none.
std::vector<Backup> good_backups(const std::filesystem::path& project);

/// Splits text into its display lines (at '\n', numbered from 1): the line numbering used by
/// `attune-cli show`, search hits and the workbench. Returns each line's [start, end) in code
/// points (the '\n' excluded).
std::vector<std::pair<std::int64_t, std::int64_t>> line_spans(const std::string& text);

} // namespace attune::project
