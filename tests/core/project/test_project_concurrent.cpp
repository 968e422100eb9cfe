// SPDX-License-Identifier: GPL-3.0-or-later
// Two writers on one project (the workbench and attune-cli, or two windows): changes made
// elsewhere are noticed, and undo never overwrites them (issue 10). Each "other program" here is
// a second Session on the same file, which is what attune-cli is.
#include "core/project/session.h"
#include "project_fixture.h"

#include <catch2/catch.hpp>

using namespace attune;
using namespace attune::project;
using attune::testing::ProjectFixture;

namespace
{

std::unique_ptr<Session> other(const ProjectFixture& f)
{
    auto s = Session::open(f.path);
    REQUIRE(s);
    return std::move(*s);
}

std::optional<double> loving_mother(Session& s, CoderId coder, TranscriptId t)
{
    for (const auto& r : s.ratings(t, coder))
        if (r.scale == "loving" && r.target == "mother")
            return r.value;
    return std::nullopt;
}

} // namespace

TEST_CASE("project: undo refuses when another program changed the rating since", "[project][undo]")
{
    ProjectFixture f;
    REQUIRE(f.session->apply(Rate{f.transcript, f.alice, "test", "loving", "mother", 7.0, ""}));
    REQUIRE(f.session->apply(Rate{f.transcript, f.alice, "test", "loving", "mother", 3.0, ""}));

    // attune-cli rates it 8 meanwhile.
    auto cli = other(f);
    REQUIRE(cli->apply(Rate{f.transcript, f.alice, "test", "loving", "mother", 8.0, ""}));

    auto undone = f.session->undo();
    REQUIRE_FALSE(undone);
    CHECK(undone.error().code == ErrorCode::Conflict);
    CHECK(undone.error().message.find("cannot undo") != std::string::npos);
    CHECK(loving_mother(*f.session, f.alice, f.transcript) == 8.0);
    // The history described a file that no longer exists: it is gone, older steps too.
    CHECK_FALSE(f.session->can_undo());
    CHECK_FALSE(f.session->can_redo());

    // The audit log has no false "before": the last rating entry is the CLI's 3 → 8.
    const auto log = f.session->audit_log();
    REQUIRE_FALSE(log.empty());
    CHECK(log.back().action == "rate");
    REQUIRE(log.back().after_json);
    CHECK(log.back().after_json->find("8") != std::string::npos);
}

TEST_CASE("project: undo of a memo refuses after the annotation was remapped elsewhere",
          "[project][undo]")
{
    ProjectFixture f;
    const auto line4 = static_cast<std::int64_t>(ProjectFixture::kLine4Start);
    auto a =
        f.session->apply(Annotate{f.transcript, f.alice, "test", "IDEAL", line4, line4 + 4, ""});
    REQUIRE(a);
    REQUIRE(f.session->apply(SetMemo{f.alice, a->uuid, "first thought"}));

    // attune-cli imports a corrected text with --supersedes --remap: the annotation moves.
    auto cli = other(f);
    AddTranscript fix;
    fix.meta.title = "P001 corrected";
    fix.meta.supersedes = f.transcript;
    fix.text = ProjectFixture::kText;
    fix.text.replace(fix.text.find("warm"), 4, "very warm");
    fix.remap = true;
    auto moved = cli->apply(fix);
    REQUIRE(moved);

    auto undone = f.session->undo();
    REQUIRE_FALSE(undone);
    CHECK(undone.error().code == ErrorCode::Conflict);
    auto ann = f.session->annotation(a->uuid);
    REQUIRE(ann);
    CHECK(ann->transcript_id == moved->transcript); // still on the new version
    CHECK(ann->memo == "first thought");
    auto report = f.session->check();
    REQUIRE(report);
    CHECK(report->integrity_problems.empty());
}

TEST_CASE("project: undo and redo still work when nobody else touched the rows", "[project][undo]")
{
    ProjectFixture f;
    REQUIRE(f.session->apply(Rate{f.transcript, f.alice, "test", "loving", "mother", 7.0, ""}));
    REQUIRE(f.session->apply(Rate{f.transcript, f.alice, "test", "loving", "mother", 3.0, ""}));
    // Another program changing something else does not block this undo.
    auto cli = other(f);
    REQUIRE(cli->apply(Rate{f.transcript, f.bob, "test", "loving", "mother", 5.0, ""}));
    REQUIRE(f.session->undo());
    CHECK(loving_mother(*f.session, f.alice, f.transcript) == 7.0);
    REQUIRE(f.session->redo());
    CHECK(loving_mother(*f.session, f.alice, f.transcript) == 3.0);
    REQUIRE(f.session->undo());
    REQUIRE(f.session->undo());
    CHECK_FALSE(loving_mother(*f.session, f.alice, f.transcript));
    CHECK(loving_mother(*f.session, f.bob, f.transcript) == 5.0);
}

TEST_CASE("project: a change committed by another connection is noticed once", "[project]")
{
    ProjectFixture f;
    int told = 0;
    std::string label;
    const int token = f.session->subscribe(
        [&](const Changed& c)
        {
            if (c.label != kChangedElsewhere)
                return; // this session's own writes are announced as usual
            ++told;
            label = c.label;
            CHECK(any(c.kinds & Change::Codings));
            CHECK(any(c.kinds & Change::Ratings));
        });
    auto first = f.session->refresh_if_changed_elsewhere();
    REQUIRE(first);
    CHECK_FALSE(*first);

    // This session's own writes are not "elsewhere".
    REQUIRE(f.session->apply(Rate{f.transcript, f.alice, "test", "loving", "mother", 7.0, ""}));
    told = 0;
    CHECK_FALSE(*f.session->refresh_if_changed_elsewhere());
    CHECK(told == 0);

    auto cli = other(f);
    REQUIRE(cli->apply(Rate{f.transcript, f.bob, "test", "loving", "mother", 5.0, ""}));
    // Even when this session writes before it looks, the other's change is still reported.
    REQUIRE(f.session->apply(Rate{f.transcript, f.alice, "test", "loving", "father", 4.0, ""}));
    told = 0;
    CHECK(*f.session->refresh_if_changed_elsewhere());
    CHECK(told == 1);
    CHECK(label == "changed by another program");
    CHECK_FALSE(*f.session->refresh_if_changed_elsewhere());
    CHECK(told == 1);
    f.session->unsubscribe(token);
}

TEST_CASE("project: undo histories are per coder", "[project][undo]")
{
    ProjectFixture f;
    f.session->set_history_owner("alice");
    REQUIRE(f.session->apply(Classify{f.transcript, f.alice, "test", "F", "F3", {}, {}, ""}));
    CHECK(f.session->can_undo());

    f.session->set_history_owner("bob");
    CHECK_FALSE(f.session->can_undo()); // bob cannot undo alice's classification
    REQUIRE(f.session->apply(Rate{f.transcript, f.bob, "test", "loving", "mother", 5.0, ""}));
    CHECK(f.session->undo_label().find("Rate") == 5); // "Undo Rate …"
    REQUIRE(f.session->undo());
    CHECK_FALSE(f.session->can_undo());
    CHECK(f.session->classifications(f.transcript, f.alice).size() == 1);

    // Back to alice: her history is as she left it.
    f.session->set_history_owner("alice");
    CHECK(f.session->undo_label().find("Classify") != std::string::npos);
    REQUIRE(f.session->undo());
    CHECK(f.session->classifications(f.transcript, f.alice).empty());
}
