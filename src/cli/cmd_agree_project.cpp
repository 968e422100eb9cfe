// SPDX-License-Identifier: GPL-3.0-or-later
// agree, project mode. PLACEHOLDER until the agreement engine lands (issue 4): refuses clearly.
#include "cmd_agree.h"

namespace attune::cli
{

int agree_project(const AgreeOptions&)
{
    return report("agree: project mode is not available in this build yet");
}

} // namespace attune::cli
