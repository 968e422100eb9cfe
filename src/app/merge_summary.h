// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The words of File → Merge Coder's File…: what a merge of coders' packages would do or did
// (core's team::MergeReport, per package), and why one was refused. wx-free, so the GUI tests'
// unit tests read the same text the dialog shows.

#include "core/base/error.h"
#include "core/team/team.h"

#include <filesystem>
#include <string>
#include <vector>

namespace attune::app
{

/// One paragraph per package: its file and coder, the counts, then each conflict and refused
/// record (kind, transcript and core's detail; never a uuid) and core's notes.
std::string describe_merge(const team::MergeReport& report);

/// The sentence above the report: what the merge would do (dry run) or did.
std::string merge_headline(const team::MergeReport& report);

/// Why the merge of `files` was refused, naming the package core named (or the only one).
std::string describe_merge_refusal(const Error& error,
                                   const std::vector<std::filesystem::path>& files);

} // namespace attune::app
