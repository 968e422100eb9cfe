// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/io/number_format.h"

#include <cmath>
#include <iomanip>
#include <locale>
#include <sstream>

namespace attune::io
{

std::string format_number(double value, int significant)
{
    if (std::abs(value) < 1e-12)
        value = 0.0; // also turns -0 into 0
    // The classic locale: the decimal point is '.' whatever locale a program (the GUI) made
    // global, as CSV readers and scripts expect.
    std::ostringstream s;
    s.imbue(std::locale::classic());
    s << std::setprecision(significant) << value;
    return s.str();
}

std::string format_optional(const std::optional<double>& value, int significant)
{
    return value ? format_number(*value, significant) : std::string();
}

} // namespace attune::io
