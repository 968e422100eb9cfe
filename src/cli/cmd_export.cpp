// SPDX-License-Identifier: GPL-3.0-or-later
// `attune-cli export`: a dataset of a project for R, SPSS, Stata, Excel and Python
// (docs/export.md). The datasets are core's (io/datasets.h); this file only names the options,
// resolves what they name and writes the file atomically.
#include "cli/cmd_project_common.h"
#include "core/io/dataset_writers.h"
#include "core/io/datasets.h"

#include <iterator>

namespace attune::cli
{

namespace
{

struct ExportArgs
{
    std::string dataset;
    std::string format;
    std::string out;
    std::vector<std::string> transcripts;
    std::vector<std::string> coders;
    std::vector<std::string> schemes;
    bool with_text = false;
    bool excel = false;
};

// What --transcripts, --coders and --scheme name; nullopt once a failure is reported.
std::optional<io::DatasetOptions> resolve(project::Session& s, const ExportArgs& a, Context& ctx)
{
    io::DatasetOptions o;
    o.with_text = a.with_text;
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

void add_export(CLI::App& app, Context& ctx)
{
    auto* cmd = app.add_subcommand(
        "export", "Write a dataset (wide, ratings, classifications, annotations, dictionary) as "
                  "CSV or JSON for R, SPSS, Stata, Excel and Python (docs/export.md)");
    auto a = std::make_shared<ExportArgs>();
    ProjectCommand project_cmd(*cmd, ctx);
    cmd->add_option("--dataset", a->dataset,
                    "wide, ratings, classifications, annotations or "
                    "dictionary")
        ->required()
        ->check(CLI::IsMember(
            std::vector<std::string>(std::begin(io::kDatasetNames), std::end(io::kDatasetNames))));
    cmd->add_option("--format", a->format, "csv or json")
        ->required()
        ->check(CLI::IsMember({"csv", "json"}));
    cmd->add_option("--out", a->out, "The file to write (replaced atomically)")->required();
    cmd->add_option("--transcripts", a->transcripts,
                    "Only these transcripts (numeric ids or participant ids)");
    cmd->add_option("--coders", a->coders, "Only these coders");
    cmd->add_option("--scheme", a->schemes, "Only these schemes (ids; their latest version)");
    cmd->add_flag("--with-text", a->with_text,
                  "Include the passages' text (annotations): transcript text leaves the project "
                  "only with this flag");
    cmd->add_flag("--excel", a->excel, "CSV for Excel: a UTF-8 byte order mark and CRLF");
    project_cmd.run(
        [a, &ctx](const OpenProject& p)
        {
            auto o = resolve(p.session, *a, ctx);
            if (!o)
                return;
            auto table = io::build_dataset(p.session, a->dataset, *o);
            auto info = io::export_info(p.session, *o);
            if (!table || !info)
            {
                fail(ctx, table ? info.error() : table.error(), p.path);
                return;
            }
            const std::string content = a->format == "json"
                                            ? io::dataset_json(*table, *info)
                                            : io::dataset_csv(*table, io::CsvOptions{a->excel});
            if (auto w = io::write_file_atomic(a->out, content); !w)
                ctx.exit_code = report(w.error());
        },
        [a]()
        {
            if (a->excel && a->format != "csv")
                return usage_error("--excel applies to --format csv only");
            return kExitOk;
        });
}

const bool registered =
    register_group("export", [](CLI::App& app, Context& ctx) { add_export(app, ctx); });

} // namespace

} // namespace attune::cli
