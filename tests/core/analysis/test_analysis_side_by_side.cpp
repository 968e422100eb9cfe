// SPDX-License-Identifier: GPL-3.0-or-later
// The compare view's table (analysis::side_by_side) on the shared demo project: ratings and
// classifications of several coders side by side, the difference across the coders who coded
// independently (the consensus coder excluded), names and errors.
#include "core/analysis/side_by_side.h"
#include "core/project/session_access.h"
#include "core/store/project_store.h"

#include "demo_project.h"

using namespace attune;
using namespace attune::testing;
using analysis::SideBySideRow;

namespace
{

const SideBySideRow& row(const analysis::SideBySide& table, const std::string& id)
{
    for (const auto& r : table.rows)
        if (r.id == id)
            return r;
    FAIL("no row " << id);
    throw;
}

} // namespace

TEST_CASE("side by side: each coder's rating and classification with their difference",
          "[analysis][compare]")
{
    DemoProject d;
    auto& s = *d.session;
    // T2: a rated 3, b 4; a classified Ds1, b Ds; the master m Ds2.
    auto table = ok(analysis::side_by_side(s, d.t[1], {"a", "b", "m"}));
    REQUIRE(table.coders.size() == 3);
    CHECK(table.coders[0].name == "a");
    CHECK(table.coders[2].name == "m");
    const auto& meta = row(table, "metacognition");
    CHECK(meta.kind == SideBySideRow::Kind::Rating);
    CHECK(meta.label == "Metacognitive monitoring");
    CHECK(meta.values == std::vector<std::string>{"3", "4", ""});
    CHECK(meta.difference == "1");
    const auto& stated = row(table, "aai");
    CHECK(stated.kind == SideBySideRow::Kind::Classification);
    CHECK(stated.label == "AAI classification");
    CHECK(stated.values == std::vector<std::string>{"Ds1", "Ds", "Ds2"});
    CHECK(stated.difference == "differs");
    const auto& three = row(table, "aai-3way");
    CHECK(three.kind == SideBySideRow::Kind::Collapsing);
    CHECK(three.label == "AAI classification: F / Ds / E");
    CHECK(three.values == std::vector<std::string>{"Ds", "Ds", "Ds"});
    CHECK(three.difference == "same");
    // Ratings come first, then the classification as stated, then its collapsings in order.
    CHECK(table.rows.front().id == "metacognition");
    CHECK(table.rows[1].id == "aai");
    CHECK(table.rows[2].id == "aai-2way");
}

TEST_CASE("side by side: not scorable against a score differs; one value has no difference",
          "[analysis][compare]")
{
    DemoProject d;
    auto& s = *d.session;
    auto t3 = ok(analysis::side_by_side(s, d.t[2], {"a", "b"}));
    CHECK(row(t3, "metacognition").values == std::vector<std::string>{"7", "not scorable"});
    CHECK(row(t3, "metacognition").difference == "differs");
    CHECK(row(t3, "aai-3way").values == std::vector<std::string>{"E", "F"});
    CHECK(row(t3, "aai-3way").difference == "differs");
    // One coder alone: the values, nothing to compare them with.
    auto alone = ok(analysis::side_by_side(s, d.t[2], {"b"}));
    CHECK(row(alone, "metacognition").difference.empty());
    // The master has no rating on T3: the row still shows a and b, m's cell is empty.
    auto with_m = ok(analysis::side_by_side(s, d.t[2], {"m", "a"}));
    CHECK(row(with_m, "metacognition").values == std::vector<std::string>{"", "7"});
    CHECK(row(with_m, "metacognition").difference.empty());
}

TEST_CASE("side by side: the consensus coder's column is shown but not in the difference",
          "[analysis][compare]")
{
    DemoProject d;
    auto& s = *d.session;
    project::SessionAccess::store(s).set_coder_role(d.m, "consensus");
    // T1: a F3, b F3, m (now the consensus) F1: the coders agree.
    auto table = ok(analysis::side_by_side(s, d.t[0], {"a", "b", "m"}));
    CHECK(row(table, "aai").values == std::vector<std::string>{"F3", "F3", "F1"});
    CHECK(row(table, "aai").difference == "same");
    CHECK(row(table, "aai-subclass").values == std::vector<std::string>{"F3", "F3", "F1"});
    CHECK(row(table, "aai-subclass").difference == "same");
}

TEST_CASE("side by side: refuses unknown coders, a coder twice and an unknown transcript",
          "[analysis][compare]")
{
    DemoProject d;
    auto& s = *d.session;
    auto unknown = analysis::side_by_side(s, d.t[0], {"a", "zoe"});
    REQUIRE_FALSE(unknown);
    CHECK(unknown.error().code == ErrorCode::NotFound);
    CHECK(unknown.error().message.find("zoe") != std::string::npos);
    auto twice = analysis::side_by_side(s, d.t[0], {"a", "a"});
    REQUIRE_FALSE(twice);
    CHECK(twice.error().code == ErrorCode::InvalidArgument);
    CHECK_FALSE(analysis::side_by_side(s, d.t[0], {}));
    auto gone = analysis::side_by_side(s, TranscriptId{999}, {"a"});
    REQUIRE_FALSE(gone);
    CHECK(gone.error().code == ErrorCode::NotFound);
}
