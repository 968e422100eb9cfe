// SPDX-License-Identifier: GPL-3.0-or-later
// Opening and creating projects under hostile timing: a killed migration, racing creators.
#include "core/store/project_store.h"
#include "temp_dir.h"

#include <catch2/catch.hpp>

#include <csignal>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <thread>

using namespace attune;
using attune::testing::TempDir;

namespace
{
const std::filesystem::path kFixture =
    std::filesystem::path(ATTUNE_TEST_DATA_DIR) / "store" / "project_v1.attune";
}

TEST_CASE("store: a migration killed while backing up leaves no backup that looks complete",
          "[store]")
{
    TempDir dir;
    const auto project = dir / "m.attune";
    std::filesystem::copy_file(kFixture, project);
    {
        // 24 MiB of padding makes the backup copy take long enough to be caught half-written.
        auto db = store::Database::open(project, store::OpenMode::ExistingOnly);
        REQUIRE(db);
        db->exec(
            "CREATE TABLE padding (x BLOB); INSERT INTO padding VALUES (randomblob(25165824))");
    }
    const auto size = std::filesystem::file_size(project);
    const auto backup = dir / "m.attune.v1.bak";

    const pid_t child = fork();
    REQUIRE(child >= 0);
    if (child == 0)
    {
        auto r = store::ProjectStore::open(project);
        _exit(r ? 0 : 1);
    }
    // Kill the migration the moment the backup's name appears.
    const auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(20);
    std::error_code ec;
    while (!std::filesystem::exists(backup, ec) && std::chrono::steady_clock::now() < give_up)
    {
        int status = 0;
        if (waitpid(child, &status, WNOHANG) == child)
            break;
    }
    kill(child, SIGKILL);
    waitpid(child, nullptr, 0);

    // Whatever the timing: a file under the backup's name is the whole copy.
    if (std::filesystem::exists(backup))
        CHECK(std::filesystem::file_size(backup) == size);
    // Opening again finishes the migration. Every file named as a backup is a whole copy (a
    // second one, .bak2, only when the first was complete before the kill).
    auto again = store::ProjectStore::open(project);
    REQUIRE(again);
    CHECK(again->db().query_int("PRAGMA user_version") == store::kSchemaVersion);
    CHECK(std::filesystem::exists(backup));
    for (const auto& entry : std::filesystem::directory_iterator(dir.path()))
    {
        const std::string name = entry.path().filename().string();
        INFO(name);
        if (name.rfind("m.attune.v1.bak", 0) == 0 && name.find("partial") == std::string::npos)
            CHECK(std::filesystem::file_size(entry.path()) == size);
    }
}

TEST_CASE("store: two processes creating the same project: one wins, the other gets Conflict",
          "[store]")
{
    for (int round = 0; round < 40; ++round)
    {
        TempDir dir;
        const auto project = dir / "n.attune";
        int pipes[2][2];
        pid_t children[2];
        for (int i = 0; i < 2; ++i)
        {
            REQUIRE(pipe(pipes[i]) == 0);
            children[i] = fork();
            REQUIRE(children[i] >= 0);
            if (children[i] == 0)
            {
                auto r = store::ProjectStore::create(project);
                // 0 created, 1 Conflict, 2 anything else (followed by the error).
                const char code = r ? '0' : r.error().code == ErrorCode::Conflict ? '1' : '2';
                std::string report(1, code);
                if (code == '2')
                    report += " " + r.error().to_string();
                (void)!write(pipes[i][1], report.data(), report.size());
                _exit(0);
            }
            close(pipes[i][1]);
        }
        std::string codes;
        std::string why;
        for (int i = 0; i < 2; ++i)
        {
            char buf[512];
            const ssize_t n = read(pipes[i][0], buf, sizeof buf);
            close(pipes[i][0]);
            waitpid(children[i], nullptr, 0);
            codes += n > 0 ? buf[0] : '?';
            if (n > 1)
                why.append(buf + 1, static_cast<std::size_t>(n - 1));
        }
        INFO("round " << round << ": " << codes << why);
        CHECK((codes == "01" || codes == "10"));
        auto opened = store::ProjectStore::open(project);
        REQUIRE(opened);
        CHECK(opened->db().query_int("PRAGMA user_version") == store::kSchemaVersion);
    }
}

TEST_CASE("store: an empty file is not an Attune project and is left untouched", "[store]")
{
    // Issue 17: a 0-byte .attune was "an SQLite file of another program".
    TempDir dir;
    const auto path = dir / "empty.attune";
    {
        std::ofstream touch(path);
    }
    const auto r = store::ProjectStore::open(path);
    REQUIRE_FALSE(r);
    CHECK(r.error().code == ErrorCode::Unsupported);
    CHECK(r.error().message == "the file is empty (0 bytes): not an Attune project");
    REQUIRE(r.error().where);
    CHECK(r.error().where->path == path.string());
    CHECK(std::filesystem::file_size(path) == 0);
    CHECK_FALSE(std::filesystem::exists(path.string() + "-wal"));
    CHECK_FALSE(std::filesystem::exists(path.string() + "-journal"));
}
