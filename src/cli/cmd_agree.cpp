// SPDX-License-Identifier: GPL-3.0-or-later
// `attune-cli agree`: parses the options and dispatches to the table, spans or project mode.
#include "cmd_agree.h"

#include <limits>
#include <memory>

namespace attune::cli
{
namespace
{

void add_agree(CLI::App& app, Context& ctx)
{
    auto o = std::make_shared<AgreeOptions>();
    auto* cmd = app.add_subcommand(
        "agree",
        "Inter-rater agreement: on a table of ratings (--table), on coded spans (--spans), or "
        "the AAI analysis of a project (PROJECT). Formulas and sources: docs/agreement.md");
    cmd->add_option("PROJECT", o->project, "Project file (project mode)");
    cmd->add_option("--table", o->table,
                    "CSV with header unit,<coder>,<coder>,...; one row per unit; empty = missing");
    cmd->add_option("--spans", o->spans, "CSV with header coder,start,end,code (half-open spans)");
    cmd->add_option("--metric", o->metric,
                    "percent-agreement, cohen-kappa, scott-pi, fleiss-kappa, krippendorff-alpha, "
                    "gwet-ac1, gwet-ac2, brennan-prediger, icc, pearson, spearman, "
                    "mean-absolute-difference, within-0.5, within-1 (table mode); "
                    "alpha-u, u-alpha-2016, binary-u-alpha, cu-alpha, Cu-alpha, span-f1, "
                    "gamma (spans mode)");
    cmd->add_option("--categories", o->categories,
                    "Declared categories in order, including unused ones (table mode)")
        ->delimiter(',');
    cmd->add_option("--level", o->level,
                    "nominal, ordinal, interval or ratio (krippendorff-alpha)");
    cmd->add_option("--weights", o->weights, "none, linear, quadratic or custom (kappa, AC2)");
    cmd->add_option("--weight-matrix", o->weight_matrix,
                    "q x q CSV of agreement weights in --categories order (--weights custom)");
    cmd->add_option("--form", o->form, "ICC form: 1,1 2,1 3,1 1,k 2,k 3,k (default 2,1)");
    cmd->add_option("--bootstrap", o->bootstrap,
                    "Bootstrap resamples for a CI (alpha; the 2016 unitizing alphas)")
        ->transform(decimal_integer(1, 1000000));
    cmd->add_option("--seed", o->seed, "Seed of the bootstrap (reproducible; default 1)")
        ->transform(decimal_unsigned(std::numeric_limits<std::uint64_t>::max()));
    cmd->add_option("--continuum", o->continuum, "BEGIN,END of the coded text (spans mode)");
    cmd->add_option("--coders", o->coders, "Coders to include, also those who marked nothing")
        ->delimiter(',');
    cmd->add_option("--overlap", o->overlap, "Minimum overlap share for span-f1 matches")
        ->transform(decimal_number(-std::numeric_limits<double>::max(),
                                   std::numeric_limits<double>::max()));
    cmd->add_option("--master", o->master, "Master coder every coder is compared with");
    cmd->add_option("--transcripts", o->transcripts, "Transcripts (ids or participants)")
        ->delimiter(',');
    cmd->add_option("--scheme", o->scheme, "Scheme id (project mode)");
    cmd->add_option("--section", o->section, "AAI question section, e.g. Q3 (project mode)");
    cmd->add_option("--domains", o->domains,
                    "CSV with header code,domain: each code's semantic domain (spans mode)");
    cmd->add_option("--domain", o->domain, "Restrict to one domain of --domains (spans mode)");
    cmd->add_option("--gamma-alpha", o->gamma_alpha, "gamma: weight of positional dissimilarity")
        ->transform(decimal_number(0.0, 1e9));
    cmd->add_option("--gamma-beta", o->gamma_beta, "gamma: weight of categorical dissimilarity")
        ->transform(decimal_number(0.0, 1e9));
    cmd->add_option("--gamma-empty", o->gamma_empty, "gamma: cost of a unit left unaligned")
        ->transform(decimal_number(0.0, 1e9));
    cmd->add_option("--sampler", o->sampler, "gamma's chance disorder: shuffle or statistical")
        ->check(CLI::IsMember({"shuffle", "statistical"}));
    cmd->add_option("--samples", o->samples, "gamma: samples of the chance disorder")
        ->transform(decimal_integer(1, 1000000));
    cmd->add_option("--format", o->format, "text, json or csv")
        ->check(CLI::IsMember({"text", "json", "csv"}));
    cmd->callback(
        [&ctx, o]
        {
            const int modes =
                int(!o->table.empty()) + int(!o->spans.empty()) + int(!o->project.empty());
            if (modes != 1)
            {
                ctx.exit_code =
                    usage_error("agree needs exactly one of --table FILE, --spans FILE or PROJECT");
                return;
            }
            if (!o->table.empty())
                ctx.exit_code = agree_table(*o);
            else if (!o->spans.empty())
                ctx.exit_code = agree_spans(*o);
            else
                ctx.exit_code = agree_project(*o);
        });
}

const bool registered = register_group("agree", add_agree);

} // namespace
} // namespace attune::cli
