// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The reliability report: one self-contained HTML5 document (inline CSS and SVG, no script, a
// Content-Security-Policy that forbids every network load) with the agreement report's tables
// and plots and a ready methods paragraph (GRRAS, Kottner et al. 2011). The one renderer of the
// workbench's dashboard (with links back into the app) and of the report file
// (`attune-cli report`, File > Export Reliability Report). Described in docs/agreement.md
// "## Reliability report".

#include "core/analysis/project_agreement.h"
#include "core/analysis/study_facts.h"
#include "core/base/result.h"

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace attune::io
{

struct ReliabilityHtmlOptions
{
    /// For the screen: confusion cells link to `attune://transcripts?ids=3,7` and transcript
    /// names to `attune://transcript/3`. Off (a file): a cell names its transcripts in a
    /// tooltip and the disagreeing cells' transcripts are listed under each heat map.
    bool links = false;
    /// With links: every row of the per-transcript tables. Off, a table of more than 20 rows
    /// shows the 10 transcripts of lowest αu and a link `attune://every-transcript`. A file
    /// (no links) always has every row.
    bool every_transcript = false;
    std::string project;                ///< the project's name, shown in the title
    analysis::AgreementOptions filters; ///< the selection, shown in the header
    std::string generated;              ///< when the report was made ("" = not shown)
};

/// The report as one HTML document. Every number of the methods paragraph is written by the
/// same formatter as its table cell and carries the cell's `data-ref`, so the two read alike
/// character for character. All text from the project is escaped.
std::string reliability_html(const analysis::AgreementReport& report,
                             const analysis::StudyFacts& facts,
                             const ReliabilityHtmlOptions& options);

/// The whole report of a project: analyze_agreement with `filters` (without the list of places,
/// which the report does not show), study_facts, reliability_html with `html` (its `filters`
/// set to these). What `attune-cli report`, the dashboard and File > Export Reliability Report
/// write and show. A page without a `generated` time is kept in the project with the records'
/// revision (Session::keep_derived, unless the project is read-only) and given back as kept
/// while no record changed (`*kept` = true): the same bytes, without computing them again. A
/// page with a time is made from that kept page, the time put in (kept_reliability_page).
/// Errors: those of analyze_agreement and study_facts.
[[nodiscard]] Result<std::string> reliability_page(project::Session& session,
                                                   const analysis::AgreementOptions& filters,
                                                   ReliabilityHtmlOptions html,
                                                   bool* kept = nullptr);

/// The pages one analysis makes, not yet kept (reliability_page is make, then keep; the
/// dashboard makes them on a thread of its own with a session of its own, and keeps them with
/// the workbench's).
struct MadePages
{
    std::int64_t revision = -1; ///< the records' revision read first; -1: not to be kept
    std::string page;           ///< as asked for
    /// Every variant without a time (the file; the screen, brief and with every transcript),
    /// under its key: what keep_reliability_pages keeps.
    std::vector<std::pair<std::string, std::string>> variants;
};

/// Analysis, facts and HTML as reliability_page does when nothing is kept. `filters.progress`
/// is called as analyze_agreement calls it. Errors: those of analyze_agreement (Cancelled
/// included) and study_facts.
[[nodiscard]] Result<MadePages> make_reliability_pages(project::Session& session,
                                                       const analysis::AgreementOptions& filters,
                                                       ReliabilityHtmlOptions html);

/// Keeps the variants make_reliability_pages made at its revision; nothing for a read-only
/// project or an unknown revision.
void keep_reliability_pages(project::Session& session, const MadePages& made);

/// The page reliability_page would give back as kept, if one is (the records unchanged since it
/// was made); nullopt otherwise or when the project cannot be read. Computes nothing. A page
/// with a time (`generated`) is the kept page without one with the time put into its header,
/// byte for byte what reliability_html writes.
std::optional<std::string> kept_reliability_page(project::Session& session,
                                                 const analysis::AgreementOptions& filters,
                                                 const ReliabilityHtmlOptions& html);

/// The key a page of these options is kept under: a digest of the version of Attune, the
/// page's format and every option.
std::string reliability_page_key(const analysis::AgreementOptions& filters,
                                 const ReliabilityHtmlOptions& html);

/// Now, as a report says when it was made: local time, "2026-12-02 14:05".
std::string report_timestamp();

/// Formats a coefficient as the report prints it: 2 decimals ("0.71", "-0.05"), "n/a" when
/// undefined. Shared with tests that read the report back.
std::string report_coefficient(const std::optional<double>& value);

} // namespace attune::io
