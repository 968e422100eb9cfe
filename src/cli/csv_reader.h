// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// A small RFC 4180 CSV reader that remembers where every field starts, so bad input can be
// reported as FILE:LINE:COL. Used by `agree --table` (and open to the other agree modes).

#include "core/base/result.h"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace attune::cli
{

/// One field: its unquoted text and the 1-based line and column (code points) where it starts.
struct CsvField
{
    std::string text;
    int line = 0;
    int column = 0;
    bool quoted = false;
};

/// One record; `line` is where it starts. Blank lines produce no record.
struct CsvRow
{
    int line = 0;
    std::vector<CsvField> fields;
};

/// Parses CSV text: fields separated by ',', records by LF or CRLF, fields optionally quoted
/// with '"' (a doubled '"' inside quotes is one '"'; quoted fields may span lines). A UTF-8 BOM
/// is skipped. Errors (ErrorCode::DataInvalid, with `path`, line and column): bytes that are not
/// UTF-8, a control character other than tab/CR/LF, a quote inside an unquoted field, text after
/// a closing quote, an unterminated quoted field (reported at its opening quote).
[[nodiscard]] Result<std::vector<CsvRow>> parse_csv(std::string_view text, const std::string& path);

/// Largest CSV file read: 64 MiB, thousands of times a real rating table.
inline constexpr std::uint64_t kMaxCsvBytes = 64ull * 1024 * 1024;

/// Reads (at most kMaxCsvBytes, counted while reading; see read_file_limited) and parses a file.
/// Errors: ErrorCode::Io when the file cannot be read or is a directory, a device or a socket;
/// TooLarge; parse errors.
[[nodiscard]] Result<std::vector<CsvRow>> read_csv(const std::string& path);

} // namespace attune::cli
