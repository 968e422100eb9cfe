// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Reconcile → Edit…: the consensus value of one disagreement chosen in a dialog, as the value
// analysis::make_decision takes with Take::Value.

#include "core/analysis/disagreements.h"
#include "core/scheme/scheme.h"

#include <optional>
#include <string>

class wxWindow;

namespace attune::app
{

/// A code-point range of the transcript (the view's selection).
struct CpSelection
{
    std::int64_t start = 0;
    std::int64_t end = 0;
};

/// Asks for the consensus value of `item`: for a passage its code and boundaries (code points,
/// prefilled from A's or B's version; `selection`, when given, can be taken instead), for a
/// rating a score on the scale's grid or not scorable, for a classification a category or
/// subcategory. Returns the value as make_decision reads it ("CODE:START-END", "5.5",
/// "not-scorable", "Ds1"), or nullopt when cancelled.
std::optional<std::string> ask_consensus_value(wxWindow* parent,
                                               const analysis::DisagreementItem& item,
                                               const scheme::Scheme& scheme,
                                               std::optional<CpSelection> selection);

} // namespace attune::app
