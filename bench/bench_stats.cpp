// SPDX-License-Identifier: GPL-3.0-or-later
// Agreement statistics at the sizes of issue 4: Krippendorff's alpha on 1,000,000 units x 5
// coders (target <= 0.5 s), ICC on 100,000 x 10, and a 10,000-resample bootstrap of alpha on
// 1,000 units x 4 coders (target <= 2 s). Data are synthetic (fixed seed): a true category per
// unit, each coder agreeing with it 70 % of the time, 5 % missing.
#include "core/stats/agreement.h"
#include "core/stats/scale.h"

#include <benchmark/benchmark.h>

#include <cstdint>
#include <random>
#include <string>

namespace
{

using attune::stats::RatingTable;

RatingTable categorical_table(int units, int coders, int q, std::uint32_t seed)
{
    std::vector<std::string> names;
    for (int c = 0; c < coders; ++c)
        names.push_back("c" + std::to_string(c));
    std::vector<std::string> cats;
    for (int k = 0; k < q; ++k)
        cats.push_back(std::to_string(k + 1));
    RatingTable t(names, cats);
    t.reserve(static_cast<std::size_t>(units));
    std::mt19937 rng(seed);
    std::uniform_int_distribution<int> cat(0, q - 1);
    std::uniform_real_distribution<double> u01(0.0, 1.0);
    std::vector<attune::stats::Rating> row(static_cast<std::size_t>(coders));
    for (int u = 0; u < units; ++u)
    {
        const int truth = cat(rng);
        for (auto& r : row)
        {
            const double p = u01(rng);
            r = p < 0.05 ? attune::stats::Rating{}
                         : attune::stats::Rating{static_cast<double>(p < 0.7 ? truth : cat(rng))};
        }
        t.add_unit(std::to_string(u), row);
    }
    return t;
}

RatingTable scale_table(int units, int coders, std::uint32_t seed)
{
    std::vector<std::string> names;
    for (int c = 0; c < coders; ++c)
        names.push_back("c" + std::to_string(c));
    RatingTable t(names);
    t.reserve(static_cast<std::size_t>(units));
    std::mt19937 rng(seed);
    std::normal_distribution<double> target(5.0, 1.5);
    std::normal_distribution<double> noise(0.0, 0.8);
    std::vector<attune::stats::Rating> row(static_cast<std::size_t>(coders));
    for (int u = 0; u < units; ++u)
    {
        const double x = target(rng);
        for (int c = 0; c < coders; ++c)
            row[static_cast<std::size_t>(c)] = x + 0.1 * c + noise(rng);
        t.add_unit(std::to_string(u), row);
    }
    return t;
}

void BM_KrippendorffAlpha_1M_x5(benchmark::State& state)
{
    const RatingTable t = categorical_table(1000000, 5, 5, 1);
    for (auto _ : state)
    {
        auto e = attune::stats::krippendorff_alpha(t, attune::stats::Level::Nominal);
        benchmark::DoNotOptimize(e.value);
    }
    state.counters["units"] = 1e6;
}
BENCHMARK(BM_KrippendorffAlpha_1M_x5)->Unit(benchmark::kMillisecond)->Iterations(5);

void BM_KrippendorffAlphaOrdinal_1M_x5(benchmark::State& state)
{
    const RatingTable t = categorical_table(1000000, 5, 9, 2);
    for (auto _ : state)
    {
        auto e = attune::stats::krippendorff_alpha(t, attune::stats::Level::Ordinal);
        benchmark::DoNotOptimize(e.value);
    }
}
BENCHMARK(BM_KrippendorffAlphaOrdinal_1M_x5)->Unit(benchmark::kMillisecond)->Iterations(5);

void BM_Icc_100k_x10(benchmark::State& state)
{
    const RatingTable t = scale_table(100000, 10, 3);
    for (auto _ : state)
    {
        auto e = attune::stats::icc(t, attune::stats::IccForm::Two1);
        benchmark::DoNotOptimize(e.value);
    }
}
BENCHMARK(BM_Icc_100k_x10)->Unit(benchmark::kMillisecond)->Iterations(5);

void BM_AlphaBootstrap_10k_on_1000_x4(benchmark::State& state)
{
    const RatingTable t = categorical_table(1000, 4, 5, 4);
    for (auto _ : state)
    {
        auto e = attune::stats::krippendorff_alpha(t, attune::stats::Level::Nominal, {10000, 7});
        benchmark::DoNotOptimize(e.ci_low);
    }
}
BENCHMARK(BM_AlphaBootstrap_10k_on_1000_x4)->Unit(benchmark::kMillisecond)->Iterations(3);

void BM_FleissKappa_1M_x5(benchmark::State& state)
{
    const RatingTable t = categorical_table(1000000, 5, 5, 5);
    for (auto _ : state)
    {
        auto e = attune::stats::fleiss_kappa(t);
        benchmark::DoNotOptimize(e.value);
    }
}
BENCHMARK(BM_FleissKappa_1M_x5)->Unit(benchmark::kMillisecond)->Iterations(3);

} // namespace
