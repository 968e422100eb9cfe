// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The facts about a reliability study that a methods paragraph reports (GRRAS, Kottner et al.
// 2011) beside the statistics of the agreement report: how many transcripts were double-coded
// out of how many, the coders and their roles, whether they coded blind, how disagreements were
// resolved, and the software. Definitions: docs/agreement.md "## Reliability report".

#include "core/analysis/project_agreement.h"

#include <string>
#include <vector>

namespace attune::analysis
{

/// A coder taking part in the report: pooled (role "coder"), the master or the consensus.
struct StudyCoder
{
    std::string name;
    std::string role;             ///< "coder", "master" or "consensus"
    int transcripts_coded = 0;    ///< analysed transcripts with a record of this coder
    bool through_package = false; ///< a package of this coder was merged (blind, see below)
};

/// A name with how often it occurs, most frequent first (ties by name).
struct NameCount
{
    std::string name;
    int count = 0;
};

/// The consensus decisions recorded on the analysed transcripts.
struct ConsensusSummary
{
    int decided = 0;                    ///< decisions recorded
    std::vector<NameCount> by_kind;     ///< "passage", "rating", "classification"
    std::vector<NameCount> by_decision; ///< store::kDecisions
    std::vector<NameCount> reasons;     ///< the scheme's label for a declared reason, else as given
    std::vector<NameCount> decided_by;
};

/// Whether the pooled coders are known to have coded blind to each other's work.
enum class Blindness
{
    All,     ///< every pooled coder's work came in through a merged package of their own
    Some,    ///< some did (StudyCoder::through_package says who)
    NotShown ///< the project records nothing that shows it
};

/// The facts of one study, for the report made from `report`. Rule for blindness: a coder
/// counts as blind only when the project's audit log records that a package of that coder was
/// merged ("merge package"): a package holds nobody else's records, so its coder could not see
/// the others' work. Assignments alone do not show it (coders of one shared project file can
/// open each other's records), so they count only as the study's design (reliability_assigned).
struct StudyFacts
{
    int transcripts_total = 0;    ///< current transcripts of the project (newest versions)
    int transcripts_analysed = 0; ///< the report's selection
    int double_coded = 0;         ///< analysed transcripts with records of ≥ 2 pooled coders
    /// Analysed transcripts with a record of exactly one pooled coder (coded once).
    int single_coded = 0;
    std::vector<StudyCoder> coders; ///< pooled coders in report order, then master, consensus
    Blindness blind = Blindness::NotShown;
    int reliability_assigned = 0; ///< analysed transcripts in the assigned reliability subset
    ConsensusSummary consensus;
    std::vector<std::string> schemes; ///< "name version" of each scheme analysed
    /// Names of the analysed transcripts (participant id, else title), in report.transcripts
    /// order: what a report shows for a transcript id.
    std::vector<std::string> transcript_names;
    std::string software = "Attune";
    std::string version; ///< core/base/version.h
};

/// Collects the facts for `report`, made by analyze_agreement with `options`. Reads the
/// project's records, assignments, consensus decisions and the audit log's merges; the
/// transcripts' count and names come from the report. Errors: NotFound (a scheme of the report
/// that no longer exists).
[[nodiscard]] Result<StudyFacts> study_facts(project::Session& session,
                                             const AgreementReport& report,
                                             const AgreementOptions& options);

} // namespace attune::analysis
