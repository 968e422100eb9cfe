// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Binary dataset formats for statistics programs (issue 12): SPSS .sav and Stata .dta through
// ReadStat, Excel .xlsx through libxlsxwriter. Both libraries are loaded with dlopen on the
// first write (shared_library.h), so a build without them still runs and only these writers
// report Unsupported. Each writer is a TableSink (table_sink.h) writing under a temporary name;
// commit() puts the finished file in place.

#include "core/base/result.h"
#include "core/io/atomic_file.h"
#include "core/io/data_table.h"
#include "core/io/table_sink.h"

#include <cstdio>
#include <filesystem>
#include <memory>
#include <set>
#include <string>
#include <vector>

namespace attune::io
{

/// An SPSS .sav (UTF-8) or Stata .dta (format 118, UTF-8) file of one table.
///
/// .sav: variable names and labels, one value-label set per labelled variable, user-missing
/// codes as SPSS discrete missing values (at most three per variable), string widths from the
/// longest value, F formats with the variable's decimals, a file label summarising `info`.
/// .dta: a user-missing code becomes an extended missing value: the variable's first code is
/// `.a`, the second `.b`, … (at most 26), and its value label is attached to that extended
/// value, so "-9 = not scorable" reads back as `.a` labelled "not scorable". Stata labels
/// integers only: a label of a non-integer value is not written.
///
/// ReadStat needs the row count and string widths before the first row, so rows are spooled to
/// an unnamed temporary file and written at end(). Errors (each naming `path`): InvalidArgument
/// (a row of the wrong width, a cell of the wrong kind, too many missing codes), Unsupported
/// (ReadStat not available), Io (the folder refused, the disk is full), DataInvalid (ReadStat
/// refused the table).
class StatSink final : public TableSink
{
public:
    enum class Kind
    {
        Sav,
        Dta,
    };
    StatSink(Kind kind, ExportInfo info, std::filesystem::path path);
    ~StatSink() override;
    Result<void> begin(const DataTable& head) override;
    Result<void> row(const std::vector<Cell>& cells) override;
    Result<void> end() override;
    /// Renames the finished file into place.
    [[nodiscard]] Result<void> commit();

private:
    Result<void> write_file();
    Kind m_kind;
    ExportInfo m_info;
    std::filesystem::path m_path;
    DataTable m_head;
    std::vector<std::size_t> m_widths;
    std::size_t m_rows = 0;
    std::FILE* m_spool = nullptr;
    std::unique_ptr<AtomicFile> m_file;
};

/// An Excel workbook written table by table: one sheet per table (header row of variable
/// names in bold and frozen; numbers as numbers, strings as strings, system-missing cells
/// empty), then at finish() a "dictionary" sheet (when given) and an "about" sheet saying what
/// was exported. Sheet names are the tables' names made valid for Excel (no []:*?/\, at most
/// 31 characters) and unique, case-insensitively. Rows stream to disk (libxlsxwriter's
/// constant-memory mode). Errors as StatSink's, and InvalidArgument for a table of more rows
/// than a sheet holds (1,048,575).
class XlsxBook
{
public:
    XlsxBook(ExportInfo info, std::filesystem::path path);
    ~XlsxBook();
    XlsxBook(const XlsxBook&) = delete;
    XlsxBook& operator=(const XlsxBook&) = delete;

    /// The sink that writes tables as sheets (one begin()…end() per sheet).
    TableSink& sheets();
    /// Writes `dictionary` (when not null) and the "about" sheet and closes the workbook.
    [[nodiscard]] Result<void> finish(const DataTable* dictionary);
    [[nodiscard]] Result<void> commit();

    struct Impl;

private:
    std::unique_ptr<Impl> m_impl;
};

/// Whole tables in memory through the sinks above (tests, small exports).
[[nodiscard]] Result<void> write_sav(const DataTable& table, const ExportInfo& info,
                                     const std::filesystem::path& path);
[[nodiscard]] Result<void> write_dta(const DataTable& table, const ExportInfo& info,
                                     const std::filesystem::path& path);
[[nodiscard]] Result<void> write_xlsx(const std::vector<DataTable>& tables,
                                      const DataTable* dictionary, const ExportInfo& info,
                                      const std::filesystem::path& path);

/// The sheet name for `raw` that no name in `taken` (lower-cased) has yet; adds it to `taken`.
std::string xlsx_sheet_name(const std::string& raw, std::set<std::string>& taken);
/// The sheet names write_xlsx gives `names`, in order (exposed for tests).
std::vector<std::string> xlsx_sheet_names(const std::vector<std::string>& names);

} // namespace attune::io
