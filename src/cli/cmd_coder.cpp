// SPDX-License-Identifier: GPL-3.0-or-later
// coder add / coder list (docs/cli.md): coders are never created implicitly.
#include "cli/cmd_project_common.h"
#include "core/io/listing_json.h"

#include <iostream>

namespace attune::cli
{

namespace
{

const bool registered = register_group(
    "coder",
    [](CLI::App& app, Context& ctx)
    {
        auto* group = app.add_subcommand("coder", "Manage the project's coders");
        group->require_subcommand(1);

        auto* add = group->add_subcommand("add", "Add a coder; prints the new coder's id");
        auto project = std::make_shared<std::string>();
        auto name = std::make_shared<std::string>();
        add->add_option("PROJECT", *project, "Project file")->required();
        add->add_option("NAME", *name, "Coder name (unique)")->required();
        add->callback(
            [&ctx, project, name]
            {
                auto s = open_project(*project, ctx);
                if (!s)
                    return;
                auto out = s->apply(project::AddCoder{*name});
                if (!out)
                    return fail(ctx, out.error(), *project);
                std::cout << out->id << '\n';
            });

        auto* list = group->add_subcommand(
            "list", "List coders with their progress: name, transcripts coded, annotations, "
                    "ratings, classifications (TSV, or JSON with uuid and role)");
        auto lproject = std::make_shared<std::string>();
        auto format = std::make_shared<std::string>("tsv");
        list->add_option("PROJECT", *lproject, "Project file")->required();
        list->add_option("--format", *format, "tsv (default) or json")
            ->check(CLI::IsMember({"tsv", "json"}));
        list->callback(
            [&ctx, lproject, format]
            {
                auto s = open_project(*lproject, ctx);
                if (!s)
                    return;
                if (*format == "json")
                {
                    std::cout << io::coders_json(s->progress()) << '\n';
                    return;
                }
                std::cout << "id\tname\ttranscripts\tannotations\tratings\tclassified\n";
                for (const auto& p : s->progress())
                    std::cout << p.coder.id << '\t' << tsv_field(p.coder.name) << '\t'
                              << p.transcripts_coded << '\t' << p.annotations << '\t' << p.ratings
                              << '\t' << p.classified << '\n';
            });
    });

} // namespace

} // namespace attune::cli
