// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/import_action.h"

#include "core/io/import.h"

namespace attune::app
{

Result<FileImport> import_transcript_file(project::Session& session,
                                          const std::filesystem::path& file,
                                          const ImportNames& names, const ConfirmDuplicate& confirm)
{
    auto imported = io::import_transcript(file.string(), io::ImportOptions{});
    if (!imported)
        return imported.error();
    project::AddTranscript command;
    command.text = std::move(imported->text);
    command.meta.title = names.title;
    command.meta.participant = names.participant;
    command.meta.source_name = file.filename().string();
    command.meta.encoding = imported->encoding;
    auto r = session.apply(command);
    // Core refuses a text it holds already; only the person importing can say it is meant.
    if (!r && r.error().code == ErrorCode::Conflict &&
        !session.transcripts_with_text(command.text).empty())
    {
        if (!confirm || !confirm(r.error().message))
            return make_error(ErrorCode::Cancelled, r.error().message,
                              SourceLocation{file.string(), 0, 0});
        command.allow_duplicate = true;
        r = session.apply(command);
    }
    if (!r)
        return r.error();
    FileImport out{std::move(*r), std::move(imported->notes)};
    out.notes.insert(out.notes.end(), out.outcome.notes.begin(), out.outcome.notes.end());
    return out;
}

} // namespace attune::app
