// SPDX-License-Identifier: GPL-3.0-or-later
// Team work (core/team): assignments, coder packages and the exact merge, through real project
// files in a temporary folder.
#include "core/store/database.h"
#include "core/store/schema.h"
#include "core/team/team.h"
#include "project_fixture.h"

#include <catch2/catch.hpp>

#include <fstream>
#include <map>
#include <set>
#include <sstream>

using namespace attune;
using attune::testing::ProjectFixture;

namespace
{

template <class T> T must(Result<T> r)
{
    if (!r)
        FAIL("call failed: " << r.error().to_string());
    return std::move(*r);
}

std::unique_ptr<project::Session> open(const std::filesystem::path& p)
{
    return must(project::Session::open(p));
}

// Everything a coder's work consists of, by uuid, without row ids: what must come out the same
// whichever way the work travelled.
std::string work_of(project::Session& s)
{
    std::ostringstream out;
    std::map<project::CoderId, std::string> names;
    for (const auto& c : s.coders())
        names[c.id] = c.name + "/" + c.uuid + "/" + c.role;
    std::set<std::string> lines;
    for (const auto& a : s.annotations())
        lines.insert("A " + a.uuid + " " + names[a.coder_id] + " " + a.code + " " +
                     std::to_string(a.start) + "-" + std::to_string(a.end) + " " + a.memo + " " +
                     a.modified);
    for (const auto& r : s.ratings())
        lines.insert("R " + r.uuid + " " + names[r.coder_id] + " " + r.scale + "/" + r.target +
                     " " + (r.value ? std::to_string(*r.value) : "NS") + " " + r.modified);
    for (const auto& c : s.classifications())
        lines.insert("C " + c.uuid + " " + names[c.coder_id] + " " + c.category + " " + c.modified);
    for (const auto& l : lines)
        out << l << '\n';
    return out.str();
}

std::int64_t audit_count(project::Session& s)
{
    return static_cast<std::int64_t>(s.audit_log().size());
}

struct Team : ProjectFixture
{
    project::TranscriptId second;

    Team()
    {
        project::AddTranscript t;
        t.meta.title = "P002 interview";
        t.meta.participant = "P002";
        t.text = "I: And your father?\nR: He worked a lot. I don't remember much.";
        second = must(session->apply(t)).transcript;
    }

    std::filesystem::path package_for(project::CoderId c, const std::string& file)
    {
        const auto out = dir / file;
        ::must(team::make_package(*session, {c, out, true}));
        return out;
    }

    static std::string annotate(project::Session& s, project::CoderId c, project::TranscriptId t,
                                std::int64_t start, std::int64_t end, const std::string& code)
    {
        return ProjectFixture::must(s.apply(project::Annotate{t, c, "test", code, start, end, ""}))
            .uuid;
    }
};

} // namespace

TEST_CASE("assign draws the same reliability subset from the same seed and deals the rest",
          "[team]")
{
    Team f;
    for (int i = 3; i <= 10; ++i)
    {
        project::AddTranscript t;
        t.meta.title = "P" + std::to_string(i);
        t.text = "R: text number " + std::to_string(i) + ".";
        ProjectFixture::must(f.session->apply(t));
    }
    team::AssignRequest r{{f.alice, f.bob}, {}, 0.25, 42, true};
    const auto a = must(team::assign(*f.session, r));
    const auto b = must(team::assign(*f.session, r));
    CHECK(a.reliability == b.reliability);
    CHECK(a.reliability.size() == 3); // round(0.25 * 10)
    REQUIRE(a.rest.size() == 2);
    CHECK(a.rest[0].second.size() + a.rest[1].second.size() == 7);
    CHECK(a.rest[0].second.size() == 4); // dealt in turn: 4 and 3
    r.seed = 43;
    const auto c = must(team::assign(*f.session, r));
    CHECK(c.reliability.size() == 3);

    // Every transcript is assigned; the subset to both coders, the rest to one.
    std::map<project::TranscriptId, int> coders;
    for (const auto& x : team::assignments(*f.session))
        ++coders[x.transcript];
    CHECK(coders.size() == 10);
    for (const auto t : c.reliability)
        CHECK(coders[t] == 2);

    CHECK(team::assign(*f.session, {{}, {}, 0.5, 1, false}).error().code ==
          ErrorCode::InvalidArgument);
    CHECK(team::assign(*f.session, {{f.alice}, {}, 1.5, 1, false}).error().code ==
          ErrorCode::InvalidArgument);
    CHECK(team::assign(*f.session, {{f.alice, f.alice}, {}, 0.5, 1, false}).error().code ==
          ErrorCode::InvalidArgument);
}

TEST_CASE("a package holds the assigned transcripts and its coder's own work only", "[team]")
{
    Team f;
    Team::annotate(*f.session, f.alice, f.transcript, 0, 10, "IDEAL");
    Team::annotate(*f.session, f.bob, f.transcript, 5, 20, "LACK");
    must(team::assign(*f.session, {{f.alice}, {f.transcript}, std::nullopt, 1, false}));

    const auto file = f.package_for(f.alice, "alice.attune");
    auto p = open(file);
    CHECK(p->project_uuid() == f.session->project_uuid());
    REQUIRE(p->coders().size() == 1);
    CHECK(p->coders()[0].name == "alice");
    REQUIRE(p->transcripts().size() == 1);
    CHECK(p->transcripts()[0].transcript.participant == "P001");
    REQUIRE(p->annotations().size() == 1);
    CHECK(p->annotations()[0].code == "IDEAL");
    // No audit entry of the project's (bob's passage among them) travels.
    for (const auto& e : p->audit_log())
        CHECK(e.action == "package made");
    const auto info = team::package_info(*p);
    REQUIRE(info);
    CHECK(info->coder_uuid == p->coders()[0].uuid);
    // The project records it; a package cannot be packaged, assigned or merged into.
    CHECK(f.session->audit_log().back().action == "make package");
    CHECK(team::make_package(*p, {f.alice, f.dir / "again.attune", false}).error().code ==
          ErrorCode::Conflict);
    CHECK(team::merge_packages(*p, {file}).error().code == ErrorCode::Conflict);
    // Bob has nothing assigned in a project with assignments.
    CHECK(team::make_package(*f.session, {f.bob, f.dir / "bob.attune", false}).error().code ==
          ErrorCode::Conflict);
    CHECK_FALSE(std::filesystem::exists(f.dir / "bob.attune"));
    // An existing file is not overwritten without being told to.
    CHECK(team::make_package(*f.session, {f.alice, file, false}).error().code ==
          ErrorCode::Conflict);
}

TEST_CASE("merging adds the package's work; merging it again changes nothing", "[team]")
{
    Team f;
    const auto file = f.package_for(f.alice, "alice.attune");
    {
        auto p = open(file);
        Team::annotate(*p, f.alice, f.transcript, 0, 10, "IDEAL");
        Team::annotate(*p, f.alice, f.second, 3, 12, "LACK");
        ProjectFixture::must(
            p->apply(project::Rate{f.transcript, f.alice, "test", "coherence", "", 5.0, "ok"}));
        ProjectFixture::must(p->apply(project::Classify{f.transcript, f.alice, "test", "F", "F3",
                                                        std::nullopt, std::nullopt, ""}));
    }
    const auto dry = must(team::merge_packages(*f.session, {file}, {true}));
    CHECK(dry.packages.at(0).added == 4);
    CHECK(f.session->annotations().empty());

    const auto first = must(team::merge_packages(*f.session, {file}));
    REQUIRE(first.packages.size() == 1);
    CHECK(first.packages[0].coder == "alice");
    CHECK(first.packages[0].added == 4);
    CHECK(first.packages[0].conflicts.empty());
    CHECK(first.packages[0].refused.empty());
    const auto work = work_of(*f.session);
    const auto entries = audit_count(*f.session);

    const auto again = must(team::merge_packages(*f.session, {file}));
    CHECK(again.packages[0].added == 0);
    CHECK(again.packages[0].unchanged == 4);
    CHECK_FALSE(again.changes_project());
    CHECK(work_of(*f.session) == work);
    CHECK(audit_count(*f.session) == entries);
}

TEST_CASE("edits and deletions made in a package travel, again and again", "[team]")
{
    Team f;
    const auto kept = Team::annotate(*f.session, f.alice, f.transcript, 0, 10, "IDEAL");
    const auto gone = Team::annotate(*f.session, f.alice, f.transcript, 20, 30, "LACK");
    ProjectFixture::must(
        f.session->apply(project::Rate{f.transcript, f.alice, "test", "coherence", "", 4.0, ""}));
    const auto file = f.package_for(f.alice, "alice.attune");
    {
        auto p = open(file);
        ProjectFixture::must(p->apply(project::ChangeSpan{f.alice, kept, 2, 12}));
        ProjectFixture::must(p->apply(project::DeleteAnnotation{f.alice, gone}));
        ProjectFixture::must(
            p->apply(project::ClearRating{f.transcript, f.alice, "test", "coherence", ""}));
    }
    auto r = must(team::merge_packages(*f.session, {file}));
    CHECK(r.packages[0].changed == 1);
    CHECK(r.packages[0].deleted == 2);
    CHECK(r.packages[0].conflicts.empty());
    auto a = must(f.session->annotation(kept));
    CHECK(a.start == 2);
    CHECK(a.end == 12);
    CHECK_FALSE(f.session->annotation(gone));
    CHECK(f.session->ratings().empty());

    // The coder goes on in the same package; the second merge takes the new edit (the project's
    // copy came from this package and is unchanged here), with no conflict.
    {
        auto p = open(file);
        ProjectFixture::must(p->apply(project::ChangeSpan{f.alice, kept, 4, 14}));
    }
    r = must(team::merge_packages(*f.session, {file}));
    CHECK(r.packages[0].changed == 1);
    CHECK(r.packages[0].conflicts.empty());
    CHECK(must(f.session->annotation(kept)).start == 4);
}

TEST_CASE("a record changed on both sides: the newer change wins, the other is audited", "[team]")
{
    Team f;
    const auto uuid = Team::annotate(*f.session, f.alice, f.transcript, 0, 10, "IDEAL");
    const auto file = f.package_for(f.alice, "alice.attune");
    {
        auto p = open(file);
        ProjectFixture::must(p->apply(project::ChangeSpan{f.alice, uuid, 1, 11}));
    }
    // Changed here later than in the package.
    ProjectFixture::must(f.session->apply(project::ChangeSpan{f.alice, uuid, 5, 15}));
    const auto r = must(team::merge_packages(*f.session, {file}));
    REQUIRE(r.packages[0].conflicts.size() == 1);
    CHECK(r.packages[0].conflicts[0].uuid == uuid);
    CHECK(r.packages[0].conflicts[0].detail.find("project's newer") != std::string::npos);
    CHECK(must(f.session->annotation(uuid)).start == 5);
    bool audited = false;
    for (const auto& e : f.session->audit_log())
        if (e.action == "merge conflict" && e.entity == "annotation " + uuid)
        {
            audited = true;
            REQUIRE(e.before_json);
            CHECK(e.before_json->find("\"start_cp\":1") != std::string::npos); // the loser
        }
    CHECK(audited);

    // Now the package's edit is the newer one.
    {
        auto p = open(file);
        ProjectFixture::must(p->apply(project::ChangeSpan{f.alice, uuid, 7, 17}));
    }
    const auto r2 = must(team::merge_packages(*f.session, {file}));
    REQUIRE(r2.packages[0].conflicts.size() == 1);
    CHECK(r2.packages[0].conflicts[0].detail.find("package's newer") != std::string::npos);
    CHECK(must(f.session->annotation(uuid)).start == 7);
}

TEST_CASE("packages of different coders merged in either order give the same project", "[team]")
{
    Team f;
    const auto a = f.package_for(f.alice, "alice.attune");
    const auto b = f.package_for(f.bob, "bob.attune");
    {
        auto p = open(a);
        Team::annotate(*p, f.alice, f.transcript, 0, 10, "IDEAL");
        ProjectFixture::must(
            p->apply(project::Rate{f.transcript, f.alice, "test", "coherence", "", 6.0, ""}));
    }
    {
        auto p = open(b);
        Team::annotate(*p, f.bob, f.transcript, 3, 9, "LACK");
        ProjectFixture::must(p->apply(project::Classify{f.second, f.bob, "test", "Ds", "Ds1",
                                                        std::nullopt, std::nullopt, ""}));
    }
    f.session.reset();
    const auto one = f.dir / "one.attune";
    const auto two = f.dir / "two.attune";
    std::filesystem::copy_file(f.path, one);
    std::filesystem::copy_file(f.path, two);
    auto s1 = open(one);
    auto s2 = open(two);
    must(team::merge_packages(*s1, {a, b}));
    must(team::merge_packages(*s2, {b}));
    must(team::merge_packages(*s2, {a}));
    CHECK(work_of(*s1) == work_of(*s2));
    CHECK(s1->annotations().size() == 2);
}

TEST_CASE("tampered and foreign packages are refused and the project is unchanged", "[team]")
{
    Team f;
    const auto file = f.package_for(f.alice, "alice.attune");
    {
        auto p = open(file);
        Team::annotate(*p, f.alice, f.transcript, 0, 10, "IDEAL");
    }
    const auto work = work_of(*f.session);
    const auto entries = audit_count(*f.session);
    auto edited = [&](const std::string& name, const std::string& sql)
    {
        const auto copy = f.dir / name;
        std::filesystem::copy_file(file, copy, std::filesystem::copy_options::overwrite_existing);
        auto db = must(store::Database::open(copy, store::OpenMode::ExistingOnly));
        db.exec(sql);
        return copy;
    };
    auto refused = [&](const std::filesystem::path& p, ErrorCode code, const std::string& words)
    {
        const auto r = team::merge_packages(*f.session, {p});
        REQUIRE_FALSE(r);
        CHECK(r.error().code == code);
        CHECK(r.error().message.find(words) != std::string::npos);
        REQUIRE(r.error().where);
        CHECK(r.error().where->path == p.string());
        CHECK(work_of(*f.session) == work);
        CHECK(audit_count(*f.session) == entries);
    };

    SECTION("changed transcript text")
    {
        refused(edited("text.attune", "DROP TRIGGER transcripts_text_is_immutable; UPDATE "
                                      "transcripts SET text = text || ' and more'"),
                ErrorCode::Conflict, "different text");
    }
    SECTION("changed scheme under the same version")
    {
        refused(edited("scheme.attune",
                       "UPDATE schemes SET xml = replace(xml, 'IDEAL', 'IDEAL2'), sha256 = "
                       "'0000000000000000000000000000000000000000000000000000000000000000'"),
                ErrorCode::StoreCorrupt, "checksum");
    }
    SECTION("another project's package")
    {
        refused(edited("other.attune",
                       "UPDATE project SET uuid = '00000000-0000-4000-8000-000000000000'"),
                ErrorCode::Conflict, "another project");
    }
    SECTION("an ordinary project file")
    {
        refused(edited("plain.attune", "DELETE FROM package"), ErrorCode::Unsupported,
                "not a coder package");
    }
    SECTION("a future schema version")
    {
        refused(edited("future.attune", "PRAGMA user_version = 99"), ErrorCode::VersionTooNew,
                "newer Attune");
    }
    SECTION("a damaged file")
    {
        const auto copy = f.dir / "damaged.attune";
        std::filesystem::copy_file(file, copy);
        const auto size = std::filesystem::file_size(copy);
        std::filesystem::resize_file(copy, size / 2);
        const auto r = team::merge_packages(*f.session, {copy});
        REQUIRE_FALSE(r);
        CHECK(work_of(*f.session) == work);
        CHECK(audit_count(*f.session) == entries);
    }
}

TEST_CASE("hostile records in a package are refused one by one with the reason", "[team]")
{
    Team f;
    const auto file = f.package_for(f.alice, "alice.attune");
    {
        auto p = open(file);
        Team::annotate(*p, f.alice, f.transcript, 0, 10, "IDEAL");
        Team::annotate(*p, f.alice, f.transcript, 20, 30, "IDEAL");
    }
    {
        auto db = must(store::Database::open(file, store::OpenMode::ExistingOnly));
        db.exec("UPDATE annotations SET end_cp = 100000 WHERE start_cp = 20");
    }
    const auto r = must(team::merge_packages(*f.session, {file}));
    CHECK(r.packages[0].added == 1);
    REQUIRE(r.packages[0].refused.size() == 1);
    CHECK(r.packages[0].refused[0].detail.find("not inside the transcript") != std::string::npos);
    CHECK(f.session->annotations().size() == 1);
}

TEST_CASE("a deletion in the package against a change here, and one rating in two identities",
          "[team]")
{
    Team f;
    const auto uuid = Team::annotate(*f.session, f.alice, f.transcript, 0, 10, "IDEAL");
    const auto file = f.package_for(f.alice, "alice.attune");
    {
        auto p = open(file);
        ProjectFixture::must(p->apply(project::DeleteAnnotation{f.alice, uuid}));
        // Rated in the package...
        ProjectFixture::must(
            p->apply(project::Rate{f.transcript, f.alice, "test", "coherence", "", 3.0, ""}));
    }
    // ...changed here afterwards, and rated here too, later: the project's are the newer.
    ProjectFixture::must(f.session->apply(project::ChangeSpan{f.alice, uuid, 2, 12}));
    ProjectFixture::must(
        f.session->apply(project::Rate{f.transcript, f.alice, "test", "coherence", "", 7.0, ""}));
    const auto r = must(team::merge_packages(*f.session, {file}));
    REQUIRE(r.packages[0].conflicts.size() == 2);
    std::set<std::string> kinds;
    for (const auto& c : r.packages[0].conflicts)
        kinds.insert(c.kind);
    CHECK(kinds == std::set<std::string>{"annotation", "rating"});
    CHECK(must(f.session->annotation(uuid)).start == 2); // the newer change stays
    REQUIRE(f.session->ratings().size() == 1);
    CHECK(f.session->ratings()[0].value == 7.0);
    // Merging again reports the same conflicts and changes nothing.
    const auto work = work_of(*f.session);
    const auto again = must(team::merge_packages(*f.session, {file}));
    CHECK(again.packages[0].conflicts.size() == 2);
    CHECK(work_of(*f.session) == work);
}

TEST_CASE("an undone deletion is a record again; a merged deletion leaves a tombstone", "[team]")
{
    Team f;
    const auto uuid = Team::annotate(*f.session, f.alice, f.transcript, 0, 10, "IDEAL");
    ProjectFixture::must(f.session->apply(project::DeleteAnnotation{f.alice, uuid}));
    REQUIRE(f.session->undo());
    CHECK(f.session->annotation(uuid));
    const auto file = f.package_for(f.alice, "alice.attune");
    {
        auto p = open(file);
        REQUIRE(p->annotations().size() == 1); // restored by undo, so packaged
        ProjectFixture::must(p->apply(project::DeleteAnnotation{f.alice, uuid}));
    }
    const auto r = must(team::merge_packages(*f.session, {file}));
    CHECK(r.packages[0].deleted == 1);
    CHECK_FALSE(f.session->annotation(uuid));
    // A second package of the same coder, made now, does not bring it back.
    const auto later = f.package_for(f.alice, "alice2.attune");
    CHECK(open(later)->annotations().empty());
    CHECK_FALSE(must(team::merge_packages(*f.session, {later, file})).changes_project());
}

TEST_CASE("a package record under another coder's uuid is refused, not written over theirs",
          "[team]")
{
    Team f;
    const auto bobs = Team::annotate(*f.session, f.bob, f.transcript, 5, 20, "LACK");
    const auto file = f.package_for(f.alice, "alice.attune");
    {
        auto p = open(file);
        Team::annotate(*p, f.alice, f.transcript, 0, 10, "IDEAL");
    }
    {
        auto db = must(store::Database::open(file, store::OpenMode::ExistingOnly));
        store::Statement s(db, "UPDATE annotations SET uuid = ?");
        s.bind(1, bobs).run();
    }
    const auto work = work_of(*f.session);
    const auto r = must(team::merge_packages(*f.session, {file}));
    CHECK(r.packages[0].added == 0);
    REQUIRE(r.packages[0].refused.size() == 1);
    CHECK(r.packages[0].refused[0].detail.find("another coder") != std::string::npos);
    CHECK(must(f.session->annotation(bobs)).coder_id == f.bob);
    CHECK(work_of(*f.session) == work);
}
