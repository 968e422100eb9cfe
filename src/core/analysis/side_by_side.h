// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The compare view's table: several coders' ratings and classifications of one transcript side
// by side, with how far they differ (docs/user-guide.md "Comparing coders").

#include "core/base/result.h"
#include "core/project/session.h"

#include <string>
#include <vector>

namespace attune::analysis
{

/// One row: a scale (with its target), a classification as stated, or a classification at one
/// collapsing. `values` is parallel to SideBySide::coders: "4.5", "not scorable", a label, or ""
/// when that coder has nothing there.
struct SideBySideRow
{
    enum class Kind
    {
        Rating,
        Classification, ///< as stated ("U/Ds1")
        Collapsing,     ///< the classification at a collapsing ("F" at 3-way)
    };
    Kind kind = Kind::Rating;
    std::string scheme_id;
    std::string id;     ///< scale id, classification id, or collapsing id
    std::string target; ///< ratings ("" for a global scale)
    std::string label;  ///< "Loving (mother)", "AAI classification", "AAI classification: 3-way"
    std::vector<std::string> values;
    /// Across the coders who coded independently (every column but the consensus coder's),
    /// when at least two of them have a value: for a rating max − min of the scores ("1.5",
    /// "0"), or "differs" when one is not scorable and another scored; for a classification
    /// "differs" or "same". "" when fewer than two have a value.
    std::string difference;
};

struct SideBySide
{
    std::vector<project::Coder> coders; ///< the columns, in the order asked
    /// Scales in scheme order (a row when any of the coders scored it), then each
    /// classification any of them classified (as stated, then one row per collapsing).
    std::vector<SideBySideRow> rows;
};

/// The table of `coders` (by name, in column order) on `transcript`. Schemes that cannot be
/// loaded are left out. Errors: NotFound (transcript, a coder), InvalidArgument (no coder, a
/// coder named twice).
[[nodiscard]] Result<SideBySide> side_by_side(project::Session& session,
                                              project::TranscriptId transcript,
                                              const std::vector<std::string>& coders);

} // namespace attune::analysis
