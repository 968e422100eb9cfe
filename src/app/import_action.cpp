// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/import_action.h"

#include "core/io/import.h"

namespace attune::app
{

Result<project::Outcome> import_transcript_file(project::Session& session,
                                                const std::filesystem::path& file)
{
    auto imported = io::import_transcript(file.string(), io::ImportOptions{});
    if (!imported)
        return imported.error();
    project::AddTranscript command;
    command.text = imported->text;
    command.meta.title = file.filename().string();
    command.meta.source_name = file.filename().string();
    command.meta.encoding = imported->encoding;
    return session.apply(command);
}

} // namespace attune::app
