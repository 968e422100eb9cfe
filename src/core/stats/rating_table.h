// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The input of every table-mode agreement statistic: units × coders of optional ratings.

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace attune::stats
{

/// One coder's rating of one unit; nullopt = missing.
using Rating = std::optional<double>;

/// A units × coders table of ratings (row-major), with coder names and an optional declared
/// category list.
///
/// Two kinds of table:
///  - categorical (`categories` non-empty): every present cell holds a 0-based INDEX into
///    `categories` (an integer-valued double). `category_values` gives the numeric value of each
///    category (used by interval/ratio alpha, ICC, Pearson, ...); when it is empty a category's
///    value is its index. Weights and ordinal ranks follow the index (the declared order).
///  - numeric (`categories` empty): present cells hold plain numbers (scale ratings). Categorical
///    metrics then treat each distinct value as a category, in ascending numeric order.
/// Invariant (checked by validate()): cells.size() == unit count × coders.size(); indices in range;
/// category_values empty or the same size as categories; all numbers finite.
class RatingTable
{
public:
    RatingTable() = default;
    explicit RatingTable(std::vector<std::string> coders, std::vector<std::string> categories = {},
                         std::vector<double> category_values = {});

    /// Appends a unit; `row` must have one entry per coder.
    void add_unit(std::string id, std::vector<Rating> row);

    int n_units() const noexcept { return static_cast<int>(m_unit_ids.size()); }
    int n_coders() const noexcept { return static_cast<int>(m_coders.size()); }
    bool categorical() const noexcept { return !m_categories.empty(); }

    const Rating& at(int unit, int coder) const
    {
        return m_cells[static_cast<std::size_t>(unit) * m_coders.size() +
                       static_cast<std::size_t>(coder)];
    }
    void set(int unit, int coder, Rating value)
    {
        m_cells[static_cast<std::size_t>(unit) * m_coders.size() +
                static_cast<std::size_t>(coder)] = value;
    }

    /// The numeric value of a present cell: category_values[index] (or the index) for a
    /// categorical table, the number itself otherwise.
    double value_of(double cell) const noexcept;

    const std::vector<std::string>& coders() const noexcept { return m_coders; }
    const std::vector<std::string>& categories() const noexcept { return m_categories; }
    const std::vector<double>& category_values() const noexcept { return m_category_values; }
    const std::vector<std::string>& unit_ids() const noexcept { return m_unit_ids; }
    const std::vector<Rating>& cells() const noexcept { return m_cells; }

    /// A table with only the given coder columns, in the given order (0-based coder indices).
    RatingTable select_coders(const std::vector<int>& coders) const;

    /// Reserves room for `units` units (large tables, benchmarks).
    void reserve(std::size_t units);

    /// Empty string when the invariant holds, else what is wrong (e.g. "unit 'u3', coder 'b':
    /// category index 7 is not declared (4 categories)").
    std::string validate() const;

private:
    std::vector<std::string> m_coders;
    std::vector<std::string> m_categories;
    std::vector<double> m_category_values;
    std::vector<std::string> m_unit_ids;
    std::vector<Rating> m_cells;
};

} // namespace attune::stats
