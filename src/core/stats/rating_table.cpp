// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/stats/rating_table.h"

#include "core/base/error.h"

#include <cmath>
#include <sstream>
#include <utility>

namespace attune::stats
{

RatingTable::RatingTable(std::vector<std::string> coders, std::vector<std::string> categories,
                         std::vector<double> category_values)
    : m_coders(std::move(coders)), m_categories(std::move(categories)),
      m_category_values(std::move(category_values))
{
}

void RatingTable::add_unit(std::string id, std::vector<Rating> row)
{
    ATTUNE_ASSERT(row.size() == m_coders.size());
    m_unit_ids.push_back(std::move(id));
    m_cells.insert(m_cells.end(), row.begin(), row.end());
}

void RatingTable::reserve(std::size_t units)
{
    m_unit_ids.reserve(units);
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
    out.reserve(m_unit_ids.size());
    std::vector<Rating> row(coders.size());
    for (int u = 0; u < n_units(); ++u)
    {
        for (std::size_t i = 0; i < coders.size(); ++i)
            row[i] = at(u, coders[i]);
        out.add_unit(m_unit_ids[static_cast<std::size_t>(u)], row);
    }
    return out;
}

std::string RatingTable::validate() const
{
    std::ostringstream why;
    if (m_cells.size() != m_unit_ids.size() * m_coders.size())
        return "the number of cells is not units x coders";
    if (!m_category_values.empty() && m_category_values.size() != m_categories.size())
        return "category_values must be empty or have one value per category";
    for (double v : m_category_values)
        if (!std::isfinite(v))
            return "a category value is not a finite number";
    // Indices arrive as doubles (the cell type is shared with numeric tables), so check
    // integrality.
    const double q = static_cast<double>(m_categories.size());
    for (int u = 0; u < n_units(); ++u)
        for (int c = 0; c < n_coders(); ++c)
        {
            const Rating& r = at(u, c);
            if (!r)
                continue;
            const double v = *r;
            if (!std::isfinite(v))
                why << "unit '" << m_unit_ids[static_cast<std::size_t>(u)] << "', coder '"
                    << m_coders[static_cast<std::size_t>(c)] << "': rating is not finite";
            else if (categorical() && (v < 0 || v >= q || std::floor(v) != v))
                why << "unit '" << m_unit_ids[static_cast<std::size_t>(u)] << "', coder '"
                    << m_coders[static_cast<std::size_t>(c)] << "': category index " << v
                    << " is not declared (" << m_categories.size() << " categories)";
            if (!why.str().empty())
                return why.str();
        }
    return {};
}

} // namespace attune::stats
