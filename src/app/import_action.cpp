// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/import_action.h"

#include "core/io/import.h"

namespace attune::app
{

namespace
{

// A refused import still tells what the importer noticed ("read as windows-1252 (guessed)"), as
// attune-cli prints the notes before its error: nothing core said is dropped.
Error with_notes(Error e, const std::vector<std::string>& notes)
{
    for (const auto& note : notes)
        e.message += ". Note: " + note;
    return e;
}

} // namespace

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
            return with_notes(make_error(ErrorCode::Cancelled, r.error().message,
                                         SourceLocation{file.string(), 0, 0}),
                              imported->notes);
        command.allow_duplicate = true;
        r = session.apply(command);
    }
    if (!r)
        return with_notes(r.error(), imported->notes);
    FileImport out{std::move(*r), std::move(imported->notes)};
    out.notes.insert(out.notes.end(), out.outcome.notes.begin(), out.outcome.notes.end());
    return out;
}

} // namespace attune::app
