// SPDX-License-Identifier: GPL-3.0-or-later
// Transcripts as things a project holds: the same text twice, renaming, removing.
#include "core/project/session.h"
#include "project_fixture.h"

#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

using namespace attune;
using namespace attune::project;
using attune::testing::ProjectFixture;

namespace
{

AddTranscript import_of(const std::string& text, const std::string& participant)
{
    AddTranscript t;
    t.meta.title = participant + " interview";
    t.meta.participant = participant;
    t.text = text;
    return t;
}

const std::string kOtherText = "I: And your father?\nR: He worked a lot.";

} // namespace

TEST_CASE("project: the same text imported twice is refused and names the transcript it is",
          "[project][transcripts]")
{
    ProjectFixture f;
    auto again = f.session->apply(import_of(ProjectFixture::kText, "P002"));
    REQUIRE_FALSE(again);
    CHECK(again.error().code == ErrorCode::Conflict);
    CHECK(again.error().message == "this text is already in the project as transcript " +
                                       std::to_string(f.transcript.value()) + " (P001)");
    CHECK(f.session->transcripts().size() == 1);
    // The query behind it, for a caller that wants to ask first.
    const auto same = f.session->transcripts_with_text(ProjectFixture::kText);
    REQUIRE(same.size() == 1);
    CHECK(same.front().id == f.transcript);
    CHECK(f.session->transcripts_with_text(kOtherText).empty());

    // Asked for explicitly, the copy is made.
    auto dup = import_of(ProjectFixture::kText, "P002");
    dup.allow_duplicate = true;
    auto made = f.session->apply(dup);
    REQUIRE(made);
    CHECK(f.session->transcripts().size() == 2);
    CHECK(f.session->transcripts_with_text(ProjectFixture::kText).size() == 2);
}

TEST_CASE("project: a new version with the very same text counts as a duplicate",
          "[project][transcripts]")
{
    ProjectFixture f;
    AddTranscript same = import_of(ProjectFixture::kText, "P001");
    same.meta.supersedes = f.transcript;
    auto r = f.session->apply(same);
    REQUIRE_FALSE(r);
    CHECK(r.error().code == ErrorCode::Conflict);
    CHECK(r.error().message.find("already in the project as transcript") != std::string::npos);
}

TEST_CASE("project: renaming a transcript changes title and participant, audited",
          "[project][transcripts]")
{
    ProjectFixture f;
    int notified = 0;
    f.session->subscribe(
        [&](const Changed& c)
        {
            if (any(c.kinds & Change::Transcripts))
                ++notified;
        });
    auto r = f.session->apply(EditTranscript{f.transcript, "Mother interview", "P009"});
    REQUIRE(r);
    CHECK(r->changed == Change::Transcripts);
    CHECK(notified == 1);
    auto t = f.session->transcript(f.transcript);
    REQUIRE(t);
    CHECK(t->title == "Mother interview");
    CHECK(*t->participant == "P009");
    CHECK(*f.session->resolve_transcript("P009") == f.transcript);
    CHECK_FALSE(f.session->resolve_transcript("P001"));

    const auto log = f.session->audit_log();
    REQUIRE_FALSE(log.empty());
    const auto& last = log.back();
    CHECK(last.action == "edit transcript");
    CHECK(last.entity == "transcript " + std::to_string(f.transcript.value()));
    CHECK(nlohmann::json::parse(*last.before_json)["participant"] == "P001");
    CHECK(nlohmann::json::parse(*last.after_json)["title"] == "Mother interview");

    // Unset fields stay; an empty participant clears it; the title is never empty.
    REQUIRE(f.session->apply(EditTranscript{f.transcript, std::nullopt, ""}));
    t = f.session->transcript(f.transcript);
    CHECK(t->title == "Mother interview");
    CHECK_FALSE(t->participant);
    auto empty = f.session->apply(EditTranscript{f.transcript, "  ", std::nullopt});
    REQUIRE_FALSE(empty);
    CHECK(empty.error().code == ErrorCode::InvalidArgument);
    auto two_lines = f.session->apply(EditTranscript{f.transcript, "a\nb", std::nullopt});
    REQUIRE_FALSE(two_lines);
    CHECK(two_lines.error().code == ErrorCode::InvalidArgument);
    auto missing = f.session->apply(EditTranscript{TranscriptId{999}, "x", std::nullopt});
    REQUIRE_FALSE(missing);
    CHECK(missing.error().code == ErrorCode::NotFound);
    // Renaming is not a coding step: the undo history is untouched.
    CHECK_FALSE(f.session->can_undo());
}

TEST_CASE("project: a new participant id is given to every version of the transcript",
          "[project][transcripts]")
{
    ProjectFixture f;
    AddTranscript fix = import_of(ProjectFixture::kText, "P001");
    fix.text.replace(fix.text.find("warm"), 4, "very warm");
    fix.meta.supersedes = f.transcript;
    const auto v2 = f.session->apply(fix);
    REQUIRE(v2);
    // Renamed through the old version: both versions follow, the title only the one named.
    auto r = f.session->apply(EditTranscript{f.transcript, "old title", "P010"});
    REQUIRE(r);
    CHECK(r->notes.size() == 1);
    CHECK(*f.session->transcript(v2->transcript)->participant == "P010");
    CHECK(f.session->transcript(v2->transcript)->title == "P001 interview");
    CHECK(f.session->transcript(f.transcript)->title == "old title");
    CHECK(*f.session->resolve_transcript("P010") == v2->transcript);
    CHECK_FALSE(f.session->resolve_transcript("P001"));
}

TEST_CASE("project: a transcript with anybody's work is not removed; the refusal names it",
          "[project][transcripts]")
{
    ProjectFixture f;
    REQUIRE(f.session->apply(Annotate{f.transcript, f.alice, "test", "IDEAL", 0, 5, ""}));
    REQUIRE(f.session->apply(Annotate{f.transcript, f.alice, "test", "LACK", 6, 9, ""}));
    REQUIRE(f.session->apply(Rate{f.transcript, f.bob, "test", "coherence", "", 5.0, ""}));
    REQUIRE(f.session->apply(
        Classify{f.transcript, f.bob, "test", "F3", std::nullopt, std::nullopt, std::nullopt, ""}));
    auto r = f.session->apply(RemoveTranscript{f.transcript});
    REQUIRE_FALSE(r);
    CHECK(r.error().code == ErrorCode::Conflict);
    CHECK(r.error().message == "transcript " + std::to_string(f.transcript.value()) +
                                   " (P001) holds coded work and is not removed (alice: 2 "
                                   "annotations; bob: 1 rating, 1 classification)");
    CHECK(f.session->transcripts().size() == 1);
    CHECK(f.session->annotations().size() == 2);
    CHECK(f.session->ratings().size() == 1);
    CHECK(f.session->classifications().size() == 1);
}

TEST_CASE("project: an earlier version is kept while a newer one supersedes it",
          "[project][transcripts]")
{
    ProjectFixture f;
    AddTranscript fix = import_of(ProjectFixture::kText, "P001");
    fix.text.replace(fix.text.find("warm"), 4, "very warm");
    fix.meta.supersedes = f.transcript;
    const auto v2 = f.session->apply(fix);
    REQUIRE(v2);
    auto r = f.session->apply(RemoveTranscript{f.transcript});
    REQUIRE_FALSE(r);
    CHECK(r.error().code == ErrorCode::Conflict);
    CHECK(r.error().message.find("earlier version of transcript " + std::to_string(v2->id)) !=
          std::string::npos);
    // The newer version (no work on it) may go; then the first one may too.
    REQUIRE(f.session->apply(RemoveTranscript{v2->transcript}));
    REQUIRE(f.session->apply(RemoveTranscript{f.transcript}));
    CHECK(f.session->transcripts().empty());
}

TEST_CASE("project: removing an uncoded transcript keeps its text in the audit log",
          "[project][transcripts]")
{
    ProjectFixture f;
    const auto second = f.session->apply(import_of(kOtherText, "P002"));
    REQUIRE(second);
    // Work that was deleted again does not hold the transcript; its undo step goes with it.
    auto a = f.session->apply(Annotate{second->transcript, f.alice, "test", "IDEAL", 0, 3, ""});
    REQUIRE(a);
    REQUIRE(f.session->apply(DeleteAnnotation{f.alice, a->uuid}));
    REQUIRE(f.session->can_undo());

    auto r = f.session->apply(RemoveTranscript{second->transcript});
    REQUIRE(r);
    CHECK(r->changed == Change::Transcripts);
    CHECK_FALSE(f.session->transcript(second->transcript));
    CHECK(f.session->transcripts().size() == 1);
    CHECK_FALSE(f.session->can_undo());
    // Its lines are no longer found.
    auto hits = f.session->search("father");
    REQUIRE(hits);
    CHECK(hits->empty());

    const auto log = f.session->audit_log();
    REQUIRE_FALSE(log.empty());
    CHECK(log.back().action == "remove transcript");
    CHECK_FALSE(log.back().after_json);
    const auto before = nlohmann::json::parse(*log.back().before_json);
    CHECK(before["text"] == kOtherText);
    CHECK(before["participant"] == "P002");

    // The id is never given to another text, so the audit log's "transcript N" stays one text.
    const auto third = f.session->apply(import_of("R: Something else entirely.", "P003"));
    REQUIRE(third);
    CHECK(third->id > second->id);
    auto report = f.session->check();
    REQUIRE(report);
    CHECK(report->integrity_problems.empty());

    auto missing = f.session->apply(RemoveTranscript{second->transcript});
    REQUIRE_FALSE(missing);
    CHECK(missing.error().code == ErrorCode::NotFound);
}

TEST_CASE("project: a removed transcript's id stays taken after reopening",
          "[project][transcripts]")
{
    ProjectFixture f;
    const auto second = f.session->apply(import_of(kOtherText, "P002"));
    REQUIRE(second);
    REQUIRE(f.session->apply(RemoveTranscript{second->transcript}));
    f.session.reset();
    auto s = Session::open(f.path);
    REQUIRE(s);
    // The same text may come back (it is no longer in the project), under a new id.
    const auto back = (*s)->apply(import_of(kOtherText, "P002"));
    REQUIRE(back);
    CHECK(back->id == second->id + 1);
}
