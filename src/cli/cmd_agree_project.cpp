// SPDX-License-Identifier: GPL-3.0-or-later
// agree, project mode: the AAI agreement analysis of a project (docs/agreement.md
// "## Project mode"), printed as text, one JSON object, or CSV rows by core's report writer
// (io/agreement_report.h), which a GUI export shares.
#include "cli/cmd_agree.h"
#include "cli/cmd_project_common.h"

#include "core/analysis/project_agreement.h"
#include "core/io/agreement_report.h"

#include <iostream>

namespace attune::cli
{

int agree_project(const AgreeOptions& o)
{
    if (!o.metric.empty() || !o.continuum.empty() || o.overlap || !o.categories.empty() ||
        !o.level.empty() || !o.weights.empty() || !o.weight_matrix.empty() || !o.form.empty() ||
        o.bootstrap || o.seed)
        return usage_error("only --coders, --master, --transcripts, --scheme, --section and "
                           "--format apply to agree PROJECT");
    Context ctx;
    auto session = open_project(o.project, ctx);
    if (!session)
        return ctx.exit_code;
    analysis::AgreementOptions options;
    options.coders = o.coders;
    options.master = o.master;
    options.transcripts = o.transcripts;
    options.scheme = o.scheme;
    options.section = o.section;
    auto r = analysis::analyze_agreement(*session, options);
    if (!r)
    {
        fail(ctx, r.error(), o.project);
        return ctx.exit_code;
    }
    io::write_agreement_report(std::cout, *r, o.project,
                               o.format == "json"  ? io::ReportFormat::Json
                               : o.format == "csv" ? io::ReportFormat::Csv
                                                   : io::ReportFormat::Text);
    return kExitOk;
}

} // namespace attune::cli
