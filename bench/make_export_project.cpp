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
// The generator, texts, schemes and records are bench/synthetic_project.h's (shared with
// make_team_packages).
#include "synthetic_project.h"

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
using namespace attune::bench;

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

    const DemoSchemes demo = add_demo_schemes(s, "make_export_project");
    const auto& scales = demo.scales;

    std::vector<store::CoderId> coder_ids;
    for (long c = 0; c < coders; ++c)
        coder_ids.push_back(
            check(s.apply(project::AddCoder{"coder" + std::to_string(c + 1)}), "add coder").coder);
    created->reset(); // the rest through the store, in a few large transactions

    auto opened = store::ProjectStore::open(out);
    if (!opened)
    {
        std::cerr << out.string() << ": " << opened.error().message << '\n';
        return 1;
    }
    std::optional<store::ProjectStore> holder(std::move(*opened));
    auto& st = *holder;

    Rng rng(seed);
    std::int64_t n_annotations = 0, n_ratings = 0, words_cp = 0;
    std::optional<store::Transaction> tx;
    for (long ti = 0; ti < transcripts; ++ti)
    {
        if (!tx)
            tx.emplace(st.db());
        Transcript text = make_transcript(rng);
        words_cp += cp_length(text.text);
        const auto rec = transcript_record(text, ti, rng, stamp(ti, 0));
        const auto tid = st.insert_transcript(rec, text.text);

        std::int64_t second = 60;
        for (const auto coder : coder_ids)
        {
            Passage last{};
            for (long a = 0; a < annotations; ++a)
            {
                auto an = make_annotation(rng, text.answers, demo.codes, a == 0, last);
                an.transcript_id = tid;
                an.coder_id = coder;
                an.created = an.modified = stamp(ti, second += 7);
                st.insert_annotation(an);
            }
            for (const auto& sc : scales)
            {
                auto r = make_rating(rng, sc);
                r.transcript_id = tid;
                r.coder_id = coder;
                r.modified = stamp(ti, second += 5);
                st.put_rating(r);
            }
            auto cl = make_classification(rng, *demo.state_of_mind, "make_export_project");
            cl.transcript_id = tid;
            cl.coder_id = coder;
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
