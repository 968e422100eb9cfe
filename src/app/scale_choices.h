// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The ratings panel's value choosers, as data: which entries a scale offers and what each means.

#include "app/scheme_view.h"
#include "core/store/records.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace attune::app
{

/// What the user chose for one scale (and target).
struct RatingChoice
{
    enum class Kind
    {
        Clear,
        Value,
        NotScorable,
    };
    Kind kind = Kind::Clear;
    double value = 0;
};

/// A coded passage that serves as evidence for a scale.
struct EvidencePassage
{
    std::int64_t start = 0;
    std::int64_t end = 0;
    std::int64_t line = 0;
    std::string code_name;
};

/// The entries of a scale's value chooser: "—" (not rated), each value on the grid, and
/// "not scorable" where the scale allows it. Index ↔ choice mapping lives here, testable.
class ScaleChoices
{
public:
    explicit ScaleChoices(const ScaleItem& scale);
    std::vector<std::string> labels() const;
    RatingChoice choice_at(int index) const;
    /// The index showing a stored rating (0 when there is none).
    int index_of(const std::optional<store::RatingRecord>& rating) const;

private:
    std::vector<double> m_values;
    bool m_not_scorable = false;
};

/// Tooltip for a scale: range, step, description and anchors.
std::string scale_tooltip(const ScaleItem& s);

} // namespace attune::app
