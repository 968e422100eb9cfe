// SPDX-License-Identifier: GPL-3.0-or-later
// The facts of a study for the methods paragraph (analysis/study_facts.h) on the shared demo
// project: double-coded out of all, coders and roles, blindness only when packages were merged,
// the consensus decisions summarised, and the transcripts of each confusion cell.
#include "core/analysis/disagreements.h"
#include "core/analysis/study_facts.h"
#include "core/base/version.h"
#include "core/team/team.h"

#include "demo_project.h"

using namespace attune;
using namespace attune::testing;
using analysis::Blindness;
using analysis::StudyFacts;

namespace
{

// The demo's m is the master by --master (its role is "coder").
AgreementOptions with_master()
{
    AgreementOptions o;
    o.master = "m";
    return o;
}

StudyFacts facts_of(Session& s, const AgreementOptions& o = with_master())
{
    const auto report = ok(analysis::analyze_agreement(s, o));
    return ok(analysis::study_facts(s, report, o));
}

// A fifth transcript, T5, with the demo's text and nothing coded in it yet.
TranscriptId add_t5(DemoProject& p)
{
    Transcript meta;
    meta.title = "T5";
    meta.participant = "T5";
    return ok(p.session->apply(AddTranscript{meta, kText, false, true})).transcript;
}

const analysis::StudyCoder& coder(const StudyFacts& f, const std::string& name)
{
    for (const auto& c : f.coders)
        if (c.name == name)
            return c;
    FAIL("no coder " << name);
    throw;
}

} // namespace

TEST_CASE("study facts: double-coded transcripts out of all, coders and their roles",
          "[analysis][report]")
{
    DemoProject p;
    // A fifth transcript coded by a alone: in the project, not double-coded.
    const auto t5 = add_t5(p);
    ok(p.session->apply(Rate{t5, p.a, "aai-state-of-mind", "metacognition", "", 4.0, ""}));

    const StudyFacts f = facts_of(*p.session);
    CHECK(f.transcripts_total == 5);
    CHECK(f.transcripts_analysed == 5);
    CHECK(f.double_coded == 4);
    CHECK(f.single_coded == 1);
    REQUIRE(f.coders.size() == 3);
    CHECK(f.coders[0].name == "a");
    CHECK(f.coders[0].role == "coder");
    CHECK(f.coders[0].transcripts_coded == 5);
    CHECK(f.coders[1].name == "b");
    CHECK(f.coders[1].transcripts_coded == 4);
    CHECK(f.coders[2].name == "m");
    CHECK(f.coders[2].role == "master");
    CHECK(f.coders[2].transcripts_coded == 4);
    CHECK(f.transcript_names == std::vector<std::string>{"T1", "T2", "T3", "T4", "T5"});
    CHECK(f.version == std::string(kVersion));
    CHECK(f.software == "Attune");
    // Nothing came in through a package: blindness is not claimed.
    CHECK(f.blind == Blindness::NotShown);
    CHECK_FALSE(f.coders[0].through_package);
    CHECK(f.consensus.decided == 0);

    // A selection: double-coded counts the analysed transcripts only; the total stays.
    AgreementOptions two = with_master();
    two.transcripts = {"T1", "T5"};
    const StudyFacts g = facts_of(*p.session, two);
    CHECK(g.transcripts_total == 5);
    CHECK(g.transcripts_analysed == 2);
    CHECK(g.double_coded == 1);
    CHECK(g.single_coded == 1);
}

TEST_CASE("study facts: who coded what is the same whether the analysis read the annotations "
          "or the facts read them",
          "[analysis][report]")
{
    DemoProject p;
    // T5: c marks a passage and nothing else, m marks one outside Q2; the passages are what
    // makes them coders of T5.
    const auto t5 = add_t5(p);
    const auto c = ok(p.session->apply(AddCoder{"c"})).coder;
    ok(p.session->apply(Annotate{t5, c, "aai-state-of-mind", "lack-of-recall", 38, 67, ""}));
    ok(p.session->apply(Annotate{t5, p.m, "aai-state-of-mind", "lack-of-recall", 38, 67, ""}));
    for (const std::string section : {"", "Q2"})
        for (const std::string transcripts : {"", "T5"})
        {
            INFO("section '" << section << "', transcripts '" << transcripts << "'");
            AgreementOptions o = with_master();
            o.section = section;
            if (!transcripts.empty())
                o.transcripts = {transcripts, "T2"};
            const auto read_by_analysis = ok(analysis::analyze_agreement(*p.session, o));
            CHECK(read_by_analysis.coded_complete);
            // The same report as if the annotations had not been read: the facts read them.
            AgreementReport read_by_facts = read_by_analysis;
            read_by_facts.coded.clear();
            read_by_facts.coded_complete = false;
            CHECK_FALSE(read_by_analysis.coded.empty());
            const StudyFacts x = ok(analysis::study_facts(*p.session, read_by_analysis, o));
            const StudyFacts y = ok(analysis::study_facts(*p.session, read_by_facts, o));
            REQUIRE(x.coders.size() == y.coders.size());
            for (std::size_t i = 0; i < x.coders.size(); ++i)
            {
                CHECK(x.coders[i].name == y.coders[i].name);
                CHECK(x.coders[i].transcripts_coded == y.coders[i].transcripts_coded);
            }
            CHECK(x.double_coded == y.double_coded);
            CHECK(x.single_coded == y.single_coded);
            // c coded T5 by its passage alone, in the section or not.
            CHECK(coder(x, "c").transcripts_coded == 1);
            CHECK(coder(x, "m").transcripts_coded == (transcripts.empty() ? 5 : 2));
        }
}

TEST_CASE("study facts: consensus decisions by kind, decision, reason and who decided",
          "[analysis][report]")
{
    DemoProject p;
    analysis::DisagreementOptions o;
    o.coders = {"a", "b"};
    const auto items = ok(analysis::list_disagreements(*p.session, o)).items;
    int passages = 0, ratings = 0;
    for (const auto& d : items)
    {
        if (d.kind == analysis::DisagreementKind::Rating && ratings < 2)
        {
            ok(p.session->apply(ok(analysis::make_decision(d, analysis::Take::B, {}, "midway"))));
            ++ratings;
        }
        else if (d.kind != analysis::DisagreementKind::Rating &&
                 d.kind != analysis::DisagreementKind::Classification && passages < 1)
        {
            ok(p.session->apply(
                ok(analysis::make_decision(d, analysis::Take::A, {}, "clear evidence"))));
            ++passages;
        }
    }
    REQUIRE(ratings == 2);
    REQUIRE(passages == 1);
    const StudyFacts f = facts_of(*p.session);
    CHECK(f.consensus.decided == 3);
    REQUIRE(f.consensus.by_kind.size() == 2);
    CHECK(f.consensus.by_kind[0].name == "rating");
    CHECK(f.consensus.by_kind[0].count == 2);
    CHECK(f.consensus.by_kind[1].name == "passage");
    REQUIRE(f.consensus.by_decision.size() == 2);
    CHECK(f.consensus.by_decision[0].name == "accept-b");
    CHECK(f.consensus.by_decision[0].count == 2);
    REQUIRE(f.consensus.reasons.size() == 2);
    CHECK(f.consensus.reasons[0].name == "midway");
    CHECK(f.consensus.reasons[0].count == 2);
    REQUIRE(f.consensus.decided_by.size() == 1);
    CHECK(f.consensus.decided_by[0].count == 3);
    // The consensus coder takes part as such, never pooled.
    CHECK(coder(f, "consensus").role == "consensus");

    // Decisions on transcripts outside the selection are not counted.
    AgreementOptions t1 = with_master();
    t1.transcripts = {"T1"}; // a and b agree on everything there
    CHECK(facts_of(*p.session, t1).consensus.decided == 0);
}

TEST_CASE("study facts: a coder counts as blind only when a package of theirs was merged",
          "[analysis][report]")
{
    DemoProject p;
    auto package_and_merge = [&](CoderId who, const std::string& file, double value)
    {
        const auto path = p.dir / file;
        ok(team::make_package(*p.session, team::PackageRequest{who, path, false}));
        {
            auto pkg = ok(Session::open(path));
            ok(pkg->apply(Rate{p.t[0], who, "aai-state-of-mind", "metacognition", "", value, ""}));
        }
        ok(team::merge_packages(*p.session, {path}));
    };
    package_and_merge(p.a, "a.attune", 6.0);
    StudyFacts f = facts_of(*p.session);
    CHECK(f.blind == Blindness::Some);
    CHECK(coder(f, "a").through_package);
    CHECK_FALSE(coder(f, "b").through_package);
    package_and_merge(p.b, "b.attune", 6.0);
    f = facts_of(*p.session);
    CHECK(f.blind == Blindness::All);
    CHECK(coder(f, "b").through_package);
}

TEST_CASE("agreement: each confusion cell names its transcripts", "[analysis][report]")
{
    DemoProject p;
    const auto r = ok(analysis::analyze_agreement(*p.session, with_master()));
    const auto& three = at(r, "aai-3way");
    REQUIRE(three.pairs.size() == 1);
    const auto& pair = three.pairs[0];
    REQUIRE(pair.cells.size() == three.labels.size());
    // 3-way: T1 F F, T2 Ds Ds, T3 E F, T4 F F: cell (E, F) holds T3 alone.
    auto index = [&](const std::string& l)
    {
        return static_cast<std::size_t>(std::find(three.labels.begin(), three.labels.end(), l) -
                                        three.labels.begin());
    };
    CHECK(pair.cells[index("E")][index("F")] == std::vector<TranscriptId>{p.t[2]});
    CHECK(pair.cells[index("F")][index("F")] == std::vector<TranscriptId>{p.t[0], p.t[3]});
    for (std::size_t a = 0; a < pair.cells.size(); ++a)
        for (std::size_t b = 0; b < pair.cells[a].size(); ++b)
            CHECK(static_cast<int>(pair.cells[a][b].size()) == pair.confusion[a][b]);
}
