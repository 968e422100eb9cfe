// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Internal helpers of the stats module (not part of its API).

#include "core/stats/estimate.h"
#include "core/stats/rating_table.h"

#include <vector>

namespace attune::stats::detail
{

/// A table's cells as category codes 0..q-1 (-1 = missing) with each category's numeric value.
struct Categorized
{
    int q = 0;
    std::vector<double> values; ///< numeric value of each category
    std::vector<int> codes;     ///< units × coders, row-major

    int code(int unit, int coder, int coders) const
    {
        return codes[static_cast<std::size_t>(unit) * static_cast<std::size_t>(coders) +
                     static_cast<std::size_t>(coder)];
    }
};

/// Declared categories for a categorical table; distinct values in ascending order otherwise.
Categorized categorize(const RatingTable& table);

/// The same table as a categorical one (a categorical table is returned unchanged).
RatingTable as_categorical(const RatingTable& table);

/// `e` with every non-finite field removed: a NaN or infinite value makes the estimate undefined
/// ("an intermediate result overflowed"), a non-finite SE, bound, D_o or D_e is dropped (noted).
Estimate finite_or_undefined(Estimate e);

/// Quantiles used for 95 % intervals (Boost.Math).
double z_975();
double t_quantile_975(int df);
/// Upper 1 - alpha/2 quantile of F(df1, df2) for a two-sided 95 % interval.
double f_quantile_975(double df1, double df2);

} // namespace attune::stats::detail
