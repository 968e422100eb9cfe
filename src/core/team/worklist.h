// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The order in which the workbench lists a coder's transcripts (docs/team-workflow.md): the
// transcripts assigned to the coder first, so the work of the day is on top, then the others.

#include "core/team/team.h"

#include <vector>

namespace attune::team
{

/// How a transcript stands for one coder.
enum class Assigned
{
    No,          ///< not assigned to this coder (or the project has no assignments)
    Yes,         ///< assigned to this coder as part of their share
    Reliability, ///< assigned to this coder as part of the reliability subset
};

/// One transcript of a coder's list, with how it is assigned to the coder.
struct WorklistEntry
{
    TranscriptId transcript;
    Assigned assigned = Assigned::No;
};

/// `transcripts` in the order a coder works through them: those assigned to `coder` first, then
/// the rest, each group in the order given (stable). An assignment names a transcript by id; one
/// naming a transcript not in `transcripts` is ignored.
std::vector<WorklistEntry> coder_worklist(const std::vector<TranscriptId>& transcripts,
                                          const std::vector<Assignment>& assignments,
                                          CoderId coder);

/// "assigned", "reliability" or "" (the words the workbench shows).
const char* to_string(Assigned a) noexcept;

} // namespace attune::team
