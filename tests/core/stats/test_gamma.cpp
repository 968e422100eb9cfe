// SPDX-License-Identifier: GPL-3.0-or-later
// γ (Mathet, Widlöcher & Métivier 2015) against the values pygamma-agreement's own tests publish
// (Titeux & Riad, JOSS 2021; tests/test_alignement.py and tests/test_gammas.py of
// github.com/bootphon/pygamma-agreement), and against its defining properties.
#include "core/stats/gamma.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdint>
#include <fstream>
#include <map>
#include <sstream>

using namespace attune;
using namespace attune::stats;

namespace
{

// pygamma-agreement tests/test_alignement.py: coders liza (0), pierrot (1), hadrien (2); its
// matrix is indexed by the codes in alphabetical order (Alice, Bob, Carol, Jeremy); Δ∅ = 0.5.
std::vector<CodedSpan> liza_pierrot_hadrien()
{
    return {{0, "Carol", 1, 5},   {0, "Bob", 6, 8},   {0, "Carol", 12, 18}, {0, "Alice", 7, 20},
            {1, "Carol", 2, 6},   {1, "Bob", 7, 8},   {1, "Alice", 12, 18}, {1, "Alice", 8, 10},
            {1, "Jeremy", 7, 19}, {2, "Carol", 1, 6}, {2, "Alice", 8, 10},  {2, "Jeremy", 7, 19},
            {2, "Alice", 19, 20}};
}

GammaDissimilarity liza_dissimilarity(double alpha)
{
    GammaDissimilarity d;
    d.alpha = alpha;
    d.beta = 1.0;
    d.delta_empty = 0.5;
    d.codes = {"Alice", "Bob", "Carol", "Jeremy"};
    d.matrix = {0.0, 0.5, 0.3, 0.7, 0.5, 0.0, 0.6, 0.4, 0.3, 0.6, 0.0, 0.7, 0.7, 0.4, 0.7, 0.0};
    return d;
}

// pygamma-agreement tests/data/AlexPaulSuzan.csv (the continuum of its documentation): coders
// Alex (0), Paul (1), Suzan (2), codes "1".."7", continuum [0, 60).
std::vector<CodedSpan> alex_paul_suzan()
{
    return {{0, "1", 2, 9},   {0, "2", 11, 17}, {0, "5", 24, 30}, {0, "6", 32, 36},
            {0, "6", 36, 44}, {0, "7", 44, 60}, {1, "1", 2, 9},   {1, "3", 11, 17},
            {1, "5", 19, 25}, {1, "6", 32, 44}, {2, "1", 2, 9},   {2, "4", 11, 17},
            {2, "5", 21, 27}, {2, "6", 32, 36}, {2, "6", 36, 40}, {2, "6", 40, 44}};
}

GammaDissimilarity alpha3()
{
    GammaDissimilarity d;
    d.alpha = 3.0;
    return d;
}

// pygamma-agreement tests/data/3by100.csv (a copy in tests/data/gamma): 3 coders, 372 units of
// Noun/Adj/Prep/Verb on [0, 1995); rows annotator,category,start,end after one comment line.
std::vector<CodedSpan> pygamma_3by100()
{
    std::ifstream in(std::string(ATTUNE_TEST_DATA_DIR) + "/gamma/pygamma_3by100.csv");
    REQUIRE(in);
    std::vector<CodedSpan> s;
    std::map<std::string, int> coders;
    std::string line;
    while (std::getline(in, line))
    {
        if (line.empty() || line[0] == '#')
            continue;
        std::stringstream row(line);
        std::string coder, code, begin, end;
        std::getline(row, coder, ',');
        std::getline(row, code, ',');
        std::getline(row, begin, ',');
        std::getline(row, end, ',');
        const auto at = coders.emplace(coder, static_cast<int>(coders.size())).first;
        s.push_back({at->second, code, std::stoll(begin), std::stoll(end)});
    }
    return s;
}

double best_disorder(const std::vector<CodedSpan>& s, int n, const GammaDissimilarity& d)
{
    auto r = best_gamma_alignment(s, n, d);
    REQUIRE(r.ok());
    return r->disorder;
}

} // namespace

TEST_CASE("gamma: pygamma-agreement's unitary alignment disorder 0.575", "[stats][gamma]")
{
    // test_unitary_alignment: Carol [12,18) of liza, Alice [12,18) of pierrot, hadrien empty,
    // α = 1: (0.3·0.5 + 0.5 + 0.5) / 3 = 0.3833 per unitary alignment, over 2/3 unit per coder.
    const std::vector<CodedSpan> s = {{0, "Carol", 12, 18}, {1, "Alice", 12, 18}};
    auto r = gamma_alignment_disorder(s, 3, {{0, 1, -1}}, liza_dissimilarity(1.0));
    REQUIRE(r.ok());
    CHECK(r.value() == Approx(0.574999988079071).epsilon(1e-6));
}

TEST_CASE("gamma: pygamma-agreement's hand-made alignment disorder 6.1656", "[stats][gamma]")
{
    // test_alignment (α = 3): five unitary alignments over the 13 units.
    const std::vector<UnitaryAlignment> a = {
        {0, 4, 9}, {1, 5, 10}, {3, 8, 11}, {2, 6, -1}, {-1, 7, 12}};
    auto r = gamma_alignment_disorder(liza_pierrot_hadrien(), 3, a, liza_dissimilarity(3.0));
    REQUIRE(r.ok());
    CHECK(r.value() == Approx(6.1655581547663765).epsilon(1e-6));
}

TEST_CASE("gamma: pygamma-agreement's best alignment disorder 0.43479", "[stats][gamma]")
{
    // test_best_alignment (α = 3); pygamma computes in float32 and checks to 0.1 %.
    auto best = best_gamma_alignment(liza_pierrot_hadrien(), 3, liza_dissimilarity(3.0));
    REQUIRE(best.ok());
    CHECK(best->disorder == Approx(0.43478875578596043).epsilon(1e-6));
    // The reported unitary alignments are a partition whose disorder is the one reported.
    auto again =
        gamma_alignment_disorder(liza_pierrot_hadrien(), 3, best->unitary, liza_dissimilarity(3.0));
    REQUIRE(again.ok());
    CHECK(again.value() == Approx(best->disorder).epsilon(1e-12));
    // ... and it beats the hand-made alignment of test_alignment.
    CHECK(best->disorder < 6.1655581547663765);
}

TEST_CASE("gamma: pygamma-agreement's AlexPaulSuzan: disorder 0.96, gamma 0.44 to 0.47",
          "[stats][gamma]")
{
    // tests/test_gammas.py test_gamma_alexpaulsuzan: α = 3, β = 1, Δ∅ = 1; 6 unitary
    // alignments, best disorder 0.96 within 1 %, γ with the shuffle sampler in [0.44, 0.47].
    auto best = best_gamma_alignment(alex_paul_suzan(), 3, alpha3());
    REQUIRE(best.ok());
    CHECK(best->disorder == Approx(0.96).epsilon(0.01));
    CHECK(best->disorder == Approx(0.960625).epsilon(1e-12));
    // pygamma's 6 pairs Alex [44,60) with Suzan [40,44): d = 3·1 + 1 = 4, δ = (4 + 1 + 1)/3 =
    // 2·Δ∅, exactly what the two cost alone. The disorder is the same; Attune's pruning keeps
    // only unitary alignments strictly better than their units alone, so it reports 7.
    CHECK(best->unitary.size() == 7);
    const std::vector<UnitaryAlignment> six = {{0, 6, 10},  {1, 7, 11}, {2, 8, 12},
                                               {3, -1, 13}, {4, 9, 14}, {5, -1, 15}};
    auto d_six = gamma_alignment_disorder(alex_paul_suzan(), 3, six, alpha3());
    REQUIRE(d_six.ok());
    CHECK(d_six.value() == Approx(best->disorder).epsilon(1e-12));

    GammaOptions o;
    o.dissimilarity = alpha3();
    o.sampler = GammaSampler::Shuffle;
    o.samples = 300;
    o.seed = 4772;
    auto g = gamma(alex_paul_suzan(), 3, 0, 60, o);
    REQUIRE(g.ok());
    REQUIRE(g->estimate.value);
    CHECK(*g->estimate.value >= 0.44);
    CHECK(*g->estimate.value <= 0.47);
    CHECK(g->estimate.observed == Approx(best->disorder));
    REQUIRE(g->estimate.ci_low);
    CHECK(*g->estimate.ci_low < *g->estimate.value);
    CHECK(*g->estimate.ci_high > *g->estimate.value);
}

TEST_CASE("gamma: pygamma-agreement's 3by100: 127 unitary alignments, gamma 0.79 to 0.81",
          "[stats][gamma]")
{
    // tests/test_gammas.py test_gamma_3by100: α = 3, β = 1, Δ∅ = 1, the statistical sampler,
    // 30 samples (pygamma's defaults, its seed 4772): 127 unitary alignments, γ in [0.79, 0.81].
    const auto s = pygamma_3by100();
    REQUIRE(s.size() == 372);
    GammaOptions o;
    o.dissimilarity = alpha3();
    o.seed = 4772;
    auto g = gamma(s, 3, 0, 1995, o);
    REQUIRE(g.ok());
    CHECK(g->best.unitary.size() == 127);
    REQUIRE(g->estimate.value);
    CHECK(*g->estimate.value >= 0.79);
    CHECK(*g->estimate.value <= 0.81);
    CHECK(g->sample_disorders.size() == 30);
}

TEST_CASE("gamma: identical coders have disorder 0 and gamma 1", "[stats][gamma]")
{
    std::vector<CodedSpan> s;
    for (int c = 0; c < 3; ++c)
        for (const auto& u : alex_paul_suzan())
            if (u.coder == 0)
                s.push_back({c, u.code, u.start, u.end});
    for (GammaSampler sampler : {GammaSampler::Shuffle, GammaSampler::Statistical})
    {
        GammaOptions o;
        o.sampler = sampler;
        o.samples = 10;
        auto g = gamma(s, 3, 0, 60, o);
        REQUIRE(g.ok());
        CHECK(g->estimate.observed == 0.0);
        REQUIRE(g->estimate.value);
        CHECK(*g->estimate.value == 1.0);
        CHECK(g->best.unitary.size() == 6);
        CHECK(g->estimate.expected > 0.0);
    }
}

TEST_CASE("gamma: the observed disorder ignores coder order and a shift of the continuum",
          "[stats][gamma]")
{
    const auto base = alex_paul_suzan();
    const double d0 = best_disorder(base, 3, alpha3());
    // Coders renumbered 0→2, 1→0, 2→1, and the spans listed backwards.
    std::vector<CodedSpan> permuted;
    for (auto it = base.rbegin(); it != base.rend(); ++it)
        permuted.push_back({(it->coder + 2) % 3, it->code, it->start, it->end});
    CHECK(best_disorder(permuted, 3, alpha3()) == Approx(d0).epsilon(1e-12));
    // The whole continuum moved by 1,000,003 code points.
    std::vector<CodedSpan> shifted = base;
    for (auto& u : shifted)
    {
        u.start += 1000003;
        u.end += 1000003;
    }
    CHECK(best_disorder(shifted, 3, alpha3()) == Approx(d0).epsilon(1e-12));
    // γ itself moves with the continuum too, seed for seed (the samplers work relative to it).
    GammaOptions o;
    o.dissimilarity = alpha3();
    o.samples = 20;
    for (GammaSampler sampler : {GammaSampler::Shuffle, GammaSampler::Statistical})
    {
        o.sampler = sampler;
        auto a = gamma(base, 3, 0, 60, o);
        auto b = gamma(shifted, 3, 1000003, 1000063, o);
        REQUIRE(a.ok());
        REQUIRE(b.ok());
        CHECK(*b->estimate.value == Approx(*a->estimate.value).epsilon(1e-9));
    }
}

TEST_CASE("gamma: the exact alignment is no worse than alignments built by hand", "[stats][gamma]")
{
    const auto s = alex_paul_suzan();
    const double best = best_disorder(s, 3, alpha3());
    // Every unit alone (the worst sensible alignment): 16 unitary alignments of disorder Δ∅.
    std::vector<UnitaryAlignment> alone;
    for (int u = 0; u < static_cast<int>(s.size()); ++u)
    {
        UnitaryAlignment a(3, -1);
        a[static_cast<std::size_t>(s[static_cast<std::size_t>(u)].coder)] = u;
        alone.push_back(a);
    }
    auto d_alone = gamma_alignment_disorder(s, 3, alone, alpha3());
    REQUIRE(d_alone.ok());
    CHECK(d_alone.value() == Approx(16.0 / (16.0 / 3.0)));
    CHECK(best <= d_alone.value());
    // By position, as a reader might pair them: the three [2,9), the three [11,17), the three
    // near 20-30, the three starting at 32, then Alex [36,44) with Suzan [36,40) and Alex
    // [44,60) with Suzan [40,44).
    const std::vector<UnitaryAlignment> by_eye = {{0, 6, 10}, {1, 7, 11},  {2, 8, 12},
                                                  {3, 9, 13}, {4, -1, 14}, {5, -1, 15}};
    auto d_eye = gamma_alignment_disorder(s, 3, by_eye, alpha3());
    REQUIRE(d_eye.ok());
    CHECK(best <= d_eye.value() + 1e-12);
    // Paul's long [32,44) with Suzan's [40,44), and Alex's [24,30) left alone.
    const std::vector<UnitaryAlignment> other = {{0, 6, 10},  {1, 7, 11},  {-1, 8, 12}, {2, -1, -1},
                                                 {3, -1, 13}, {4, -1, 14}, {5, 9, 15}};
    auto d_other = gamma_alignment_disorder(s, 3, other, alpha3());
    REQUIRE(d_other.ok());
    CHECK(best <= d_other.value() + 1e-12);
}

TEST_CASE("gamma: a seed gives the same expected disorder, another seed another one",
          "[stats][gamma]")
{
    GammaOptions o;
    o.dissimilarity = alpha3();
    o.samples = 15;
    for (GammaSampler sampler : {GammaSampler::Shuffle, GammaSampler::Statistical})
    {
        o.sampler = sampler;
        o.seed = 7;
        auto a = gamma(alex_paul_suzan(), 3, 0, 60, o);
        auto b = gamma(alex_paul_suzan(), 3, 0, 60, o);
        o.seed = 8;
        auto c = gamma(alex_paul_suzan(), 3, 0, 60, o);
        REQUIRE(a.ok());
        REQUIRE(b.ok());
        REQUIRE(c.ok());
        CHECK(a->sample_disorders == b->sample_disorders);
        CHECK(*a->estimate.expected == *b->estimate.expected);
        CHECK(*a->estimate.expected != *c->estimate.expected);
        CHECK(a->sample_disorders.size() == 15);
        CHECK(a->precision > 0.0);
    }
}

TEST_CASE("gamma: a coder who marked nothing takes part with empty units", "[stats][gamma]")
{
    // Two coders agree exactly, the third marked nothing: each unitary alignment pairs the two
    // with ∅, (0 + 1 + 1) / 3 per alignment, 6 of them over 12/3 units per coder.
    std::vector<CodedSpan> s;
    for (int c = 0; c < 2; ++c)
        for (const auto& u : alex_paul_suzan())
            if (u.coder == 0)
                s.push_back({c, u.code, u.start, u.end});
    auto best = best_gamma_alignment(s, 3, alpha3());
    REQUIRE(best.ok());
    CHECK(best->disorder == Approx(6.0 * (2.0 / 3.0) / 4.0));
    auto two = best_gamma_alignment(s, 2, alpha3());
    REQUIRE(two.ok());
    CHECK(two->disorder == 0.0);
}

TEST_CASE("gamma: undefined without units, refusals with their error codes", "[stats][gamma]")
{
    GammaOptions o;
    auto none = gamma({}, 2, 0, 10, o);
    REQUIRE(none.ok());
    CHECK_FALSE(none->estimate.value);
    CHECK(none->estimate.reason == "no coder marked a unit");

    auto one = gamma({{0, "a", 0, 5}}, 1, 0, 10, o);
    REQUIRE_FALSE(one.ok());
    CHECK(one.error().code == ErrorCode::InvalidArgument);

    GammaDissimilarity bad;
    bad.delta_empty = 0.0;
    CHECK(check_dissimilarity(bad).error().code == ErrorCode::InvalidArgument);
    bad = GammaDissimilarity{};
    bad.codes = {"a", "b"};
    bad.matrix = {0.0, 0.5, 0.4, 0.0};
    auto asym = check_dissimilarity(bad);
    REQUIRE_FALSE(asym.ok());
    CHECK(asym.error().message.find("symmetric") != std::string::npos);
    bad.matrix = {0.0, 0.5, 0.5, 0.0};
    auto missing = best_gamma_alignment({{0, "a", 0, 5}, {1, "c", 0, 5}}, 2, bad);
    REQUIRE_FALSE(missing.ok());
    CHECK(missing.error().message.find("'c'") != std::string::npos);

    o.samples = 0;
    auto zero = gamma({{0, "a", 0, 5}}, 2, 0, 10, o);
    REQUIRE_FALSE(zero.ok());
    CHECK(zero.error().code == ErrorCode::InvalidArgument);
}

TEST_CASE("gamma: too many candidate unitary alignments are refused, not waited for",
          "[stats][gamma]")
{
    // Eight coders with 20 identical units each on top of one another, positions ignored
    // (α = 0) and one code: every combination is a candidate, 21^8 of them.
    std::vector<CodedSpan> s;
    for (int c = 0; c < 8; ++c)
        for (int u = 0; u < 20; ++u)
            s.push_back({c, "a", 0, 10});
    GammaDissimilarity d;
    d.alpha = 0.0;
    auto r = best_gamma_alignment(s, 8, d);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().code == ErrorCode::TooLarge);
}
