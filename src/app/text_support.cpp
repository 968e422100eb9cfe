// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/text_support.h"

#include "core/project/session.h"

namespace attune::app {

std::vector<std::int64_t> line_starts(const std::string& text)
{
    std::vector<std::int64_t> out;
    for (const auto& [start, end] : project::line_spans(text))
        out.push_back(start);
    if (out.empty())
        out.push_back(0);
    return out;
}

std::vector<ViewTurn> speaker_turns(const std::string&)
{
    return {};
}

std::optional<std::pair<std::int64_t, std::int64_t>>
find_in_text(const std::string&, const std::string&, std::int64_t, bool)
{
    return std::nullopt;
}

} // namespace attune::app
