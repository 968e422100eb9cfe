// SPDX-License-Identifier: GPL-3.0-or-later
// Project-store benchmarks (issue 3 targets):
//   BM_ImportTranscripts      1,000 transcripts of ~20,000 words through Session::apply
//                             (decode+NFC, hash, structure, FTS line index, one transaction
//                             each) ≥ 50/s
//   BM_OpenTranscript5000     open the project, load a transcript's text and its 5,000
//                             annotations                                             ≤ 20 ms
//   BM_SearchAll              one FTS query over the 1,000 transcripts               ≤ 50 ms
//   BM_OpenProject            Session::open of that project (quick_check), no target
// The project is built once (by the import benchmark, or on demand) in a temporary directory.
#include "interview_words.h"

#include "core/io/transcript_import.h"
#include "core/project/session.h"
#include "core/store/project_store.h"

#include <benchmark/benchmark.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <random>
#include <string>
#include <vector>

#include <unistd.h>

namespace
{

using namespace attune;

constexpr int kTranscripts = 1000;
constexpr int kWords = 20000;
constexpr int kAnnotations = 5000;

// A synthetic interview: alternating I:/R: turns of 10–120 words from a vocabulary with some
// accented words, so folding and diacritics matter to the index as they do in real data.
std::string make_transcript(std::uint64_t seed)
{
    const auto& vocab = bench::interview_words();
    std::mt19937_64 rng(seed);
    std::uniform_int_distribution<std::size_t> word(0, vocab.size() - 1);
    std::uniform_int_distribution<int> turn_len(10, 120);
    std::string text;
    text.reserve(static_cast<std::size_t>(kWords) * 7);
    int written = 0;
    bool interviewer = true;
    while (written < kWords)
    {
        text += interviewer ? "I: " : "R: ";
        const int n = interviewer ? turn_len(rng) / 4 + 3 : turn_len(rng);
        for (int i = 0; i < n && written < kWords; ++i, ++written)
        {
            if (i)
                text += ' ';
            text += vocab[word(rng)];
        }
        text += ".\n";
        interviewer = !interviewer;
    }
    return text;
}

char g_cleanup_dir[4096];

std::filesystem::path bench_dir()
{
    static const std::filesystem::path dir = []
    {
        auto d = std::filesystem::temp_directory_path() /
                 ("attune-bench-store-" + std::to_string(::getpid()));
        std::filesystem::create_directories(d);
        // The project is ~300 MB; do not leave it behind. The path is copied to a plain buffer
        // because this static may be destroyed before the atexit handler runs.
        std::snprintf(g_cleanup_dir, sizeof g_cleanup_dir, "%s", d.c_str());
        std::atexit(
            []
            {
                std::error_code ec;
                std::filesystem::remove_all(std::filesystem::path(g_cleanup_dir), ec);
            });
        return d;
    }();
    return dir;
}

std::filesystem::path shared_project_path()
{
    return bench_dir() / "thousand.attune";
}

// Adds 5,000 annotations by one coder to transcript 1 directly through the store (the scheme
// check is not what is measured here).
void add_annotations(const std::filesystem::path& path)
{
    auto st = store::ProjectStore::open(path);
    if (!st)
        throw std::runtime_error(st.error().message);
    store::Transaction tx(st->db());
    const auto coder = st->insert_coder("bench", store::now_iso8601());
    const auto now = store::now_iso8601();
    for (int i = 0; i < kAnnotations; ++i)
    {
        store::AnnotationRecord a{0,
                                  store::new_uuid(), // schema v3 accepts only uuids
                                  store::TranscriptId{1},
                                  coder,
                                  "aai",
                                  "code" + std::to_string(i % 40),
                                  static_cast<std::int64_t>(i) * 20,
                                  static_cast<std::int64_t>(i) * 20 + 15,
                                  i % 10 == 0 ? "a memo" : "",
                                  now,
                                  now};
        st->put_annotation(a);
    }
    tx.commit();
}

void import_all(const std::filesystem::path& path, benchmark::State* state)
{
    std::filesystem::remove(path);
    auto s = project::Session::create(path);
    if (!s)
        throw std::runtime_error(s.error().message);
    for (int i = 0; i < kTranscripts; ++i)
    {
        if (state)
            state->PauseTiming();
        const std::string bytes = make_transcript(static_cast<std::uint64_t>(i) + 1);
        if (state)
            state->ResumeTiming();
        // The whole import: decode + NFC (io), then hash, structure and FTS index (Session).
        auto imported = io::import_transcript_bytes(bytes, "interview.txt", io::ImportOptions{});
        if (!imported)
            throw std::runtime_error(imported.error().message);
        if (state)
            state->PauseTiming();
        project::AddTranscript cmd;
        cmd.text = std::move(imported->text);
        cmd.meta.title = "P" + std::to_string(i + 1);
        cmd.meta.participant = cmd.meta.title;
        if (state)
            state->ResumeTiming();
        auto r = (*s)->apply(cmd);
        if (!r)
            throw std::runtime_error(r.error().message);
    }
}

const std::filesystem::path& shared_project()
{
    static const std::filesystem::path path = []
    {
        const auto p = shared_project_path();
        if (!std::filesystem::exists(p))
            import_all(p, nullptr);
        add_annotations(p);
        return p;
    }();
    return path;
}

void BM_ImportTranscripts(benchmark::State& state)
{
    for (auto _ : state)
        import_all(shared_project_path(), &state);
    state.SetItemsProcessed(state.iterations() * kTranscripts);
    state.counters["transcripts/s"] = benchmark::Counter(
        static_cast<double>(state.iterations() * kTranscripts), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_ImportTranscripts)->Iterations(1)->Unit(benchmark::kSecond)->UseRealTime();

// What the workbench does when the coder opens a transcript in an open project.
void BM_OpenTranscript5000(benchmark::State& state)
{
    const auto& path = shared_project();
    auto s = project::Session::open(path);
    const auto coder = (*s)->coder("bench")->id;
    std::size_t loaded = 0;
    for (auto _ : state)
    {
        auto text = (*s)->text(project::TranscriptId{1});
        auto anns = (*s)->annotations(project::TranscriptId{1}, coder);
        loaded = anns.size();
        benchmark::DoNotOptimize(text->data());
    }
    if (loaded != kAnnotations)
        state.SkipWithError("wrong annotation count");
}
BENCHMARK(BM_OpenTranscript5000)->Unit(benchmark::kMillisecond)->UseRealTime();

// Opening the project itself: dominated by PRAGMA quick_check over the whole file.
void BM_OpenProject(benchmark::State& state)
{
    const auto& path = shared_project();
    for (auto _ : state)
    {
        auto s = project::Session::open(path);
        if (!s)
            state.SkipWithError(s.error().message.c_str());
    }
    state.counters["MB"] = static_cast<double>(std::filesystem::file_size(path)) / 1e6;
}
BENCHMARK(BM_OpenProject)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_SearchAll(benchmark::State& state)
{
    const auto& path = shared_project();
    auto s = project::Session::open(path);
    std::size_t hits = 0;
    for (auto _ : state)
    {
        // A word present in a fraction of the lines, and an accent-folded one.
        auto r = (*s)->search("funeral cafe");
        hits = r->size();
        benchmark::DoNotOptimize(hits);
    }
    state.counters["hits"] = static_cast<double>(hits);
}
BENCHMARK(BM_SearchAll)->Unit(benchmark::kMillisecond)->UseRealTime();

} // namespace
