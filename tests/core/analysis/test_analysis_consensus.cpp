// SPDX-License-Identifier: GPL-3.0-or-later
// Reconciliation on the shared demo project: the disagreements of a and b with their stable
// ids, decisions recorded through the Session (undo, redo, batches, the one consensus coder),
// and agreement against the consensus, which is never pooled with the coders.
#include "core/analysis/disagreements.h"
#include "core/project/session_access.h"
#include "core/store/project_store.h"

#include "demo_project.h"

#include <regex>
#include <set>

using namespace attune;
using namespace attune::testing;
using analysis::DisagreementItem;
using analysis::DisagreementKind;
using analysis::DisagreementOptions;
using analysis::Take;

namespace
{

std::vector<DisagreementItem> list(Session& s, std::vector<std::string> coders = {"a", "b"},
                                   double min_difference = 0.0)
{
    DisagreementOptions o;
    o.coders = std::move(coders);
    o.min_rating_difference = min_difference;
    return ok(analysis::list_disagreements(s, o)).items;
}

std::vector<DisagreementItem> of_kind(const std::vector<DisagreementItem>& items,
                                      DisagreementKind kind, std::optional<TranscriptId> t = {})
{
    std::vector<DisagreementItem> out;
    for (const auto& d : items)
        if (d.kind == kind && (!t || d.transcript == *t))
            out.push_back(d);
    return out;
}

const DisagreementItem& classification_at(const std::vector<DisagreementItem>& items,
                                          TranscriptId t, const std::string& collapsing)
{
    for (const auto& d : items)
        if (d.kind == DisagreementKind::Classification && d.transcript == t &&
            d.collapsing == collapsing)
            return d;
    FAIL("no classification disagreement at " << collapsing);
    throw;
}

std::set<std::string> ids(const std::vector<DisagreementItem>& items)
{
    std::set<std::string> out;
    for (const auto& d : items)
        out.insert(d.id);
    return out;
}

Outcome decide(Session& s, const DisagreementItem& d, Take take, const std::string& value = {})
{
    return ok(s.apply(ok(analysis::make_decision(d, take, value, "discussed"))));
}

} // namespace

TEST_CASE("consensus: the disagreements of two coders, by kind", "[analysis][consensus]")
{
    DemoProject p;
    const auto items = list(*p.session);
    // Passages: T1 identical (none); T2 lack-of-recall a [38,67) b [41,67), a alone on line 6.
    const auto boundary = of_kind(items, DisagreementKind::Boundary);
    REQUIRE(boundary.size() == 1);
    CHECK(boundary[0].transcript == p.t[1]);
    CHECK(boundary[0].a.code == "lack-of-recall");
    CHECK(boundary[0].a.start == 38);
    CHECK(boundary[0].b.start == 41);
    CHECK(boundary[0].first_line == 3);
    CHECK(boundary[0].last_line == 3);
    const auto only_a = of_kind(items, DisagreementKind::OnlyA);
    REQUIRE(only_a.size() == 1);
    CHECK(only_a[0].a.code == "idealization-mother");
    CHECK(only_a[0].b.uuid.empty());
    CHECK(only_a[0].first_line == 6);
    CHECK(of_kind(items, DisagreementKind::OnlyB).empty());
    CHECK(of_kind(items, DisagreementKind::DifferentCode).empty());

    // Ratings: T2 3/4, T3 7/not scorable, T4 2/4 (T1 5/5 agrees).
    const auto ratings = of_kind(items, DisagreementKind::Rating);
    REQUIRE(ratings.size() == 3);
    CHECK(ratings[1].a.value == "7");
    CHECK(ratings[1].b.value == "not-scorable");
    // At least 2 points apart: T2 (1 point) drops, a not-scorable always differs.
    CHECK(of_kind(list(*p.session, {"a", "b"}, 2.0), DisagreementKind::Rating).size() == 2);

    // Classifications: T3 E against F at the three-way collapsing; T1 (F3, F3) never.
    const auto& t3 = classification_at(items, p.t[2], "aai-3way");
    CHECK(t3.a.value == "E");
    CHECK(t3.b.value == "F");
    CHECK(of_kind(items, DisagreementKind::Classification, p.t[0]).empty());

    // A different code on the same stretch.
    ok(p.session->apply(
        Annotate{p.t[0], p.b, "aai-state-of-mind", "idealization-mother", 98, 120, ""}));
    ok(p.session->apply(
        Annotate{p.t[0], p.a, "aai-state-of-mind", "lack-of-recall", 100, 133, ""}));
    const auto different = of_kind(list(*p.session), DisagreementKind::DifferentCode, p.t[0]);
    REQUIRE(different.size() == 1);
    CHECK(different[0].a.code == "lack-of-recall");
    CHECK(different[0].b.code == "idealization-mother");
}

TEST_CASE("consensus: disagreement ids are stable", "[analysis][consensus]")
{
    DemoProject p;
    const auto first = list(*p.session);
    const std::regex shape("[prc]-[0-9a-f]{10}");
    for (const auto& d : first)
        CHECK(std::regex_match(d.id, shape));
    CHECK(ids(first).size() == first.size()); // unique
    CHECK(ids(list(*p.session)) == ids(first));
    // Naming the coders the other way round lists the same disagreements, A and B swapped.
    const auto swapped = list(*p.session, {"b", "a"});
    CHECK(ids(swapped) == ids(first));
    CHECK(of_kind(swapped, DisagreementKind::OnlyB).size() == 1);
    // An unrelated change (the master's work, a new passage elsewhere) keeps every id.
    ok(p.session->apply(Rate{p.t[0], p.m, "aai-state-of-mind", "metacognition", "", 6, ""}));
    ok(p.session->apply(Annotate{p.t[3], p.b, "aai-state-of-mind", "lack-of-recall", 5, 20, ""}));
    const auto later = list(*p.session);
    CHECK(later.size() == first.size() + 1);
    for (const auto& id : ids(first))
        CHECK(ids(later).count(id) == 1);
    // find_disagreement finds an id without being told the coders (a and b are the first pair).
    const auto found = ok(analysis::find_disagreement(*p.session, first[0].id, {}));
    CHECK(found.kind == first[0].kind);
    auto missing = analysis::find_disagreement(*p.session, "p-0000000000", {});
    REQUIRE_FALSE(missing);
    CHECK(missing.error().code == ErrorCode::NotFound);
}

TEST_CASE("consensus: a decision makes the consensus records, undo and redo take them back",
          "[analysis][consensus]")
{
    DemoProject p;
    const auto boundary = of_kind(list(*p.session), DisagreementKind::Boundary).at(0);
    const auto out = decide(*p.session, boundary, Take::B);
    CHECK(any(out.changed & Change::Consensus));
    CHECK(any(out.changed & Change::Coders)); // the consensus coder was made
    const auto consensus = p.session->consensus_coder();
    REQUIRE(consensus);
    CHECK(consensus->name == "consensus");
    CHECK(consensus->role == "consensus");
    const auto made = p.session->annotations(p.t[1], consensus->id);
    REQUIRE(made.size() == 1);
    CHECK(made[0].code == "lack-of-recall");
    CHECK(made[0].start == 41);
    CHECK(made[0].end == 67);
    auto decisions = p.session->consensus_decisions();
    REQUIRE(decisions.size() == 1);
    const auto decision = decisions[0];
    CHECK(decision.disagreement == boundary.id);
    CHECK(decision.kind == "passage");
    CHECK(decision.decision == "accept-b");
    CHECK(decision.sources == std::vector<std::string>{boundary.a.uuid, boundary.b.uuid});
    CHECK(decision.results == std::vector<std::string>{made[0].uuid});
    CHECK(decision.reason == "discussed");
    CHECK_FALSE(decision.decided_by.empty());
    CHECK_FALSE(decision.decided.empty());
    // The listing shows it decided.
    for (const auto& d : list(*p.session))
        if (d.id == boundary.id)
        {
            REQUIRE(d.decision);
            CHECK(d.decision->uuid == decision.uuid);
        }
    // Deciding it again is refused.
    auto again = p.session->apply(ok(analysis::make_decision(boundary, Take::A, {}, "")));
    REQUIRE_FALSE(again);
    CHECK(again.error().code == ErrorCode::Conflict);

    ok(p.session->undo());
    CHECK(p.session->annotations(p.t[1], consensus->id).empty());
    CHECK(p.session->consensus_decisions().empty());
    CHECK(p.session->consensus_coder()); // the coder stays, without records
    ok(p.session->redo());
    const auto back = p.session->annotations(p.t[1], consensus->id);
    REQUIRE(back.size() == 1);
    CHECK(back[0].uuid == made[0].uuid);
    decisions = p.session->consensus_decisions();
    REQUIRE(decisions.size() == 1);
    CHECK(decisions[0].uuid == decision.uuid);
    CHECK(decisions[0].id == decision.id);
    CHECK(decisions[0].results == decision.results);
}

TEST_CASE("consensus: every take, in one batch, with one consensus coder", "[analysis][consensus]")
{
    DemoProject p;
    const auto items = list(*p.session);
    const auto only_a = of_kind(items, DisagreementKind::OnlyA).at(0);
    const auto boundary = of_kind(items, DisagreementKind::Boundary).at(0);
    const auto ratings = of_kind(items, DisagreementKind::Rating);
    const auto& t3 = classification_at(items, p.t[2], "aai-3way");
    std::vector<Command> batch;
    batch.push_back(ok(analysis::make_decision(only_a, Take::A, {}, "clear idealization")));
    batch.push_back(ok(analysis::make_decision(boundary, Take::Both, {}, "")));
    batch.push_back(ok(analysis::make_decision(ratings[0], Take::Value, "3.5", "midway")));
    batch.push_back(ok(analysis::make_decision(ratings[1], Take::Neither, {}, "unscorable")));
    batch.push_back(ok(analysis::make_decision(t3, Take::A, {}, "")));
    ok(p.session->apply(batch, "Reconcile T2-T3"));
    const auto consensus = p.session->consensus_coder();
    REQUIRE(consensus);
    CHECK(p.session->annotations(p.t[1], consensus->id).size() == 3); // a's, then both boundary
    const auto rated = p.session->ratings(std::nullopt, consensus->id);
    REQUIRE(rated.size() == 1);
    CHECK(*rated[0].value == 3.5);
    const auto classified = p.session->classifications(std::nullopt, consensus->id);
    REQUIRE(classified.size() == 1);
    CHECK(classified[0].category == "E");
    CHECK(p.session->consensus_decisions().size() == 5);
    // One consensus coder for all of them.
    int consensus_coders = 0;
    for (const auto& c : p.session->coders())
        consensus_coders += c.role == "consensus" ? 1 : 0;
    CHECK(consensus_coders == 1);
    // One undo step takes the whole batch back.
    CHECK(p.session->undo_label() == "Undo Reconcile T2-T3");
    ok(p.session->undo());
    CHECK(p.session->consensus_decisions().empty());
    CHECK(p.session->annotations(std::nullopt, consensus->id).empty());
    CHECK(p.session->ratings(std::nullopt, consensus->id).empty());
    ok(p.session->redo());
    CHECK(p.session->consensus_decisions().size() == 5);

    // A rating has one value; an edited passage must be valid; a bad value is refused.
    auto both = analysis::make_decision(ratings[2], Take::Both, {}, "");
    REQUIRE_FALSE(both);
    CHECK(both.error().code == ErrorCode::InvalidArgument);
    auto off_grid =
        p.session->apply(ok(analysis::make_decision(ratings[2], Take::Value, "42", "")));
    REQUIRE_FALSE(off_grid);
    CHECK(off_grid.error().code == ErrorCode::InvalidArgument);
    auto malformed = analysis::make_decision(only_a, Take::Value, "lack-of-recall", "");
    REQUIRE_FALSE(malformed);
    CHECK(malformed.error().code == ErrorCode::InvalidArgument);
}

TEST_CASE("consensus: a project holds one consensus coder", "[analysis][consensus]")
{
    DemoProject p;
    // A coder named "consensus" who is an ordinary coder: the consensus gets another name.
    const auto named = ok(p.session->apply(AddCoder{"consensus"})).coder;
    const auto items = list(*p.session);
    decide(*p.session, of_kind(items, DisagreementKind::OnlyA).at(0), Take::A);
    const auto consensus = p.session->consensus_coder();
    REQUIRE(consensus);
    CHECK(consensus->name == "consensus-2");
    // A second coder given the role by hand makes decisions refuse.
    SessionAccess::store(*p.session).set_coder_role(named, "consensus");
    auto r = p.session->apply(ok(analysis::make_decision(
        of_kind(items, DisagreementKind::Boundary).at(0), Take::A, {}, "")));
    REQUIRE_FALSE(r);
    CHECK(r.error().code == ErrorCode::Conflict);
}

TEST_CASE("consensus: agreement of each coder with the consensus, never pooled",
          "[analysis][consensus]")
{
    DemoProject p;
    const auto items = list(*p.session);
    decide(*p.session, classification_at(items, p.t[2], "aai-3way"), Take::A); // T3: E
    AgreementOptions o;
    o.master = "m";
    const AgreementReport r = ok(analysis::analyze_agreement(*p.session, o));
    CHECK(r.coders == std::vector<std::string>{"a", "b"});
    CHECK(r.consensus == "consensus");
    const auto& three = at(r, "aai-3way");
    REQUIRE(three.pairs.size() == 1); // a-b only: neither master nor consensus is pooled
    REQUIRE(three.vs_consensus.size() == 2);
    CHECK(three.vs_consensus[0].coder_a == "a");
    CHECK(three.vs_consensus[0].coder_b == "consensus");
    CHECK(three.vs_consensus[0].n == 1);
    CHECK(three.vs_consensus[0].agree == 1);
    CHECK(three.vs_consensus[1].agree == 0); // b said F
    // Naming the consensus among the coders does not pool it either.
    o.coders = {"a", "b", "consensus"};
    const AgreementReport named = ok(analysis::analyze_agreement(*p.session, o));
    CHECK(named.coders == std::vector<std::string>{"a", "b"});
    CHECK(at(named, "aai-3way").kappa.metric.find("cohen") != std::string::npos);
}
