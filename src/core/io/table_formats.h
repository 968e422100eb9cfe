// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Binary dataset formats for statistics programs (issue 12): SPSS .sav and Stata .dta through
// ReadStat, Excel .xlsx through libxlsxwriter. Both libraries are loaded with dlopen on the
// first write, so a build without them still runs and only these writers report Unsupported.

#include "core/base/result.h"
#include "core/io/data_table.h"

#include <filesystem>
#include <vector>

namespace attune::io
{

/// Writes `table` as an SPSS .sav file (UTF-8): variable names and labels, one value-label set
/// per labelled variable, user-missing codes as SPSS discrete missing values (at most three per
/// variable), string widths from the longest value, F formats with the variable's decimals, and
/// a file label summarising `info`. The file appears complete or not at all (written under a
/// temporary name in the same folder, then renamed).
/// Errors: InvalidArgument (a row of the wrong width, a cell of the wrong kind, more than three
/// missing codes), Unsupported (ReadStat not available), Io (the folder refused), DataInvalid
/// (ReadStat refused the table); each message names `path`.
[[nodiscard]] Result<void> write_sav(const DataTable& table, const ExportInfo& info,
                                     const std::filesystem::path& path);

/// Writes `table` as a Stata .dta file (format 118, UTF-8). A user-missing code becomes an
/// extended missing value: the variable's first code is `.a`, the second `.b`, … (at most 26),
/// and its value label is attached to that extended value, so "-9 = not scorable" reads back as
/// `.a` labelled "not scorable". Stata labels integers only: a label of a non-integer value is
/// not written. Strings longer than 2045 bytes are refused. Errors as for write_sav.
[[nodiscard]] Result<void> write_dta(const DataTable& table, const ExportInfo& info,
                                     const std::filesystem::path& path);

/// Writes an Excel workbook: one sheet per table (header row of variable names in bold and
/// frozen; numbers as numbers, strings as strings, system-missing cells empty), then a
/// "dictionary" sheet holding `dictionary` when it is not null, then an "about" sheet saying
/// what was exported (`info`). Sheet names are the tables' names made valid for Excel (no
/// []:*?/\, at most 31 characters) and unique, case-insensitively. Atomic like write_sav.
/// Errors: InvalidArgument (a row of the wrong width, a cell of the wrong kind, more than
/// 1,048,575 rows), Unsupported (libxlsxwriter not available), Io; each names `path`.
[[nodiscard]] Result<void> write_xlsx(const std::vector<DataTable>& tables,
                                      const DataTable* dictionary, const ExportInfo& info,
                                      const std::filesystem::path& path);

/// The sheet names write_xlsx gives `names`, in order (exposed for tests and the CLI).
std::vector<std::string> xlsx_sheet_names(const std::vector<std::string>& names);

} // namespace attune::io
