// SPDX-License-Identifier: GPL-3.0-or-later
// agree, table mode. PLACEHOLDER until the agreement engine lands (issue 4): refuses clearly.
#include "cmd_agree.h"

namespace attune::cli
{

int agree_table(const AgreeOptions&)
{
    return report("agree: table mode is not available in this build yet");
}

} // namespace attune::cli
