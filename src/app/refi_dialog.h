// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The small options dialog of File → Import REFI-QDA… (main_frame_refi.cpp): how the file
// counts its selections' positions. Both default to Automatic: core detects the convention
// under which the selections fit the text (docs/refi-qda.md "Positions").

#include "core/io/refi_import.h"

#include <optional>
#include <string>

class wxWindow;

namespace attune::app
{

/// Asks how `file_name` counts positions (Automatic / code points / UTF-16 units) and CR LF
/// (Automatic / two / one). nullopt: cancelled.
std::optional<io::RefiImportOptions> ask_refi_import_options(wxWindow* parent,
                                                             const std::string& file_name);

} // namespace attune::app
