// SPDX-License-Identifier: GPL-3.0-or-later
#include "cli/cli_common.h"

#include <charconv>
#include <cmath>
#include <iostream>
#include <limits>
#include <sstream>

namespace attune::cli
{

std::vector<std::pair<std::string, CommandGroup>>& command_groups()
{
    // A function-local static avoids the static-initialisation-order problem between the
    // registering translation units and this one.
    static std::vector<std::pair<std::string, CommandGroup>> groups;
    return groups;
}

bool register_group(std::string name, CommandGroup group)
{
    command_groups().emplace_back(std::move(name), std::move(group));
    return true;
}

CLI::App* shared_subcommand(CLI::App& app, const std::string& name, const std::string& description)
{
    try
    {
        return app.get_subcommand(name);
    }
    catch (const CLI::OptionNotFound&)
    {
        auto* group = app.add_subcommand(name, description);
        group->require_subcommand(1);
        return group;
    }
}

int report(const Error& error)
{
    std::string prefix;
    if (error.where)
    {
        prefix = error.where->path;
        if (error.where->line > 0)
        {
            prefix += ':' + std::to_string(error.where->line);
            if (error.where->column > 0)
                prefix += ':' + std::to_string(error.where->column);
        }
        if (!prefix.empty())
            prefix += ": ";
    }
    std::cerr << prefix << "error: " << error.message << '\n';
    return kExitBadInput;
}

int report(const std::string& message)
{
    std::cerr << "error: " << message << '\n';
    return kExitBadInput;
}

int usage_error(const std::string& message)
{
    std::cerr << "usage error: " << message << "\nRun with --help for more information.\n";
    return kExitUsage;
}

namespace
{

bool all_digits(std::string_view s)
{
    return !s.empty() && s.find_first_not_of("0123456789") == std::string_view::npos;
}

// Checks `value` as a decimal integer of type T in [min, max] and rewrites it as the canonical
// decimal (no leading zeros, which CLI11 would read as octal). Returns the reason, or "".
template <typename T> std::string check_integer(std::string& value, T min, T max)
{
    const bool negative = !value.empty() && value[0] == '-';
    if (!all_digits(std::string_view(value).substr(negative ? 1 : 0)))
        return "'" + value + "' is not a whole number in decimal digits";
    T v{};
    const auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), v);
    if (ec != std::errc() || end != value.data() + value.size())
        return "'" + value + "' is out of range (" + std::to_string(min) + " to " +
               std::to_string(max) + ")";
    if (v < min || v > max)
        return max == std::numeric_limits<T>::max()
                   ? "must be >= " + std::to_string(min) + ", not " + value
                   : "must be from " + std::to_string(min) + " to " + std::to_string(max) +
                         ", not " + value;
    value = std::to_string(v);
    return {};
}

} // namespace

CLI::Validator decimal_integer(std::int64_t min, std::int64_t max)
{
    return CLI::Validator([min, max](std::string& value) { return check_integer(value, min, max); },
                          "INT");
}

CLI::Validator decimal_unsigned(std::uint64_t max)
{
    return CLI::Validator(
        [max](std::string& value) { return check_integer<std::uint64_t>(value, 0, max); }, "UINT");
}

CLI::Validator decimal_number(double min, double max)
{
    return CLI::Validator(
        [min, max](std::string& value) -> std::string
        {
            // Digits, one optional '.', an optional exponent: what from_chars' fixed and
            // scientific forms read, without "inf", "nan" or hex.
            std::string_view rest(value);
            if (!rest.empty() && rest[0] == '-')
                rest.remove_prefix(1);
            const auto e = rest.find_first_of("eE");
            const std::string_view mantissa = rest.substr(0, e);
            const auto dot = mantissa.find('.');
            const std::string_view whole = mantissa.substr(0, dot);
            const std::string_view fraction =
                dot == std::string_view::npos ? std::string_view() : mantissa.substr(dot + 1);
            std::string_view exponent =
                e == std::string_view::npos ? std::string_view("0") : rest.substr(e + 1);
            if (!exponent.empty() && (exponent[0] == '-' || exponent[0] == '+'))
                exponent.remove_prefix(1);
            const bool shape = (all_digits(whole) || (whole.empty() && all_digits(fraction))) &&
                               (fraction.empty() || all_digits(fraction)) && all_digits(exponent);
            double v = 0;
            const auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), v);
            if (!shape || ec != std::errc() || end != value.data() + value.size() ||
                !std::isfinite(v))
                return "must be a decimal number, not '" + value + "'";
            if (v < min || v > max)
            {
                std::ostringstream range;
                range << min << " to " << max;
                return "'" + value + "' is out of range (" + range.str() + ")";
            }
            return {};
        },
        "NUMBER");
}

} // namespace attune::cli
