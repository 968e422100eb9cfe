// SPDX-License-Identifier: GPL-3.0-or-later
// backup: a consistent copy of a project that may be open elsewhere (docs/cli.md).
#include "cli/cmd_project_common.h"

#include <iostream>

namespace attune::cli
{

namespace
{

void add_backup(CLI::App& app, Context& ctx)
{
    auto* cmd = app.add_subcommand(
        "backup", "Write a consistent copy of a project, even while the workbench or another "
                  "program has it open (a plain file copy can miss the newest work)");
    ProjectCommand project_cmd(*cmd, ctx);
    auto out = std::make_shared<std::string>();
    cmd->add_option("COPY", *out, "The copy to write (must not exist)")->required();
    project_cmd.run(
        [&ctx, out](const OpenProject& p)
        {
            if (auto r = p.session.save_copy(*out); !r)
                return fail(ctx, r.error(), *out);
            std::cout << "copied " << p.path << " to " << *out << '\n';
        });
}

const bool registered =
    register_group("backup", [](CLI::App& app, Context& ctx) { add_backup(app, ctx); });

} // namespace

} // namespace attune::cli
