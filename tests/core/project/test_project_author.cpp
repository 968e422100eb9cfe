// SPDX-License-Identifier: GPL-3.0-or-later
// Only the author of an annotation may change or delete it, and the commands themselves refuse
// (issue 11): the GUI and the CLI pass the acting coder and show core's refusal.
#include "core/project/session.h"
#include "project_fixture.h"

#include <catch2/catch.hpp>

using namespace attune;
using namespace attune::project;
using attune::testing::ProjectFixture;

namespace
{

void check_refused(const Result<Outcome>& r)
{
    REQUIRE_FALSE(r);
    CHECK(r.error().code == ErrorCode::Conflict);
    // A plain message naming the author and who tried.
    CHECK(r.error().message.find("is alice's: only its author can") != std::string::npos);
    CHECK(r.error().message.find("not bob") != std::string::npos);
}

} // namespace

TEST_CASE("project: another coder cannot change, recode, annotate the memo of or delete a passage",
          "[project][author]")
{
    ProjectFixture f;
    auto a = f.session->apply(Annotate{f.transcript, f.alice, "test", "IDEAL", 10, 20, "mine"});
    REQUIRE(a);
    const auto before = f.session->annotation(a->uuid).value();
    const auto audit_before = f.session->audit_log().size();

    check_refused(f.session->apply(ChangeSpan{f.bob, a->uuid, 12, 25}));
    check_refused(f.session->apply(ChangeCode{f.bob, a->uuid, "LACK"}));
    check_refused(f.session->apply(SetMemo{f.bob, a->uuid, "not yours"}));
    check_refused(f.session->apply(DeleteAnnotation{f.bob, a->uuid}));
    auto deleting = f.session->apply(DeleteAnnotation{f.bob, a->uuid});
    REQUIRE_FALSE(deleting);
    CHECK(deleting.error().message.find("only its author can delete it") != std::string::npos);

    const auto after = f.session->annotation(a->uuid);
    REQUIRE(after);
    CHECK(after->start == before.start);
    CHECK(after->end == before.end);
    CHECK(after->code == before.code);
    CHECK(after->memo == before.memo);
    CHECK(f.session->audit_log().size() == audit_before);
    CHECK(f.session->undo_label() == "Undo Annotate Idealizing"); // no step of bob's was added

    // The author may.
    REQUIRE(f.session->apply(ChangeSpan{f.alice, a->uuid, 12, 25}));
    REQUIRE(f.session->apply(SetMemo{f.alice, a->uuid, "still mine"}));
    REQUIRE(f.session->apply(ChangeCode{f.alice, a->uuid, "LACK"}));
    REQUIRE(f.session->apply(DeleteAnnotation{f.alice, a->uuid}));
}

TEST_CASE("project: an unknown acting coder is refused before the author rule", "[project][author]")
{
    ProjectFixture f;
    auto a = f.session->apply(Annotate{f.transcript, f.alice, "test", "IDEAL", 10, 20, ""});
    REQUIRE(a);
    auto r = f.session->apply(DeleteAnnotation{CoderId{9999}, a->uuid});
    REQUIRE_FALSE(r);
    CHECK(r.error().code == ErrorCode::NotFound);
    CHECK(r.error().message == "no coder with id 9999");
    CHECK(f.session->annotation(a->uuid));
}

TEST_CASE("project: a batch with one passage of another coder's is refused whole",
          "[project][author][batch]")
{
    ProjectFixture f;
    auto mine = f.session->apply(Annotate{f.transcript, f.bob, "test", "IDEAL", 0, 5, ""});
    auto theirs = f.session->apply(Annotate{f.transcript, f.alice, "test", "IDEAL", 10, 20, ""});
    REQUIRE(mine);
    REQUIRE(theirs);
    const std::vector<Command> batch = {DeleteAnnotation{f.bob, mine->uuid},
                                        DeleteAnnotation{f.bob, theirs->uuid}};
    check_refused(f.session->apply(batch, "Delete two"));
    CHECK(f.session->annotations(f.transcript).size() == 2);
}
