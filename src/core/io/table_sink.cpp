// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/io/table_sink.h"

#include <algorithm>

namespace attune::io
{

Result<void> CollectSink::begin(const DataTable& head)
{
    m_table = head;
    m_table.rows.clear();
    return {};
}

Result<void> CollectSink::row(const std::vector<Cell>& cells)
{
    m_table.rows.push_back(cells);
    return {};
}

Result<void> HeadSink::begin(const DataTable& head)
{
    m_table = head;
    m_table.rows.clear();
    return {};
}

TeeSink::TeeSink(std::vector<TableSink*> sinks, std::function<bool()> keep_going)
    : m_sinks(std::move(sinks)), m_keep_going(std::move(keep_going))
{
}

Result<void> TeeSink::begin(const DataTable& head)
{
    m_rows = 0;
    for (TableSink* s : m_sinks)
        if (auto r = s->begin(head); !r)
            return r;
    return {};
}

Result<void> TeeSink::row(const std::vector<Cell>& cells)
{
    if (++m_rows % 4096 == 0 && m_keep_going && !m_keep_going())
        return make_error(ErrorCode::Cancelled, "the export was cancelled");
    for (TableSink* s : m_sinks)
        if (s->wants_rows())
            if (auto r = s->row(cells); !r)
                return r;
    return {};
}

Result<void> TeeSink::end()
{
    for (TableSink* s : m_sinks)
        if (auto r = s->end(); !r)
            return r;
    return {};
}

bool TeeSink::wants_rows() const
{
    return std::any_of(m_sinks.begin(), m_sinks.end(),
                       [](const TableSink* s) { return s->wants_rows(); });
}

Result<void> replay(const DataTable& table, TableSink& sink)
{
    DataTable head{table.name, table.label, table.variables, {}};
    if (auto r = sink.begin(head); !r)
        return r;
    for (const auto& row : table.rows)
        if (auto r = sink.row(row); !r)
            return r;
    return sink.end();
}

Result<void> check_row(const DataTable& head, const std::vector<Cell>& row, std::size_t row_number)
{
    const std::string where = "table '" + head.name + "' row " + std::to_string(row_number);
    if (row.size() != head.variables.size())
        return make_error(ErrorCode::InvalidArgument, where + " has " + std::to_string(row.size()) +
                                                          " cells, expected " +
                                                          std::to_string(head.variables.size()));
    for (std::size_t c = 0; c < row.size(); ++c)
    {
        const bool numeric = head.variables[c].type == VariableType::Numeric;
        if ((numeric && std::holds_alternative<std::string>(row[c])) ||
            (!numeric && std::holds_alternative<double>(row[c])))
            return make_error(ErrorCode::InvalidArgument,
                              where + ", variable '" + head.variables[c].name + "': a " +
                                  (numeric ? "string" : "number") + " in a " +
                                  (numeric ? "numeric" : "string") + " variable");
    }
    return {};
}

} // namespace attune::io
