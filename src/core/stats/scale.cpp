// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/stats/scale.h"

#include "core/base/error.h"
#include "core/stats/detail.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <sstream>
#include <vector>

namespace attune::stats
{

const char* to_string(IccForm form) noexcept
{
    switch (form)
    {
    case IccForm::One1: return "1,1";
    case IccForm::Two1: return "2,1";
    case IccForm::Three1: return "3,1";
    case IccForm::OneK: return "1,k";
    case IccForm::TwoK: return "2,k";
    case IccForm::ThreeK: return "3,k";
    }
    return "?";
}

static Estimate icc_unchecked(const RatingTable& table, IccForm form)
{
    const int k = table.n_coders();
    Estimate e;
    e.metric = "icc";
    e.n_coders = k;
    if (k < 2)
    {
        e.reason = "fewer than 2 coders";
        return e;
    }
    // Listwise deletion: the ANOVA needs a complete targets × judges layout.
    const auto uk = static_cast<std::size_t>(k);
    std::vector<double> x;
    x.reserve(table.cells().size());
    int n = 0;
    for (int u = 0; u < table.n_units(); ++u)
    {
        bool complete = true;
        for (int c = 0; c < k && complete; ++c)
            complete = table.at(u, c).has_value();
        if (!complete)
            continue;
        for (int c = 0; c < k; ++c)
            x.push_back(table.value_of(*table.at(u, c)));
        ++n;
    }
    e.n_units = n;
    e.n_dropped = table.n_units() - n;
    if (e.n_dropped > 0)
        e.note = "listwise deletion: " + std::to_string(e.n_dropped) +
                 " unit(s) with a missing rating left out";
    if (n < 2)
    {
        e.reason = "fewer than 2 units rated by every coder";
        return e;
    }

    // Two-way ANOVA sums of squares (Shrout & Fleiss 1979, Table 1), with means subtracted
    // first for numerical stability on large tables.
    double grand = 0.0;
    for (double v : x)
        grand += v;
    grand /= static_cast<double>(x.size());
    std::vector<double> row_mean(static_cast<std::size_t>(n), 0.0);
    std::vector<double> col_mean(uk, 0.0);
    double ss_total = 0.0;
    for (std::size_t i = 0; i < static_cast<std::size_t>(n); ++i)
        for (std::size_t j = 0; j < uk; ++j)
        {
            const double d = x[i * uk + j] - grand;
            row_mean[i] += d;
            col_mean[j] += d;
            ss_total += d * d;
        }
    double ss_rows = 0.0;
    for (double& r : row_mean)
    {
        r /= k;
        ss_rows += r * r;
    }
    ss_rows *= k;
    double ss_cols = 0.0;
    for (double& c : col_mean)
    {
        c /= n;
        ss_cols += c * c;
    }
    ss_cols *= n;
    // Rounding can make the residual a hair below zero on perfect data; a negative SS is
    // meaningless.
    const double ss_err = std::max(0.0, ss_total - ss_rows - ss_cols);
    const double dn = n;
    const double dk = k;
    const double msr = ss_rows / (dn - 1.0);
    const double msc = ss_cols / (dk - 1.0);
    const double mse = ss_err / ((dn - 1.0) * (dk - 1.0));
    // One-way ANOVA has no judge effect, so its within-target mean square pools judges and error.
    const double msw = (ss_cols + ss_err) / (dn * (dk - 1.0));
    {
        std::ostringstream s;
        s.precision(6);
        s << (e.note.empty() ? "" : "; ") << "MSR=" << msr << " MSC=" << msc << " MSE=" << mse
          << " MSW=" << msw;
        e.note += s.str();
    }
    e.metric = std::string("icc(") + to_string(form) + ")";
    if (!(msr > 0.0) && !(msw > 0.0))
    {
        e.reason = "no variation: every rating is the same";
        return e;
    }

    // Degrees of freedom of MSR, MSE and MSW (Shrout & Fleiss 1979, Table 1).
    const double df_r = dn - 1.0;
    const double df_e = (dn - 1.0) * (dk - 1.0);
    const double df_w = dn * (dk - 1.0);
    const bool single = form == IccForm::One1 || form == IccForm::Two1 || form == IccForm::Three1;
    double value = 0.0;
    double lo = 0.0;
    double hi = 0.0;
    bool have_ci = true;
    // Denominators can vanish with no between-target variation; such cases become reasons, not NaN.
    auto guard = [](double denom) { return std::abs(denom) > 1e-300; };

    switch (form)
    {
    case IccForm::One1:
    case IccForm::OneK:
    case IccForm::Three1:
    case IccForm::ThreeK:
    {
        // One-way (ICC 1) compares MSR with MSW; two-way mixed consistency (ICC 3) with MSE.
        const bool one = form == IccForm::One1 || form == IccForm::OneK;
        const double ms = one ? msw : mse;
        const double df2 = one ? df_w : df_e;
        // The single-rater form divides by MSR + (k-1)·MS, the average one by MSR alone: with
        // every target of the same mean (MSR = 0) the first is still defined (-1/(k-1) at most).
        const double denom = single ? msr + (dk - 1.0) * ms : msr;
        if (!guard(denom))
        {
            e.reason = single ? "no variation (the denominator MSR + (k-1)MS is 0)"
                              : "no variation between units (MSR = 0)";
            return e;
        }
        value = (msr - ms) / denom;
        if (ms > 0.0)
        {
            // McGraw & Wong (1996) Table 7, cases 1 and 3: F = MSR / MS, exact F bounds.
            const double f0 = msr / ms;
            const double fl = f0 / detail::f_quantile_975(df_r, df2);
            const double fu = f0 * detail::f_quantile_975(df2, df_r);
            if (single)
            {
                lo = (fl - 1.0) / (fl + dk - 1.0);
                hi = (fu - 1.0) / (fu + dk - 1.0);
            }
            else
            {
                lo = 1.0 - 1.0 / fl;
                hi = 1.0 - 1.0 / fu;
            }
            e.ci_method = "F distribution (Shrout & Fleiss 1979; McGraw & Wong 1996)";
        }
        else
            have_ci = false;
        break;
    }
    case IccForm::Two1:
    case IccForm::TwoK:
    {
        const double denom1 = msr + (dk - 1.0) * mse + dk * (msc - mse) / dn;
        const double denomk = msr + (msc - mse) / dn;
        if (!guard(single ? denom1 : denomk))
        {
            e.reason = "no variation (ICC(2) denominator is 0)";
            return e;
        }
        value = single ? (msr - mse) / denom1 : (msr - mse) / denomk;
        // McGraw & Wong (1996) Table 7 case 2A: Satterthwaite's approximate df for the
        // denominator mean square, computed from the single-rater estimate; the average-rater
        // bounds are the Spearman-Brown step-up of the single-rater bounds.
        const double r1 = (msr - mse) / denom1;
        const double a = dk * r1 / (dn * (1.0 - r1));
        const double b = 1.0 + dk * r1 * (dn - 1.0) / (dn * (1.0 - r1));
        const double num = (a * msc + b * mse) * (a * msc + b * mse);
        const double den = (a * msc) * (a * msc) / (dk - 1.0) + (b * mse) * (b * mse) / df_e;
        const double v = num / den;
        // Satterthwaite's df is 0 when a·MSC + b·MSE vanishes, as when every target has the
        // same mean (MSR = 0) and r1 = -MSE/MSC: no F, no interval.
        if (mse > 0.0 && r1 < 1.0 && v > 0.0 && std::isfinite(v))
        {
            const double fs = detail::f_quantile_975(df_r, v);
            const double fss = detail::f_quantile_975(v, df_r);
            const double l1 =
                dn * (msr - fs * mse) / (fs * (dk * msc + (dk * dn - dk - dn) * mse) + dn * msr);
            const double u1 =
                dn * (fss * msr - mse) / (dk * msc + (dk * dn - dk - dn) * mse + dn * fss * msr);
            if (single)
            {
                lo = l1;
                hi = u1;
            }
            else
            {
                lo = dk * l1 / (1.0 + (dk - 1.0) * l1);
                hi = dk * u1 / (1.0 + (dk - 1.0) * u1);
            }
            std::ostringstream s;
            s.precision(6);
            s << "F distribution with Satterthwaite df " << v << " (McGraw & Wong 1996, case 2A)";
            e.ci_method = s.str();
        }
        else
            have_ci = false;
        break;
    }
    }
    // Last line of defence: nothing non-finite may leave this function as a value.
    if (!std::isfinite(value))
    {
        e.reason = "not defined for this data";
        return e;
    }
    e.value = value;
    if (have_ci && std::isfinite(lo) && std::isfinite(hi))
    {
        e.ci_low = lo;
        e.ci_high = hi;
    }
    return e;
}

namespace
{

// The pairs (x, y) of two coders' values over units rated by both.
struct Paired
{
    std::vector<double> x;
    std::vector<double> y;
};

// Correlations need pairs, so a unit missing either rating is left out (pairwise complete).
Paired paired(const RatingTable& table)
{
    Paired p;
    for (int u = 0; u < table.n_units(); ++u)
        if (table.at(u, 0) && table.at(u, 1))
        {
            p.x.push_back(table.value_of(*table.at(u, 0)));
            p.y.push_back(table.value_of(*table.at(u, 1)));
        }
    return p;
}

std::optional<double> correlation(const std::vector<double>& x, const std::vector<double>& y)
{
    const double n = static_cast<double>(x.size());
    const double mx = std::accumulate(x.begin(), x.end(), 0.0) / n;
    const double my = std::accumulate(y.begin(), y.end(), 0.0) / n;
    double sxx = 0.0;
    double syy = 0.0;
    double sxy = 0.0;
    for (std::size_t i = 0; i < x.size(); ++i)
    {
        sxx += (x[i] - mx) * (x[i] - mx);
        syy += (y[i] - my) * (y[i] - my);
        sxy += (x[i] - mx) * (y[i] - my);
    }
    // A constant coder has no variance: r is 0/0, reported by the caller as no variation.
    if (!(sxx > 0.0) || !(syy > 0.0))
        return std::nullopt;
    // Rounding can push |r| a few ulps past 1, which would make atanh() infinite.
    return std::clamp(sxy / std::sqrt(sxx * syy), -1.0, 1.0);
}

// Mid-ranks (ties get the mean of their ranks), 1-based.
std::vector<double> ranks(const std::vector<double>& v)
{
    std::vector<std::size_t> order(v.size());
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::sort(order.begin(), order.end(),
              [&](std::size_t a, std::size_t b) { return v[a] < v[b]; });
    std::vector<double> r(v.size());
    for (std::size_t i = 0; i < order.size();)
    {
        std::size_t j = i;
        while (j + 1 < order.size() && v[order[j + 1]] == v[order[i]])
            ++j;
        const double mid = (static_cast<double>(i) + static_cast<double>(j)) / 2.0 + 1.0;
        for (std::size_t t = i; t <= j; ++t)
            r[order[t]] = mid;
        i = j + 1;
    }
    return r;
}

Estimate correlation_estimate(const RatingTable& table, bool rank, const char* metric)
{
    if (table.n_coders() != 2)
        return Estimate::undefined(metric, "needs exactly 2 coders", 0, table.n_coders());
    Paired p = paired(table);
    const int n = static_cast<int>(p.x.size());
    Estimate e;
    e.metric = metric;
    e.n_coders = 2;
    e.n_units = n;
    e.n_dropped = table.n_units() - n;
    if (n < 3)
    {
        e.reason = "fewer than 3 units rated by both coders";
        return e;
    }
    if (rank)
    {
        p.x = ranks(p.x);
        p.y = ranks(p.y);
    }
    const auto r = correlation(p.x, p.y);
    if (!r)
    {
        e.reason = "no variation: a coder gave every unit the same rating";
        return e;
    }
    e.value = *r;
    // Fisher's z needs n > 3 and |r| < 1 (atanh(1) is infinite); otherwise no interval.
    if (n > 3 && std::abs(*r) < 1.0)
    {
        // Fisher's z; Spearman's rho uses the variance 1.06/(n-3) of Fieller, Hartley &
        // Pearson (1957).
        const double se_z = std::sqrt((rank ? 1.06 : 1.0) / (n - 3.0));
        const double z = std::atanh(*r);
        e.ci_low = std::tanh(z - detail::z_975() * se_z);
        e.ci_high = std::tanh(z + detail::z_975() * se_z);
        e.ci_method = rank ? "Fisher z, var 1.06/(n-3) (Fieller, Hartley & Pearson 1957)"
                           : "Fisher z, var 1/(n-3)";
    }
    return e;
}

// Visits every pair of ratings within a unit: f(|a - b|).
// AAI studies report agreement per pair of ratings, so every pair in a unit counts once.
template <typename F> int for_each_pair(const RatingTable& table, F&& f, int& units_used)
{
    int pairs = 0;
    units_used = 0;
    const int k = table.n_coders();
    for (int u = 0; u < table.n_units(); ++u)
    {
        int m = 0;
        for (int a = 0; a < k; ++a)
        {
            if (!table.at(u, a))
                continue;
            ++m;
            for (int b = a + 1; b < k; ++b)
                if (table.at(u, b))
                {
                    f(std::abs(table.value_of(*table.at(u, a)) - table.value_of(*table.at(u, b))));
                    ++pairs;
                }
        }
        units_used += m >= 2 ? 1 : 0;
    }
    return pairs;
}

// The estimate of a statistic over for_each_pair's pairs, but for its value: the counts, and the
// reason when there is no pair to measure (then the caller returns it as it is).
Estimate over_pairs(const RatingTable& table, std::string metric, int units_used, int pairs)
{
    Estimate e;
    e.metric = std::move(metric);
    e.n_coders = table.n_coders();
    e.n_units = units_used;
    e.n_dropped = table.n_units() - units_used;
    if (pairs == 0)
        e.reason = "no unit was rated by at least 2 coders";
    return e;
}

} // namespace

static Estimate pearson_unchecked(const RatingTable& table)
{
    return correlation_estimate(table, false, "pearson");
}

static Estimate spearman_unchecked(const RatingTable& table)
{
    return correlation_estimate(table, true, "spearman");
}

static Estimate mean_absolute_difference_unchecked(const RatingTable& table)
{
    const char* metric = "mean-absolute-difference";
    if (table.n_coders() < 2)
        return Estimate::undefined(metric, "fewer than 2 coders", 0, table.n_coders());
    double sum = 0.0;
    int used = 0;
    const int pairs = for_each_pair(
        table, [&](double d) { sum += d; }, used);
    Estimate e = over_pairs(table, metric, used, pairs);
    if (pairs == 0)
        return e;
    e.value = sum / pairs;
    e.note = std::to_string(pairs) + " rating pairs";
    return e;
}

static Estimate share_within_unchecked(const RatingTable& table, double tolerance)
{
    std::ostringstream name;
    name << "within-" << tolerance;
    if (table.n_coders() < 2)
        return Estimate::undefined(name.str(), "fewer than 2 coders", 0, table.n_coders());
    int hits = 0;
    int used = 0;
    // The slack absorbs binary rounding of scale points like 0.5 steps written as decimals.
    const int pairs = for_each_pair(
        table, [&](double d) { hits += d <= tolerance + 1e-9 ? 1 : 0; }, used);
    Estimate e = over_pairs(table, name.str(), used, pairs);
    if (pairs == 0)
        return e;
    e.value = static_cast<double>(hits) / pairs;
    e.note = std::to_string(hits) + " of " + std::to_string(pairs) + " rating pairs";
    return e;
}

// Every public statistic passes through finite_or_undefined: huge ratings (1e308) overflow
// intermediate sums, and a NaN must never reach the output as a number.
Estimate icc(const RatingTable& table, IccForm form)
{
    return detail::finite_or_undefined(icc_unchecked(table, form));
}

Estimate pearson(const RatingTable& table)
{
    return detail::finite_or_undefined(pearson_unchecked(table));
}

Estimate spearman(const RatingTable& table)
{
    return detail::finite_or_undefined(spearman_unchecked(table));
}

Estimate mean_absolute_difference(const RatingTable& table)
{
    return detail::finite_or_undefined(mean_absolute_difference_unchecked(table));
}

Estimate share_within(const RatingTable& table, double tolerance)
{
    return detail::finite_or_undefined(share_within_unchecked(table, tolerance));
}

} // namespace attune::stats
