// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/highlight_lanes.h"

#include <algorithm>
#include <numeric>

namespace attune::app
{

std::vector<int> assign_lanes(const std::vector<LaneSpan>& spans, int max_lanes)
{
    std::vector<std::size_t> order(spans.size());
    std::iota(order.begin(), order.end(), std::size_t{0});
    // Longer spans first at equal starts, so a short span nested in a long one goes deeper and
    // stays visible on top of it.
    std::sort(order.begin(), order.end(),
              [&](std::size_t a, std::size_t b)
              {
                  if (spans[a].start != spans[b].start)
                      return spans[a].start < spans[b].start;
                  return spans[a].end > spans[b].end;
              });
    std::vector<int> lanes(spans.size(), 0);
    std::vector<std::int64_t> lane_end; // where each lane becomes free again
    for (std::size_t i : order)
    {
        std::size_t lane = 0;
        while (lane < lane_end.size() && lane_end[lane] > spans[i].start)
            ++lane;
        if (lane == lane_end.size())
            lane_end.push_back(spans[i].end);
        else
            lane_end[lane] = spans[i].end;
        lanes[i] = std::min(static_cast<int>(lane), std::max(max_lanes, 1) - 1);
    }
    return lanes;
}

} // namespace attune::app
