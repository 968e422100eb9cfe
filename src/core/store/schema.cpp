// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/store/schema.h"

#include "core/store/line_index.h"

#include <string>
#include <vector>

namespace attune::store
{

namespace
{

// Version 1, as released. Never edit: old files were written with exactly this; change the
// schema only by adding a migration step below.
constexpr const char* kSchemaV1 = R"SQL(
CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
CREATE TABLE coders (
    id      INTEGER PRIMARY KEY,
    name    TEXT NOT NULL UNIQUE CHECK (length(trim(name)) > 0),
    created TEXT NOT NULL
);
CREATE TABLE transcripts (
    id             INTEGER PRIMARY KEY,
    title          TEXT NOT NULL,
    participant    TEXT,
    interview_date TEXT,
    interviewer    TEXT,
    language       TEXT,
    metadata       TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(metadata)),
    source_name    TEXT,
    encoding       TEXT,
    text           TEXT NOT NULL,
    sha256         TEXT NOT NULL,
    word_count     INTEGER NOT NULL DEFAULT 0,
    turn_count     INTEGER NOT NULL DEFAULT 0,
    line_count     INTEGER NOT NULL DEFAULT 0,
    version        INTEGER NOT NULL DEFAULT 1,
    supersedes     INTEGER REFERENCES transcripts(id),
    created        TEXT NOT NULL
);
CREATE TRIGGER transcripts_text_is_immutable BEFORE UPDATE OF text, sha256 ON transcripts
BEGIN
    SELECT RAISE(ABORT, 'a transcript''s text never changes; import a new version instead');
END;
CREATE TABLE schemes (
    id        INTEGER PRIMARY KEY,
    scheme_id TEXT NOT NULL,
    version   TEXT NOT NULL,
    name      TEXT NOT NULL DEFAULT '',
    xml       TEXT NOT NULL,
    sha256    TEXT NOT NULL,
    added     TEXT NOT NULL,
    UNIQUE (scheme_id, version)
);
CREATE TABLE annotations (
    id            INTEGER PRIMARY KEY,
    uuid          TEXT NOT NULL UNIQUE,
    transcript_id INTEGER NOT NULL REFERENCES transcripts(id),
    coder_id      INTEGER NOT NULL REFERENCES coders(id),
    scheme_id     TEXT NOT NULL,
    code          TEXT NOT NULL,
    start_cp      INTEGER NOT NULL CHECK (start_cp >= 0),
    end_cp        INTEGER NOT NULL CHECK (end_cp > start_cp),
    memo          TEXT NOT NULL DEFAULT '',
    created       TEXT NOT NULL,
    modified      TEXT NOT NULL
);
CREATE TABLE ratings (
    id            INTEGER PRIMARY KEY,
    transcript_id INTEGER NOT NULL REFERENCES transcripts(id),
    coder_id      INTEGER NOT NULL REFERENCES coders(id),
    scheme_id     TEXT NOT NULL,
    scale         TEXT NOT NULL,
    target        TEXT NOT NULL DEFAULT '',
    value         REAL,
    not_scorable  INTEGER NOT NULL DEFAULT 0 CHECK (not_scorable IN (0, 1)),
    note          TEXT NOT NULL DEFAULT '',
    modified      TEXT NOT NULL,
    UNIQUE (transcript_id, coder_id, scheme_id, scale, target),
    CHECK ((value IS NULL) = (not_scorable = 1))
);
CREATE TABLE classifications (
    id            INTEGER PRIMARY KEY,
    transcript_id INTEGER NOT NULL REFERENCES transcripts(id),
    coder_id      INTEGER NOT NULL REFERENCES coders(id),
    scheme_id     TEXT NOT NULL,
    category      TEXT NOT NULL,
    subcategory   TEXT,
    unresolved    TEXT,
    alternative   TEXT,
    note          TEXT NOT NULL DEFAULT '',
    modified      TEXT NOT NULL,
    UNIQUE (transcript_id, coder_id, scheme_id)
);
CREATE TABLE audit_log (
    id       INTEGER PRIMARY KEY,
    at       TEXT NOT NULL,
    who      TEXT NOT NULL,
    action   TEXT NOT NULL,
    entity   TEXT NOT NULL,
    before   TEXT CHECK (before IS NULL OR json_valid(before)),
    after    TEXT CHECK (after IS NULL OR json_valid(after))
);
CREATE INDEX annotations_by_transcript ON annotations(transcript_id);
)SQL";

// 1 → 2: full-text search over transcript lines (FTS5, accent-insensitive) and an index for the
// hot query "annotations of one transcript by one coder".
constexpr const char* kMigrateV1ToV2 = R"SQL(
CREATE VIRTUAL TABLE line_fts USING fts5(
    text, transcript_id UNINDEXED, line UNINDEXED,
    tokenize = 'unicode61 remove_diacritics 2');
CREATE INDEX annotations_by_transcript_coder ON annotations(transcript_id, coder_id, start_cp);
)SQL";

void set_user_version(Database& db, int v)
{
    db.exec("PRAGMA user_version = " + std::to_string(v));
}

void populate_line_fts(Database& db)
{
    Statement all(db, "SELECT id, text FROM transcripts");
    while (all.step())
        index_lines(db, all.get_int(0), all.get_text(1));
}

// Runs the steps from `from` to kSchemaVersion inside the caller's transaction.
void migrate(Database& db, int from)
{
    for (int v = from; v < kSchemaVersion; ++v)
    {
        switch (v)
        {
        case 1:
            db.exec(kMigrateV1ToV2);
            populate_line_fts(db);
            break;
        default: ATTUNE_ASSERT(false && "missing migration step");
        }
        set_user_version(db, v + 1);
    }
}

} // namespace

const char* schema_v1_sql()
{
    return kSchemaV1;
}

Result<void> create_schema(Database& db)
{
    // WAL must be chosen outside a transaction; it is persistent in the file.
    db.exec("PRAGMA journal_mode = WAL");
    Transaction tx(db);
    // Two creators can both find the file missing and both open it; the write lock taken by
    // the transaction decides which one creates the tables, and the other backs off here.
    if (db.query_int("SELECT count(*) FROM sqlite_master") > 0 ||
        db.query_int("PRAGMA user_version") != 0)
        return make_error(ErrorCode::Conflict, "the file already exists; refusing to overwrite it",
                          SourceLocation{db.path().string()});
    db.exec("PRAGMA application_id = " + std::to_string(kApplicationId));
    db.exec(kSchemaV1);
    set_user_version(db, 1);
    migrate(db, 1);
    tx.commit();
    return {};
}

std::filesystem::path backup_path_for(const std::filesystem::path& project, int version)
{
    std::filesystem::path p = project;
    p += ".v" + std::to_string(version) + ".bak";
    for (int n = 2; std::filesystem::exists(p); ++n)
    {
        p = project;
        p += ".v" + std::to_string(version) + ".bak" + std::to_string(n);
    }
    return p;
}

Result<MigrationReport> prepare_existing(Database& db)
{
    const std::string where = db.path().string();
    try
    {
        const auto app_id = db.query_int("PRAGMA application_id");
        const auto version = static_cast<int>(db.query_int("PRAGMA user_version"));
        if (app_id != kApplicationId)
            return make_error(ErrorCode::Unsupported,
                              "not an Attune project (an SQLite file of another program)",
                              SourceLocation{where});
        if (version > kSchemaVersion)
            return make_error(ErrorCode::VersionTooNew,
                              "the project was written by a newer Attune (schema version " +
                                  std::to_string(version) + "; this build reads up to " +
                                  std::to_string(kSchemaVersion) + "); update Attune to open it",
                              SourceLocation{where});
        if (version < 1)
            return make_error(ErrorCode::StoreCorrupt, "the project has no schema version",
                              SourceLocation{where});
        // A damaged file is never opened as if it were fine: quick_check misses index damage
        // (an index that disagrees with its table, the classic result of lost locks), so the
        // whole file is verified, up to a size where that takes too long for every command.
        std::error_code size_ec;
        const auto size = std::filesystem::file_size(db.path(), size_ec);
        const bool full = size_ec || size <= kFullCheckLimitBytes;
        const auto problems = full ? integrity_problems(db) : quick_problems(db);
        if (!problems.empty())
            return make_error(
                ErrorCode::StoreCorrupt,
                std::string("the project file is damaged (") +
                    (full ? "integrity_check" : "quick_check") + ": " + problems.front() +
                    (problems.size() > 1
                         ? " and " + std::to_string(problems.size() - 1) + " more problem(s)"
                         : std::string()) +
                    "); it was not changed",
                SourceLocation{where});

        MigrationReport report{version, version, std::nullopt};
        // Older files may predate WAL; the mode is persistent, so this is a no-op normally.
        if (!db.read_only() && db.query_text("PRAGMA journal_mode") != "wal")
            db.exec("PRAGMA journal_mode = WAL");
        if (version == kSchemaVersion)
            return report;
        if (db.read_only())
            return make_error(ErrorCode::Io,
                              "the project was written by an older Attune (schema version " +
                                  std::to_string(version) +
                                  ") and must be updated before it can be opened, but it is "
                                  "read-only (" +
                                  db.read_only_reason() +
                                  "); nothing was changed: make it writable and open it again",
                              SourceLocation{where});

        // backup_to writes a temporary name and renames it when complete, so a process killed
        // half-way never leaves a partial file under the backup's name (which the next open
        // would take for a real backup and step around with ".bak2").
        const auto backup = backup_path_for(db.path(), version);
        if (auto b = db.backup_to(backup); !b)
            return b.error();
        report.backup = backup;
        Transaction tx(db);
        // Another process may have migrated between our check and the write lock.
        const auto now = static_cast<int>(db.query_int("PRAGMA user_version"));
        if (now < kSchemaVersion)
            migrate(db, now);
        tx.commit();
        report.to_version = kSchemaVersion;
        return report;
    }
    catch (const StoreError& e)
    {
        Error err = e.to_error();
        err.where = SourceLocation{where};
        return err;
    }
}

Result<void> verify_file(const std::filesystem::path& path)
{
    auto db = Database::open(path, OpenMode::ExistingOnly);
    if (!db)
        return db.error();
    try
    {
        if (db->query_int("PRAGMA application_id") != kApplicationId)
            return make_error(ErrorCode::Unsupported, "not an Attune project",
                              SourceLocation{path.string()});
        const auto problems = integrity_problems(*db);
        if (!problems.empty())
            return make_error(ErrorCode::StoreCorrupt, "damaged: " + problems.front(),
                              SourceLocation{path.string()});
    }
    catch (const StoreError& e)
    {
        Error err = e.to_error();
        err.where = SourceLocation{path.string()};
        return err;
    }
    return {};
}

std::vector<std::string> quick_problems(Database& db)
{
    std::vector<std::string> problems;
    Statement s(db, "PRAGMA quick_check");
    while (s.step())
    {
        auto line = s.get_text(0);
        if (line != "ok")
            problems.push_back(std::move(line));
    }
    return problems;
}

std::vector<std::string> integrity_problems(Database& db)
{
    std::vector<std::string> problems;
    Statement s(db, "PRAGMA integrity_check");
    while (s.step())
    {
        auto line = s.get_text(0);
        if (line != "ok")
            problems.push_back(std::move(line));
    }
    Statement fk(db, "PRAGMA foreign_key_check");
    while (fk.step())
        problems.push_back("foreign key violation in table " + fk.get_text(0) + " row " +
                           std::to_string(fk.get_int(1)));
    return problems;
}

} // namespace attune::store
