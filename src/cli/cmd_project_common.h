// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Helpers shared by the project commands (cmd_project.cpp, cmd_coding.cpp, cmd_coder.cpp,
// cmd_scheme_add.cpp): opening a project and naming transcripts and coders as docs/cli.md says.

#include "cli/cli_common.h"
#include "core/io/csv_writer.h"
#include "core/project/session.h"

#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace attune::cli
{

/// Opens PROJECT; on failure reports the error and sets ctx.exit_code.
std::unique_ptr<project::Session> open_project(const std::string& path, Context& ctx);

/// Resolves TRANSCRIPT (numeric id or unique participant id); reports failures.
std::optional<project::TranscriptId> find_transcript(project::Session& s, const std::string& name,
                                                     Context& ctx);

/// Resolves a coder name (never creates one); reports failures.
std::optional<project::Coder> find_coder(project::Session& s, const std::string& name,
                                         Context& ctx);

/// Reports an error with the project path as its location when it has none.
void fail(Context& ctx, Error error, const std::string& project_path);

// The CSV and TSV fields of listings are core's (io/csv_writer.h), shared with the GUI's exports.
using io::csv_field;
using io::tsv_field;

} // namespace attune::cli
