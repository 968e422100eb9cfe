// SPDX-License-Identifier: GPL-3.0-or-later
// `attune-cli export`: datasets of a project for R, SPSS, Stata, Excel and Python
// (docs/export.md). The datasets and the export itself are core's (io/datasets.h,
// io/export_job.h), which the workbench's File → Export Dataset… runs too; this file only names
// the options and resolves what they name.
#include "cli/cmd_project_common.h"
#include "core/io/export_job.h"

#include <cstdio>
#include <iostream>
#include <iterator>
#include <unistd.h>

namespace attune::cli
{

namespace
{

struct ExportArgs
{
    std::string dataset;
    bool all = false;
    std::vector<std::string> formats;
    std::string out;
    std::vector<std::string> transcripts;
    std::vector<std::string> coders;
    std::vector<std::string> schemes;
    bool with_text = false;
    bool excel = false;
    bool counts = false;
    bool binary = false;
};

// What --transcripts, --coders and --scheme name; nullopt once a failure is reported.
std::optional<io::DatasetOptions> resolve(project::Session& s, const ExportArgs& a, Context& ctx)
{
    io::DatasetOptions o;
    o.with_text = a.with_text;
    o.code_values = a.counts   ? io::CodeValues::Counts
                    : a.binary ? io::CodeValues::Binary
                               : io::CodeValues::Default;
    for (const auto& name : a.transcripts)
    {
        const auto t = find_transcript(s, name, ctx);
        if (!t)
            return std::nullopt;
        o.transcripts.push_back(*t);
    }
    for (const auto& name : a.coders)
    {
        const auto c = find_coder(s, name, ctx);
        if (!c)
            return std::nullopt;
        o.coders.push_back(c->id);
    }
    for (const auto& id : a.schemes)
    {
        // Checked here so that the message names the option the user gave.
        if (!s.scheme(id))
        {
            fail(ctx,
                 Error{ErrorCode::NotFound, "--scheme: no scheme '" + id + "' in the project", {}},
                 s.path().string());
            return std::nullopt;
        }
        o.schemes.push_back(id);
    }
    return o;
}

io::ExportRequest request_of(const ExportArgs& a)
{
    io::ExportRequest r;
    r.dataset = a.dataset;
    r.all = a.all;
    for (const auto& f : a.formats)
        if (const auto format = io::parse_export_format(f))
            r.formats.push_back(*format);
    r.out = a.out;
    r.excel_csv = a.excel;
    return r;
}

// "[3/8] writing annotations" on a terminal, rewritten in place; nothing when redirected.
io::ExportProgressFn terminal_progress()
{
    if (::isatty(STDERR_FILENO) == 0)
        return {};
    return [](const io::ExportProgress& p)
    {
        std::fprintf(stderr, "\r\033[K[%zu/%zu] %s", std::min(p.done + 1, p.total), p.total,
                     p.step.c_str());
        if (p.done == p.total)
            std::fputc('\n', stderr);
        return true;
    };
}

void add_export_options(CLI::App& cmd, ExportArgs& a)
{
    std::vector<std::string> datasets(std::begin(io::kDatasetNames), std::end(io::kDatasetNames));
    datasets.push_back(io::kProjectDataset);
    std::vector<std::string> formats;
    for (const auto f : io::kExportFormats)
        formats.push_back(io::to_string(f));
    auto* dataset = cmd.add_option("--dataset", a.dataset,
                                   "wide, ratings, classifications, annotations, code-matrix, "
                                   "turn-matrix, dictionary, or project (JSON only)")
                        ->check(CLI::IsMember(datasets));
    auto* all = cmd.add_flag("--all", a.all,
                             "Every dataset, in every --format given, into the folder --out, "
                             "with a README.txt");
    dataset->excludes(all);
    cmd.add_option("--format", a.formats,
                   "csv, sav, dta, xlsx or json; with --all several, e.g. csv,sav,xlsx")
        ->required()
        ->delimiter(',')
        ->check(CLI::IsMember(formats));
    cmd.add_option("--out", a.out,
                   "The file to write, or with --all the folder (new, empty, or an earlier "
                   "export's); replaced only when the export is complete")
        ->required();
    cmd.add_option("--transcripts", a.transcripts,
                   "Only these transcripts (numeric ids or participant ids)");
    cmd.add_option("--coders", a.coders, "Only these coders");
    cmd.add_option("--scheme", a.schemes, "Only these schemes (ids; their latest version)");
    cmd.add_flag("--with-text", a.with_text,
                 "Include the passages' text (annotations; the transcripts in project JSON): "
                 "transcript text leaves the project only with this flag");
    cmd.add_flag("--excel", a.excel, "CSV for Excel: a UTF-8 byte order mark and CRLF");
    auto* counts = cmd.add_flag("--counts", a.counts,
                                "code-matrix and turn-matrix: passages per code (the code "
                                "matrix's default)");
    auto* binary = cmd.add_flag("--binary", a.binary,
                                "code-matrix and turn-matrix: 1 when coded, else 0 (the turn "
                                "matrix's default)");
    counts->excludes(binary);
}

void add_export(CLI::App& app, Context& ctx)
{
    auto* cmd = app.add_subcommand(
        "export", "Write datasets (wide, ratings, classifications, annotations, code-matrix, "
                  "turn-matrix, dictionary, project) as CSV, SPSS .sav, Stata .dta, Excel .xlsx "
                  "or JSON for R, SPSS, Stata, Excel and Python (docs/export.md)");
    auto a = std::make_shared<ExportArgs>();
    ProjectCommand project_cmd(*cmd, ctx);
    add_export_options(*cmd, *a);
    project_cmd.run(
        [a, &ctx](const OpenProject& p)
        {
            auto o = resolve(p.session, *a, ctx);
            if (!o)
                return;
            io::ExportRequest r = request_of(*a);
            r.options = std::move(*o);
            auto done = io::run_export(p.session, r, terminal_progress());
            if (!done)
            {
                fail(ctx, done.error(), p.path);
                return;
            }
            std::cout << "wrote " << done->out.string() << " (" << done->files.size()
                      << (done->files.size() == 1 ? " file, " : " files, ") << done->rows
                      << " rows)\n";
        },
        [a]()
        {
            if (!a->all && a->dataset.empty())
                return usage_error("name a --dataset, or --all");
            // The request's own checks that need no project: usage errors, found before open.
            const io::ExportRequest r = request_of(*a);
            if (auto c = io::check_export_request(r);
                !c && c.error().code == ErrorCode::InvalidArgument)
                return usage_error(c.error().message);
            return kExitOk;
        });
}

const bool registered =
    register_group("export", [](CLI::App& app, Context& ctx) { add_export(app, ctx); });

} // namespace

} // namespace attune::cli
