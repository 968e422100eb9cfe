// SPDX-License-Identifier: GPL-3.0-or-later
// `scheme add PROJECT FILE`: joins the `scheme` group of cmd_scheme.cpp. Groups register in
// name order, so "scheme-add" runs after "scheme" and finds its subcommand; if that group is not
// linked in, it creates `scheme` itself.
#include "cli/cmd_project_common.h"
#include "core/base/file_read.h"
#include "core/scheme/scheme.h"

#include <iostream>

namespace attune::cli
{

namespace
{

CLI::App* scheme_group(CLI::App& app)
{
    try
    {
        return app.get_subcommand("scheme");
    }
    catch (const CLI::OptionNotFound&)
    {
        auto* g = app.add_subcommand("scheme", "Coding schemes");
        g->require_subcommand(1);
        return g;
    }
}

const bool registered = register_group(
    "scheme-add",
    [](CLI::App& app, Context& ctx)
    {
        auto* add = scheme_group(app)->add_subcommand(
            "add", "Store a scheme's XML verbatim in a project (a new version reports orphaned "
                   "codes, which are kept)");
        auto project = std::make_shared<std::string>();
        auto file = std::make_shared<std::string>();
        add->add_option("PROJECT", *project, "Project file")->required();
        add->add_option("FILE", *file, "Scheme XML file")->required();
        add->callback(
            [&ctx, project, file]
            {
                // The scheme size limit applies while reading, not after.
                auto xml = read_file_limited(*file, scheme::kMaxFileBytes, "the scheme file");
                if (!xml)
                    return fail(ctx, xml.error(), *file);
                auto s = open_project(*project, ctx);
                if (!s)
                    return;
                auto out = s->apply(project::AddScheme{std::move(*xml), *file});
                if (!out)
                    return fail(ctx, out.error(), *file);
                for (const auto& info : s->schemes())
                    if (info.id == out->id)
                        std::cout << "scheme " << info.scheme_id << " version " << info.version
                                  << '\n';
                for (const auto& note : out->notes)
                    std::cout << note << '\n';
            });
    });

} // namespace

} // namespace attune::cli
