// SPDX-License-Identifier: GPL-3.0-or-later
// Passage agreement: Krippendorff's unitizing alpha against the published worked examples, its
// properties, and span matching.
#include "core/stats/span_match.h"
#include "core/stats/unitizing.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdint>

using namespace attune::stats;

namespace
{

// Krippendorff (2004), Content Analysis, 2nd ed., p. 254 (also DKPro Statistics'
// Krippendorff2004Test): continuum [150, 450), coders i and j, codes c and k.
std::vector<CodedSpan> krippendorff_2004()
{
    return {{0, "c", 225, 295}, {0, "c", 370, 400}, {1, "c", 220, 300},
            {1, "c", 355, 375}, {1, "c", 400, 420}, {0, "k", 180, 240},
            {0, "k", 300, 350}, {1, "k", 180, 240}, {1, "k", 300, 350}};
}

// Krippendorff (1995), "On the reliability of unitizing continuous data", Sociological
// Methodology 25, p. 57: four pairs of coders on a continuum of 24 (pairs A-D, here codes).
std::vector<CodedSpan> krippendorff_1995()
{
    std::vector<CodedSpan> s = {
        {0, "A", 2, 10},  {0, "A", 14, 20}, {1, "A", 4, 8},  {1, "A", 15, 17}, {0, "B", 0, 18},
        {1, "B", 0, 2},   {1, "B", 2, 3},   {1, "B", 3, 4},  {1, "B", 4, 5},   {1, "B", 5, 6},
        {1, "B", 6, 9},   {1, "B", 9, 10},  {0, "C", 2, 8},  {0, "C", 10, 12}, {0, "C", 14, 18},
        {0, "C", 20, 22}, {1, "C", 0, 2},   {1, "C", 4, 8},  {1, "C", 10, 14}, {1, "C", 16, 18},
        {1, "C", 20, 22}, {0, "D", 0, 2},   {0, "D", 2, 10}, {0, "D", 10, 14}, {0, "D", 14, 20},
        {0, "D", 20, 24}, {1, "D", 0, 4},   {1, "D", 4, 8},  {1, "D", 8, 15},  {1, "D", 15, 17},
        {1, "D", 17, 24}};
    return s;
}

const UnitizingCode& code_of(const UnitizingResult& r, const std::string& code)
{
    const auto it = std::find_if(r.per_code.begin(), r.per_code.end(),
                                 [&](const UnitizingCode& c) { return c.code == code; });
    REQUIRE(it != r.per_code.end());
    return *it;
}

} // namespace

TEST_CASE("stats: unitizing alpha reproduces Krippendorff's (2004, p. 254) worked example",
          "[stats]")
{
    const UnitizingResult r = unitizing_alpha(krippendorff_2004(), 2, 150, 450);
    const Estimate& c = code_of(r, "c").estimate;
    // The book: D_o = .0144, D_e = .0532, alpha_c = .7286. D_o is exactly 2·1300/(2·300²).
    CHECK(*c.observed == Approx(2600.0 / 180000.0).epsilon(1e-12));
    CHECK(*c.expected == Approx(0.0532).margin(0.00005));
    CHECK(*c.value == Approx(0.7286).margin(0.00005));
    CHECK(c.n_units == 5);
    const Estimate& k = code_of(r, "k").estimate;
    CHECK(*k.observed == 0.0);
    CHECK(*k.expected == Approx(0.0490).margin(0.00005));
    CHECK(*k.value == 1.0);
    // The book gives .8591 = 1 − .0144/(.0532 + .0490) from rounded parts; unrounded: .8587.
    REQUIRE(r.overall.value);
    CHECK(*r.overall.value == Approx(0.8591).margin(0.0005));
    CHECK(*r.overall.value ==
          Approx(1.0 - (*c.observed + *k.observed) / (*c.expected + *k.expected)).epsilon(1e-12));
    CHECK(r.overall.n_units == 9);
    CHECK(r.merged == 0);
}

TEST_CASE("stats: unitizing alpha's observed disagreement matches Krippendorff's (1995) example",
          "[stats]")
{
    // D_o per pair as computed in DKPro Statistics' Krippendorff1995Test (same data, p. 57); pair
    // B has touching units (Jill), which stay separate units.
    const UnitizingResult r = unitizing_alpha(krippendorff_1995(), 2, 0, 24);
    CHECK(*code_of(r, "A").estimate.observed == Approx(0.03125).margin(0.00001));
    CHECK(*code_of(r, "B").estimate.observed == Approx(2.26736).margin(0.00001));
    CHECK(*code_of(r, "C").estimate.observed == Approx(0.02777).margin(0.00001));
    CHECK(*code_of(r, "D").estimate.observed == Approx(0.38715).margin(0.00001));
    CHECK(code_of(r, "B").estimate.n_units == 8);
}

TEST_CASE("stats: unitizing alpha is 1 for identical codings and ignores coder order", "[stats]")
{
    std::vector<CodedSpan> same;
    for (int coder = 0; coder < 3; ++coder)
        for (const auto& s : krippendorff_2004())
            if (s.coder == 0)
                same.push_back({coder, s.code, s.start, s.end});
    const UnitizingResult r = unitizing_alpha(same, 3, 150, 450);
    CHECK(*r.overall.value == 1.0);
    for (const auto& c : r.per_code)
        CHECK(*c.estimate.value == 1.0);

    // Three coders, then the same data with the coders renumbered 0↔2.
    std::vector<CodedSpan> three = krippendorff_2004();
    three.push_back({2, "c", 230, 290});
    three.push_back({2, "k", 185, 240});
    std::vector<CodedSpan> swapped = three;
    for (auto& s : swapped)
        s.coder = 2 - s.coder;
    std::reverse(swapped.begin(), swapped.end());
    const UnitizingResult a = unitizing_alpha(three, 3, 150, 450);
    const UnitizingResult b = unitizing_alpha(swapped, 3, 150, 450);
    CHECK(*a.overall.value == Approx(*b.overall.value).epsilon(1e-12));
    CHECK(*a.overall.value < *r.overall.value);
    CHECK(*code_of(a, "c").estimate.value ==
          Approx(*code_of(b, "c").estimate.value).epsilon(1e-12));
}

TEST_CASE("stats: a coder who marked nothing is allowed and lowers unitizing alpha", "[stats]")
{
    const UnitizingResult two = unitizing_alpha(krippendorff_2004(), 2, 150, 450);
    const UnitizingResult three = unitizing_alpha(krippendorff_2004(), 3, 150, 450);
    REQUIRE(three.overall.value);
    CHECK(*three.overall.value < *two.overall.value);
    CHECK(*code_of(three, "k").estimate.value < 1.0);
    CHECK(three.overall.n_coders == 3);
}

TEST_CASE("stats: undefined unitizing alpha is null with a reason", "[stats]")
{
    const UnitizingResult one = unitizing_alpha({{0, "c", 0, 5}}, 1, 0, 10);
    CHECK_FALSE(one.overall.value);
    CHECK(one.overall.reason == "fewer than 2 coders");
    const UnitizingResult none = unitizing_alpha({}, 2, 0, 10);
    CHECK_FALSE(none.overall.value);
    CHECK(none.overall.reason == "no coder marked any span");
}

TEST_CASE("stats: overlapping spans of one coder and code are merged into one unit", "[stats]")
{
    const UnitizingResult merged =
        unitizing_alpha({{0, "c", 10, 20}, {0, "c", 15, 30}, {1, "c", 10, 30}}, 2, 0, 50);
    CHECK(merged.merged == 1);
    CHECK(*merged.overall.value == 1.0);
    CHECK(merged.overall.note.find("1 overlapping") != std::string::npos);
}

TEST_CASE("stats: span matching counts exact and overlapping one-to-one matches", "[stats]")
{
    const std::vector<CodedSpan> a = {{0, "x", 0, 10}, {0, "x", 20, 30}};
    const std::vector<CodedSpan> b = {{1, "x", 0, 10}, {1, "x", 21, 30}, {1, "y", 40, 50}};
    const SpanMatch exact = span_match(a, b, 0.0);
    CHECK(exact.matched == 1);
    CHECK(*exact.precision == Approx(1.0 / 3.0));
    CHECK(*exact.recall == Approx(0.5));
    CHECK(*exact.f1.value == Approx(0.4));
    // [20,30) vs [21,30): |∩|/|∪| = 9/10.
    const SpanMatch loose = span_match(a, b, 0.5);
    CHECK(loose.matched == 2);
    CHECK(*loose.f1.value == Approx(0.8));
    CHECK(span_match(a, b, 0.95).matched == 1);
    // One-to-one: two other spans over one reference span match once; the better one wins.
    const SpanMatch one = span_match({{0, "x", 0, 10}}, {{1, "x", 1, 10}, {1, "x", 0, 9}}, 0.5);
    CHECK(one.matched == 1);
    CHECK(*one.recall == 1.0);
    CHECK(*one.precision == 0.5);
    // A different code never matches.
    CHECK(span_match({{0, "x", 0, 10}}, {{1, "y", 0, 10}}, 0.0).matched == 0);
    const SpanMatch empty = span_match({}, {}, 0.5);
    CHECK_FALSE(empty.f1.value);
    CHECK(empty.f1.reason == "neither coder marked a span");
    const SpanMatch half = span_match({{0, "x", 0, 10}}, {}, 0.5);
    CHECK(*half.f1.value == 0.0);
    CHECK_FALSE(half.precision);
}

namespace
{

struct Sec
{
    std::int64_t b, l;
    bool unit;
};

// The definitions of D_o and D_e written out as plain double sums over all section pairs
// (O(n²)), to check the linear walk and the sorted-gap sums of the implementation.
std::pair<double, double> brute_force(const std::vector<CodedSpan>& spans, int m, std::int64_t B,
                                      std::int64_t E)
{
    std::vector<std::vector<Sec>> secs(static_cast<std::size_t>(m));
    for (int c = 0; c < m; ++c)
    {
        std::vector<std::pair<std::int64_t, std::int64_t>> mine;
        for (const auto& s : spans)
            if (s.coder == c)
                mine.emplace_back(s.start, s.end);
        std::sort(mine.begin(), mine.end());
        std::int64_t pos = B;
        for (const auto& [s, e] : mine)
        {
            if (s > pos)
                secs[static_cast<std::size_t>(c)].push_back({pos, s - pos, false});
            secs[static_cast<std::size_t>(c)].push_back({s, e - s, true});
            pos = e;
        }
        if (pos < E)
            secs[static_cast<std::size_t>(c)].push_back({pos, E - pos, false});
    }
    const double L = static_cast<double>(E - B);
    double sum = 0.0;
    for (int i = 0; i < m; ++i)
        for (int j = 0; j < m; ++j)
        {
            if (i == j)
                continue;
            for (const Sec& g : secs[static_cast<std::size_t>(i)])
                for (const Sec& h : secs[static_cast<std::size_t>(j)])
                {
                    const double bd = static_cast<double>(g.b - h.b);
                    if (g.unit && h.unit && -g.l < g.b - h.b && g.b - h.b < h.l)
                    {
                        const double ed = static_cast<double>((g.b + g.l) - (h.b + h.l));
                        sum += bd * bd + ed * ed;
                    }
                    else if (g.unit && !h.unit && h.b <= g.b && g.b + g.l <= h.b + h.l)
                        sum += static_cast<double>(g.l * g.l);
                    else if (!g.unit && h.unit && g.b <= h.b && h.b + h.l <= g.b + g.l)
                        sum += static_cast<double>(h.l * h.l);
                }
        }
    const double d_o = sum / (m * (m - 1.0) * L * L);
    double n_units = 0.0;
    double unit_pairs = 0.0;
    for (const auto& list : secs)
        for (const Sec& s : list)
            if (s.unit)
            {
                n_units += 1.0;
                unit_pairs += static_cast<double>(s.l) * static_cast<double>(s.l - 1);
            }
    double num = 0.0;
    for (const auto& list : secs)
        for (const Sec& u : list)
        {
            if (!u.unit)
                continue;
            const double l = static_cast<double>(u.l);
            double gaps = 0.0;
            for (const auto& other : secs)
                for (const Sec& g : other)
                    if (!g.unit && g.l >= u.l)
                        gaps += static_cast<double>(g.l - u.l + 1);
            num += (n_units - 1.0) / 3.0 * (2 * l * l * l - 3 * l * l + l) + l * l * gaps;
        }
    const double d_e = 2.0 / L * num / (m * L * (m * L - 1.0) - unit_pairs);
    return {d_o, d_e};
}

} // namespace

TEST_CASE("stats: unitizing alpha's fast sums equal the definitions summed pair by pair", "[stats]")
{
    std::uint32_t state = 12345;
    auto next = [&](int n)
    {
        state = state * 1664525u + 1013904223u;
        return static_cast<std::int64_t>((state >> 8) % static_cast<std::uint32_t>(n));
    };
    for (int round = 0; round < 20; ++round)
    {
        const int m = 2 + static_cast<int>(next(3));
        std::vector<CodedSpan> spans;
        for (int c = 0; c < m; ++c)
        {
            std::int64_t pos = next(20);
            while (true)
            {
                const std::int64_t len = 1 + next(30);
                if (pos + len > 500)
                    break;
                spans.push_back({c, "x", pos, pos + len});
                pos += len + next(25); // touching units (gap 0) occur too
            }
        }
        const auto [d_o, d_e] = brute_force(spans, m, 0, 500);
        const UnitizingResult r = unitizing_alpha(spans, m, 0, 500);
        REQUIRE(r.per_code.size() == 1);
        CHECK(*r.per_code[0].estimate.observed == Approx(d_o).epsilon(1e-9));
        CHECK(*r.per_code[0].estimate.expected == Approx(d_e).epsilon(1e-9));
    }
}
