// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// agree --spans --metric gamma: Mathet, Widlöcher & Métivier's gamma (docs/agreement.md).

#include "cli/agree_spans_input.h"
#include "cli/cmd_agree.h"

#include <cstdint>

namespace attune::cli
{

/// Prints gamma for the spans read from o.spans on [begin, end); returns the exit code.
int run_gamma(const AgreeOptions& o, const SpanData& d, std::int64_t begin, std::int64_t end);

} // namespace attune::cli
