// SPDX-License-Identifier: GPL-3.0-or-later
// Krippendorff's alpha on a units × coders table (Krippendorff 2011, "Computing Krippendorff's
// alpha-reliability"), with the bootstrap of Hayes & Krippendorff (2007).
#include "core/stats/agreement.h"
#include "core/stats/detail.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <string>

namespace attune::stats
{
namespace
{

// Up to this many values the coincidence matrix o_ck is kept (q*q doubles); above it D_o is
// summed over the pairs of each unit instead, so continuous data cannot exhaust memory.
constexpr int kMatrixLimit = 256;

const char* level_name(Level level)
{
    switch (level)
    {
    case Level::Nominal: return "nominal";
    case Level::Ordinal: return "ordinal";
    case Level::Interval: return "interval";
    case Level::Ratio: return "ratio";
    }
    return "?";
}

// The squared metric difference delta^2_ck of the level (Krippendorff 2011, pp. 5-7). Ordinal
// differences depend on the marginal counts n_g through their prefix sums `cum`.
struct Metric
{
    Level level;
    const std::vector<double>* values;
    const std::vector<double>* cum; // cum[g] = n_0 + ... + n_{g-1}
    const std::vector<double>* n_c;

    double operator()(int c, int k) const
    {
        if (c == k)
            return 0.0;
        switch (level)
        {
        case Level::Nominal: return 1.0;
        case Level::Ordinal:
        {
            const int lo = std::min(c, k);
            const int hi = std::max(c, k);
            const double d =
                (*cum)[static_cast<std::size_t>(hi) + 1] - (*cum)[static_cast<std::size_t>(lo)] -
                ((*n_c)[static_cast<std::size_t>(c)] + (*n_c)[static_cast<std::size_t>(k)]) / 2.0;
            return d * d;
        }
        case Level::Interval:
        {
            const double d =
                (*values)[static_cast<std::size_t>(c)] - (*values)[static_cast<std::size_t>(k)];
            return d * d;
        }
        case Level::Ratio:
        {
            const double a = (*values)[static_cast<std::size_t>(c)];
            const double b = (*values)[static_cast<std::size_t>(k)];
            if (a + b == 0.0)
                return 0.0;
            const double d = (a - b) / (a + b);
            return d * d;
        }
        }
        return 0.0;
    }
};

using detail::Rng;

/// How many units have each pattern (a unit's values and their counts, packed into an
/// integer): open addressing in a fixed table, which refuses a new pattern once it holds
/// kMaxPatterns, so it never grows or rehashes.
class PatternCounts
{
public:
    explicit PatternCounts(bool enabled)
        : m_keys(enabled ? kSlots : 0, 0), m_times(enabled ? kSlots : 0, 0)
    {
    }
    bool enabled() const noexcept { return !m_keys.empty(); }
    /// Counts one unit with pattern `key`; false (and nothing counted) when the table is full.
    bool add(std::uint64_t key)
    {
        for (std::size_t i = (key * 0x9E3779B97F4A7C15ull) >> (64 - kSlotBits);;
             i = (i + 1) & (kSlots - 1))
        {
            if (m_times[i] != 0 && m_keys[i] == key)
            {
                ++m_times[i];
                return true;
            }
            if (m_times[i] == 0)
            {
                if (m_used == kMaxPatterns)
                    return false;
                ++m_used;
                m_keys[i] = key;
                m_times[i] = 1;
                return true;
            }
        }
    }
    template <typename F> void for_each(const F& f) const
    {
        for (std::size_t i = 0; i < m_keys.size(); ++i)
            if (m_times[i] != 0)
                f(m_keys[i], m_times[i]);
    }

private:
    static constexpr int kSlotBits = 12;
    static constexpr std::size_t kSlots = std::size_t{1} << kSlotBits;
    static constexpr std::size_t kMaxPatterns = kSlots / 2;
    std::vector<std::uint64_t> m_keys;
    std::vector<std::int64_t> m_times;
    std::size_t m_used = 0;
};

// Walker's alias table over the non-empty cells of the coincidence matrix: O(1) per draw.
struct Alias
{
    std::vector<double> prob;
    std::vector<std::size_t> alias;
    std::vector<double> delta;

    Alias(const std::vector<double>& weights, std::vector<double> deltas)
        : prob(weights.size()), alias(weights.size()), delta(std::move(deltas))
    {
        const std::size_t m = weights.size();
        double total = 0.0;
        for (double x : weights)
            total += x;
        std::vector<double> scaled(m);
        std::vector<std::size_t> small;
        std::vector<std::size_t> large;
        for (std::size_t i = 0; i < m; ++i)
        {
            scaled[i] = weights[i] * static_cast<double>(m) / total;
            (scaled[i] < 1.0 ? small : large).push_back(i);
        }
        while (!small.empty() && !large.empty())
        {
            const std::size_t s = small.back();
            small.pop_back();
            const std::size_t l = large.back();
            prob[s] = scaled[s];
            alias[s] = l;
            scaled[l] -= 1.0 - scaled[s];
            if (scaled[l] < 1.0)
            {
                large.pop_back();
                small.push_back(l);
            }
        }
        for (std::size_t i : large)
            prob[i] = 1.0;
        for (std::size_t i : small)
            prob[i] = 1.0; // rounding leftovers
    }

    double draw(Rng& rng) const
    {
        const double u = rng.uniform() * static_cast<double>(prob.size());
        auto i = static_cast<std::size_t>(u);
        if (i >= prob.size())
            i = prob.size() - 1;
        return (u - static_cast<double>(i)) < prob[i] ? delta[i] : delta[alias[i]];
    }
};

} // namespace

static Estimate krippendorff_alpha_unchecked(const RatingTable& table, Level level,
                                             const BootstrapOptions& bootstrap)
{
    const char* metric = "krippendorff-alpha";
    const int coders = table.n_coders();
    if (coders < 2)
        return Estimate::undefined(metric, "fewer than 2 coders", 0, coders);
    // A categorical table's cells are already category indices: they are read in place rather
    // than copied into a code matrix (4 MB for 200,000 x 5) first.
    const bool in_place = table.categorical();
    detail::Categorized cat;
    if (in_place)
    {
        cat.q = static_cast<int>(table.categories().size());
        for (int i = 0; i < cat.q; ++i)
            cat.values.push_back(table.value_of(i));
    }
    else
        cat = detail::categorize(table);
    const RatingTable::Cells cells = table.cells();
    const auto code_of = [&](int u, int c) -> int
    {
        if (!in_place)
            return cat.code(u, c, coders);
        const Rating r = cells[static_cast<std::size_t>(u) * static_cast<std::size_t>(coders) +
                               static_cast<std::size_t>(c)];
        return r ? static_cast<int>(*r) : -1;
    };
    const int q = cat.q;
    const auto uq = static_cast<std::size_t>(q);
    // Ratio differences divide by c + k: negative values would make the metric meaningless.
    if (level == Level::Ratio)
        for (double v : cat.values)
            if (v < 0.0)
                return Estimate::undefined(metric, "ratio level needs values >= 0", 0, coders);

    const bool use_matrix = q <= kMatrixLimit;
    std::vector<double> o(use_matrix ? uq * uq : 0, 0.0);
    std::vector<double> n_c(uq, 0.0);
    // The marginals are counted as integers and made doubles after the pass (the same values:
    // both are exact), so that units repeating a value do not wait on each other's float adds.
    std::vector<std::int64_t> counts(uq, 0);
    // 1 / (m_u - 1) for each m_u, computed as the loop would, once rather than once per unit.
    std::vector<double> pair_weight(static_cast<std::size_t>(coders) + 1, 0.0);
    for (int m = 2; m <= coders; ++m)
        pair_weight[static_cast<std::size_t>(m)] = 1.0 / (m - 1);
    std::vector<int> unit_codes(static_cast<std::size_t>(coders));
    // Unit u's present ratings as codes, into unit_codes; returns how many (m_u).
    const auto gather = [&](int u)
    {
        int m = 0;
        for (int c = 0; c < coders; ++c)
        {
            const int code = code_of(u, c);
            if (code >= 0)
                unit_codes[static_cast<std::size_t>(m++)] = code;
        }
        return m;
    };
    std::vector<int> unit_values(static_cast<std::size_t>(coders));
    std::vector<int> unit_count(static_cast<std::size_t>(coders));
    // Adds `times` units whose distinct values are unit_values[0, distinct), each given
    // unit_count times, to the coincidence matrix, weighted 1/(m_u - 1).
    const auto add_to_matrix = [&](int distinct, double weight, double times)
    {
        for (int a = 0; a < distinct; ++a)
        {
            const auto c = static_cast<std::size_t>(unit_values[static_cast<std::size_t>(a)]);
            const double nc = times * unit_count[static_cast<std::size_t>(a)];
            o[c * uq + c] += nc * (unit_count[static_cast<std::size_t>(a)] - 1.0) * weight;
            for (int b = a + 1; b < distinct; ++b)
            {
                const auto k = static_cast<std::size_t>(unit_values[static_cast<std::size_t>(b)]);
                const double x = nc * unit_count[static_cast<std::size_t>(b)] * weight;
                o[c * uq + k] += x;
                o[k * uq + c] += x;
            }
        }
    };
    // Units with the same values (the same count of each) add the same to the matrix and the
    // marginals, and few values and coders make few such patterns (at most 252 for 5 values
    // and 5 coders). So a unit's pattern is packed into an integer, `bits` bits per value, and
    // counted, and each pattern is added once, after the pass. Units past kMaxPatterns
    // distinct patterns are added one by one.
    int bits = 1;
    while ((1 << bits) <= coders && bits < 31)
        ++bits;
    PatternCounts patterns(use_matrix && coders < 256 && q * bits <= 64);
    int pairable_units = 0;
    double pairs = 0.0; // sum over units of m_u(m_u-1)/2: the bootstrap's sample size
    const int units = table.n_units();
    // One pass: each unit's values go into the marginals and, weighted 1/(m_u - 1), into the
    // coincidence matrix (every ordered pair of values from different coders).
    const bool packed_in_place = in_place && patterns.enabled();
    const double* raw = cells.data();
    const auto ucoders = static_cast<std::size_t>(coders);
    for (int u = 0; u < units; ++u)
    {
        if (packed_in_place)
        {
            // The pattern straight from the cells, without a branch on missing ones (one in
            // ten of them, say, at places no predictor learns).
            const double* row = raw + static_cast<std::size_t>(u) * ucoders;
            std::uint64_t key = 0;
            int present = 0;
            for (std::size_t c = 0; c < ucoders; ++c)
            {
                const double v = row[c];
                const bool here = !std::isnan(v);
                const int code = static_cast<int>(here ? v : 0.0);
                key += static_cast<std::uint64_t>(here) << (bits * code);
                present += here;
            }
            if (present < 2 || patterns.add(key))
                continue;
        }
        const int m = gather(u);
        // A lone value has nothing to be compared with: unpairable, dropped (Krippendorff 2011).
        if (m < 2)
            continue;
        if (patterns.enabled() && !in_place)
        {
            std::uint64_t key = 0;
            for (int i = 0; i < m; ++i)
                key += std::uint64_t{1} << (bits * unit_codes[static_cast<std::size_t>(i)]);
            if (patterns.add(key))
                continue;
        }
        ++pairable_units;
        pairs += m * (m - 1) / 2.0;
        const double weight = pair_weight[static_cast<std::size_t>(m)];
        for (int i = 0; i < m; ++i)
            ++counts[static_cast<std::size_t>(unit_codes[static_cast<std::size_t>(i)])];
        if (!use_matrix)
            continue;
        // The unit's distinct values with their counts (m is at most the number of coders).
        int distinct = 0;
        for (int i = 0; i < m; ++i)
        {
            const int code = unit_codes[static_cast<std::size_t>(i)];
            int d = 0;
            while (d < distinct && unit_values[static_cast<std::size_t>(d)] != code)
                ++d;
            if (d == distinct)
            {
                unit_values[static_cast<std::size_t>(distinct)] = code;
                unit_count[static_cast<std::size_t>(distinct++)] = 0;
            }
            ++unit_count[static_cast<std::size_t>(d)];
        }
        add_to_matrix(distinct, weight, 1.0);
    }
    // The patterns, unpacked: all integer sums (exact) but the matrix's, whose terms are
    // the per-unit terms times the pattern's count.
    const std::uint64_t field = (std::uint64_t{1} << bits) - 1;
    patterns.for_each(
        [&](std::uint64_t key, std::int64_t times)
        {
            int m = 0;
            int distinct = 0;
            for (int c = 0; c < q; ++c)
            {
                const auto n = static_cast<int>((key >> (bits * c)) & field);
                if (n == 0)
                    continue;
                unit_values[static_cast<std::size_t>(distinct)] = c;
                unit_count[static_cast<std::size_t>(distinct++)] = n;
                m += n;
                counts[static_cast<std::size_t>(c)] += times * n;
            }
            pairable_units += static_cast<int>(times);
            pairs += static_cast<double>(times) * (m * (m - 1) / 2.0);
            add_to_matrix(distinct, pair_weight[static_cast<std::size_t>(m)],
                          static_cast<double>(times));
        });

    for (std::size_t g = 0; g < uq; ++g)
        n_c[g] = static_cast<double>(counts[g]);

    Estimate e;
    e.metric = metric;
    e.n_coders = coders;
    e.n_units = pairable_units;
    e.n_dropped = units - pairable_units;
    e.note = std::string("level ") + level_name(level);
    if (pairable_units == 0)
    {
        e.reason = "no pairable unit (no unit has at least 2 ratings)";
        return e;
    }
    // n.. counts pairable values only, which is what D_o and D_e are normalised by.
    double n = 0.0;
    for (double x : n_c)
        n += x;
    std::vector<double> cum(uq + 1, 0.0);
    for (std::size_t g = 0; g < uq; ++g)
        cum[g + 1] = cum[g] + n_c[g];
    const Metric delta{level, &cat.values, &cum, &n_c};

    // Nominal D_e has a closed form; the other levels visit each pair of used values once.
    double de_sum = 0.0; // sum_ck n_c n_k delta_ck
    if (level == Level::Nominal)
    {
        double sq = 0.0;
        for (double x : n_c)
            sq += x * x;
        de_sum = n * n - sq;
    }
    else
    {
        for (int c = 0; c < q; ++c)
        {
            if (n_c[static_cast<std::size_t>(c)] == 0.0)
                continue;
            for (int k = c + 1; k < q; ++k)
                if (n_c[static_cast<std::size_t>(k)] != 0.0)
                    de_sum += 2.0 * n_c[static_cast<std::size_t>(c)] *
                              n_c[static_cast<std::size_t>(k)] * delta(c, k);
        }
    }

    double do_sum = 0.0; // sum_ck o_ck delta_ck
    if (use_matrix)
    {
        for (int c = 0; c < q; ++c)
            for (int k = 0; k < q; ++k)
            {
                const double x = o[static_cast<std::size_t>(c) * uq + static_cast<std::size_t>(k)];
                if (x != 0.0 && c != k)
                    do_sum += x * delta(c, k);
            }
    }
    else
    {
        for (int u = 0; u < units; ++u)
        {
            const int m = gather(u);
            if (m < 2)
                continue;
            double s = 0.0;
            for (int i = 0; i < m; ++i)
                for (int j = i + 1; j < m; ++j)
                    s += delta(unit_codes[static_cast<std::size_t>(i)],
                               unit_codes[static_cast<std::size_t>(j)]);
            do_sum += 2.0 * s / (m - 1);
        }
    }

    const double d_o = do_sum / n;
    const double d_e = de_sum / (n * (n - 1.0));
    e.observed = d_o;
    e.expected = d_e;
    // D_e = 0 means all pairable values are equal: alpha is 0/0 and reported as undefined.
    if (!(d_e > 0.0))
    {
        e.reason = "no variation: all pairable values are equal, expected disagreement is 0";
        return e;
    }
    const double alpha = 1.0 - d_o / d_e;
    e.value = alpha;

    if (bootstrap.resamples > 0)
    {
        // Hayes & Krippendorff (2007); Krippendorff (2006, rev. 2011) "Algorithm for
        // bootstrapping a distribution of alpha": draw M = sum_u m_u(m_u-1)/2 pairs of values
        // from the coincidence matrix (probability o_ck / n), take the mean delta as D_o*,
        // and keep D_e fixed: alpha* = 1 - mean(delta) / D_e.
        std::vector<double> weights;
        std::vector<double> deltas;
        if (use_matrix)
        {
            for (int c = 0; c < q; ++c)
                for (int k = 0; k < q; ++k)
                {
                    const double x =
                        o[static_cast<std::size_t>(c) * uq + static_cast<std::size_t>(k)];
                    if (x > 0.0)
                    {
                        weights.push_back(x);
                        deltas.push_back(delta(c, k));
                    }
                }
        }
        else
        {
            // Without the matrix, every within-unit pair is a cell of weight 2/(m-1).
            for (int u = 0; u < units; ++u)
            {
                const int m = gather(u);
                for (int i = 0; i < m; ++i)
                    for (int j = i + 1; j < m; ++j)
                    {
                        weights.push_back(2.0 / (m - 1));
                        deltas.push_back(delta(unit_codes[static_cast<std::size_t>(i)],
                                               unit_codes[static_cast<std::size_t>(j)]));
                    }
            }
        }
        // Only delta matters per draw, so each non-empty cell carries its delta with its weight.
        const Alias alias(weights, deltas);
        Rng rng(bootstrap.seed);
        const auto draws = static_cast<std::int64_t>(std::llround(pairs));
        std::vector<double> sample(static_cast<std::size_t>(bootstrap.resamples));
        for (double& a : sample)
        {
            double s = 0.0;
            for (std::int64_t d = 0; d < draws; ++d)
                s += alias.draw(rng);
            a = 1.0 - (s / static_cast<double>(draws)) / d_e;
        }
        detail::bootstrap_interval(sample, e);
        e.ci_method = "bootstrap (Hayes & Krippendorff 2007), " +
                      std::to_string(bootstrap.resamples) + " resamples of " +
                      std::to_string(draws) + " pairs, seed " + std::to_string(bootstrap.seed) +
                      ", 2.5/97.5 percentiles";
    }
    return e;
}

// Interval and ratio D_e square rating differences: ratings near 1e308 overflow to inf and
// then NaN, which must reach the user as "undefined, because", never as -nan.
Estimate krippendorff_alpha(const RatingTable& table, Level level,
                            const BootstrapOptions& bootstrap)
{
    return detail::finite_or_undefined(krippendorff_alpha_unchecked(table, level, bootstrap));
}

} // namespace attune::stats
