// SPDX-License-Identifier: GPL-3.0-or-later
// Extreme inputs to the statistics: continua whose length overflows int64, ratings near 1e308.
#include "core/stats/agreement.h"
#include "core/stats/scale.h"
#include "core/stats/unitizing.h"

#include "stats_test_util.h"

#include <catch2/catch.hpp>

#include <cmath>
#include <limits>

using namespace attune;
using namespace attune::stats;

TEST_CASE("stats: a continuum whose length overflows int64 is refused, not alpha-u = 1", "[stats]")
{
    const std::int64_t lo = std::numeric_limits<std::int64_t>::min();
    const std::int64_t hi = std::numeric_limits<std::int64_t>::max();
    const auto bad = check_continuum(lo, hi);
    REQUIRE_FALSE(bad.ok());
    CHECK(bad.error().code == ErrorCode::InvalidArgument);
    CHECK_THAT(bad.error().message, Catch::Contains("18446744073709551615 code points long"));
    CHECK_FALSE(check_continuum(5, 5).ok());
    CHECK(check_continuum(-kMaxContinuumLength / 2, kMaxContinuumLength / 2).ok());

    const std::vector<CodedSpan> spans = {{0, "c", 0, 10}, {1, "c", 5, 15}};
    const auto r = unitizing_alpha(spans, 2, lo, hi);
    CHECK_FALSE(r.overall.value.has_value());
    CHECK_THAT(r.overall.reason, Catch::Contains("the limit is"));
    CHECK(unitizing_alpha(spans, 2, 0, 100).overall.value.has_value());
}

TEST_CASE("stats: ratings near 1e308 give undefined estimates with a reason, never NaN", "[stats]")
{
    const auto t =
        test::make_table({{1e308, -1e308}, {-1e308, 1e308}, {1e308, 1e308}, {0, -1e308}}, {}, -7.0);
    for (const Estimate& e : {krippendorff_alpha(t, Level::Interval), pearson(t), spearman(t),
                              icc(t, IccForm::TwoK), mean_absolute_difference(t)})
    {
        INFO(e.metric);
        if (e.value)
            CHECK(std::isfinite(*e.value));
        else
            CHECK_FALSE(e.reason.empty());
        for (const auto& v : {e.se, e.ci_low, e.ci_high, e.observed, e.expected})
            CHECK((!v || std::isfinite(*v)));
    }
    const auto a = krippendorff_alpha(t, Level::Interval);
    CHECK_FALSE(a.value.has_value());
    CHECK_THAT(a.reason, Catch::Contains("overflowed"));
}
