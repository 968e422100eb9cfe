// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/store/schema.h"

#include "core/store/line_index.h"

#include <sqlite3.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <string>
#include <string_view>
#include <utility>
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

// SQL that is true when `expr` is a well-formed stored uuid (the same rule as is_uuid()).
std::string uuid_ok(const std::string& expr)
{
    return "(length(" + expr + ") = 36 AND " + expr + " NOT GLOB '*[^0-9a-f-]*' AND substr(" +
           expr + ", 9, 1) || substr(" + expr + ", 14, 1) || substr(" + expr +
           ", 19, 1) || substr(" + expr + ", 24, 1) = '----' AND length(replace(" + expr +
           ", '-', '')) = 32)";
}

// The uuid column every v3 table has.
std::string uuid_column()
{
    return "    uuid           TEXT NOT NULL UNIQUE CHECK " + uuid_ok("uuid") + ",\n";
}

// The scheme version a version-2 record of table `t` was made under, at migration time: of the
// stored versions of its scheme id, the newest one added at or before the record was last
// changed (`modified`) -- the version the session checked it against then, since it always
// checks against the newest stored one; when every version is newer than the record (clocks
// of different machines), the newest version; NULL when the project holds none.
std::string made_under(const std::string& t)
{
    const std::string same =
        "SELECT s.version FROM schemes s WHERE s.scheme_id = " + t + ".scheme_id";
    return "coalesce((" + same + " AND s.added <= " + t +
           ".modified ORDER BY s.id DESC LIMIT 1), (" + same + " ORDER BY s.id DESC LIMIT 1))";
}

// 2 → 3: identities. SQLite cannot add a UNIQUE or CHECKed NOT NULL column to a table, so each
// table is rebuilt (SQLite's "12-step" procedure, inside the caller's transaction with foreign
// keys off) with its v2 columns first and the same row ids, keeping every reference valid;
// attune_uuid() is new_uuid() registered for the migration's connection. Annotations keep
// their uuids (lower-cased; one not of the stored form -- no Attune wrote such -- gets a new one).
const std::string& migrate_v2_to_v3_sql()
{
    static const std::string sql = []
    {
        const std::string id = uuid_column();
        std::string q;
        q += "CREATE TABLE project (\n"
             "    id             INTEGER PRIMARY KEY CHECK (id = 1),\n" +
             id.substr(0, id.size() - 2) + "\n" +
             ");\n"
             "CREATE TABLE coders_v3 (\n"
             "    id             INTEGER PRIMARY KEY,\n"
             "    name           TEXT NOT NULL UNIQUE CHECK (length(trim(name)) > 0),\n"
             "    created        TEXT NOT NULL,\n" +
             id +
             "    role           TEXT NOT NULL DEFAULT 'coder'\n"
             "                   CHECK (role IN ('coder', 'master', 'consensus'))\n"
             ");\n"
             "CREATE TABLE transcripts_v3 (\n"
             "    id             INTEGER PRIMARY KEY,\n"
             "    title          TEXT NOT NULL,\n"
             "    participant    TEXT,\n"
             "    interview_date TEXT,\n"
             "    interviewer    TEXT,\n"
             "    language       TEXT,\n"
             "    metadata       TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(metadata)),\n"
             "    source_name    TEXT,\n"
             "    encoding       TEXT,\n"
             "    text           TEXT NOT NULL,\n"
             "    sha256         TEXT NOT NULL,\n"
             "    word_count     INTEGER NOT NULL DEFAULT 0,\n"
             "    turn_count     INTEGER NOT NULL DEFAULT 0,\n"
             "    line_count     INTEGER NOT NULL DEFAULT 0,\n"
             "    version        INTEGER NOT NULL DEFAULT 1,\n"
             "    supersedes     INTEGER REFERENCES transcripts(id),\n"
             "    created        TEXT NOT NULL,\n" +
             id +
             "    supersedes_uuid TEXT REFERENCES transcripts(uuid),\n"
             "    CHECK ((supersedes IS NULL) = (supersedes_uuid IS NULL))\n"
             ");\n"
             "CREATE TABLE schemes_v3 (\n"
             "    id             INTEGER PRIMARY KEY,\n"
             "    scheme_id      TEXT NOT NULL,\n"
             "    version        TEXT NOT NULL,\n"
             "    name           TEXT NOT NULL DEFAULT '',\n"
             "    xml            TEXT NOT NULL,\n"
             "    sha256         TEXT NOT NULL,\n"
             "    added          TEXT NOT NULL,\n" +
             id +
             "    UNIQUE (scheme_id, version)\n"
             ");\n"
             "CREATE TABLE annotations_v3 (\n"
             "    id             INTEGER PRIMARY KEY,\n" +
             id +
             "    transcript_id  INTEGER NOT NULL REFERENCES transcripts(id),\n"
             "    coder_id       INTEGER NOT NULL REFERENCES coders(id),\n"
             "    scheme_id      TEXT NOT NULL,\n"
             "    code           TEXT NOT NULL,\n"
             "    start_cp       INTEGER NOT NULL CHECK (start_cp >= 0),\n"
             "    end_cp         INTEGER NOT NULL CHECK (end_cp > start_cp),\n"
             "    memo           TEXT NOT NULL DEFAULT '',\n"
             "    created        TEXT NOT NULL,\n"
             "    modified       TEXT NOT NULL,\n"
             "    scheme_version TEXT,\n"
             "    FOREIGN KEY (scheme_id, scheme_version) REFERENCES schemes(scheme_id, version)\n"
             ");\n"
             "CREATE TABLE ratings_v3 (\n"
             "    id             INTEGER PRIMARY KEY,\n"
             "    transcript_id  INTEGER NOT NULL REFERENCES transcripts(id),\n"
             "    coder_id       INTEGER NOT NULL REFERENCES coders(id),\n"
             "    scheme_id      TEXT NOT NULL,\n"
             "    scale          TEXT NOT NULL,\n"
             "    target         TEXT NOT NULL DEFAULT '',\n"
             "    value          REAL,\n"
             "    not_scorable   INTEGER NOT NULL DEFAULT 0 CHECK (not_scorable IN (0, 1)),\n"
             "    note           TEXT NOT NULL DEFAULT '',\n"
             "    modified       TEXT NOT NULL,\n" +
             id +
             "    scheme_version TEXT,\n"
             "    UNIQUE (transcript_id, coder_id, scheme_id, scale, target),\n"
             "    CHECK ((value IS NULL) = (not_scorable = 1)),\n"
             "    FOREIGN KEY (scheme_id, scheme_version) REFERENCES schemes(scheme_id, version)\n"
             ");\n"
             "CREATE TABLE classifications_v3 (\n"
             "    id             INTEGER PRIMARY KEY,\n"
             "    transcript_id  INTEGER NOT NULL REFERENCES transcripts(id),\n"
             "    coder_id       INTEGER NOT NULL REFERENCES coders(id),\n"
             "    scheme_id      TEXT NOT NULL,\n"
             "    category       TEXT NOT NULL,\n"
             "    subcategory    TEXT,\n"
             "    unresolved     TEXT,\n"
             "    alternative    TEXT,\n"
             "    note           TEXT NOT NULL DEFAULT '',\n"
             "    modified       TEXT NOT NULL,\n" +
             id +
             "    scheme_version TEXT,\n"
             "    UNIQUE (transcript_id, coder_id, scheme_id),\n"
             "    FOREIGN KEY (scheme_id, scheme_version) REFERENCES schemes(scheme_id, version)\n"
             ");\n";
        // Copies: row ids kept, v2 columns verbatim, identities new.
        q += "INSERT INTO project(id, uuid) VALUES (1, attune_uuid());\n"
             "INSERT INTO coders_v3(id, name, created, uuid, role) "
             "SELECT id, name, created, attune_uuid(), 'coder' FROM coders ORDER BY id;\n"
             "INSERT INTO transcripts_v3(id, title, participant, interview_date, interviewer, "
             "language, metadata, source_name, encoding, text, sha256, word_count, turn_count, "
             "line_count, version, supersedes, created, uuid) "
             "SELECT id, title, participant, interview_date, interviewer, language, metadata, "
             "source_name, encoding, text, sha256, word_count, turn_count, line_count, version, "
             "NULL, created, attune_uuid() FROM transcripts ORDER BY id;\n"
             // The chain, by id and by uuid, once every transcript has its uuid.
             "UPDATE transcripts_v3 SET supersedes = old.supersedes, supersedes_uuid = prev.uuid "
             "FROM transcripts old JOIN transcripts_v3 prev ON prev.id = old.supersedes "
             "WHERE old.id = transcripts_v3.id;\n"
             "INSERT INTO schemes_v3(id, scheme_id, version, name, xml, sha256, added, uuid) "
             "SELECT id, scheme_id, version, name, xml, sha256, added, attune_uuid() "
             "FROM schemes ORDER BY id;\n"
             "INSERT INTO annotations_v3(id, uuid, transcript_id, coder_id, scheme_id, code, "
             "start_cp, end_cp, memo, created, modified, scheme_version) "
             "SELECT id, CASE WHEN " +
             uuid_ok("lower(uuid)") +
             " THEN lower(uuid) ELSE attune_uuid() END, transcript_id, coder_id, scheme_id, "
             "code, start_cp, end_cp, memo, created, modified, " +
             made_under("annotations") +
             " FROM annotations ORDER BY id;\n"
             "INSERT INTO ratings_v3(id, transcript_id, coder_id, scheme_id, scale, target, "
             "value, not_scorable, note, modified, uuid, scheme_version) "
             "SELECT id, transcript_id, coder_id, scheme_id, scale, target, value, not_scorable, "
             "note, modified, attune_uuid(), " +
             made_under("ratings") +
             " FROM ratings ORDER BY id;\n"
             "INSERT INTO classifications_v3(id, transcript_id, coder_id, scheme_id, category, "
             "subcategory, unresolved, alternative, note, modified, uuid, scheme_version) "
             "SELECT id, transcript_id, coder_id, scheme_id, category, subcategory, unresolved, "
             "alternative, note, modified, attune_uuid(), " +
             made_under("classifications") + " FROM classifications ORDER BY id;\n";
        // Old tables out (their indexes and trigger go with them), new ones under the old names;
        // other tables' references name the old names and so point at the new tables.
        for (const char* t :
             {"annotations", "ratings", "classifications", "schemes", "transcripts", "coders"})
            q += std::string("DROP TABLE ") + t + ";\n";
        for (const char* t :
             {"coders", "transcripts", "schemes", "annotations", "ratings", "classifications"})
            q += std::string("ALTER TABLE ") + t + "_v3 RENAME TO " + t + ";\n";
        q += "CREATE TRIGGER transcripts_text_is_immutable BEFORE UPDATE OF text, sha256 ON "
             "transcripts\n"
             "BEGIN\n"
             "    SELECT RAISE(ABORT, 'a transcript''s text never changes; import a new version "
             "instead');\n"
             "END;\n"
             "CREATE INDEX annotations_by_transcript ON annotations(transcript_id);\n"
             "CREATE INDEX annotations_by_transcript_coder ON annotations(transcript_id, "
             "coder_id, start_cp);\n";
        return q;
    }();
    return sql;
}

// 3 -> 4: team work. Assignments (who codes which transcript), tombstones (the uuids of
// deleted records, so a deletion travels in a merge), the package marker and the state of its
// records when it was made (a coder package is an ordinary project holding one `package` row),
// where a record's current state came from (`merged_from`: the uuid of the package it was last
// taken from; NULL once it is changed here), and consensus decisions. Only additions: no table
// is rebuilt.
const std::string& migrate_v3_to_v4_sql()
{
    static const std::string sql = []
    {
        const std::string kinds = "CHECK (kind IN ('annotation', 'rating', 'classification'))";
        std::string q;
        q += "CREATE TABLE assignments (\n"
             "    transcript_id  INTEGER NOT NULL REFERENCES transcripts(id),\n"
             "    coder_id       INTEGER NOT NULL REFERENCES coders(id),\n"
             "    reliability    INTEGER NOT NULL DEFAULT 0 CHECK (reliability IN (0, 1)),\n"
             "    assigned       TEXT NOT NULL,\n"
             "    PRIMARY KEY (transcript_id, coder_id)\n"
             ") WITHOUT ROWID;\n"
             "CREATE INDEX assignments_by_coder ON assignments(coder_id);\n"
             // No references: a tombstone outlives its record and must not keep a transcript
             // from being removed.
             "CREATE TABLE tombstones (\n"
             "    uuid           TEXT NOT NULL PRIMARY KEY CHECK " +
             uuid_ok("uuid") +
             ",\n"
             "    kind           TEXT NOT NULL " +
             kinds +
             ",\n"
             "    transcript_id  INTEGER NOT NULL,\n"
             "    coder_id       INTEGER NOT NULL,\n"
             "    deleted        TEXT NOT NULL,\n"
             "    merged_from    TEXT\n"
             ") WITHOUT ROWID;\n"
             "CREATE TABLE package (\n"
             "    id             INTEGER PRIMARY KEY CHECK (id = 1),\n"
             "    uuid           TEXT NOT NULL CHECK " +
             uuid_ok("uuid") +
             ",\n"
             "    coder_uuid     TEXT NOT NULL CHECK " +
             uuid_ok("coder_uuid") +
             ",\n"
             "    made           TEXT NOT NULL,\n"
             "    made_by        TEXT NOT NULL\n"
             ");\n"
             "CREATE TABLE package_base (\n"
             "    uuid           TEXT NOT NULL PRIMARY KEY,\n"
             "    kind           TEXT NOT NULL " +
             kinds +
             ",\n"
             "    modified       TEXT NOT NULL\n"
             ") WITHOUT ROWID;\n"
             "ALTER TABLE annotations ADD COLUMN merged_from TEXT;\n"
             "ALTER TABLE ratings ADD COLUMN merged_from TEXT;\n"
             "ALTER TABLE classifications ADD COLUMN merged_from TEXT;\n"
             "CREATE TABLE consensus_decisions (\n"
             "    id             INTEGER PRIMARY KEY,\n" +
             uuid_column() +
             "    transcript_id  INTEGER NOT NULL REFERENCES transcripts(id),\n"
             "    kind           TEXT NOT NULL CHECK (kind IN ('passage', 'rating', "
             "'classification')),\n"
             "    disagreement   TEXT NOT NULL,\n"
             "    decision       TEXT NOT NULL CHECK (decision IN ('accept-a', 'accept-b', "
             "'both', 'neither', 'edited')),\n"
             "    sources        TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(sources)),\n"
             "    results        TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(results)),\n"
             "    reason         TEXT NOT NULL DEFAULT '',\n"
             "    note           TEXT NOT NULL DEFAULT '',\n"
             "    decided_by     TEXT NOT NULL,\n"
             "    decided        TEXT NOT NULL\n"
             ");\n"
             "CREATE INDEX consensus_decisions_by_transcript ON "
             "consensus_decisions(transcript_id);\n";
        return q;
    }();
    return sql;
}

// 4 -> 5: results derived from the records, kept in the file so that a dashboard need not
// recompute them: `revision` counts every change to a table of records (a trigger per table and
// statement kind, so no write path can forget it, the sqlite3 shell included), and `derived`
// holds a value under a key together with the revision it was computed at. Only additions.
const std::string& migrate_v4_to_v5_sql()
{
    static const std::string sql = []
    {
        std::string q = "CREATE TABLE revision (\n"
                        "    id     INTEGER PRIMARY KEY CHECK (id = 1),\n"
                        "    value  INTEGER NOT NULL CHECK (value >= 0)\n"
                        ");\n"
                        "INSERT INTO revision(id, value) VALUES (1, 0);\n"
                        "CREATE TABLE derived (\n"
                        "    key       TEXT PRIMARY KEY,\n"
                        "    revision  INTEGER NOT NULL,\n"
                        "    made      TEXT NOT NULL,\n"
                        "    value     BLOB NOT NULL\n"
                        ");\n";
        for (const char* table : kRecordTables)
            for (const auto& [name, statement] :
                 {std::pair{"insert", "INSERT"}, {"update", "UPDATE"}, {"delete", "DELETE"}})
            {
                // An "unblind" entry records only that a coder saw others' work: no result
                // derived from the records changes, and the dashboard it opens stays current.
                const bool audit_insert =
                    std::string_view(table) == "audit_log" && std::string_view(name) == "insert";
                q += std::string("CREATE TRIGGER ") + table + "_" + name +
                     "_raises_revision AFTER " + statement + " ON " + table +
                     (audit_insert ? " WHEN NEW.action <> 'unblind'" : "") +
                     "\nBEGIN\n    UPDATE revision SET value = value + 1;\nEND;\n";
            }
        return q;
    }();
    return sql;
}

void sql_new_uuid(sqlite3_context* ctx, int, sqlite3_value**)
{
    try
    {
        const auto u = new_uuid();
        sqlite3_result_text(ctx, u.c_str(), static_cast<int>(u.size()), SQLITE_TRANSIENT);
    }
    catch (const StoreError& e)
    {
        sqlite3_result_error(ctx, e.what(), -1);
    }
}

void migrate_v2_to_v3(Database& db)
{
    // A function of this connection only: the stored schema never mentions it, so the file
    // stays usable from the sqlite3 shell.
    if (sqlite3_create_function_v2(db.handle(), "attune_uuid", 0, SQLITE_UTF8, nullptr,
                                   sql_new_uuid, nullptr, nullptr, nullptr) != SQLITE_OK)
        throw StoreError(sqlite3_extended_errcode(db.handle()), "cannot register attune_uuid");
    db.exec(migrate_v2_to_v3_sql());
    sqlite3_create_function_v2(db.handle(), "attune_uuid", 0, SQLITE_UTF8, nullptr, nullptr,
                               nullptr, nullptr, nullptr);
    // Foreign keys are off while tables are rebuilt; the copies must not have broken one.
    Statement fk(db, "PRAGMA foreign_key_check");
    if (fk.step())
        throw StoreError(SQLITE_CONSTRAINT_FOREIGNKEY,
                         "migration to schema version 3 would break a reference (table " +
                             fk.get_text(0) + " row " + std::to_string(fk.get_int(1)) + ")");
}

// Rebuilding tables needs foreign keys off, and SQLite ignores that pragma inside a
// transaction, so it is switched before the transaction begins and back on when it ends.
class ForeignKeysOff
{
public:
    explicit ForeignKeysOff(Database& db) : m_db(db) { m_db.exec("PRAGMA foreign_keys = OFF"); }
    ForeignKeysOff(const ForeignKeysOff&) = delete;
    ForeignKeysOff& operator=(const ForeignKeysOff&) = delete;
    ~ForeignKeysOff()
    {
        sqlite3_exec(m_db.handle(), "PRAGMA foreign_keys = ON", nullptr, nullptr, nullptr);
    }

private:
    Database& m_db;
};

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
        case 2: migrate_v2_to_v3(db); break;
        case 3: db.exec(migrate_v3_to_v4_sql()); break;
        case 4: db.exec(migrate_v4_to_v5_sql()); break;
        default: ATTUNE_ASSERT(false && "missing migration step");
        }
        set_user_version(db, v + 1);
    }
}

// The lines of a quick_check or integrity_check other than its lone "ok".
std::vector<std::string> check_problems(Database& db, const char* pragma)
{
    std::vector<std::string> problems;
    Statement s(db, pragma);
    while (s.step())
    {
        auto line = s.get_text(0);
        if (line != "ok")
            problems.push_back(std::move(line));
    }
    return problems;
}

} // namespace

const char* schema_v1_sql()
{
    return kSchemaV1;
}

std::string new_uuid()
{
    unsigned char b[16];
    if (getentropy(b, sizeof b) != 0)
        throw StoreError(SQLITE_IOERR,
                         std::string("no randomness for a uuid: ") + std::strerror(errno));
    b[6] = static_cast<unsigned char>((b[6] & 0x0f) | 0x40); // version 4
    b[8] = static_cast<unsigned char>((b[8] & 0x3f) | 0x80); // RFC variant
    static constexpr char kHex[] = "0123456789abcdef";
    std::string out;
    out.reserve(36);
    for (int i = 0; i < 16; ++i)
    {
        if (i == 4 || i == 6 || i == 8 || i == 10)
            out += '-';
        out += kHex[b[i] >> 4];
        out += kHex[b[i] & 0xf];
    }
    return out;
}

bool is_uuid(std::string_view s)
{
    if (s.size() != 36)
        return false;
    for (std::size_t i = 0; i < s.size(); ++i)
    {
        const char c = s[i];
        const bool dash = i == 8 || i == 13 || i == 18 || i == 23;
        if (dash ? c != '-' : !((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f')))
            return false;
    }
    return true;
}

Result<void> create_schema(Database& db)
{
    // WAL must be chosen outside a transaction; it is persistent in the file.
    db.exec("PRAGMA journal_mode = WAL");
    ForeignKeysOff fk_off(db);
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
        ForeignKeysOff fk_off(db);
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
    // The structure only: every page, cell and record is read and every NOT NULL column
    // checked, but no CHECK constraint is evaluated (on the 1,000-transcript benchmark project
    // they are 1.4 s of the 1.8 s, almost all in the uuid GLOBs). Writes stay checked: the
    // setting is the connection's, so it is put back before anything else runs on it.
    struct ChecksBack
    {
        Database& db;
        // A pragma that sets a flag cannot fail short of memory, when the process ends
        // (destructors are noexcept) rather than go on writing unchecked.
        ~ChecksBack() { db.exec("PRAGMA ignore_check_constraints = OFF"); }
    };
    db.exec("PRAGMA ignore_check_constraints = ON");
    const ChecksBack back{db};
    return check_problems(db, "PRAGMA quick_check");
}

std::vector<std::string> integrity_problems(Database& db)
{
    auto problems = check_problems(db, "PRAGMA integrity_check");
    Statement fk(db, "PRAGMA foreign_key_check");
    while (fk.step())
        problems.push_back("foreign key violation in table " + fk.get_text(0) + " row " +
                           std::to_string(fk.get_int(1)));
    return problems;
}

} // namespace attune::store
