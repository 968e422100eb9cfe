// SPDX-License-Identifier: GPL-3.0-or-later
// The Reconcile tab's queue (app/reconcile_rows.h) without a window: filter, the F8 walk over
// undecided items, progress, a transcript listed again in its place, and how cells read.
#include "app/reconcile_rows.h"

#include <catch2/catch.hpp>

using namespace attune;
using namespace attune::app;
using analysis::DisagreementItem;
using analysis::DisagreementKind;

namespace
{

DisagreementItem item(std::string id, std::int64_t transcript, DisagreementKind kind,
                      bool decided = false)
{
    DisagreementItem d;
    d.id = std::move(id);
    d.transcript = store::TranscriptId{transcript};
    d.transcript_title = "P" + std::to_string(transcript);
    d.kind = kind;
    d.a.coder = "anna";
    d.b.coder = "ben";
    if (decided)
    {
        d.decision = project::ConsensusDecision{};
        d.decision->decision = "accept-b";
    }
    return d;
}

ReconcileQueue queue_of(std::vector<DisagreementItem> items)
{
    analysis::DisagreementList list;
    list.coder_a = "anna";
    list.coder_b = "ben";
    list.items = std::move(items);
    ReconcileQueue q;
    q.set(std::move(list));
    return q;
}

std::vector<std::string> ids(const ReconcileQueue& q)
{
    std::vector<std::string> out;
    for (std::size_t r = 0; r < q.rows(); ++r)
        out.push_back(q.at_row(r).id);
    return out;
}

} // namespace

TEST_CASE("reconcile queue: F8 walks undecided rows and wraps", "[gui][reconcile]")
{
    auto q = queue_of({item("p1", 1, DisagreementKind::Boundary, true),
                       item("p2", 1, DisagreementKind::OnlyA),
                       item("r1", 1, DisagreementKind::Rating, true),
                       item("c1", 2, DisagreementKind::Classification)});
    CHECK(q.progress_text() == "2 of 4 resolved");
    CHECK(q.next_undecided(std::nullopt, +1) == std::optional<std::size_t>(1));
    CHECK(q.next_undecided(1, +1) == std::optional<std::size_t>(3));
    CHECK(q.next_undecided(3, +1) == std::optional<std::size_t>(1)); // wraps
    CHECK(q.next_undecided(std::nullopt, -1) == std::optional<std::size_t>(3));
    CHECK(q.next_undecided(1, -1) == std::optional<std::size_t>(3));
    auto done = queue_of({item("p1", 1, DisagreementKind::Boundary, true)});
    CHECK_FALSE(done.next_undecided(std::nullopt, +1));
    CHECK_FALSE(queue_of({}).next_undecided(std::nullopt, +1));
}

TEST_CASE("reconcile queue: a filter shows one kind, progress counts all", "[gui][reconcile]")
{
    auto q =
        queue_of({item("p1", 1, DisagreementKind::Boundary), item("p2", 1, DisagreementKind::OnlyB),
                  item("r1", 1, DisagreementKind::Rating, true),
                  item("c1", 2, DisagreementKind::Classification)});
    q.set_filter(ReconcileFilter::Passages);
    CHECK(ids(q) == std::vector<std::string>{"p1", "p2"});
    q.set_filter(ReconcileFilter::OnlyB);
    CHECK(ids(q) == std::vector<std::string>{"p2"});
    q.set_filter(ReconcileFilter::Ratings);
    CHECK(ids(q) == std::vector<std::string>{"r1"});
    CHECK_FALSE(q.next_undecided(std::nullopt, +1)); // the one rating is decided
    CHECK(q.progress_text() == "1 of 4 resolved");
    CHECK(q.row_of("p1") == std::nullopt);
    q.set_filter(ReconcileFilter::All);
    CHECK(q.row_of("c1") == std::optional<std::size_t>(3));
}

TEST_CASE("reconcile queue: one transcript listed again keeps its place", "[gui][reconcile]")
{
    auto q =
        queue_of({item("a", 1, DisagreementKind::OnlyA), item("b", 3, DisagreementKind::OnlyA),
                  item("c", 3, DisagreementKind::Rating), item("d", 5, DisagreementKind::OnlyB)});
    q.replace_transcript(store::TranscriptId{3}, {item("b", 3, DisagreementKind::OnlyA, true)});
    CHECK(ids(q) == std::vector<std::string>{"a", "b", "d"});
    CHECK(q.decided() == 1);
    // A transcript that had none gets its items between its neighbours.
    q.replace_transcript(store::TranscriptId{4}, {item("x", 4, DisagreementKind::Boundary)});
    CHECK(ids(q) == std::vector<std::string>{"a", "b", "x", "d"});
    q.replace_transcript(store::TranscriptId{9}, {item("z", 9, DisagreementKind::Boundary)});
    CHECK(ids(q) == std::vector<std::string>{"a", "b", "x", "d", "z"});
    q.replace_transcript(store::TranscriptId{1}, {});
    CHECK(ids(q) == std::vector<std::string>{"b", "x", "d", "z"});
}

TEST_CASE("reconcile queue: cells and details say both versions", "[gui][reconcile]")
{
    auto p = item("p1", 1, DisagreementKind::OnlyA);
    p.first_line = 2;
    p.last_line = 3;
    p.a.uuid = "u1";
    p.a.code = "vague";
    p.a.detail = "Vague";
    p.a.start = 3;
    p.a.end = 8;
    p.a.first_line = 2;
    p.a.last_line = 3;
    auto q = queue_of({p});
    CHECK(q.cell(0, ReconcileColumn::Kind) == "only A");
    CHECK(q.cell(0, ReconcileColumn::Where) == "P1 l.2-3");
    CHECK(q.cell(0, ReconcileColumn::A) == "vague l.2-3");
    CHECK(q.cell(0, ReconcileColumn::B) == "\u2014");
    CHECK(q.cell(0, ReconcileColumn::Decision).empty());
    const auto text = reconcile_details(p, "I: caf\u00e9 au lait", {}, {});
    CHECK(text.find("A (anna): Vague, l.2-3 [3, 8)") != std::string::npos);
    CHECK(text.find("\u201ccaf\u00e9 \u201d") != std::string::npos); // code points, not bytes
    CHECK(text.find("B (ben): no passage here") != std::string::npos);

    auto r = item("r1", 1, DisagreementKind::Rating, true);
    r.scale = "idealization";
    r.target = "mother";
    r.a.value = "6";
    r.b.value = "8";
    r.decision->reason = "discussed";
    r.decision->decided_by = "rita";
    const auto details =
        reconcile_details(r, "R: My mother was wonderful.", {{"Idealizing", 3, 27, 2}}, {});
    CHECK(details.find("A (anna): 6\n   evidence l.2 Idealizing: \u201cMy mother was wonderful") !=
          std::string::npos);
    CHECK(details.find("B (ben): 8\n   no evidence passages") != std::string::npos);
    CHECK(details.find("Decided: B by rita, reason: discussed") != std::string::npos);
    CHECK(queue_of({r}).cell(0, ReconcileColumn::Where) == "P1 idealization/mother");
}
