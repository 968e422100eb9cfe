// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Numbers as the text and CSV writers print them (agreement reports, CLI listings).

#include <optional>
#include <string>

namespace attune::io
{

/// A statistic for text and CSV output: at most `significant` significant digits (the shortest
/// of fixed and scientific notation, as `%g` chooses), and a value within 1e-12 of zero
/// (floating-point residue such as -1.1e-16 from an ICC of exactly 0, or -0) printed as "0".
/// JSON output keeps the full double instead.
std::string format_number(double value, int significant = 6);

/// A CSV cell for a value that may be undefined: format_number, or "" for nullopt.
std::string format_optional(const std::optional<double>& value, int significant = 6);

} // namespace attune::io
