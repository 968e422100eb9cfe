// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/stats/detail.h"

#include <boost/math/distributions/fisher_f.hpp>
#include <boost/math/distributions/normal.hpp>
#include <boost/math/distributions/students_t.hpp>

#include <algorithm>
#include <cmath>
#include <sstream>

namespace attune::stats::detail
{

void bootstrap_interval(std::vector<double>& sample, Estimate& e)
{
    std::sort(sample.begin(), sample.end());
    auto percentile = [&](double p)
    {
        const double h = (static_cast<double>(sample.size()) - 1.0) * p;
        const auto lo = static_cast<std::size_t>(std::floor(h));
        const std::size_t hi = std::min(lo + 1, sample.size() - 1);
        return sample[lo] + (h - std::floor(h)) * (sample[hi] - sample[lo]);
    };
    e.ci_low = percentile(0.025);
    e.ci_high = percentile(0.975);
    double mean = 0.0;
    for (double a : sample)
        mean += a;
    mean /= static_cast<double>(sample.size());
    double ss = 0.0;
    for (double a : sample)
        ss += (a - mean) * (a - mean);
    if (sample.size() > 1)
        e.se = std::sqrt(ss / (static_cast<double>(sample.size()) - 1.0));
}

Categorized categorize(const RatingTable& table)
{
    Categorized out;
    const auto& cells = table.cells();
    out.codes.resize(cells.size(), -1);
    if (table.categorical())
    {
        out.q = static_cast<int>(table.categories().size());
        out.values.resize(static_cast<std::size_t>(out.q));
        for (int i = 0; i < out.q; ++i)
            out.values[static_cast<std::size_t>(i)] = table.value_of(i);
        for (std::size_t i = 0; i < cells.size(); ++i)
            if (cells[i])
                out.codes[i] = static_cast<int>(*cells[i]);
        return out;
    }
    // A numeric table's categories are its distinct values, ascending: the default order the
    // CLI documents (numeric order for numbers).
    for (const Rating& r : cells)
        if (r)
            out.values.push_back(*r);
    std::sort(out.values.begin(), out.values.end());
    out.values.erase(std::unique(out.values.begin(), out.values.end()), out.values.end());
    out.q = static_cast<int>(out.values.size());
    for (std::size_t i = 0; i < cells.size(); ++i)
        if (cells[i])
            out.codes[i] =
                static_cast<int>(std::lower_bound(out.values.begin(), out.values.end(), *cells[i]) -
                                 out.values.begin());
    return out;
}

RatingTable as_categorical(const RatingTable& table)
{
    if (table.categorical())
        return table;
    const Categorized cat = categorize(table);
    std::vector<std::string> labels;
    for (double v : cat.values)
    {
        std::ostringstream s;
        s << v;
        labels.push_back(s.str());
    }
    RatingTable out(table.coders(), std::move(labels), cat.values);
    out.reserve(static_cast<std::size_t>(table.n_units()));
    const int coders = table.n_coders();
    std::vector<Rating> row(static_cast<std::size_t>(coders));
    for (int u = 0; u < table.n_units(); ++u)
    {
        for (int c = 0; c < coders; ++c)
        {
            const int code = cat.code(u, c, coders);
            row[static_cast<std::size_t>(c)] =
                code < 0 ? Rating{} : Rating{static_cast<double>(code)};
        }
        out.add_unit(table.unit_ids()[static_cast<std::size_t>(u)], row);
    }
    return out;
}

Estimate finite_or_undefined(Estimate e)
{
    const auto bad = [](const std::optional<double>& v) { return v && !std::isfinite(*v); };
    if (bad(e.value))
    {
        e.value.reset();
        e.se.reset();
        e.ci_low.reset();
        e.ci_high.reset();
        e.se0.reset();
        e.ci_method.clear();
        e.reason = "an intermediate result overflowed (ratings too large for double "
                   "arithmetic; rescale them)";
    }
    bool dropped = false;
    for (std::optional<double>* v :
         {&e.se, &e.ci_low, &e.ci_high, &e.se0, &e.observed, &e.expected})
        if (bad(*v))
        {
            v->reset();
            dropped = true;
        }
    if (!e.ci_low || !e.ci_high)
    {
        e.ci_low.reset();
        e.ci_high.reset();
        e.ci_method.clear();
    }
    if (dropped && e.value)
    {
        const std::string n = "standard error, interval or D_o/D_e left out: an intermediate "
                              "result overflowed";
        e.note = e.note.empty() ? n : e.note + "; " + n;
    }
    return e;
}

double z_975()
{
    static const double z =
        boost::math::quantile(boost::math::normal_distribution<double>(), 0.975);
    return z;
}

// Gwet (2014) builds intervals with Student's t on n - 1 df; Boost gives exact quantiles.
double t_quantile_975(int df)
{
    return boost::math::quantile(boost::math::students_t_distribution<double>(df), 0.975);
}

double f_quantile_975(double df1, double df2)
{
    // Boost throws for degrees of freedom that are not positive and finite; such an F has no
    // quantile, and its bound is left out, not an error.
    if (!(df1 > 0.0 && df2 > 0.0 && std::isfinite(df1) && std::isfinite(df2)))
        return std::numeric_limits<double>::quiet_NaN();
    return boost::math::quantile(boost::math::fisher_f_distribution<double>(df1, df2), 0.975);
}

} // namespace attune::stats::detail
