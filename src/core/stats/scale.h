// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Agreement on numeric scales (table mode): ICC, correlations, absolute differences.
// Cells are read through RatingTable::value_of (category values for a categorical table).
// Formulas, citations and missing-data handling: docs/agreement.md "## Table mode".

#include "core/stats/estimate.h"
#include "core/stats/rating_table.h"

namespace attune::stats
{

/// The six Shrout & Fleiss (1979) forms. McGraw & Wong (1996) names: ICC(1,·) = ICC(1)/ICC(k);
/// ICC(2,·) = ICC(A,1)/ICC(A,k) (two-way random, absolute agreement); ICC(3,·) = ICC(C,1)/ICC(C,k)
/// (two-way mixed, consistency).
enum class IccForm
{
    One1,   ///< ICC(1,1): one-way random, single rater
    Two1,   ///< ICC(2,1): two-way random, absolute agreement, single rater
    Three1, ///< ICC(3,1): two-way mixed, consistency, single rater
    OneK,   ///< ICC(1,k): mean of k raters
    TwoK,   ///< ICC(2,k)
    ThreeK, ///< ICC(3,k)
};

/// "1,1", "2,1", "3,1", "1,k", "2,k", "3,k".
const char* to_string(IccForm form) noexcept;

/// ICC in the given form with a two-sided 95 % CI from the F distribution (Boost.Math).
/// ICC(2,·) uses McGraw & Wong's (1996) Satterthwaite interval. Needs complete rows: units with
/// any missing rating are dropped (listwise; n_dropped and note say how many).
/// observed/expected are unused; `note` also carries MSR, MSC, MSE, MSW.
Estimate icc(const RatingTable& table, IccForm form);

/// Pearson's r for exactly 2 coders over units rated by both; 95 % CI by Fisher's z.
Estimate pearson(const RatingTable& table);

/// Spearman's rho (Pearson on mid-ranks, ties averaged) for 2 coders over units rated by both;
/// 95 % CI by Fisher's z with SE sqrt(1.06/(n−3)) (Fieller, Hartley & Pearson 1957).
Estimate spearman(const RatingTable& table);

/// Mean absolute difference over all rater pairs within units (any number of coders; a unit
/// with m ratings contributes its m(m−1)/2 pairs).
Estimate mean_absolute_difference(const RatingTable& table);

/// Share of rating pairs (as above) whose absolute difference is ≤ tolerance (+1e-9), e.g. 0.5
/// or 1 scale point.
Estimate share_within(const RatingTable& table, double tolerance);

} // namespace attune::stats
