// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The dialogs of File → Merge Coder's File… (main_frame_merge.cpp): the report of a merge of
// coders' packages, before anything is written (Merge / Cancel) and after (OK). The words are
// merge_summary's; this file only lays them out. The REFI-QDA export and import reports
// (main_frame_refi.cpp, words from refi_summary) use the same layout.

#include <string>

class wxWindow;

namespace attune::app
{

/// Shows `headline` over the scrollable `report`. With `ask`, the buttons are Merge and Cancel
/// and the answer is whether Merge was pressed; without, one OK button (the answer is false).
bool show_merge_report(wxWindow* parent, const std::string& title, const std::string& headline,
                       const std::string& report, bool ask);

} // namespace attune::app
