// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The "info" object every JSON export carries (datasets and the project document alike,
// docs/schemas/): io's own writers include this; nlohmann stays out of the public headers.

#include "core/io/data_table.h"

#include <nlohmann/json.hpp>

namespace attune::io
{

/// {"attune_version", "project_uuid", "project_file", "schemes": [{"id","version"}],
///  "filters", "exported_at"}, in that order.
nlohmann::ordered_json export_info_json(const ExportInfo& info);

} // namespace attune::io
