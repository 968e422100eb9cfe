// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The JSON of an agreement estimate as the spans metrics (alpha-u, the 2016 family, gamma) print
// it. The project report's own shape is in core/io/agreement_report.cpp.

#include "core/stats/estimate.h"

#include <nlohmann/json.hpp>

#include <optional>

namespace attune::cli
{

/// A number, or null when there is none.
nlohmann::json json_or_null(const std::optional<double>& v);

/// value (null when undefined, then also reason), the observed and expected disagreement under
/// the names given (null when absent), n_units, and ci_low/ci_high when both are known.
nlohmann::json estimate_json(const stats::Estimate& e, const char* observed_key = "observed",
                             const char* expected_key = "expected");

} // namespace attune::cli
