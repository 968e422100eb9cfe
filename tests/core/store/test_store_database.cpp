// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/store/project_store.h"
#include "core/store/schema.h"
#include "temp_dir.h"

#include <catch2/catch.hpp>

#include <fstream>
#include <set>
#include <string>

using namespace attune;
using attune::testing::TempDir;

namespace
{

store::TranscriptRecord sample_transcript()
{
    store::TranscriptRecord t;
    t.title = "P1";
    t.participant = "P1";
    t.sha256 = "00";
    t.created = "2026-01-01T00:00:00.000Z";
    return t;
}

} // namespace

TEST_CASE("store: opening a missing project is NotFound and names the file", "[store]")
{
    TempDir dir;
    auto r = store::ProjectStore::open(dir / "missing.attune");
    REQUIRE_FALSE(r);
    CHECK(r.error().code == ErrorCode::NotFound);
    REQUIRE(r.error().where);
    CHECK(r.error().where->path == (dir / "missing.attune").string());
}

TEST_CASE("store: creating over an existing file is refused", "[store]")
{
    TempDir dir;
    std::ofstream(dir / "x.attune") << "keep me";
    auto r = store::ProjectStore::create(dir / "x.attune");
    REQUIRE_FALSE(r);
    CHECK(r.error().code == ErrorCode::Conflict);
    std::ifstream in(dir / "x.attune");
    std::string content;
    std::getline(in, content);
    CHECK(content == "keep me");
}

TEST_CASE("store: a file that is not a database is reported as corrupt", "[store]")
{
    TempDir dir;
    std::ofstream(dir / "junk.attune") << std::string(4096, 'x');
    auto r = store::ProjectStore::open(dir / "junk.attune");
    REQUIRE_FALSE(r);
    CHECK(r.error().code == ErrorCode::StoreCorrupt);
}

TEST_CASE("store: a new project has the current schema version, WAL and foreign keys", "[store]")
{
    TempDir dir;
    auto r = store::ProjectStore::create(dir / "p.attune");
    REQUIRE(r);
    auto& db = r->db();
    CHECK(db.query_int("PRAGMA user_version") == store::kSchemaVersion);
    CHECK(db.query_int("PRAGMA application_id") == store::kApplicationId);
    CHECK(db.query_text("PRAGMA journal_mode") == "wal");
    CHECK(db.query_int("PRAGMA foreign_keys") == 1);
    // An annotation naming a transcript and coder that do not exist violates the foreign keys.
    store::AnnotationRecord a{
        0,  store::new_uuid(), store::TranscriptId{42}, store::CoderId{7}, "s", "c", 0, 1, "", "t",
        "t"};
    store::Transaction tx(db);
    CHECK_THROWS_AS(r->put_annotation(a), store::StoreError);
}

TEST_CASE("store: a transaction rolls back when it is not committed", "[store]")
{
    TempDir dir;
    auto r = store::ProjectStore::create(dir / "p.attune");
    REQUIRE(r);
    {
        store::Transaction tx(r->db());
        r->insert_coder("alice", "t");
    }
    CHECK(r->coders().empty());
    {
        store::Transaction tx(r->db());
        r->insert_coder("alice", "t");
        tx.commit();
    }
    REQUIRE(r->coders().size() == 1);
    CHECK(r->coders()[0].name == "alice");
}

TEST_CASE("store: transcript text cannot be changed once stored", "[store]")
{
    TempDir dir;
    auto r = store::ProjectStore::create(dir / "p.attune");
    REQUIRE(r);
    store::Transaction tx(r->db());
    const auto id = r->insert_transcript(sample_transcript(), "I: hello\nR: hi");
    store::Statement update(r->db(), "UPDATE transcripts SET text = 'changed' WHERE id = ?");
    update.bind(1, id);
    try
    {
        update.run();
        FAIL("the update was accepted");
    }
    catch (const store::StoreError& e)
    {
        CHECK(std::string(e.what()).find("never changes") != std::string::npos);
    }
    CHECK(*r->transcript_text(id) == "I: hello\nR: hi");
}

TEST_CASE("store: a newer project file is refused with a clear message", "[store]")
{
    TempDir dir;
    {
        auto r = store::ProjectStore::create(dir / "p.attune");
        REQUIRE(r);
        r->db().exec("PRAGMA user_version = 99");
    }
    auto r = store::ProjectStore::open(dir / "p.attune");
    REQUIRE_FALSE(r);
    CHECK(r.error().code == ErrorCode::VersionTooNew);
    CHECK(r.error().message.find("newer Attune (schema version 99; this build reads up to " +
                                 std::to_string(store::kSchemaVersion) + ")") != std::string::npos);
}

TEST_CASE("store: an SQLite file of another program is not taken for a project", "[store]")
{
    TempDir dir;
    {
        auto db = store::Database::open(dir / "other.db", store::OpenMode::CreateNew);
        REQUIRE(db);
        db->exec("CREATE TABLE t(x)");
    }
    auto r = store::ProjectStore::open(dir / "other.db");
    REQUIRE_FALSE(r);
    CHECK(r.error().code == ErrorCode::Unsupported);
}

TEST_CASE("store: a damaged page fails the check on open", "[store]")
{
    TempDir dir;
    {
        auto r = store::ProjectStore::create(dir / "p.attune");
        REQUIRE(r);
        store::Transaction tx(r->db());
        for (int i = 0; i < 200; ++i)
            r->insert_transcript(sample_transcript(), std::string(2000, 'a') + std::to_string(i));
        tx.commit();
        r->db().exec("PRAGMA wal_checkpoint(TRUNCATE)");
    }
    {
        // Overwrite the middle of the file (past the header and schema pages) with garbage.
        std::fstream f(dir / "p.attune", std::ios::in | std::ios::out | std::ios::binary);
        f.seekp(4096 * 20);
        const std::string garbage(4096 * 3, '\xA5');
        f.write(garbage.data(), static_cast<std::streamsize>(garbage.size()));
    }
    auto r = store::ProjectStore::open(dir / "p.attune");
    REQUIRE_FALSE(r);
    CHECK(r.error().code == ErrorCode::StoreCorrupt);
}

TEST_CASE("store: a second writer is told the project is in use", "[store]")
{
    TempDir dir;
    auto first = store::ProjectStore::create(dir / "p.attune");
    REQUIRE(first);
    auto second = store::ProjectStore::open(dir / "p.attune", 100);
    REQUIRE(second);
    store::Transaction holding(first->db());
    try
    {
        store::Transaction tx(second->db());
        FAIL("the second writer got the lock");
    }
    catch (const store::StoreError& e)
    {
        CHECK(e.busy());
        const Error err = e.to_error();
        CHECK(err.code == ErrorCode::StoreBusy);
        CHECK(err.message.find("in use by another process") != std::string::npos);
    }
}

TEST_CASE("store: full-text search finds lines regardless of case and accents", "[store]")
{
    TempDir dir;
    auto r = store::ProjectStore::create(dir / "p.attune");
    REQUIRE(r);
    store::Transaction tx(r->db());
    const auto a = r->insert_transcript(sample_transcript(),
                                        "I: Tell me\nR: Ma mère était TRÈS chaleureuse\n\nR: Fin");
    const auto b = r->insert_transcript(sample_transcript(), "R: tres bien\n");
    tx.commit();
    auto hits = r->search("tres");
    REQUIRE(hits);
    REQUIRE(hits->size() == 2);
    CHECK((*hits)[0].transcript_id == a);
    CHECK((*hits)[0].line == 2);
    CHECK((*hits)[0].snippet.find("[TRÈS]") != std::string::npos);
    CHECK((*hits)[1].transcript_id == b);
    CHECK((*hits)[1].line == 1);
    auto fin = r->search("fin");
    REQUIRE(fin);
    REQUIRE(fin->size() == 1);
    CHECK((*fin)[0].line == 4);
    auto bad = r->search("\"unbalanced");
    REQUIRE_FALSE(bad);
    CHECK(bad.error().code == ErrorCode::InvalidArgument);
}

TEST_CASE("store: a search query of 4,000 words is refused before it runs", "[store]")
{
    // Issue 17 D4: FTS5 spent minutes in snippet() on such a query over every line with "a".
    TempDir dir;
    auto r = store::ProjectStore::create(dir / "p.attune");
    REQUIRE(r);
    store::Transaction tx(r->db());
    std::string text;
    for (int i = 0; i < 200; ++i)
        text += "R: a cat and a dog and a bird and a fish and a cow\n";
    r->insert_transcript(sample_transcript(), text);
    tx.commit();
    std::string query = "a";
    for (int i = 1; i < 4000; ++i)
        query += " a";
    auto many = r->search(query);
    REQUIRE_FALSE(many);
    CHECK(many.error().code == ErrorCode::InvalidArgument);
    CHECK(many.error().message == "the search query has 4000 words: too many terms (max 64)");
    // At the limit the search runs and marks every match in its 16-word window.
    auto hits = r->search(query.substr(0, 64 * 2 - 1));
    REQUIRE(hits);
    REQUIRE(hits->size() == 200);
    CHECK((*hits)[0].snippet == "R: [a] cat and [a] dog and [a] bird and [a] fish and [a] cow");
}

TEST_CASE("store: upserts keep one rating per transcript, coder, scale and target", "[store]")
{
    TempDir dir;
    auto r = store::ProjectStore::create(dir / "p.attune");
    REQUIRE(r);
    store::Transaction tx(r->db());
    const auto t = r->insert_transcript(sample_transcript(), "text");
    const auto c = r->insert_coder("alice", "t");
    store::RatingRecord rating{0, t, c, "aai", "loving", "mother", 5.0, false, "", "t"};
    r->put_rating(rating);
    rating.value = 6.5;
    r->put_rating(rating);
    rating.value.reset();
    rating.not_scorable = true;
    rating.target = "father";
    r->put_rating(rating);
    auto all = r->ratings({t, c});
    REQUIRE(all.size() == 2);
    CHECK(all[0].target == "father");
    CHECK(all[0].not_scorable);
    CHECK(all[1].value == Approx(6.5));
    // A value and not-scorable at once break the table's check.
    rating.value = 3.0;
    CHECK_THROWS_AS(r->put_rating(rating), store::StoreError);
}

TEST_CASE("store: every table of records raises the revision on insert, update and delete",
          "[store][derived]")
{
    TempDir dir;
    auto r = store::ProjectStore::create(dir / "p.attune");
    REQUIRE(r);
    auto& db = r->db();
    // A trigger per table and statement kind, so that no write path can forget the revision.
    for (const char* table : store::kRecordTables)
        for (const char* kind : {"insert", "update", "delete"})
        {
            INFO(table << " " << kind);
            CHECK(db.query_int(std::string("SELECT count(*) FROM sqlite_master WHERE type = "
                                           "'trigger' AND name = '") +
                               table + "_" + kind + "_raises_revision'") == 1);
        }
    // Every ordinary table but these is one of them: a new table cannot be left out unseen.
    store::Statement t(db, "SELECT name FROM sqlite_master WHERE type = 'table' AND sql NOT LIKE "
                           "'CREATE VIRTUAL%' AND name NOT LIKE 'line_fts%' AND name NOT IN "
                           "('revision', 'derived', 'sqlite_sequence') ORDER BY name");
    std::set<std::string> record_tables(std::begin(store::kRecordTables),
                                        std::end(store::kRecordTables));
    while (t.step())
        CHECK(record_tables.count(t.get_text(0)) == 1);

    const auto before = r->revision();
    {
        store::Transaction tx(db);
        r->set_setting("x", "1");
        tx.commit();
    }
    CHECK(r->revision() == before + 1);
    db.exec("UPDATE settings SET value = '2' WHERE key = 'x'");
    db.exec("DELETE FROM settings WHERE key = 'x'");
    CHECK(r->revision() == before + 3);
}

TEST_CASE("store: derived values are kept by key with their revision, the newest eight stay",
          "[store][derived]")
{
    TempDir dir;
    auto r = store::ProjectStore::create(dir / "p.attune");
    REQUIRE(r);
    CHECK_FALSE(r->derived("k0"));
    const auto revision = r->revision();
    const std::string bytes("a\0b\xff", 4); // a BLOB, not text
    for (int i = 0; i < 10; ++i)
    {
        store::Transaction tx(r->db());
        r->put_derived("k" + std::to_string(i), 7, bytes, "2026-12-02T09:00:0" + std::to_string(i),
                       8);
        tx.commit();
    }
    CHECK(r->revision() == revision); // keeping a result changes no record
    CHECK_FALSE(r->derived("k0"));
    CHECK_FALSE(r->derived("k1"));
    const auto kept = r->derived("k9");
    REQUIRE(kept);
    CHECK(kept->revision == 7);
    CHECK(kept->value == bytes);
    CHECK(r->db().query_int("SELECT count(*) FROM derived") == 8);
}

TEST_CASE("store: the quick check verifies structure, not CHECK constraints, and leaves them on",
          "[store]")
{
    TempDir dir;
    auto r = store::ProjectStore::create(dir / "p.attune");
    REQUIRE(r);
    r->insert_transcript(sample_transcript(), "text");
    auto& db = r->db();
    // A row no Attune writes (its name is blank), stored past the constraint the way another
    // program could: only the full integrity_check, which evaluates CHECKs, sees it.
    db.exec("PRAGMA ignore_check_constraints = ON");
    db.exec("INSERT INTO coders (name, created, uuid) VALUES ('  ', '2026-01-01T00:00:00.000Z', "
            "'00000000-0000-4000-8000-000000000001')");
    db.exec("PRAGMA ignore_check_constraints = OFF");
    CHECK(store::quick_problems(db).empty());
    CHECK_FALSE(store::integrity_problems(db).empty());
    // The quick check put enforcement back: the same insert is refused now.
    CHECK_THROWS_AS(db.exec("INSERT INTO coders (name, created, uuid) VALUES ('  ', "
                            "'2026-01-01T00:00:00.000Z', '00000000-0000-4000-8000-000000000002')"),
                    store::StoreError);
}
