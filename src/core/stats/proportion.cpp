// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/stats/proportion.h"

#include "core/base/error.h"

#include <algorithm>
#include <cmath>

namespace attune::stats
{

Estimate proportion_wilson(int agree, int n, const char* metric)
{
    ATTUNE_ASSERT(agree >= 0 && agree <= n);
    if (n == 0)
        return Estimate::undefined(metric, "no unit labelled by both", 0, 2);
    Estimate e;
    e.metric = metric;
    e.n_units = n;
    e.n_coders = 2;
    const double z = 1.959963984540054; // z(0.975)
    const double p = static_cast<double>(agree) / n;
    const double nn = static_cast<double>(n);
    const double centre = (p + z * z / (2 * nn)) / (1 + z * z / nn);
    const double half = z / (1 + z * z / nn) * std::sqrt(p * (1 - p) / nn + z * z / (4 * nn * nn));
    e.value = p;
    e.observed = p;
    e.ci_low = std::max(0.0, centre - half);
    e.ci_high = std::min(1.0, centre + half);
    e.ci_method = "Wilson score interval";
    return e;
}

} // namespace attune::stats
