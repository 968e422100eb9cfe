// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/stats/estimate.h"

namespace attune::stats
{

/// The share `agree` of `n` (e.g. units two coders labelled alike, percent agreement of a pair)
/// with the Wilson score 95 % interval (Wilson 1927; Newcombe 1998, method 3), which stays
/// inside [0, 1] and is sound for small n and shares near 0 or 1. Undefined for n = 0.
/// Precondition: 0 <= agree <= n.
Estimate proportion_wilson(int agree, int n, const char* metric = "percent-agreement");

} // namespace attune::stats
