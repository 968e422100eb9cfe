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

const bool registered = register_group(
    "scheme-add",
    [](CLI::App& app, Context& ctx)
    {
        auto* add =
            shared_subcommand(app, "scheme", "Coding schemes")
                ->add_subcommand(
                    "add",
                    "Store a scheme's XML verbatim in a project (a new version reports orphaned "
                    "codes, which are kept)");
        ProjectCommand add_cmd(*add, ctx);
        auto file = std::make_shared<std::string>();
        add->add_option("FILE", *file, "Scheme XML file")->required();
        // The file is read before the project is opened, so its errors come first.
        auto xml = std::make_shared<std::string>();
        add_cmd.run(
            [&ctx, file, xml](const OpenProject& p)
            {
                auto out = p.session.apply(project::AddScheme{std::move(*xml), *file});
                if (!out)
                    return fail(ctx, out.error(), *file);
                for (const auto& info : p.session.schemes())
                    if (info.id == out->id)
                        std::cout << "scheme " << info.scheme_id << " version " << info.version
                                  << '\n';
                for (const auto& note : out->notes)
                    std::cout << note << '\n';
            },
            [&ctx, file, xml]
            {
                // The scheme size limit applies while reading, not after.
                auto read = read_file_limited(*file, scheme::kMaxFileBytes, "the scheme file");
                if (!read)
                {
                    fail(ctx, read.error(), *file);
                    return ctx.exit_code;
                }
                *xml = std::move(*read);
                return kExitOk;
            });
    });

} // namespace

} // namespace attune::cli
