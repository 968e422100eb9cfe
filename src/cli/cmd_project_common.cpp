// SPDX-License-Identifier: GPL-3.0-or-later
#include "cli/cmd_project_common.h"

#include <algorithm>

namespace attune::cli
{

void fail(Context& ctx, Error error, const std::string& project_path)
{
    if (!error.where)
        error.where = SourceLocation{project_path, 0, 0};
    ctx.exit_code = report(error);
}

std::unique_ptr<project::Session> open_project(const std::string& path, Context& ctx,
                                               bool reading_only)
{
    ctx.project = path;
    auto s = reading_only ? project::Session::open_to_read(path) : project::Session::open(path);
    if (!s)
    {
        fail(ctx, s.error(), path);
        return nullptr;
    }
    return std::move(*s);
}

std::optional<project::TranscriptId> find_transcript(project::Session& s, const std::string& name,
                                                     Context& ctx)
{
    auto id = s.resolve_transcript(name);
    if (!id)
    {
        fail(ctx, id.error(), s.path().string());
        return std::nullopt;
    }
    return *id;
}

std::optional<project::Coder> find_coder(project::Session& s, const std::string& name, Context& ctx)
{
    auto c = s.coder(name);
    if (!c)
    {
        fail(ctx, c.error(), s.path().string());
        return std::nullopt;
    }
    return *c;
}

std::shared_ptr<std::string> add_listing_format(CLI::App& cmd)
{
    auto format = std::make_shared<std::string>("tsv");
    cmd.add_option("--format", *format, "tsv (default) or json")
        ->check(CLI::IsMember({"tsv", "json"}));
    return format;
}

ProjectCommand::ProjectCommand(CLI::App& cmd, Context& ctx) : m_cmd(cmd), m_ctx(ctx)
{
    m_cmd.add_option("PROJECT", m_args->project, "Project file")->required();
}

void ProjectCommand::add_name(Name& name, const std::string& option, const std::string& help,
                              bool required)
{
    name.taken = true;
    name.required = required;
    auto* added = m_cmd.add_option(option, name.value, help);
    if (required)
        added->required();
}

ProjectCommand& ProjectCommand::with_transcript(bool required, const std::string& help)
{
    add_name(m_args->transcript, "TRANSCRIPT", help, required);
    return *this;
}

ProjectCommand& ProjectCommand::with_coder(const std::string& help, bool required)
{
    add_name(m_args->coder, "--coder", help, required);
    return *this;
}

ProjectCommand& ProjectCommand::reading_only()
{
    m_args->reading_only = true;
    return *this;
}

void ProjectCommand::run(Body body, Before before)
{
    m_cmd.callback(
        [&ctx = m_ctx, a = m_args, body = std::move(body), before = std::move(before)]
        {
            if (before)
                if (const int code = before(); code != kExitOk)
                {
                    ctx.exit_code = code;
                    return;
                }
            auto s = open_project(a->project, ctx, a->reading_only);
            if (!s)
                return;
            OpenProject open{*s, a->project, std::nullopt, std::nullopt};
            if (a->transcript.to_resolve())
            {
                open.transcript = find_transcript(*s, a->transcript.value, ctx);
                if (!open.transcript)
                    return;
            }
            if (a->coder.to_resolve())
            {
                open.coder = find_coder(*s, a->coder.value, ctx);
                if (!open.coder)
                    return;
            }
            body(open);
        });
}

} // namespace attune::cli
