// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The input of every table-mode agreement statistic: units × coders of optional ratings.

#include <cmath>
#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>
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
///
/// Storage is compact, so a 200,000 × 5 table read from a CSV file fits in a few MB: a cell is
/// one double (NaN = missing; a present NaN rating is remembered and reported by validate()),
/// and the unit ids share one character buffer. cells() and unit_ids() are read-only views.
class RatingTable
{
public:
    /// The cells, row-major, read as Ratings.
    class Cells
    {
    public:
        class iterator
        {
        public:
            using value_type = Rating;
            using difference_type = std::ptrdiff_t;
            iterator() = default;
            explicit iterator(const double* p) : m_p(p) {}
            Rating operator*() const { return to_rating(*m_p); }
            iterator& operator++()
            {
                ++m_p;
                return *this;
            }
            iterator operator++(int)
            {
                iterator old = *this;
                ++m_p;
                return old;
            }
            bool operator==(const iterator& o) const { return m_p == o.m_p; }
            bool operator!=(const iterator& o) const { return m_p != o.m_p; }

        private:
            const double* m_p = nullptr;
        };
        explicit Cells(const std::vector<double>& raw) : m_raw(&raw) {}
        std::size_t size() const noexcept { return m_raw->size(); }
        bool empty() const noexcept { return m_raw->empty(); }
        Rating operator[](std::size_t i) const { return to_rating((*m_raw)[i]); }
        /// The cells as stored, NaN for a missing one (for loops over large tables).
        const double* data() const noexcept { return m_raw->data(); }
        iterator begin() const { return iterator(m_raw->data()); }
        iterator end() const { return iterator(m_raw->data() + m_raw->size()); }

    private:
        const std::vector<double>* m_raw;
    };

    /// The unit ids, in order.
    class UnitIds
    {
    public:
        explicit UnitIds(const RatingTable& t) : m_t(&t) {}
        std::size_t size() const noexcept { return m_t->m_id_end.size(); }
        bool empty() const noexcept { return m_t->m_id_end.empty(); }
        std::string_view operator[](std::size_t i) const
        {
            return m_t->unit_id(static_cast<int>(i));
        }

    private:
        const RatingTable* m_t;
    };

    RatingTable() = default;
    explicit RatingTable(std::vector<std::string> coders, std::vector<std::string> categories = {},
                         std::vector<double> category_values = {});

    /// A table from its parts, moved in without a copy (readers of large files build them
    /// directly): unit u's id is unit_id_text[unit_id_end[u-1], unit_id_end[u]); `cells` is
    /// row-major with NaN for a missing rating. The sizes must agree (asserted).
    static RatingTable from_parts(std::vector<std::string> coders,
                                  std::vector<std::string> categories,
                                  std::vector<double> category_values, std::string unit_id_text,
                                  std::vector<std::size_t> unit_id_end, std::vector<double> cells);

    /// Appends a unit; `row` must have one entry per coder.
    void add_unit(std::string_view id, const std::vector<Rating>& row)
    {
        append_unit(id, std::span<const Rating>(row));
    }
    /// The same without a vector per unit (readers of large files reuse one row).
    void append_unit(std::string_view id, std::span<const Rating> row);

    int n_units() const noexcept { return static_cast<int>(m_id_end.size()); }
    int n_coders() const noexcept { return static_cast<int>(m_coders.size()); }
    bool categorical() const noexcept { return !m_categories.empty(); }

    Rating at(int unit, int coder) const
    {
        return to_rating(m_cells[static_cast<std::size_t>(unit) * m_coders.size() +
                                 static_cast<std::size_t>(coder)]);
    }
    void set(int unit, int coder, Rating value);

    /// The numeric value of a present cell: category_values[index] (or the index) for a
    /// categorical table, the number itself otherwise.
    double value_of(double cell) const noexcept;

    const std::vector<std::string>& coders() const noexcept { return m_coders; }
    const std::vector<std::string>& categories() const noexcept { return m_categories; }
    const std::vector<double>& category_values() const noexcept { return m_category_values; }
    UnitIds unit_ids() const noexcept { return UnitIds(*this); }
    std::string_view unit_id(int unit) const noexcept;
    Cells cells() const noexcept { return Cells(m_cells); }

    /// A table with only the given coder columns, in the given order (0-based coder indices).
    RatingTable select_coders(const std::vector<int>& coders) const;

    /// Reserves room for `units` units and `id_bytes` bytes of unit ids (large tables).
    void reserve(std::size_t units, std::size_t id_bytes = 0);

    /// Empty string when the invariant holds, else what is wrong (e.g. "unit 'u3', coder 'b':
    /// category index 7 is not declared (4 categories)").
    std::string validate() const;

private:
    static Rating to_rating(double cell) noexcept
    {
        return std::isnan(cell) ? Rating{} : Rating{cell};
    }
    double to_cell(int unit, int coder, const Rating& r);

    std::vector<std::string> m_coders;
    std::vector<std::string> m_categories;
    std::vector<double> m_category_values;
    std::string m_id_text;             ///< every unit id, one after the other
    std::vector<std::size_t> m_id_end; ///< where each unit's id ends in m_id_text
    std::vector<double> m_cells;       ///< NaN = missing
    long long m_first_nan = -1;        ///< the first cell given a present NaN, if any
};

} // namespace attune::stats
