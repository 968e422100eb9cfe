// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/store/line_index.h"

namespace attune::store
{

void index_lines(Database& db, std::int64_t transcript_id, std::string_view text)
{
    Statement insert(db, "INSERT INTO line_fts(text, transcript_id, line) VALUES (?, ?, ?)");
    std::int64_t line = 1;
    std::size_t begin = 0;
    while (begin <= text.size())
    {
        std::size_t end = text.find('\n', begin);
        if (end == std::string_view::npos)
            end = text.size();
        const auto content = text.substr(begin, end - begin);
        if (content.find_first_not_of(" \t\r") != std::string_view::npos)
        {
            insert.bind(1, content).bind(2, transcript_id).bind(3, line);
            insert.run();
            insert.reset();
        }
        if (end == text.size())
            break;
        begin = end + 1;
        ++line;
    }
}

} // namespace attune::store
