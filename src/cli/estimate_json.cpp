// SPDX-License-Identifier: GPL-3.0-or-later
#include "cli/estimate_json.h"

namespace attune::cli
{

nlohmann::json json_or_null(const std::optional<double>& v)
{
    return v ? nlohmann::json(*v) : nlohmann::json(nullptr);
}

nlohmann::json estimate_json(const stats::Estimate& e, const char* observed_key,
                             const char* expected_key)
{
    nlohmann::json j;
    j["value"] = json_or_null(e.value);
    if (!e.value)
        j["reason"] = e.reason;
    j[observed_key] = json_or_null(e.observed);
    j[expected_key] = json_or_null(e.expected);
    j["n_units"] = e.n_units;
    if (e.ci_low && e.ci_high)
    {
        j["ci_low"] = *e.ci_low;
        j["ci_high"] = *e.ci_high;
    }
    return j;
}

} // namespace attune::cli
