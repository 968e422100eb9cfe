// SPDX-License-Identifier: GPL-3.0-or-later
// make_team_packages: writes what the merge benchmark (bench/merge-benchmark, issue 13) merges:
// in DIR, a project of N transcripts with the three AAI demo schemes and C coders and no
// coding (project.attune), a package per coder made by team::make_package (coder1.attune, ...;
// every transcript, since the project has no assignments), and then in each package that
// coder's blind work: per transcript A annotations, a score of every scale x target (23) and
// one classification.
//
//   make_team_packages DIR [--transcripts N] [--coders N] [--annotations N] [--seed S]
//                          (defaults 1000, 3, 150, 1)
//
// The project is made as make_export_project makes it (bench/synthetic_project.h: the schemes
// and coders through project::Session, the transcripts through store::ProjectStore in one
// transaction per 50). The packages are the real thing (team::make_package, as
// `attune-cli package` makes them). The coding goes into each package file in one
// transaction, through three statements prepared once (the package's own tables, as a coder's
// Session would leave them: merged_from NULL, scheme_version the version the package holds,
// no audit entries, which a merge does not read). ProjectStore::insert_annotation prepares its
// statement on every call and Session::apply checks and syncs every command, which would make
// this generator minutes instead of seconds; the SQL here is bench code only, as the store's
// tests have theirs. The records are valid by construction (spans inside the respondent's
// turns, scores on each scale's grid, classifications checked by the session's rule), so a
// merge takes every one of them: C x N x (A + 23 + 1) records, new to the project. Each coder
// draws from their own generator (seeded from S and the coder's number), so the coders' spans,
// codes and scores differ. Times are those of coding sessions in 2027, after the packages
// were made.
#include "synthetic_project.h"

#include "core/store/database.h"
#include "core/store/project_store.h"
#include "core/team/team.h"

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <map>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

namespace
{

using namespace attune;
using namespace attune::bench;

constexpr const char* kProgram = "make_team_packages";

int usage()
{
    std::cerr << "usage: make_team_packages DIR [--transcripts N] [--coders N] [--annotations N] "
                 "[--seed S]\n";
    return 2;
}

double seconds_since(std::chrono::steady_clock::time_point t0)
{
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

// The coding of one coder, written into their package.
struct Counts
{
    std::int64_t annotations = 0, ratings = 0, classifications = 0;
};

Counts fill_package(const std::filesystem::path& file, long coder_number,
                    const std::vector<std::vector<Passage>>& answers,
                    const std::unordered_map<std::string, long>& index_of_uuid,
                    const DemoSchemes& demo, long annotations, unsigned long long seed)
{
    auto opened = store::ProjectStore::open(file);
    if (!opened)
        die(kProgram, file.string(), opened.error());
    auto& st = *opened;
    const auto coders = st.coders();
    if (coders.size() != 1)
    {
        std::cerr << kProgram << ": " << file.string() << ": a package holds one coder, not "
                  << coders.size() << '\n';
        std::exit(1);
    }
    const auto coder = coders.front().id;
    std::map<std::string, std::string> version; // the latest stored version of each scheme
    for (const auto& sc : st.schemes())
        version[sc.scheme_id] = sc.version;

    store::Transaction tx(st.db());
    store::Statement ann(st.db(), "INSERT INTO annotations(uuid, transcript_id, coder_id, "
                                  "scheme_id, code, start_cp, end_cp, memo, created, modified, "
                                  "scheme_version) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, "
                                  "?10, ?11)");
    store::Statement rat(st.db(), "INSERT INTO ratings(uuid, transcript_id, coder_id, scheme_id, "
                                  "scale, target, value, not_scorable, note, modified, "
                                  "scheme_version) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, "
                                  "?10, ?11)");
    store::Statement cls(st.db(), "INSERT INTO classifications(uuid, transcript_id, coder_id, "
                                  "scheme_id, category, subcategory, unresolved, alternative, "
                                  "note, modified, scheme_version) VALUES (?1, ?2, ?3, ?4, ?5, "
                                  "?6, ?7, ?8, ?9, ?10, ?11)");
    // Each coder's own stream, far from the project's (seed) and from the other coders'.
    Rng rng(seed * 0x9E3779B97F4A7C15ULL + 0x5EED0000ULL +
            static_cast<std::uint64_t>(coder_number));
    Counts n;
    for (const auto& t : st.transcripts())
    {
        const auto at = index_of_uuid.find(t.uuid);
        if (at == index_of_uuid.end())
        {
            std::cerr << kProgram << ": " << file.string() << ": transcript " << t.uuid
                      << " is not one this program made\n";
            std::exit(1);
        }
        const long ti = at->second;
        const auto& passages = answers[static_cast<std::size_t>(ti)];
        std::int64_t second = 60 + 600 * coder_number; // the coders work at different hours
        Passage last{};
        for (long a = 0; a < annotations; ++a)
        {
            const auto an = make_annotation(rng, passages, demo.codes, a == 0, last);
            const auto when = stamp(ti, second += 7, 2027);
            ann.bind(1, an.uuid).bind(2, t.id).bind(3, coder).bind(4, an.scheme_id);
            ann.bind(5, an.code).bind(6, an.start).bind(7, an.end).bind(8, an.memo);
            ann.bind(9, when).bind(10, when).bind(11, version.at(an.scheme_id));
            ann.run();
            ann.reset();
            ++n.annotations;
        }
        for (const auto& sc : demo.scales)
        {
            const auto r = make_rating(rng, sc);
            rat.bind(1, r.uuid).bind(2, t.id).bind(3, coder).bind(4, r.scheme_id);
            rat.bind(5, r.scale).bind(6, r.target).bind(7, r.value);
            rat.bind(8, r.not_scorable ? 1 : 0).bind(9, r.note);
            rat.bind(10, stamp(ti, second += 5, 2027)).bind(11, version.at(r.scheme_id));
            rat.run();
            rat.reset();
            ++n.ratings;
        }
        const auto cl = make_classification(rng, *demo.state_of_mind, kProgram);
        cls.bind(1, cl.uuid).bind(2, t.id).bind(3, coder).bind(4, cl.scheme_id);
        cls.bind(5, cl.category).bind(6, cl.subcategory).bind(7, cl.unresolved);
        cls.bind(8, cl.alternative).bind(9, cl.note);
        cls.bind(10, stamp(ti, second += 30, 2027)).bind(11, version.at(cl.scheme_id));
        cls.run();
        cls.reset();
        ++n.classifications;
    }
    tx.commit();
    return n;
}

} // namespace

int main(int argc, char** argv)
{
    if (argc < 2)
        return usage();
    std::filesystem::path dir;
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
        else if (!a.empty() && a[0] != '-' && dir.empty())
            dir = a;
        else
            ok = false;
        if (!ok)
            return usage();
    }
    if (dir.empty())
        return usage();

    const auto t0 = std::chrono::steady_clock::now();
    std::error_code ec;
    std::filesystem::create_directories(dir, ec);
    const auto project_file = dir / "project.attune";
    std::vector<std::filesystem::path> package_files;
    for (long c = 0; c < coders; ++c)
        package_files.push_back(dir / ("coder" + std::to_string(c + 1) + ".attune"));
    for (const auto& f : package_files)
        std::filesystem::remove(f, ec);
    std::filesystem::remove(project_file, ec);

    // ---- the project: schemes, coders, transcripts; no coding
    DemoSchemes demo;
    std::vector<store::CoderId> coder_ids;
    {
        auto created = project::Session::create(project_file);
        if (!created)
            die(kProgram, project_file.string(), created.error());
        auto& s = **created;
        demo = add_demo_schemes(s, kProgram);
        for (long c = 0; c < coders; ++c)
        {
            auto r = s.apply(project::AddCoder{"coder" + std::to_string(c + 1)});
            if (!r)
                die(kProgram, "add coder", r.error());
            coder_ids.push_back(r->coder);
        }
    }
    std::vector<std::vector<Passage>> answers; // by transcript index
    std::unordered_map<std::string, long> index_of_uuid;
    std::int64_t words_cp = 0;
    {
        auto opened = store::ProjectStore::open(project_file);
        if (!opened)
            die(kProgram, project_file.string(), opened.error());
        auto& st = *opened;
        Rng rng(seed);
        std::optional<store::Transaction> tx;
        for (long ti = 0; ti < transcripts; ++ti)
        {
            if (!tx)
                tx.emplace(st.db());
            Transcript text = make_transcript(rng);
            words_cp += cp_length(text.text);
            const auto rec = transcript_record(text, ti, rng, stamp(ti, 0));
            st.insert_transcript(rec, text.text);
            index_of_uuid[rec.uuid] = ti;
            answers.push_back(std::move(text.answers));
            if ((ti + 1) % 50 == 0)
            {
                tx->commit();
                tx.reset();
            }
        }
        if (tx)
            tx->commit();
    } // closed (the WAL checkpointed)
    const double t_project = seconds_since(t0);

    // ---- a package per coder, as `attune-cli package PROJECT --coder NAME --out FILE` makes it
    {
        auto opened = project::Session::open(project_file);
        if (!opened)
            die(kProgram, project_file.string(), opened.error());
        for (long c = 0; c < coders; ++c)
        {
            auto made =
                team::make_package(**opened, {coder_ids[static_cast<std::size_t>(c)],
                                              package_files[static_cast<std::size_t>(c)], false});
            if (!made)
                die(kProgram, package_files[static_cast<std::size_t>(c)].string(), made.error());
        }
    }
    const double t_packages = seconds_since(t0);

    // ---- each coder's work, in their package
    Counts total;
    for (long c = 0; c < coders; ++c)
    {
        const auto n = fill_package(package_files[static_cast<std::size_t>(c)], c + 1, answers,
                                    index_of_uuid, demo, annotations, seed);
        total.annotations += n.annotations;
        total.ratings += n.ratings;
        total.classifications += n.classifications;
    }
    const double t_all = seconds_since(t0);

    std::printf("%s: %ld transcripts (%.1f M code points), %ld coders, no coding; %.1f MB\n",
                project_file.c_str(), transcripts, static_cast<double>(words_cp) / 1e6, coders,
                static_cast<double>(std::filesystem::file_size(project_file)) / 1e6);
    for (const auto& f : package_files)
        std::printf("%s: %ld transcripts, %lld annotations, %lld ratings, %lld classifications; "
                    "%.1f MB\n",
                    f.c_str(), transcripts, static_cast<long long>(total.annotations / coders),
                    static_cast<long long>(total.ratings / coders),
                    static_cast<long long>(total.classifications / coders),
                    static_cast<double>(std::filesystem::file_size(f)) / 1e6);
    std::printf("in %.1f s (project %.1f s, packages %.1f s, coding %.1f s)\n", t_all, t_project,
                t_packages - t_project, t_all - t_packages);
    return 0;
}
