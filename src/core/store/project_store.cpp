// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/store/project_store.h"

#include "core/store/line_index.h"
#include "core/text/search.h"
#include "core/text/sha256.h"

#include <sqlite3.h>

#include <chrono>
#include <cstdio>
#include <ctime>
#include <thread>

namespace attune::store
{

namespace
{

// A uuid for a row that has none yet: the one place new identities are made (schema.cpp's
// new_uuid, from the OS generator).
std::string uuid_or_new(const std::string& uuid)
{
    return uuid.empty() ? new_uuid() : uuid;
}

// SQL for "the scheme version this record is made under": the one given (?N), else the newest
// stored version of its scheme id (?M) -- the version the project layer checked it against.
std::string version_or_latest(int given, int scheme_id)
{
    const auto g = std::to_string(given);
    return "coalesce(nullif(?" + g + ", ''), (SELECT version FROM schemes WHERE scheme_id = ?" +
           std::to_string(scheme_id) + " ORDER BY id DESC LIMIT 1))";
}

constexpr const char* kCoderColumns = "id, name, created, uuid, role";

CoderRecord read_coder(const Statement& s)
{
    return CoderRecord{s.get_id<CoderId>(0), s.get_text(1), s.get_text(2), s.get_text(3),
                       s.get_text(4)};
}

constexpr const char* kTranscriptColumns =
    "id, title, participant, interview_date, interviewer, language, metadata, source_name, "
    "encoding, sha256, word_count, turn_count, line_count, version, supersedes, created, uuid, "
    "supersedes_uuid";

TranscriptRecord read_transcript(const Statement& s)
{
    TranscriptRecord r;
    r.id = s.get_id<TranscriptId>(0);
    r.title = s.get_text(1);
    r.participant = s.get_optional_text(2);
    r.interview_date = s.get_optional_text(3);
    r.interviewer = s.get_optional_text(4);
    r.language = s.get_optional_text(5);
    r.metadata_json = s.get_text(6);
    r.source_name = s.get_optional_text(7);
    r.encoding = s.get_optional_text(8);
    r.sha256 = s.get_text(9);
    r.word_count = s.get_int(10);
    r.turn_count = s.get_int(11);
    r.line_count = s.get_int(12);
    r.version = s.get_int(13);
    if (const auto v = s.get_optional_int(14))
        r.supersedes = TranscriptId{*v};
    r.created = s.get_text(15);
    r.uuid = s.get_text(16);
    r.supersedes_uuid = s.get_optional_text(17);
    return r;
}

constexpr const char* kSchemeColumns = "id, scheme_id, version, name, sha256, added, uuid";

SchemeRecord read_scheme(const Statement& s)
{
    return SchemeRecord{s.get_int(0),  s.get_text(1), s.get_text(2), s.get_text(3),
                        s.get_text(4), s.get_text(5), s.get_text(6)};
}

constexpr const char* kAnnotationColumns =
    "id, uuid, transcript_id, coder_id, scheme_id, code, start_cp, end_cp, memo, created, "
    "modified, scheme_version";

AnnotationRecord read_annotation(const Statement& s)
{
    return AnnotationRecord{s.get_int(0),         s.get_text(1),  s.get_id<TranscriptId>(2),
                            s.get_id<CoderId>(3), s.get_text(4),  s.get_text(5),
                            s.get_int(6),         s.get_int(7),   s.get_text(8),
                            s.get_text(9),        s.get_text(10), s.get_text(11)};
}

constexpr const char* kRatingColumns = "id, transcript_id, coder_id, scheme_id, scale, target, "
                                       "value, not_scorable, note, modified, uuid, scheme_version";

RatingRecord read_rating(const Statement& s)
{
    return RatingRecord{s.get_int(0),
                        s.get_id<TranscriptId>(1),
                        s.get_id<CoderId>(2),
                        s.get_text(3),
                        s.get_text(4),
                        s.get_text(5),
                        s.get_optional_double(6),
                        s.get_int(7) != 0,
                        s.get_text(8),
                        s.get_text(9),
                        s.get_text(10),
                        s.get_text(11)};
}

constexpr const char* kClassificationColumns =
    "id, transcript_id, coder_id, scheme_id, category, subcategory, unresolved, alternative, "
    "note, modified, uuid, scheme_version";

ClassificationRecord read_classification(const Statement& s)
{
    return ClassificationRecord{s.get_int(0),           s.get_id<TranscriptId>(1),
                                s.get_id<CoderId>(2),   s.get_text(3),
                                s.get_text(4),          s.get_optional_text(5),
                                s.get_optional_text(6), s.get_optional_text(7),
                                s.get_text(8),          s.get_text(9),
                                s.get_text(10),         s.get_text(11)};
}

// Appends "WHERE ..." for the set fields of a filter; binds happen in the same order.
std::string where_clause(const RowFilter& f)
{
    std::string w;
    if (f.transcript_id)
        w += " WHERE transcript_id = ?";
    if (f.coder_id)
        w += w.empty() ? " WHERE coder_id = ?" : " AND coder_id = ?";
    return w;
}

void bind_filter(Statement& s, const RowFilter& f)
{
    int i = 1;
    if (f.transcript_id)
        s.bind(i++, *f.transcript_id);
    if (f.coder_id)
        s.bind(i++, *f.coder_id);
}

// Keeps the uuid of the rows of `table` matching `where` (bound from ?1 on by `bind`) as
// tombstones, so that a deletion travels in a merge; then deletes them.
template <class Bind>
void delete_with_tombstone(Database& db, const char* kind, const char* table, const char* where,
                           Bind bind)
{
    Statement t(db, std::string("INSERT OR REPLACE INTO tombstones(uuid, kind, transcript_id, "
                                "coder_id, deleted, merged_from) SELECT uuid, '") +
                        kind + "', transcript_id, coder_id, ?9, NULL FROM " + table + " WHERE " +
                        where);
    bind(t);
    t.bind(9, now_iso8601()).run();
    Statement d(db, std::string("DELETE FROM ") + table + " WHERE " + where);
    bind(d);
    d.run();
}

// A record stored again under `uuid` (a new record, or one restored by undo) is no longer
// deleted.
void lift_tombstone(Database& db, const std::string& uuid)
{
    Statement s(db, "DELETE FROM tombstones WHERE uuid = ?");
    s.bind(1, uuid).run();
}

} // namespace

std::string now_iso8601()
{
    const auto now = std::chrono::system_clock::now();
    const auto t = std::chrono::system_clock::to_time_t(now);
    const auto ms =
        std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count() %
        1000;
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buf[96];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900,
                  tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec,
                  static_cast<int>(ms));
    return buf;
}

Result<ProjectStore> ProjectStore::create(const std::filesystem::path& path, int busy_timeout_ms)
{
    auto db = Database::open(path, OpenMode::CreateNew, busy_timeout_ms);
    if (!db)
        return db.error();
    // Two creators of the same new file: switching an empty file to WAL answers SQLITE_BUSY at
    // once (SQLite does not wait there), so the loser retries briefly; once the winner has made
    // the tables, create_schema says Conflict, which is the one answer the loser should give.
    for (int attempt = 0;; ++attempt)
    {
        try
        {
            if (auto created = create_schema(*db); !created)
                return created.error();
            db->exec("PRAGMA synchronous = FULL");
            break;
        }
        catch (const StoreError& e)
        {
            if (e.busy() && attempt < 100)
            {
                std::this_thread::sleep_for(std::chrono::milliseconds(10));
                continue;
            }
            Error err = e.to_error();
            err.where = SourceLocation{path.string()};
            return err;
        }
    }
    return ProjectStore(std::move(*db), MigrationReport{kSchemaVersion, kSchemaVersion, {}});
}

Result<ProjectStore> ProjectStore::open_to_read(const std::filesystem::path& path)
{
    return open_reading(path, OpenMode::ReadOnly, 5000);
}

Result<ProjectStore> ProjectStore::open_to_read_shared(const std::filesystem::path& path,
                                                       int busy_timeout_ms)
{
    return open_reading(path, OpenMode::ReadShared, busy_timeout_ms);
}

Result<ProjectStore> ProjectStore::open_reading(const std::filesystem::path& path, OpenMode mode,
                                                int busy_timeout_ms)
{
    const SourceLocation at{path.string()};
    std::error_code ec;
    if (std::filesystem::is_regular_file(path, ec) && std::filesystem::file_size(path, ec) == 0 &&
        !ec)
        return make_error(ErrorCode::Unsupported,
                          "the file is empty (0 bytes): not an Attune project", at);
    auto db = Database::open(path, mode, busy_timeout_ms);
    if (!db)
        return db.error();
    try
    {
        db->exec("PRAGMA cell_size_check = ON");
        if (db->query_int("PRAGMA application_id") != kApplicationId)
            return make_error(ErrorCode::Unsupported,
                              "not an Attune project (an SQLite file of another program)", at);
        const auto version = static_cast<int>(db->query_int("PRAGMA user_version"));
        if (version > kSchemaVersion)
            return make_error(ErrorCode::VersionTooNew,
                              "the file was written by a newer Attune (schema version " +
                                  std::to_string(version) + "; this build reads up to " +
                                  std::to_string(kSchemaVersion) + "); update Attune to read it",
                              at);
        if (version < kSchemaVersion)
            return make_error(ErrorCode::Unsupported,
                              "the file has an older schema version (" + std::to_string(version) +
                                  ") than this build's (" + std::to_string(kSchemaVersion) +
                                  "); open it in Attune once to update it",
                              at);
    }
    catch (const StoreError& e)
    {
        Error err = e.to_error();
        err.where = at;
        return err;
    }
    return ProjectStore(std::move(*db), MigrationReport{kSchemaVersion, kSchemaVersion, {}});
}

Result<ProjectStore> ProjectStore::open(const std::filesystem::path& path, int busy_timeout_ms)
{
    // SQLite takes an empty file for an empty database (no application id: "another
    // program's"); it is neither, and it is left exactly as it is.
    std::error_code ec;
    if (std::filesystem::is_regular_file(path, ec) && std::filesystem::file_size(path, ec) == 0 &&
        !ec)
        return make_error(ErrorCode::Unsupported,
                          "the file is empty (0 bytes): not an Attune project",
                          SourceLocation{path.string()});
    auto db = Database::open(path, OpenMode::ExistingOnly, busy_timeout_ms);
    if (!db)
        return db.error();
    auto report = prepare_existing(*db);
    if (!report)
        return report.error();
    try
    {
        // FULL: an acknowledged action survives power loss, not just a process crash.
        db->exec("PRAGMA synchronous = FULL");
    }
    catch (const StoreError& e)
    {
        return e.to_error();
    }
    return ProjectStore(std::move(*db), *report);
}

std::string ProjectStore::project_uuid()
{
    return m_db.query_text("SELECT uuid FROM project WHERE id = 1");
}

std::vector<CoderRecord> ProjectStore::coders()
{
    std::vector<CoderRecord> out;
    Statement s(m_db, std::string("SELECT ") + kCoderColumns + " FROM coders ORDER BY name");
    while (s.step())
        out.push_back(read_coder(s));
    return out;
}

std::optional<CoderRecord> ProjectStore::coder_by_name(const std::string& name)
{
    Statement s(m_db, std::string("SELECT ") + kCoderColumns + " FROM coders WHERE name = ?");
    s.bind(1, name);
    if (!s.step())
        return std::nullopt;
    return read_coder(s);
}

std::optional<CoderRecord> ProjectStore::coder_by_id(CoderId id)
{
    Statement s(m_db, std::string("SELECT ") + kCoderColumns + " FROM coders WHERE id = ?");
    s.bind(1, id);
    if (!s.step())
        return std::nullopt;
    return read_coder(s);
}

std::optional<CoderRecord> ProjectStore::coder_by_uuid(const std::string& uuid)
{
    Statement s(m_db, std::string("SELECT ") + kCoderColumns + " FROM coders WHERE uuid = ?");
    s.bind(1, uuid);
    if (!s.step())
        return std::nullopt;
    return read_coder(s);
}

CoderId ProjectStore::insert_coder(const std::string& name, const std::string& created)
{
    return insert_coder(CoderRecord{CoderId{}, name, created});
}

CoderId ProjectStore::insert_coder(const CoderRecord& r)
{
    Statement s(m_db, "INSERT INTO coders(name, created, uuid, role) VALUES (?, ?, ?, ?)");
    s.bind(1, r.name).bind(2, r.created).bind(3, uuid_or_new(r.uuid)).bind(4, r.role).run();
    return CoderId{m_db.last_insert_rowid()};
}

void ProjectStore::set_coder_role(CoderId id, const std::string& role)
{
    Statement s(m_db, "UPDATE coders SET role = ? WHERE id = ?");
    s.bind(1, role).bind(2, id).run();
}

std::vector<TranscriptRecord> ProjectStore::transcripts()
{
    std::vector<TranscriptRecord> out;
    Statement s(m_db,
                std::string("SELECT ") + kTranscriptColumns + " FROM transcripts ORDER BY id");
    while (s.step())
        out.push_back(read_transcript(s));
    return out;
}

std::optional<TranscriptRecord> ProjectStore::transcript(TranscriptId id)
{
    Statement s(m_db,
                std::string("SELECT ") + kTranscriptColumns + " FROM transcripts WHERE id = ?");
    s.bind(1, id);
    if (!s.step())
        return std::nullopt;
    return read_transcript(s);
}

std::optional<TranscriptRecord> ProjectStore::transcript_by_uuid(const std::string& uuid)
{
    Statement s(m_db,
                std::string("SELECT ") + kTranscriptColumns + " FROM transcripts WHERE uuid = ?");
    s.bind(1, uuid);
    if (!s.step())
        return std::nullopt;
    return read_transcript(s);
}

std::optional<std::string> ProjectStore::transcript_text(TranscriptId id)
{
    Statement s(m_db, "SELECT text FROM transcripts WHERE id = ?");
    s.bind(1, id);
    if (!s.step())
        return std::nullopt;
    return s.get_text(0);
}

std::optional<std::string> ProjectStore::verified_transcript_text(TranscriptId id)
{
    Statement s(m_db, "SELECT text, sha256 FROM transcripts WHERE id = ?");
    s.bind(1, id);
    if (!s.step())
        return std::nullopt;
    auto text = s.get_text(0);
    // Readers rely on the text being what was imported (valid UTF-8 above all: TextIndex
    // asserts it), and the hash stored beside it is the one record of that.
    if (text::sha256_hex(text) != s.get_text(1))
        throw StoreError(SQLITE_CORRUPT,
                         "transcript " + std::to_string(id.value()) +
                             ": the stored text no longer matches its SHA-256; the project file "
                             "is damaged");
    return text;
}

std::vector<TranscriptRecord> ProjectStore::transcripts_by_participant(const std::string& p)
{
    std::vector<TranscriptRecord> out;
    Statement s(m_db, std::string("SELECT ") + kTranscriptColumns +
                          " FROM transcripts WHERE participant = ? ORDER BY id");
    s.bind(1, p);
    while (s.step())
        out.push_back(read_transcript(s));
    return out;
}

TranscriptId ProjectStore::insert_transcript(const TranscriptRecord& r, const std::string& text)
{
    // SQLite would give the id of a removed last transcript to the next one; the highest
    // removed id (a setting) keeps every id naming one text for good.
    Statement s(m_db, "INSERT INTO transcripts(title, participant, interview_date, interviewer, "
                      "language, metadata, source_name, encoding, text, sha256, word_count, "
                      "turn_count, line_count, version, supersedes, created, id, uuid, "
                      "supersedes_uuid) "
                      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, "
                      "coalesce(?15, (SELECT id FROM transcripts WHERE uuid = ?18)), ?16, "
                      "max(coalesce((SELECT max(id) FROM transcripts), 0), coalesce((SELECT "
                      "CAST(value AS INTEGER) FROM settings WHERE key = 'removed_transcript_id'"
                      "), 0)) + 1, ?17, "
                      // The chain by uuid follows the chain by id: a row id that names no
                      // transcript leaves it NULL, and the table's CHECK refuses the row.
                      "CASE WHEN ?15 IS NULL THEN ?18 "
                      "ELSE (SELECT uuid FROM transcripts WHERE id = ?15) END)");
    s.bind(1, r.title)
        .bind(2, r.participant)
        .bind(3, r.interview_date)
        .bind(4, r.interviewer)
        .bind(5, r.language)
        .bind(6, r.metadata_json)
        .bind(7, r.source_name)
        .bind(8, r.encoding)
        .bind(9, text)
        .bind(10, r.sha256)
        .bind(11, r.word_count)
        .bind(12, r.turn_count)
        .bind(13, r.line_count)
        .bind(14, r.version)
        .bind(15, r.supersedes)
        .bind(16, r.created)
        .bind(17, uuid_or_new(r.uuid))
        .bind(18, r.supersedes_uuid);
    s.run();
    const TranscriptId id{m_db.last_insert_rowid()};
    index_lines(m_db, id.value(), text);
    return id;
}

std::vector<std::string> ProjectStore::coders_of_transcript(TranscriptId id)
{
    std::vector<std::string> out;
    Statement s(m_db, "SELECT name FROM coders WHERE id IN ("
                      " SELECT coder_id FROM annotations WHERE transcript_id = ?1"
                      " UNION SELECT coder_id FROM ratings WHERE transcript_id = ?1"
                      " UNION SELECT coder_id FROM classifications WHERE transcript_id = ?1)"
                      " ORDER BY name");
    s.bind(1, id);
    while (s.step())
        out.push_back(s.get_text(0));
    return out;
}

std::vector<TranscriptRecord> ProjectStore::transcripts_by_sha256(const std::string& sha256)
{
    std::vector<TranscriptRecord> out;
    Statement s(m_db, std::string("SELECT ") + kTranscriptColumns +
                          " FROM transcripts WHERE sha256 = ? ORDER BY id");
    s.bind(1, sha256);
    while (s.step())
        out.push_back(read_transcript(s));
    return out;
}

std::vector<TranscriptRecord> ProjectStore::transcripts_superseding(TranscriptId id)
{
    std::vector<TranscriptRecord> out;
    Statement s(m_db, std::string("SELECT ") + kTranscriptColumns +
                          " FROM transcripts WHERE supersedes = ? ORDER BY id");
    s.bind(1, id);
    while (s.step())
        out.push_back(read_transcript(s));
    return out;
}

void ProjectStore::set_transcript_names(TranscriptId id, const std::string& title,
                                        const std::optional<std::string>& participant)
{
    Statement s(m_db, "UPDATE transcripts SET title = ?, participant = ? WHERE id = ?");
    s.bind(1, title).bind(2, participant).bind(3, id).run();
}

void ProjectStore::delete_transcript(TranscriptId id)
{
    Statement lines(m_db, "DELETE FROM line_fts WHERE transcript_id = ?");
    lines.bind(1, id).run();
    Statement row(m_db, "DELETE FROM transcripts WHERE id = ?");
    row.bind(1, id).run();
    Statement high(m_db, "INSERT INTO settings(key, value) VALUES ('removed_transcript_id', ?1) "
                         "ON CONFLICT(key) DO UPDATE SET value = max(CAST(value AS INTEGER), ?1)");
    high.bind(1, id).run();
}

std::vector<SchemeRecord> ProjectStore::schemes()
{
    std::vector<SchemeRecord> out;
    Statement s(m_db,
                std::string("SELECT ") + kSchemeColumns + " FROM schemes ORDER BY scheme_id, id");
    while (s.step())
        out.push_back(read_scheme(s));
    return out;
}

std::optional<std::pair<SchemeRecord, std::string>>
ProjectStore::latest_scheme(const std::string& scheme_id)
{
    Statement s(m_db, std::string("SELECT ") + kSchemeColumns +
                          ", xml FROM schemes WHERE scheme_id = ? ORDER BY id DESC LIMIT 1");
    s.bind(1, scheme_id);
    if (!s.step())
        return std::nullopt;
    return std::make_pair(read_scheme(s), s.get_text(7));
}

std::optional<std::string> ProjectStore::scheme_xml(std::int64_t id)
{
    Statement s(m_db, "SELECT xml FROM schemes WHERE id = ?");
    s.bind(1, id);
    if (!s.step())
        return std::nullopt;
    return s.get_text(0);
}

std::optional<SchemeRecord> ProjectStore::scheme_version(const std::string& scheme_id,
                                                         const std::string& version)
{
    Statement s(m_db, std::string("SELECT ") + kSchemeColumns +
                          " FROM schemes WHERE scheme_id = ? AND version = ?");
    s.bind(1, scheme_id).bind(2, version);
    if (!s.step())
        return std::nullopt;
    return read_scheme(s);
}

std::optional<SchemeRecord> ProjectStore::scheme_by_uuid(const std::string& uuid)
{
    Statement s(m_db, std::string("SELECT ") + kSchemeColumns + " FROM schemes WHERE uuid = ?");
    s.bind(1, uuid);
    if (!s.step())
        return std::nullopt;
    return read_scheme(s);
}

std::int64_t ProjectStore::insert_scheme(const SchemeRecord& r, const std::string& xml)
{
    Statement s(m_db, "INSERT INTO schemes(scheme_id, version, name, xml, sha256, added, uuid) "
                      "VALUES (?, ?, ?, ?, ?, ?, ?)");
    s.bind(1, r.scheme_id).bind(2, r.version).bind(3, r.name).bind(4, xml).bind(5, r.sha256);
    s.bind(6, r.added).bind(7, uuid_or_new(r.uuid)).run();
    return m_db.last_insert_rowid();
}

std::vector<AnnotationRecord> ProjectStore::annotations(const RowFilter& f)
{
    std::vector<AnnotationRecord> out;
    Statement s(m_db, std::string("SELECT ") + kAnnotationColumns + " FROM annotations" +
                          where_clause(f) + " ORDER BY transcript_id, start_cp, end_cp, id");
    bind_filter(s, f);
    while (s.step())
        out.push_back(read_annotation(s));
    return out;
}

void ProjectStore::for_each_span(const std::function<void(const SpanRow&)>& fn, SpanOrder order)
{
    const char* order_by = order == SpanOrder::Place
                               ? " ORDER BY transcript_id, start_cp, end_cp, id"
                           : order == SpanOrder::Transcript ? " ORDER BY transcript_id"
                                                            : "";
    Statement s(m_db, std::string("SELECT transcript_id, coder_id, scheme_id, code, start_cp, "
                                  "end_cp FROM annotations") +
                          order_by);
    while (s.step())
    {
        SpanRow row;
        row.transcript_id = s.get_id<TranscriptId>(0);
        row.coder_id = s.get_id<CoderId>(1);
        row.scheme_id = s.get_text_view(2);
        row.code = s.get_text_view(3);
        row.start = s.get_int(4);
        row.end = s.get_int(5);
        fn(row);
    }
}

std::optional<AnnotationRecord> ProjectStore::annotation_by_uuid(const std::string& uuid)
{
    Statement s(m_db,
                std::string("SELECT ") + kAnnotationColumns + " FROM annotations WHERE uuid = ?");
    s.bind(1, uuid);
    if (!s.step())
        return std::nullopt;
    return read_annotation(s);
}

std::optional<AnnotationRecord> ProjectStore::annotation_by_id(std::int64_t id)
{
    Statement s(m_db,
                std::string("SELECT ") + kAnnotationColumns + " FROM annotations WHERE id = ?");
    s.bind(1, id);
    if (!s.step())
        return std::nullopt;
    return read_annotation(s);
}

namespace
{

std::string annotation_insert_sql()
{
    return "INSERT INTO annotations(id, uuid, transcript_id, coder_id, scheme_id, code, "
           "start_cp, end_cp, memo, created, modified, scheme_version) "
           "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, " +
           version_or_latest(12, 5) + ")";
}

void bind_annotation(Statement& s, const AnnotationRecord& r, const std::string& uuid)
{
    if (r.id > 0)
        s.bind(1, r.id);
    else
        s.bind_null(1);
    s.bind(2, uuid).bind(3, r.transcript_id).bind(4, r.coder_id).bind(5, r.scheme_id);
    s.bind(6, r.code).bind(7, r.start).bind(8, r.end).bind(9, r.memo).bind(10, r.created);
    s.bind(11, r.modified).bind(12, r.scheme_version);
}

} // namespace

std::int64_t ProjectStore::insert_annotation(const AnnotationRecord& r)
{
    Statement s(m_db, annotation_insert_sql());
    const auto uuid = uuid_or_new(r.uuid);
    bind_annotation(s, r, uuid);
    s.run();
    const auto id = m_db.last_insert_rowid();
    lift_tombstone(m_db, uuid);
    return id;
}

std::int64_t ProjectStore::put_annotation(const AnnotationRecord& r)
{
    Statement s(m_db,
                annotation_insert_sql() +
                    " ON CONFLICT(uuid) DO UPDATE SET transcript_id = excluded.transcript_id, "
                    "coder_id = excluded.coder_id, scheme_id = excluded.scheme_id, "
                    "code = excluded.code, start_cp = excluded.start_cp, "
                    "end_cp = excluded.end_cp, memo = excluded.memo, "
                    "modified = excluded.modified, scheme_version = excluded.scheme_version, "
                    "merged_from = NULL");
    const auto uuid = uuid_or_new(r.uuid);
    bind_annotation(s, r, uuid);
    s.run();
    lift_tombstone(m_db, uuid);
    Statement id(m_db, "SELECT id FROM annotations WHERE uuid = ?");
    id.bind(1, uuid);
    return id.step() ? id.get_int(0) : 0;
}

void ProjectStore::delete_annotation(const std::string& uuid)
{
    delete_with_tombstone(m_db, "annotation", "annotations", "uuid = ?1",
                          [&](Statement& s) { s.bind(1, uuid); });
}

void ProjectStore::for_each_rating_value(const std::function<void(const RatingValueRow&)>& fn)
{
    // A score is NULL exactly when it is not scorable (the table's CHECK).
    Statement s(m_db,
                "SELECT transcript_id, coder_id, scheme_id, scale, target, value FROM ratings");
    while (s.step())
    {
        RatingValueRow row;
        row.transcript_id = s.get_id<TranscriptId>(0);
        row.coder_id = s.get_id<CoderId>(1);
        row.scheme_id = s.get_text_view(2);
        row.scale = s.get_text_view(3);
        row.target = s.get_text_view(4);
        if (!s.is_null(5))
            row.value = s.get_double(5);
        fn(row);
    }
}

std::vector<RatingRecord> ProjectStore::ratings(const RowFilter& f)
{
    std::vector<RatingRecord> out;
    Statement s(m_db, std::string("SELECT ") + kRatingColumns + " FROM ratings" + where_clause(f) +
                          " ORDER BY transcript_id, coder_id, scheme_id, scale, "
                          "target");
    bind_filter(s, f);
    while (s.step())
        out.push_back(read_rating(s));
    return out;
}

std::optional<RatingRecord> ProjectStore::rating(TranscriptId t, CoderId c,
                                                 const std::string& scheme_id,
                                                 const std::string& scale,
                                                 const std::string& target)
{
    Statement s(m_db, std::string("SELECT ") + kRatingColumns +
                          " FROM ratings WHERE transcript_id = ? AND coder_id = ? AND "
                          "scheme_id = ? AND scale = ? AND target = ?");
    s.bind(1, t).bind(2, c).bind(3, scheme_id).bind(4, scale).bind(5, target);
    if (!s.step())
        return std::nullopt;
    return read_rating(s);
}

std::optional<RatingRecord> ProjectStore::rating_by_uuid(const std::string& uuid)
{
    Statement s(m_db, std::string("SELECT ") + kRatingColumns + " FROM ratings WHERE uuid = ?");
    s.bind(1, uuid);
    if (!s.step())
        return std::nullopt;
    return read_rating(s);
}

std::int64_t ProjectStore::put_rating(const RatingRecord& r)
{
    // The uuid is not in the update list: replacing a score keeps the rating's identity.
    Statement s(
        m_db,
        "INSERT INTO ratings(transcript_id, coder_id, scheme_id, scale, target, "
        "value, not_scorable, note, modified, uuid, scheme_version) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, " +
            version_or_latest(11, 3) +
            ") ON CONFLICT(transcript_id, coder_id, scheme_id, scale, target) DO "
            "UPDATE SET value = excluded.value, not_scorable = "
            "excluded.not_scorable, note = excluded.note, modified = "
            "excluded.modified, scheme_version = excluded.scheme_version, merged_from = NULL");
    s.bind(1, r.transcript_id).bind(2, r.coder_id).bind(3, r.scheme_id).bind(4, r.scale);
    s.bind(5, r.target).bind(6, r.value).bind(7, r.not_scorable ? 1 : 0).bind(8, r.note);
    s.bind(9, r.modified).bind(10, uuid_or_new(r.uuid)).bind(11, r.scheme_version).run();
    auto row = rating(r.transcript_id, r.coder_id, r.scheme_id, r.scale, r.target);
    if (row)
        lift_tombstone(m_db, row->uuid);
    return row ? row->id : 0;
}

void ProjectStore::delete_rating(TranscriptId t, CoderId c, const std::string& scheme_id,
                                 const std::string& scale, const std::string& target)
{
    delete_with_tombstone(
        m_db, "rating", "ratings",
        "transcript_id = ?1 AND coder_id = ?2 AND scheme_id = ?3 AND "
        "scale = ?4 AND target = ?5",
        [&](Statement& s)
        { s.bind(1, t).bind(2, c).bind(3, scheme_id).bind(4, scale).bind(5, target); });
}

std::vector<ClassificationRecord> ProjectStore::classifications(const RowFilter& f)
{
    std::vector<ClassificationRecord> out;
    Statement s(m_db, std::string("SELECT ") + kClassificationColumns + " FROM classifications" +
                          where_clause(f) + " ORDER BY transcript_id, coder_id, scheme_id");
    bind_filter(s, f);
    while (s.step())
        out.push_back(read_classification(s));
    return out;
}

std::optional<ClassificationRecord> ProjectStore::classification(TranscriptId t, CoderId c,
                                                                 const std::string& scheme_id)
{
    Statement s(m_db, std::string("SELECT ") + kClassificationColumns +
                          " FROM classifications WHERE transcript_id = ? AND coder_id = ? AND "
                          "scheme_id = ?");
    s.bind(1, t).bind(2, c).bind(3, scheme_id);
    if (!s.step())
        return std::nullopt;
    return read_classification(s);
}

std::optional<ClassificationRecord> ProjectStore::classification_by_uuid(const std::string& uuid)
{
    Statement s(m_db, std::string("SELECT ") + kClassificationColumns +
                          " FROM classifications WHERE uuid = ?");
    s.bind(1, uuid);
    if (!s.step())
        return std::nullopt;
    return read_classification(s);
}

std::int64_t ProjectStore::put_classification(const ClassificationRecord& r)
{
    Statement s(m_db, "INSERT INTO classifications(transcript_id, coder_id, scheme_id, category, "
                      "subcategory, unresolved, alternative, note, modified, uuid, "
                      "scheme_version) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, " +
                          version_or_latest(11, 3) +
                          ") ON CONFLICT(transcript_id, coder_id, scheme_id) DO UPDATE SET "
                          "category = excluded.category, subcategory = excluded.subcategory, "
                          "unresolved = excluded.unresolved, alternative = excluded.alternative, "
                          "note = excluded.note, modified = excluded.modified, "
                          "scheme_version = excluded.scheme_version, merged_from = NULL");
    s.bind(1, r.transcript_id).bind(2, r.coder_id).bind(3, r.scheme_id).bind(4, r.category);
    s.bind(5, r.subcategory).bind(6, r.unresolved).bind(7, r.alternative).bind(8, r.note);
    s.bind(9, r.modified).bind(10, uuid_or_new(r.uuid)).bind(11, r.scheme_version).run();
    auto row = classification(r.transcript_id, r.coder_id, r.scheme_id);
    if (row)
        lift_tombstone(m_db, row->uuid);
    return row ? row->id : 0;
}

void ProjectStore::delete_classification(TranscriptId t, CoderId c, const std::string& scheme_id)
{
    delete_with_tombstone(m_db, "classification", "classifications",
                          "transcript_id = ?1 AND coder_id = ?2 AND scheme_id = ?3",
                          [&](Statement& s) { s.bind(1, t).bind(2, c).bind(3, scheme_id); });
}

namespace
{
constexpr const char* kDecisionColumns =
    "id, uuid, transcript_id, kind, disagreement, decision, sources, results, reason, note, "
    "decided_by, decided";

// The uuid lists are JSON arrays of strings; SQLite's JSON functions read them back, so the
// store needs no JSON library of its own.
std::string json_string_array(const std::vector<std::string>& items)
{
    std::string out = "[";
    for (std::size_t i = 0; i < items.size(); ++i)
    {
        out += i ? ",\"" : "\"";
        for (const char ch : items[i])
        {
            if (ch == '"' || ch == '\\')
                out += '\\';
            if (static_cast<unsigned char>(ch) < 0x20)
            {
                static constexpr char kHex[] = "0123456789abcdef";
                out += "\\u00";
                out += kHex[(ch >> 4) & 0xf];
                out += kHex[ch & 0xf];
                continue;
            }
            out += ch;
        }
        out += '"';
    }
    return out + "]";
}

std::vector<std::string> read_string_array(Database& db, const std::string& json)
{
    std::vector<std::string> out;
    Statement s(db, "SELECT value FROM json_each(?) ORDER BY key");
    s.bind(1, json);
    while (s.step())
        out.push_back(s.get_text(0));
    return out;
}

ConsensusDecisionRecord read_decision(Database& db, const Statement& s)
{
    ConsensusDecisionRecord r;
    r.id = s.get_int(0);
    r.uuid = s.get_text(1);
    r.transcript_id = s.get_id<TranscriptId>(2);
    r.kind = s.get_text(3);
    r.disagreement = s.get_text(4);
    r.decision = s.get_text(5);
    r.sources = read_string_array(db, s.get_text(6));
    r.results = read_string_array(db, s.get_text(7));
    r.reason = s.get_text(8);
    r.note = s.get_text(9);
    r.decided_by = s.get_text(10);
    r.decided = s.get_text(11);
    return r;
}
} // namespace

std::vector<ConsensusDecisionRecord>
ProjectStore::consensus_decisions(std::optional<TranscriptId> transcript)
{
    std::vector<ConsensusDecisionRecord> out;
    Statement s(m_db, std::string("SELECT ") + kDecisionColumns + " FROM consensus_decisions" +
                          (transcript ? " WHERE transcript_id = ?" : "") +
                          " ORDER BY transcript_id, id");
    if (transcript)
        s.bind(1, *transcript);
    while (s.step())
        out.push_back(read_decision(m_db, s));
    return out;
}

std::optional<ConsensusDecisionRecord>
ProjectStore::consensus_decision_by_uuid(const std::string& uuid)
{
    Statement s(m_db, std::string("SELECT ") + kDecisionColumns +
                          " FROM consensus_decisions WHERE uuid = ?");
    s.bind(1, uuid);
    if (!s.step())
        return std::nullopt;
    return read_decision(m_db, s);
}

std::optional<ConsensusDecisionRecord>
ProjectStore::consensus_decision_for(const std::string& disagreement)
{
    Statement s(m_db, std::string("SELECT ") + kDecisionColumns +
                          " FROM consensus_decisions WHERE disagreement = ? ORDER BY id DESC");
    s.bind(1, disagreement);
    if (!s.step())
        return std::nullopt;
    return read_decision(m_db, s);
}

std::int64_t ProjectStore::put_consensus_decision(const ConsensusDecisionRecord& r)
{
    const std::string uuid = uuid_or_new(r.uuid);
    Statement s(m_db, "INSERT INTO consensus_decisions(id, uuid, transcript_id, kind, "
                      "disagreement, decision, sources, results, reason, note, decided_by, "
                      "decided) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12) "
                      "ON CONFLICT(uuid) DO UPDATE SET transcript_id = excluded.transcript_id, "
                      "kind = excluded.kind, disagreement = excluded.disagreement, "
                      "decision = excluded.decision, sources = excluded.sources, "
                      "results = excluded.results, reason = excluded.reason, "
                      "note = excluded.note, decided_by = excluded.decided_by, "
                      "decided = excluded.decided");
    if (r.id > 0)
        s.bind(1, r.id);
    else
        s.bind_null(1);
    s.bind(2, uuid).bind(3, r.transcript_id).bind(4, r.kind).bind(5, r.disagreement);
    s.bind(6, r.decision).bind(7, json_string_array(r.sources));
    s.bind(8, json_string_array(r.results)).bind(9, r.reason).bind(10, r.note);
    s.bind(11, r.decided_by).bind(12, r.decided).run();
    Statement id(m_db, "SELECT id FROM consensus_decisions WHERE uuid = ?");
    id.bind(1, uuid);
    return id.step() ? id.get_int(0) : 0;
}

void ProjectStore::delete_consensus_decision(const std::string& uuid)
{
    Statement s(m_db, "DELETE FROM consensus_decisions WHERE uuid = ?");
    s.bind(1, uuid).run();
}

void ProjectStore::append_audit(const AuditRecord& e)
{
    Statement s(m_db, "INSERT INTO audit_log(at, who, action, entity, before, after) "
                      "VALUES (?, ?, ?, ?, ?, ?)");
    s.bind(1, e.at).bind(2, e.who).bind(3, e.action).bind(4, e.entity).bind(5, e.before_json);
    s.bind(6, e.after_json).run();
}

std::vector<AuditRecord> ProjectStore::audit_log(std::int64_t limit)
{
    std::vector<AuditRecord> out;
    Statement s(m_db, "SELECT id, at, who, action, entity, before, after FROM audit_log "
                      "ORDER BY id LIMIT ?");
    s.bind(1, limit);
    while (s.step())
        out.push_back({s.get_int(0), s.get_text(1), s.get_text(2), s.get_text(3), s.get_text(4),
                       s.get_optional_text(5), s.get_optional_text(6)});
    return out;
}

std::vector<AuditRecord> ProjectStore::audit_log_of(const std::string& action)
{
    std::vector<AuditRecord> out;
    Statement s(m_db, "SELECT id, at, who, action, entity, before, after FROM audit_log "
                      "WHERE action = ? ORDER BY id");
    s.bind(1, action);
    while (s.step())
        out.push_back({s.get_int(0), s.get_text(1), s.get_text(2), s.get_text(3), s.get_text(4),
                       s.get_optional_text(5), s.get_optional_text(6)});
    return out;
}

std::optional<std::string> ProjectStore::setting(const std::string& key)
{
    Statement s(m_db, "SELECT value FROM settings WHERE key = ?");
    s.bind(1, key);
    if (!s.step())
        return std::nullopt;
    return s.get_text(0);
}

void ProjectStore::set_setting(const std::string& key, const std::string& value)
{
    Statement s(m_db, "INSERT INTO settings(key, value) VALUES (?, ?) "
                      "ON CONFLICT(key) DO UPDATE SET value = excluded.value");
    s.bind(1, key).bind(2, value).run();
}

std::int64_t ProjectStore::revision()
{
    return m_db.query_int("SELECT value FROM revision WHERE id = 1");
}

std::optional<DerivedRecord> ProjectStore::derived(const std::string& key)
{
    Statement s(m_db, "SELECT revision, made, value FROM derived WHERE key = ?");
    s.bind(1, key);
    if (!s.step())
        return std::nullopt;
    return DerivedRecord{key, s.get_int(0), s.get_text(1), s.get_blob(2)};
}

void ProjectStore::put_derived(const std::string& key, std::int64_t revision,
                               std::string_view value, const std::string& made, int keep)
{
    Statement put(m_db, "INSERT INTO derived(key, revision, made, value) VALUES (?, ?, ?, ?) "
                        "ON CONFLICT(key) DO UPDATE SET revision = excluded.revision, "
                        "made = excluded.made, value = excluded.value");
    put.bind(1, key).bind(2, revision).bind(3, made).bind_blob(4, value).run();
    Statement trim(m_db, "DELETE FROM derived WHERE key NOT IN "
                         "(SELECT key FROM derived ORDER BY made DESC, rowid DESC LIMIT ?)");
    trim.bind(1, keep).run();
}

Result<std::vector<SearchHit>> ProjectStore::search(const std::string& query, std::int64_t limit)
{
    // The query's size is bounded before SQLite sees it (the same rule as the find bar's).
    auto terms = text::search_terms(query);
    if (!terms)
        return terms.error();
    std::vector<SearchHit> out;
    try
    {
        // Ordered by position, not rank: coders read hits in transcript order. Lines are
        // indexed in (transcript, line) order and only deleted with their transcript, so rowid
        // order is that order, and FTS5 can stop at the limit instead of sorting every match
        // (10x faster on 1,000 long transcripts).
        // The snippet is made here rather than by FTS5's snippet(), whose cost grows with the
        // square of terms times occurrences (a 1,000-word query took 44 s on the demo).
        Statement s(m_db, "SELECT transcript_id, line, text "
                          "FROM line_fts WHERE line_fts MATCH ? ORDER BY rowid LIMIT ?");
        s.bind(1, query).bind(2, limit);
        while (s.step())
            out.push_back({s.get_id<TranscriptId>(0), s.get_int(1),
                           text::search_snippet(s.get_text(2), *terms)});
    }
    catch (const StoreError& e)
    {
        if (e.sqlite_code() == SQLITE_ERROR)
            return make_error(ErrorCode::InvalidArgument,
                              std::string("malformed search query: ") + e.what());
        throw;
    }
    return out;
}

} // namespace attune::store
