// SPDX-License-Identifier: GPL-3.0-or-later
// transcript rename / transcript remove (docs/cli.md): the rules are core's (EditTranscript,
// RemoveTranscript); a transcript holding anybody's work is never removed.
#include "cli/cmd_project_common.h"

#include <iostream>

namespace attune::cli
{

namespace
{

struct RenameArgs
{
    std::string project;
    std::string transcript;
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
    cmd->add_option("PROJECT", a->project, "Project file")->required();
    cmd->add_option("TRANSCRIPT", a->transcript, "Transcript id or participant id")->required();
    cmd->add_option("--title", a->title, "New title");
    auto* participant = cmd->add_option("--participant", a->participant, "New participant id");
    cmd->add_flag("--clear-participant", a->clear_participant, "Remove the participant id")
        ->excludes(participant);
    cmd->callback(
        [&ctx, a]
        {
            if (!a->title && !a->participant && !a->clear_participant)
            {
                ctx.exit_code = usage_error("nothing to rename: give --title, --participant or "
                                            "--clear-participant");
                return;
            }
            auto s = open_project(a->project, ctx);
            if (!s)
                return;
            auto id = find_transcript(*s, a->transcript, ctx);
            if (!id)
                return;
            project::EditTranscript edit{*id, a->title, a->participant};
            if (a->clear_participant)
                edit.participant = std::string();
            auto out = s->apply(edit);
            if (!out)
                return fail(ctx, out.error(), a->project);
            for (const auto& note : out->notes)
                std::cerr << "note: " << note << '\n';
            auto t = s->transcript(*id);
            if (!t)
                return fail(ctx, t.error(), a->project);
            std::cout << t->id << '\t' << tsv_field(t->title) << '\t'
                      << tsv_field(t->participant.value_or("")) << '\n';
        });
}

void add_remove(CLI::App& group, Context& ctx)
{
    auto* cmd = group.add_subcommand(
        "remove", "Remove a transcript that holds no annotations, ratings or classifications "
                  "(refused, naming the work, when it does); prints 'removed ID'");
    auto project = std::make_shared<std::string>();
    auto name = std::make_shared<std::string>();
    cmd->add_option("PROJECT", *project, "Project file")->required();
    cmd->add_option("TRANSCRIPT", *name, "Transcript id or participant id")->required();
    cmd->callback(
        [&ctx, project, name]
        {
            auto s = open_project(*project, ctx);
            if (!s)
                return;
            auto id = find_transcript(*s, *name, ctx);
            if (!id)
                return;
            auto out = s->apply(project::RemoveTranscript{*id});
            if (!out)
                return fail(ctx, out.error(), *project);
            std::cout << "removed " << *id << '\n';
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
