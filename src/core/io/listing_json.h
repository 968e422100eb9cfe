// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// A project's transcripts and coders as JSON arrays, with the uuids that name them outside the
// file: what `attune-cli transcripts|coder list --format json` print and what an export writes.

#include "core/project/session.h"

#include <string>
#include <vector>

namespace attune::io
{

/// One object per transcript: id, uuid, title, participant, words, turns, version, supersedes,
/// supersedes_uuid (null when absent) and coders; indented by 2, no trailing newline.
std::string transcripts_json(const std::vector<project::TranscriptSummary>& transcripts);

/// One object per coder: id, uuid, name, role and the progress counts (transcripts,
/// annotations, ratings, classified); indented by 2, no trailing newline.
std::string coders_json(const std::vector<project::CoderProgress>& coders);

} // namespace attune::io
