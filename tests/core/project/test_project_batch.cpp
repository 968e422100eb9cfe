// SPDX-License-Identifier: GPL-3.0-or-later
// A batch of commands ("accept all of bob's passages") is one transaction, one group of audit
// entries, one notification and one undo step; all or nothing (issue 11).
#include "core/project/session.h"
#include "project_fixture.h"

#include <catch2/catch.hpp>

#include <algorithm>

using namespace attune;
using namespace attune::project;
using attune::testing::ProjectFixture;

namespace
{

Annotate passage(const ProjectFixture& f, CoderId coder, const std::string& code,
                 std::int64_t start, std::int64_t end)
{
    return Annotate{f.transcript, coder, "test", code, start, end, ""};
}

std::size_t entries_with_action(Session& s, const std::string& action)
{
    const auto log = s.audit_log();
    return static_cast<std::size_t>(std::count_if(
        log.begin(), log.end(), [&](const AuditEntry& e) { return e.action == action; }));
}

} // namespace

TEST_CASE("project: a batch is one undo step that undoes and redoes all of it", "[project][batch]")
{
    ProjectFixture f;
    int notifications = 0;
    std::string last_label;
    f.session->subscribe(
        [&](const Changed& c)
        {
            ++notifications;
            last_label = c.label;
        });
    const std::vector<Command> batch = {
        passage(f, f.alice, "IDEAL", 0, 10), passage(f, f.alice, "LACK", 20, 30),
        Rate{f.transcript, f.alice, "test", "coherence", "", 5.0, ""},
        passage(f, f.alice, "IDEAL", 40, 50)};
    auto done = f.session->apply(batch, "Accept 3 passages of bob");
    REQUIRE(done);
    CHECK(done->parts.size() == 4);
    CHECK(done->uuid == done->parts.back().uuid);
    CHECK(done->changed == (Change::Codings | Change::Ratings));
    CHECK(notifications == 1);
    CHECK(last_label == "Accept 3 passages of bob");
    CHECK(f.session->annotations(f.transcript).size() == 3);
    CHECK(f.session->undo_label() == "Undo Accept 3 passages of bob");
    // One audit group: the batch entry, then the four commands' entries after it.
    const auto log = f.session->audit_log();
    REQUIRE(log.size() >= 5);
    CHECK(log[log.size() - 5].action == "batch");
    REQUIRE(log[log.size() - 5].after_json);
    CHECK(log[log.size() - 5].after_json->find("Accept 3 passages of bob") != std::string::npos);
    CHECK(log.back().action == "annotate");

    REQUIRE(f.session->undo());
    CHECK(f.session->annotations(f.transcript).empty());
    CHECK(f.session->ratings(f.transcript).empty());
    CHECK_FALSE(f.session->can_undo()); // the fixture's setup is not undoable: one step only
    CHECK(f.session->redo_label() == "Redo Accept 3 passages of bob");

    REQUIRE(f.session->redo());
    CHECK(f.session->annotations(f.transcript).size() == 3);
    CHECK(f.session->ratings(f.transcript).size() == 1);
    CHECK(notifications == 3);
}

TEST_CASE("project: a batch whose third command fails leaves nothing in the file",
          "[project][batch]")
{
    ProjectFixture f;
    const auto audit_before = f.session->audit_log().size();
    const std::vector<Command> batch = {passage(f, f.alice, "IDEAL", 0, 10),
                                        passage(f, f.alice, "LACK", 20, 30),
                                        passage(f, f.alice, "NO-SUCH-CODE", 40, 50)};
    auto r = f.session->apply(batch, "Accept 3 passages of bob");
    REQUIRE_FALSE(r);
    CHECK(r.error().code == ErrorCode::NotFound);
    CHECK(r.error().message.find("command 3 of 3") != std::string::npos);
    CHECK_FALSE(f.session->can_undo());

    // The file itself, read by another connection: no annotation, no audit entry of the batch.
    f.session.reset();
    auto reopened = Session::open(f.path);
    REQUIRE(reopened);
    CHECK((*reopened)->annotations().empty());
    CHECK((*reopened)->audit_log().size() == audit_before);
    CHECK(entries_with_action(**reopened, "batch") == 0);
}

TEST_CASE("project: a batch refuses commands that its undo step could not take back",
          "[project][batch]")
{
    ProjectFixture f;
    const auto audit_before = f.session->audit_log().size();
    const std::vector<Command> batch = {passage(f, f.alice, "IDEAL", 0, 10), AddCoder{"carol"}};
    auto r = f.session->apply(batch, "Mixed");
    REQUIRE_FALSE(r);
    CHECK(r.error().code == ErrorCode::InvalidArgument);
    CHECK(r.error().message.find("AddCoder (command 2 of 2) cannot be part of a batch") !=
          std::string::npos);
    CHECK(f.session->annotations().empty());
    CHECK_FALSE(f.session->coder("carol"));
    CHECK(f.session->audit_log().size() == audit_before);
}

TEST_CASE("project: a batch that changes one row twice undoes to the state before it",
          "[project][batch]")
{
    ProjectFixture f;
    REQUIRE(f.session->apply(Rate{f.transcript, f.alice, "test", "loving", "mother", 7.0, ""}));
    const std::vector<Command> batch = {
        Rate{f.transcript, f.alice, "test", "loving", "mother", 3.0, ""},
        Rate{f.transcript, f.alice, "test", "loving", "mother", 4.5, ""},
        ClearRating{f.transcript, f.alice, "test", "loving", "mother"},
        Rate{f.transcript, f.alice, "test", "coherence", "", 6.0, ""},
        ClearRating{f.transcript, f.alice, "test", "coherence", ""}};
    REQUIRE(f.session->apply(batch, "Rescore"));
    CHECK(f.session->ratings(f.transcript).empty());

    REQUIRE(f.session->undo()); // the whole batch: back to 7
    const auto back = f.session->ratings(f.transcript);
    REQUIRE(back.size() == 1);
    CHECK(back.front().value == 7.0);
    REQUIRE(f.session->redo());
    CHECK(f.session->ratings(f.transcript).empty());
    REQUIRE(f.session->undo());
    REQUIRE(f.session->undo()); // and the single rating before the batch
    CHECK(f.session->ratings(f.transcript).empty());
}

TEST_CASE("project: an empty batch does nothing", "[project][batch]")
{
    ProjectFixture f;
    const auto audit_before = f.session->audit_log().size();
    auto r = f.session->apply(std::vector<Command>{}, "Nothing");
    REQUIRE(r);
    CHECK(r->parts.empty());
    CHECK_FALSE(f.session->can_undo());
    CHECK(f.session->audit_log().size() == audit_before);
}
