// SPDX-License-Identifier: GPL-3.0-or-later
// The project's locks survive a stray close() elsewhere in the process (issue 10, lost work).
//
// The failure this guards against: the workbench has the project open; a GTK file chooser in the
// same process opens and closes the project's files (content-type sniffing), which drops every
// POSIX advisory lock the process held on them; `attune-cli` then runs, believes it is the last
// user, checkpoints and deletes the -wal and -shm; every later write of the workbench goes into
// the deleted WAL and is lost although it was acknowledged ("How To Corrupt An SQLite Database
// File", §2.2). The other process here is the real attune-cli.
#include "core/project/session.h"
#include "core/store/file_locks.h"
#include "project_fixture.h"

#include <catch2/catch.hpp>

#include <array>
#include <cstdio>
#include <fcntl.h>
#include <string>
#include <sys/wait.h>
#include <unistd.h>

using namespace attune;
using namespace attune::project;
using attune::testing::ProjectFixture;

namespace
{

/// Runs attune-cli with `args` and returns what it printed on stdout; fails the test on a non-zero
/// exit.
std::string cli(const std::string& args)
{
    const std::string command = std::string("'") + ATTUNE_CLI_PATH + "' " + args + " 2>&1";
    std::FILE* p = ::popen(command.c_str(), "r");
    REQUIRE(p);
    std::string out;
    std::array<char, 4096> buf{};
    while (const std::size_t n = std::fread(buf.data(), 1, buf.size(), p))
        out.append(buf.data(), n);
    const int status = ::pclose(p);
    INFO(command << "\n" << out);
    REQUIRE(WIFEXITED(status));
    REQUIRE(WEXITSTATUS(status) == 0);
    return out;
}

/// What a file chooser or thumbnailer does: open the file, read a little, close it.
void sniff(const std::filesystem::path& file)
{
    const int fd = ::open(file.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return; // (the -wal may not exist yet)
    char buf[512];
    (void)!::read(fd, buf, sizeof buf);
    ::close(fd);
}

std::string quoted(const std::filesystem::path& p)
{
    return "'" + p.string() + "'";
}

} // namespace

TEST_CASE("project: a stray close() of the project's files in this process loses no write",
          "[project][locks]")
{
    ProjectFixture f;
    REQUIRE(store::lock_guard_installed());
    REQUIRE(f.session->apply(AddCoder{"before-sniff"}));
    const std::string path = f.path.string();

    for (int round = 0; round < 3; ++round)
    {
        sniff(f.path);
        sniff(path + "-wal");
        sniff(path + "-shm");

        // Another process reads the project and exits; it must not believe it is alone.
        cli("transcripts " + quoted(f.path));
        CHECK(std::filesystem::exists(path + "-wal"));

        // This process writes after that; the write must reach the file that others read.
        const std::string name = "after-sniff-" + std::to_string(round);
        REQUIRE(f.session->apply(AddCoder{name}));
        const std::string coders = cli("coder list " + quoted(f.path));
        CHECK(coders.find(name) != std::string::npos);
    }
    CHECK(cli("check " + quoted(f.path)).find("integrity: ok") != std::string::npos);

    // And the work is there after this process lets go of the file.
    f.session.reset();
    const std::string coders = cli("coder list " + quoted(f.path));
    CHECK(coders.find("before-sniff") != std::string::npos);
    CHECK(coders.find("after-sniff-2") != std::string::npos);
}

TEST_CASE("project: two sessions of one process on one file still exclude each other correctly",
          "[project][locks]")
{
    // All of a process's locks on an inode go through one descriptor, so two connections in one
    // process share them as POSIX locks would (no self-deadlock), and writes of both survive.
    ProjectFixture f;
    auto second = Session::open(f.path);
    REQUIRE(second);
    for (int i = 0; i < 20; ++i)
    {
        REQUIRE(f.session->apply(AddCoder{"first-" + std::to_string(i)}));
        REQUIRE((*second)->apply(AddCoder{"second-" + std::to_string(i)}));
    }
    second->reset(); // closes the second session
    sniff(f.path);
    cli("transcripts " + quoted(f.path));
    REQUIRE(f.session->apply(AddCoder{"last"}));
    const std::string coders = cli("coder list " + quoted(f.path));
    CHECK(coders.find("first-19") != std::string::npos);
    CHECK(coders.find("second-19") != std::string::npos);
    CHECK(coders.find("last") != std::string::npos);
}
