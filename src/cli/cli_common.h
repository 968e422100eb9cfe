// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/error.h"

#include <CLI/CLI.hpp>

#include <functional>
#include <string>
#include <vector>

namespace attune::cli {

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

/// Prints an Error as `FILE:LINE:COL: error: MESSAGE` (or the parts that apply) to stderr and
/// returns kExitBadInput.
int report(const Error& error);

/// Prints `error: MESSAGE` to stderr and returns kExitBadInput.
int report(const std::string& message);

/// Marks a usage problem found after parsing (e.g. two mutually exclusive modes): prints the
/// message and returns kExitUsage.
int usage_error(const std::string& message);

/// A statistic for text and CSV output: `significant` significant digits, and a value within
/// 1e-12 of zero (floating-point residue such as -1.1e-16 from an ICC of exactly 0) printed as 0.
/// JSON output keeps the full double.
std::string format_number(double value, int significant = 6);

} // namespace attune::cli
