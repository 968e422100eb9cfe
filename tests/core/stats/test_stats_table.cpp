// SPDX-License-Identifier: GPL-3.0-or-later
// Categorical agreement statistics against published worked examples, and their properties.
#include "core/stats/agreement.h"
#include "stats_test_util.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <map>
#include <random>

using namespace attune::stats;
using attune::stats::test::from_contingency;
using attune::stats::test::from_counts;
using attune::stats::test::make_table;

namespace
{

// Krippendorff (2011), "Computing Krippendorff's alpha-reliability", section C (p. 3-7):
// reliability data of 4 observers (A-D) on 12 units, values 1-5, '.' = missing (here 0).
// Rows are units, columns observers A, B, C, D.
RatingTable krippendorff_2011()
{
    return make_table({{1, 1, 0, 1},
                       {2, 2, 3, 2},
                       {3, 3, 3, 3},
                       {3, 3, 3, 3},
                       {2, 2, 2, 2},
                       {1, 2, 3, 4},
                       {4, 4, 4, 4},
                       {1, 1, 2, 1},
                       {2, 2, 2, 2},
                       {0, 5, 5, 5},
                       {0, 0, 1, 1},
                       {0, 3, 0, 0}},
                      {}, 0.0);
}

// Fleiss (1971), "Measuring nominal scale agreement among many raters", Table 1: 30 patients,
// 6 psychiatrists each, 5 diagnoses (1 depression, 2 personality disorder, 3 schizophrenia,
// 4 neurosis, 5 other); as distributed in R's irr package (data set `diagnoses`).
RatingTable fleiss_1971()
{
    return make_table(
        {{4, 4, 4, 4, 4, 4}, {2, 2, 2, 5, 5, 5}, {2, 3, 3, 3, 3, 5}, {5, 5, 5, 5, 5, 5},
         {2, 2, 2, 4, 4, 4}, {1, 1, 3, 3, 3, 3}, {3, 3, 3, 3, 5, 5}, {1, 1, 3, 3, 3, 4},
         {1, 1, 4, 4, 4, 4}, {5, 5, 5, 5, 5, 5}, {1, 4, 4, 4, 4, 4}, {1, 2, 4, 4, 4, 4},
         {2, 2, 2, 3, 3, 3}, {1, 4, 4, 4, 4, 4}, {2, 2, 4, 4, 4, 5}, {3, 3, 3, 3, 3, 5},
         {1, 1, 1, 4, 5, 5}, {1, 1, 1, 1, 1, 2}, {2, 2, 4, 4, 4, 4}, {1, 3, 3, 5, 5, 5},
         {5, 5, 5, 5, 5, 5}, {2, 4, 4, 4, 4, 4}, {2, 2, 4, 5, 5, 5}, {1, 1, 4, 4, 4, 4},
         {1, 4, 4, 4, 4, 5}, {2, 2, 2, 2, 2, 4}, {1, 1, 1, 1, 5, 5}, {2, 2, 4, 4, 4, 4},
         {1, 3, 3, 3, 3, 3}, {5, 5, 5, 5, 5, 5}},
        {"depression", "personality disorder", "schizophrenia", "neurosis", "other"});
}

// Gwet (2014), Handbook of Inter-Rater Reliability, 4th ed., the 3 x 3 table of 100 pregnant
// women classified by two abstractors (Ectopic, AIU, NIU); irrCAC data set cont3x3abstractors,
// results printed in the irrCAC vignette "Calculating Chance-corrected Agreement Coefficients".
RatingTable gwet_abstractors()
{
    return from_contingency({{13, 0, 0}, {0, 20, 7}, {0, 4, 56}});
}

// SAS/STAT User's Guide, PROC FREQ "Kappa statistics" example table (rows = rater 1), with
// the simple and weighted (Cicchetti-Allison = linear) kappa, ASE and 95 % limits.
RatingTable sas_kappa_table()
{
    return from_contingency({{0, 4, 1}, {0, 8, 0}, {0, 1, 5}});
}

} // namespace

TEST_CASE("stats: Krippendorff's alpha matches Krippendorff (2011) at all four levels", "[stats]")
{
    const RatingTable t = krippendorff_2011();
    const Estimate nominal = krippendorff_alpha(t, Level::Nominal);
    REQUIRE(nominal.value);
    CHECK(*nominal.value == Approx(0.743).margin(0.0005));
    CHECK(nominal.n_units == 11); // unit 12 has a single value: unpairable, dropped
    CHECK(nominal.n_dropped == 1);
    CHECK(*krippendorff_alpha(t, Level::Ordinal).value == Approx(0.815).margin(0.0005));
    CHECK(*krippendorff_alpha(t, Level::Interval).value == Approx(0.849).margin(0.0005));
    CHECK(*krippendorff_alpha(t, Level::Ratio).value == Approx(0.797).margin(0.0005));
}

TEST_CASE("stats: alpha's observed and expected disagreement follow Krippendorff (2011) p. 4",
          "[stats]")
{
    // Nominal: the 40 pairable values have marginals n_c = 9, 13, 10, 5, 3, so
    // sum_{c != k} n_c n_k = 40^2 - 384 = 1216, and the coincidences off the diagonal sum to 8:
    // alpha = 1 - (n.. - 1) * 8 / 1216 = 0.743.
    const Estimate e = krippendorff_alpha(krippendorff_2011(), Level::Nominal);
    REQUIRE(e.observed);
    REQUIRE(e.expected);
    CHECK(*e.observed == Approx(8.0 / 40.0));
    CHECK(*e.expected == Approx(1216.0 / (40.0 * 39.0)));
    CHECK(*e.value == Approx(1.0 - 39.0 * 8.0 / 1216.0));
}

TEST_CASE("stats: alpha with many declared but unused categories takes the pairwise path "
          "and gives the same values",
          "[stats]")
{
    // 300 declared categories exceed the coincidence-matrix limit; unused categories add no
    // values, so every level must reproduce Krippendorff (2011).
    const RatingTable small = krippendorff_2011();
    std::vector<std::string> cats;
    std::vector<double> values;
    for (int i = 1; i <= 300; ++i)
    {
        cats.push_back(std::to_string(i));
        values.push_back(i);
    }
    RatingTable big(small.coders(), cats, values);
    for (int u = 0; u < small.n_units(); ++u)
    {
        std::vector<Rating> row;
        for (int c = 0; c < small.n_coders(); ++c)
            row.push_back(small.at(u, c) ? Rating{*small.at(u, c) - 1.0} : Rating{});
        big.add_unit(small.unit_ids()[static_cast<std::size_t>(u)], row);
    }
    REQUIRE(big.validate().empty());
    for (Level level : {Level::Nominal, Level::Ordinal, Level::Interval, Level::Ratio})
    {
        const Estimate a = krippendorff_alpha(small, level);
        const Estimate b = krippendorff_alpha(big, level);
        REQUIRE(b.value);
        CHECK(*b.value == Approx(*a.value).epsilon(1e-12));
    }
}

TEST_CASE("stats: alpha's bootstrap is reproducible with a seed and brackets the estimate",
          "[stats]")
{
    const RatingTable t = krippendorff_2011();
    const Estimate a = krippendorff_alpha(t, Level::Interval, {2000, 42});
    const Estimate b = krippendorff_alpha(t, Level::Interval, {2000, 42});
    const Estimate c = krippendorff_alpha(t, Level::Interval, {2000, 43});
    REQUIRE(a.ci_low);
    REQUIRE(a.ci_high);
    CHECK(*a.ci_low == *b.ci_low);
    CHECK(*a.ci_high == *b.ci_high);
    CHECK(*a.se == *b.se);
    CHECK(*a.se != *c.se); // another seed, another sample
    CHECK(*a.ci_low < *a.value);
    CHECK(*a.value < *a.ci_high);
    CHECK(*a.ci_high <= 1.0);
    CHECK(a.ci_method.find("seed 42") != std::string::npos);
}

TEST_CASE("stats: Fleiss' kappa matches Fleiss (1971) on 30 patients x 6 raters", "[stats]")
{
    const Estimate e = fleiss_kappa(fleiss_1971());
    REQUIRE(e.value);
    // Fleiss (1971), p. 381: kappa = .430.
    CHECK(*e.value == Approx(0.4302445).margin(1e-6));
    // Fleiss, Nee & Landis (1979) SE under H0, as irr::kappam.fleiss reports: z = 17.65183.
    REQUIRE(e.se0);
    CHECK(*e.value / *e.se0 == Approx(17.65183).margin(1e-4));
    CHECK(e.n_units == 30);
    CHECK(e.n_coders == 6);
}

TEST_CASE("stats: Fleiss' kappa and percent agreement match the 10 subjects x 14 raters "
          "example",
          "[stats]")
{
    // Wikipedia, "Fleiss' kappa", worked example (10 subjects, 14 raters, 5 categories):
    // P-bar = 0.378, P-bar_e = 0.213, kappa = 0.210.
    const RatingTable t = from_counts({{0, 0, 0, 0, 14},
                                       {0, 2, 6, 4, 2},
                                       {0, 0, 3, 5, 6},
                                       {0, 3, 9, 2, 0},
                                       {2, 2, 8, 1, 1},
                                       {7, 7, 0, 0, 0},
                                       {3, 2, 6, 3, 0},
                                       {2, 5, 3, 2, 2},
                                       {6, 5, 2, 1, 0},
                                       {0, 2, 2, 3, 7}},
                                      14);
    const Estimate k = fleiss_kappa(t);
    REQUIRE(k.value);
    CHECK(*k.value == Approx(0.210).margin(0.0005));
    CHECK(*k.observed == Approx(0.378).margin(0.0005));
    CHECK(*k.expected == Approx(0.213).margin(0.0005));
    CHECK(*percent_agreement(t).value == Approx(0.378).margin(0.0005));
}

TEST_CASE("stats: Gwet (2014) abstractors example: Cohen, Scott, AC1, Brennan-Prediger, "
          "percent agreement and alpha with their standard errors",
          "[stats]")
{
    // Gwet's contingency-table functions divide the variance by n^2, the raw-data ones (which
    // Attune uses, as its input is raw ratings) by n(n-1); n = 100, so the table SEs are ours
    // times sqrt(99/100). Cohen's kappa uses Fleiss, Cohen & Everitt (1969) in both.
    const RatingTable t = gwet_abstractors();
    const double table_se = std::sqrt(99.0 / 100.0);
    const Estimate kappa = cohen_kappa(t);
    REQUIRE(kappa.value);
    CHECK(*kappa.value == Approx(0.7964094).margin(1e-7));
    CHECK(*kappa.se == Approx(0.05891072).margin(1e-7));

    const Estimate pi = scott_pi(t);
    REQUIRE(pi.value);
    CHECK(*pi.value == Approx(0.7962397).margin(1e-7));
    CHECK(*pi.se * table_se == Approx(0.05905473).margin(1e-7));

    const Estimate ac1 = gwet_ac(t);
    REQUIRE(ac1.value);
    CHECK(ac1.metric == "gwet-ac1");
    CHECK(*ac1.value == Approx(0.8493305).margin(1e-7));
    CHECK(*ac1.se * table_se == Approx(0.04321747).margin(1e-7));

    const Estimate bp = brennan_prediger(t);
    REQUIRE(bp.value);
    CHECK(*bp.value == Approx(0.835).margin(1e-7));
    CHECK(*bp.se * table_se == Approx(0.04693346).margin(1e-7));

    const Estimate pa = percent_agreement(t);
    REQUIRE(pa.value);
    CHECK(*pa.value == Approx(0.89).margin(1e-9));
    CHECK(*pa.se * table_se == Approx(0.03128898).margin(1e-7));

    CHECK(*krippendorff_alpha(t, Level::Nominal).value == Approx(0.7972585).margin(1e-7));
}

TEST_CASE("stats: Cohen's kappa, simple and linearly weighted, with ASE and limits as in the "
          "SAS PROC FREQ example",
          "[stats]")
{
    const RatingTable t = sas_kappa_table();
    const Estimate k = cohen_kappa(t);
    REQUIRE(k.value);
    CHECK(*k.value == Approx(0.4842).margin(5e-5));
    CHECK(*k.se == Approx(0.1380).margin(5e-5));
    CHECK(*k.ci_low == Approx(0.2137).margin(5e-5));
    CHECK(*k.ci_high == Approx(0.7547).margin(5e-5));
    CHECK(*k.se0 == Approx(0.1484).margin(5e-5));

    const WeightMatrix lin = make_weights(WeightKind::Linear, 3);
    const Estimate w = cohen_kappa(t, &lin);
    REQUIRE(w.value);
    CHECK(*w.value == Approx(0.4701).margin(5e-5));
    CHECK(*w.se == Approx(0.1457).margin(5e-5));
    CHECK(*w.ci_low == Approx(0.1845).margin(5e-5));
    CHECK(*w.ci_high == Approx(0.7558).margin(5e-5));
    CHECK(*w.se0 == Approx(0.1426).margin(5e-5));
}

TEST_CASE("stats: weighted Cohen's kappa matches irr's kappa2 on the anxiety ratings", "[stats]")
{
    // irr (Gamer et al.) data set `anxiety`, raters 2 and 3 (20 subjects); values quoted by
    // statsmodels' tests from kappa2(anxiety[,2:3], w): unweighted -0.006289308,
    // "equal" (linear) 0.1459075, "squared" (quadratic) 0.2520325. Categories are the values
    // used, in numeric order (irr drops unused levels).
    const RatingTable t = make_table({{3, 2}, {6, 1}, {4, 4}, {6, 4}, {2, 3}, {4, 2}, {2, 1},
                                      {4, 6}, {3, 1}, {3, 1}, {2, 1}, {3, 2}, {3, 3}, {3, 3},
                                      {2, 1}, {2, 1}, {1, 3}, {3, 3}, {3, 2}, {4, 2}});
    // The rows above are (rater2, rater3) of irr's anxiety data.
    const int q = category_count(t);
    REQUIRE(q == 5);
    CHECK(*cohen_kappa(t).value == Approx(-0.006289308).margin(1e-8));
    const WeightMatrix lin = make_weights(WeightKind::Linear, q);
    const WeightMatrix quad = make_weights(WeightKind::Quadratic, q);
    CHECK(*cohen_kappa(t, &lin).value == Approx(0.1459075).margin(1e-7));
    CHECK(*cohen_kappa(t, &quad).value == Approx(0.2520325).margin(1e-7));
}

TEST_CASE("stats: custom weights equal to the linear ones give the linear result", "[stats]")
{
    auto w = make_custom_weights({{1, 0.5, 0}, {0.5, 1, 0.5}, {0, 0.5, 1}}, 3);
    REQUIRE(w.ok());
    const Estimate a = cohen_kappa(sas_kappa_table(), &w.value());
    const WeightMatrix lin = make_weights(WeightKind::Linear, 3);
    CHECK(*a.value == Approx(*cohen_kappa(sas_kappa_table(), &lin).value));
}

TEST_CASE("stats: a custom weight matrix is checked and the bad entry named", "[stats]")
{
    auto short_row = make_custom_weights({{1, 0}, {0, 1, 0}, {0, 0, 1}}, 3);
    REQUIRE_FALSE(short_row.ok());
    CHECK(short_row.error().code == attune::ErrorCode::InvalidArgument);
    CHECK(short_row.error().message == "row 1 of the weight matrix has 2 values, expected 3");
    auto diag = make_custom_weights({{1, 0}, {0, 0.9}}, 2);
    REQUIRE_FALSE(diag.ok());
    CHECK(diag.error().message == "weight at row 2, column 2 is on the diagonal and must be 1");
    auto range = make_custom_weights({{1, 1.5}, {0, 1}}, 2);
    REQUIRE_FALSE(range.ok());
    CHECK(range.error().message == "weight at row 1, column 2 is not in [0,1]");
    auto rows = make_custom_weights({{1}}, 2);
    REQUIRE_FALSE(rows.ok());
    CHECK(rows.error().message == "the weight matrix has 1 rows; the 2 categories need 2");
}

TEST_CASE("stats: linear and quadratic weights follow the declared positions", "[stats]")
{
    const WeightMatrix lin = make_weights(WeightKind::Linear, 5);
    CHECK(lin(0, 4) == 0.0);
    CHECK(lin(1, 2) == Approx(0.75));
    const WeightMatrix quad = make_weights(WeightKind::Quadratic, 5);
    CHECK(quad(0, 2) == Approx(0.75));
    CHECK(quad(3, 3) == 1.0);
    CHECK(make_weights(WeightKind::None, 3).identity());
    CHECK_FALSE(lin.identity());
}

TEST_CASE("stats: quadratic-weighted AC2, Fleiss, Brennan-Prediger and percent agreement "
          "match Gwet (2014) on four raters x 12 subjects",
          "[stats]")
{
    // irrCAC vignette "Weighted Chance-corrected Agreement Coefficients" (Gwet), cac.raw4raters
    // with weights = "quadratic":
    //   pa.coeff.raw      0.9753788  se 0.09062
    //   gwet.ac1.raw      AC2 0.914  se 0.10396   pe 0.7137044
    //   fleiss.kappa.raw  0.86494    se 0.14603   pe 0.8177083
    //   bp.coeff.raw      0.90152    se 0.11089   pe 0.75
    const RatingTable t = krippendorff_2011();
    const WeightMatrix quad = make_weights(WeightKind::Quadratic, category_count(t));
    const Estimate ac2 = gwet_ac(t, &quad);
    REQUIRE(ac2.value);
    CHECK(ac2.metric == "gwet-ac2");
    CHECK(*ac2.value == Approx(0.914).margin(5e-4));
    CHECK(*ac2.se == Approx(0.10396).margin(5e-6));
    CHECK(*ac2.expected == Approx(0.7137044).margin(1e-7));
    CHECK(*ac2.observed == Approx(0.9753788).margin(1e-7));

    const Estimate fk = fleiss_kappa(t, &quad);
    CHECK(*fk.value == Approx(0.86494).margin(5e-6));
    CHECK(*fk.se == Approx(0.14603).margin(5e-6));
    CHECK(*fk.expected == Approx(0.8177083).margin(1e-7));

    const Estimate bp = brennan_prediger(t, &quad);
    CHECK(*bp.value == Approx(0.90152).margin(5e-6));
    CHECK(*bp.se == Approx(0.11089).margin(5e-6));

    const Estimate pa = percent_agreement(t, &quad);
    CHECK(*pa.value == Approx(0.9753788).margin(1e-7));
    CHECK(*pa.se == Approx(0.09062).margin(5e-6));

    // With identity weights AC2 is AC1.
    const WeightMatrix none = make_weights(WeightKind::None, category_count(t));
    CHECK(*gwet_ac(t, &none).value == Approx(*gwet_ac(t).value));
    CHECK(gwet_ac(t, &none).metric == "gwet-ac1");
}

TEST_CASE("stats: Gwet (2014) four raters x 12 subjects with missing ratings: percent "
          "agreement, AC1, Fleiss' kappa and Brennan-Prediger with raw-data SEs",
          "[stats]")
{
    // irrCAC data set cac.raw4raters (Gwet 2014, Handbook, 4th ed.) is Krippendorff's (2011)
    // table; the irrCAC README prints (raw-data functions, n = 12 rated units):
    //   pa.coeff.raw      0.8181818  se 0.12561
    //   gwet.ac1.raw      0.77544    se 0.14295   pe 0.1903212
    //   fleiss.kappa.raw  0.76117    se 0.15302   pe 0.2387153
    //   bp.coeff.raw      0.77273    se 0.14472   pe 0.2
    const RatingTable t = krippendorff_2011();
    const Estimate pa = percent_agreement(t);
    REQUIRE(pa.value);
    CHECK(*pa.value == Approx(0.8181818).margin(1e-7));
    CHECK(*pa.se == Approx(0.12561).margin(5e-6));
    CHECK(pa.n_units == 11);

    const Estimate ac1 = gwet_ac(t);
    REQUIRE(ac1.value);
    CHECK(*ac1.value == Approx(0.77544).margin(5e-6));
    CHECK(*ac1.se == Approx(0.14295).margin(5e-6));
    CHECK(*ac1.expected == Approx(0.1903212).margin(1e-7));
    CHECK(*ac1.ci_high == 1.0); // clipped, as irrCAC prints (0.461,1)
    CHECK(*ac1.ci_low == Approx(0.461).margin(5e-4));

    const Estimate fk = fleiss_kappa(t);
    REQUIRE(fk.value);
    CHECK(*fk.value == Approx(0.76117).margin(5e-6));
    CHECK(*fk.se == Approx(0.15302).margin(5e-6));
    CHECK(*fk.expected == Approx(0.2387153).margin(1e-7));

    const Estimate bp = brennan_prediger(t);
    REQUIRE(bp.value);
    CHECK(*bp.value == Approx(0.77273).margin(5e-6));
    CHECK(*bp.se == Approx(0.14472).margin(5e-6));
    CHECK(*bp.expected == Approx(0.2));
}

TEST_CASE("stats: perfect agreement gives 1 for every chance-corrected coefficient", "[stats]")
{
    const RatingTable t =
        make_table({{1, 1, 1}, {2, 2, 2}, {3, 3, 3}, {2, 2, 2}, {1, 1, 1}}, {"a", "b", "c"});
    const RatingTable two = t.select_coders({0, 1});
    CHECK(*percent_agreement(t).value == Approx(1.0));
    CHECK(*fleiss_kappa(t).value == Approx(1.0));
    CHECK(*gwet_ac(t).value == Approx(1.0));
    CHECK(*brennan_prediger(t).value == Approx(1.0));
    CHECK(*krippendorff_alpha(t, Level::Ordinal).value == Approx(1.0));
    CHECK(*cohen_kappa(two).value == Approx(1.0));
    CHECK(*scott_pi(two).value == Approx(1.0));
}

TEST_CASE("stats: swapping coder columns changes nothing", "[stats]")
{
    const RatingTable t = krippendorff_2011();
    const RatingTable s = t.select_coders({3, 1, 0, 2});
    CHECK(*krippendorff_alpha(s, Level::Interval).value ==
          Approx(*krippendorff_alpha(t, Level::Interval).value).epsilon(1e-12));
    CHECK(*fleiss_kappa(s).value == Approx(*fleiss_kappa(t).value).epsilon(1e-12));
    CHECK(*gwet_ac(s).se == Approx(*gwet_ac(t).se).epsilon(1e-12));
    const RatingTable ab = gwet_abstractors();
    const RatingTable ba = ab.select_coders({1, 0});
    CHECK(*cohen_kappa(ba).value == Approx(*cohen_kappa(ab).value).epsilon(1e-12));
    CHECK(*cohen_kappa(ba).se == Approx(*cohen_kappa(ab).se).epsilon(1e-12));
    CHECK(*scott_pi(ba).value == Approx(*scott_pi(ab).value).epsilon(1e-12));
}

TEST_CASE("stats: an all-missing unit changes nothing", "[stats]")
{
    const RatingTable t = krippendorff_2011();
    RatingTable m = t;
    m.add_unit("empty", {Rating{}, Rating{}, Rating{}, Rating{}});
    for (Level level : {Level::Nominal, Level::Ordinal, Level::Interval, Level::Ratio})
        CHECK(*krippendorff_alpha(m, level).value ==
              Approx(*krippendorff_alpha(t, level).value).epsilon(1e-12));
    CHECK(*fleiss_kappa(m).value == Approx(*fleiss_kappa(t).value).epsilon(1e-12));
    CHECK(*fleiss_kappa(m).se == Approx(*fleiss_kappa(t).se).epsilon(1e-12));
    CHECK(*gwet_ac(m).value == Approx(*gwet_ac(t).value).epsilon(1e-12));
    CHECK(*percent_agreement(m).value == Approx(*percent_agreement(t).value).epsilon(1e-12));
    CHECK(*brennan_prediger(m).se == Approx(*brennan_prediger(t).se).epsilon(1e-12));
    RatingTable two = gwet_abstractors();
    const Estimate before = cohen_kappa(two);
    two.add_unit("empty", {Rating{}, Rating{}});
    CHECK(*cohen_kappa(two).value == Approx(*before.value).epsilon(1e-12));
    CHECK(*cohen_kappa(two).se == Approx(*before.se).epsilon(1e-12));
}

TEST_CASE("stats: ordinal alpha on labels follows the declared order, not the label text",
          "[stats]")
{
    // Ordinal differences use ranks only, so labels declared in the order 1..5 must give
    // Krippendorff's (2011) ordinal 0.815; declaring them in another order changes the value.
    const RatingTable numeric = krippendorff_2011();
    auto relabel = [&](const std::vector<std::string>& order)
    {
        RatingTable t(numeric.coders(), order);
        for (int u = 0; u < numeric.n_units(); ++u)
        {
            std::vector<Rating> row;
            for (int c = 0; c < numeric.n_coders(); ++c)
            {
                const Rating& r = numeric.at(u, c);
                if (!r)
                {
                    row.emplace_back();
                    continue;
                }
                const std::string label = std::string(1, static_cast<char>('a' + *r - 1));
                const auto pos = std::find(order.begin(), order.end(), label) - order.begin();
                row.emplace_back(static_cast<double>(pos));
            }
            t.add_unit(numeric.unit_ids()[static_cast<std::size_t>(u)], row);
        }
        return t;
    };
    const RatingTable in_order = relabel({"a", "b", "c", "d", "e"});
    CHECK(*krippendorff_alpha(in_order, Level::Ordinal).value == Approx(0.815).margin(0.0005));
    const RatingTable shuffled = relabel({"c", "a", "e", "b", "d"});
    CHECK(*krippendorff_alpha(shuffled, Level::Ordinal).value != Approx(0.815).margin(0.0005));
    // Nominal alpha does not care about the order.
    CHECK(*krippendorff_alpha(shuffled, Level::Nominal).value == Approx(0.743).margin(0.0005));
}

TEST_CASE("stats: undefined cases are null values with a reason, not NaN", "[stats]")
{
    const RatingTable one_coder = make_table({{1}, {2}}, {"a", "b"});
    const Estimate a = krippendorff_alpha(one_coder, Level::Nominal);
    CHECK_FALSE(a.value);
    CHECK(a.reason == "fewer than 2 coders");
    CHECK(fleiss_kappa(one_coder).reason == "fewer than 2 coders");

    const RatingTable unpaired = make_table({{1, 0}, {0, 2}}, {"a", "b"}, 0.0);
    CHECK(krippendorff_alpha(unpaired, Level::Nominal).reason ==
          "no pairable unit (no unit has at least 2 ratings)");
    CHECK(cohen_kappa(unpaired).reason == "no unit was rated by both coders");
    CHECK(fleiss_kappa(unpaired).reason == "no unit was rated by at least 2 coders");

    const RatingTable same = make_table({{1, 1}, {1, 1}, {1, 1}}, {"a", "b"});
    const Estimate k = cohen_kappa(same);
    CHECK_FALSE(k.value);
    CHECK(k.reason.find("no variation") == 0);
    CHECK_FALSE(fleiss_kappa(same).value);
    CHECK_FALSE(krippendorff_alpha(same, Level::Nominal).value);
    CHECK(krippendorff_alpha(same, Level::Nominal).reason.find("no variation") == 0);
    // AC1 and Brennan-Prediger stay defined: their chance agreement is not 1.
    CHECK(*gwet_ac(same).value == Approx(1.0));
    CHECK(*brennan_prediger(same).value == Approx(1.0));
    CHECK(*percent_agreement(same).value == Approx(1.0));

    const RatingTable three = make_table({{1, 1, 1}}, {"a"});
    CHECK(cohen_kappa(three).reason == "Cohen's kappa needs exactly 2 coders");
    CHECK(scott_pi(three).reason == "Scott's pi needs exactly 2 coders");
}

TEST_CASE("stats: a table with an undeclared category index fails validation", "[stats]")
{
    RatingTable t({"a", "b"}, {"x", "y"});
    t.add_unit("u1", {0.0, 2.0});
    CHECK(t.validate() == "unit 'u1', coder 'b': category index 2 is not declared (2 categories)");
}

namespace
{

// The distinct rows of `t` (in the order they first occur) with how many units have each.
RepeatedRows grouped(const RatingTable& t)
{
    RepeatedRows out{RatingTable(t.coders(), t.categories(), t.category_values()), {}};
    std::map<std::vector<Rating>, std::size_t> index;
    for (int u = 0; u < t.n_units(); ++u)
    {
        std::vector<Rating> row;
        for (int c = 0; c < t.n_coders(); ++c)
            row.push_back(t.at(u, c));
        const auto [it, fresh] = index.emplace(row, out.repeat.size());
        if (fresh)
        {
            out.rows.add_unit("r" + std::to_string(out.repeat.size()), row);
            out.repeat.push_back(1);
        }
        else
            ++out.repeat[it->second];
    }
    return out;
}

// Every field of two estimates alike, numbers to `epsilon` relative.
void check_alike(const Estimate& a, const Estimate& b, double epsilon)
{
    CHECK(a.metric == b.metric);
    CHECK(a.n_units == b.n_units);
    CHECK(a.n_dropped == b.n_dropped);
    CHECK(a.n_coders == b.n_coders);
    CHECK(a.reason == b.reason);
    CHECK(a.note == b.note);
    CHECK(a.ci_method == b.ci_method);
    for (const auto& [x, y] : {std::pair{a.value, b.value},
                               {a.se, b.se},
                               {a.ci_low, b.ci_low},
                               {a.ci_high, b.ci_high},
                               {a.se0, b.se0},
                               {a.observed, b.observed},
                               {a.expected, b.expected}})
    {
        REQUIRE(x.has_value() == y.has_value());
        if (x)
            CHECK(*x == Approx(*y).epsilon(epsilon).margin(epsilon));
    }
}

} // namespace

TEST_CASE("stats: kappa of repeated rows gives the published values of the expanded tables",
          "[stats]")
{
    // Fleiss (1971): 30 patients x 6 raters, kappa = .430 (as above), from its distinct rows.
    const RepeatedRows f = grouped(fleiss_1971());
    REQUIRE(f.rows.n_units() < 30);
    const Estimate fk = fleiss_kappa(f);
    REQUIRE(fk.value);
    CHECK(*fk.value == Approx(0.4302445).margin(1e-6));
    REQUIRE(fk.se0);
    CHECK(*fk.value / *fk.se0 == Approx(17.65183).margin(1e-4));
    CHECK(fk.n_units == 30);

    // Gwet (2014) abstractors, 100 units of 2 coders in 5 distinct rows: Cohen's kappa and
    // its standard error as above.
    const RepeatedRows g = grouped(gwet_abstractors());
    REQUIRE(g.rows.n_units() == 5);
    const Estimate ck = cohen_kappa(g);
    REQUIRE(ck.value);
    CHECK(*ck.value == Approx(0.7964094).margin(1e-7));
    CHECK(*ck.se == Approx(0.05891072).margin(1e-7));
    CHECK(ck.n_units == 100);

    // Krippendorff's (2011) table with missing ratings: irrCAC's fleiss.kappa.raw 0.76117,
    // se 0.15302 (as above); the unit rated once is dropped as in the expanded table.
    const Estimate km = fleiss_kappa(grouped(krippendorff_2011()));
    REQUIRE(km.value);
    CHECK(*km.value == Approx(0.76117).margin(5e-6));
    CHECK(*km.se == Approx(0.15302).margin(5e-6));
    CHECK(km.n_units == 11);
}

TEST_CASE("stats: kappa of repeated rows equals the expanded table's on random tables, and to "
          "the bit when every row is once",
          "[stats]")
{
    std::mt19937 rng(20261203);
    for (int round = 0; round < 300; ++round)
    {
        const int coders = 2 + static_cast<int>(rng() % 4);
        const int q = 2 + static_cast<int>(rng() % 3);
        const int units = 1 + static_cast<int>(rng() % 60);
        const bool gaps = round % 3 == 0;
        std::vector<std::string> names;
        for (int c = 0; c < coders; ++c)
            names.push_back("c" + std::to_string(c));
        std::vector<std::string> categories;
        for (int k = 0; k < q; ++k)
            categories.push_back("k" + std::to_string(k));
        RatingTable t(names, categories);
        for (int u = 0; u < units; ++u)
        {
            std::vector<Rating> row;
            for (int c = 0; c < coders; ++c)
                row.push_back(gaps && rng() % 4 == 0 ? Rating{}
                                                     : Rating{static_cast<double>(rng() % q)});
            t.add_unit("u" + std::to_string(u), row);
        }
        INFO("round " << round << ": " << units << " units, " << coders << " coders, q " << q);
        const RepeatedRows g = grouped(t);
        check_alike(fleiss_kappa(g), fleiss_kappa(t), 1e-10);
        const RepeatedRows once{t, std::vector<std::int64_t>(static_cast<std::size_t>(units), 1)};
        check_alike(fleiss_kappa(once), fleiss_kappa(t), 0.0);
        if (coders == 2)
        {
            check_alike(cohen_kappa(g), cohen_kappa(t), 1e-10);
            check_alike(cohen_kappa(once), cohen_kappa(t), 0.0);
        }
    }
}
