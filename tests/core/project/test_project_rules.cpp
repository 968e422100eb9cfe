// SPDX-License-Identifier: GPL-3.0-or-later
// The project's rules that the workbench, the CLI and the analysis share
// (core/project/study_rules.h): current transcripts, latest schemes, progress.
#include "core/project/scheme_rules.h"
#include "core/project/session.h"
#include "core/project/study_rules.h"
#include "project_fixture.h"

#include <catch2/catch.hpp>

using namespace attune;
using namespace attune::project;
using attune::testing::ProjectFixture;

namespace
{

Transcript transcript(std::int64_t id, std::optional<std::int64_t> supersedes = std::nullopt)
{
    Transcript t;
    t.id = TranscriptId{id};
    t.title = "t" + std::to_string(id);
    if (supersedes)
        t.supersedes = TranscriptId{*supersedes};
    return t;
}

SchemeInfo scheme_row(std::int64_t id, const std::string& scheme_id, const std::string& version)
{
    SchemeInfo s;
    s.id = id;
    s.scheme_id = scheme_id;
    s.version = version;
    return s;
}

Annotation annotation(std::int64_t t)
{
    Annotation a;
    a.transcript_id = TranscriptId{t};
    a.scheme_id = "test";
    a.code = "IDEAL";
    return a;
}

Rating rating(std::int64_t t, const std::string& scale, const std::string& target)
{
    Rating r;
    r.transcript_id = TranscriptId{t};
    r.scheme_id = "test";
    r.scale = scale;
    r.target = target;
    r.value = 5.0;
    return r;
}

Classification classification(std::int64_t t, const std::string& scheme_id)
{
    Classification c;
    c.transcript_id = TranscriptId{t};
    c.scheme_id = scheme_id;
    c.category = "F";
    return c;
}

// The row ids of `ts`, as numbers.
std::vector<std::int64_t> ids(const std::vector<Transcript>& ts)
{
    std::vector<std::int64_t> out;
    for (const auto& t : ts)
        out.push_back(t.id.value());
    return out;
}

std::vector<TranscriptId> tids(std::initializer_list<std::int64_t> values)
{
    std::vector<TranscriptId> out;
    for (const auto v : values)
        out.emplace_back(v);
    return out;
}

std::shared_ptr<const scheme::Scheme> test_scheme()
{
    auto parsed = rules::parse(attune::testing::test_scheme_xml("1", true), "test.xml");
    REQUIRE(parsed);
    return *parsed;
}

} // namespace

TEST_CASE("study rules: only the newest version of each transcript is current", "[project]")
{
    // 3 corrects 2, and 4 corrects 3: a chain of three versions, and 1 on its own.
    const std::vector<Transcript> all{transcript(2), transcript(1), transcript(3, 2),
                                      transcript(4, 3)};
    CHECK(ids(current_transcripts(all)) == std::vector<std::int64_t>{1, 4}); // order kept
    CHECK(current_transcripts(std::vector<Transcript>{}).empty());
    // A version whose successor is not in the list is current within it.
    CHECK(ids(current_transcripts({transcript(2), transcript(3, 2)})) ==
          std::vector<std::int64_t>{3});
    CHECK(ids(current_transcripts({transcript(3, 2)})) == std::vector<std::int64_t>{3});

    std::vector<TranscriptSummary> summaries;
    for (const auto& t : all)
        summaries.push_back({t, {}});
    const auto current = current_transcripts(summaries);
    REQUIRE(current.size() == 2);
    CHECK(current[0].transcript.id.value() == 1);
    CHECK(current[1].transcript.id.value() == 4);
}

TEST_CASE("study rules: a corrected transcript replaces its old version for every caller",
          "[project]")
{
    ProjectFixture f;
    AddTranscript v2;
    v2.meta.title = "P001 interview, corrected";
    v2.meta.participant = "P001";
    v2.meta.supersedes = f.transcript;
    v2.text = std::string(ProjectFixture::kText) + " The end.";
    const auto id = ProjectFixture::must(f.session->apply(v2)).transcript;
    CHECK(f.session->transcripts().size() == 2);
    const auto current = current_transcripts(f.session->transcripts());
    REQUIRE(current.size() == 1);
    CHECK(current[0].transcript.id == id);
    // The participant id names the chain; its newest version answers.
    CHECK(f.session->resolve_transcript("P001").value() == id);
}

TEST_CASE("study rules: one entry per scheme id, its newest version", "[project]")
{
    const auto latest =
        latest_schemes({scheme_row(1, "a", "1"), scheme_row(3, "a", "2"), scheme_row(2, "b", "1"),
                        scheme_row(5, "a", "3"), scheme_row(4, "b", "2")});
    REQUIRE(latest.size() == 2);
    CHECK(latest[0].scheme_id == "a");
    CHECK(latest[0].version == "3");
    CHECK(latest[1].scheme_id == "b");
    CHECK(latest[1].version == "2");
    CHECK(latest_schemes({}).empty());

    ProjectFixture f;
    ProjectFixture::must(
        f.session->apply(AddScheme{attune::testing::test_scheme_xml("2", true), "test.xml"}));
    REQUIRE(f.session->schemes().size() == 2);
    const auto stored = latest_schemes(f.session->schemes());
    REQUIRE(stored.size() == 1);
    CHECK(stored[0].version == "2");
}

TEST_CASE("study rules: progress on a transcript counts passages, scale instances, class",
          "[project]")
{
    const auto scheme = test_scheme(); // loving × {mother, father} and coherence: 3 instances
    const std::vector<Annotation> annotations{annotation(1), annotation(1), annotation(9)};
    const std::vector<Rating> ratings{
        rating(1, "loving", "mother"), rating(1, "coherence", ""),
        rating(1, "gone", ""),          // a scale the scheme no longer has: stored, not rated
        rating(1, "loving", "sibling"), // nor a target it is not rated for
        rating(2, "coherence", "")};
    const std::vector<Classification> classes{classification(2, "test")};

    const auto p = transcript_progress(tids({1, 2, 3}), annotations, ratings, classes, {scheme});
    REQUIRE(p.size() == 3);
    CHECK(p[0].transcript.value() == 1);
    CHECK(p[0].passages == 2); // transcript 9 is not asked about
    CHECK(p[0].ratings == 4);
    CHECK(p[0].rated == 2);
    CHECK(p[0].rateable == 3);
    CHECK_FALSE(p[0].classified());
    CHECK(p[1].passages == 0);
    CHECK(p[1].rated == 1);
    CHECK(p[1].classified());
    CHECK(p[2].transcript.value() == 3);
    CHECK(p[2].ratings == 0);
    CHECK(p[2].rateable == 3);

    // Without schemes nothing is rateable; the stored work still counts.
    const auto bare = transcript_progress(tids({1}), annotations, ratings, classes, {});
    CHECK(bare[0].rateable == 0);
    CHECK(bare[0].rated == 0);
    CHECK(bare[0].ratings == 4);
}

TEST_CASE("study rules: a coder's totals are the sums of the per-transcript progress", "[project]")
{
    Coder alice;
    alice.id = CoderId{7};
    alice.name = "alice";
    const std::vector<Annotation> annotations{annotation(1), annotation(1), annotation(2)};
    const std::vector<Rating> ratings{rating(1, "coherence", ""), rating(3, "gone", "")};
    const std::vector<Classification> classes{classification(3, "test"),
                                              classification(3, "other")};
    const auto total = coder_progress(alice, annotations, ratings, classes);
    CHECK(total.coder.name == "alice");
    CHECK(total.transcripts_coded == 2); // 1 and 2 have passages; 3 only a rating and classes
    CHECK(total.annotations == 3);
    CHECK(total.ratings == 2);
    CHECK(total.classified == 2); // one per scheme

    std::int64_t passages = 0;
    std::int64_t stored = 0;
    for (const auto& p : transcript_progress(tids({1, 2, 3}), annotations, ratings, classes, {}))
    {
        passages += p.passages;
        stored += p.ratings;
    }
    CHECK(passages == total.annotations);
    CHECK(stored == total.ratings);
}

TEST_CASE("study rules: Session::progress is coder_progress of each coder's records", "[project]")
{
    ProjectFixture f;
    REQUIRE(f.session->apply(Annotate{f.transcript, f.alice, "test", "IDEAL", 0, 3, ""}));
    REQUIRE(f.session->apply(Rate{f.transcript, f.alice, "test", "loving", "mother", 4.5, ""}));
    REQUIRE(f.session->apply(Rate{f.transcript, f.bob, "test", "coherence", "", 3.0, ""}));
    const auto progress = f.session->progress();
    REQUIRE(progress.size() == 2);
    for (const auto& p : progress)
    {
        const auto expected =
            coder_progress(p.coder, f.session->annotations(std::nullopt, p.coder.id),
                           f.session->ratings(std::nullopt, p.coder.id),
                           f.session->classifications(std::nullopt, p.coder.id));
        CHECK(p.transcripts_coded == expected.transcripts_coded);
        CHECK(p.annotations == expected.annotations);
        CHECK(p.ratings == expected.ratings);
        CHECK(p.classified == expected.classified);
    }
    CHECK(progress[0].transcripts_coded == 1);
    CHECK(progress[1].transcripts_coded == 0); // bob rated but marked no passage
    CHECK(progress[1].ratings == 1);

    // The workbench's row for alice: one passage, one of the three scale instances rated.
    const auto row = transcript_progress(
        {f.transcript}, f.session->annotations(std::nullopt, f.alice),
        f.session->ratings(std::nullopt, f.alice),
        f.session->classifications(std::nullopt, f.alice), {f.session->scheme("test").value()});
    REQUIRE(row.size() == 1);
    CHECK(row[0].passages == 1);
    CHECK(row[0].rated == 1);
    CHECK(row[0].rateable == 3);
}
