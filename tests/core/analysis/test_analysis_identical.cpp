// SPDX-License-Identifier: GPL-3.0-or-later
// "Accept every passage both coders marked identically" (the workbench's reconciliation):
// analysis::identical_passage_decisions on the shared demo project, applied as one batch.
#include "core/analysis/disagreements.h"

#include "demo_project.h"

#include <regex>

using namespace attune;
using namespace attune::testing;
using analysis::DisagreementOptions;

namespace
{

DisagreementOptions coders_ab()
{
    DisagreementOptions o;
    o.coders = {"a", "b"};
    return o;
}

std::vector<RecordDecision> identical(Session& s, DisagreementOptions o = coders_ab())
{
    return ok(analysis::identical_passage_decisions(s, o, "identical", "both marked it"));
}

std::vector<Command> as_commands(const std::vector<RecordDecision>& decisions)
{
    return {decisions.begin(), decisions.end()};
}

} // namespace

TEST_CASE("identical: the passages both coders marked alike, as decisions taking A's",
          "[analysis][consensus]")
{
    DemoProject p;
    // T1: a and b both mark lack-of-recall [38, 67); T2's boundary shift and only-a are
    // disagreements, not identical.
    const auto decisions = identical(*p.session);
    REQUIRE(decisions.size() == 1);
    const auto& d = decisions[0];
    CHECK(d.kind == "passage");
    CHECK(d.transcript == p.t[0]);
    CHECK(d.decision == "accept-a");
    CHECK(std::regex_match(d.disagreement, std::regex("p-[0-9a-f]{10}")));
    const auto of_a = p.session->annotations(p.t[0], p.a);
    const auto of_b = p.session->annotations(p.t[0], p.b);
    REQUIRE(of_a.size() == 1);
    REQUIRE(of_b.size() == 1);
    CHECK(d.sources == std::vector<std::string>{of_a[0].uuid, of_b[0].uuid});
    CHECK(d.take == std::vector<std::string>{of_a[0].uuid});
    CHECK(d.reason == "identical");
    CHECK(d.note == "both marked it");
    // No disagreement shares the id, and the order of the coders does not change it.
    DisagreementOptions listed = coders_ab();
    for (const auto& item : ok(analysis::list_disagreements(*p.session, listed)).items)
        CHECK(item.id != d.disagreement);
    DisagreementOptions swapped;
    swapped.coders = {"b", "a"};
    const auto other_way = identical(*p.session, swapped);
    REQUIRE(other_way.size() == 1);
    CHECK(other_way[0].disagreement == d.disagreement);
}

TEST_CASE("identical: one batch, one undo step, and decided pairs are not offered again",
          "[analysis][consensus]")
{
    DemoProject p;
    const auto open_before = ok(analysis::list_disagreements(*p.session, coders_ab())).items.size();
    const auto decisions = identical(*p.session);
    REQUIRE(decisions.size() == 1);
    ok(p.session->apply(as_commands(decisions), "Accept 1 identical passage"));
    const auto consensus = p.session->consensus_coder();
    REQUIRE(consensus);
    const auto made = p.session->annotations(p.t[0], consensus->id);
    REQUIRE(made.size() == 1);
    CHECK(made[0].code == "lack-of-recall");
    CHECK(made[0].start == 38);
    CHECK(made[0].end == 67);
    CHECK(p.session->consensus_decisions().size() == 1);
    CHECK(p.session->undo_label() == "Undo Accept 1 identical passage");
    // Decided: offered no more; the disagreements are what they were.
    CHECK(identical(*p.session).empty());
    CHECK(ok(analysis::list_disagreements(*p.session, coders_ab())).items.size() == open_before);

    ok(p.session->undo());
    CHECK(p.session->annotations(p.t[0], consensus->id).empty());
    CHECK(p.session->consensus_decisions().empty());
    CHECK(identical(*p.session).size() == 1);
}

TEST_CASE("identical: the coders are checked as for the disagreement listing",
          "[analysis][consensus]")
{
    DemoProject p;
    DisagreementOptions o;
    o.coders = {"a", "zz"};
    auto r = analysis::identical_passage_decisions(*p.session, o, "x");
    REQUIRE_FALSE(r);
    CHECK(r.error().code == ErrorCode::NotFound);
    o.coders = {"a", "a"};
    r = analysis::identical_passage_decisions(*p.session, o, "x");
    REQUIRE_FALSE(r);
    CHECK(r.error().code == ErrorCode::InvalidArgument);
}
