// SPDX-License-Identifier: GPL-3.0-or-later
// make_export_project: writes the project the dataset-export benchmark (bench/export-benchmark,
// issue 12) exports: N transcripts x C coders, each transcript x coder with A annotations, a
// score of every scale x target of the three AAI demo schemes (23) and one classification.
//
//   make_export_project OUT.attune [--transcripts N] [--coders N] [--annotations N] [--seed S]
//                                  (defaults 1000, 3, 150, 1)
//
// The schemes and coders go through project::Session (AddScheme, AddCoder); the transcripts
// and the coding through store::ProjectStore, in one transaction per 50 transcripts
// (insert_transcript with the session's own text facts and line index; insert_annotation,
// put_rating, put_classification). Session::apply would take one transaction per command or
// batch, each synced to disk, and check every command again: about 0.25 s of CPU per
// transcript x 3 coders, several minutes in all, where this takes seconds. The records are made
// valid by construction (spans inside the text, scores on each scale's grid, codes and scales
// of the stored schemes) and the classification is checked by the session's own rule
// (rules::check_classification); the audit log stays empty (the export does not read it). The
// content, uuids and timestamps are the same for the same seed on every machine (its own
// generator, not <random>'s distributions); only the project's and the coders' uuids are new.
#include "core/base/file_read.h"
#include "core/project/scheme_rules.h"
#include "core/project/session.h"
#include "core/project/text_facts.h"
#include "core/scheme/scheme.h"
#include "core/store/database.h"
#include "core/store/project_store.h"

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace
{

using namespace attune;

// splitmix64: small, fast and the same everywhere.
class Rng
{
public:
    explicit Rng(std::uint64_t seed) : m_state(seed) {}
    std::uint64_t next()
    {
        std::uint64_t z = (m_state += 0x9e3779b97f4a7c15ULL);
        z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
        z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
        return z ^ (z >> 31);
    }
    /// Uniform in [lo, hi] (the tiny modulo bias does not matter here).
    std::int64_t range(std::int64_t lo, std::int64_t hi)
    {
        return lo + static_cast<std::int64_t>(next() % static_cast<std::uint64_t>(hi - lo + 1));
    }
    bool chance(int percent) { return range(1, 100) <= percent; }
    /// A version-4 uuid made of this generator's bits.
    std::string uuid()
    {
        const std::uint64_t hi = (next() & ~0xF000ULL) | 0x4000ULL;
        const std::uint64_t lo = (next() & ~(3ULL << 62)) | (2ULL << 62);
        char b[40];
        std::snprintf(b, sizeof b, "%08llx-%04llx-%04llx-%04llx-%012llx",
                      static_cast<unsigned long long>(hi >> 32),
                      static_cast<unsigned long long>((hi >> 16) & 0xFFFF),
                      static_cast<unsigned long long>(hi & 0xFFFF),
                      static_cast<unsigned long long>(lo >> 48),
                      static_cast<unsigned long long>(lo & 0xFFFFFFFFFFFFULL));
        return b;
    }

private:
    std::uint64_t m_state;
};

const std::vector<std::string_view>& vocabulary()
{
    static const std::vector<std::string_view> v = {
        "mother",   "father",     "I",        "remember",    "when",     "was",       "little",
        "she",      "he",         "would",    "always",      "never",    "um",        "you",
        "know",     "like",       "the",      "a",           "house",    "school",    "garden",
        "angry",    "loving",     "warm",     "cold",        "rejected", "café",      "naïve",
        "über",     "très",       "déjà",     "grandmother", "summer",   "holiday",   "hospital",
        "died",     "funeral",    "cried",    "hug",         "punished", "upset",     "alone",
        "sister",   "brother",    "friend",   "teacher",     "really",   "just",      "and",
        "but",      "so",         "then",     "because",     "maybe",    "think",     "felt",
        "feel",     "nice",       "strict",   "…",           "well",     "yes",       "no",
        "probably", "afterwards", "we",       "they",        "it",       "of",        "to",
        "in",       "that",       "had",      "there",       "didn't",   "couldn't",  "went",
        "said",     "told",       "used",     "very",        "quite",    "sometimes", "bedtime",
        "kitchen",  "Zoë",        "Ångström", "children",    "parents",  "close",     "distant"};
    return v;
}

const char* const kQuestions[20] = {"Family background",
                                    "Relationship with parents",
                                    "Five adjectives, mother",
                                    "Five adjectives, father",
                                    "Closer to which parent",
                                    "Upset as a child",
                                    "Separation",
                                    "Rejection",
                                    "Threatened",
                                    "Effect on personality",
                                    "Setbacks",
                                    "Other adults",
                                    "Loss",
                                    "Other experiences",
                                    "Changes in relationship",
                                    "Relationship now",
                                    "Leaving a child",
                                    "Three wishes",
                                    "What was learned",
                                    "Hopes for the child"};

std::int64_t cp_length(std::string_view s)
{
    std::int64_t n = 0;
    for (const unsigned char c : s)
        n += (c & 0xC0) != 0x80;
    return n;
}

struct Passage
{
    std::int64_t begin = 0; // code points
    std::int64_t end = 0;
};

struct Transcript
{
    std::string text;
    std::vector<Passage> answers; // the respondent's turns (content), where coders code
};

// An AAI-like interview of 6,000-10,000 words: the 20 protocol sections, each opened by its
// marker line "[Qn: title]", with alternating I:/R: turns (short questions, long answers).
Transcript make_transcript(Rng& rng)
{
    const auto& vocab = vocabulary();
    const std::int64_t words = rng.range(6000, 10000);
    Transcript t;
    t.text.reserve(static_cast<std::size_t>(words) * 7);
    std::int64_t cp = 0;
    auto put = [&](std::string_view s)
    {
        t.text += s;
        cp += cp_length(s);
    };
    std::int64_t written = 0;
    for (int q = 0; q < 20; ++q)
    {
        put("[Q" + std::to_string(q + 1) + ": " + kQuestions[q] + "]\n");
        const std::int64_t section_end = words * (q + 1) / 20;
        bool interviewer = true;
        while (written < section_end || !interviewer)
        {
            put(interviewer ? "I: " : "R: ");
            const std::int64_t begin = cp;
            const std::int64_t n = interviewer ? rng.range(5, 25) : rng.range(20, 180);
            for (std::int64_t i = 0; i < n; ++i, ++written)
            {
                if (i)
                    put(rng.chance(6) ? ", " : " ");
                put(vocab[static_cast<std::size_t>(rng.range(0, std::int64_t(vocab.size()) - 1))]);
            }
            if (!interviewer)
                t.answers.push_back({begin, cp});
            put(interviewer ? "?\n\n" : ".\n\n");
            interviewer = !interviewer;
        }
    }
    return t;
}

struct CodeRef
{
    std::string scheme;
    std::string code;
};

struct ScaleRef
{
    std::string scheme;
    std::string scale;
    std::string target;
    double min = 1, max = 9, step = 0.5;
    bool not_scorable = false;
};

const char* const kMemos[] = {
    "Check against the parent's adjectives in Q3.",
    "Unclear: possibly idealizing, see the episode that follows.",
    "Second reader: agree.",
    "Strong example; use in training.",
    "Lapse in monitoring? Speaks of the dead parent in the present tense.",
    "Contradicts the earlier memory of the holiday — «she was never there».",
};

int usage()
{
    std::cerr << "usage: make_export_project OUT.attune [--transcripts N] [--coders N] "
                 "[--annotations N] [--seed S]\n";
    return 2;
}

} // namespace

int main(int argc, char** argv)
{
    if (argc < 2)
        return usage();
    std::filesystem::path out;
    long transcripts = 1000, coders = 3, annotations = 150;
    unsigned long long seed = 1;
    for (int i = 1; i < argc; ++i)
    {
        const std::string a = argv[i];
        auto number = [&](auto& v)
        {
            if (i + 1 >= argc)
                return false;
            char* end = nullptr;
            const auto x = std::strtoll(argv[++i], &end, 10);
            if (!end || *end || x < 0)
                return false;
            v = static_cast<std::remove_reference_t<decltype(v)>>(x);
            return true;
        };
        bool ok = true;
        if (a == "--transcripts")
            ok = number(transcripts) && transcripts > 0;
        else if (a == "--coders")
            ok = number(coders) && coders > 0;
        else if (a == "--annotations")
            ok = number(annotations);
        else if (a == "--seed")
            ok = number(seed);
        else if (!a.empty() && a[0] != '-' && out.empty())
            out = a;
        else
            ok = false;
        if (!ok)
            return usage();
    }
    if (out.empty())
        return usage();

    const auto t0 = std::chrono::steady_clock::now();
    std::error_code ec;
    std::filesystem::remove(out, ec);
    auto created = project::Session::create(out);
    if (!created)
    {
        std::cerr << out.string() << ": " << created.error().message << '\n';
        return 1;
    }
    auto& s = **created;
    auto check = [](const Result<project::Outcome>& r, const std::string& what)
    {
        if (!r)
        {
            std::cerr << "make_export_project: " << what << ": " << r.error().message << '\n';
            std::exit(1);
        }
        return *r;
    };

    // The demo schemes whose scales add up to the 23 scores of the issue: state of mind (11,
    // with the classification and its collapsings), experience (10) and unresolved (2).
    std::vector<CodeRef> codes;
    std::vector<ScaleRef> scales;
    for (const char* name : {"aai-state-of-mind.xml", "aai-experience.xml", "aai-unresolved.xml"})
    {
        const auto path = std::filesystem::path(ATTUNE_SOURCE_DIR) / "schemes" / name;
        auto xml = read_file_limited(path, 16 << 20, "the scheme file");
        if (!xml)
        {
            std::cerr << path.string() << ": " << xml.error().message << '\n';
            return 1;
        }
        check(s.apply(project::AddScheme{*xml, path.string()}), path.string());
    }
    for (const auto& info : s.schemes())
    {
        auto sch = s.scheme(info.scheme_id);
        if (!sch)
            return 1;
        for (const auto& c : (*sch)->codes())
            codes.push_back({info.scheme_id, c.id});
        for (const auto& sc : (*sch)->scales())
        {
            std::vector<std::string> targets;
            for (const auto& t : sc.targets)
                targets.push_back(scheme::to_string(t));
            if (targets.empty())
                targets.push_back("");
            for (const auto& t : targets)
                scales.push_back(
                    {info.scheme_id, sc.id, t, sc.min, sc.max, sc.step, sc.allows_not_scorable});
        }
    }

    std::vector<store::CoderId> coder_ids;
    for (long c = 0; c < coders; ++c)
        coder_ids.push_back(
            check(s.apply(project::AddCoder{"coder" + std::to_string(c + 1)}), "add coder").coder);
    auto state_of_mind = s.scheme("aai-state-of-mind");
    if (!state_of_mind)
        return 1;
    const std::shared_ptr<const scheme::Scheme> som = *state_of_mind;
    created->reset(); // the rest through the store, in a few large transactions

    auto opened = store::ProjectStore::open(out);
    if (!opened)
    {
        std::cerr << out.string() << ": " << opened.error().message << '\n';
        return 1;
    }
    std::optional<store::ProjectStore> holder(std::move(*opened));
    auto& st = *holder;

    // The classification: F, Ds or E (with a subcategory most of the time), U on top for some,
    // or CC with its forced alternative (given as a category or a subcategory).
    const std::vector<std::pair<std::string, std::vector<std::string>>> organised = {
        {"F", {"F1", "F2", "F3", "F4", "F5"}},
        {"Ds", {"Ds1", "Ds2", "Ds3", "Ds4"}},
        {"E", {"E1", "E2", "E3"}}};

    Rng rng(seed);
    std::int64_t n_annotations = 0, n_ratings = 0, words_cp = 0;
    // Timestamps: a coding session per transcript on consecutive days of 2026, seconds apart.
    auto stamp = [](long day, std::int64_t second)
    {
        char b[40];
        std::snprintf(
            b, sizeof b, "2026-%02ld-%02ldT%02lld:%02lld:%02lld.000Z", 1 + (day / 28) % 12,
            1 + day % 28, static_cast<long long>(9 + (second / 3600) % 12),
            static_cast<long long>((second / 60) % 60), static_cast<long long>(second % 60));
        return std::string(b);
    };
    std::optional<store::Transaction> tx;
    for (long ti = 0; ti < transcripts; ++ti)
    {
        if (!tx)
            tx.emplace(st.db());
        Transcript text = make_transcript(rng);
        words_cp += cp_length(text.text);
        const project::TextFacts facts = project::text_facts(text.text);
        store::TranscriptRecord rec;
        rec.participant = "P" + std::to_string(ti + 1);
        rec.title = "Interview " + std::to_string(ti + 1);
        rec.language = "en";
        rec.source_name = "P" + std::to_string(ti + 1) + ".txt";
        rec.sha256 = facts.sha256;
        rec.word_count = facts.words;
        rec.turn_count = facts.turns;
        rec.line_count = facts.lines;
        rec.created = stamp(ti, 0);
        rec.uuid = rng.uuid();
        const auto tid = st.insert_transcript(rec, text.text);

        std::int64_t second = 60;
        for (const auto coder : coder_ids)
        {
            Passage last{};
            for (long a = 0; a < annotations; ++a)
            {
                const auto& ans = text.answers[static_cast<std::size_t>(
                    rng.range(0, std::int64_t(text.answers.size()) - 1))];
                const auto& code =
                    codes[static_cast<std::size_t>(rng.range(0, std::int64_t(codes.size()) - 1))];
                store::AnnotationRecord an;
                an.uuid = rng.uuid();
                an.transcript_id = tid;
                an.coder_id = coder;
                an.scheme_id = code.scheme;
                an.code = code.code;
                // One in eight overlaps the previous passage (a second code on the same words).
                const Passage in = a > 0 && rng.chance(12) ? last : ans;
                an.start = rng.range(in.begin, in.end - 1);
                an.end = std::min(in.end, an.start + rng.range(15, 600));
                if (rng.chance(20))
                    an.memo = kMemos[rng.range(0, std::int64_t(std::size(kMemos)) - 1)];
                an.created = an.modified = stamp(ti, second += 7);
                last = {an.start, an.end};
                st.insert_annotation(an);
            }
            for (const auto& sc : scales)
            {
                store::RatingRecord r;
                r.uuid = rng.uuid();
                r.transcript_id = tid;
                r.coder_id = coder;
                r.scheme_id = sc.scheme;
                r.scale = sc.scale;
                r.target = sc.target;
                if (sc.not_scorable && rng.chance(4))
                    r.not_scorable = true;
                else
                {
                    const auto steps = static_cast<std::int64_t>((sc.max - sc.min) / sc.step);
                    r.value = sc.min + sc.step * static_cast<double>(rng.range(0, steps));
                }
                if (rng.chance(5))
                    r.note = "borderline";
                r.modified = stamp(ti, second += 5);
                st.put_rating(r);
            }
            const auto& org = organised[static_cast<std::size_t>(rng.range(0, 2))];
            const std::string sub = org.second[static_cast<std::size_t>(
                rng.range(0, std::int64_t(org.second.size()) - 1))];
            const auto kind = rng.range(1, 100);
            std::string category;
            std::optional<std::string> subcategory, unresolved, alternative;
            if (kind <= 8)
            {
                category = "CC";
                alternative = rng.chance(50) ? sub : org.first;
            }
            else
            {
                category = org.first;
                if (rng.chance(80))
                    subcategory = sub;
                if (kind > 85)
                    unresolved = "U";
            }
            auto checked = project::rules::check_classification(*som, category, subcategory,
                                                                unresolved, alternative);
            if (!checked)
            {
                std::cerr << "make_export_project: classification " << category << ": "
                          << checked.error().message << '\n';
                return 1;
            }
            store::ClassificationRecord cl;
            cl.uuid = rng.uuid();
            cl.transcript_id = tid;
            cl.coder_id = coder;
            cl.scheme_id = "aai-state-of-mind";
            cl.category = checked->category;
            cl.subcategory = checked->subcategory;
            cl.unresolved = checked->unresolved;
            cl.alternative = checked->alternative;
            cl.modified = stamp(ti, second += 30);
            st.put_classification(cl);
            n_annotations += annotations;
            n_ratings += static_cast<std::int64_t>(scales.size());
        }
        if ((ti + 1) % 50 == 0)
        {
            tx->commit();
            tx.reset();
        }
    }
    if (tx)
        tx->commit();
    tx.reset();
    holder.reset(); // closed (the WAL checkpointed) before the file's size is read
    const double secs =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    std::printf("%s: %ld transcripts (%.1f M code points), %ld coders, %lld annotations, %lld "
                "ratings (%zu per transcript x coder), %ld classifications; %.1f MB; %.1f s\n",
                out.c_str(), transcripts, static_cast<double>(words_cp) / 1e6, coders,
                static_cast<long long>(n_annotations), static_cast<long long>(n_ratings),
                scales.size(), transcripts * coders,
                static_cast<double>(std::filesystem::file_size(out)) / 1e6, secs);
    return 0;
}
