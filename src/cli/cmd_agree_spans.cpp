// SPDX-License-Identifier: GPL-3.0-or-later
// agree, spans mode. PLACEHOLDER until the agreement engine lands (issue 4): refuses clearly.
#include "cmd_agree.h"

namespace attune::cli
{

int agree_spans(const AgreeOptions&)
{
    return report("agree: spans mode is not available in this build yet");
}

} // namespace attune::cli
