// SPDX-License-Identifier: GPL-3.0-or-later
// Krippendorff's unitizing alpha. Notation follows Krippendorff (2004, pp. 251-256): coder i's
// continuum is cut into sections g with begin b_ig, length l_ig and w_ig = 1 for a unit of the
// code, 0 for a gap.
#include "core/stats/unitizing.h"

#include "core/base/error.h"
#include "core/stats/detail.h"

#include <algorithm>
#include <map>

namespace attune::stats
{
namespace
{

struct Section
{
    std::int64_t begin = 0;
    std::int64_t length = 0;
    bool unit = false;
    std::int64_t end() const { return begin + length; }
};

// δ² of Krippendorff (2004): two overlapping units differ by their squared boundary shifts; a
// unit lying entirely inside the other coder's gap counts its squared length; all else is 0.
long double delta2(const Section& a, const Section& b)
{
    if (a.unit && b.unit)
    {
        if (a.begin < b.end() && b.begin < a.end())
        {
            const auto db = static_cast<long double>(a.begin - b.begin);
            const auto de = static_cast<long double>(a.end() - b.end());
            return db * db + de * de;
        }
        return 0.0L;
    }
    if (a.unit && !b.unit && b.begin <= a.begin && a.end() <= b.end())
        return static_cast<long double>(a.length) * static_cast<long double>(a.length);
    if (!a.unit && b.unit && a.begin <= b.begin && b.end() <= a.end())
        return static_cast<long double>(b.length) * static_cast<long double>(b.length);
    return 0.0L;
}

// Every pair of sections with a non-zero δ² intersects (overlapping units, or a unit inside a
// gap), so a two-pointer walk over the intersecting pairs visits all of them in linear time.
long double pair_disagreement(const std::vector<Section>& a, const std::vector<Section>& b)
{
    long double sum = 0.0L;
    std::size_t i = 0;
    std::size_t j = 0;
    while (i < a.size() && j < b.size())
    {
        sum += delta2(a[i], b[j]);
        if (a[i].end() < b[j].end())
            ++i;
        else if (b[j].end() < a[i].end())
            ++j;
        else
        {
            ++i;
            ++j;
        }
    }
    return sum;
}

} // namespace

Result<void> check_continuum(std::int64_t begin, std::int64_t end)
{
    if (begin >= end)
        return make_error(ErrorCode::InvalidArgument,
                          "the continuum [" + std::to_string(begin) + "," + std::to_string(end) +
                              ") is empty: BEGIN must be less than END");
    // Unsigned subtraction is defined for any pair; end - begin in int64 overflows for
    // [INT64_MIN, INT64_MAX] and made a wrapped, negative L (and αu = 1).
    const std::uint64_t length =
        static_cast<std::uint64_t>(end) - static_cast<std::uint64_t>(begin);
    if (length > static_cast<std::uint64_t>(kMaxContinuumLength))
        return make_error(ErrorCode::InvalidArgument, "the continuum [" + std::to_string(begin) +
                                                          "," + std::to_string(end) + ") is " +
                                                          std::to_string(length) +
                                                          " code points long; the limit is " +
                                                          std::to_string(kMaxContinuumLength));
    return {};
}

UnitizingResult unitizing_alpha(const std::vector<CodedSpan>& spans, int n_coders,
                                std::int64_t begin, std::int64_t end)
{
    UnitizingResult result;
    if (auto ok = check_continuum(begin, end); !ok)
    {
        result.overall.metric = "alpha-u";
        result.overall.n_coders = n_coders;
        result.overall.reason = ok.error().message;
        return result;
    }
    // Every difference below is between points of [begin, end], so none exceeds this length.
    const std::int64_t length = end - begin;
    const auto L = static_cast<long double>(length);
    const auto m = static_cast<long double>(n_coders);

    std::map<std::string, std::vector<std::vector<std::pair<std::int64_t, std::int64_t>>>> by_code;
    for (const CodedSpan& s : spans)
    {
        ATTUNE_ASSERT(s.coder >= 0 && s.coder < n_coders);
        ATTUNE_ASSERT(begin <= s.start && s.start < s.end && s.end <= end);
        auto& coders = by_code[s.code];
        coders.resize(static_cast<std::size_t>(n_coders));
        coders[static_cast<std::size_t>(s.coder)].emplace_back(s.start, s.end);
    }

    long double sum_do = 0.0L;
    long double sum_de = 0.0L;
    int total_units = 0;
    bool any_defined = false;
    for (auto& [code, per_coder] : by_code)
    {
        UnitizingCode uc;
        uc.code = code;
        // Sections of each coder; gaps of all coders, for D_e.
        std::vector<std::vector<Section>> sections(static_cast<std::size_t>(n_coders));
        std::vector<std::int64_t> gaps;
        std::vector<std::int64_t> units;
        for (std::size_t c = 0; c < per_coder.size(); ++c)
        {
            auto& list = per_coder[c];
            std::sort(list.begin(), list.end());
            std::vector<std::pair<std::int64_t, std::int64_t>> merged;
            for (const auto& iv : list)
            {
                // Adjacent units stay separate (Krippendorff 1995's coder Jill marks touching
                // units); only a real overlap is merged.
                if (!merged.empty() && iv.first < merged.back().second)
                {
                    merged.back().second = std::max(merged.back().second, iv.second);
                    ++result.merged;
                }
                else
                    merged.push_back(iv);
            }
            auto& out = sections[c];
            std::int64_t pos = begin;
            for (const auto& [s, e] : merged)
            {
                if (s > pos)
                {
                    out.push_back({pos, s - pos, false});
                    gaps.push_back(s - pos);
                }
                out.push_back({s, e - s, true});
                units.push_back(e - s);
                pos = e;
            }
            if (pos < end)
            {
                out.push_back({pos, end - pos, false});
                gaps.push_back(end - pos);
            }
        }
        uc.estimate.metric = "alpha-u";
        uc.estimate.n_coders = n_coders;
        uc.estimate.n_units = static_cast<int>(units.size());
        total_units += uc.estimate.n_units;
        if (n_coders < 2)
        {
            uc.estimate.reason = "fewer than 2 coders";
            result.per_code.push_back(std::move(uc));
            continue;
        }
        if (units.empty())
        {
            uc.estimate.reason = "no coder marked this code";
            result.per_code.push_back(std::move(uc));
            continue;
        }

        // D_o = Σ_i Σ_j≠i Σ_g Σ_h δ²(ig, jh) / (m(m−1)L²); δ² is symmetric, so each unordered
        // coder pair counts twice.
        long double observed = 0.0L;
        for (std::size_t i = 0; i < sections.size(); ++i)
            for (std::size_t j = i + 1; j < sections.size(); ++j)
                observed += 2.0L * pair_disagreement(sections[i], sections[j]);
        observed /= m * (m - 1.0L) * L * L;

        // D_e = (2/L) Σ_units [ (N−1)/3·(2l³ − 3l² + l) + l²·Σ_{gaps ≥ l} (gap − l + 1) ]
        //       / [ mL(mL − 1) − Σ_units l(l − 1) ].
        // The inner gap sum comes from sorted gaps and suffix sums: O(n log n) instead of O(n²).
        std::sort(gaps.begin(), gaps.end());
        std::vector<long double> suffix(gaps.size() + 1, 0.0L);
        for (std::size_t k = gaps.size(); k-- > 0;)
            suffix[k] = suffix[k + 1] + static_cast<long double>(gaps[k]);
        const auto n_units = static_cast<long double>(units.size());
        long double numerator = 0.0L;
        long double unit_pairs = 0.0L;
        for (const std::int64_t l : units)
        {
            const auto ll = static_cast<long double>(l);
            const auto first = static_cast<std::size_t>(
                std::lower_bound(gaps.begin(), gaps.end(), l) - gaps.begin());
            const auto count = static_cast<long double>(gaps.size() - first);
            const long double gap_sum = suffix[first] - count * (ll - 1.0L);
            numerator += (n_units - 1.0L) / 3.0L * (2.0L * ll * ll * ll - 3.0L * ll * ll + ll) +
                         ll * ll * gap_sum;
            unit_pairs += ll * (ll - 1.0L);
        }
        const long double denominator = m * L * (m * L - 1.0L) - unit_pairs;
        const long double expected = 2.0L / L * numerator / denominator;

        uc.estimate.observed = static_cast<double>(observed);
        uc.estimate.expected = static_cast<double>(expected);
        if (!(expected > 0.0L))
        {
            uc.estimate.reason = "no expected disagreement (every possible unitizing agrees)";
            result.per_code.push_back(std::move(uc));
            continue;
        }
        uc.estimate.value = static_cast<double>(1.0L - observed / expected);
        sum_do += observed;
        sum_de += expected;
        any_defined = true;
        result.per_code.push_back(std::move(uc));
    }

    Estimate& all = result.overall;
    all.metric = "alpha-u";
    all.n_coders = n_coders;
    all.n_units = total_units;
    if (n_coders < 2)
        all.reason = "fewer than 2 coders";
    else if (by_code.empty())
        all.reason = "no coder marked any span";
    else if (!any_defined)
        all.reason = "no code has expected disagreement";
    else
    {
        all.observed = static_cast<double>(sum_do);
        all.expected = static_cast<double>(sum_de);
        all.value = static_cast<double>(1.0L - sum_do / sum_de);
    }
    if (result.merged > 0)
        all.note = std::to_string(result.merged) +
                   " overlapping span(s) of the same coder and code merged";
    all = detail::finite_or_undefined(std::move(all));
    for (auto& uc : result.per_code)
        uc.estimate = detail::finite_or_undefined(std::move(uc.estimate));
    return result;
}

} // namespace attune::stats
