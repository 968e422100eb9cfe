// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/error.h"
#include "core/io/number_format.h"

#include <CLI/CLI.hpp>

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace attune::cli
{

/// Exit codes of the CLI contract (docs/cli.md).
inline constexpr int kExitOk = 0;
inline constexpr int kExitBadInput = 1;
inline constexpr int kExitUsage = 2;
inline constexpr int kExitInternal = 70;

/// State shared by the command callbacks of one run: the exit code they decide.
struct Context
{
    int exit_code = kExitOk;
    /// The project file the command opened (open_project sets it), named by main when a read
    /// fails deep inside a query (a damaged file: SQLITE_CORRUPT).
    std::string project;
};

/// A command group adds its subcommands to the app; its callbacks set ctx.exit_code.
using CommandGroup = std::function<void(CLI::App& app, Context& ctx)>;

/// The registry of command groups; cmd_<group>.cpp files add to it at static-initialisation time
/// through a `static const bool registered = register_group(...)` line.
std::vector<std::pair<std::string, CommandGroup>>& command_groups();
bool register_group(std::string name, CommandGroup group);

/// The subcommand `name` of `app`, which several groups add to (`scheme`: cmd_scheme.cpp and
/// cmd_scheme_add.cpp): the first group to ask creates it with `description`, requiring one
/// subcommand of its own; later ones get that one.
CLI::App* shared_subcommand(CLI::App& app, const std::string& name, const std::string& description);

/// Prints an Error as `FILE:LINE:COL: error: MESSAGE` (or the parts that apply) to stderr and
/// returns kExitBadInput.
int report(const Error& error);

/// Prints `error: MESSAGE` to stderr and returns kExitBadInput.
int report(const std::string& message);

/// Marks a usage problem found after parsing (e.g. two mutually exclusive modes): prints the
/// message and returns kExitUsage.
int usage_error(const std::string& message);

/// Strict decimal numbers for numeric options. CLI11 alone reads 0x10 as 16 and 010 as 8 (it
/// converts with base 0) and clamps 99999999999999999999 to 9223372036854775807; these
/// transforms accept only decimal digits with an optional '-', check the range and hand CLI11
/// the canonical decimal, so a bad value is a usage error (exit 2) naming the option, e.g.
/// "--start: must be >= 0, not -1", "--start: '0x10' is not a whole number in decimal digits",
/// "--start: '99999999999999999999' is out of range (0 to 9223372036854775807)".
CLI::Validator decimal_integer(std::int64_t min, std::int64_t max);
CLI::Validator decimal_unsigned(std::uint64_t max);
/// A decimal number with an optional fraction and exponent (no hex, inf or nan), finite, in
/// [min, max].
CLI::Validator decimal_number(double min, double max);

/// Statistics in text and CSV output: core's formatter (io/number_format.h), as the GUI's.
using io::format_number;
using io::format_optional;

} // namespace attune::cli
