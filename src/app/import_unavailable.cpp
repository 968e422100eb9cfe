// SPDX-License-Identifier: GPL-3.0-or-later
// Built instead of import_action.cpp while core's io module (the transcript importers) is not in
// the build: importing then fails with a plain message instead of the app not building at all.
#include "app/import_action.h"

namespace attune::app
{

Result<FileImport> import_transcript_file(project::Session&, const std::filesystem::path& file,
                                          const ImportNames&, const ConfirmDuplicate&)
{
    return make_error(ErrorCode::Unsupported,
                      "this build of Attune cannot import transcripts (core's io module is "
                      "missing); use attune-cli import",
                      SourceLocation{file.string(), 0, 0});
}

} // namespace attune::app
