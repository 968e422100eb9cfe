// SPDX-License-Identifier: GPL-3.0-or-later
// Identity (schema version 3): uuids on the project and on every record that can leave it, the
// scheme version each record was made under, version chains by uuid, coder roles; and the
// migration that gives old files all of that, tested from committed files that older builds
// wrote (tests/data/store/project_v1.attune, project_v2.attune: see make_project_v2.sh).
#include "core/store/project_store.h"
#include "temp_dir.h"

#include <catch2/catch.hpp>

#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <sstream>

using namespace attune;
using attune::testing::TempDir;

namespace
{

const std::filesystem::path kData = std::filesystem::path(ATTUNE_TEST_DATA_DIR) / "store";

// Written independently of store::is_uuid so that a fault there cannot hide here: what
// new_uuid() makes is RFC 9562 version 4, variant 10xx, lower case.
bool is_v4(const std::string& s)
{
    static const std::regex v4(
        "^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$");
    return std::regex_match(s, v4);
}

// The columns each table had in schema versions 1 and 2: migration must keep all of them.
const std::map<std::string, std::string> kOldColumns = {
    {"settings", "key, value"},
    {"coders", "id, name, created"},
    {"transcripts", "id, title, participant, interview_date, interviewer, language, metadata, "
                    "source_name, encoding, text, sha256, word_count, turn_count, line_count, "
                    "version, supersedes, created"},
    {"schemes", "id, scheme_id, version, name, xml, sha256, added"},
    {"annotations", "id, uuid, transcript_id, coder_id, scheme_id, code, start_cp, end_cp, memo, "
                    "created, modified"},
    {"ratings", "id, transcript_id, coder_id, scheme_id, scale, target, value, not_scorable, "
                "note, modified"},
    {"classifications", "id, transcript_id, coder_id, scheme_id, category, subcategory, "
                        "unresolved, alternative, note, modified"},
    {"audit_log", "id, at, who, action, entity, before, after"},
};

// Every row of `table` as text (SQLite's quote(), so NULL, '' and 0 differ), sorted (some
// tables have no rowid to order by).
std::vector<std::string> rows(store::Database& db, const std::string& table,
                              const std::string& columns)
{
    std::string expr;
    std::stringstream in(columns);
    for (std::string c; std::getline(in, c, ',');)
        expr += (expr.empty() ? "" : " || '|' || ") + std::string("quote(") + c + ")";
    std::vector<std::string> out;
    store::Statement s(db, "SELECT " + expr + " FROM " + table + " ORDER BY 1");
    while (s.step())
        out.push_back(s.get_text(0));
    return out;
}

// The whole content of a project file: its schema and every row of every ordinary table.
std::string whole(store::Database& db)
{
    std::string out =
        db.query_text("SELECT group_concat(type || ' ' || name || ' ' || coalesce(sql, ''), '\n') "
                      "FROM (SELECT * FROM sqlite_master ORDER BY name)");
    out += "\nuser_version " + db.query_text("PRAGMA user_version");
    std::vector<std::string> tables;
    {
        store::Statement t(db, "SELECT name FROM sqlite_master WHERE type = 'table' AND sql NOT "
                               "LIKE 'CREATE VIRTUAL%' ORDER BY name");
        while (t.step())
            tables.push_back(t.get_text(0));
    }
    for (const auto& t : tables)
    {
        std::string cols;
        store::Statement c(db, "SELECT name FROM pragma_table_info('" + t + "')");
        while (c.step())
            cols += (cols.empty() ? "" : ",") + c.get_text(0);
        out += "\n[" + t + "]";
        for (const auto& r : rows(db, t, cols))
            out += "\n" + r;
    }
    return out;
}

std::string bytes_of(const std::filesystem::path& p)
{
    std::ifstream in(p, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

std::vector<std::string> backups_in(const std::filesystem::path& dir)
{
    std::vector<std::string> out;
    for (const auto& e : std::filesystem::directory_iterator(dir))
        if (e.path().filename().string().find(".bak") != std::string::npos)
            out.push_back(e.path().filename().string());
    return out;
}

constexpr const char* kIdentityTables[] = {"coders",      "transcripts", "schemes",
                                           "annotations", "ratings",     "classifications"};

// What must hold after migrating a copy of `fixture` (schema `from`): returns the migrated
// store for the fixture-specific checks.
store::ProjectStore migrated_and_checked(const TempDir& dir, const std::string& fixture, int from)
{
    const auto pristine = dir / "pristine.attune";
    const auto project = dir / "old.attune";
    std::filesystem::copy_file(kData / fixture, pristine);
    std::filesystem::copy_file(kData / fixture, project);

    auto r = store::ProjectStore::open(project);
    REQUIRE(r);
    CHECK(r->migration().from_version == from);
    CHECK(r->migration().to_version == store::kSchemaVersion);
    CHECK(r->db().query_int("PRAGMA user_version") == store::kSchemaVersion);
    // The rebuild ran with foreign keys off; the connection must have them back.
    CHECK(r->db().query_int("PRAGMA foreign_keys") == 1);
    CHECK(store::integrity_problems(r->db()).empty());

    auto old = store::Database::open(pristine, store::OpenMode::ExistingOnly);
    REQUIRE(old);
    // Data unchanged: every old column of every row, in row order (so also the counts).
    for (const auto& [table, columns] : kOldColumns)
    {
        INFO(table);
        CHECK(rows(*old, table, columns) == rows(r->db(), table, columns));
    }
    // The line index came with version 2: a v2 file keeps its own, a v1 file gets one made.
    if (from >= 2)
    {
        CHECK(old->query_int("SELECT count(*) FROM line_fts") > 0);
        CHECK(old->query_int("SELECT count(*) FROM line_fts") ==
              r->db().query_int("SELECT count(*) FROM line_fts"));
    }
    else
        CHECK(r->db().query_int("SELECT count(*) FROM line_fts") > 0);

    // Every record that can leave the project has a well-formed uuid, unique across all of them.
    std::set<std::string> seen;
    std::size_t total = 0;
    for (const char* table : kIdentityTables)
    {
        INFO(table);
        const auto uuids = rows(r->db(), table, "uuid");
        CHECK_FALSE(uuids.empty());
        for (auto u : uuids)
        {
            u = u.substr(1, u.size() - 2); // quote() added '...'
            CHECK(is_v4(u));
            seen.insert(u);
            ++total;
        }
    }
    const auto project_uuid = r->project_uuid();
    CHECK(is_v4(project_uuid));
    seen.insert(project_uuid);
    CHECK(seen.size() == total + 1);
    for (const auto& c : r->coders())
        CHECK(c.role == "coder");

    // The backup is the old file: same schema, version and rows.
    REQUIRE(r->migration().backup);
    CHECK(*r->migration().backup == dir / ("old.attune.v" + std::to_string(from) + ".bak"));
    auto backup = store::Database::open(*r->migration().backup, store::OpenMode::ExistingOnly);
    REQUIRE(backup);
    CHECK(whole(*backup) == whole(*old));
    return std::move(*r);
}

} // namespace

TEST_CASE("store: a version-2 project gets identities and keeps its data", "[store][identity]")
{
    TempDir dir;
    auto r = migrated_and_checked(dir, "project_v2.attune", 2);

    // make_project_v2.sh: alice worked while cli-test version 1 was the newest, bob after
    // version 2 was added.
    std::map<std::string, store::CoderId> coder;
    for (const auto& c : r.coders())
        coder[c.name] = c.id;
    const auto anns = r.annotations({});
    REQUIRE(anns.size() == 3);
    for (const auto& a : anns)
    {
        INFO(a.code << " by coder " << a.coder_id);
        CHECK(a.scheme_version == (a.coder_id == coder["alice"] ? "1" : "2"));
    }
    const auto ratings = r.ratings({});
    REQUIRE(ratings.size() == 3);
    for (const auto& x : ratings)
        CHECK(x.scheme_version == (x.coder_id == coder["alice"] ? "1" : "2"));
    const auto cls = r.classifications({});
    REQUIRE(cls.size() == 2);
    for (const auto& x : cls)
        CHECK(x.scheme_version == (x.coder_id == coder["alice"] ? "1" : "2"));
    // The LACK annotation names version 1, the one that has the code (version 2 dropped it).
    const auto lack =
        std::find_if(anns.begin(), anns.end(), [](const auto& a) { return a.code == "LACK"; });
    REQUIRE(lack != anns.end());
    CHECK(lack->scheme_version == "1");

    // The version chain by uuid follows the chain by id.
    const auto older = r.transcript(store::TranscriptId{2});
    const auto newer = r.transcript(store::TranscriptId{3});
    REQUIRE(older);
    REQUIRE(newer);
    CHECK(newer->supersedes == store::TranscriptId{2});
    CHECK(newer->supersedes_uuid == older->uuid);
    CHECK_FALSE(older->supersedes_uuid);
    CHECK_FALSE(r.transcript(store::TranscriptId{1})->supersedes_uuid);
    // Each record is found again by its uuid.
    CHECK(r.transcript_by_uuid(newer->uuid)->id == store::TranscriptId{3});
    CHECK(r.coder_by_uuid(r.coder_by_id(coder["bob"])->uuid)->name == "bob");
    CHECK(r.annotation_by_uuid(lack->uuid)->id == lack->id);
    CHECK(r.rating_by_uuid(ratings[0].uuid)->id == ratings[0].id);
    CHECK(r.classification_by_uuid(cls[1].uuid)->id == cls[1].id);
    const auto schemes = r.schemes();
    REQUIRE(schemes.size() == 2);
    CHECK(r.scheme_by_uuid(schemes[1].uuid)->version == schemes[1].version);
}

TEST_CASE("store: a version-1 project reaches version 3 through version 2", "[store][identity]")
{
    TempDir dir;
    auto r = migrated_and_checked(dir, "project_v1.attune", 1);
    CHECK(r.annotations({}).at(0).uuid == "6f1c2a34-5b6d-4e7f-8a9b-0c1d2e3f4a5b");
    CHECK(r.annotations({}).at(0).scheme_version == "1");
    CHECK(r.ratings({}).at(0).scheme_version == "1");
    CHECK(r.classifications({}).at(0).scheme_version == "1");
    auto hits = r.search("tres"); // version 2's line index, made on the way
    REQUIRE(hits);
    CHECK(hits->size() == 1);
}

TEST_CASE("store: a migrated project opens again without migrating; its uuids stay",
          "[store][identity]")
{
    TempDir dir;
    const auto project = dir / "old.attune";
    std::filesystem::copy_file(kData / "project_v2.attune", project);
    std::vector<std::string> first;
    std::string project_uuid;
    {
        auto r = store::ProjectStore::open(project);
        REQUIRE(r);
        for (const char* table : kIdentityTables)
            for (const auto& u : rows(r->db(), table, "uuid"))
                first.push_back(u);
        project_uuid = r->project_uuid();
    }
    auto again = store::ProjectStore::open(project);
    REQUIRE(again);
    CHECK(again->migration().from_version == store::kSchemaVersion);
    CHECK_FALSE(again->migration().backup);
    CHECK(backups_in(dir.path()) == std::vector<std::string>{"old.attune.v2.bak"});
    std::vector<std::string> second;
    for (const char* table : kIdentityTables)
        for (const auto& u : rows(again->db(), table, "uuid"))
            second.push_back(u);
    CHECK(second == first);
    CHECK(again->project_uuid() == project_uuid);
}

TEST_CASE("store: a migration that fails half-way leaves the old file as it was",
          "[store][identity]")
{
    // Two annotation uuids that differ only in case become one uuid when lower-cased, which
    // the UNIQUE constraint refuses after several tables have been rebuilt.
    TempDir dir;
    const auto project = dir / "old.attune";
    std::filesystem::copy_file(kData / "project_v2.attune", project);
    std::string before;
    {
        auto db = store::Database::open(project, store::OpenMode::ExistingOnly);
        REQUIRE(db);
        db->exec("UPDATE annotations SET uuid = upper((SELECT uuid FROM annotations WHERE id = 1)) "
                 "WHERE id = 2");
        before = whole(*db);
    }
    auto r = store::ProjectStore::open(project);
    REQUIRE_FALSE(r);
    CHECK(r.error().code == ErrorCode::Conflict);
    CHECK(r.error().message.find("UNIQUE") != std::string::npos);
    auto db = store::Database::open(project, store::OpenMode::ExistingOnly);
    REQUIRE(db);
    CHECK(db->query_int("PRAGMA user_version") == 2);
    CHECK(whole(*db) == before);
}

TEST_CASE("store: a damaged old project is refused and not written to", "[store][identity]")
{
    for (const char* fixture : {"project_v1.attune", "project_v2.attune"})
    {
        INFO(fixture);
        TempDir dir;
        const auto project = dir / "old.attune";
        std::filesystem::copy_file(kData / fixture, project);
        {
            // The schema says the index holds start_cp while its b-tree holds transcript_id
            // (and coder_id): damage quick_check misses and integrity_check finds.
            auto db = store::Database::open(project, store::OpenMode::ExistingOnly);
            REQUIRE(db);
            const char* index = std::string(fixture) == "project_v1.attune"
                                    ? "annotations_by_transcript"
                                    : "annotations_by_transcript_coder";
            db->exec(std::string("PRAGMA writable_schema = 1; UPDATE sqlite_schema SET sql = "
                                 "'CREATE INDEX ") +
                     index + " ON annotations(start_cp)' WHERE name = '" + index + "'");
        }
        const auto bytes = bytes_of(project);
        auto r = store::ProjectStore::open(project);
        REQUIRE_FALSE(r);
        CHECK(r.error().code == ErrorCode::StoreCorrupt);
        CHECK(bytes_of(project) == bytes);
        CHECK(backups_in(dir.path()).empty());
    }
}

TEST_CASE("store: an old project the user may not write is refused before any backup",
          "[store][identity]")
{
    TempDir dir;
    // The directory is writable (a backup could be put there), the file is not.
    REQUIRE(chmod(dir.path().c_str(), 0777) == 0);
    const auto project = dir / "old.attune";
    std::filesystem::copy_file(kData / "project_v2.attune", project);
    REQUIRE(chmod(project.c_str(), 0444) == 0);
    const auto bytes = bytes_of(project);

    // Root may write any file, so the open runs in a child that is not root (nobody).
    const pid_t child = fork();
    REQUIRE(child >= 0);
    if (child == 0)
    {
        if (getuid() == 0 && (setgid(65534) != 0 || setuid(65534) != 0))
            _exit(10);
        auto r = store::ProjectStore::open(project);
        if (r)
            _exit(1);
        const bool said = r.error().message.find("read-only") != std::string::npos;
        _exit(r.error().code == ErrorCode::Io && said ? 0 : 2);
    }
    int status = 0;
    REQUIRE(waitpid(child, &status, 0) == child);
    REQUIRE(WIFEXITED(status));
    CHECK(WEXITSTATUS(status) == 0); // 1: opened (migrated?), 2: another error, 10: no nobody
    CHECK(bytes_of(project) == bytes);
    CHECK(backups_in(dir.path()).empty());
}

TEST_CASE("store: new records get uuids on insert; given ones are kept and checked",
          "[store][identity]")
{
    TempDir dir;
    auto r = store::ProjectStore::create(dir / "p.attune");
    REQUIRE(r);
    CHECK(is_v4(r->project_uuid()));
    store::Transaction tx(r->db());

    const auto alice = r->insert_coder("alice", "t");
    CHECK(is_v4(r->coder_by_id(alice)->uuid));
    CHECK(r->coder_by_id(alice)->role == "coder");
    r->set_coder_role(alice, "master");
    CHECK(r->coder_by_id(alice)->role == "master");
    CHECK_THROWS_AS(r->set_coder_role(alice, "boss"), store::StoreError);
    const auto given = store::new_uuid();
    const auto bob =
        r->insert_coder(store::CoderRecord{store::CoderId{}, "bob", "t", given, "consensus"});
    CHECK(r->coder_by_uuid(given)->id == bob);
    CHECK(r->coder_by_id(bob)->role == "consensus");
    CHECK_THROWS_AS(r->insert_coder(store::CoderRecord{store::CoderId{}, "carol", "t", given}),
                    store::StoreError); // the uuid is taken
    CHECK_THROWS_AS(
        r->insert_coder(store::CoderRecord{store::CoderId{}, "dave", "t", "not-a-uuid"}),
        store::StoreError);

    store::SchemeRecord scheme{0, "s", "1", "S", "00", "t"};
    r->insert_scheme(scheme, "<scheme/>");
    scheme.version = "2";
    r->insert_scheme(scheme, "<scheme/>");
    CHECK(is_v4(r->scheme_version("s", "2")->uuid));

    store::TranscriptRecord t;
    t.title = "P1";
    t.sha256 = "00";
    t.created = "t";
    const auto t1 = r->insert_transcript(t, "one");
    // The version it supersedes, given by id: the uuid is filled in; given by uuid: the id.
    t.supersedes = t1;
    const auto t2 = r->insert_transcript(t, "two");
    CHECK(r->transcript(t2)->supersedes_uuid == r->transcript(t1)->uuid);
    t.supersedes.reset();
    t.supersedes_uuid = r->transcript(t2)->uuid;
    const auto t3 = r->insert_transcript(t, "three");
    CHECK(r->transcript(t3)->supersedes == t2);
    t.supersedes = store::TranscriptId{999}; // no such transcript
    CHECK_THROWS_AS(r->insert_transcript(t, "four"), store::StoreError);
    t.supersedes.reset();
    t.supersedes_uuid = store::new_uuid(); // no such transcript either
    CHECK_THROWS_AS(r->insert_transcript(t, "five"), store::StoreError);

    // An empty scheme version names the newest stored one; a given one must be stored.
    store::AnnotationRecord a{0, {}, t1, alice, "s", "c", 0, 1, "", "t", "t"};
    const auto a1 = r->insert_annotation(a);
    CHECK(is_v4(r->annotation_by_id(a1)->uuid));
    CHECK(r->annotation_by_id(a1)->scheme_version == "2");
    a.scheme_version = "1";
    const auto a2 = r->insert_annotation(a);
    CHECK(r->annotation_by_id(a2)->scheme_version == "1");
    a.scheme_version = "7";
    CHECK_THROWS_AS(r->insert_annotation(a), store::StoreError);
    // A scheme the project does not hold: nothing to name.
    a.scheme_id = "unknown";
    a.scheme_version.clear();
    CHECK(r->annotation_by_id(r->insert_annotation(a))->scheme_version.empty());

    // Replacing a rating keeps its uuid (it is the same rating).
    store::RatingRecord rating{0, t1, alice, "s", "loving", "", 5.0, false, "", "t"};
    r->put_rating(rating);
    const auto first = r->rating(t1, alice, "s", "loving", "");
    REQUIRE(first);
    CHECK(is_v4(first->uuid));
    CHECK(first->scheme_version == "2");
    rating.value = 6.0;
    rating.scheme_version = "1";
    r->put_rating(rating);
    const auto second = r->rating(t1, alice, "s", "loving", "");
    CHECK(second->uuid == first->uuid);
    CHECK(second->scheme_version == "1");
    CHECK(second->value == Approx(6.0));

    store::ClassificationRecord k{0, t1, alice, "s", "F", {}, {}, {}, "", "t"};
    r->put_classification(k);
    const auto kc = r->classification(t1, alice, "s");
    REQUIRE(kc);
    CHECK(is_v4(kc->uuid));
    CHECK(kc->scheme_version == "2");
    CHECK(r->classification_by_uuid(kc->uuid)->category == "F");
}

TEST_CASE("store: uuids come from the system, not from a sequence a fork repeats",
          "[store][identity]")
{
    std::set<std::string> seen;
    for (int i = 0; i < 10000; ++i)
    {
        const auto u = store::new_uuid();
        REQUIRE(is_v4(u));
        REQUIRE(store::is_uuid(u));
        seen.insert(u);
    }
    CHECK(seen.size() == 10000);
    // A generator seeded once per process would give parent and child the same next uuid.
    int fds[2];
    REQUIRE(pipe(fds) == 0);
    const pid_t child = fork();
    REQUIRE(child >= 0);
    if (child == 0)
    {
        const auto u = store::new_uuid();
        _exit(write(fds[1], u.data(), u.size()) == 36 ? 0 : 1);
    }
    const auto mine = store::new_uuid();
    REQUIRE(waitpid(child, nullptr, 0) == child);
    char buf[36];
    REQUIRE(read(fds[0], buf, sizeof buf) == 36);
    close(fds[0]);
    close(fds[1]);
    CHECK(std::string(buf, 36) != mine);

    CHECK_FALSE(store::is_uuid("6F1C2A34-5B6D-4E7F-8A9B-0C1D2E3F4A5B")); // stored lower case
    CHECK_FALSE(store::is_uuid("6f1c2a345-b6d-4e7f-8a9b-0c1d2e3f4a5b"));
    CHECK_FALSE(store::is_uuid("6f1c2a34-5b6d-4e7f-8a9b-0c1d2e3f4a5"));
    CHECK(store::is_uuid("6f1c2a34-5b6d-1e7f-0a9b-0c1d2e3f4a5b")); // any version and variant
}
