// SPDX-License-Identifier: GPL-3.0-or-later
// agree --spans --metric gamma. Work in progress (issue 16): the statistic is not built yet, so
// the metric is refused with a usage error rather than answered.
#include "cli/cmd_agree_gamma.h"

namespace attune::cli
{

int run_gamma(const AgreeOptions&, const SpanData&, std::int64_t, std::int64_t)
{
    return usage_error("--metric gamma is not available in this build yet");
}

} // namespace attune::cli
