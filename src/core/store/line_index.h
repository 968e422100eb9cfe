// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/store/database.h"

#include <cstdint>
#include <string_view>

namespace attune::store
{

/// Adds one row per non-empty line of `text` to the full-text index (`line_fts`). Lines are split
/// at '\n' and numbered from 1, the numbering `attune-cli show` and the workbench display.
void index_lines(Database& db, std::int64_t transcript_id, std::string_view text);

} // namespace attune::store
