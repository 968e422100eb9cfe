// SPDX-License-Identifier: GPL-3.0-or-later
// Scale agreement (ICC, correlations, differences) against published worked examples.
#include "core/stats/scale.h"
#include "stats_test_util.h"

#include <catch2/catch.hpp>

using namespace attune::stats;
using attune::stats::test::make_table;

namespace
{

// Shrout & Fleiss (1979), "Intraclass correlations: uses in assessing rater reliability",
// Table 2: 6 targets rated by 4 judges.
RatingTable shrout_fleiss_1979()
{
    return make_table(
        {{9, 2, 5, 8}, {6, 1, 3, 2}, {8, 4, 6, 8}, {7, 1, 2, 6}, {10, 5, 6, 9}, {6, 2, 4, 7}});
}

} // namespace

TEST_CASE("stats: the six ICC forms match Shrout & Fleiss (1979) Table 4", "[stats]")
{
    const RatingTable t = shrout_fleiss_1979();
    // Table 4 prints two decimals.
    CHECK(*icc(t, IccForm::One1).value == Approx(0.17).margin(0.005));
    CHECK(*icc(t, IccForm::Two1).value == Approx(0.29).margin(0.005));
    CHECK(*icc(t, IccForm::Three1).value == Approx(0.71).margin(0.005));
    CHECK(*icc(t, IccForm::OneK).value == Approx(0.44).margin(0.005));
    CHECK(*icc(t, IccForm::TwoK).value == Approx(0.62).margin(0.005));
    CHECK(*icc(t, IccForm::ThreeK).value == Approx(0.91).margin(0.005));
    CHECK(icc(t, IccForm::Two1).metric == "icc(2,1)");
    CHECK(icc(t, IccForm::Two1).n_units == 6);
}

TEST_CASE("stats: ICC confidence limits on the Shrout & Fleiss data match psych::ICC", "[stats]")
{
    // The psych package manual (Revelle), ICC example on the Shrout & Fleiss (1979) data,
    // prints these 95 % bounds (F-based; ICC2 with McGraw & Wong's Satterthwaite df).
    const RatingTable t = shrout_fleiss_1979();
    struct Row
    {
        IccForm form;
        double lo, hi;
    };
    for (const Row& r : {Row{IccForm::One1, -0.133, 0.72}, Row{IccForm::Two1, 0.019, 0.76},
                         Row{IccForm::Three1, 0.342, 0.95}, Row{IccForm::OneK, -0.884, 0.91},
                         Row{IccForm::TwoK, 0.071, 0.93}, Row{IccForm::ThreeK, 0.676, 0.99}})
    {
        INFO(to_string(r.form));
        const Estimate e = icc(t, r.form);
        REQUIRE(e.ci_low);
        REQUIRE(e.ci_high);
        CHECK(*e.ci_low == Approx(r.lo).margin(0.0015));
        CHECK(*e.ci_high == Approx(r.hi).margin(0.006));
    }
}

TEST_CASE("stats: ICC drops incomplete units listwise and says so", "[stats]")
{
    RatingTable t = shrout_fleiss_1979();
    t.add_unit("partial", {Rating{3.0}, Rating{}, Rating{4.0}, Rating{5.0}});
    const Estimate e = icc(t, IccForm::Three1);
    CHECK(e.n_units == 6);
    CHECK(e.n_dropped == 1);
    CHECK(e.note.find("listwise deletion: 1 unit(s)") == 0);
    CHECK(*e.value == Approx(*icc(shrout_fleiss_1979(), IccForm::Three1).value));
}

TEST_CASE("stats: ICC is null with a reason for one coder, one unit or no variation", "[stats]")
{
    CHECK(icc(make_table({{1}, {2}}), IccForm::One1).reason == "fewer than 2 coders");
    CHECK(icc(make_table({{1, 2}}), IccForm::One1).reason ==
          "fewer than 2 units rated by every coder");
    const Estimate flat = icc(make_table({{3, 3}, {3, 3}, {3, 3}}), IccForm::Two1);
    CHECK_FALSE(flat.value);
    CHECK(flat.reason == "no variation: every rating is the same");
}

TEST_CASE("stats: ICC with the same mean for every target has a value and no interval", "[stats]")
{
    // Two transcripts rated 5/7 and 3/9: both means are 6, so MSR = 0, and (by hand, Shrout &
    // Fleiss 1979 Table 1; SS total 20, SS raters 16, SS error 4) MSE = 4, MSC = 16, MSW = 10.
    // Satterthwaite's df of McGraw & Wong (1996) case 2A is then 0: there is no F and no interval.
    // (Boost's F once threw here, and `attune-cli report` stopped with "internal error".)
    const RatingTable t = make_table({{5, 7}, {3, 9}});
    const Estimate two = icc(t, IccForm::Two1);
    REQUIRE(two.value);
    CHECK(*two.value == Approx(-4.0 / 16.0));
    CHECK_FALSE(two.ci_low);
    CHECK_FALSE(two.ci_high);
    // ICC(1,1) = (MSR - MSW) / (MSR + MSW) = -10/10 and ICC(3,1) = (MSR - MSE) / (MSR + MSE)
    // = -4/4; with F = MSR/MS = 0 both bounds of their exact interval are (0-1)/(0+1) = -1.
    for (IccForm f : {IccForm::One1, IccForm::Three1})
    {
        const Estimate single = icc(t, f);
        REQUIRE(single.value);
        CHECK(*single.value == Approx(-1.0));
        REQUIRE(single.ci_low);
        CHECK(*single.ci_low == Approx(-1.0));
        CHECK(*single.ci_high == Approx(-1.0));
    }
    // Their average-rater forms divide by MSR itself and say so.
    for (IccForm f : {IccForm::OneK, IccForm::ThreeK})
    {
        CHECK_FALSE(icc(t, f).value);
        CHECK(icc(t, f).reason == "no variation between units (MSR = 0)");
    }
    for (IccForm f : {IccForm::One1, IccForm::Two1, IccForm::Three1, IccForm::OneK, IccForm::TwoK,
                      IccForm::ThreeK})
        CHECK_NOTHROW(icc(t, f));
}

TEST_CASE("stats: perfect agreement gives ICC 1 and swapping coders changes nothing", "[stats]")
{
    const RatingTable same = make_table({{1, 1, 1}, {4, 4, 4}, {2, 2, 2}, {7, 7, 7}});
    for (IccForm f : {IccForm::One1, IccForm::Two1, IccForm::Three1, IccForm::OneK, IccForm::TwoK,
                      IccForm::ThreeK})
        CHECK(*icc(same, f).value == Approx(1.0));
    const RatingTable t = shrout_fleiss_1979();
    const RatingTable s = t.select_coders({2, 0, 3, 1});
    for (IccForm f : {IccForm::One1, IccForm::Two1, IccForm::Three1})
    {
        CHECK(*icc(s, f).value == Approx(*icc(t, f).value).epsilon(1e-12));
        CHECK(*icc(s, f).ci_low == Approx(*icc(t, f).ci_low).epsilon(1e-9));
    }
}

TEST_CASE("stats: Pearson and Spearman on Anscombe's first data set", "[stats]")
{
    // Anscombe (1973), "Graphs in statistical analysis", data set I: r = 0.816.
    const RatingTable t = make_table({{10, 8.04},
                                      {8, 6.95},
                                      {13, 7.58},
                                      {9, 8.81},
                                      {11, 8.33},
                                      {14, 9.96},
                                      {6, 7.24},
                                      {4, 4.26},
                                      {12, 10.84},
                                      {7, 4.82},
                                      {5, 5.68}});
    const Estimate r = pearson(t);
    REQUIRE(r.value);
    CHECK(*r.value == Approx(0.816).margin(0.0005));
    REQUIRE(r.ci_low);
    CHECK(*r.ci_low < *r.value);
    CHECK(*r.value < *r.ci_high);
    // Spearman = Pearson on ranks: with no ties, 1 - 6 sum d^2 / (n(n^2-1)).
    const Estimate rho = spearman(t);
    REQUIRE(rho.value);
    CHECK(*rho.value == Approx(1.0 - 6.0 * 40.0 / (11.0 * 120.0)).margin(1e-12));
}

TEST_CASE("stats: Spearman averages tied ranks", "[stats]")
{
    // x ranks 1, 2.5, 2.5, 4; y ranks 1..4: Pearson of ranks = 0.9486833.
    const RatingTable t = make_table({{1, 10}, {2, 20}, {2, 30}, {3, 40}});
    CHECK(*spearman(t).value == Approx(0.9486833).margin(1e-7));
}

TEST_CASE("stats: mean absolute difference and share within 0.5 and 1 point", "[stats]")
{
    // Pairs: |1-1.5| = 0.5, |3-5| = 2, and for the 3-coder unit |2-3|, |2-2.5|, |3-2.5|.
    const RatingTable t = make_table({{1, 1.5, 0}, {3, 5, 0}, {2, 3, 2.5}, {4, 0, 0}}, {}, 0.0);
    const Estimate mad = mean_absolute_difference(t);
    REQUIRE(mad.value);
    CHECK(*mad.value == Approx((0.5 + 2 + 1 + 0.5 + 0.5) / 5.0));
    CHECK(mad.n_units == 3);
    CHECK(*share_within(t, 0.5).value == Approx(3.0 / 5.0));
    CHECK(*share_within(t, 1.0).value == Approx(4.0 / 5.0));
    CHECK(share_within(t, 1.0).note == "4 of 5 rating pairs");
    CHECK(share_within(make_table({{1, 0}}, {}, 0.0), 1.0).reason ==
          "no unit was rated by at least 2 coders");
}

TEST_CASE("stats: correlations need two coders and variation", "[stats]")
{
    CHECK(pearson(make_table({{1, 2, 3}})).reason == "needs exactly 2 coders");
    CHECK(pearson(make_table({{1, 2}, {1, 3}, {1, 4}})).reason ==
          "no variation: a coder gave every unit the same rating");
    CHECK(spearman(make_table({{1, 2}, {2, 3}})).reason ==
          "fewer than 3 units rated by both coders");
}
