// SPDX-License-Identifier: GPL-3.0-or-later
// The Wilson score interval of a share (stats/proportion.h) against Newcombe's (1998) worked
// examples, method 3.
#include "core/stats/proportion.h"

#include <catch2/catch.hpp>

using namespace attune::stats;
using Catch::Matchers::WithinAbs;

TEST_CASE("proportion: Wilson interval matches Newcombe 1998", "[stats][proportion]")
{
    // Newcombe (1998), Table I: 81/263 -> 0.2553 to 0.3662; 15/148 -> 0.0624 to 0.1605;
    // 0/20 -> 0 to 0.1611; 1/29 -> 0.0061 to 0.1718.
    const struct
    {
        int r, n;
        double low, high;
    } cases[] = {{81, 263, 0.2553, 0.3662},
                 {15, 148, 0.0624, 0.1605},
                 {0, 20, 0.0, 0.1611},
                 {1, 29, 0.0061, 0.1718}};
    for (const auto& c : cases)
    {
        INFO(c.r << "/" << c.n);
        const Estimate e = proportion_wilson(c.r, c.n);
        REQUIRE(e.value);
        CHECK_THAT(*e.value, WithinAbs(static_cast<double>(c.r) / c.n, 1e-12));
        REQUIRE(e.ci_low);
        REQUIRE(e.ci_high);
        CHECK_THAT(*e.ci_low, WithinAbs(c.low, 5e-5));
        CHECK_THAT(*e.ci_high, WithinAbs(c.high, 5e-5));
        CHECK(e.n_units == c.n);
    }
    // All alike: the interval stays inside [0, 1] and below 1 at its low end.
    const Estimate all = proportion_wilson(8, 8);
    CHECK_THAT(*all.ci_high, WithinAbs(1.0, 1e-12));
    CHECK(*all.ci_low < 1.0);
    // Nothing to share: undefined, with the reason.
    const Estimate none = proportion_wilson(0, 0);
    CHECK_FALSE(none.value);
    CHECK(none.reason == "no unit labelled by both");
}
