// SPDX-License-Identifier: GPL-3.0-or-later
// The 2016 unitizing family (Krippendorff, Mathet, Bouvry & Widlöcher 2016, Quality & Quantity
// 50:2347-2364): against Krippendorff's published α examples it reduces to, against an
// independent pair-by-pair computation of the definitions, and against its properties.
#include "core/stats/agreement.h"
#include "core/stats/unitizing_2016.h"

#include "stats_test_util.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdint>
#include <map>
#include <random>

using namespace attune::stats;

namespace
{

// Krippendorff (2011), "Computing Krippendorff's alpha-reliability", section B (nominal data,
// two observers, no missing data): values a..e of observers A and B on 12 units; alpha = 0.692.
const std::vector<std::string> kObserverA = {"a", "a", "b", "b", "d", "c",
                                             "c", "c", "e", "d", "d", "a"};
const std::vector<std::string> kObserverB = {"b", "a", "b", "b", "b", "c",
                                             "c", "c", "e", "d", "d", "d"};

// Each code point of [begin, begin + values.size()) a unit of length 1 with the value as code;
// "" leaves the point to the gap.
void add_points(std::vector<CodedSpan>& spans, int coder, const std::vector<std::string>& values,
                std::int64_t begin)
{
    for (std::size_t p = 0; p < values.size(); ++p)
        if (!values[p].empty())
            spans.push_back({coder, values[p], begin + static_cast<std::int64_t>(p),
                             begin + static_cast<std::int64_t>(p) + 1});
}

// The same data as a units × coders table for Krippendorff's α, the gap as one more category.
RatingTable point_table(const std::vector<std::vector<std::string>>& coders,
                        const std::vector<std::string>& categories)
{
    std::vector<std::string> names;
    for (std::size_t c = 0; c < coders.size(); ++c)
        names.push_back("c" + std::to_string(c));
    RatingTable t(names, categories);
    for (std::size_t p = 0; p < coders.front().size(); ++p)
    {
        std::vector<Rating> row;
        for (const auto& coder : coders)
        {
            const std::string v = coder[p].empty() ? "(gap)" : coder[p];
            const auto at = std::find(categories.begin(), categories.end(), v) - categories.begin();
            row.push_back(Rating{static_cast<double>(at)});
        }
        t.add_unit("p" + std::to_string(p), row);
    }
    return t;
}

// An independent computation of uα for one code, straight from the definitions of
// Krippendorff et al. (2016): every ordered pair of coders (i, j ≠ i), every pair of sections
// (g of i, h of j), the length of g ∩ h added to l_ck / (m − 1); then e_ck and α. Quadratic in
// the sections and without the merge walk the implementation uses.
struct Segment
{
    std::int64_t b, e;
    int v; // 1 unit, 0 gap
};

double brute_u_alpha(const std::vector<std::vector<std::pair<std::int64_t, std::int64_t>>>& units,
                     std::int64_t begin, std::int64_t end)
{
    const auto m = static_cast<double>(units.size());
    std::vector<std::vector<Segment>> sec;
    for (const auto& list : units)
    {
        std::vector<Segment> s;
        std::int64_t pos = begin;
        for (const auto& [b, e] : list)
        {
            if (b > pos)
                s.push_back({pos, b, 0});
            s.push_back({b, e, 1});
            pos = e;
        }
        if (pos < end)
            s.push_back({pos, end, 0});
        sec.push_back(s);
    }
    double l[2][2] = {{0, 0}, {0, 0}};
    double self[2] = {0, 0};
    for (std::size_t i = 0; i < sec.size(); ++i)
    {
        for (const Segment& g : sec[i])
        {
            const auto len = static_cast<double>(g.e - g.b);
            self[g.v] += g.v == 1 ? len * len : len;
        }
        for (std::size_t j = 0; j < sec.size(); ++j)
        {
            if (i == j)
                continue;
            for (const Segment& g : sec[i])
                for (const Segment& h : sec[j])
                {
                    const std::int64_t ov = std::min(g.e, h.e) - std::max(g.b, h.b);
                    if (ov > 0)
                        l[g.v][h.v] += static_cast<double>(ov) / (m - 1.0);
                }
        }
    }
    const double n = l[0][0] + l[0][1] + l[1][0] + l[1][1];
    const double n0 = l[0][0] + l[0][1];
    const double n1 = l[1][0] + l[1][1];
    const double d = n * n - self[0] - self[1];
    const double e00 = n * (n0 * n0 - self[0]) / d;
    const double e11 = n * (n1 * n1 - self[1]) / d;
    return 1.0 - (n - l[0][0] - l[1][1]) / (n - e00 - e11);
}

// Random non-overlapping units of one code per coder on [begin, end).
std::vector<std::vector<std::pair<std::int64_t, std::int64_t>>>
random_units(std::mt19937& rng, int coders, std::int64_t begin, std::int64_t end)
{
    std::vector<std::vector<std::pair<std::int64_t, std::int64_t>>> out(
        static_cast<std::size_t>(coders));
    std::uniform_int_distribution<int> gap(0, 12);
    std::uniform_int_distribution<int> len(1, 15);
    for (auto& list : out)
    {
        std::int64_t pos = begin + gap(rng);
        while (true)
        {
            const std::int64_t e = pos + len(rng);
            if (e > end)
                break;
            list.emplace_back(pos, e);
            pos = e + gap(rng);
        }
    }
    return out;
}

std::vector<CodedSpan>
as_spans(const std::vector<std::vector<std::pair<std::int64_t, std::int64_t>>>& units,
         const std::string& code)
{
    std::vector<CodedSpan> s;
    for (std::size_t c = 0; c < units.size(); ++c)
        for (const auto& [b, e] : units[c])
            s.push_back({static_cast<int>(c), code, b, e});
    return s;
}

// Two domains on [0, 60): "tone" (pos, neg) and "topic" (work, home), three coders.
std::vector<CodedSpan> two_domains()
{
    return {{0, "pos", 0, 10}, {0, "neg", 12, 20}, {0, "work", 5, 25}, {0, "home", 30, 50},
            {1, "pos", 1, 10}, {1, "neg", 12, 22}, {1, "work", 5, 28}, {1, "home", 31, 45},
            {2, "pos", 0, 8},  {2, "pos", 12, 20}, {2, "work", 0, 25}, {2, "work", 30, 40},
            {2, "neg", 40, 44}};
}

std::vector<SemanticDomain> tone_topic()
{
    return {{"tone", {"neg", "pos"}}, {"topic", {"home", "work"}}};
}

const UnitizingCode2016& code_of(const UnitizingDomain2016& d, const std::string& code)
{
    const auto it = std::find_if(d.per_code.begin(), d.per_code.end(),
                                 [&](const UnitizingCode2016& c) { return c.code == code; });
    REQUIRE(it != d.per_code.end());
    return *it;
}

} // namespace

TEST_CASE("stats: uα 2016 on length-1 units is Krippendorff's (2011) nominal alpha, 0.692",
          "[stats]")
{
    // With every unit one code point long, the self-pairing terms (l² of a unit, l of a gap)
    // become α's n_c, and l_ck becomes α's coincidence matrix: uα = α of the point table.
    std::vector<CodedSpan> spans;
    add_points(spans, 0, kObserverA, 0);
    add_points(spans, 1, kObserverB, 0);
    const auto r = unitizing_alpha_2016(spans, 2, 0, 12);
    REQUIRE(r.u_alpha.value);
    CHECK(*r.u_alpha.value == Approx(0.692).margin(0.0005));
    const Estimate alpha = krippendorff_alpha(
        point_table({kObserverA, kObserverB}, {"a", "b", "c", "d", "e", "(gap)"}), Level::Nominal);
    CHECK(*r.u_alpha.value == Approx(*alpha.value).epsilon(1e-12));
    // No gaps at all: |uα has no expected disagreement.
    CHECK_FALSE(r.binary.value);
    CHECK(r.binary.reason.find("no expected disagreement") != std::string::npos);
    // Two coders whose units all intersect: cuα's matrix is α's too.
    REQUIRE(r.coding.value);
    CHECK(*r.coding.value == Approx(*alpha.value).epsilon(1e-12));
}

TEST_CASE("stats: uα, |uα and (m = 2) cuα 2016 on length-1 units equal α of the point table",
          "[stats]")
{
    std::mt19937 rng(20160);
    std::uniform_int_distribution<int> pick(0, 3);
    const std::vector<std::string> values = {"", "x", "y", "z"};
    for (int trial = 0; trial < 20; ++trial)
    {
        const int m = 2 + trial % 3;
        const int n = 30 + trial;
        std::vector<std::vector<std::string>> coders(static_cast<std::size_t>(m));
        std::vector<CodedSpan> spans;
        for (int c = 0; c < m; ++c)
        {
            for (int p = 0; p < n; ++p)
                coders[static_cast<std::size_t>(c)].push_back(
                    values[static_cast<std::size_t>(pick(rng))]);
            add_points(spans, c, coders[static_cast<std::size_t>(c)], -7);
        }
        const auto r = unitizing_alpha_2016(spans, m, -7, -7 + n);
        const Estimate alpha =
            krippendorff_alpha(point_table(coders, {"x", "y", "z", "(gap)"}), Level::Nominal);
        REQUIRE(r.u_alpha.value);
        CHECK(*r.u_alpha.value == Approx(*alpha.value).epsilon(1e-10));
        // |uα: every code becomes "unit".
        std::vector<std::vector<std::string>> binary = coders;
        for (auto& coder : binary)
            for (auto& v : coder)
                v = v.empty() ? "" : "u";
        const Estimate alpha_binary =
            krippendorff_alpha(point_table(binary, {"u", "(gap)"}), Level::Nominal);
        REQUIRE(r.binary.value);
        CHECK(*r.binary.value == Approx(*alpha_binary.value).epsilon(1e-10));
        if (m == 2)
        {
            // cuα: only the points where both coders marked a unit.
            std::vector<std::vector<std::string>> both(2);
            for (int p = 0; p < n; ++p)
                if (!coders[0][static_cast<std::size_t>(p)].empty() &&
                    !coders[1][static_cast<std::size_t>(p)].empty())
                    for (int c = 0; c < 2; ++c)
                        both[static_cast<std::size_t>(c)].push_back(
                            coders[static_cast<std::size_t>(c)][static_cast<std::size_t>(p)]);
            const Estimate alpha_cu =
                krippendorff_alpha(point_table(both, {"x", "y", "z", "(gap)"}), Level::Nominal);
            REQUIRE(r.coding.value);
            CHECK(*r.coding.value == Approx(*alpha_cu.value).epsilon(1e-10));
        }
    }
}

TEST_CASE("stats: uα 2016 on one code equals the definitions summed pair by pair", "[stats]")
{
    std::mt19937 rng(2347);
    for (int trial = 0; trial < 60; ++trial)
    {
        const int m = 2 + trial % 4;
        const std::int64_t begin = trial * 13 - 200;
        const std::int64_t end = begin + 80 + trial * 3;
        const auto units = random_units(rng, m, begin, end);
        const auto r = unitizing_alpha_2016(as_spans(units, "k"), m, begin, end);
        const double expected = brute_u_alpha(units, begin, end);
        INFO("trial " << trial << ", m = " << m);
        REQUIRE(r.u_alpha.value);
        CHECK(*r.u_alpha.value == Approx(expected).epsilon(1e-9));
        // One code: |uα is uα, and the code's own |uα is the same again.
        REQUIRE(r.binary.value);
        CHECK(*r.binary.value == Approx(expected).epsilon(1e-9));
        CHECK(*code_of(r.per_domain.front(), "k").binary.value == Approx(expected).epsilon(1e-9));
        // One code among the intersecting units: cuα has nothing to disagree on.
        CHECK_FALSE(r.coding.value);
    }
}

TEST_CASE("stats: identical coders give 1 for every member of the 2016 family", "[stats]")
{
    std::vector<CodedSpan> spans;
    for (int c = 0; c < 3; ++c)
        for (const CodedSpan& s : two_domains())
            if (s.coder == 0)
                spans.push_back({c, s.code, s.start, s.end});
    Unitizing2016Options o;
    o.domains = tone_topic();
    const auto r = unitizing_alpha_2016(spans, 3, 0, 60, o);
    CHECK(*r.u_alpha.value == Approx(1.0));
    CHECK(*r.binary.value == Approx(1.0));
    CHECK(*r.coding.value == Approx(1.0));
    for (const auto& d : r.per_domain)
    {
        CHECK(*d.u_alpha.value == Approx(1.0));
        CHECK(*d.binary.value == Approx(1.0));
        CHECK(*d.coding.value == Approx(1.0));
        for (const auto& c : d.per_code)
        {
            CHECK(*c.binary.value == Approx(1.0));
            CHECK(*c.coding.value == Approx(1.0));
            CHECK(*c.coverage == Approx(1.0));
        }
    }
}

TEST_CASE("stats: the 2016 family does not depend on coder order or where the continuum starts",
          "[stats]")
{
    Unitizing2016Options o;
    o.domains = tone_topic();
    const auto base = unitizing_alpha_2016(two_domains(), 3, 0, 60, o);
    std::vector<CodedSpan> permuted;
    std::vector<CodedSpan> shifted;
    const int order[3] = {2, 0, 1};
    for (const CodedSpan& s : two_domains())
    {
        permuted.push_back({order[s.coder], s.code, s.start, s.end});
        shifted.push_back({s.coder, s.code, s.start - 1000003, s.end - 1000003});
    }
    const auto p = unitizing_alpha_2016(permuted, 3, 0, 60, o);
    const auto s = unitizing_alpha_2016(shifted, 3, -1000003, 60 - 1000003, o);
    for (const auto* other : {&p, &s})
    {
        CHECK(*other->u_alpha.value == Approx(*base.u_alpha.value).epsilon(1e-12));
        CHECK(*other->binary.value == Approx(*base.binary.value).epsilon(1e-12));
        CHECK(*other->coding.value == Approx(*base.coding.value).epsilon(1e-12));
        for (std::size_t d = 0; d < base.per_domain.size(); ++d)
            for (std::size_t c = 0; c < base.per_domain[d].per_code.size(); ++c)
            {
                const auto& x = base.per_domain[d].per_code[c];
                const auto& y = other->per_domain[d].per_code[c];
                CHECK(*y.binary.value == Approx(*x.binary.value).epsilon(1e-12));
                REQUIRE(x.coding.value.has_value() == y.coding.value.has_value());
                if (x.coding.value)
                    CHECK(*y.coding.value == Approx(*x.coding.value).epsilon(1e-12));
            }
    }
}

TEST_CASE("stats: Cuα pools the domains' cuα disagreements; per domain each stands alone",
          "[stats]")
{
    Unitizing2016Options o;
    o.domains = tone_topic();
    const auto r = unitizing_alpha_2016(two_domains(), 3, 0, 60, o);
    REQUIRE(r.per_domain.size() == 2);
    for (const auto& name : {"tone", "topic"})
    {
        Unitizing2016Options one;
        one.domains = {*std::find_if(o.domains.begin(), o.domains.end(),
                                     [&](const SemanticDomain& d) { return d.name == name; })};
        const auto alone = unitizing_alpha_2016(two_domains(), 3, 0, 60, one);
        const auto& d = *std::find_if(r.per_domain.begin(), r.per_domain.end(),
                                      [&](const UnitizingDomain2016& x) { return x.name == name; });
        REQUIRE(d.coding.value);
        CHECK(*alone.coding.value == Approx(*d.coding.value).epsilon(1e-12));
        CHECK(*alone.u_alpha.value == Approx(*d.u_alpha.value).epsilon(1e-12));
    }
    REQUIRE(r.coding.value);
    CHECK(r.coding.metric == "Cu-alpha");
    // Cuα lies between the domains' cuα (a weighted mean of disagreement ratios).
    const double a = *r.per_domain[0].coding.value;
    const double b = *r.per_domain[1].coding.value;
    CHECK(*r.coding.value >= std::min(a, b) - 1e-12);
    CHECK(*r.coding.value <= std::max(a, b) + 1e-12);
    CHECK(*r.coding.value != Approx(a));
}

TEST_CASE("stats: two codes of one domain overlapping within a coder make that domain undefined",
          "[stats]")
{
    std::vector<CodedSpan> spans = {{0, "pos", 0, 10}, {0, "neg", 8, 12}, {1, "pos", 0, 10}};
    Unitizing2016Options o;
    o.domains = {{"tone", {"pos", "neg"}}};
    o.coder_names = {"ann", "bob"};
    const auto r = unitizing_alpha_2016(spans, 2, 0, 20, o);
    const auto& d = r.per_domain.front();
    CHECK_FALSE(d.u_alpha.value);
    CHECK(d.u_alpha.reason ==
          "coder 'ann' marked 'pos' [0,10) and 'neg' [8,12), which overlap: the codes of a "
          "domain must be mutually exclusive");
    CHECK_FALSE(r.coding.value);
    // Each code alone is still a partition: its |uα is defined.
    CHECK(code_of(d, "pos").binary.value);
    CHECK(code_of(d, "neg").binary.value);
    // The same coder overlapping himself within one code is merged, not refused.
    const auto merged =
        unitizing_alpha_2016({{0, "pos", 0, 10}, {0, "pos", 5, 12}, {1, "pos", 0, 12}}, 2, 0, 20);
    CHECK(merged.merged == 1);
    CHECK(*merged.u_alpha.value == Approx(1.0));
}

TEST_CASE("stats: (k)uα is undefined for a code no other coder's unit intersects", "[stats]")
{
    // "lone" is marked by coder 0 where coder 1 left a gap: cuα does not see it at all.
    const std::vector<CodedSpan> spans = {
        {0, "a", 0, 10}, {1, "a", 0, 10}, {0, "b", 20, 30}, {1, "a", 20, 30}, {0, "lone", 40, 45}};
    const auto r = unitizing_alpha_2016(spans, 2, 0, 50);
    const auto& d = r.per_domain.front();
    const auto& lone = code_of(d, "lone");
    CHECK_FALSE(lone.coding.value);
    CHECK(lone.coding.reason == "no other coder's unit intersects a unit of this code");
    CHECK(*lone.coverage == Approx(0.0));
    REQUIRE(lone.binary.value); // its |uα: marked by one coder, in the other's gap
    CHECK(*lone.binary.value < 0.0);
    // "b" meets "a" only: all of its coincidences disagree.
    const auto& b = code_of(d, "b");
    REQUIRE(b.coding.value);
    CHECK(*b.coding.observed == Approx(1.0));
    CHECK(*b.coverage == Approx(1.0));
}

TEST_CASE("stats: cuα of three coders with a single intersection of units is undefined", "[stats]")
{
    // Coders 0 and 1 meet once; coder 2 marked nothing. The reduced matrix is n = x (the two
    // halves of the a-b intersection) and the self-pairing term x²/2 + x²/2 = n²: every chance
    // pairing would pair a unit with itself (docs/agreement.md, the reading of X_c).
    const std::vector<CodedSpan> spans = {{0, "p", 10, 20}, {1, "q", 12, 18}};
    const auto r = unitizing_alpha_2016(spans, 3, 0, 40);
    CHECK_FALSE(r.coding.value);
    CHECK(r.coding.reason.find("no expected disagreement") != std::string::npos);
    CHECK_FALSE(code_of(r.per_domain.front(), "p").coding.value);
    // A single code met once: the same.
    const auto one = unitizing_alpha_2016({{0, "p", 10, 20}, {1, "p", 10, 20}}, 3, 0, 40);
    CHECK_FALSE(one.coding.value);
    REQUIRE(one.u_alpha.value); // uα and |uα still see the third coder's gap
    CHECK(*one.u_alpha.value < 1.0);
}

TEST_CASE("stats: a coder who marked nothing takes part as an all-gap coder", "[stats]")
{
    const std::vector<CodedSpan> spans = {{0, "k", 10, 20}, {1, "k", 10, 20}};
    const auto two = unitizing_alpha_2016(spans, 2, 0, 40);
    const auto three = unitizing_alpha_2016(spans, 3, 0, 40);
    CHECK(*two.u_alpha.value == Approx(1.0));
    REQUIRE(three.u_alpha.value);
    CHECK(*three.u_alpha.value < 0.9);
    // The same as the definitions with an explicit empty third coder.
    CHECK(*three.u_alpha.value ==
          Approx(brute_u_alpha({{{10, 20}}, {{10, 20}}, {}}, 0, 40)).epsilon(1e-12));
    const auto one = unitizing_alpha_2016({{0, "k", 10, 20}}, 1, 0, 40);
    CHECK_FALSE(one.u_alpha.value);
    CHECK(one.u_alpha.reason == "fewer than 2 coders");
    const auto bad = unitizing_alpha_2016({}, 2, 5, 5);
    CHECK_FALSE(bad.u_alpha.value);
    CHECK(bad.u_alpha.reason.find("is empty") != std::string::npos);
}

TEST_CASE("stats: the 2016 family's bootstrap is seeded, reproducible and brackets the value",
          "[stats]")
{
    Unitizing2016Options o;
    o.domains = tone_topic();
    o.bootstrap = {2000, 7};
    const auto a = unitizing_alpha_2016(two_domains(), 3, 0, 60, o);
    const auto b = unitizing_alpha_2016(two_domains(), 3, 0, 60, o);
    o.bootstrap.seed = 8;
    const auto c = unitizing_alpha_2016(two_domains(), 3, 0, 60, o);
    for (const Estimate* e : {&a.u_alpha, &a.binary, &a.coding, &a.per_domain[0].coding})
    {
        REQUIRE(e->ci_low);
        REQUIRE(e->ci_high);
        CHECK(*e->ci_low <= *e->value);
        CHECK(*e->value <= *e->ci_high);
        CHECK(*e->ci_low < *e->ci_high);
        CHECK(e->ci_method.find("seed 7") != std::string::npos);
    }
    CHECK(*a.u_alpha.ci_low == *b.u_alpha.ci_low);
    CHECK(*a.coding.ci_high == *b.coding.ci_high);
    CHECK(*a.u_alpha.ci_low != *c.u_alpha.ci_low);
    // Only the members asked for get an interval; the others stay as without a bootstrap.
    o.bootstrap_members = {false, false, true};
    const auto only = unitizing_alpha_2016(two_domains(), 3, 0, 60, o);
    CHECK_FALSE(only.u_alpha.ci_low);
    CHECK_FALSE(only.per_domain[0].binary.ci_low);
    CHECK(*only.coding.ci_low == *c.coding.ci_low);
    // Point estimates do not depend on the bootstrap.
    CHECK(*a.u_alpha.value ==
          *unitizing_alpha_2016(two_domains(), 3, 0, 60, {tone_topic(), {}, {}, {}}).u_alpha.value);
}

TEST_CASE("stats: without the codes alone the 2016 family gives the same domain and overall "
          "values, and each code's binary says it was not computed",
          "[stats]")
{
    Unitizing2016Options o;
    o.domains = tone_topic();
    const auto full = unitizing_alpha_2016(two_domains(), 3, 0, 60, o);
    o.codes_alone = false;
    const auto lean = unitizing_alpha_2016(two_domains(), 3, 0, 60, o);
    const auto same = [](const Estimate& a, const Estimate& b)
    {
        CHECK(a.value == b.value);
        CHECK(a.observed == b.observed);
        CHECK(a.expected == b.expected);
        CHECK(a.n_units == b.n_units);
        CHECK(a.reason == b.reason);
    };
    REQUIRE(full.u_alpha.value);
    same(lean.u_alpha, full.u_alpha);
    same(lean.binary, full.binary);
    same(lean.coding, full.coding);
    REQUIRE(lean.per_domain.size() == full.per_domain.size());
    for (std::size_t d = 0; d < full.per_domain.size(); ++d)
    {
        same(lean.per_domain[d].u_alpha, full.per_domain[d].u_alpha);
        same(lean.per_domain[d].binary, full.per_domain[d].binary);
        same(lean.per_domain[d].coding, full.per_domain[d].coding);
        REQUIRE(lean.per_domain[d].per_code.size() == full.per_domain[d].per_code.size());
        for (std::size_t c = 0; c < full.per_domain[d].per_code.size(); ++c)
        {
            const auto& f = full.per_domain[d].per_code[c];
            const auto& l = lean.per_domain[d].per_code[c];
            same(l.coding, f.coding);
            CHECK(f.binary.value);
            CHECK(!l.binary.value);
            CHECK(l.binary.reason.find("not computed") != std::string::npos);
        }
    }
}
