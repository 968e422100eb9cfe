// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Reconciliation: every place two coders differ (passages, ratings, classifications at each
// collapsing), each with a stable id, and the consensus decision that settles one
// (`attune-cli disagreements` and `resolve`; the reconciliation view offers the same).
// Definitions: docs/team-workflow.md "## Reconciling into a consensus".

#include "core/base/result.h"
#include "core/project/session.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace attune::analysis
{

/// What two coders differ on. Passages are paired as span_match pairs them (stats::span_pairs):
/// first the same code and span (agreement, not listed), then the same code overlapping
/// (Boundary), then overlapping passages of different codes of one scheme (DifferentCode); what
/// is left is OnlyA or OnlyB.
enum class DisagreementKind
{
    OnlyA,
    OnlyB,
    DifferentCode,
    Boundary,
    Rating,         ///< both scored a scale (and target) differently
    Classification, ///< both classified, with different labels at one collapsing
};

/// "only-a", "only-b", "different-code", "boundary", "rating", "classification".
const char* kind_name(DisagreementKind kind);
/// The kind of record a decision on it makes: "passage", "rating" or "classification".
const char* record_kind(DisagreementKind kind);

/// One coder's side of a disagreement. `uuid` is empty when the coder has no record there
/// (the other side of OnlyA / OnlyB).
struct CoderVersion
{
    std::string coder;
    std::string uuid;
    std::string code; ///< passages
    std::int64_t start = 0;
    std::int64_t end = 0;
    int first_line = 0; ///< display lines (project::line_spans), 1-based
    int last_line = 0;
    std::string value;  ///< a rating ("5.5", "not-scorable") or the label at the collapsing
    std::string detail; ///< a classification as stated ("U/Ds1"), a passage's code name
};

/// One disagreement. `id` is "p-", "r-" or "c-" and 10 hex digits of a SHA-256 of what it is
/// about: the transcript's uuid and, for passages, the kind family (only / different code /
/// boundary) and the records' uuids with their coders' uuids; for a rating the scheme, scale,
/// target and the two coders' uuids; for a classification the scheme, the collapsing and the
/// two coders' uuids. So the same project lists the same ids, in either coder order, whatever
/// else changes, and a decision finds its disagreement again.
struct DisagreementItem
{
    std::string id;
    DisagreementKind kind = DisagreementKind::OnlyA;
    store::TranscriptId transcript;
    std::string transcript_uuid;
    std::string transcript_title; ///< the participant, else the title
    std::string scheme_id;
    std::string scale;      ///< ratings
    std::string target;     ///< ratings ("" for a global scale)
    std::string collapsing; ///< classifications
    int first_line = 0;     ///< passages: the lines both versions cover
    int last_line = 0;
    CoderVersion a;
    CoderVersion b;
    std::optional<project::ConsensusDecision> decision; ///< set when it has been decided
};

/// Which part of the project to compare.
struct DisagreementOptions
{
    /// The two coders A and B, by name. Empty: the project's two coders of role "coder" (an
    /// error when it has another number of them).
    std::vector<std::string> coders;
    std::vector<std::string> transcripts; ///< ids or participants; default: newest versions
    /// Ratings differing by less than this are left out (0: any difference). A not-scorable
    /// against a score always differs.
    double min_rating_difference = 0.0;
};

struct DisagreementList
{
    std::string coder_a;
    std::string coder_b;
    std::vector<DisagreementItem> items; ///< by transcript, then passages by start, ratings,
                                         ///< classifications
};

/// Lists every disagreement of A and B, decided ones with their decision. Errors: NotFound (a
/// coder or transcript), InvalidArgument (not exactly two coders, the same coder twice, a
/// consensus coder named as A or B).
[[nodiscard]] Result<DisagreementList> list_disagreements(project::Session& session,
                                                          const DisagreementOptions& options);

/// For every passage A and B marked identically (the same code and span of one scheme: the
/// pairs list_disagreements leaves out as agreement), the decision that gives the consensus
/// that passage once: "accept-a" with both records as sources and A's taken, `reason` and
/// `note` on each. Its id is "p-" and 10 hex digits as list_disagreements makes them (family
/// "identical"), so pairs decided already are left out and the list can be applied again after
/// more coding. By transcript. Apply them as one batch (Session::apply of the
/// list: one undo step). Errors: those of list_disagreements.
/// The reason identical_passage_decisions' callers record when the person gives none.
inline constexpr const char* kIdenticalReason = "identical in both codings";

[[nodiscard]] Result<std::vector<project::RecordDecision>>
identical_passage_decisions(project::Session& session, const DisagreementOptions& options,
                            const std::string& reason, const std::string& note = {});

/// The disagreement `id`, searched among the coders of `options` (when given) or else among
/// every pair of coders who are not the consensus (A the one added first). Errors: NotFound
/// (no such disagreement), and those of list_disagreements.
[[nodiscard]] Result<DisagreementItem> find_disagreement(project::Session& session,
                                                         const std::string& id,
                                                         const DisagreementOptions& options);

/// What a decision takes: A's version, B's, both (passages only), neither, or an edited value.
enum class Take
{
    A,
    B,
    Both,
    Neither,
    Value,
};

/// The command that records deciding `item` so. `value` (with Take::Value only) is for a
/// passage "CODE:START-END" (code points, half-open, a code of the item's scheme), for a rating
/// a score or "not-scorable", for a classification a category or subcategory id as Classify
/// takes it. `reason` is a reason id the scheme declares or free text. Errors: InvalidArgument
/// (both for a rating or classification, a malformed value).
[[nodiscard]] Result<project::RecordDecision> make_decision(const DisagreementItem& item, Take take,
                                                            const std::string& value,
                                                            const std::string& reason,
                                                            const std::string& note = {});

} // namespace attune::analysis
