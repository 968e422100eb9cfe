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

std::unique_ptr<project::Session> open_project(const std::string& path, Context& ctx)
{
    ctx.project = path;
    auto s = project::Session::open(path);
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

ProjectCommand& ProjectCommand::with_transcript(bool required, const std::string& help)
{
    m_args->takes_transcript = true;
    m_args->transcript_required = required;
    auto* option = m_cmd.add_option("TRANSCRIPT", m_args->transcript, help);
    if (required)
        option->required();
    return *this;
}

ProjectCommand& ProjectCommand::with_coder(const std::string& help, bool required)
{
    m_args->takes_coder = true;
    m_args->coder_required = required;
    auto* option = m_cmd.add_option("--coder", m_args->coder, help);
    if (required)
        option->required();
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
            auto s = open_project(a->project, ctx);
            if (!s)
                return;
            OpenProject open{*s, a->project, std::nullopt, std::nullopt};
            // An optional one left out is not resolved; a required one given empty is, and fails.
            if (a->takes_transcript && (a->transcript_required || !a->transcript.empty()))
            {
                open.transcript = find_transcript(*s, a->transcript, ctx);
                if (!open.transcript)
                    return;
            }
            if (a->takes_coder && (a->coder_required || !a->coder.empty()))
            {
                open.coder = find_coder(*s, a->coder, ctx);
                if (!open.coder)
                    return;
            }
            body(open);
        });
}

} // namespace attune::cli
