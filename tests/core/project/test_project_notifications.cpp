// SPDX-License-Identifier: GPL-3.0-or-later
// Change notifications name the transcripts and records that changed, so a view reloads only
// what it shows; a change made elsewhere says that anything may have changed (issue 11).
#include "core/project/session.h"
#include "project_fixture.h"

#include <catch2/catch.hpp>

using namespace attune;
using namespace attune::project;
using attune::testing::ProjectFixture;

namespace
{

// Records every notification of a session.
struct Recorder
{
    std::vector<Changed> seen;
    explicit Recorder(Session& s)
    {
        s.subscribe([this](const Changed& c) { seen.push_back(c); });
    }
    const Changed& last() const
    {
        REQUIRE_FALSE(seen.empty());
        return seen.back();
    }
};

TranscriptId second_transcript(ProjectFixture& f)
{
    AddTranscript t;
    t.meta.title = "P002 interview";
    t.meta.participant = "P002";
    t.text = "I: Hello.\nR: Hello to you.";
    return ProjectFixture::must(f.session->apply(t)).transcript;
}

} // namespace

TEST_CASE("project: a notification names the transcript and the records a command changed",
          "[project][notify]")
{
    ProjectFixture f;
    const auto other = second_transcript(f);
    Recorder r(*f.session);

    auto a = f.session->apply(Annotate{f.transcript, f.alice, "test", "IDEAL", 0, 10, ""});
    REQUIRE(a);
    CHECK(r.last().kinds == Change::Codings);
    CHECK(r.last().transcripts == std::set<TranscriptId>{f.transcript});
    CHECK(r.last().annotations == std::set<std::string>{a->uuid});
    CHECK(r.last().ratings.empty());
    CHECK_FALSE(r.last().everything);
    CHECK(r.last().touches(f.transcript));
    CHECK_FALSE(r.last().touches(other));

    REQUIRE(f.session->apply(Rate{other, f.alice, "test", "coherence", "", 4.0, ""}));
    const auto rating = f.session->ratings(other).at(0);
    CHECK(r.last().transcripts == std::set<TranscriptId>{other});
    CHECK(r.last().ratings == std::set<std::string>{rating.uuid});
    CHECK(r.last().annotations.empty());

    REQUIRE(f.session->apply(Classify{f.transcript, f.bob, "test", "F", "F2", {}, {}, ""}));
    const auto cls = f.session->classifications(f.transcript).at(0);
    CHECK(r.last().classifications == std::set<std::string>{cls.uuid});
    CHECK(r.last().transcripts == std::set<TranscriptId>{f.transcript});

    // Undo and redo name the same records as the command did.
    REQUIRE(f.session->undo());
    CHECK(r.last().label.rfind("Undo ", 0) == 0);
    CHECK(r.last().classifications == std::set<std::string>{cls.uuid});
    REQUIRE(f.session->redo());
    CHECK(r.last().classifications == std::set<std::string>{cls.uuid});
    CHECK(r.last().touches(f.transcript));
}

TEST_CASE("project: a batch's notification, undo and redo name every record of it",
          "[project][notify][batch]")
{
    ProjectFixture f;
    const auto other = second_transcript(f);
    Recorder r(*f.session);
    const std::vector<Command> batch = {
        Annotate{f.transcript, f.alice, "test", "IDEAL", 0, 10, ""},
        Annotate{other, f.alice, "test", "LACK", 0, 5, ""},
        Rate{f.transcript, f.alice, "test", "coherence", "", 5.0, ""}};
    auto done = f.session->apply(batch, "Three");
    REQUIRE(done);
    REQUIRE(r.seen.size() == 1);
    const std::set<std::string> uuids{done->parts[0].uuid, done->parts[1].uuid};
    CHECK(r.last().transcripts == std::set<TranscriptId>{f.transcript, other});
    CHECK(r.last().annotations == uuids);
    CHECK(r.last().ratings.size() == 1);
    CHECK(r.last().kinds == (Change::Codings | Change::Ratings));

    REQUIRE(f.session->undo());
    CHECK(r.last().annotations == uuids);
    CHECK(r.last().transcripts == std::set<TranscriptId>{f.transcript, other});
    REQUIRE(f.session->redo());
    CHECK(r.last().annotations == uuids);
    CHECK(r.last().ratings.size() == 1);
}

TEST_CASE("project: notifications of transcripts, coders and schemes name them",
          "[project][notify]")
{
    ProjectFixture f;
    Recorder r(*f.session);
    const auto other = second_transcript(f);
    CHECK(r.last().kinds == Change::Transcripts);
    CHECK(r.last().transcripts == std::set<TranscriptId>{other});

    const auto carol = ProjectFixture::must(f.session->apply(AddCoder{"carol"})).coder;
    CHECK(r.last().coders == std::set<CoderId>{carol});
    CHECK(r.last().transcripts.empty());

    REQUIRE(f.session->apply(AddScheme{attune::testing::test_scheme_xml("2", true), "t.xml"}));
    CHECK(r.last().schemes == std::set<std::string>{"test"});

    EditTranscript rename;
    rename.id = other;
    rename.title = "Renamed";
    REQUIRE(f.session->apply(rename));
    CHECK(r.last().transcripts == std::set<TranscriptId>{other});

    REQUIRE(f.session->apply(RemoveTranscript{other}));
    CHECK(r.last().transcripts == std::set<TranscriptId>{other});
    CHECK_FALSE(r.last().touches(f.transcript));
}

TEST_CASE("project: a change made elsewhere says that anything may have changed",
          "[project][notify]")
{
    ProjectFixture f;
    Recorder r(*f.session);
    auto cli = Session::open(f.path);
    REQUIRE(cli);
    REQUIRE((*cli)->apply(Annotate{f.transcript, f.bob, "test", "IDEAL", 0, 10, ""}));
    auto seen = f.session->refresh_if_changed_elsewhere();
    REQUIRE(seen);
    CHECK(*seen);
    CHECK(r.last().label == kChangedElsewhere);
    CHECK(r.last().everything);
    CHECK(r.last().annotations.empty()); // not known: the other program did not say
    CHECK(r.last().touches(f.transcript));
    CHECK(r.last().touches(TranscriptId{f.transcript.value() + 1000}));
}
