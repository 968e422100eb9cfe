// SPDX-License-Identifier: GPL-3.0-or-later
// attune-cli: scripts and pipelines do with it what the workbench does by hand.
#include "cli/cli_common.h"
#include "core/base/version.h"
#include "core/store/database.h"

#include <algorithm>
#include <exception>
#include <iostream>

int main(int argc, char** argv)
{
    using namespace attune::cli;
    CLI::App app{"attune-cli: headless tools of Attune, the workbench for coding Adult Attachment "
                 "Interview transcripts.\nExit codes: 0 ok, 1 bad input or data, 2 usage error.",
                 "attune-cli"};
    app.set_version_flag("--version", std::string("attune-cli ") + attune::kVersion);
    app.require_subcommand(1);
    app.fallthrough(false);

    Context ctx;
    // Registration order depends on link order; sort so --help lists groups stably.
    auto groups = command_groups();
    std::sort(groups.begin(), groups.end(),
              [](const auto& a, const auto& b) { return a.first < b.first; });
    for (auto& [name, group] : groups)
        group(app, ctx);

    try
    {
        app.parse(argc, argv);
    }
    catch (const CLI::Success& e)
    {
        return app.exit(e);
    }
    catch (const CLI::ParseError& e)
    {
        app.exit(e);
        return kExitUsage;
    }
    catch (const attune::store::StoreError& e)
    {
        // A query failing on a damaged or vanished file is bad input, not a bug: exit 1 with
        // the file's name, as every other read error (docs/cli.md).
        attune::Error error = e.to_error();
        if (!ctx.project.empty())
            error.where = attune::SourceLocation{ctx.project, 0, 0};
        return report(error);
    }
    catch (const std::bad_alloc&)
    {
        std::cerr << "attune-cli: error: out of memory\n";
        return kExitInternal;
    }
    catch (const std::exception& e)
    {
        // The one catch-all boundary of the CLI: a bug must not look like bad input.
        std::cerr << "attune-cli: internal error: " << e.what() << '\n';
        return kExitInternal;
    }
    return ctx.exit_code;
}
