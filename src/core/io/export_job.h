// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// One dataset export as the CLI (`attune-cli export`) and the workbench (File → Export
// Dataset…) both run it (issue 12, docs/export.md): which datasets, which formats, where, and
// the progress of the work. Everything is written under temporary names and appears only when
// complete, so a failed or cancelled export leaves nothing behind.

#include "core/base/result.h"
#include "core/io/datasets.h"

#include <cstddef>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace attune::io
{

enum class ExportFormat
{
    Csv,
    Sav,
    Dta,
    Xlsx,
    Json,
};

/// Every format, in the order the CLI's help and the GUI's choice list them.
inline constexpr ExportFormat kExportFormats[] = {ExportFormat::Csv, ExportFormat::Sav,
                                                  ExportFormat::Dta, ExportFormat::Xlsx,
                                                  ExportFormat::Json};

/// "csv", "sav", "dta", "xlsx", "json": the CLI's name and the file extension (without '.').
const char* to_string(ExportFormat f) noexcept;
/// The format named so (as to_string), or nullopt.
std::optional<ExportFormat> parse_export_format(std::string_view name);
/// A short description for menus: "CSV (R, pandas, Excel)", "SPSS (.sav)", …
const char* describe(ExportFormat f) noexcept;

struct ExportRequest
{
    /// One dataset name (kDatasetNames) written to the file `out`, or every dataset (`all`)
    /// written into the folder `out`.
    std::string dataset;
    bool all = false;
    /// With `all`, any number of formats; otherwise exactly one.
    std::vector<ExportFormat> formats;
    std::filesystem::path out;
    DatasetOptions options;
    bool excel_csv = false; ///< CSV with a byte order mark and CRLF
};

/// Where the export has got to, for a progress dialog: `done` of `total` steps, and what is
/// being done now ("wide.sav", "building annotations").
struct ExportProgress
{
    std::size_t done = 0;
    std::size_t total = 0;
    std::string step;
};

/// Called before each step and once at the end (done == total); return false to cancel.
using ExportProgressFn = std::function<bool(const ExportProgress&)>;

struct ExportSummary
{
    std::filesystem::path out;                ///< the file or folder written
    std::vector<std::filesystem::path> files; ///< every file written (inside `out` for `all`)
    std::size_t rows = 0;                     ///< data rows written, all tables and formats
};

/// Checks a request before any work: a known dataset, formats that fit (one unless `all`;
/// "project" in JSON only), `excel_csv` only with CSV, an `out` that can be written (the folder
/// of `all` must be new, empty, or a folder an earlier Attune export wrote: it holds a
/// README.txt that says so). Errors: InvalidArgument (naming the option), Conflict (the folder
/// holds other files).
[[nodiscard]] Result<void> check_export_request(const ExportRequest& r);

/// Runs the export. A single dataset is written to `out` atomically. With `all`, every dataset
/// in every format is written into a new folder beside `out` with a README.txt saying what the
/// export is and what each file holds, and that folder then replaces `out` (an earlier export
/// there is removed only after the new one is complete). Errors: those of
/// check_export_request, of the dataset builders (NotFound for an unknown scheme …), of the
/// writers (Io, Unsupported, DataInvalid), and Cancelled when `progress` returned false; in
/// every case `out` is as it was.
[[nodiscard]] Result<ExportSummary> run_export(project::Session& s, const ExportRequest& r,
                                               const ExportProgressFn& progress = {});

} // namespace attune::io
