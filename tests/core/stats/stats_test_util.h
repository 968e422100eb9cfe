// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Builds RatingTables for the stats tests from literal matrices (0 = missing when asked).

#include "core/stats/rating_table.h"

#include <string>
#include <vector>

namespace attune::stats::test
{

/// A units × coders table; `missing` marks absent cells. With `categories` non-empty the
/// values are taken as 1-based category positions (as printed in the sources).
inline RatingTable make_table(const std::vector<std::vector<double>>& rows,
                              std::vector<std::string> categories = {}, double missing = -1.0)
{
    std::vector<std::string> coders;
    for (std::size_t c = 0; c < rows.front().size(); ++c)
        coders.push_back("c" + std::to_string(c + 1));
    const bool cat = !categories.empty();
    RatingTable t(coders, std::move(categories));
    int u = 0;
    for (const auto& row : rows)
    {
        std::vector<Rating> r;
        for (double v : row)
            r.push_back(v == missing ? Rating{} : Rating{cat ? v - 1.0 : v});
        t.add_unit("u" + std::to_string(++u), r);
    }
    return t;
}

/// A two-coder table from a q × q contingency table of counts (rows = coder 1).
inline RatingTable from_contingency(const std::vector<std::vector<int>>& counts)
{
    std::vector<std::string> cats;
    for (std::size_t i = 0; i < counts.size(); ++i)
        cats.push_back("k" + std::to_string(i + 1));
    RatingTable t({"a", "b"}, cats);
    int u = 0;
    for (std::size_t i = 0; i < counts.size(); ++i)
        for (std::size_t j = 0; j < counts[i].size(); ++j)
            for (int n = 0; n < counts[i][j]; ++n)
                t.add_unit("u" + std::to_string(++u),
                           {static_cast<double>(i), static_cast<double>(j)});
    return t;
}

/// A table from a units × categories table of rater counts (Fleiss' layout): unit i gets
/// counts[i][k] ratings of category k, spread over coder columns in order.
inline RatingTable from_counts(const std::vector<std::vector<int>>& counts, int coders)
{
    std::vector<std::string> cats;
    for (std::size_t i = 0; i < counts.front().size(); ++i)
        cats.push_back("k" + std::to_string(i + 1));
    std::vector<std::string> names;
    for (int c = 0; c < coders; ++c)
        names.push_back("r" + std::to_string(c + 1));
    RatingTable t(names, cats);
    int u = 0;
    for (const auto& row : counts)
    {
        std::vector<Rating> r;
        for (std::size_t k = 0; k < row.size(); ++k)
            for (int n = 0; n < row[k]; ++n)
                r.push_back(static_cast<double>(k));
        while (static_cast<int>(r.size()) < coders)
            r.push_back(Rating{});
        t.add_unit("u" + std::to_string(++u), r);
    }
    return t;
}

} // namespace attune::stats::test
