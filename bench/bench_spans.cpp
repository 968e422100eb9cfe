// SPDX-License-Identifier: GPL-3.0-or-later
// Passage agreement at the size of issue 4: Krippendorff's unitizing alpha on 10,000 spans per
// coder x 3 coders (target <= 1 s, O(n log n)), and span-f1 between two such coders. Data are
// synthetic (fixed seed): 10,000 reference passages of 5 codes on a 2,000,000 code point
// continuum; each coder shifts both boundaries by up to ±20 code points and drops 5 % of them.
#include "core/stats/span_match.h"
#include "core/stats/unitizing.h"

#include <benchmark/benchmark.h>

#include <random>

namespace
{

using attune::stats::CodedSpan;

constexpr std::int64_t kLength = 2'000'000;

std::vector<CodedSpan> synthetic_spans(int per_coder, int coders, std::uint32_t seed)
{
    std::mt19937 rng(seed);
    std::uniform_int_distribution<int> code(0, 4);
    std::uniform_int_distribution<int> shift(-20, 20);
    std::uniform_real_distribution<double> keep(0.0, 1.0);
    const std::int64_t slot = kLength / per_coder; // one passage per slot, 45-155 long
    std::vector<CodedSpan> spans;
    for (int i = 0; i < per_coder; ++i)
    {
        const std::int64_t start = i * slot + 30;
        const std::int64_t end = start + 45 + (i % 111);
        const std::string c = "code" + std::to_string(code(rng));
        for (int k = 0; k < coders; ++k)
        {
            if (keep(rng) < 0.05)
                continue;
            spans.push_back({k, c, start + shift(rng), end + shift(rng)});
        }
    }
    return spans;
}

void BM_UnitizingAlpha_10000x3(benchmark::State& state)
{
    const auto spans = synthetic_spans(10'000, 3, 42);
    for (auto _ : state)
    {
        auto r = attune::stats::unitizing_alpha(spans, 3, 0, kLength);
        benchmark::DoNotOptimize(r.overall.value);
    }
    state.counters["spans"] = static_cast<double>(spans.size());
}
BENCHMARK(BM_UnitizingAlpha_10000x3)->Unit(benchmark::kMillisecond);

void BM_SpanF1_10000x2(benchmark::State& state)
{
    const auto spans = synthetic_spans(10'000, 2, 7);
    std::vector<CodedSpan> a;
    std::vector<CodedSpan> b;
    for (const auto& s : spans)
        (s.coder == 0 ? a : b).push_back(s);
    for (auto _ : state)
    {
        auto r = attune::stats::span_match(a, b, 0.5);
        benchmark::DoNotOptimize(r.matched);
    }
}
BENCHMARK(BM_SpanF1_10000x2)->Unit(benchmark::kMillisecond);

} // namespace
