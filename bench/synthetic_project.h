// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The synthetic AAI project the whole-process benchmarks generate (make_export_project for the
// export benchmark of issue 12, make_team_packages for the merge benchmark of issue 13): its
// own random generator (the same content for a seed on every machine), AAI-like transcripts,
// the three demo schemes whose scales make the 23 scores, and one annotation, rating or
// classification at a time, valid by construction. The callers decide where the records go.

#include "interview_words.h"

#include "core/base/file_read.h"
#include "core/project/scheme_rules.h"
#include "core/project/session.h"
#include "core/project/text_facts.h"
#include "core/scheme/scheme.h"
#include "core/store/records.h"

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <iterator>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace attune::bench
{

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
    /// One of `items`, uniformly.
    template <class V> const auto& pick(const V& items)
    {
        return items[static_cast<std::size_t>(range(0, std::int64_t(std::size(items)) - 1))];
    }

private:
    std::uint64_t m_state;
};

inline const std::vector<std::string_view>& vocabulary()
{
    static const std::vector<std::string_view> v = []
    {
        std::vector<std::string_view> words = interview_words();
        for (std::string_view w :
             {"we",       "they",     "it",      "of",        "to",      "in",      "that",
              "had",      "there",    "didn't",  "couldn't",  "went",    "said",    "told",
              "used",     "very",     "quite",   "sometimes", "bedtime", "kitchen", "Zoë",
              "Ångström", "children", "parents", "close",     "distant"})
            words.push_back(w);
        return words;
    }();
    return v;
}

inline constexpr const char* kQuestions[20] = {"Family background",
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

inline constexpr const char* kMemos[] = {
    "Check against the parent's adjectives in Q3.",
    "Unclear: possibly idealizing, see the episode that follows.",
    "Second reader: agree.",
    "Strong example; use in training.",
    "Lapse in monitoring? Speaks of the dead parent in the present tense.",
    "Contradicts the earlier memory of the holiday — «she was never there».",
};

inline std::int64_t cp_length(std::string_view s)
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

/// An AAI-like interview of 6,000-10,000 words: the 20 protocol sections, each opened by its
/// marker line "[Qn: title]", with alternating I:/R: turns (short questions, long answers).
inline Transcript make_transcript(Rng& rng)
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
                put(rng.pick(vocab));
            }
            if (!interviewer)
                t.answers.push_back({begin, cp});
            put(interviewer ? "?\n\n" : ".\n\n");
            interviewer = !interviewer;
        }
    }
    return t;
}

/// The stored record of generated transcript number `index` (0-based): participant P<n>, its
/// text facts as the session computes them, and a uuid drawn from `rng`.
inline store::TranscriptRecord transcript_record(const Transcript& t, long index, Rng& rng,
                                                 const std::string& created)
{
    const project::TextFacts facts = project::text_facts(t.text);
    store::TranscriptRecord rec;
    rec.participant = "P" + std::to_string(index + 1);
    rec.title = "Interview " + std::to_string(index + 1);
    rec.language = "en";
    rec.source_name = "P" + std::to_string(index + 1) + ".txt";
    rec.sha256 = facts.sha256;
    rec.word_count = facts.words;
    rec.turn_count = facts.turns;
    rec.line_count = facts.lines;
    rec.created = created;
    rec.uuid = rng.uuid();
    return rec;
}

/// A time as the store writes it: a coding session per transcript (`day`) on consecutive days
/// of `year`, `second` seconds after 9:00.
inline std::string stamp(long day, std::int64_t second, int year = 2026)
{
    char b[40];
    std::snprintf(b, sizeof b, "%04d-%02ld-%02ldT%02lld:%02lld:%02lld.000Z", year,
                  1 + (day / 28) % 12, 1 + day % 28,
                  static_cast<long long>(9 + (second / 3600) % 12),
                  static_cast<long long>((second / 60) % 60), static_cast<long long>(second % 60));
    return b;
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

/// What the generated coding draws from: every code and every scale x target of the schemes.
struct DemoSchemes
{
    std::vector<CodeRef> codes;
    std::vector<ScaleRef> scales; // 23 for the three demo schemes
    std::shared_ptr<const scheme::Scheme> state_of_mind;
};

[[noreturn]] inline void die(const std::string& program, const std::string& what, const Error& e)
{
    std::cerr << program << ": " << what << ": " << e.message << '\n';
    std::exit(1);
}

/// Adds the demo schemes whose scales add up to the 23 scores of the issues to the session:
/// state of mind (11, with the classification and its collapsings), experience (10) and
/// unresolved (2). Exits with a message on failure.
inline DemoSchemes add_demo_schemes(project::Session& s, const std::string& program)
{
    for (const char* name : {"aai-state-of-mind.xml", "aai-experience.xml", "aai-unresolved.xml"})
    {
        const auto path = std::filesystem::path(ATTUNE_SOURCE_DIR) / "schemes" / name;
        auto xml = read_file_limited(path, 16 << 20, "the scheme file");
        if (!xml)
            die(program, path.string(), xml.error());
        if (auto r = s.apply(project::AddScheme{*xml, path.string()}); !r)
            die(program, path.string(), r.error());
    }
    DemoSchemes out;
    for (const auto& info : s.schemes())
    {
        auto sch = s.scheme(info.scheme_id);
        if (!sch)
            die(program, info.scheme_id, sch.error());
        for (const auto& c : (*sch)->codes())
            out.codes.push_back({info.scheme_id, c.id});
        for (const auto& sc : (*sch)->scales())
        {
            std::vector<std::string> targets;
            for (const auto& t : sc.targets)
                targets.push_back(scheme::to_string(t));
            if (targets.empty())
                targets.push_back("");
            for (const auto& t : targets)
                out.scales.push_back(
                    {info.scheme_id, sc.id, t, sc.min, sc.max, sc.step, sc.allows_not_scorable});
        }
    }
    auto som = s.scheme("aai-state-of-mind");
    if (!som)
        die(program, "aai-state-of-mind", som.error());
    out.state_of_mind = *som;
    return out;
}

/// One annotation (uuid, code, span, maybe a memo) inside one of `t`'s answers; one in eight
/// after the first (`first` false) overlaps `last`, the passage coded before, which it updates.
/// The caller sets the transcript, the coder and the times.
inline store::AnnotationRecord make_annotation(Rng& rng, const std::vector<Passage>& answers,
                                               const std::vector<CodeRef>& codes, bool first,
                                               Passage& last)
{
    const auto& ans = rng.pick(answers);
    const auto& code = rng.pick(codes);
    store::AnnotationRecord an;
    an.uuid = rng.uuid();
    an.scheme_id = code.scheme;
    an.code = code.code;
    const Passage in = !first && rng.chance(12) ? last : ans;
    an.start = rng.range(in.begin, in.end - 1);
    an.end = std::min(in.end, an.start + rng.range(15, 600));
    if (rng.chance(20))
        an.memo = rng.pick(kMemos);
    last = {an.start, an.end};
    return an;
}

/// A score on the scale's grid (4 % not scorable where the scale allows it, 5 % with a note).
/// The caller sets the transcript, the coder and the time.
inline store::RatingRecord make_rating(Rng& rng, const ScaleRef& sc)
{
    store::RatingRecord r;
    r.uuid = rng.uuid();
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
    return r;
}

/// The classification: F, Ds or E (with a subcategory most of the time), U on top for some,
/// or CC with its forced alternative (given as a category or a subcategory), checked by the
/// session's own rule. The caller sets the transcript, the coder and the time.
inline store::ClassificationRecord
make_classification(Rng& rng, const scheme::Scheme& state_of_mind, const std::string& program)
{
    static const std::vector<std::pair<std::string, std::vector<std::string>>> organised = {
        {"F", {"F1", "F2", "F3", "F4", "F5"}},
        {"Ds", {"Ds1", "Ds2", "Ds3", "Ds4"}},
        {"E", {"E1", "E2", "E3"}}};
    const auto& org = organised[static_cast<std::size_t>(rng.range(0, 2))];
    const std::string sub = rng.pick(org.second);
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
    auto checked = project::rules::check_classification(state_of_mind, category, subcategory,
                                                        unresolved, alternative);
    if (!checked)
        die(program, "classification " + category, checked.error());
    store::ClassificationRecord cl;
    cl.uuid = rng.uuid();
    cl.scheme_id = "aai-state-of-mind";
    cl.category = checked->category;
    cl.subcategory = checked->subcategory;
    cl.unresolved = checked->unresolved;
    cl.alternative = checked->alternative;
    return cl;
}

} // namespace attune::bench
