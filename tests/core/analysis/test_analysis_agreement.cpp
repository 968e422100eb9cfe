// SPDX-License-Identifier: GPL-3.0-or-later
// The AAI agreement analysis on a real project file built through the Session, with numbers
// checked by hand in the comments.
#include "core/analysis/project_agreement.h"
#include "core/project/session.h"

#include "../store/temp_dir.h"

#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>

using namespace attune;
using namespace attune::project;
using attune::analysis::AgreementOptions;
using attune::analysis::AgreementReport;

namespace
{

// Line starts (code points): 1 "[Q1]" 0, 2 "I: Tell…" 5, 3 "R: I don't…" 38, 4 "[Q2]" 68,
// 5 "I: Describe…" 73, 6 "R: She was…" 98; 134 code points in all.
const char* const kText = "[Q1]\nI: Tell me about your childhood.\nR: I don't remember anything.\n"
                          "[Q2]\nI: Describe your mother.\nR: She was wonderful, always there.\n";

std::string read(const std::string& path)
{
    std::ifstream in(path, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

template <typename T> T ok(Result<T> r)
{
    if (!r)
        FAIL(r.error().to_string());
    return std::move(r).value();
}

/// Coders a, b and master m over transcripts T1-T4 with the shipped state-of-mind scheme.
struct DemoProject
{
    testing::TempDir dir;
    std::unique_ptr<Session> session;
    CoderId a, b, m;
    std::vector<TranscriptId> t;

    DemoProject()
    {
        session = ok(Session::create(dir / "agree.attune"));
        const std::string sid = "aai-state-of-mind";
        ok(session->apply(AddScheme{read(ATTUNE_SOURCE_DIR "/schemes/aai-state-of-mind.xml"),
                                    "aai-state-of-mind.xml"}));
        a = ok(session->apply(AddCoder{"a"})).coder;
        b = ok(session->apply(AddCoder{"b"})).coder;
        m = ok(session->apply(AddCoder{"m"})).coder;
        for (int i = 1; i <= 4; ++i)
        {
            Transcript meta;
            meta.title = "T" + std::to_string(i);
            meta.participant = "T" + std::to_string(i);
            t.push_back(ok(session->apply(AddTranscript{meta, kText, false, true})).transcript);
        }
        auto classify = [&](int ti, CoderId c, std::string cat, std::optional<std::string> u = {}) {
            ok(session->apply(
                Classify{t[static_cast<std::size_t>(ti)], c, sid, cat, {}, u, {}, ""}));
        };
        // 3-way: T1 F F F, T2 Ds Ds Ds, T3 E F E, T4 F F F; 4-way T4: U F U.
        classify(0, a, "F3");
        classify(0, b, "F3");
        classify(0, m, "F1");
        classify(1, a, "Ds1");
        classify(1, b, "Ds");
        classify(1, m, "Ds2");
        classify(2, a, "E");
        classify(2, b, "F");
        classify(2, m, "E");
        classify(3, a, "F", "U");
        classify(3, b, "F");
        classify(3, m, "F", "U");
        auto rate = [&](int ti, CoderId c, std::optional<double> v) {
            ok(session->apply(
                Rate{t[static_cast<std::size_t>(ti)], c, sid, "metacognition", "", v, ""}));
        };
        rate(0, a, 5);
        rate(0, b, 5);
        rate(1, a, 3);
        rate(1, b, 4);
        rate(2, a, 7);
        rate(2, b, std::nullopt); // not scorable
        rate(3, a, 2);
        rate(3, b, 4);
        auto mark = [&](int ti, CoderId c, const char* code, std::int64_t s, std::int64_t e) {
            ok(session->apply(Annotate{t[static_cast<std::size_t>(ti)], c, sid, code, s, e, ""}));
        };
        // T1: identical; T2: b starts 3 later on line 3, only a marks line 6.
        mark(0, a, "lack-of-recall", 38, 67);
        mark(0, b, "lack-of-recall", 38, 67);
        mark(1, a, "lack-of-recall", 38, 67);
        mark(1, b, "lack-of-recall", 41, 67);
        mark(1, a, "idealization-mother", 98, 133);
    }
};

const analysis::ClassificationAgreement& at(const AgreementReport& r, const std::string& id)
{
    for (const auto& c : r.classifications)
        if (c.collapsing == id)
            return c;
    FAIL("no collapsing " << id);
    throw;
}

} // namespace

TEST_CASE("analysis: classification agreement at each collapsing, pairwise and against the master",
          "[analysis]")
{
    DemoProject p;
    AgreementOptions o;
    o.master = "m";
    const AgreementReport r = ok(analysis::analyze_agreement(*p.session, o));
    REQUIRE(r.coders == std::vector<std::string>{"a", "b", "m"});
    REQUIRE(r.classifications.size() == 5); // 2-, 3-, 4-, 5-way and subclass

    const auto& three = at(r, "aai-3way");
    CHECK(three.n_transcripts == 4);
    // Fleiss' P̄: T1, T2, T4 all agree (1), T3 (E, F, E) has 1 agreeing pair of 3.
    CHECK(*three.percent.value == Approx((3.0 + 1.0 / 3.0) / 4.0));
    CHECK(three.kappa.metric.find("fleiss") != std::string::npos);
    REQUIRE(three.vs_master.size() == 2);
    CHECK(three.vs_master[0].coder_a == "a");
    CHECK(three.vs_master[0].agree == 4);
    CHECK(three.vs_master[0].n == 4);
    CHECK(three.vs_master[1].agree == 3); // b says F on T3, the master E
    // Confusion a (rows) × b (columns) in label order F, Ds, E: T3 is E × F.
    REQUIRE(three.pairs.size() == 3);
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
