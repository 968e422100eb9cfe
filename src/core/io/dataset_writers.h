// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Writers of a DataTable that need no library of their own: CSV and JSON (docs/export.md), and
// the atomic file write every export goes through.

#include "core/base/result.h"
#include "core/io/data_table.h"

#include <filesystem>
#include <string>
#include <string_view>

namespace attune::io
{

/// How a CSV file is laid out: RFC 4180 with LF line ends by default; for Excel a UTF-8 BOM
/// (so it reads the file as UTF-8) and CRLF.
struct CsvOptions
{
    bool excel = false;
};

/// The table as CSV: a header of variable names, then one record per row. Numbers with up to
/// 15 significant digits and a '.' decimal point; an empty cell is an empty field.
std::string dataset_csv(const DataTable& table, CsvOptions options = {});

/// The table as one JSON document: {"format":"attune-dataset","version":1,"info":{…},
/// "variables":[…],"rows":[[…],…]}, rows as arrays in the order of "variables", an empty cell
/// as null. Indented by 2, ends with a newline.
std::string dataset_json(const DataTable& table, const ExportInfo& info);

/// Writes `content` to `path` atomically: to a temporary file beside it (PATH.tmp-XXXXXX),
/// flushed to disk, then renamed over `path`. On any failure the temporary file is removed and
/// `path` is left as it was. Errors: Io (naming the path and the system's reason).
[[nodiscard]] Result<void> write_file_atomic(const std::filesystem::path& path,
                                             std::string_view content);

} // namespace attune::io
