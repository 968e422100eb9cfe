// SPDX-License-Identifier: GPL-3.0-or-later
// The workbench's per-change work outside the toolkit: overlap lanes, the annotation list's rows,
// the code point ↔ byte map and find, on a 50,000-word transcript with 5,000 annotations.
// (`attune --measure` times the same through the real window, paint included.)
#include "app/annotation_rows.h"
#include "app/highlight_lanes.h"
#include "app/text_position_map.h"
#include "app/text_support.h"
#include "core/text/text_index.h"

#include <benchmark/benchmark.h>

#include <random>

namespace
{

std::string transcript()
{
    static const char* kWords[] = {"my",   "mother", "was", "always", "there", "I",     "think",
                                   "café", "naïve",  "we",  "didn't", "talk",  "about", "it"};
    std::mt19937 rng(42);
    std::string out;
    for (int n = 0; n < 50000; ++n)
    {
        if (n % 120 == 0)
            out += (n / 120) % 2 ? "\nR: " : "\nI: ";
        out += kWords[rng() % 14];
        out += (n % 12 == 11) ? "\n" : " ";
    }
    return out;
}

std::vector<attune::store::AnnotationRecord> annotations(std::int64_t length)
{
    std::mt19937 rng(7);
    std::vector<attune::store::AnnotationRecord> out(5000);
    for (std::size_t i = 0; i < out.size(); ++i)
    {
        out[i].uuid = std::to_string(i);
        out[i].code = "c" + std::to_string(i % 20);
        out[i].start = static_cast<std::int64_t>(rng() % static_cast<unsigned>(length - 400));
        out[i].end = out[i].start + 5 + static_cast<std::int64_t>(rng() % 300);
    }
    return out;
}

void BM_AssignLanes5000(benchmark::State& state)
{
    const auto text = transcript();
    std::vector<attune::app::LaneSpan> spans;
    for (const auto& a : annotations(static_cast<std::int64_t>(text.size())))
        spans.push_back({a.start, a.end});
    for (auto _ : state)
        benchmark::DoNotOptimize(attune::app::assign_lanes(spans, 4));
}
BENCHMARK(BM_AssignLanes5000)->Unit(benchmark::kMicrosecond);

void BM_TextPositionMap50kWords(benchmark::State& state)
{
    const auto text = transcript();
    for (auto _ : state)
        benchmark::DoNotOptimize(attune::app::TextPositionMap(text));
}
BENCHMARK(BM_TextPositionMap50kWords)->Unit(benchmark::kMicrosecond);

void BM_AnnotationRowsReset5000(benchmark::State& state)
{
    const auto text = transcript();
    const attune::app::TextPositionMap map(text);
    const auto anns = annotations(map.cp_length());
    const auto starts = attune::text::line_starts(text);
    for (auto _ : state)
    {
        attune::app::AnnotationRows rows;
        rows.reset(anns, text, starts, nullptr, {},
                   [&map](std::int64_t cp) { return map.cp_to_byte(cp); });
        // A screenful of rows is what a repaint asks for.
        for (std::size_t r = 0; r < 30; ++r)
            benchmark::DoNotOptimize(rows.cell(r, attune::app::AnnotationColumn::Excerpt));
    }
}
BENCHMARK(BM_AnnotationRowsReset5000)->Unit(benchmark::kMicrosecond);

void BM_FindAccentInsensitive50kWords(benchmark::State& state)
{
    const auto text = transcript();
    for (auto _ : state)
        benchmark::DoNotOptimize(attune::app::find_in_text(text, "NAIVE WE", 150000, true));
}
BENCHMARK(BM_FindAccentInsensitive50kWords)->Unit(benchmark::kMillisecond);

void BM_SpeakerTurns50kWords(benchmark::State& state)
{
    // Runs on every show of a transcript (core's analyze_structure through the view's adapter).
    const auto text = transcript();
    for (auto _ : state)
        benchmark::DoNotOptimize(attune::app::speaker_turns(text));
}
BENCHMARK(BM_SpeakerTurns50kWords)->Unit(benchmark::kMillisecond);

} // namespace
