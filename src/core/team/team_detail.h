// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Shared by the team sources (assign.cpp, package.cpp, merge.cpp); not part of team.h.

#include "core/base/result.h"

#include <string>

namespace attune::team
{

/// The refusal of an operation that belongs to the project, asked of a coder's package.
Error package_refusal(const std::string& what);

} // namespace attune::team
