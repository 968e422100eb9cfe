// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Agreement statistics for categorical and ordinal ratings (table mode). Formulas, citations and
// the handling of missing data: docs/agreement.md "## Table mode".
//
// All functions are pure: a RatingTable in, an Estimate out. Preconditions: table.validate() is
// empty and a WeightMatrix has q = category_count(table) rows (broken preconditions assert).
// Undefined cases come back as Estimate::value == nullopt with a reason, never as NaN.

#include "core/base/result.h"
#include "core/stats/estimate.h"
#include "core/stats/rating_table.h"

#include <cstdint>
#include <vector>

namespace attune::stats
{

/// Kinds of agreement weights between categories at 0-based positions i, j of q categories.
enum class WeightKind
{
    None,      ///< identity: 1 on the diagonal, 0 elsewhere (unweighted)
    Linear,    ///< 1 − |i−j|/(q−1)
    Quadratic, ///< 1 − (i−j)²/(q−1)²
    Custom,    ///< a user-given matrix
};

/// A q × q matrix of agreement weights (1 on the diagonal, values in [0,1]), row-major.
/// Rows belong to the first coder (matters only for an asymmetric custom matrix and Cohen's kappa).
struct WeightMatrix
{
    WeightKind kind = WeightKind::None;
    int q = 0;
    std::vector<double> w; ///< q*q entries

    double operator()(int i, int j) const
    {
        return w[static_cast<std::size_t>(i) * static_cast<std::size_t>(q) +
                 static_cast<std::size_t>(j)];
    }
    /// True when every off-diagonal weight is 0 (unweighted).
    bool identity() const;
};

/// The standard weights for q categories (kind must not be Custom).
WeightMatrix make_weights(WeightKind kind, int q);

/// Checks a custom matrix: q rows of q values, 1 on the diagonal, every value in [0,1].
/// Errors: ErrorCode::InvalidArgument naming the offending row/column (1-based).
[[nodiscard]] Result<WeightMatrix> make_custom_weights(const std::vector<std::vector<double>>& rows,
                                                       int q);

/// Number of categories the categorical metrics use: the declared categories, or for a numeric
/// table the number of distinct values.
int category_count(const RatingTable& table);

/// Percent agreement: the mean over units with ≥ 2 ratings of the (weighted) share of agreeing
/// rater pairs (Fleiss' P̄, Gwet's p_a). SE per Gwet (2014).
Estimate percent_agreement(const RatingTable& table, const WeightMatrix* weights = nullptr);

/// Cohen's kappa for exactly 2 coders (units rated by both), unweighted or weighted; SE and
/// 95 % CI from the large-sample variance of Fleiss, Cohen & Everitt (1969); se0 under H0.
Estimate cohen_kappa(const RatingTable& table, const WeightMatrix* weights = nullptr);

/// Scott's pi (1955) for exactly 2 coders (units rated by both); weighted form per Gwet (2014).
/// SE per Gwet (2014) (Scott's pi is Fleiss' kappa for two raters).
Estimate scott_pi(const RatingTable& table, const WeightMatrix* weights = nullptr);

/// Fleiss' kappa (1971) for any number of coders, missing data per Gwet (2014): p_a over units
/// with ≥ 2 ratings, category shares over units with ≥ 1. se/CI per Gwet (2014);
/// se0 (complete data, constant raters per unit only) per Fleiss, Nee & Landis (1979).
Estimate fleiss_kappa(const RatingTable& table, const WeightMatrix* weights = nullptr);

/// A table given once per distinct row: row u of `rows` stands for `repeat[u]` (> 0) units
/// rated alike. Code presence per speaker turn has 100,000 turns to a scheme and at most
/// 2^coders distinct rows; the estimates below take time in the distinct rows only.
struct RepeatedRows
{
    RatingTable rows;
    std::vector<std::int64_t> repeat;
};

/// cohen_kappa and fleiss_kappa of the table with every row of `t.rows` written `t.repeat[u]`
/// times: the same formulas, each unit's terms summed with its multiplicity (equal to the
/// expanded table's to rounding; with every repeat 1, to the bit).
Estimate cohen_kappa(const RepeatedRows& t, const WeightMatrix* weights = nullptr);
Estimate fleiss_kappa(const RepeatedRows& t, const WeightMatrix* weights = nullptr);

/// Gwet's AC1 (weights == nullptr or identity) or AC2 (weighted), any number of coders, with SE
/// and CI per Gwet (2014, 2008).
Estimate gwet_ac(const RatingTable& table, const WeightMatrix* weights = nullptr);

/// Brennan & Prediger (1981) coefficient, q = number of declared categories; SE per Gwet (2014).
Estimate brennan_prediger(const RatingTable& table, const WeightMatrix* weights = nullptr);

/// Levels of measurement of Krippendorff's alpha.
enum class Level
{
    Nominal,
    Ordinal,  ///< ranks follow the declared category order (numeric order for numeric tables)
    Interval, ///< uses the numeric value of each category
    Ratio,    ///< uses the numeric value of each category (must be ≥ 0)
};

/// Bootstrap settings for Krippendorff's alpha. resamples == 0: no bootstrap.
struct BootstrapOptions
{
    int resamples = 0;
    std::uint64_t seed = 1;
};

/// Krippendorff's alpha (coincidence-matrix form, Krippendorff 2011) at the given level; units
/// with fewer than 2 ratings are unpairable and dropped. observed = D_o, expected = D_e. With
/// bootstrap.resamples > 0, ci_low/ci_high are the 2.5 % / 97.5 % percentiles of the bootstrap
/// distribution of Hayes & Krippendorff (2007), reproducible for a given seed.
Estimate krippendorff_alpha(const RatingTable& table, Level level,
                            const BootstrapOptions& bootstrap = {});

} // namespace attune::stats
