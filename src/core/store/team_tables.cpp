// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/store/team_tables.h"

#include <sqlite3.h>

namespace attune::store
{

namespace
{

const char* table_of(RecordKind k)
{
    switch (k)
    {
    case RecordKind::Annotation: return "annotations";
    case RecordKind::Rating: return "ratings";
    case RecordKind::Classification: return "classifications";
    }
    return "";
}

SqlValue column_value(sqlite3_stmt* s, int i)
{
    switch (sqlite3_column_type(s, i))
    {
    case SQLITE_INTEGER: return static_cast<std::int64_t>(sqlite3_column_int64(s, i));
    case SQLITE_FLOAT: return sqlite3_column_double(s, i);
    case SQLITE_NULL: return std::monostate{};
    default:
    {
        const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(s, i));
        return std::string(p ? p : "", static_cast<std::size_t>(sqlite3_column_bytes(s, i)));
    }
    }
}

void bind_value(Statement& s, int at, const SqlValue& v, bool empty_is_null)
{
    if (const auto* i = std::get_if<std::int64_t>(&v))
        s.bind(at, *i);
    else if (const auto* d = std::get_if<double>(&v))
        s.bind(at, *d);
    else if (const auto* t = std::get_if<std::string>(&v); t && !(empty_is_null && t->empty()))
        s.bind(at, *t);
    else
        s.bind_null(at);
}

} // namespace

std::vector<AssignmentRecord> assignments(Database& db)
{
    std::vector<AssignmentRecord> out;
    Statement s(db, "SELECT transcript_id, coder_id, reliability, assigned FROM assignments "
                    "ORDER BY transcript_id, coder_id");
    while (s.step())
        out.push_back(
            {s.get_id<TranscriptId>(0), s.get_id<CoderId>(1), s.get_int(2) != 0, s.get_text(3)});
    return out;
}

void replace_assignments(Database& db, CoderId coder, const std::vector<AssignmentRecord>& rows)
{
    Statement clear(db, "DELETE FROM assignments WHERE coder_id = ?");
    clear.bind(1, coder).run();
    Statement put(db, "INSERT INTO assignments(transcript_id, coder_id, reliability, assigned) "
                      "VALUES (?, ?, ?, ?)");
    for (const auto& r : rows)
    {
        put.bind(1, r.transcript_id).bind(2, coder).bind(3, r.reliability ? 1 : 0);
        put.bind(4, r.assigned).run();
        put.reset();
    }
}

const char* record_kind_name(RecordKind kind)
{
    switch (kind)
    {
    case RecordKind::Annotation: return "annotation";
    case RecordKind::Rating: return "rating";
    case RecordKind::Classification: return "classification";
    }
    return "";
}

std::optional<RecordKind> record_kind_from_name(std::string_view name)
{
    for (const auto k : {RecordKind::Annotation, RecordKind::Rating, RecordKind::Classification})
        if (name == record_kind_name(k))
            return k;
    return std::nullopt;
}

const std::vector<std::string>& record_value_columns(RecordKind kind)
{
    static const std::vector<std::string> a = {"scheme_id", "code",    "start_cp",      "end_cp",
                                               "memo",      "created", "scheme_version"};
    static const std::vector<std::string> r = {"scheme_id",    "scale", "target",        "value",
                                               "not_scorable", "note",  "scheme_version"};
    static const std::vector<std::string> c = {"scheme_id",     "category",    "subcategory",
                                               "unresolved",    "alternative", "note",
                                               "scheme_version"};
    switch (kind)
    {
    case RecordKind::Annotation: return a;
    case RecordKind::Rating: return r;
    case RecordKind::Classification: return c;
    }
    return a;
}

bool record_exists(Database& db, RecordKind kind, const std::string& uuid)
{
    Statement s(db, std::string("SELECT 1 FROM ") + table_of(kind) + " WHERE uuid = ?");
    s.bind(1, uuid);
    return s.step();
}

void for_each_record(Database& db, RecordKind kind, std::optional<std::int64_t> coder,
                     const std::function<void(AnyRecord&&)>& f)
{
    const auto& cols = record_value_columns(kind);
    std::string q = "SELECT uuid, transcript_id, coder_id, modified, merged_from";
    for (const auto& c : cols)
        q += ", " + c;
    q += std::string(" FROM ") + table_of(kind);
    if (coder)
        q += " WHERE coder_id = ?1";
    q += " ORDER BY transcript_id, uuid";
    Statement s(db, q);
    if (coder)
        s.bind(1, *coder);
    const int n = static_cast<int>(cols.size());
    while (s.step())
    {
        AnyRecord r;
        r.uuid = s.get_text(0);
        r.transcript_id = s.get_int(1);
        r.coder_id = s.get_int(2);
        r.modified = s.get_text(3);
        r.merged_from = s.get_optional_text(4);
        r.values.reserve(cols.size());
        for (int i = 0; i < n; ++i)
            r.values.push_back(column_value(s.handle(), 5 + i));
        f(std::move(r));
    }
}

Statement& RecordWriter::prepared(RecordKind kind, bool exists)
{
    auto& slot = (exists ? m_update : m_insert)[static_cast<int>(kind)];
    if (slot)
        return *slot;
    const auto& cols = record_value_columns(kind);
    std::string q;
    if (exists)
    {
        q = std::string("UPDATE ") + table_of(kind) +
            " SET transcript_id = ?2, coder_id = ?3, modified = ?4, merged_from = ?5";
        for (std::size_t i = 0; i < cols.size(); ++i)
            q += ", " + cols[i] + " = ?" + std::to_string(6 + i);
        q += " WHERE uuid = ?1";
    }
    else
    {
        q = std::string("INSERT INTO ") + table_of(kind) +
            "(uuid, transcript_id, coder_id, modified, merged_from";
        std::string values = "?1, ?2, ?3, ?4, ?5";
        for (std::size_t i = 0; i < cols.size(); ++i)
        {
            q += ", " + cols[i];
            values += ", ?" + std::to_string(6 + i);
        }
        q += ") VALUES (" + values + ")";
    }
    slot = std::make_unique<Statement>(m_db, q);
    return *slot;
}

bool RecordWriter::put(RecordKind kind, const AnyRecord& r, const std::string& merged_from,
                       bool exists, bool lift_tombstone)
{
    const auto& cols = record_value_columns(kind);
    auto& s = prepared(kind, exists);
    s.bind(1, r.uuid).bind(2, r.transcript_id).bind(3, r.coder_id).bind(4, r.modified);
    s.bind(5, merged_from);
    for (std::size_t i = 0; i < cols.size(); ++i)
        bind_value(s, static_cast<int>(6 + i), r.values[i], cols[i] == "scheme_version");
    try
    {
        s.run();
    }
    catch (const StoreError& e)
    {
        s.reset();
        if (e.extended_code() == SQLITE_CONSTRAINT_UNIQUE && !exists)
            return false; // the statement alone was undone; the transaction goes on
        throw;
    }
    s.reset();
    if (lift_tombstone)
    {
        Statement lift(m_db, "DELETE FROM tombstones WHERE uuid = ?");
        lift.bind(1, r.uuid).run();
    }
    return true;
}

LargeCache::LargeCache(Database& db, int mebibytes)
    : m_db(db), m_previous(db.query_int("PRAGMA cache_size"))
{
    db.exec("PRAGMA cache_size = -" + std::to_string(static_cast<std::int64_t>(mebibytes) * 1024));
}

LargeCache::~LargeCache()
{
    sqlite3_exec(m_db.handle(), ("PRAGMA cache_size = " + std::to_string(m_previous)).c_str(),
                 nullptr, nullptr, nullptr);
}

std::vector<TombstoneRecord> tombstones(Database& db, std::optional<std::int64_t> coder)
{
    std::vector<TombstoneRecord> out;
    Statement s(db, std::string("SELECT uuid, kind, transcript_id, coder_id, deleted, "
                                "merged_from FROM tombstones") +
                        (coder ? " WHERE coder_id = ?1" : "") + " ORDER BY kind, uuid");
    if (coder)
        s.bind(1, *coder);
    while (s.step())
        out.push_back({s.get_text(0), s.get_text(1), s.get_int(2), s.get_int(3), s.get_text(4),
                       s.get_optional_text(5)});
    return out;
}

void delete_record(Database& db, RecordKind kind, const std::string& uuid,
                   std::int64_t transcript_id, std::int64_t coder_id, const std::string& deleted,
                   const std::optional<std::string>& merged_from)
{
    Statement t(db, "INSERT OR REPLACE INTO tombstones(uuid, kind, transcript_id, coder_id, "
                    "deleted, merged_from) VALUES (?, ?, ?, ?, ?, ?)");
    t.bind(1, uuid).bind(2, record_kind_name(kind)).bind(3, transcript_id).bind(4, coder_id);
    t.bind(5, deleted).bind(6, merged_from).run();
    Statement d(db, std::string("DELETE FROM ") + table_of(kind) + " WHERE uuid = ?");
    d.bind(1, uuid).run();
}

std::optional<PackageMarker> package_marker(Database& db)
{
    Statement s(db, "SELECT uuid, coder_uuid, made, made_by FROM package");
    if (!s.step())
        return std::nullopt;
    PackageMarker m{s.get_text(0), s.get_text(1), s.get_text(2), s.get_text(3)};
    if (s.step())
        throw StoreError(SQLITE_CORRUPT, "the package marker is damaged (more than one row)");
    return m;
}

bool is_package(Database& db)
{
    return db.query_int("SELECT count(*) FROM package") > 0;
}

std::unordered_map<std::string, std::string> package_base(Database& db)
{
    std::unordered_map<std::string, std::string> out;
    Statement s(db, "SELECT uuid, modified FROM package_base");
    while (s.step())
        out.emplace(s.get_text(0), s.get_text(1));
    return out;
}

namespace
{

// Detaches the package even when copying failed.
class Attached
{
public:
    Attached(Database& db, const std::filesystem::path& file) : m_db(db)
    {
        Statement a(db, "ATTACH DATABASE ? AS pkg");
        a.bind(1, file.string()).run();
    }
    Attached(const Attached&) = delete;
    Attached& operator=(const Attached&) = delete;
    ~Attached() { sqlite3_exec(m_db.handle(), "DETACH DATABASE pkg", nullptr, nullptr, nullptr); }

private:
    Database& m_db;
};

// The copy from the project (main) into the package (pkg); ?1 is the coder's row id and
// temp.chosen the transcripts.
constexpr const char* kCopySql[] = {
    "UPDATE pkg.project SET uuid = (SELECT uuid FROM main.project)",
    "INSERT INTO pkg.coders(id, name, created, uuid, role) SELECT id, name, created, uuid, role "
    "FROM main.coders WHERE id = ?1",
    "INSERT INTO pkg.schemes(id, scheme_id, version, name, xml, sha256, added, uuid) SELECT id, "
    "scheme_id, version, name, xml, sha256, added, uuid FROM main.schemes ORDER BY id",
    // A package holds no version chains: an older version it does not hold cannot be named.
    "INSERT INTO pkg.transcripts(id, title, participant, interview_date, interviewer, language, "
    "metadata, source_name, encoding, text, sha256, word_count, turn_count, line_count, version, "
    "supersedes, created, uuid, supersedes_uuid) SELECT id, title, participant, interview_date, "
    "interviewer, language, metadata, source_name, encoding, text, sha256, word_count, "
    "turn_count, line_count, version, NULL, created, uuid, NULL FROM main.transcripts WHERE id "
    "IN (SELECT id FROM temp.chosen) ORDER BY id",
    "INSERT INTO pkg.line_fts(rowid, text, transcript_id, line) SELECT rowid, text, "
    "transcript_id, line FROM main.line_fts WHERE transcript_id IN (SELECT id FROM temp.chosen)",
    "INSERT INTO pkg.annotations(id, uuid, transcript_id, coder_id, scheme_id, code, start_cp, "
    "end_cp, memo, created, modified, scheme_version) SELECT id, uuid, transcript_id, coder_id, "
    "scheme_id, code, start_cp, end_cp, memo, created, modified, scheme_version FROM "
    "main.annotations WHERE coder_id = ?1 AND transcript_id IN (SELECT id FROM temp.chosen)",
    "INSERT INTO pkg.ratings(id, transcript_id, coder_id, scheme_id, scale, target, value, "
    "not_scorable, note, modified, uuid, scheme_version) SELECT id, transcript_id, coder_id, "
    "scheme_id, scale, target, value, not_scorable, note, modified, uuid, scheme_version FROM "
    "main.ratings WHERE coder_id = ?1 AND transcript_id IN (SELECT id FROM temp.chosen)",
    "INSERT INTO pkg.classifications(id, transcript_id, coder_id, scheme_id, category, "
    "subcategory, unresolved, alternative, note, modified, uuid, scheme_version) SELECT id, "
    "transcript_id, coder_id, scheme_id, category, subcategory, unresolved, alternative, note, "
    "modified, uuid, scheme_version FROM main.classifications WHERE coder_id = ?1 AND "
    "transcript_id IN (SELECT id FROM temp.chosen)",
    "INSERT INTO pkg.assignments(transcript_id, coder_id, reliability, assigned) SELECT "
    "transcript_id, coder_id, reliability, assigned FROM main.assignments WHERE coder_id = ?1 "
    "AND transcript_id IN (SELECT id FROM temp.chosen)",
    "INSERT INTO pkg.package_base(uuid, kind, modified) SELECT uuid, 'annotation', modified "
    "FROM pkg.annotations UNION ALL SELECT uuid, 'rating', modified FROM pkg.ratings UNION ALL "
    "SELECT uuid, 'classification', modified FROM pkg.classifications",
};

std::int64_t count_of(Database& db, const char* table)
{
    return db.query_int(std::string("SELECT count(*) FROM pkg.") + table);
}

} // namespace

PackageCounts copy_into_package(Database& project, const std::filesystem::path& package,
                                CoderId coder, const std::vector<TranscriptId>& transcripts,
                                const PackageMarker& marker, const AuditRecord& audit)
{
    project.exec("CREATE TEMP TABLE IF NOT EXISTS chosen(id INTEGER PRIMARY KEY)");
    project.exec("DELETE FROM temp.chosen");
    {
        Statement add(project, "INSERT OR IGNORE INTO temp.chosen(id) VALUES (?)");
        for (const auto t : transcripts)
        {
            add.bind(1, t).run();
            add.reset();
        }
    }
    PackageCounts counts;
    {
        Attached attached(project, package);
        project.exec("BEGIN");
        try
        {
            for (const char* sql : kCopySql)
            {
                Statement s(project, sql);
                if (std::string_view(sql).find("?1") != std::string_view::npos)
                    s.bind(1, coder);
                s.run();
            }
            Statement mark(project, "INSERT INTO pkg.package(id, uuid, coder_uuid, made, made_by) "
                                    "VALUES (1, ?, ?, ?, ?)");
            mark.bind(1, marker.uuid).bind(2, marker.coder_uuid).bind(3, marker.made);
            mark.bind(4, marker.made_by).run();
            Statement log(project, "INSERT INTO pkg.audit_log(at, who, action, entity, before, "
                                   "after) VALUES (?, ?, ?, ?, ?, ?)");
            log.bind(1, audit.at).bind(2, audit.who).bind(3, audit.action).bind(4, audit.entity);
            log.bind(5, audit.before_json).bind(6, audit.after_json).run();
            counts = {count_of(project, "transcripts"), count_of(project, "annotations"),
                      count_of(project, "ratings"), count_of(project, "classifications")};
            project.exec("COMMIT");
        }
        catch (...)
        {
            sqlite3_exec(project.handle(), "ROLLBACK", nullptr, nullptr, nullptr);
            sqlite3_exec(project.handle(), "DELETE FROM temp.chosen", nullptr, nullptr, nullptr);
            throw;
        }
    }
    project.exec("DELETE FROM temp.chosen");
    return counts;
}

} // namespace attune::store
