// SPDX-License-Identifier: GPL-3.0-or-later
// Row ids as types of their own (core/store/ids.h): what converts and what does not.
#include "core/store/ids.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <set>
#include <sstream>
#include <type_traits>
#include <unordered_set>

using attune::store::CoderId;
using attune::store::TranscriptId;

// The point of the types: none of these compile, so a coder's id cannot reach a transcript's
// parameter, nor a bare number (a count, an offset) either.
static_assert(!std::is_convertible_v<std::int64_t, TranscriptId>);
static_assert(!std::is_convertible_v<int, CoderId>);
static_assert(!std::is_convertible_v<CoderId, TranscriptId>);
static_assert(!std::is_convertible_v<TranscriptId, CoderId>);
static_assert(!std::is_convertible_v<TranscriptId, std::int64_t>);
static_assert(!std::is_convertible_v<TranscriptId, bool>); // only explicitly, in a condition
static_assert(std::is_constructible_v<TranscriptId, std::int64_t>);
static_assert(std::is_trivially_copyable_v<TranscriptId> && sizeof(TranscriptId) == 8);

TEST_CASE("row ids: compare, order, hash and print as their numbers", "[store]")
{
    const TranscriptId none;
    const TranscriptId three{3};
    CHECK_FALSE(none);
    CHECK(three);
    CHECK(none.value() == 0);
    CHECK(three == TranscriptId{3});
    CHECK(three != TranscriptId{4});
    CHECK(TranscriptId{2} < three);
    const std::set<TranscriptId> ordered{TranscriptId{9}, TranscriptId{1}, TranscriptId{5}};
    CHECK(ordered.begin()->value() == 1);
    const std::unordered_set<CoderId> hashed{CoderId{1}, CoderId{1}, CoderId{2}};
    CHECK(hashed.size() == 2);
    std::ostringstream out;
    out << three << ' ' << CoderId{12};
    CHECK(out.str() == "3 12");
}

TEST_CASE("row ids: JSON holds the bare number, both ways", "[store]")
{
    nlohmann::json j = {{"transcript", TranscriptId{42}}, {"coder", CoderId{7}}};
    CHECK(j.dump() == R"({"coder":7,"transcript":42})");
    CHECK(j.at("transcript").get<TranscriptId>() == TranscriptId{42});
    CHECK(j.at("coder").get<CoderId>().value() == 7);
}
