// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/team/worklist.h"

#include <catch2/catch.hpp>

using namespace attune;
using team::Assigned;

namespace
{

project::TranscriptId t(std::int64_t v)
{
    return project::TranscriptId{v};
}

std::vector<std::int64_t> order(const std::vector<team::WorklistEntry>& list)
{
    std::vector<std::int64_t> out;
    for (const auto& e : list)
        out.push_back(e.transcript.value());
    return out;
}

} // namespace

TEST_CASE("team: a coder's assigned transcripts come first, each group in the given order",
          "[team]")
{
    const project::CoderId anna{1};
    const project::CoderId ben{2};
    const std::vector<team::Assignment> assignments = {
        {t(4), anna, false, ""},
        {t(2), anna, true, ""},
        {t(3), ben, false, ""},
        {t(9), anna, false, ""}, // not in the list (an older version, say): ignored
    };
    const auto list = team::coder_worklist({t(1), t(2), t(3), t(4), t(5)}, assignments, anna);
    CHECK(order(list) == std::vector<std::int64_t>{2, 4, 1, 3, 5});
    CHECK(list[0].assigned == Assigned::Reliability);
    CHECK(list[1].assigned == Assigned::Yes);
    CHECK(list[2].assigned == Assigned::No);
    CHECK(list[3].assigned == Assigned::No); // ben's, not anna's
    CHECK(std::string(team::to_string(list[0].assigned)) == "reliability");
    CHECK(std::string(team::to_string(list[1].assigned)) == "assigned");
}

TEST_CASE("team: without assignments the list keeps its order and marks nothing", "[team]")
{
    const auto list = team::coder_worklist({t(3), t(1), t(2)}, {}, project::CoderId{1});
    CHECK(order(list) == std::vector<std::int64_t>{3, 1, 2});
    for (const auto& e : list)
        CHECK(e.assigned == Assigned::No);
}
