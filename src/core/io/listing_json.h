// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// A project's transcripts and coders as JSON arrays, with the uuids that name them outside the
// file: what `attune-cli transcripts|coder list --format json` print and what an export writes.

#include "core/project/session.h"

#include <string>
#include <vector>

namespace attune::io
{

/// Who is assigned a transcript (team::assign): coder names, and whether as part of the
/// reliability subset.
struct AssignedCoder
{
    std::string coder;
    bool reliability = false;
};

/// One object per transcript: id, uuid, title, participant, words, turns, version, supersedes,
/// supersedes_uuid (null when absent), coders and assigned (the i-th transcript's
/// `assigned[i]`, an empty list when `assigned` is shorter); indented by 2, no trailing newline.
std::string transcripts_json(const std::vector<project::TranscriptSummary>& transcripts,
                             const std::vector<std::vector<AssignedCoder>>& assigned = {});

/// One object per coder: id, uuid, name, role and the progress counts (transcripts,
/// annotations, ratings, classified); indented by 2, no trailing newline.
std::string coders_json(const std::vector<project::CoderProgress>& coders);

} // namespace attune::io
