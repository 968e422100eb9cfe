// SPDX-License-Identifier: GPL-3.0-or-later
// `attune-cli report PROJECT --out report.html`: the reliability report (io/reliability_report.h),
// the same HTML the workbench shows and exports, with the selection of `agree PROJECT`.
#include "cli/cmd_project_common.h"

#include "core/analysis/project_agreement.h"
#include "core/io/atomic_file.h"
#include "core/io/reliability_report.h"

#include <filesystem>
#include <memory>
#include <optional>
#include <thread>

namespace attune::cli
{
namespace
{

struct ReportArgs
{
    std::string out;
    analysis::AgreementOptions filters;
};

void add_report(CLI::App& app, Context& ctx)
{
    auto* cmd = app.add_subcommand(
        "report",
        "Write the reliability report: one self-contained HTML file (no network, inline CSS and "
        "SVG) with the agreement tables and plots of 'agree PROJECT' and a ready methods "
        "paragraph (docs/agreement.md \"Reliability report\")");
    ProjectCommand project_cmd(*cmd, ctx);
    project_cmd.reading_only();
    auto a = std::make_shared<ReportArgs>();
    cmd->add_option("--out", a->out, "The HTML file to write (replaced whole, or left as it was)")
        ->required();
    // The selection of `agree PROJECT` (cmd_agree.cpp), with the same meaning.
    cmd->add_option("--coders", a->filters.coders, "Coders to include (default: all of them)")
        ->delimiter(',');
    cmd->add_option("--master", a->filters.master, "Master coder every coder is compared with");
    cmd->add_option("--transcripts", a->filters.transcripts, "Transcripts (ids or participants)")
        ->delimiter(',');
    cmd->add_option("--scheme", a->filters.scheme, "Scheme id (default: every scheme)");
    cmd->add_option("--section", a->filters.section, "AAI question section, e.g. Q3");
    project_cmd.run(
        [&ctx, a](const OpenProject& p)
        {
            io::ReliabilityHtmlOptions options;
            options.project = std::filesystem::path(p.path).filename().string();
            // The project is open only to be read, quickly: the page kept in it is written as
            // it is while no record changed. Otherwise the page is made from this reading
            // session while a thread opens the project as every command opens it (verified,
            // which on a large project is a second or so of its own; read-only in a read-only
            // place): the report is written only when that open succeeds, and the page is then
            // kept through it. A damaged file thus fails as before, and is never written to.
            std::string page;
            if (auto kept = io::kept_reliability_page(p.session, a->filters, options))
                page = std::move(*kept);
            else
            {
                std::optional<Result<std::unique_ptr<project::Session>>> opened;
                std::thread opener([&] { opened.emplace(project::Session::open(p.path)); });
                auto made = io::make_reliability_pages(p.session, a->filters, options);
                opener.join();
                if (!*opened)
                    return fail(ctx, opened->error(), p.path);
                if (!made)
                    return fail(ctx, made.error(), p.path);
                io::keep_reliability_pages(***opened, *made);
                page = std::move(made->page);
            }
            if (auto written = io::write_file_atomic(a->out, page); !written)
            {
                ctx.exit_code = cli::report(written.error());
                return;
            }
        },
        [a]
        {
            if (a->out.empty())
                return usage_error("--out needs a file name");
            return kExitOk;
        });
}

const bool registered = register_group("report", add_report);

} // namespace
} // namespace attune::cli
