// SPDX-License-Identifier: GPL-3.0-or-later
// Span matching between two coders: one-to-one, greedy by overlap.
#include "core/stats/span_match.h"

#include "core/base/error.h"

#include <algorithm>
#include <map>
#include <tuple>

namespace attune::stats
{
namespace
{

struct Candidate
{
    double overlap = 0.0;
    std::size_t a = 0;
    std::size_t b = 0;
};

using Interval = std::pair<std::int64_t, std::int64_t>;

double jaccard(const Interval& a, const Interval& b)
{
    const std::int64_t inter = std::min(a.second, b.second) - std::max(a.first, b.first);
    if (inter <= 0)
        return 0.0;
    const std::int64_t uni = std::max(a.second, b.second) - std::min(a.first, b.first);
    return static_cast<double>(inter) / static_cast<double>(uni);
}

int match_code(std::vector<Interval> a, std::vector<Interval> b, double min_overlap)
{
    std::sort(a.begin(), a.end());
    std::sort(b.begin(), b.end());
    std::vector<Candidate> candidates;
    if (min_overlap <= 0.0)
    {
        // Exact: equal intervals pair up in sorted order.
        for (std::size_t i = 0, j = 0; i < a.size() && j < b.size();)
        {
            if (a[i] == b[j])
            {
                candidates.push_back({1.0, i, j});
                ++i;
                ++j;
            }
            else if (a[i] < b[j])
                ++i;
            else
                ++j;
        }
        return static_cast<int>(candidates.size());
    }
    // A b overlapping a starts before a's end and no earlier than a.start − (longest b), so a
    // binary search bounds the scan; the work is O(n log n + overlapping pairs).
    std::int64_t longest = 0;
    for (const auto& iv : b)
        longest = std::max(longest, iv.second - iv.first);
    for (std::size_t i = 0; i < a.size(); ++i)
    {
        auto it = std::lower_bound(b.begin(), b.end(), Interval{a[i].first - longest, 0});
        for (; it != b.end() && it->first < a[i].second; ++it)
        {
            const double o = jaccard(a[i], *it);
            if (o > 0.0 && o + 1e-12 >= min_overlap)
                candidates.push_back({o, i, static_cast<std::size_t>(it - b.begin())});
        }
    }
    std::sort(candidates.begin(), candidates.end(),
              [](const Candidate& x, const Candidate& y)
              { return std::tie(y.overlap, x.a, x.b) < std::tie(x.overlap, y.a, y.b); });
    std::vector<bool> used_a(a.size(), false);
    std::vector<bool> used_b(b.size(), false);
    int matched = 0;
    for (const Candidate& c : candidates)
    {
        if (used_a[c.a] || used_b[c.b])
            continue;
        used_a[c.a] = used_b[c.b] = true;
        ++matched;
    }
    return matched;
}

} // namespace

SpanMatch span_match(const std::vector<CodedSpan>& reference, const std::vector<CodedSpan>& other,
                     double min_overlap)
{
    ATTUNE_ASSERT(min_overlap <= 1.0);
    std::map<std::string, std::pair<std::vector<Interval>, std::vector<Interval>>> by_code;
    for (const auto& s : reference)
        by_code[s.code].first.emplace_back(s.start, s.end);
    for (const auto& s : other)
        by_code[s.code].second.emplace_back(s.start, s.end);

    SpanMatch r;
    r.n_reference = static_cast<int>(reference.size());
    r.n_other = static_cast<int>(other.size());
    for (auto& [code, lists] : by_code)
        r.matched += match_code(std::move(lists.first), std::move(lists.second), min_overlap);

    r.f1.metric = "span-f1";
    r.f1.n_coders = 2;
    r.f1.n_units = r.n_reference + r.n_other;
    if (r.n_other > 0)
        r.precision = static_cast<double>(r.matched) / r.n_other;
    if (r.n_reference > 0)
        r.recall = static_cast<double>(r.matched) / r.n_reference;
    if (r.n_reference + r.n_other == 0)
        r.f1.reason = "neither coder marked a span";
    else
        r.f1.value = 2.0 * r.matched / static_cast<double>(r.n_reference + r.n_other);
    return r;
}

} // namespace attune::stats
