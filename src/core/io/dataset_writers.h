// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Writers of a dataset that need no library of their own: CSV and JSON (docs/export.md). Each
// is a TableSink that streams bytes to an output (a file being written atomically, or a
// string), so memory stays bounded whatever the table's size.

#include "core/base/result.h"
#include "core/io/atomic_file.h"
#include "core/io/data_table.h"
#include "core/io/table_sink.h"

#include <functional>
#include <string>
#include <string_view>

namespace attune::io
{

/// Where a streaming writer's bytes go; called with chunks of about 1 MiB.
using ByteOut = std::function<Result<void>(std::string_view)>;

/// How a CSV file is laid out: RFC 4180 with LF line ends by default; for Excel a UTF-8 BOM
/// (so it reads the file as UTF-8) and CRLF.
struct CsvOptions
{
    bool excel = false;
};

/// A text writer's buffer: bytes collect in `m_buffer` and go to the output in chunks.
class BufferedSink : public TableSink
{
protected:
    explicit BufferedSink(ByteOut out) : m_out(std::move(out)) {}
    /// Sends the buffer once it holds a chunk.
    Result<void> flush_if_full();
    /// Sends what is left (end of the table).
    Result<void> flush();
    std::string m_buffer;

private:
    ByteOut m_out;
};

/// The table as CSV: a header of variable names, then one record per row. Numbers with up to
/// 15 significant digits and a '.' decimal point; an empty cell is an empty field.
class CsvSink final : public BufferedSink
{
public:
    CsvSink(ByteOut out, CsvOptions options = {});
    Result<void> begin(const DataTable& head) override;
    Result<void> row(const std::vector<Cell>& cells) override;
    Result<void> end() override { return flush(); }

private:
    CsvOptions m_options;
    std::vector<std::string> m_fields;
};

/// The table as one JSON document (docs/schemas/attune-dataset.schema.json):
/// {"format":"attune-dataset","version":1,"dataset":…,"label":…,"info":{…},"variables":[…],
/// "rows":[[…],…]}, rows as arrays in the order of "variables", one per line, an empty cell as
/// null, whole numbers as JSON integers. Ends with a newline.
class JsonSink final : public BufferedSink
{
public:
    JsonSink(ByteOut out, ExportInfo info);
    Result<void> begin(const DataTable& head) override;
    Result<void> row(const std::vector<Cell>& cells) override;
    Result<void> end() override;

private:
    ExportInfo m_info;
    bool m_first = true;
};

/// dataset_csv / dataset_json: the same writers into a string (small tables, tests).
std::string dataset_csv(const DataTable& table, CsvOptions options = {});
std::string dataset_json(const DataTable& table, const ExportInfo& info);

} // namespace attune::io
