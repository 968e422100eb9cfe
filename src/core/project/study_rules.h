// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Rules about a project's contents that every view applies alike: which transcripts and scheme
// versions are the current ones, and how far a coder has got. The workbench, attune-cli and the
// agreement analysis call these instead of deriving them again.

#include "core/project/session.h" // the records, and scheme::Scheme declared

#include <cstdint>
#include <memory>
#include <vector>

namespace attune::project
{

/// The current transcripts of `all`: those that no transcript in `all` supersedes, i.e. the
/// newest version of each, in the order given. A corrected version names the one it replaces
/// (AddTranscript::meta.supersedes); lists, the agreement and participant ids show only the
/// newest.
std::vector<Transcript> current_transcripts(const std::vector<Transcript>& all);
std::vector<TranscriptSummary> current_transcripts(const std::vector<TranscriptSummary>& all);

/// One entry per scheme id: its newest stored version (the one Session::scheme loads), in the
/// order in which the ids first appear in `all` (Session::schemes: by scheme id).
std::vector<SchemeInfo> latest_schemes(const std::vector<SchemeInfo>& all);

/// Whether a passage [start, end) counts for a unit [begin, end) of the text (a speaker turn):
/// they share at least one code point. Turn-level agreement (analysis) and the turn matrix
/// (io) both count a turn as coded with a code when one of its passages touches it so.
constexpr bool passage_touches(std::int64_t start, std::int64_t end, std::int64_t unit_begin,
                               std::int64_t unit_end)
{
    return start < unit_end && unit_begin < end;
}

/// One coder's progress on one transcript: what the workbench's transcript list shows, and what
/// a coder's totals (coder_progress, `attune-cli coder list`) add up.
struct TranscriptProgress
{
    TranscriptId transcript;
    std::int64_t passages = 0;        ///< annotations
    std::int64_t ratings = 0;         ///< stored scores, of any scale (not scorable included)
    std::int64_t rated = 0;           ///< of the rateable scale instances, those with a score
    std::int64_t rateable = 0;        ///< scale instances the schemes define
    std::int64_t classifications = 0; ///< one per scheme at most
    bool classified() const { return classifications > 0; }
};

/// The progress of one coder on each of `transcripts`, in that order, from that coder's
/// `annotations`, `ratings` and `classifications` (records of other transcripts are ignored).
/// A scale instance is a global scale or one target of a per-target scale of one of `schemes`
/// (their current versions): `rateable` counts them, `rated` those with a score, so a score of a
/// scale a scheme no longer defines counts in `ratings` but not in `rated`.
std::vector<TranscriptProgress>
transcript_progress(const std::vector<TranscriptId>& transcripts,
                    const std::vector<Annotation>& annotations, const std::vector<Rating>& ratings,
                    const std::vector<Classification>& classifications,
                    const std::vector<std::shared_ptr<const scheme::Scheme>>& schemes);

/// A coder's totals over every transcript the coder worked on: the sums of transcript_progress
/// (transcripts_coded counts those with a passage). What Session::progress() returns per coder.
CoderProgress coder_progress(const Coder& coder, const std::vector<Annotation>& annotations,
                             const std::vector<Rating>& ratings,
                             const std::vector<Classification>& classifications);

} // namespace attune::project
