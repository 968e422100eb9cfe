// SPDX-License-Identifier: GPL-3.0-or-later
// The AAI agreement analysis on a real project file built through the Session, with numbers
// checked by hand in the comments.
#include "demo_project.h"

using namespace attune;
using namespace attune::testing;

TEST_CASE("analysis: classification agreement at each collapsing, pairwise and against the master",
          "[analysis]")
{
    DemoProject p;
    AgreementOptions o;
    o.master = "m";
    const AgreementReport r = ok(analysis::analyze_agreement(*p.session, o));
    // The master is a reference, never pooled: the inter-coder statistics are a's and b's.
    REQUIRE(r.coders == std::vector<std::string>{"a", "b"});
    CHECK(r.master == "m");
    REQUIRE(r.classifications.size() == 5); // 2-, 3-, 4-, 5-way and subclass

    const auto& three = at(r, "aai-3way");
    CHECK(three.n_transcripts == 4);
    // a and b agree on T1, T2 and T4; T3 is E against F.
    CHECK(*three.percent.value == Approx(3.0 / 4.0));
    CHECK(three.kappa.metric.find("cohen") != std::string::npos);
    REQUIRE(three.vs_master.size() == 2);
    CHECK(three.vs_master[0].coder_a == "a");
    CHECK(three.vs_master[0].agree == 4);
    CHECK(three.vs_master[0].n == 4);
    CHECK(three.vs_master[1].agree == 3); // b says F on T3, the master E
    // Confusion a (rows) × b (columns) in label order F, Ds, E: T3 is E × F.
    REQUIRE(three.pairs.size() == 1);
    CHECK(three.pairs[0].confusion[0][0] == 2);
    CHECK(three.pairs[0].confusion[1][1] == 1);
    CHECK(three.pairs[0].confusion[2][0] == 1);

    const auto& four = at(r, "aai-4way");
    CHECK(four.vs_master[0].agree == 4);
    CHECK(four.vs_master[1].agree == 2); // T3 F/E, T4 F/U

    // Subclass level: only subcategories given count (a: F3, Ds1; b: F3; m: F1, Ds2), plus U.
    const auto& sub = at(r, "aai-subclass");
    CHECK(sub.vs_master[0].n == 3); // T1 F3/F1, T2 Ds1/Ds2, T4 U/U
    CHECK(sub.vs_master[0].agree == 1);
}

TEST_CASE("analysis: scale agreement leaves out and counts not-scorable ratings", "[analysis]")
{
    DemoProject p;
    AgreementOptions o;
    o.coders = {"a", "b"};
    const AgreementReport r = ok(analysis::analyze_agreement(*p.session, o));
    REQUIRE(r.scales.size() == 1);
    const auto& s = r.scales[0];
    CHECK(s.scale == "metacognition");
    CHECK(s.not_scorable == 1);
    CHECK(s.n_transcripts == 4);
    // Pairs: T1 |5−5| = 0, T2 1, T4 2 → 2 of 3 within one point.
    CHECK(*s.within1.value == Approx(2.0 / 3.0));
    // ICC(2,1) on the complete rows (5,5), (3,4), (2,4) (T3 has a not-scorable rating): MSR =
    // 13/6, MSC = 3/2, MSE = 1/2, so (MSR − MSE) / (MSR + MSE + 2(MSC − MSE)/3) = (5/3)/(10/3).
    CHECK(s.icc.n_units == 3);
    REQUIRE(s.icc.value);
    CHECK(*s.icc.value == Approx(0.5));
    // With two coders the classification kappa is Cohen's.
    CHECK(at(r, "aai-3way").kappa.metric.find("cohen") != std::string::npos);
}

TEST_CASE("analysis: passage agreement per transcript and the places coders differ", "[analysis]")
{
    DemoProject p;
    AgreementOptions o;
    o.coders = {"a", "b"};
    const AgreementReport r = ok(analysis::analyze_agreement(*p.session, o));
    // Only T1 and T2 are coded by both a and b.
    int per_transcript = 0;
    for (const auto& x : r.passages)
        if (x.transcript)
        {
            ++per_transcript;
            if (x.transcript == p.t[0])
                CHECK(*x.alpha_u.value == 1.0);
            else
                CHECK(*x.alpha_u.value < 1.0);
        }
    CHECK(per_transcript == 2);
    REQUIRE(r.disagreements.size() == 2);
    // Sorted by code: idealization-mother line 6 (a only), lack-of-recall [38,41) on line 3.
    const auto& ideal = r.disagreements[0];
    CHECK(ideal.code == "idealization-mother");
    CHECK(ideal.start == 98);
    CHECK(ideal.end == 133);
    CHECK(ideal.first_line == 6);
    CHECK(ideal.last_line == 6);
    CHECK(ideal.marked_by == std::vector<std::string>{"a"});
    CHECK(ideal.not_marked_by == std::vector<std::string>{"b"});
    const auto& lack = r.disagreements[1];
    CHECK(lack.code == "lack-of-recall");
    CHECK(lack.start == 38);
    CHECK(lack.end == 41);
    CHECK(lack.first_line == 3);
    // Turns: 4 per transcript, 8 in all. lack-of-recall is present in the same two turns for
    // both coders (kappa 1); idealization-mother only in one of a's turns: p_o = 7/8 = p_e → 0.
    REQUIRE(r.turns.size() == 2);
    CHECK(r.turns[0].code == "idealization-mother");
    CHECK(*r.turns[0].kappa.value == Approx(0.0).margin(1e-12));
    CHECK(r.turns[0].kappa.n_units == 8);
    CHECK(*r.turns[1].kappa.value == Approx(1.0));
}

TEST_CASE("analysis: a section limits passages to that AAI question", "[analysis]")
{
    DemoProject p;
    AgreementOptions o;
    o.coders = {"a", "b"};
    o.section = "q2";
    const AgreementReport r = ok(analysis::analyze_agreement(*p.session, o));
    REQUIRE(r.disagreements.size() == 1);
    CHECK(r.disagreements[0].code == "idealization-mother");
    o.section = "Q9";
    auto missing = analysis::analyze_agreement(*p.session, o);
    REQUIRE_FALSE(missing);
    CHECK(missing.error().code == ErrorCode::NotFound);
}

TEST_CASE("analysis: unknown coders and too few coders are errors", "[analysis]")
{
    DemoProject p;
    AgreementOptions o;
    o.coders = {"a", "zed"};
    auto unknown = analysis::analyze_agreement(*p.session, o);
    REQUIRE_FALSE(unknown);
    CHECK(unknown.error().code == ErrorCode::NotFound);
    o.coders = {"a"};
    auto one = analysis::analyze_agreement(*p.session, o);
    REQUIRE_FALSE(one);
    CHECK(one.error().code == ErrorCode::InvalidArgument);
    // A transcript subset: T3 and T4 only → 3-way a vs b agree on T4 only.
    o.coders = {"a", "b"};
    o.transcripts = {"T3", "T4"};
    const AgreementReport r = ok(analysis::analyze_agreement(*p.session, o));
    CHECK(at(r, "aai-3way").pairs[0].n == 2);
    CHECK(at(r, "aai-3way").pairs[0].agree == 1);
    CHECK(r.disagreements.empty());
    o.scheme = "no-such-scheme";
    auto scheme = analysis::analyze_agreement(*p.session, o);
    REQUIRE_FALSE(scheme);
    CHECK(scheme.error().code == ErrorCode::NotFound);
}

TEST_CASE("analysis: the dashboard's lighter analyses leave out parts, never change the rest",
          "[analysis]")
{
    DemoProject p;
    AgreementOptions o;
    o.coders = {"a", "b"};
    const AgreementReport full = ok(analysis::analyze_agreement(*p.session, o));
    REQUIRE_FALSE(full.disagreements.empty());
    REQUIRE_FALSE(full.passages.empty());

    // Without the places: every statistic as before, no list of places.
    o.places = false;
    const AgreementReport no_places = ok(analysis::analyze_agreement(*p.session, o));
    CHECK(no_places.disagreements.empty());
    REQUIRE(no_places.passages.size() == full.passages.size());
    for (std::size_t i = 0; i < full.passages.size(); ++i)
    {
        CHECK(no_places.passages[i].code == full.passages[i].code);
        CHECK(no_places.passages[i].alpha_u.value == full.passages[i].alpha_u.value);
    }
    REQUIRE(no_places.turns.size() == full.turns.size());
    for (std::size_t i = 0; i < full.turns.size(); ++i)
        CHECK(no_places.turns[i].kappa.value == full.turns[i].kappa.value);

    // Without passages: classifications and scales only, the same numbers.
    o.passages = false;
    const AgreementReport none = ok(analysis::analyze_agreement(*p.session, o));
    CHECK(none.passages.empty());
    CHECK(none.turns.empty());
    CHECK(none.domains.empty());
    CHECK(none.disagreements.empty());
    REQUIRE(none.classifications.size() == full.classifications.size());
    for (std::size_t i = 0; i < full.classifications.size(); ++i)
        CHECK(none.classifications[i].kappa.value == full.classifications[i].kappa.value);
    REQUIRE(none.scales.size() == full.scales.size());
    for (std::size_t i = 0; i < full.scales.size(); ++i)
        CHECK(none.scales[i].icc.value == full.scales[i].icc.value);
}

TEST_CASE("analysis: the lean span reader gives every annotation's place, in annotations' order",
          "[analysis]")
{
    DemoProject p;
    const auto all = p.session->annotations();
    REQUIRE(all.size() > 3);
    std::size_t i = 0;
    bool same = true;
    p.session->for_each_span(
        [&](const store::SpanRow& row)
        {
            REQUIRE(i < all.size());
            const auto& a = all[i++];
            same = same && row.transcript_id == a.transcript_id && row.coder_id == a.coder_id &&
                   row.scheme_id == a.scheme_id && row.code == a.code && row.start == a.start &&
                   row.end == a.end;
        });
    CHECK(i == all.size());
    CHECK(same);

    // By transcript and as stored: the same places, each once, in runs of one transcript.
    using Place = std::tuple<std::int64_t, std::int64_t, std::string, std::string, std::int64_t,
                             std::int64_t>;
    std::vector<Place> expected;
    for (const auto& a : all)
        expected.emplace_back(a.transcript_id.value(), a.coder_id.value(), a.scheme_id, a.code,
                              a.start, a.end);
    std::sort(expected.begin(), expected.end());
    for (const auto order : {store::SpanOrder::Transcript, store::SpanOrder::Stored})
    {
        std::vector<Place> read;
        p.session->for_each_span(
            [&](const store::SpanRow& row)
            {
                read.emplace_back(row.transcript_id.value(), row.coder_id.value(),
                                  std::string(row.scheme_id), std::string(row.code), row.start,
                                  row.end);
            },
            order);
        if (order == store::SpanOrder::Transcript)
            CHECK(std::is_sorted(read.begin(), read.end(),
                                 [](const Place& x, const Place& y)
                                 { return std::get<0>(x) < std::get<0>(y); }));
        std::sort(read.begin(), read.end());
        CHECK(read == expected);
    }
}

TEST_CASE("analysis: the places read beside the session and through it give the same report",
          "[analysis]")
{
    DemoProject p;
    // A reader beside this session: its own connection, the same records.
    const auto beside = p.session->reader_beside();
    REQUIRE(beside);
    CHECK(beside->coders().size() == p.session->coders().size());
    CHECK(beside->annotations().size() == p.session->annotations().size());
    for (const std::string section : {"", "Q2"})
    {
        INFO("section '" << section << "'");
        AgreementOptions o;
        o.coders = {"a", "b"};
        o.section = section;
        o.read_beside = true;
        const AgreementReport two = ok(analysis::analyze_agreement(*p.session, o));
        o.read_beside = false;
        const AgreementReport one = ok(analysis::analyze_agreement(*p.session, o));
        REQUIRE(!two.passages.empty());
        REQUIRE(two.passages.size() == one.passages.size());
        for (std::size_t i = 0; i < one.passages.size(); ++i)
        {
            CHECK(two.passages[i].alpha_u.value == one.passages[i].alpha_u.value);
            CHECK(two.passages[i].alpha_u.reason == one.passages[i].alpha_u.reason);
        }
        REQUIRE(two.disagreements.size() == one.disagreements.size());
        for (std::size_t i = 0; i < one.disagreements.size(); ++i)
            CHECK(two.disagreements[i].code == one.disagreements[i].code);
        REQUIRE(two.turns.size() == one.turns.size());
        for (std::size_t i = 0; i < one.turns.size(); ++i)
            CHECK(two.turns[i].kappa.value == one.turns[i].kappa.value);
        CHECK(two.coded == one.coded);
    }
}

TEST_CASE("analysis: the lean score reader gives every scale score, the not scorable unset",
          "[analysis]")
{
    DemoProject p;
    using Row = std::tuple<std::int64_t, std::int64_t, std::string, std::string, std::string,
                           std::optional<double>>;
    std::vector<Row> expected;
    for (const auto& r : p.session->ratings())
        expected.emplace_back(r.transcript_id.value(), r.coder_id.value(), r.scheme_id, r.scale,
                              r.target, r.not_scorable ? std::nullopt : r.value);
    std::vector<Row> read;
    p.session->for_each_rating_value(
        [&](const store::RatingValueRow& r)
        {
            read.emplace_back(r.transcript_id.value(), r.coder_id.value(), std::string(r.scheme_id),
                              std::string(r.scale), std::string(r.target), r.value);
        });
    std::sort(expected.begin(), expected.end());
    std::sort(read.begin(), read.end());
    REQUIRE(expected.size() == 8);
    CHECK(std::count_if(read.begin(), read.end(), [](const Row& r) { return !std::get<5>(r); }) ==
          1);
    CHECK(read == expected);
}

TEST_CASE("analysis: progress counts up to its total and stops the analysis when told to",
          "[analysis]")
{
    DemoProject p;
    for (const bool passages : {true, false})
    {
        INFO("passages " << passages);
        AgreementOptions o;
        o.coders = {"a", "b"};
        o.passages = passages;
        const AgreementReport quiet = ok(analysis::analyze_agreement(*p.session, o));

        std::vector<std::pair<std::size_t, std::size_t>> calls;
        o.progress = [&](std::size_t done, std::size_t total)
        {
            calls.emplace_back(done, total);
            return true;
        };
        const AgreementReport told = ok(analysis::analyze_agreement(*p.session, o));
        REQUIRE(calls.size() >= 2);
        const std::size_t total = calls.front().second;
        for (std::size_t i = 0; i < calls.size(); ++i)
        {
            CHECK(calls[i].second == total);
            CHECK(calls[i].first <= total);
            if (i)
                CHECK(calls[i].first >= calls[i - 1].first);
        }
        CHECK(calls.front().first == 0);
        CHECK(calls.back().first == total);
        // Watching changes no number.
        REQUIRE(told.passages.size() == quiet.passages.size());
        for (std::size_t i = 0; i < told.passages.size(); ++i)
            CHECK(told.passages[i].alpha_u.value == quiet.passages[i].alpha_u.value);
        REQUIRE(told.classifications.size() == quiet.classifications.size());
        for (std::size_t i = 0; i < told.classifications.size(); ++i)
            CHECK(told.classifications[i].kappa.value == quiet.classifications[i].kappa.value);

        // Told to stop at the first call, halfway, or at the very end: Cancelled, no report.
        for (const std::size_t stop_at : {std::size_t{0}, calls.size() / 2, calls.size() - 1})
        {
            std::size_t seen = 0;
            o.progress = [&](std::size_t, std::size_t) { return seen++ < stop_at; };
            const auto stopped = analysis::analyze_agreement(*p.session, o);
            REQUIRE_FALSE(stopped);
            CHECK(stopped.error().code == ErrorCode::Cancelled);
            CHECK(seen == stop_at + 1);
        }
    }
}
