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

std::int64_t line_of(const std::vector<std::pair<std::int64_t, std::int64_t>>& spans,
                     std::int64_t cp)
{
    // The first line whose end (the '\n' position) is at or after cp.
    auto it = std::lower_bound(spans.begin(), spans.end(), cp,
                               [](const auto& span, std::int64_t v) { return span.second < v; });
    if (it == spans.end())
        return static_cast<std::int64_t>(spans.size());
    return static_cast<std::int64_t>(it - spans.begin()) + 1;
}

} // namespace attune::cli
