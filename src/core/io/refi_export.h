// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Writing REFI-QDA exchange files (issue 15, docs/refi-qda.md): a scheme as a .qdc codebook and a
// project (or part of it) as a .qdpx archive, for ATLAS.ti, MAXQDA, NVivo, QualCoder and the
// other programs that read the standard. What the standard cannot express is named in the
// report, never dropped silently. Files appear complete or not at all (io/atomic_file).

#include "core/base/result.h"
#include "core/project/session.h"

#include <cstddef>
#include <filesystem>
#include <string>
#include <vector>

namespace attune::io
{

/// What an export wrote, and what it could not.
struct RefiExportReport
{
    std::filesystem::path file;
    std::size_t users = 0;
    std::size_t codes = 0; ///< Code elements (groups and codes)
    std::size_t sources = 0;
    std::size_t selections = 0;
    std::size_t notes = 0;
    std::size_t cases = 0;
    std::size_t variables = 0;
    /// Each thing REFI-QDA has no place for (or that was left out), as one sentence.
    std::vector<std::string> lost;
    /// Things worth knowing that lose nothing ("the Attune scheme is kept as a note").
    std::vector<std::string> notes_text;
};

/// Which part of a project a .qdpx holds.
struct RefiExportOptions
{
    /// Transcripts to export; empty: every current transcript (the newest version of each).
    std::vector<project::TranscriptId> transcripts;
    /// Coders whose work (users, codings, memos, ratings, classifications) goes in; empty: all.
    std::vector<project::CoderId> coders;
};

/// The stable GUID of a code, group or scheme node in every export (a name-based uuid of the
/// scheme id, its version and the code or group id; docs/refi-qda.md "GUIDs").
std::string refi_code_guid(const std::string& scheme_id, const std::string& version,
                           const std::string& code_id);
std::string refi_group_guid(const std::string& scheme_id, const std::string& version,
                            const std::string& group_id);

/// The latest stored version of `scheme_id` as a .qdc codebook, written to `out`. Errors:
/// NotFound (no such scheme), Io.
[[nodiscard]] Result<RefiExportReport> export_refi_codebook(project::Session& session,
                                                            const std::string& scheme_id,
                                                            const std::filesystem::path& out);

/// The project (or the part `options` names) as a .qdpx archive at `out`: project.qde (valid
/// against the REFI Project.xsd) and sources/<transcript uuid>.txt, the stored UTF-8 text with
/// '\n' line ends, whose code points the selections count. Errors: NotFound (a transcript or
/// coder named does not exist), Io.
[[nodiscard]] Result<RefiExportReport> export_refi_project(project::Session& session,
                                                           const RefiExportOptions& options,
                                                           const std::filesystem::path& out);

} // namespace attune::io
