// SPDX-License-Identifier: GPL-3.0-or-later
// Projects in read-only places (issue 17 D7): a read-only file, a read-only folder, both, a
// read-only mount. They open read-only, every read works, every write is refused with the
// file's name, and nothing is left beside the file that blocks a later writer.
//
// Root ignores file permissions, and CI runs as root: there, each reader runs in a forked child
// that has dropped to nobody/nogroup, the way a coder without write access meets the file.
#include "core/project/session.h"
#include "core/store/database.h"
#include "temp_dir.h"

#include <catch2/catch.hpp>

#include <grp.h>
#include <pwd.h>
#include <sys/mount.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <functional>
#include <set>
#include <string>

using namespace attune;
using attune::testing::TempDir;
namespace fs = std::filesystem;

namespace
{

const fs::path kV1Fixture = fs::path(ATTUNE_TEST_DATA_DIR) / "store" / "project_v1.attune";

/// The user the readers run as, and whether this process must switch to it.
struct Reader
{
    uid_t uid = ::geteuid();
    gid_t gid = ::getegid();
    bool switch_user = false;
};

Reader reader()
{
    Reader r;
    if (::geteuid() != 0)
        return r;
    const passwd* pw = ::getpwnam("nobody");
    REQUIRE(pw != nullptr);
    r.uid = pw->pw_uid;
    const group* gr = ::getgrnam("nogroup");
    r.gid = gr ? gr->gr_gid : pw->pw_gid;
    r.switch_user = true;
    return r;
}

/// Runs `body` in a forked child as the reader and returns the text it produced; a failure to
/// switch user or an exception comes back as "child: ...". Reporting through a pipe keeps
/// Catch2's assertions in the parent, where they are counted.
std::string as_reader(const std::function<std::string()>& body)
{
    const Reader r = reader();
    int fds[2];
    REQUIRE(::pipe(fds) == 0);
    const pid_t pid = ::fork();
    REQUIRE(pid >= 0);
    if (pid == 0)
    {
        ::close(fds[0]);
        std::string out;
        if (r.switch_user &&
            (::setgroups(0, nullptr) != 0 || ::setresgid(r.gid, r.gid, r.gid) != 0 ||
             ::setresuid(r.uid, r.uid, r.uid) != 0))
            out = "child: cannot switch to the unprivileged user";
        else
        {
            try
            {
                out = body();
            }
            catch (const std::exception& e)
            {
                out = std::string("child: exception: ") + e.what();
            }
        }
        std::size_t done = 0;
        while (done < out.size())
        {
            const auto n = ::write(fds[1], out.data() + done, out.size() - done);
            if (n <= 0)
                break;
            done += static_cast<std::size_t>(n);
        }
        ::_exit(0);
    }
    ::close(fds[1]);
    std::string out;
    char buf[4096];
    for (ssize_t n; (n = ::read(fds[0], buf, sizeof buf)) > 0;)
        out.append(buf, static_cast<std::size_t>(n));
    ::close(fds[0]);
    int status = 0;
    ::waitpid(pid, &status, 0);
    CHECK(WIFEXITED(status));
    return out;
}

void give_to_reader(const fs::path& p)
{
    const Reader r = reader();
    if (r.switch_user)
        REQUIRE(::chown(p.c_str(), r.uid, r.gid) == 0);
}

/// A project with one coder and one transcript, owned by the reader, in `dir` (also the
/// reader's); all connections closed, so nothing but the file is left.
fs::path make_project(const TempDir& dir)
{
    fs::permissions(dir.path(), fs::perms::owner_all | fs::perms::group_read |
                                    fs::perms::group_exec | fs::perms::others_read |
                                    fs::perms::others_exec);
    give_to_reader(dir.path());
    const auto p = dir / "study.attune";
    {
        auto s = project::Session::create(p);
        REQUIRE(s);
        REQUIRE((*s)->apply(project::AddCoder{"anna"}));
        project::AddTranscript t;
        t.meta.title = "P01";
        t.meta.participant = "P01";
        t.text = "I: Tell me about your mother.\nR: She was warm and very loving.\n";
        REQUIRE((*s)->apply(t));
    }
    give_to_reader(p);
    return p;
}

std::set<std::string> names_in(const fs::path& dir)
{
    std::set<std::string> out;
    for (const auto& e : fs::directory_iterator(dir))
        out.insert(e.path().filename().string());
    return out;
}

const auto kReadOnlyFile = fs::perms::owner_read | fs::perms::group_read | fs::perms::others_read;
const auto kWritableFile = kReadOnlyFile | fs::perms::owner_write;
const auto kReadOnlyDir =
    kReadOnlyFile | fs::perms::owner_exec | fs::perms::group_exec | fs::perms::others_exec;
const auto kWritableDir = kReadOnlyDir | fs::perms::owner_write;

/// What a reader finds: whether the session is read-only and why, what the reads return and
/// what a write answers. One line per fact, so a failure shows them all.
std::string read_everything(const fs::path& p)
{
    auto s = project::Session::open(p);
    if (!s)
        return "open: " + s.error().to_string();
    auto& session = **s;
    std::string out = "read_only=" + std::to_string(session.read_only()) + "\n";
    out += "reason=" + session.read_only_reason() + "\n";
    out += "coders=" + std::to_string(session.coders().size()) + "\n";
    out += "transcripts=" + std::to_string(session.transcripts().size()) + "\n";
    auto hits = session.search("loving");
    out += "search=" + (hits ? std::to_string(hits->size()) : hits.error().to_string()) + "\n";
    auto check = session.check();
    out += "check=" + std::string(check && check->ok() ? "ok" : "problems") + "\n";
    auto write = session.apply(project::AddCoder{"ben"});
    out += "write=" + (write ? std::string("accepted") : write.error().to_string()) + "\n";
    out += "write_code=" + std::string(write ? "" : to_string(write.error().code)) + "\n";
    auto backup = session.save_copy(project::automatic_backup_path(p), true);
    out += "backup=" + (backup ? std::string("written") : backup.error().to_string()) + "\n";
    return out;
}

std::string write_once(const fs::path& p, const std::string& coder)
{
    auto s = project::Session::open(p);
    if (!s)
        return "open: " + s.error().to_string();
    auto r = (*s)->apply(project::AddCoder{coder});
    return r ? std::string("written") : r.error().to_string();
}

void check_read_only_session(const std::string& got, const fs::path& p, const std::string& reason)
{
    INFO(got);
    CHECK(got.find("read_only=1\n") != std::string::npos);
    CHECK(got.find("reason=" + reason + "\n") != std::string::npos);
    CHECK(got.find("coders=1\n") != std::string::npos);
    CHECK(got.find("transcripts=1\n") != std::string::npos);
    CHECK(got.find("search=1\n") != std::string::npos);
    CHECK(got.find("check=ok\n") != std::string::npos);
    CHECK(got.find("write=" + p.string() + ": the project is read-only (" + reason +
                   "); nothing was changed\n") != std::string::npos);
    CHECK(got.find("write_code=io\n") != std::string::npos);
    CHECK(got.find("backup=" + project::automatic_backup_path(p).string() +
                   ": the project is read-only (" + reason +
                   "): its automatic backup is not written\n") != std::string::npos);
}

} // namespace

TEST_CASE("read-only: a project in a read-only place opens read-only, reads work, writes are "
          "refused, and a later writer is not blocked",
          "[store][read-only]")
{
    struct Place
    {
        const char* name;
        fs::perms file;
        fs::perms dir;
        const char* reason;
    };
    const Place places[] = {
        {"read-only file", kReadOnlyFile, kWritableDir, "the file is read-only"},
        {"read-only folder", kWritableFile, kReadOnlyDir, "its folder is read-only"},
        {"both", kReadOnlyFile, kReadOnlyDir, "the file is read-only"},
    };
    for (const auto& place : places)
    {
        SECTION(place.name)
        {
            TempDir dir;
            const auto p = make_project(dir);
            const auto before = names_in(dir.path());
            REQUIRE(before == std::set<std::string>{"study.attune"});
            fs::permissions(p, place.file);
            fs::permissions(dir.path(), place.dir);

            check_read_only_session(as_reader([&] { return read_everything(p); }), p, place.reason);
            // Nothing left beside the file: no -wal, -shm, .backup, .partial.
            CHECK(names_in(dir.path()) == before);

            // Write access restored: the reader is a writer now, and nothing of the read-only
            // session stands in its way (a read-only -wal or -shm would: "attempt to write a
            // readonly database").
            fs::permissions(p, kWritableFile);
            fs::permissions(dir.path(), kWritableDir);
            CHECK(as_reader([&] { return write_once(p, "carol"); }) == "written");
            CHECK(names_in(dir.path()) == before);
        }
    }
}

TEST_CASE("read-only: a reader in a read-only folder sees what a writer that has the project "
          "open committed to its -wal",
          "[store][read-only]")
{
    TempDir dir;
    const auto p = make_project(dir);
    // The writer (this process) keeps its connection: its commit lives only in the -wal, which
    // a read of the file alone (immutable=1) would not see.
    auto writer = project::Session::open(p);
    REQUIRE(writer);
    REQUIRE((*writer)->apply(project::AddCoder{"ben"}));
    REQUIRE(fs::exists(p.string() + "-wal"));
    fs::permissions(dir.path(), kReadOnlyDir);

    const auto got = as_reader(
        [&]
        {
            auto s = project::Session::open(p);
            if (!s)
                return "open: " + s.error().to_string();
            return "read_only=" + std::to_string((*s)->read_only()) +
                   " coders=" + std::to_string((*s)->coders().size());
        });
    CHECK(got == "read_only=1 coders=2");
    fs::permissions(dir.path(), kWritableDir);
}

TEST_CASE("read-only: a snapshot of a read-only project is read again when the file changes",
          "[store][read-only]")
{
    TempDir dir;
    const auto p = make_project(dir);
    fs::permissions(dir.path(), kReadOnlyDir);
    // The reader opens, then waits for the writer (root, or the owner: permissions do not stop
    // this process) to add a coder and close, then looks again.
    int go[2];
    int ready[2];
    REQUIRE(::pipe(go) == 0);
    REQUIRE(::pipe(ready) == 0);
    const Reader r = reader();
    const pid_t pid = ::fork();
    REQUIRE(pid >= 0);
    if (pid == 0)
    {
        ::close(go[1]);
        ::close(ready[0]);
        if (r.switch_user &&
            (::setgroups(0, nullptr) != 0 || ::setresgid(r.gid, r.gid, r.gid) != 0 ||
             ::setresuid(r.uid, r.uid, r.uid) != 0))
            ::_exit(10);
        auto s = project::Session::open(p);
        if (!s || !(*s)->read_only() || (*s)->coders().size() != 1)
            ::_exit(11);
        int notified = 0;
        (*s)->subscribe([&](const project::Changed& c)
                        { notified += c.label == project::kChangedElsewhere; });
        auto unchanged = (*s)->refresh_if_changed_elsewhere();
        if (!unchanged || *unchanged)
            ::_exit(12);
        char c = 'r';
        if (::write(ready[1], &c, 1) != 1 || ::read(go[0], &c, 1) != 1)
            ::_exit(13);
        auto changed = (*s)->refresh_if_changed_elsewhere();
        if (!changed || !*changed || notified != 1)
            ::_exit(14);
        if ((*s)->coders().size() != 2 || !(*s)->read_only())
            ::_exit(15);
        ::_exit(0);
    }
    ::close(go[0]);
    ::close(ready[1]);
    char c = 0;
    REQUIRE(::read(ready[0], &c, 1) == 1);
    if (::geteuid() == 0)
    {
        REQUIRE(write_once(p, "ben") == "written"); // root writes into the read-only folder
    }
    else
    {
        fs::permissions(dir.path(), kWritableDir);
        REQUIRE(write_once(p, "ben") == "written");
        fs::permissions(dir.path(), kReadOnlyDir);
    }
    REQUIRE(::write(go[1], &c, 1) == 1);
    int status = 0;
    ::waitpid(pid, &status, 0);
    ::close(go[1]);
    ::close(ready[0]);
    REQUIRE(WIFEXITED(status));
    CHECK(WEXITSTATUS(status) == 0);
    fs::permissions(dir.path(), kWritableDir);
}

TEST_CASE("read-only: an older project that needs migrating is refused, and nothing is written",
          "[store][read-only]")
{
    TempDir dir;
    fs::permissions(dir.path(), kWritableDir);
    give_to_reader(dir.path());
    const auto p = dir / "old.attune";
    fs::copy_file(kV1Fixture, p);
    give_to_reader(p);
    fs::permissions(p, kReadOnlyFile);
    const auto got = as_reader(
        [&]
        {
            auto s = project::Session::open(p);
            return s ? std::string("opened") : s.error().to_string();
        });
    CHECK(got == p.string() +
                     ": the project was written by an older Attune (schema version 1) and must "
                     "be updated before it can be opened, but it is read-only (the file is "
                     "read-only); nothing was changed: make it writable and open it again");
    CHECK(names_in(dir.path()) == std::set<std::string>{"old.attune"});
    fs::permissions(p, kWritableFile);
}

TEST_CASE("read-only: a new project in a read-only folder is refused with the reason",
          "[store][read-only]")
{
    TempDir dir;
    give_to_reader(dir.path());
    fs::permissions(dir.path(), kReadOnlyDir);
    const auto p = dir / "new.attune";
    const auto got = as_reader(
        [&]
        {
            auto s = project::Session::create(p);
            return s ? std::string("created") : s.error().to_string();
        });
    CHECK(got == p.string() + ": cannot create the project: its folder is read-only");
    CHECK(names_in(dir.path()).empty());
    fs::permissions(dir.path(), kWritableDir);
}

TEST_CASE("read-only: a project on a read-only mount opens read-only (when this system lets "
          "the test mount)",
          "[store][read-only]")
{
    TempDir dir;
    const auto p = make_project(dir);
    const auto view = dir / "view";
    // A read-only bind mount of a folder that holds the project (the project's own folder
    // cannot be mounted under itself, so the file is moved into a subfolder first).
    fs::create_directory(dir / "data");
    fs::rename(p, dir / "data" / "study.attune");
    fs::create_directory(view);
    if (::mount((dir / "data").c_str(), view.c_str(), nullptr, MS_BIND, nullptr) != 0)
    {
        WARN("mount is not permitted here; the read-only mount case was not run");
        return;
    }
    if (::mount(nullptr, view.c_str(), nullptr, MS_REMOUNT | MS_BIND | MS_RDONLY, nullptr) != 0)
    {
        ::umount2(view.c_str(), MNT_DETACH);
        WARN("a read-only remount is not permitted here; the read-only mount case was not run");
        return;
    }
    const auto mounted = view / "study.attune";
    // As this process (root included: a read-only file system binds root too).
    const auto got = read_everything(mounted);
    check_read_only_session(got, mounted, "it is on a read-only file system");
    CHECK(names_in(view) == std::set<std::string>{"study.attune"});
    ::umount2(view.c_str(), MNT_DETACH);
    CHECK(write_once(dir / "data" / "study.attune", "carol") == "written");
    CHECK(names_in(dir / "data") == std::set<std::string>{"study.attune"});
}
