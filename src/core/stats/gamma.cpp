// SPDX-License-Identifier: GPL-3.0-or-later
// γ (Mathet, Widlöcher & Métivier 2015). The best alignment is the set-partitioning integer
// program of the paper's §5.1 (as pygamma-agreement states it), handed to GLPK; the program is
// split into the connected groups of units that some candidate joins, which leaves the optimum
// unchanged and keeps each GLPK problem small.
#include "core/stats/gamma.h"

#include "core/base/error.h"

#include <glpk.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <memory>
#include <numeric>
#include <random>

namespace attune::stats
{
namespace
{

// A unit with real positions: the statistical sampler's units do not fall on code points.
struct Unit
{
    int coder = 0;
    int cat = 0;
    double begin = 0.0;
    double end = 0.0;
};

// More DFS steps than this while enumerating candidates is refused like too many candidates:
// a dense continuum can visit many partial tuples that are pruned only at their last coder.
constexpr long long kMaxEnumerationSteps = 50'000'000;
// All pairs of units of different coders are compared once; beyond this many, refuse.
constexpr double kMaxUnitPairs = 50'000'000.0;

// Both parts are scaled by Δ∅ as in the paper and pygamma-agreement, so α and β say how many
// "empty units" a full positional or categorical mismatch is worth, whatever Δ∅ is.
class Dissimilarity
{
public:
    Dissimilarity(const GammaDissimilarity& d, int n_categories)
        : m_alpha(d.alpha), m_beta(d.beta), m_empty(d.delta_empty), m_k(n_categories),
          m_matrix(d.matrix)
    {
    }
    double empty() const { return m_empty; }
    double operator()(const Unit& u, const Unit& v) const
    {
        // Normalised by the summed lengths: a shift of 3 matters for two 5-point units, hardly
        // for two 500-point ones. Squared, so small shifts cost little and big ones a lot.
        const double shift = std::abs(u.begin - v.begin) + std::abs(u.end - v.end);
        const double rel = shift / ((u.end - u.begin) + (v.end - v.begin));
        const double pos = rel * rel * m_empty;
        double cat = 0.0;
        if (m_matrix.empty())
            cat = u.cat == v.cat ? 0.0 : 1.0;
        else
            cat = m_matrix[static_cast<std::size_t>(u.cat) * static_cast<std::size_t>(m_k) +
                           static_cast<std::size_t>(v.cat)];
        return m_alpha * pos + m_beta * cat * m_empty;
    }

private:
    double m_alpha, m_beta, m_empty;
    int m_k;
    std::vector<double> m_matrix;
};

struct Candidate
{
    std::vector<int> units; // per coder: index into the unit list or -1
    double disorder = 0.0;
};

struct Solved
{
    std::vector<Candidate> chosen;
    int candidates = 0;
};

double pairs_of(int n)
{
    return static_cast<double>(n) * static_cast<double>(n - 1) / 2.0;
}

// Enumerates every unitary alignment that may belong to a best alignment. A unitary alignment
// of k real units with real-pair sum R has δ·C(n,2) = R + (C(n,2) − C(k,2))·Δ∅; it can be in a
// best alignment only if δ < k·Δ∅ (otherwise its units alone do at least as well), i.e. only if
// R < B(k) = ((k − 1)·C(n,2) + C(k,2))·Δ∅. R only grows and B only shrinks as coders are
// decided, which prunes a partial tuple as soon as R reaches B of the most units it can still
// get.
class Enumerator
{
public:
    Enumerator(const std::vector<Unit>& units, int n, const Dissimilarity& d)
        : m_units(units), m_n(n), m_d(d), m_cn2(pairs_of(n)),
          m_by_coder(static_cast<std::size_t>(n)), m_near(units.size())
    {
        for (std::size_t i = 0; i < units.size(); ++i)
            m_by_coder[static_cast<std::size_t>(units[i].coder)].push_back(static_cast<int>(i));
    }

    double bound(int k) const { return ((k - 1) * m_cn2 + pairs_of(k)) * m_d.empty(); }

    Result<std::vector<Candidate>> run()
    {
        double unit_pairs = 0.0;
        for (int a = 0; a < m_n; ++a)
            for (int b = a + 1; b < m_n; ++b)
                unit_pairs += static_cast<double>(m_by_coder[static_cast<std::size_t>(a)].size()) *
                              static_cast<double>(m_by_coder[static_cast<std::size_t>(b)].size());
        if (unit_pairs > kMaxUnitPairs)
            return make_error(ErrorCode::TooLarge,
                              "gamma: " + std::to_string(static_cast<long long>(unit_pairs)) +
                                  " pairs of units of different coders exceed the limit of " +
                                  std::to_string(static_cast<long long>(kMaxUnitPairs)));
        // Two units can share a candidate only if their own dissimilarity is below B(n), the
        // largest bound; the lists make later coders' choices a walk over near units only, and
        // sorted by index they answer "is v near u" by binary search.
        const double limit = bound(m_n);
        for (std::size_t i = 0; i < m_units.size(); ++i)
        {
            m_near[i].resize(static_cast<std::size_t>(m_n));
            for (std::size_t j = 0; j < m_units.size(); ++j)
            {
                if (m_units[j].coder == m_units[i].coder)
                    continue;
                const double dij = m_d(m_units[i], m_units[j]);
                if (dij < limit)
                    m_near[i][static_cast<std::size_t>(m_units[j].coder)].push_back(
                        {static_cast<int>(j), dij});
            }
        }
        m_chosen.assign(static_cast<std::size_t>(m_n), -1);
        if (!step(0, 0, -1, 0.0))
            return make_error(ErrorCode::TooLarge,
                              m_out.size() > static_cast<std::size_t>(kMaxGammaCandidates)
                                  ? "gamma: more than " + std::to_string(kMaxGammaCandidates) +
                                        " candidate unitary alignments (too many units of "
                                        "different coders close together; see docs/agreement.md)"
                                  : "gamma: more than " + std::to_string(kMaxEnumerationSteps) +
                                        " steps enumerating candidate unitary alignments (too "
                                        "many units of different coders close together)");
        for (std::size_t i = 0; i < m_units.size(); ++i)
        {
            Candidate c;
            c.units.assign(static_cast<std::size_t>(m_n), -1);
            c.units[static_cast<std::size_t>(m_units[i].coder)] = static_cast<int>(i);
            c.disorder = m_d.empty();
            m_out.push_back(std::move(c));
        }
        return std::move(m_out);
    }

private:
    // d(u, v) if v is near u, negative otherwise (binary search in u's sorted list for v's coder).
    double near(int u, int v) const
    {
        const auto& list =
            m_near[static_cast<std::size_t>(u)]
                  [static_cast<std::size_t>(m_units[static_cast<std::size_t>(v)].coder)];
        auto it =
            std::lower_bound(list.begin(), list.end(), v,
                             [](const std::pair<int, double>& p, int x) { return p.first < x; });
        return it != list.end() && it->first == v ? it->second : -1.0;
    }

    bool step(int coder, int k, int first, double real_sum)
    {
        if (++m_steps > kMaxEnumerationSteps)
            return false;
        if (real_sum >= bound(k + (m_n - coder)))
            return true;
        if (coder == m_n)
        {
            if (k >= 2)
            {
                Candidate c;
                c.units = m_chosen;
                c.disorder = (real_sum + (m_cn2 - pairs_of(k)) * m_d.empty()) / m_cn2;
                m_out.push_back(std::move(c));
                if (m_out.size() > static_cast<std::size_t>(kMaxGammaCandidates))
                    return false;
            }
            return true;
        }
        const auto c = static_cast<std::size_t>(coder);
        m_chosen[c] = -1;
        if (!step(coder + 1, k, first, real_sum))
            return false;
        auto try_unit = [&](int u, double add) -> bool
        {
            m_chosen[c] = u;
            const bool ok = step(coder + 1, k + 1, first < 0 ? u : first, real_sum + add);
            m_chosen[c] = -1;
            return ok;
        };
        if (first < 0)
        {
            for (int u : m_by_coder[c])
                if (!try_unit(u, 0.0))
                    return false;
            return true;
        }
        for (const auto& [u, d_first] : m_near[static_cast<std::size_t>(first)][c])
        {
            double add = d_first;
            bool compatible = true;
            for (int other = 0; other < coder && compatible; ++other)
            {
                const int w = m_chosen[static_cast<std::size_t>(other)];
                if (w < 0 || w == first)
                    continue;
                const double dw = near(u, w);
                if (dw < 0.0)
                    compatible = false;
                else
                    add += dw;
            }
            if (compatible && !try_unit(u, add))
                return false;
        }
        return true;
    }

    const std::vector<Unit>& m_units;
    int m_n;
    const Dissimilarity& m_d;
    double m_cn2;
    std::vector<std::vector<int>> m_by_coder;
    std::vector<std::vector<std::vector<std::pair<int, double>>>> m_near;
    std::vector<int> m_chosen;
    std::vector<Candidate> m_out;
    long long m_steps = 0;
};

struct ProblemDeleter
{
    void operator()(glp_prob* p) const { glp_delete_prob(p); }
};

// One connected group of units and the candidates over them, solved by GLPK: rows are units
// (each covered exactly once), columns binary candidates with their disorder as cost.
Result<std::vector<int>> solve_group(const std::vector<int>& group_units,
                                     const std::vector<const Candidate*>& cands,
                                     const std::vector<int>& row_of)
{
    std::unique_ptr<glp_prob, ProblemDeleter> lp(glp_create_prob());
    glp_set_obj_dir(lp.get(), GLP_MIN);
    glp_add_rows(lp.get(), static_cast<int>(group_units.size()));
    for (int r = 1; r <= static_cast<int>(group_units.size()); ++r)
        glp_set_row_bnds(lp.get(), r, GLP_FX, 1.0, 1.0);
    glp_add_cols(lp.get(), static_cast<int>(cands.size()));
    std::vector<int> ia{0};
    std::vector<int> ja{0};
    std::vector<double> ar{0.0};
    for (std::size_t j = 0; j < cands.size(); ++j)
    {
        const int col = static_cast<int>(j) + 1;
        glp_set_col_kind(lp.get(), col, GLP_BV);
        glp_set_obj_coef(lp.get(), col, cands[j]->disorder);
        for (int u : cands[j]->units)
            if (u >= 0)
            {
                ia.push_back(row_of[static_cast<std::size_t>(u)] + 1);
                ja.push_back(col);
                ar.push_back(1.0);
            }
    }
    glp_load_matrix(lp.get(), static_cast<int>(ia.size()) - 1, ia.data(), ja.data(), ar.data());
    glp_iocp parm;
    glp_init_iocp(&parm);
    // The presolver also solves the LP relaxation glp_intopt needs; a MIP gap of 0 makes GLPK
    // prove optimality instead of stopping near it (its default is 0 too; stated, since the
    // observed disorder must be the optimum). Silence: errors come back as values.
    parm.presolve = GLP_ON;
    parm.msg_lev = GLP_MSG_OFF;
    parm.mip_gap = 0.0;
    const int ret = glp_intopt(lp.get(), &parm);
    if (ret != 0 || glp_mip_status(lp.get()) != GLP_OPT)
        return make_error(ErrorCode::Internal,
                          "gamma: GLPK did not find the best alignment (glp_intopt returned " +
                              std::to_string(ret) + ", status " +
                              std::to_string(glp_mip_status(lp.get())) + ")");
    std::vector<int> picked;
    // Binary columns come back as 0 or 1 up to GLPK's integrality tolerance (1e-5).
    for (std::size_t j = 0; j < cands.size(); ++j)
        if (glp_mip_col_val(lp.get(), static_cast<int>(j) + 1) > 0.5)
            picked.push_back(static_cast<int>(j));
    return picked;
}

int find_root(std::vector<int>& parent, int x)
{
    while (parent[static_cast<std::size_t>(x)] != x)
    {
        parent[static_cast<std::size_t>(x)] =
            parent[static_cast<std::size_t>(parent[static_cast<std::size_t>(x)])];
        x = parent[static_cast<std::size_t>(x)];
    }
    return x;
}

Result<Solved> solve(const std::vector<Unit>& units, int n, const Dissimilarity& d)
{
    Enumerator en(units, n, d);
    auto all = en.run();
    if (!all)
        return all.error();
    std::vector<Candidate>& cands = all.value();
    // Units that no candidate links cannot influence each other's choice, so each connected
    // group is its own, much smaller program; a group of one unit has one feasible answer.
    std::vector<int> parent(units.size());
    std::iota(parent.begin(), parent.end(), 0);
    for (const Candidate& c : cands)
    {
        int first = -1;
        for (int u : c.units)
            if (u >= 0)
            {
                if (first < 0)
                    first = u;
                else
                    parent[static_cast<std::size_t>(find_root(parent, u))] =
                        find_root(parent, first);
            }
    }
    std::map<int, std::vector<int>> groups; // root → units (ordered, so the result is stable)
    for (std::size_t u = 0; u < units.size(); ++u)
        groups[find_root(parent, static_cast<int>(u))].push_back(static_cast<int>(u));
    std::map<int, std::vector<const Candidate*>> group_cands;
    for (const Candidate& c : cands)
    {
        const int u = *std::find_if(c.units.begin(), c.units.end(), [](int x) { return x >= 0; });
        group_cands[find_root(parent, u)].push_back(&c);
    }
    Solved out;
    out.candidates = static_cast<int>(cands.size());
    std::vector<int> row_of(units.size(), -1);
    for (const auto& [root, members] : groups)
    {
        const auto& gc = group_cands[root];
        if (members.size() == 1)
        {
            out.chosen.push_back(*gc.front()); // only its singleton can cover a lone unit
            continue;
        }
        for (std::size_t r = 0; r < members.size(); ++r)
            row_of[static_cast<std::size_t>(members[r])] = static_cast<int>(r);
        auto picked = solve_group(members, gc, row_of);
        if (!picked)
            return picked.error();
        for (int j : picked.value())
            out.chosen.push_back(*gc[static_cast<std::size_t>(j)]);
    }
    // The solver's answer must be a partition; anything else is a bug here or in the model.
    std::vector<int> covered(units.size(), 0);
    for (const Candidate& c : out.chosen)
        for (int u : c.units)
            if (u >= 0)
                ++covered[static_cast<std::size_t>(u)];
    for (int times : covered)
        if (times != 1)
            return make_error(ErrorCode::Internal,
                              "gamma: the solver's alignment is not a partition of the units");
    return out;
}

// Divided by the mean units per coder, so that δ does not grow with the continuum's length and
// a continuum and its random counterparts (which may hold other numbers of units) compare.
double alignment_disorder(const std::vector<Candidate>& chosen, std::size_t n_units, int n)
{
    double sum = 0.0;
    for (const Candidate& c : chosen)
        sum += c.disorder;
    return sum / (static_cast<double>(n_units) / static_cast<double>(n));
}

// Codes as category indices: the matrix order when one is given, ascending otherwise.
// Errors: a code absent from a given matrix, since its dissimilarity to the others is unknown.
Result<std::vector<Unit>> to_units(const std::vector<CodedSpan>& spans, int n_coders,
                                   const GammaDissimilarity& d, std::vector<std::string>& codes)
{
    std::map<std::string, int> index;
    if (!d.codes.empty())
    {
        codes = d.codes;
        for (std::size_t i = 0; i < codes.size(); ++i)
            index.emplace(codes[i], static_cast<int>(i));
    }
    else
    {
        for (const auto& s : spans)
            index.emplace(s.code, 0);
        int i = 0;
        for (auto& [code, idx] : index)
        {
            idx = i++;
            codes.push_back(code);
        }
    }
    std::vector<Unit> units;
    units.reserve(spans.size());
    for (const auto& s : spans)
    {
        ATTUNE_ASSERT(s.coder >= 0 && s.coder < n_coders && s.start < s.end);
        const auto it = index.find(s.code);
        if (it == index.end())
            return make_error(ErrorCode::InvalidArgument,
                              "gamma: code '" + s.code +
                                  "' is not in the categorical dissimilarity matrix");
        units.push_back(
            {s.coder, it->second, static_cast<double>(s.start), static_cast<double>(s.end)});
    }
    return units;
}

Result<void> check_common(int n_coders, const GammaDissimilarity& d)
{
    if (n_coders < 2)
        return make_error(ErrorCode::InvalidArgument, "gamma needs at least 2 coders");
    return check_dissimilarity(d);
}

// The units of an alignment given or asked for: as to_units, after the checks gamma makes, and
// with no unit an error (gamma itself answers that with an undefined estimate instead).
Result<std::vector<Unit>> units_to_align(const std::vector<CodedSpan>& spans, int n_coders,
                                         const GammaDissimilarity& d,
                                         std::vector<std::string>& codes)
{
    if (auto ok = check_common(n_coders, d); !ok)
        return ok.error();
    if (spans.empty())
        return make_error(ErrorCode::InvalidArgument, "gamma: no coder marked a unit");
    return to_units(spans, n_coders, d, codes);
}

// The seeded generator: std::mt19937_64's sequence is fixed by the standard, unlike those of
// std::uniform_real_distribution and std::normal_distribution, so uniforms and normals are made
// here and a seed gives the same γ with every standard library.
class Rng
{
public:
    explicit Rng(std::uint64_t seed) : m_engine(seed) {}
    /// Uniform in [0, 1) with 53 random bits.
    double uniform() { return static_cast<double>(m_engine() >> 11) * 0x1.0p-53; }

private:
    std::mt19937_64 m_engine;
};

// A normal deviate by Box–Muller.
double normal(Rng& rng, double mean, double sd)
{
    const double u1 = 1.0 - rng.uniform(); // (0, 1]
    const double u2 = rng.uniform();
    return mean + sd * std::sqrt(-2.0 * std::log(u1)) * std::cos(6.283185307179586 * u2);
}

std::size_t pick(Rng& rng, std::size_t n)
{
    return std::min(n - 1, static_cast<std::size_t>(rng.uniform() * static_cast<double>(n)));
}

void mean_sd(const std::vector<double>& x, double& mean, double& sd)
{
    mean = std::accumulate(x.begin(), x.end(), 0.0) / static_cast<double>(x.size());
    double ss = 0.0;
    for (double v : x)
        ss += (v - mean) * (v - mean);
    sd = std::sqrt(ss / static_cast<double>(x.size())); // population sd, as numpy's std
}

// Mathet et al. (2015) §5.2 as pygamma-agreement's ShuffleContinuumSampler implements it, on
// the code-point continuum: whole-number shifts, rotation relative to `begin` (pygamma adds the
// shift to the absolute position, which only agrees when the continuum starts at 0); a unit
// rotated across the end keeps its length and juts out, as there.
class ShuffleSampler
{
public:
    ShuffleSampler(const std::vector<Unit>& units, int n, std::int64_t begin, std::int64_t end)
        : m_n(n), m_begin(static_cast<double>(begin)), m_length(static_cast<double>(end - begin)),
          m_by_coder(static_cast<std::size_t>(n))
    {
        double total = 0.0;
        for (const Unit& u : units)
        {
            m_by_coder[static_cast<std::size_t>(u.coder)].push_back(u);
            total += u.end - u.begin;
        }
        m_min_gap = total / static_cast<double>(units.size()) / 2.0;
    }

    std::vector<Unit> sample(Rng& rng) const
    {
        std::vector<Unit> out;
        // Drawing only coders without units gives an empty continuum, whose disorder is
        // undefined; draw again (pygamma does the same).
        while (out.empty())
        {
            // Free intervals for the next shift; each chosen shift removes ±m_min_gap around it,
            // so two sampled coders copied from the same observed coder are not nearly aligned
            // by accident (which would make chance look like agreement).
            std::vector<std::pair<double, double>> free{{0.0, m_length}};
            for (int i = 0; i < m_n; ++i)
            {
                double shift = 0.0;
                double measure = 0.0;
                for (const auto& [a, b] : free)
                    measure += b - a;
                if (measure <= 0.0)
                    shift = std::floor(rng.uniform() * m_length); // no room left: any shift
                else
                {
                    double x = rng.uniform() * measure;
                    for (const auto& [a, b] : free)
                    {
                        if (x < b - a)
                        {
                            shift = std::floor(a + x);
                            break;
                        }
                        x -= b - a;
                    }
                    std::vector<std::pair<double, double>> rest;
                    for (const auto& [a, b] : free)
                    {
                        if (a < shift - m_min_gap)
                            rest.push_back({a, std::min(b, shift - m_min_gap)});
                        if (b > shift + m_min_gap)
                            rest.push_back({std::max(a, shift + m_min_gap), b});
                    }
                    free = std::move(rest);
                }
                const auto& source = m_by_coder[pick(rng, static_cast<std::size_t>(m_n))];
                for (const Unit& u : source)
                {
                    const double len = u.end - u.begin;
                    const double at = std::fmod(u.begin - m_begin + shift, m_length);
                    out.push_back({i, u.cat, m_begin + at, m_begin + at + len});
                }
            }
        }
        return out;
    }

private:
    int m_n;
    double m_begin, m_length, m_min_gap = 0.0;
    std::vector<std::vector<Unit>> m_by_coder;
};

// pygamma-agreement's StatisticalContinuumSampler: normal laws fitted to the units per coder,
// the gaps (between a coder's consecutive units, plus a first unit's distance from `begin`, plus
// one 0 as pygamma adds) and the lengths; codes with their observed frequencies.
class StatisticalSampler
{
public:
    StatisticalSampler(std::vector<Unit> units, int n, std::int64_t begin, int n_categories)
        : m_n(n), m_begin(static_cast<double>(begin)),
          m_weights(static_cast<std::size_t>(n_categories), 0.0)
    {
        std::sort(units.begin(), units.end(),
                  [](const Unit& a, const Unit& b)
                  {
                      if (a.coder != b.coder)
                          return a.coder < b.coder;
                      if (a.begin != b.begin)
                          return a.begin < b.begin;
                      if (a.end != b.end)
                          return a.end < b.end;
                      return a.cat < b.cat;
                  });
        std::vector<double> gaps{0.0};
        std::vector<double> lengths;
        std::vector<double> counts(static_cast<std::size_t>(n), 0.0);
        for (std::size_t i = 0; i < units.size(); ++i)
        {
            const Unit& u = units[i];
            counts[static_cast<std::size_t>(u.coder)] += 1.0;
            lengths.push_back(u.end - u.begin);
            m_weights[static_cast<std::size_t>(u.cat)] += 1.0;
            // A gap is negative when a coder's units overlap; kept, as pygamma keeps it, so the
            // random continua overlap about as often as the observed one.
            if (i > 0 && units[i - 1].coder == u.coder)
                gaps.push_back(u.begin - units[i - 1].end);
            else if (u.begin > m_begin)
                gaps.push_back(u.begin - m_begin);
        }
        mean_sd(counts, m_count_mean, m_count_sd);
        mean_sd(gaps, m_gap_mean, m_gap_sd);
        mean_sd(lengths, m_len_mean, m_len_sd);
        for (double& w : m_weights)
            w /= static_cast<double>(units.size());
    }

    std::vector<Unit> sample(Rng& rng) const
    {
        std::vector<Unit> out;
        for (int c = 0; c < m_n; ++c)
        {
            double last = m_begin;
            auto count =
                static_cast<long long>(std::abs(std::trunc(normal(rng, m_count_mean, m_count_sd))));
            if (out.empty())
                count = std::max(1LL, count); // never an empty continuum
            for (long long i = 0; i < count; ++i)
            {
                const double gap = normal(rng, m_gap_mean, m_gap_sd);
                double len = 0.0;
                while (len == 0.0)
                    len = std::abs(normal(rng, m_len_mean, m_len_sd));
                // The code by inverse CDF over the observed frequencies; the last code takes any
                // rounding residue.
                double x = rng.uniform();
                int cat = 0;
                while (cat + 1 < static_cast<int>(m_weights.size()) &&
                       x >= m_weights[static_cast<std::size_t>(cat)])
                    x -= m_weights[static_cast<std::size_t>(cat++)];
                const double start = last + gap;
                out.push_back({c, cat, start, start + len});
                last = start + len;
            }
        }
        return out;
    }

private:
    int m_n;
    double m_begin;
    std::vector<double> m_weights;
    double m_count_mean = 0, m_count_sd = 0, m_gap_mean = 0, m_gap_sd = 0, m_len_mean = 0,
           m_len_sd = 0;
};

} // namespace

Result<void> check_dissimilarity(const GammaDissimilarity& d)
{
    if (!std::isfinite(d.alpha) || d.alpha < 0.0)
        return make_error(ErrorCode::InvalidArgument, "gamma: alpha must be finite and >= 0");
    if (!std::isfinite(d.beta) || d.beta < 0.0)
        return make_error(ErrorCode::InvalidArgument, "gamma: beta must be finite and >= 0");
    if (!std::isfinite(d.delta_empty) || d.delta_empty <= 0.0)
        return make_error(ErrorCode::InvalidArgument,
                          "gamma: the empty-unit cost must be finite and > 0");
    const std::size_t k = d.codes.size();
    if (d.matrix.empty() && k == 0)
        return {};
    if (d.matrix.size() != k * k || k == 0)
        return make_error(
            ErrorCode::InvalidArgument,
            "gamma: the categorical matrix needs codes.size()² = " + std::to_string(k * k) +
                " values, got " + std::to_string(d.matrix.size()));
    for (std::size_t i = 0; i < k; ++i)
        for (std::size_t j = 0; j < k; ++j)
        {
            const double v = d.matrix[i * k + j];
            const std::string cell = "gamma: categorical dissimilarity of '" + d.codes[i] +
                                     "' and '" + d.codes[j] + "' ";
            if (!(v >= 0.0 && v <= 1.0))
                return make_error(ErrorCode::InvalidArgument, cell + "must be in [0, 1]");
            if (i == j && v != 0.0)
                return make_error(ErrorCode::InvalidArgument, cell + "must be 0");
            if (v != d.matrix[j * k + i])
                return make_error(ErrorCode::InvalidArgument, cell + "must be symmetric");
        }
    return {};
}

std::optional<GammaSampler> parse_gamma_sampler(const std::string& name)
{
    if (name == "shuffle")
        return GammaSampler::Shuffle;
    if (name == "statistical")
        return GammaSampler::Statistical;
    return std::nullopt;
}

const char* to_string(GammaSampler s)
{
    return s == GammaSampler::Shuffle ? "shuffle" : "statistical";
}

Result<GammaAlignment> best_gamma_alignment(const std::vector<CodedSpan>& spans, int n_coders,
                                            const GammaDissimilarity& d)
{
    std::vector<std::string> codes;
    auto units = units_to_align(spans, n_coders, d, codes);
    if (!units)
        return units.error();
    auto solved = solve(units.value(), n_coders, Dissimilarity(d, static_cast<int>(codes.size())));
    if (!solved)
        return solved.error();
    GammaAlignment out;
    out.candidates = solved->candidates;
    // GLPK's column order says nothing to a reader, and equal-disorder alternatives must not
    // make two runs print their alignments differently.
    // Stable order for readers: by the first real unit's position, then by the tuple.
    auto key = [&](const Candidate& c)
    {
        double first = 0.0;
        bool any = false;
        for (int u : c.units)
            if (u >= 0 &&
                (!any || static_cast<double>(spans[static_cast<std::size_t>(u)].start) < first))
            {
                first = static_cast<double>(spans[static_cast<std::size_t>(u)].start);
                any = true;
            }
        return first;
    };
    std::sort(solved->chosen.begin(), solved->chosen.end(),
              [&](const Candidate& a, const Candidate& b)
              {
                  const double ka = key(a);
                  const double kb = key(b);
                  return ka != kb ? ka < kb : a.units < b.units;
              });
    for (const Candidate& c : solved->chosen)
    {
        out.unitary.push_back(c.units);
        out.unitary_disorder.push_back(c.disorder);
    }
    out.disorder = alignment_disorder(solved->chosen, spans.size(), n_coders);
    return out;
}

Result<double> gamma_alignment_disorder(const std::vector<CodedSpan>& spans, int n_coders,
                                        const std::vector<UnitaryAlignment>& alignment,
                                        const GammaDissimilarity& d)
{
    std::vector<std::string> codes;
    auto units = units_to_align(spans, n_coders, d, codes);
    if (!units)
        return units.error();
    const Dissimilarity dis(d, static_cast<int>(codes.size()));
    const double cn2 = pairs_of(n_coders);
    std::vector<int> covered(spans.size(), 0);
    std::vector<Candidate> chosen;
    for (const UnitaryAlignment& a : alignment)
    {
        if (static_cast<int>(a.size()) != n_coders)
            return make_error(ErrorCode::InvalidArgument,
                              "gamma: a unitary alignment must name one unit (or -1) per coder");
        Candidate c{a, 0.0};
        int k = 0;
        for (int i = 0; i < n_coders; ++i)
        {
            const int u = a[static_cast<std::size_t>(i)];
            if (u < 0)
                continue;
            if (u >= static_cast<int>(spans.size()) ||
                spans[static_cast<std::size_t>(u)].coder != i)
                return make_error(ErrorCode::InvalidArgument, "gamma: unit " + std::to_string(u) +
                                                                  " is not coder " +
                                                                  std::to_string(i) + "'s");
            ++covered[static_cast<std::size_t>(u)];
            ++k;
            for (int j = 0; j < i; ++j)
            {
                const int v = a[static_cast<std::size_t>(j)];
                if (v >= 0)
                    c.disorder += dis(units.value()[static_cast<std::size_t>(u)],
                                      units.value()[static_cast<std::size_t>(v)]);
            }
        }
        if (k == 0)
            return make_error(ErrorCode::InvalidArgument,
                              "gamma: a unitary alignment of empty units only");
        c.disorder = (c.disorder + (cn2 - pairs_of(k)) * dis.empty()) / cn2;
        chosen.push_back(std::move(c));
    }
    for (std::size_t u = 0; u < covered.size(); ++u)
        if (covered[u] != 1)
            return make_error(ErrorCode::InvalidArgument,
                              "gamma: unit " + std::to_string(u) + " appears " +
                                  std::to_string(covered[u]) +
                                  " times in the alignment (must be once)");
    return alignment_disorder(chosen, spans.size(), n_coders);
}

Result<GammaResult> gamma(const std::vector<CodedSpan>& spans, int n_coders, std::int64_t begin,
                          std::int64_t end, const GammaOptions& options)
{
    const GammaDissimilarity& d = options.dissimilarity;
    if (auto ok = check_common(n_coders, d); !ok)
        return ok.error();
    if (auto ok = check_continuum(begin, end); !ok)
        return ok.error();
    if (options.samples < 1)
        return make_error(ErrorCode::InvalidArgument, "gamma needs at least 1 sample");
    for (const auto& s : spans)
        if (s.start < begin || s.end > end)
            return make_error(ErrorCode::InvalidArgument,
                              "gamma: span [" + std::to_string(s.start) + "," +
                                  std::to_string(s.end) + ") lies outside the continuum");
    GammaResult r;
    r.estimate.metric = "gamma";
    r.estimate.n_coders = n_coders;
    r.estimate.n_units = static_cast<int>(spans.size());
    if (spans.empty())
    {
        r.estimate.reason = "no coder marked a unit";
        return r;
    }
    std::vector<std::string> codes;
    auto units = to_units(spans, n_coders, d, codes);
    if (!units)
        return units.error();
    const Dissimilarity dis(d, static_cast<int>(codes.size()));
    // The observed alignment first: a continuum too dense to align is refused before any of
    // the (N times costlier) sampling starts.
    auto best = best_gamma_alignment(spans, n_coders, d);
    if (!best)
        return best.error();
    r.best = std::move(best.value());
    const double observed = r.best.disorder;

    Rng rng(options.seed);
    const ShuffleSampler shuffle(units.value(), n_coders, begin, end);
    const StatisticalSampler statistical(units.value(), n_coders, begin,
                                         static_cast<int>(codes.size()));
    // One generator for the whole run, consumed sample after sample: sample i depends on the
    // seed and on i only, so the same seed and N give the same δ_e.
    for (int i = 0; i < options.samples; ++i)
    {
        const std::vector<Unit> sample = options.sampler == GammaSampler::Shuffle
                                             ? shuffle.sample(rng)
                                             : statistical.sample(rng);
        auto s = solve(sample, n_coders, dis);
        if (!s)
            return s.error();
        r.sample_disorders.push_back(alignment_disorder(s->chosen, sample.size(), n_coders));
    }
    const auto n = static_cast<double>(r.sample_disorders.size());
    const double expected =
        std::accumulate(r.sample_disorders.begin(), r.sample_disorders.end(), 0.0) / n;
    if (r.sample_disorders.size() >= 2)
    {
        double ss = 0.0;
        for (double x : r.sample_disorders)
            ss += (x - expected) * (x - expected);
        r.expected_sd = std::sqrt(ss / (n - 1.0));
    }
    r.estimate.observed = observed;
    r.estimate.expected = expected;
    // Only δ_e is random: the interval of its mean (normal, as Mathet et al. 2015 §5.3 size
    // the sample) maps to γ through 1 − δ_o/δ_e, which is monotone in δ_e.
    const double z = 1.959963984540054;
    const double half = z * r.expected_sd / std::sqrt(n);
    r.precision = expected > 0.0 ? half / expected : 0.0;
    // pygamma-agreement's convention: perfect agreement is 1 even if chance were also 0.
    if (observed == 0.0)
        r.estimate.value = 1.0;
    else if (expected > 0.0)
        r.estimate.value = 1.0 - observed / expected;
    else
    {
        r.estimate.reason = "the chance disorder of the random continua is 0";
        return r;
    }
    r.estimate.ci_method = std::to_string(options.samples) + " " + to_string(options.sampler) +
                           " samples, seed " + std::to_string(options.seed);
    if (r.sample_disorders.size() >= 2 && expected - half > 0.0)
    {
        r.estimate.ci_low = observed == 0.0 ? 1.0 : 1.0 - observed / (expected - half);
        r.estimate.ci_high = observed == 0.0 ? 1.0 : 1.0 - observed / (expected + half);
        r.estimate.note = "the interval is the sampling error of the expected disorder only; "
                          "the observed disorder is exact";
    }
    return r;
}

} // namespace attune::stats
