// SPDX-License-Identifier: GPL-3.0-or-later
// Scheme loading: the shipped state-of-mind scheme (what opening a project costs) and a large
// generated scheme near the 8 MiB limit (the loader must stay linear on hostile sizes).
#include "core/scheme/scheme.h"

#include <benchmark/benchmark.h>

#include <fstream>
#include <sstream>
#include <string>

namespace
{

std::string read_file(const std::string& path)
{
    std::ifstream in(path, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

std::string large_scheme(int n)
{
    std::string x = "<?xml version=\"1.0\"?>\n<scheme xmlns=\"urn:attune:scheme:1\" version=\"1\" "
                    "id=\"big\"><metadata><title>t</title><version>1</version><licence>l</licence>"
                    "<language>en</language></metadata>\n<codes>\n";
    for (int i = 0; i < n; ++i)
        x += "<code id=\"c" + std::to_string(i) +
             "\" name=\"n\" colour=\"#ffffff\"><definition>d</definition></code>\n";
    x += "</codes><scales><scale id=\"s\" name=\"s\" min=\"1\" max=\"9\" step=\"1\">\n";
    for (int i = 0; i < n; ++i)
        x += "<evidence code=\"c" + std::to_string(i) + "\"/>\n";
    x += "</scale></scales><classifications><classification id=\"k\" name=\"k\">\n";
    for (int i = 0; i < n; ++i)
        x += "<category id=\"K" + std::to_string(i) + "\" name=\"n\" role=\"organised\"/>\n";
    x += "<collapsing id=\"x\" name=\"x\"><label name=\"a\"/>\n";
    for (int i = 0; i < n; ++i)
        x += "<map category=\"K" + std::to_string(i) + "\" label=\"a\"/>\n";
    return x + "</collapsing></classification></classifications></scheme>\n";
}

void BM_SchemeLoadShipped(benchmark::State& state)
{
    const std::string xml =
        read_file(std::string(ATTUNE_SOURCE_DIR) + "/schemes/aai-state-of-mind.xml");
    for (auto _ : state)
    {
        auto r = attune::scheme::load_scheme_string_all(xml, "aai-state-of-mind.xml");
        if (!r.ok())
            state.SkipWithError("shipped scheme did not load");
        benchmark::DoNotOptimize(r);
    }
    state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations()) *
                            static_cast<std::int64_t>(xml.size()));
}
BENCHMARK(BM_SchemeLoadShipped)->Unit(benchmark::kMicrosecond);

void BM_SchemeLoadLarge(benchmark::State& state)
{
    const std::string xml = large_scheme(static_cast<int>(state.range(0)));
    for (auto _ : state)
    {
        auto r = attune::scheme::load_scheme_string_all(xml, "big.xml");
        if (!r.ok())
            state.SkipWithError("generated scheme did not load");
        benchmark::DoNotOptimize(r);
    }
    state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations()) *
                            static_cast<std::int64_t>(xml.size()));
}
BENCHMARK(BM_SchemeLoadLarge)->Arg(10000)->Arg(40000)->Unit(benchmark::kMillisecond);

} // namespace
