// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/scheme_view.h"

#include <cmath>
#include <cstdio>

namespace attune::app
{

std::vector<double> scale_values(const ScaleItem& scale)
{
    std::vector<double> out;
    if (!(scale.step > 0) || scale.max < scale.min)
        return out;
    // Count steps as integers so 1 + 16 × 0.5 lands exactly on 9, not 8.999….
    const auto n = static_cast<long>(std::floor((scale.max - scale.min) / scale.step + 1e-9));
    for (long i = 0; i <= n; ++i)
        out.push_back(scale.min + static_cast<double>(i) * scale.step);
    return out;
}

std::string format_scale_value(double v)
{
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.3f", v);
    std::string s(buf);
    while (!s.empty() && s.back() == '0')
        s.pop_back();
    if (!s.empty() && s.back() == '.')
        s.pop_back();
    return s == "-0" ? "0" : s;
}

const CodeItem* find_code(const std::vector<SchemeView>& views, const std::string& scheme_id,
                          const std::string& code)
{
    for (const auto& v : views)
        if (v.id == scheme_id)
            for (const auto& c : v.codes)
                if (!c.is_group && c.id == code)
                    return &c;
    return nullptr;
}

} // namespace attune::app
