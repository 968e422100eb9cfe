// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The tables of team work (schema version 4): assignments, tombstones, the package marker and
// base, and the annotations, ratings and classifications read and written uniformly, as a merge
// needs them. The rules (what a merge takes, what a package holds) live in core/team.

#include "core/store/database.h"
#include "core/store/ids.h"
#include "core/store/records.h"

#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <unordered_map>
#include <variant>
#include <vector>

namespace attune::store
{

// ---- assignments

struct AssignmentRecord
{
    TranscriptId transcript_id;
    CoderId coder_id;
    bool reliability = false;
    std::string assigned;
};

std::vector<AssignmentRecord> assignments(Database& db);
/// Replaces every assignment of `coder` with `rows` (whose coder_id must be `coder`).
void replace_assignments(Database& db, CoderId coder, const std::vector<AssignmentRecord>& rows);

// ---- records of any kind

enum class RecordKind
{
    Annotation,
    Rating,
    Classification
};

/// "annotation", "rating", "classification" (the word tombstones store).
const char* record_kind_name(RecordKind kind);
std::optional<RecordKind> record_kind_from_name(std::string_view name);

/// A stored value as SQLite holds it.
using SqlValue = std::variant<std::monostate, std::int64_t, double, std::string>;

/// One annotation, rating or classification with its columns as stored, in the order of
/// record_value_columns(kind) after the four every kind has.
struct AnyRecord
{
    std::string uuid;
    std::int64_t transcript_id = 0;
    std::int64_t coder_id = 0;
    std::string modified;
    std::vector<SqlValue> values;
    std::optional<std::string> merged_from; ///< the package it was last taken from
};

/// The value columns of a kind: annotation scheme_id, code, start_cp, end_cp, memo, created,
/// scheme_version; rating scheme_id, scale, target, value, not_scorable, note, scheme_version;
/// classification scheme_id, category, subcategory, unresolved, alternative, note,
/// scheme_version.
const std::vector<std::string>& record_value_columns(RecordKind kind);

/// Whether a record of `kind` with this uuid exists (of any coder).
bool record_exists(Database& db, RecordKind kind, const std::string& uuid);

/// Calls `f` with every record of `kind` (of `coder` only, when given), by transcript and uuid.
/// Reads the columns by name, so it works on any file whose tables have them.
void for_each_record(Database& db, RecordKind kind, std::optional<std::int64_t> coder,
                     const std::function<void(AnyRecord&&)>& f);

/// Stores a record exactly as given (an empty scheme_version is stored as NULL), marked as
/// taken from `merged_from`: inserted when `exists` is false, else the row with its uuid
/// replaced; with `lift_tombstone`, a tombstone of its uuid is removed. Returns false, writing
/// nothing, when an insert would give the table a second row of the same uuid (or rating or
/// classification key), which belongs to another record. Prepared statements per kind, reused.
class RecordWriter
{
public:
    explicit RecordWriter(Database& db) : m_db(db) {}
    [[nodiscard]] bool put(RecordKind kind, const AnyRecord& record, const std::string& merged_from,
                           bool exists, bool lift_tombstone);

private:
    Statement& prepared(RecordKind kind, bool exists);
    Database& m_db;
    std::unique_ptr<Statement> m_insert[3];
    std::unique_ptr<Statement> m_update[3];
};

/// A larger page cache for the life of the object (a bulk write that would otherwise spill
/// pages to the WAL before it commits); the previous size is restored after.
class LargeCache
{
public:
    LargeCache(Database& db, int mebibytes);
    LargeCache(const LargeCache&) = delete;
    LargeCache& operator=(const LargeCache&) = delete;
    ~LargeCache();

private:
    Database& m_db;
    std::int64_t m_previous;
};

// ---- tombstones

struct TombstoneRecord
{
    std::string uuid;
    std::string kind; ///< as stored (a package may hold anything)
    std::int64_t transcript_id = 0;
    std::int64_t coder_id = 0;
    std::string deleted;
    std::optional<std::string> merged_from;
};

/// Every tombstone (of `coder` only, when given), by kind and uuid.
std::vector<TombstoneRecord> tombstones(Database& db, std::optional<std::int64_t> coder);
/// Deletes the record `uuid` of `kind`, leaving a tombstone with `deleted` and `merged_from`.
void delete_record(Database& db, RecordKind kind, const std::string& uuid,
                   std::int64_t transcript_id, std::int64_t coder_id, const std::string& deleted,
                   const std::optional<std::string>& merged_from);

// ---- packages

/// The row that makes a project file a coder's package.
struct PackageMarker
{
    std::string uuid;
    std::string coder_uuid;
    std::string made;
    std::string made_by;
};

/// The marker, when the file is a package. Throws StoreError (SQLITE_CORRUPT) when the table
/// holds more than one row.
std::optional<PackageMarker> package_marker(Database& db);
bool is_package(Database& db);
/// The package's base: the `modified` of each record when the package was made, by uuid.
std::unordered_map<std::string, std::string> package_base(Database& db);

/// What copy_into_package put into the package.
struct PackageCounts
{
    std::int64_t transcripts = 0;
    std::int64_t annotations = 0;
    std::int64_t ratings = 0;
    std::int64_t classifications = 0;
};

/// Fills the empty project file `package` (created by ProjectStore::create and closed) from the
/// project open on `project`, in one transaction of the package: the project's uuid, `coder`
/// alone, every scheme version, `transcripts` (with their search index, without version
/// chains), the coder's annotations, ratings, classifications and assignments on them, the
/// base (each record's `modified`), `marker`, and `audit` as its only audit entry.
PackageCounts copy_into_package(Database& project, const std::filesystem::path& package,
                                CoderId coder, const std::vector<TranscriptId>& transcripts,
                                const PackageMarker& marker, const AuditRecord& audit);

} // namespace attune::store
