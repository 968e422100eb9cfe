// SPDX-License-Identifier: GPL-3.0-or-later
// Entry point of attune_bench; the benchmarks live in bench_<area>.cpp files beside it.
#include <benchmark/benchmark.h>

BENCHMARK_MAIN();
