// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/store/project_store.h"
#include "temp_dir.h"

#include <catch2/catch.hpp>

using namespace attune;
using attune::testing::TempDir;

namespace
{
const std::filesystem::path kFixture =
    std::filesystem::path(ATTUNE_TEST_DATA_DIR) / "store" / "project_v1.attune";
}

TEST_CASE("store: a version-1 project is backed up and migrated to the current version", "[store]")
{
    TempDir dir;
    const auto project = dir / "old.attune";
    std::filesystem::copy_file(kFixture, project);

    auto r = store::ProjectStore::open(project);
    REQUIRE(r);
    CHECK(r->migration().from_version == 1);
    CHECK(r->migration().to_version == store::kSchemaVersion);
    REQUIRE(r->migration().backup);
    CHECK(*r->migration().backup == dir / "old.attune.v1.bak");
    CHECK(r->db().query_int("PRAGMA user_version") == store::kSchemaVersion);
    CHECK(r->db().query_text("PRAGMA journal_mode") == "wal");
    // Version 2 added the per-coder index and the line index for search.
    CHECK(r->db().query_int("SELECT count(*) FROM sqlite_master WHERE name = "
                            "'annotations_by_transcript_coder'") == 1);

    // The data came through untouched.
    auto anns = r->annotations({});
    REQUIRE(anns.size() == 1);
    CHECK(anns[0].uuid == "6f1c2a34-5b6d-4e7f-8a9b-0c1d2e3f4a5b");
    CHECK(anns[0].start == 32);
    CHECK(anns[0].end == 80);
    CHECK(anns[0].memo == "warm words");
    auto ratings = r->ratings({});
    REQUIRE(ratings.size() == 1);
    CHECK(ratings[0].value == Approx(6.5));
    CHECK(r->classifications({}).at(0).subcategory == "F3");
    CHECK(r->transcript(store::TranscriptId{1})->metadata_json == "{\"site\": \"Leeds\"}");

    // Existing transcripts were indexed by the migration: an accent-free query finds "très".
    auto hits = r->search("tres");
    REQUIRE(hits);
    REQUIRE(hits->size() == 1);
    CHECK((*hits)[0].transcript_id.value() == 1);
    CHECK((*hits)[0].line == 2);

    // The backup is the untouched version-1 file.
    auto backup = store::Database::open(*r->migration().backup, store::OpenMode::ExistingOnly);
    REQUIRE(backup);
    CHECK(backup->query_int("PRAGMA user_version") == 1);
    CHECK(backup->query_int("SELECT count(*) FROM annotations") == 1);
}

TEST_CASE("store: opening a migrated project again does not migrate or back up twice", "[store]")
{
    TempDir dir;
    const auto project = dir / "old.attune";
    std::filesystem::copy_file(kFixture, project);
    {
        auto first = store::ProjectStore::open(project);
        REQUIRE(first);
    }
    auto again = store::ProjectStore::open(project);
    REQUIRE(again);
    CHECK(again->migration().from_version == store::kSchemaVersion);
    CHECK_FALSE(again->migration().backup);
    CHECK_FALSE(std::filesystem::exists(dir / "old.attune.v1.bak2"));
}

TEST_CASE("store: the fixture holds exactly the released version-1 schema", "[store]")
{
    // Guards the migration test itself: if someone edits schema_v1_sql(), the fixture (and every
    // user's old file) no longer matches it.
    TempDir dir;
    auto fresh = store::Database::open(dir / "v1.db", store::OpenMode::CreateNew);
    REQUIRE(fresh);
    fresh->exec(store::schema_v1_sql());
    auto fixture = store::Database::open(kFixture, store::OpenMode::ExistingOnly);
    REQUIRE(fixture);
    const char* q = "SELECT group_concat(type || ' ' || name || ' ' || coalesce(sql, ''), '\n') "
                    "FROM (SELECT * FROM sqlite_master ORDER BY name)";
    CHECK(fresh->query_text(q) == fixture->query_text(q));
}
