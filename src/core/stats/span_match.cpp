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

// An interval with the position of its span in the caller's list.
struct Indexed
{
    Interval iv;
    std::size_t index = 0;
    bool operator<(const Indexed& o) const { return std::tie(iv, index) < std::tie(o.iv, o.index); }
};

// The pairs of one code, as positions in the caller's lists.
void match_code(std::vector<Indexed> a, std::vector<Indexed> b, double min_overlap,
                std::vector<std::pair<std::size_t, std::size_t>>& pairs)
{
    std::sort(a.begin(), a.end());
    std::sort(b.begin(), b.end());
    std::vector<Candidate> candidates;
    if (min_overlap <= 0.0)
    {
        // Exact: equal intervals pair up in sorted order.
        for (std::size_t i = 0, j = 0; i < a.size() && j < b.size();)
        {
            if (a[i].iv == b[j].iv)
            {
                pairs.emplace_back(a[i].index, b[j].index);
                ++i;
                ++j;
            }
            else if (a[i].iv < b[j].iv)
                ++i;
            else
                ++j;
        }
        return;
    }
    // A b overlapping a starts before a's end and no earlier than a.start − (longest b), so a
    // binary search bounds the scan; the work is O(n log n + overlapping pairs).
    std::int64_t longest = 0;
    for (const auto& x : b)
        longest = std::max(longest, x.iv.second - x.iv.first);
    for (std::size_t i = 0; i < a.size(); ++i)
    {
        auto it = std::lower_bound(b.begin(), b.end(), Indexed{{a[i].iv.first - longest, 0}, 0});
        for (; it != b.end() && it->iv.first < a[i].iv.second; ++it)
        {
            const double o = jaccard(a[i].iv, it->iv);
            if (o > 0.0 && o + 1e-12 >= min_overlap)
                candidates.push_back({o, i, static_cast<std::size_t>(it - b.begin())});
        }
    }
    std::sort(candidates.begin(), candidates.end(),
              [](const Candidate& x, const Candidate& y)
              { return std::tie(y.overlap, x.a, x.b) < std::tie(x.overlap, y.a, y.b); });
    std::vector<bool> used_a(a.size(), false);
    std::vector<bool> used_b(b.size(), false);
    for (const Candidate& c : candidates)
    {
        if (used_a[c.a] || used_b[c.b])
            continue;
        used_a[c.a] = used_b[c.b] = true;
        pairs.emplace_back(a[c.a].index, b[c.b].index);
    }
}

} // namespace

std::vector<std::pair<std::size_t, std::size_t>> span_pairs(const std::vector<CodedSpan>& reference,
                                                            const std::vector<CodedSpan>& other,
                                                            double min_overlap)
{
    ATTUNE_ASSERT(min_overlap <= 1.0);
    std::map<std::string, std::pair<std::vector<Indexed>, std::vector<Indexed>>> by_code;
    for (std::size_t i = 0; i < reference.size(); ++i)
        by_code[reference[i].code].first.push_back({{reference[i].start, reference[i].end}, i});
    for (std::size_t j = 0; j < other.size(); ++j)
        by_code[other[j].code].second.push_back({{other[j].start, other[j].end}, j});
    std::vector<std::pair<std::size_t, std::size_t>> pairs;
    for (auto& [code, lists] : by_code)
        match_code(std::move(lists.first), std::move(lists.second), min_overlap, pairs);
    return pairs;
}

SpanMatch span_match(const std::vector<CodedSpan>& reference, const std::vector<CodedSpan>& other,
                     double min_overlap)
{
    ATTUNE_ASSERT(min_overlap <= 1.0);
    SpanMatch r;
    r.n_reference = static_cast<int>(reference.size());
    r.n_other = static_cast<int>(other.size());
    r.matched = static_cast<int>(span_pairs(reference, other, min_overlap).size());

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
