// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <optional>
#include <string>
#include <utility>

namespace attune::stats
{

/// The result of one agreement statistic. `value` is nullopt exactly when the statistic is
/// undefined for the data (fewer than 2 coders, no pairable unit, no variation, ...); `reason`
/// then says why in a short English phrase. Never NaN or infinite.
struct Estimate
{
    std::string metric;             ///< e.g. "cohen-kappa", "krippendorff-alpha", "icc"
    std::optional<double> value;    ///< the coefficient, or nullopt when undefined
    std::string reason;             ///< why value is nullopt (empty otherwise)
    std::optional<double> se;       ///< standard error, where the literature defines one
    std::optional<double> ci_low;   ///< lower bound of the two-sided 95 % CI, where defined
    std::optional<double> ci_high;  ///< upper bound of the two-sided 95 % CI, where defined
    std::optional<double> se0;      ///< SE under H0 "no agreement beyond chance" (Cohen, Fleiss)
    std::optional<double> observed; ///< p_o / p_a (agreement) or D_o (alpha: disagreement)
    std::optional<double> expected; ///< p_e (chance agreement) or D_e (alpha: disagreement)
    int n_units = 0;       ///< units that entered the computation (after dropping unusable ones)
    int n_coders = 0;      ///< coders (columns) in the table
    int n_dropped = 0;     ///< units dropped: fewer than 2 ratings, or incomplete rows (ICC)
    std::string ci_method; ///< how ci_low/ci_high were obtained, e.g. "bootstrap 1000, seed 7"
    std::string note;      ///< anything a reader must know (e.g. "listwise deletion: 2 units")

    /// An undefined estimate with its reason.
    static Estimate undefined(std::string metric, std::string reason, int n_units, int n_coders)
    {
        Estimate e;
        e.metric = std::move(metric);
        e.reason = std::move(reason);
        e.n_units = n_units;
        e.n_coders = n_coders;
        return e;
    }
};

} // namespace attune::stats
