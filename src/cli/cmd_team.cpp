// SPDX-License-Identifier: GPL-3.0-or-later
// assign / package / merge (docs/cli.md, docs/team-workflow.md): blind coding on many computers.
#include "cli/cmd_project_common.h"
#include "core/team/team.h"

#include <nlohmann/json.hpp>

#include <iostream>

namespace attune::cli
{

namespace
{

std::string name_of(const project::Transcript& t)
{
    return t.participant ? *t.participant : t.title;
}

struct AssignArgs
{
    std::vector<std::string> coders;
    std::vector<std::string> transcripts;
    double share = 0;
    std::uint64_t seed = 1;
    bool split = false;
};

void print_assignment(project::Session& s, const team::AssignOutcome& out)
{
    std::string names;
    for (const auto t : out.reliability)
        if (auto r = s.transcript(t))
            names += (names.empty() ? "" : ", ") + name_of(*r);
    std::cout << "reliability subset: " << out.reliability.size()
              << (out.reliability.size() == 1 ? " transcript" : " transcripts")
              << (names.empty() ? "" : " (" + names + ")") << ", coded by every coder named\n";
    for (const auto& [coder, rest] : out.rest)
    {
        const auto c = s.coders();
        const auto it =
            std::find_if(c.begin(), c.end(), [&](const auto& x) { return x.id == coder; });
        std::cout << (it == c.end() ? std::string("?") : it->name) << ": "
                  << out.reliability.size() + rest.size() << " transcripts ("
                  << out.reliability.size() << " reliability, " << rest.size() << " own)\n";
    }
}

void add_assign(CLI::App& app, Context& ctx)
{
    auto* cmd = app.add_subcommand(
        "assign", "Assign transcripts to coders: a reliability subset coded by every coder named "
                  "(--transcripts, or a random --share drawn with --seed), and with --split the "
                  "rest dealt among them. Replaces the named coders' earlier assignments");
    auto a = std::make_shared<AssignArgs>();
    ProjectCommand project_cmd(*cmd, ctx);
    cmd->add_option("--coders", a->coders, "The coders, e.g. ann,ben,cara")
        ->required()
        ->delimiter(',');
    auto* transcripts = cmd->add_option("--transcripts", a->transcripts,
                                        "The reliability subset (numeric ids or participant ids)")
                            ->delimiter(',');
    auto* share = cmd->add_option("--share", a->share,
                                  "Draw this share of the current transcripts as the "
                                  "reliability subset, e.g. 0.25")
                      ->check(decimal_number(0, 1));
    cmd->add_option("--seed", a->seed, "Seed of the draw (the same seed, the same subset)")
        ->transform(decimal_unsigned(std::numeric_limits<std::uint64_t>::max()));
    cmd->add_flag("--split", a->split, "Deal the transcripts outside the subset among the coders");
    transcripts->excludes(share);
    project_cmd.run(
        [a, share, &ctx](const OpenProject& p)
        {
            team::AssignRequest r;
            for (const auto& name : a->coders)
            {
                auto c = find_coder(p.session, name, ctx);
                if (!c)
                    return;
                r.coders.push_back(c->id);
            }
            for (const auto& name : a->transcripts)
            {
                auto t = find_transcript(p.session, name, ctx);
                if (!t)
                    return;
                r.transcripts.push_back(*t);
            }
            if (share->count() > 0)
                r.share = a->share;
            r.seed = a->seed;
            r.split_rest = a->split;
            auto out = team::assign(p.session, r);
            if (!out)
                return fail(ctx, out.error(), p.path);
            print_assignment(p.session, *out);
        },
        [a, share]()
        {
            if (a->transcripts.empty() && share->count() == 0)
                return usage_error("give the reliability subset: --transcripts or --share");
            if (share->count() > 0 && !(a->share > 0))
                return usage_error("--share must be more than 0");
            return kExitOk;
        });
}

void add_package(CLI::App& app, Context& ctx)
{
    auto* cmd = app.add_subcommand(
        "package", "Write a coder's package: a project file with the transcripts assigned to "
                   "that coder and that coder's own work only, to code blind on another "
                   "computer and merge back (attune-cli merge)");
    auto out = std::make_shared<std::string>();
    auto replace = std::make_shared<bool>(false);
    ProjectCommand project_cmd(*cmd, ctx);
    project_cmd.with_coder("The coder the package is for");
    cmd->add_option("--out", *out, "The package file to write (e.g. ann.attune)")->required();
    cmd->add_flag("--replace", *replace, "Replace an existing file at --out");
    project_cmd.run(
        [out, replace, &ctx](const OpenProject& p)
        {
            auto done = team::make_package(p.session, {p.coder->id, *out, *replace});
            if (!done)
                return fail(ctx, done.error(), p.path);
            std::cout << "wrote " << done->out.string() << " for coder " << p.coder->name << " ("
                      << done->transcripts << " transcripts, " << done->annotations
                      << " annotations, " << done->ratings << " ratings, " << done->classifications
                      << " classifications)\n";
        });
}

nlohmann::json items_json(const std::vector<team::MergeItem>& items)
{
    nlohmann::json out = nlohmann::json::array();
    for (const auto& i : items)
        out.push_back({{"kind", i.kind},
                       {"uuid", i.uuid},
                       {"transcript", i.transcript},
                       {"detail", i.detail}});
    return out;
}

nlohmann::json report_json(const team::MergeReport& r)
{
    nlohmann::json packages = nlohmann::json::array();
    for (const auto& p : r.packages)
        packages.push_back({{"file", p.file.string()},
                            {"package", p.package_uuid},
                            {"coder", p.coder},
                            {"added", p.added},
                            {"changed", p.changed},
                            {"deleted", p.deleted},
                            {"unchanged", p.unchanged},
                            {"conflicts", items_json(p.conflicts)},
                            {"refused", items_json(p.refused)},
                            {"notes", p.notes}});
    return {
        {"dry_run", r.dry_run}, {"changes_project", r.changes_project()}, {"packages", packages}};
}

void print_items(const char* what, const std::vector<team::MergeItem>& items)
{
    for (const auto& i : items)
        std::cout << "  " << what << ": " << i.kind << (i.uuid.empty() ? "" : " " + i.uuid)
                  << (i.transcript.empty() ? "" : " (" + i.transcript + ")") << ": " << i.detail
                  << '\n';
}

void print_report(const team::MergeReport& r)
{
    for (const auto& p : r.packages)
    {
        std::cout << p.file.string() << " (coder " << p.coder << "): " << p.added << " new, "
                  << p.changed << " changed, " << p.deleted << " deleted, " << p.unchanged
                  << " unchanged, " << p.conflicts.size() << " conflicts, " << p.refused.size()
                  << " refused\n";
        for (const auto& n : p.notes)
            std::cout << "  note: " << n << '\n';
        print_items("conflict", p.conflicts);
        print_items("refused", p.refused);
    }
    if (r.dry_run)
        std::cout << "dry run: nothing was written\n";
    else if (!r.changes_project())
        std::cout << "nothing changed: the project already holds everything in "
                  << (r.packages.size() == 1 ? "this package" : "these packages") << '\n';
    else
        std::cout << "merged " << r.packages.size()
                  << (r.packages.size() == 1 ? " package" : " packages") << '\n';
}

void add_merge(CLI::App& app, Context& ctx)
{
    auto* cmd = app.add_subcommand(
        "merge", "Merge coders' packages into the project they were made from, in one "
                 "transaction: new, changed and deleted records, conflicts (the newer change "
                 "kept, the other in the audit log) and refusals, reported per package");
    auto files = std::make_shared<std::vector<std::string>>();
    auto dry_run = std::make_shared<bool>(false);
    auto format = std::make_shared<std::string>("text");
    ProjectCommand project_cmd(*cmd, ctx);
    cmd->add_option("FILE", *files, "The packages")->required();
    cmd->add_flag("--dry-run", *dry_run, "Report what the merge would do; write nothing");
    cmd->add_option("--format", *format, "text (the default) or json")
        ->check(CLI::IsMember({"text", "json"}));
    project_cmd.run(
        [files, dry_run, format, &ctx](const OpenProject& p)
        {
            std::vector<std::filesystem::path> paths(files->begin(), files->end());
            team::MergeOptions o;
            o.dry_run = *dry_run;
            auto report = team::merge_packages(p.session, paths, o);
            if (!report)
                return fail(ctx, report.error(), p.path);
            if (*format == "json")
                std::cout << report_json(*report).dump(2) << '\n';
            else
                print_report(*report);
        });
}

const bool registered = register_group("team",
                                       [](CLI::App& app, Context& ctx)
                                       {
                                           add_assign(app, ctx);
                                           add_package(app, ctx);
                                           add_merge(app, ctx);
                                       });

} // namespace

} // namespace attune::cli
