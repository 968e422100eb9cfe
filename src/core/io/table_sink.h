// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Datasets flow row by row from the builders (datasets.h) to the writers (CSV, JSON, .sav,
// .dta, .xlsx), so an export of 450,000 passages never holds them all in memory, and one pass
// over the project feeds every format at once (issue 12).

#include "core/base/result.h"
#include "core/io/data_table.h"

#include <functional>
#include <vector>

namespace attune::io
{

/// Receives one table: begin() with its name, label and variables (rows empty), then row()
/// once per row in order, then end(). A call that fails stops the table; the sink then
/// writes nothing (its file is not committed).
class TableSink
{
public:
    virtual ~TableSink() = default;
    [[nodiscard]] virtual Result<void> begin(const DataTable& head) = 0;
    [[nodiscard]] virtual Result<void> row(const std::vector<Cell>& cells) = 0;
    [[nodiscard]] virtual Result<void> end() = 0;
    /// False when only the variables are wanted (the dictionary): builders then skip rows.
    virtual bool wants_rows() const { return true; }
};

/// Keeps the table in memory (small tables, tests).
class CollectSink final : public TableSink
{
public:
    Result<void> begin(const DataTable& head) override;
    Result<void> row(const std::vector<Cell>& cells) override;
    Result<void> end() override { return {}; }
    DataTable& table() { return m_table; }

private:
    DataTable m_table;
};

/// Keeps the variables only (rows are not built).
class HeadSink final : public TableSink
{
public:
    Result<void> begin(const DataTable& head) override;
    Result<void> row(const std::vector<Cell>&) override { return {}; }
    Result<void> end() override { return {}; }
    bool wants_rows() const override { return false; }
    DataTable& table() { return m_table; }

private:
    DataTable m_table;
};

/// Forwards to several sinks, and asks `keep_going` every 4,096 rows (false: the row fails
/// with Cancelled).
class TeeSink final : public TableSink
{
public:
    explicit TeeSink(std::vector<TableSink*> sinks, std::function<bool()> keep_going = {});
    Result<void> begin(const DataTable& head) override;
    Result<void> row(const std::vector<Cell>& cells) override;
    Result<void> end() override;
    bool wants_rows() const override;

private:
    std::vector<TableSink*> m_sinks;
    std::function<bool()> m_keep_going;
    std::size_t m_rows = 0;
};

/// Replays a table held in memory into `sink`.
[[nodiscard]] Result<void> replay(const DataTable& table, TableSink& sink);

/// Checks that a row fits its variables: as many cells, each of its variable's kind or empty.
/// Errors: InvalidArgument naming the table, the row (1-based) and the variable.
[[nodiscard]] Result<void> check_row(const DataTable& head, const std::vector<Cell>& row,
                                     std::size_t row_number);

} // namespace attune::io
