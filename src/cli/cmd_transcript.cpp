// SPDX-License-Identifier: GPL-3.0-or-later
// transcript rename / transcript remove (docs/cli.md): the rules are core's (EditTranscript,
// RemoveTranscript); a transcript holding anybody's work is never removed.
#include "cli/cmd_project_common.h"

#include <iostream>

namespace attune::cli
{

namespace
{

// These commands' help names a transcript in words of their own.
const std::string kTranscriptHelp = "Transcript id or participant id";

struct RenameArgs
{
    std::optional<std::string> title;
    std::optional<std::string> participant;
    bool clear_participant = false;
};

void add_rename(CLI::App& group, Context& ctx)
{
    auto* cmd = group.add_subcommand(
        "rename", "Give a transcript a new title and/or participant id (the participant id goes "
                  "to every version); prints 'ID<TAB>TITLE<TAB>PARTICIPANT'");
    auto a = std::make_shared<RenameArgs>();
    ProjectCommand project_cmd(*cmd, ctx);
    project_cmd.with_transcript(true, kTranscriptHelp);
    cmd->add_option("--title", a->title, "New title");
    auto* participant = cmd->add_option("--participant", a->participant, "New participant id");
    cmd->add_flag("--clear-participant", a->clear_participant, "Remove the participant id")
        ->excludes(participant);
    project_cmd.run(
        [&ctx, a](const OpenProject& p)
        {
            const auto id = *p.transcript;
            project::EditTranscript edit{id, a->title, a->participant};
            if (a->clear_participant)
                edit.participant = std::string();
            auto out = p.session.apply(edit);
            if (!out)
                return fail(ctx, out.error(), p.path);
            for (const auto& note : out->notes)
                std::cerr << "note: " << note << '\n';
            auto t = p.session.transcript(id);
            if (!t)
                return fail(ctx, t.error(), p.path);
            std::cout << t->id << '\t' << tsv_field(t->title) << '\t'
                      << tsv_field(t->participant.value_or("")) << '\n';
        },
        [a]
        {
            if (!a->title && !a->participant && !a->clear_participant)
                return usage_error("nothing to rename: give --title, --participant or "
                                   "--clear-participant");
            return kExitOk;
        });
}

void add_remove(CLI::App& group, Context& ctx)
{
    auto* cmd = group.add_subcommand(
        "remove", "Remove a transcript that holds no annotations, ratings or classifications "
                  "(refused, naming the work, when it does); prints 'removed ID'");
    ProjectCommand(*cmd, ctx)
        .with_transcript(true, kTranscriptHelp)
        .run(
            [&ctx](const OpenProject& p)
            {
                auto out = p.session.apply(project::RemoveTranscript{*p.transcript});
                if (!out)
                    return fail(ctx, out.error(), p.path);
                std::cout << "removed " << *p.transcript << '\n';
            });
}

const bool registered = register_group("transcript",
                                       [](CLI::App& app, Context& ctx)
                                       {
                                           auto* group = app.add_subcommand(
                                               "transcript", "Rename or remove a transcript");
                                           group->require_subcommand(1);
                                           add_rename(*group, ctx);
                                           add_remove(*group, ctx);
                                       });

} // namespace

} // namespace attune::cli
