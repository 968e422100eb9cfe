// SPDX-License-Identifier: GPL-3.0-or-later
#include "cli/cli_common.h"

#include <cmath>
#include <iomanip>
#include <iostream>
#include <sstream>

namespace attune::cli {

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

std::string format_number(double value, int significant)
{
    if (std::abs(value) < 1e-12)
        value = 0.0; // also turns -0 into 0
    std::ostringstream s;
    s << std::setprecision(significant) << value;
    return s.str();
}

} // namespace attune::cli
