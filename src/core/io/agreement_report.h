// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The AAI agreement report of a project (analysis::analyze_agreement) written out as text, one
// JSON object or CSV rows: what `attune-cli agree PROJECT --format text|json|csv` prints and
// what a GUI export writes to a file. The formats are documented in docs/agreement.md
// "## Project mode".

#include "core/analysis/project_agreement.h"

#include <ostream>
#include <string>

namespace attune::io
{

enum class ReportFormat
{
    Text, ///< for people: one section per part, statistics to 3-4 significant digits
    Json, ///< one object on one line, full doubles, null for undefined values
    Csv,  ///< part,scheme,item,coders,metric,value,n,detail rows, 10 significant digits
};

/// The report as one JSON object on one line (no trailing newline). `project` is the path
/// named in its "project" member and in the text's first line.
std::string agreement_report_json(const analysis::AgreementReport& report,
                                  const std::string& project);

/// Writes the report to `out` in `format`, each line ended by '\n' (the JSON object too).
void write_agreement_report(std::ostream& out, const analysis::AgreementReport& report,
                            const std::string& project, ReportFormat format);

} // namespace attune::io
