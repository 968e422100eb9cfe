// SPDX-License-Identifier: GPL-3.0-or-later
// Transcript import without the store: decode + NFC + structure of a ~20,000-word AAI-like
// transcript (txt in UTF-8, UTF-16LE and decomposed UTF-8 needing NFC work; the same text as a
// .docx), and the TextIndex conversions the workbench does on every selection.
#include "core/io/transcript_import.h"
#include "core/text/decode.h"
#include "core/text/search.h"
#include "core/text/structure.h"
#include "core/text/text_index.h"
#include "core/text/words.h"

#include <benchmark/benchmark.h>

#include <random>
#include <string>

using namespace attune;

namespace
{

/// A synthetic transcript of about `words` words: question sections, I:/R: turns, hesitations,
/// accented and non-Latin words, an emoji now and then (as transcribers type them).
std::string transcript(int words)
{
    static const char* const kWords[] = {
        "um",     "well",   "my",    "mother", "was",    "very",    "warm",     "but",
        "father", "he",     "left",  "when",   "I",      "three",   "naïve",    "Köln",
        "don't",  "really", "know",  "…",      "café",   "déjà-vu", "Straße",   "Zoë",
        "school", "sister", "uh",    "and",    "then",   "we",      "moved",    "grandmother",
        "strict", "kind",   "loved", "😀",      "Москва", "ελπίδα",  "remember", "probably"};
    std::mt19937 rng(7);
    std::uniform_int_distribution<std::size_t> pick(0, std::size(kWords) - 1);
    std::uniform_int_distribution<int> turn_len(8, 120);
    std::string s = "Interview 12, coder copy\n\n";
    int n = 0;
    int question = 0;
    while (n < words)
    {
        if (n / 1000 >= question)
            s += "[Q" + std::to_string(++question) + "]\n";
        s += "I: Could you tell me more about that?\nR:";
        for (int k = turn_len(rng); k > 0; --k, ++n)
            s += std::string(" ") + kWords[pick(rng)] + (k % 17 == 0 ? ",\n" : "");
        s += ".\n";
    }
    return s;
}

std::string utf16le(const std::string& utf8)
{
    std::string out = "\xFF\xFE";
    const auto* p = reinterpret_cast<const unsigned char*>(utf8.data());
    for (std::size_t i = 0; i < utf8.size();)
    {
        const unsigned b = p[i];
        const std::size_t n = b < 0x80 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4;
        std::uint32_t cp = n == 1 ? b : n == 2 ? (b & 0x1F) : n == 3 ? (b & 0x0F) : (b & 0x07);
        for (std::size_t k = 1; k < n; ++k)
            cp = (cp << 6) | (p[i + k] & 0x3Fu);
        i += n;
        auto unit = [&out](std::uint32_t u)
        {
            out.push_back(static_cast<char>(u & 0xFF));
            out.push_back(static_cast<char>(u >> 8));
        };
        if (cp >= 0x10000)
        {
            unit(0xD800 + ((cp - 0x10000) >> 10));
            unit(0xDC00 + ((cp - 0x10000) & 0x3FF));
        }
        else
            unit(cp);
    }
    return out;
}

std::string decomposed(std::string s)
{
    // é, ö, ë as e/o + combining marks: every one needs NFC composition.
    for (const auto& [from, to] : {std::pair<std::string, std::string>{"é", "e\xCC\x81"},
                                   {"ö", "o\xCC\x88"},
                                   {"ë", "e\xCC\x88"}})
        for (auto pos = s.find(from); pos != std::string::npos; pos = s.find(from, pos))
            s.replace(pos, from.size(), to);
    return s;
}

void run_pipeline(benchmark::State& state, const std::string& bytes)
{
    int words = 0;
    for (auto _ : state)
    {
        auto decoded = text::decode_text(bytes, text::DecodeOptions{}, "bench.txt");
        if (!decoded)
            state.SkipWithError(decoded.error().message.c_str());
        const auto s = text::analyze_structure(decoded->utf8, text::SpeakerRules{});
        words = s.word_count;
        benchmark::DoNotOptimize(words);
    }
    state.counters["words"] = words;
    state.SetItemsProcessed(state.iterations()); // items = transcripts
    state.SetBytesProcessed(state.iterations() * static_cast<std::int64_t>(bytes.size()));
}

void BM_DecodeStructure_Utf8(benchmark::State& state)
{
    static const std::string t = transcript(20000);
    run_pipeline(state, t);
}
BENCHMARK(BM_DecodeStructure_Utf8)->Unit(benchmark::kMillisecond);

void BM_DecodeStructure_Utf16(benchmark::State& state)
{
    static const std::string t = utf16le(transcript(20000));
    run_pipeline(state, t);
}
BENCHMARK(BM_DecodeStructure_Utf16)->Unit(benchmark::kMillisecond);

void BM_DecodeStructure_Decomposed(benchmark::State& state)
{
    static const std::string t = decomposed(transcript(20000));
    run_pipeline(state, t);
}
BENCHMARK(BM_DecodeStructure_Decomposed)->Unit(benchmark::kMillisecond);

void BM_ImportTxt(benchmark::State& state)
{
    static const std::string t = transcript(20000);
    for (auto _ : state)
    {
        auto r = io::import_transcript_bytes(t, "bench.txt", io::ImportOptions{});
        benchmark::DoNotOptimize(r.ok());
    }
    state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_ImportTxt)->Unit(benchmark::kMillisecond);

const text::TextIndex& big_index()
{
    static const text::TextIndex index(transcript(60000)); // ≈ 330,000 code points
    return index;
}

void BM_TextIndex_Build(benchmark::State& state)
{
    static const std::string t = transcript(60000);
    for (auto _ : state)
    {
        const text::TextIndex index(t);
        benchmark::DoNotOptimize(index.size());
    }
    state.SetBytesProcessed(state.iterations() * static_cast<std::int64_t>(t.size()));
}
BENCHMARK(BM_TextIndex_Build)->Unit(benchmark::kMillisecond);

/// Random conversions over the whole text, as a scrolling editor does them.
template <typename F> void conversions(benchmark::State& state, std::int64_t range, F f)
{
    std::mt19937_64 rng(1);
    std::uniform_int_distribution<std::int64_t> pick(0, range);
    for (auto _ : state)
        benchmark::DoNotOptimize(f(pick(rng)));
    state.SetItemsProcessed(state.iterations());
}

void BM_TextIndex_CpToUtf8(benchmark::State& state)
{
    const auto& ix = big_index();
    conversions(state, ix.size(), [&](std::int64_t v) { return ix.cp_to_utf8(v); });
}
BENCHMARK(BM_TextIndex_CpToUtf8);

void BM_TextIndex_Utf8ToCp(benchmark::State& state)
{
    const auto& ix = big_index();
    conversions(state, ix.utf8_size(), [&](std::int64_t v) { return ix.utf8_to_cp(v); });
}
BENCHMARK(BM_TextIndex_Utf8ToCp);

void BM_TextIndex_Utf16ToCp(benchmark::State& state)
{
    const auto& ix = big_index();
    conversions(state, ix.utf16_size(), [&](std::int64_t v) { return ix.utf16_to_cp(v); });
}
BENCHMARK(BM_TextIndex_Utf16ToCp);

void BM_TextIndex_LineOf(benchmark::State& state)
{
    const auto& ix = big_index();
    conversions(state, ix.size(), [&](std::int64_t v) { return ix.line_of(v); });
}
BENCHMARK(BM_TextIndex_LineOf);

void BM_Search_BuildAndFind(benchmark::State& state)
{
    static const std::string t = transcript(20000);
    for (auto _ : state)
    {
        const text::TextSearcher searcher(t);
        benchmark::DoNotOptimize(searcher.find_all("CAFE").size());
    }
    state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_Search_BuildAndFind)->Unit(benchmark::kMillisecond);

void BM_Search_Find(benchmark::State& state)
{
    static const text::TextSearcher searcher(transcript(20000));
    for (auto _ : state)
        benchmark::DoNotOptimize(searcher.find_all("grandmother").size());
    state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_Search_Find)->Unit(benchmark::kMicrosecond);

void BM_WordBoundaries_Build(benchmark::State& state)
{
    static const std::string t = transcript(20000);
    for (auto _ : state)
    {
        const text::WordBoundaries words(t);
        benchmark::DoNotOptimize(words.word_count());
    }
}
BENCHMARK(BM_WordBoundaries_Build)->Unit(benchmark::kMillisecond);

} // namespace
