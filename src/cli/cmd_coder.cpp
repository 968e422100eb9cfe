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
        ProjectCommand add_cmd(*add, ctx);
        auto name = std::make_shared<std::string>();
        add->add_option("NAME", *name, "Coder name (unique)")->required();
        add_cmd.run(
            [&ctx, name](const OpenProject& p)
            {
                auto out = p.session.apply(project::AddCoder{*name});
                if (!out)
                    return fail(ctx, out.error(), p.path);
                std::cout << out->id << '\n';
            });

        auto* list = group->add_subcommand(
            "list", "List coders with their progress: name, transcripts coded, annotations, "
                    "ratings, classifications (TSV, or JSON with uuid and role)");
        ProjectCommand list_cmd(*list, ctx);
        auto format = add_listing_format(*list);
        list_cmd.run(
            [format](const OpenProject& open)
            {
                if (*format == "json")
                {
                    std::cout << io::coders_json(open.session.progress()) << '\n';
                    return;
                }
                std::cout << "id\tname\ttranscripts\tannotations\tratings\tclassified\n";
                for (const auto& p : open.session.progress())
                    std::cout << p.coder.id << '\t' << tsv_field(p.coder.name) << '\t'
                              << p.transcripts_coded << '\t' << p.annotations << '\t' << p.ratings
                              << '\t' << p.classified << '\n';
            });
    });

} // namespace

} // namespace attune::cli
