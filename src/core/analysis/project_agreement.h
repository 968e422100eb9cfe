// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The AAI agreement analysis of a project (`attune-cli agree PROJECT`): classification agreement
// at each collapsing, scale agreement per scale and target, passage agreement per code and
// transcript with the places coders differ, pairwise and master comparisons.
// Definitions: docs/agreement.md "## Project mode".

#include "core/base/result.h"
#include "core/stats/estimate.h"
#include "core/store/ids.h"

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace attune::project
{
class Session;
}

namespace attune::analysis
{

/// Which part of a project to analyse. Empty = everything.
struct AgreementOptions
{
    std::vector<std::string> coders; ///< coder names; default: every coder of the project
    /// Coder every other coder is compared with; default: the project's one coder of role
    /// "master", if it has exactly one.
    std::string master;
    std::vector<std::string> transcripts; ///< ids or participants (Session::resolve_transcript)
    std::string scheme;                   ///< scheme id; default: every stored scheme
    std::string section;                  ///< AAI question section ("Q3"): passages inside it only
    /// Compute the passage part (passages, domains, turns, disagreements): it reads every
    /// annotation and every text, the most expensive part of the analysis.
    bool passages = true;
    /// List the places coders differ (AgreementReport::disagreements); needs `passages`.
    bool places = true;
    /// Read the annotations on a connection of their own (Session::reader_beside) while the
    /// calling thread reads the texts and scores. False reads them through the session, after
    /// the texts: the same result (a test compares the two), one thread less. Not part of a
    /// page's key.
    bool read_beside = true;
    /// Called before each step (each transcript's text, the annotations, each scheme and each
    /// of its transcripts' passages) and at the end (done = total) with the steps done and
    /// their count; false stops the analysis, which then fails with Cancelled. May be empty.
    /// The schemes are analysed on up to two threads: the calls come one at a time, in the same
    /// number and order of counts whatever the threads do, but not always on the caller's.
    /// Not part of a page's key: it changes no result.
    std::function<bool(std::size_t done, std::size_t total)> progress = {};
};

/// Agreement of two coders on one label set.
struct PairAgreement
{
    std::string coder_a;
    std::string coder_b;
    int n = 0;     ///< transcripts both labelled
    int agree = 0; ///< of those, with the same label
    stats::Estimate percent;
    stats::Estimate kappa;                   ///< Cohen's kappa
    std::vector<std::vector<int>> confusion; ///< labels × labels, rows = coder_a
    /// The transcripts counted in each confusion cell, by id (same shape as `confusion`).
    std::vector<std::vector<std::vector<store::TranscriptId>>> cells;
};

/// Agreement at one collapsing (2-, 3-, 4-, 5-way, subclass) of one classification.
struct ClassificationAgreement
{
    std::string scheme_id;
    std::string classification;
    std::string collapsing; ///< id, e.g. "aai-3way"
    std::string name;
    std::vector<std::string> labels;
    int n_transcripts = 0; ///< transcripts with ≥ 2 labels
    stats::Estimate percent;
    stats::Estimate kappa;                   ///< Cohen's kappa for 2 coders, Fleiss' kappa for 3+
    std::vector<PairAgreement> pairs;        ///< every coder pair (one for 2 coders)
    std::vector<PairAgreement> vs_master;    ///< each coder (coder_a) against the master (coder_b)
    std::vector<PairAgreement> vs_consensus; ///< each coder against the consensus (coder_b)
};

/// Agreement on one scale (and target).
struct ScaleAgreement
{
    std::string scheme_id;
    std::string scale;
    std::string target;      ///< "" for a global scale
    int n_transcripts = 0;   ///< transcripts with ≥ 1 score
    int not_scorable = 0;    ///< "not scorable" ratings, left out
    stats::Estimate icc;     ///< ICC(2,1), absolute agreement, complete rows only
    stats::Estimate within1; ///< share of rating pairs within 1 scale point
    stats::Estimate alpha;   ///< Krippendorff's alpha, interval level
};

/// αu of one code (or of all codes, code == "") on one transcript or all of them, with the 2016
/// family next to it (stats/unitizing_2016.h). For a code: `binary` is its α-binary (|uα of the
/// code alone), `cu` its (k)uα in its domain and `u_alpha_2016` is not computed (empty metric).
/// For all codes: uα, |uα pooled over the domains and `cu` = Cuα across them.
struct PassageAgreement
{
    std::string scheme_id;
    std::string code;               ///< "" = all codes of the scheme together
    store::TranscriptId transcript; ///< none (0) = every transcript, placed end to end
    std::string transcript_title;
    stats::Estimate alpha_u;
    std::string domain; ///< a code's domain (see DomainAgreement)
    stats::Estimate u_alpha_2016;
    stats::Estimate binary;
    stats::Estimate cu;
};

/// The 2016 family on one semantic domain, all transcripts end to end. A domain is a group of
/// the scheme holding codes directly (its id); a code outside every group is a domain of its own
/// (named after the code), and so is every code of a scheme without groups.
struct DomainAgreement
{
    std::string scheme_id;
    std::string domain;
    std::vector<std::string> codes;
    stats::Estimate u_alpha_2016;
    stats::Estimate binary; ///< |uα
    stats::Estimate cu;     ///< cuα
};

/// Kappa on whether a code is present in a speaker turn (units = turns of all transcripts).
struct TurnPresence
{
    std::string scheme_id;
    std::string code;
    stats::Estimate kappa; ///< Cohen (2 coders) or Fleiss (3+)
};

/// A stretch of text where coders differ on a code: some marked it, others did not.
struct Disagreement
{
    store::TranscriptId transcript;
    std::string transcript_title;
    std::string scheme_id;
    std::string code;
    std::int64_t start = 0; ///< code points, half-open
    std::int64_t end = 0;
    int first_line = 0; ///< display lines (project::line_spans), 1-based
    int last_line = 0;
    std::vector<std::string> marked_by;
    std::vector<std::string> not_marked_by;
};

/// A coder who coded a transcript under a scheme (a passage, a rating or a classification).
struct CodedBy
{
    store::TranscriptId transcript;
    store::CoderId coder;
    std::string scheme_id;
    auto operator<=>(const CodedBy&) const = default;
};

/// The whole report.
struct AgreementReport
{
    std::vector<std::string> coders; ///< the coders pooled (role "coder", not the master)
    std::string master;
    std::string consensus; ///< the consensus coder (role "consensus"), if the project has one
    std::vector<store::TranscriptId> transcripts;
    /// Each transcript's participant id, else its title, in `transcripts`' order; and how many
    /// current transcripts (the newest version of each) the project has. The analysis reads
    /// them anyway; study_facts takes them from here instead of reading the list again.
    std::vector<std::string> transcript_names;
    int transcripts_current = 0;
    std::string section;
    std::vector<ClassificationAgreement> classifications;
    std::vector<ScaleAgreement> scales;
    std::vector<PassageAgreement> passages;
    std::vector<DomainAgreement> domains;
    std::vector<TurnPresence> turns;
    std::vector<Disagreement> disagreements;
    /// Who coded what, each once, sorted: every coder whatever their role, on every selected
    /// transcript (the section left aside) and scheme, from the records the analysis reads.
    /// Complete (`coded_complete`) only when the passages were analysed, since only then are
    /// the annotations read: study_facts then need not read every record again.
    std::vector<CodedBy> coded;
    bool coded_complete = false;
};

/// The transcripts an analysis covers: the current ones (the newest version of each) when
/// `names` is empty, else the named ones (ids or participant ids, Session::resolve_transcript),
/// each once; by id. Errors: those of resolve_transcript. The agreement report and the
/// disagreement listing select alike through it.
[[nodiscard]] Result<std::vector<store::TranscriptId>>
analysed_transcripts(project::Session& session, const std::vector<std::string>& names);

/// Computes the report. Only coders of role "coder" are pooled (pairs, kappa over all, scales,
/// passages); the master and the project's consensus coder are compared with each pooled coder
/// (vs_master, vs_consensus) and never pooled, even when named in `coders`. Errors: NotFound (a
/// coder, master, transcript or scheme that does not exist; a --section that no selected transcript
/// has), InvalidArgument (fewer than 2 coders; a master that is not among the coders).
[[nodiscard]] Result<AgreementReport> analyze_agreement(project::Session& session,
                                                        const AgreementOptions& options);

} // namespace attune::analysis
