// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Internal helpers of the stats module (not part of its API).

#include "core/stats/estimate.h"
#include "core/stats/rating_table.h"

#include <cstdint>
#include <vector>

namespace attune::stats::detail
{

/// xoshiro256** seeded through splitmix64: a fixed, documented generator, so a seed gives the
/// same bootstrap on every platform (std:: distributions are implementation-defined).
class Rng
{
public:
    explicit Rng(std::uint64_t seed)
    {
        for (auto& s : m_s)
        {
            seed += 0x9e3779b97f4a7c15ULL;
            std::uint64_t z = seed;
            z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
            z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
            s = z ^ (z >> 31);
        }
    }
    std::uint64_t next()
    {
        const std::uint64_t result = rotl(m_s[1] * 5, 7) * 9;
        const std::uint64_t t = m_s[1] << 17;
        m_s[2] ^= m_s[0];
        m_s[3] ^= m_s[1];
        m_s[1] ^= m_s[2];
        m_s[0] ^= m_s[3];
        m_s[2] ^= t;
        m_s[3] = rotl(m_s[3], 45);
        return result;
    }
    /// Uniform in [0,1) with 53 random bits.
    double uniform() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }

private:
    static std::uint64_t rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
    std::uint64_t m_s[4]{};
};

/// Sets e.ci_low / e.ci_high to the 2.5 % / 97.5 % percentiles (type-7 interpolation, as R's
/// quantile default) and e.se to the standard deviation of a non-empty bootstrap sample (sorted
/// in place).
void bootstrap_interval(std::vector<double>& sample, Estimate& e);

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
