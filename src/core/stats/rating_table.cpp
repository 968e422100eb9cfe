// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/stats/rating_table.h"

#include "core/base/error.h"

#include <cmath>
#include <cstdint>
#include <limits>
#include <sstream>
#include <utility>

namespace attune::stats
{

namespace
{
constexpr double kMissing = std::numeric_limits<double>::quiet_NaN();
}

RatingTable::RatingTable(std::vector<std::string> coders, std::vector<std::string> categories,
                         std::vector<double> category_values)
    : m_coders(std::move(coders)), m_categories(std::move(categories)),
      m_category_values(std::move(category_values))
{
}

RatingTable RatingTable::from_parts(std::vector<std::string> coders,
                                    std::vector<std::string> categories,
                                    std::vector<double> category_values, std::string unit_id_text,
                                    std::vector<std::size_t> unit_id_end, std::vector<double> cells)
{
    RatingTable t(std::move(coders), std::move(categories), std::move(category_values));
    ATTUNE_ASSERT(cells.size() == unit_id_end.size() * t.m_coders.size());
    ATTUNE_ASSERT(unit_id_end.empty() || unit_id_end.back() == unit_id_text.size());
    t.m_id_text = std::move(unit_id_text);
    t.m_id_end = std::move(unit_id_end);
    t.m_cells = std::move(cells);
    return t;
}

// NaN is the missing mark, so a present NaN cannot be stored as itself; it is remembered so
// that validate() still refuses it, as it refuses any other non-finite rating.
double RatingTable::to_cell(int unit, int coder, const Rating& r)
{
    if (!r)
        return kMissing;
    if (std::isnan(*r) && m_first_nan < 0)
        m_first_nan =
            static_cast<long long>(unit) * static_cast<long long>(m_coders.size()) + coder;
    return *r;
}

void RatingTable::append_unit(std::string_view id, std::span<const Rating> row)
{
    ATTUNE_ASSERT(row.size() == m_coders.size());
    const int unit = n_units();
    m_id_text.append(id);
    m_id_end.push_back(m_id_text.size());
    for (std::size_t c = 0; c < row.size(); ++c)
        m_cells.push_back(to_cell(unit, static_cast<int>(c), row[c]));
}

void RatingTable::set(int unit, int coder, Rating value)
{
    m_cells[static_cast<std::size_t>(unit) * m_coders.size() + static_cast<std::size_t>(coder)] =
        to_cell(unit, coder, value);
}

std::string_view RatingTable::unit_id(int unit) const noexcept
{
    const auto u = static_cast<std::size_t>(unit);
    const std::size_t begin = u == 0 ? 0 : m_id_end[u - 1];
    return std::string_view(m_id_text).substr(begin, m_id_end[u] - begin);
}

void RatingTable::reserve(std::size_t units, std::size_t id_bytes)
{
    m_id_end.reserve(units);
    m_id_text.reserve(id_bytes);
    m_cells.reserve(units * m_coders.size());
}

double RatingTable::value_of(double cell) const noexcept
{
    // Labels without numbers: the position stands in for the value (ordinal use only).
    if (m_categories.empty() || m_category_values.empty())
        return cell;
    return m_category_values[static_cast<std::size_t>(cell)];
}

RatingTable RatingTable::select_coders(const std::vector<int>& coders) const
{
    std::vector<std::string> names;
    for (int c : coders)
    {
        ATTUNE_ASSERT(c >= 0 && c < n_coders());
        names.push_back(m_coders[static_cast<std::size_t>(c)]);
    }
    RatingTable out(std::move(names), m_categories, m_category_values);
    out.reserve(m_id_end.size(), m_id_text.size());
    std::vector<Rating> row(coders.size());
    for (int u = 0; u < n_units(); ++u)
    {
        for (std::size_t i = 0; i < coders.size(); ++i)
            row[i] = at(u, coders[i]);
        out.append_unit(unit_id(u), row);
    }
    return out;
}

std::string RatingTable::validate() const
{
    if (m_cells.size() != m_id_end.size() * m_coders.size())
        return "the number of cells is not units x coders";
    if (!m_category_values.empty() && m_category_values.size() != m_categories.size())
        return "category_values must be empty or have one value per category";
    for (double v : m_category_values)
        if (!std::isfinite(v))
            return "a category value is not a finite number";
    // Indices arrive as doubles (the cell type is shared with numeric tables), so check
    // integrality. This runs on every table the CLI reads, so a first pass only counts the bad
    // cells, without a branch per cell (a missing cell among present ones would be mispredicted
    // each time) or std::floor (a library call on baseline x86-64): a good index converts to
    // an integer and back unchanged. Only a table with a bad cell is looked at again below.
    const double q = static_cast<double>(m_categories.size());
    const bool cat = categorical();
    std::size_t bad = 0;
    if (cat)
        for (const double v : m_cells)
        {
            const bool in_range = (v >= 0.0) & (v < q);
            const double w = in_range ? v : 0.0; // converted only when in range
            const bool index = in_range & (static_cast<double>(static_cast<std::int64_t>(w)) == w);
            const bool missing = std::isnan(v);
            bad += static_cast<std::size_t>(!(index | missing));
        }
    else
        for (const double v : m_cells)
        {
            const bool finite = std::isfinite(v);
            const bool missing = std::isnan(v);
            bad += static_cast<std::size_t>(!(finite | missing));
        }
    if (bad == 0 && m_first_nan < 0)
        return {};
    for (std::size_t i = 0; i < m_cells.size(); ++i)
    {
        const double v = m_cells[i];
        const bool present_nan = m_first_nan == static_cast<long long>(i);
        if (std::isnan(v) && !present_nan)
            continue;
        const bool bad_index = cat && (v < 0 || v >= q || std::floor(v) != v);
        if (std::isfinite(v) && !bad_index)
            continue;
        const std::size_t width = m_coders.size();
        std::ostringstream why;
        why << "unit '" << unit_id(static_cast<int>(i / width)) << "', coder '"
            << m_coders[i % width] << "': ";
        if (!std::isfinite(v))
            why << "rating is not finite";
        else
            why << "category index " << v << " is not declared (" << m_categories.size()
                << " categories)";
        return why.str();
    }
    return {};
}

} // namespace attune::stats
