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

} // namespace attune::cli
