// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <vector>

namespace attune::app
{

/// A half-open span [start, end) in any unit.
struct LaneSpan
{
    std::int64_t start = 0;
    std::int64_t end = 0;
};

/// Assigns each span the lowest lane free over its whole extent (interval-graph colouring), so
/// overlapping annotations land on different lanes and stay visible. Spans need not be sorted;
/// the result is parallel to the input. Lanes at or beyond `max_lanes` are folded onto the
/// deepest lane (they still show, stacked with another span).
std::vector<int> assign_lanes(const std::vector<LaneSpan>& spans, int max_lanes);

} // namespace attune::app
