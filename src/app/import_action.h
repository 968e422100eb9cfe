// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "app/import_naming.h"
#include "core/project/session.h"

#include <filesystem>
#include <functional>
#include <string>
#include <vector>

namespace attune::app
{

/// What importing one file did: the session's outcome and everything the user should be told,
/// the importer's notes first ("read as windows-1252 (guessed)", "3 invalid bytes replaced"),
/// then the session's.
struct FileImport
{
    project::Outcome outcome;
    std::vector<std::string> notes;
};

/// Asked when core refuses a text that is already in the project; gets core's message ("this
/// text is already in the project as transcript 3 (P01)") and answers whether to import it
/// anyway.
using ConfirmDuplicate = std::function<bool(const std::string& why)>;

/// Imports one transcript file (.txt in any encoding, .docx, .odt) into the project under
/// `names`: what File → Import and dropping files do. A duplicate text is imported only when
/// `confirm` says so. Errors: the importer's (Io, Encoding, Unsupported, TooLarge…), the
/// session's, and Cancelled (message: core's reason) when the duplicate was declined.
[[nodiscard]] Result<FileImport> import_transcript_file(project::Session& session,
                                                        const std::filesystem::path& file,
                                                        const ImportNames& names,
                                                        const ConfirmDuplicate& confirm);

} // namespace attune::app
