// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/project/session.h"

#include <filesystem>

namespace attune::app
{

/// Imports one transcript file (.txt in any encoding, .docx, .odt) into the project, titled by
/// its file name: what File → Import and dropping files do. Errors: the importer's (Io,
/// Encoding, Unsupported, TooLarge…) and the session's.
[[nodiscard]] Result<project::Outcome> import_transcript_file(project::Session& session,
                                                              const std::filesystem::path& file);

} // namespace attune::app
