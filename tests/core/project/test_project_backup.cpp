// SPDX-License-Identifier: GPL-3.0-or-later
// Copies and backups (issue 10: a damaged file is never opened as if it were fine, and the
// newest good backup is offered). The damage is made with the sqlite3 shell: an index whose
// declared columns no longer match its b-tree, which quick_check misses and integrity_check
// reports (the kind of damage lost locks left behind).
#include "core/project/session.h"
#include "project_fixture.h"

#include <catch2/catch.hpp>

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <thread>

using namespace attune;
using namespace attune::project;
using attune::testing::ProjectFixture;

namespace
{

void damage(const std::filesystem::path& file)
{
    const std::string cmd =
        "sqlite3 '" + file.string() +
        "' \"PRAGMA writable_schema=1; UPDATE sqlite_schema SET sql='CREATE INDEX "
        "annotations_by_transcript_coder ON annotations(coder_id, transcript_id, start_cp)' "
        "WHERE name='annotations_by_transcript_coder';\"";
    REQUIRE(std::system(cmd.c_str()) == 0);
}

std::string bytes(const std::filesystem::path& file)
{
    std::ifstream in(file, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

void code_some(ProjectFixture& f)
{
    for (int i = 0; i < 5; ++i)
    {
        REQUIRE(f.session->apply(Annotate{f.transcript, f.alice, "test", "IDEAL", i, i + 3, ""}));
        REQUIRE(f.session->apply(Annotate{f.transcript, f.bob, "test", "IDEAL", i, i + 2, ""}));
    }
}

} // namespace

TEST_CASE("project: save_copy writes everything so far, also what is only in the WAL",
          "[project][backup]")
{
    ProjectFixture f;
    code_some(f);
    const auto copy = f.dir / "copy.attune";
    REQUIRE(f.session->save_copy(copy));
    CHECK_FALSE(std::filesystem::exists(f.dir / "copy.attune.partial"));
    {
        auto c = Session::open(copy);
        REQUIRE(c);
        CHECK((*c)->annotations().size() == 10);
    }
    auto again = f.session->save_copy(copy);
    REQUIRE_FALSE(again);
    CHECK(again.error().code == ErrorCode::Conflict);
    auto self = f.session->save_copy(f.path);
    REQUIRE_FALSE(self);
    CHECK(self.error().code == ErrorCode::Conflict);
    REQUIRE(f.session->save_copy(copy, true)); // the automatic backup replaces its old copy
}

TEST_CASE("project: a damaged project is refused on open, untouched, and a good backup is found",
          "[project][backup]")
{
    ProjectFixture f;
    code_some(f);
    const auto backup = automatic_backup_path(f.path);
    CHECK(backup.filename() == "fixture.attune.backup");
    REQUIRE(f.session->save_copy(backup, true));
    f.session.reset();

    damage(f.path);
    const std::string before = bytes(f.path);
    auto opened = Session::open(f.path);
    REQUIRE_FALSE(opened);
    CHECK(opened.error().code == ErrorCode::StoreCorrupt);
    CHECK(opened.error().message.find("integrity_check") != std::string::npos);
    CHECK(bytes(f.path) == before);

    auto good = good_backups(f.path);
    REQUIRE(good.size() == 1);
    CHECK(good.front().path == backup);
    {
        auto b = Session::open(good.front().path);
        REQUIRE(b);
        CHECK((*b)->annotations().size() == 10);
    }

    // A damaged backup is not offered.
    damage(backup);
    CHECK(good_backups(f.path).empty());
}
