// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Fields for the CSV and TSV files and listings Attune writes (exports, agreement reports,
// `attune-cli` listings). The CSV reader's syntax (cli/csv_reader.h) reads them back.

#include <ostream>
#include <string>
#include <string_view>
#include <vector>

namespace attune::io
{

/// An RFC 4180 field: unchanged unless it holds a comma, a double quote, LF or CR; then in
/// double quotes with each '"' doubled. Line breaks stay inside the quotes as they are.
std::string csv_field(std::string_view s);

/// One CSV record: every field through csv_field, separated by ',' and ended by '\n'.
std::string csv_record(const std::vector<std::string>& fields);

/// Writes csv_record(fields) to `out`.
void write_csv_record(std::ostream& out, const std::vector<std::string>& fields);

/// A TSV field that keeps its row on one line and a terminal safe: backslash, TAB, LF and CR
/// as \\, \t, \n, \r; every other control character (C0, DEL, C1: ESC sequences, BEL) as
/// \xHH or \u00HH. Other bytes, UTF-8 included, pass through unchanged.
std::string tsv_field(std::string_view s);

} // namespace attune::io
