// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/stats/agreement.h"

#include "core/stats/detail.h"

#include <algorithm>
#include <cmath>
#include <sstream>

namespace attune::stats
{

bool WeightMatrix::identity() const
{
    for (int i = 0; i < q; ++i)
        for (int j = 0; j < q; ++j)
            if (i != j && (*this)(i, j) != 0.0)
                return false;
    return true;
}

WeightMatrix make_weights(WeightKind kind, int q)
{
    ATTUNE_ASSERT(kind != WeightKind::Custom && q >= 0);
    WeightMatrix m;
    m.kind = kind;
    m.q = q;
    m.w.assign(static_cast<std::size_t>(q) * static_cast<std::size_t>(q), 0.0);
    // With one category every off-diagonal weight is moot; (q-1) = 0 must not divide.
    const double span = q > 1 ? static_cast<double>(q - 1) : 1.0;
    for (int i = 0; i < q; ++i)
        for (int j = 0; j < q; ++j)
        {
            const double d = std::abs(static_cast<double>(i - j)) / span;
            double w = i == j ? 1.0 : 0.0;
            if (kind == WeightKind::Linear)
                w = 1.0 - d;
            else if (kind == WeightKind::Quadratic)
                w = 1.0 - d * d;
            m.w[static_cast<std::size_t>(i * q + j)] = w;
        }
    return m;
}

Result<WeightMatrix> make_custom_weights(const std::vector<std::vector<double>>& rows, int q)
{
    if (static_cast<int>(rows.size()) != q)
        return make_error(ErrorCode::InvalidArgument,
                          "the weight matrix has " + std::to_string(rows.size()) + " rows; the " +
                              std::to_string(q) + " categories need " + std::to_string(q));
    WeightMatrix m;
    m.kind = WeightKind::Custom;
    m.q = q;
    for (int i = 0; i < q; ++i)
    {
        const auto& row = rows[static_cast<std::size_t>(i)];
        if (static_cast<int>(row.size()) != q)
            return make_error(ErrorCode::InvalidArgument,
                              "row " + std::to_string(i + 1) + " of the weight matrix has " +
                                  std::to_string(row.size()) + " values, expected " +
                                  std::to_string(q));
        for (int j = 0; j < q; ++j)
        {
            const double w = row[static_cast<std::size_t>(j)];
            std::ostringstream where;
            where << "weight at row " << i + 1 << ", column " << j + 1;
            if (!std::isfinite(w) || w < 0.0 || w > 1.0)
                return make_error(ErrorCode::InvalidArgument, where.str() + " is not in [0,1]");
            if (i == j && w != 1.0)
                return make_error(ErrorCode::InvalidArgument,
                                  where.str() + " is on the diagonal and must be 1");
            m.w.push_back(w);
        }
    }
    return m;
}

int category_count(const RatingTable& table)
{
    return detail::categorize(table).q;
}

namespace
{

constexpr double kEps = 1e-12;

// Which chance-agreement model a multi-rater coefficient uses (Gwet 2014, ch. 2-5).
enum class Chance
{
    None,    // percent agreement: p_e = 0
    Fleiss,  // p_e = sum_kl w_kl pi_k pi_l
    Gwet,    // p_e = T_w / (q(q-1)) sum_k pi_k (1 - pi_k)
    Uniform, // Brennan-Prediger: p_e = T_w / q^2
};

const WeightMatrix& weights_or_identity(const WeightMatrix* weights, int q, WeightMatrix& storage)
{
    if (weights)
    {
        ATTUNE_ASSERT(weights->q == q);
        return *weights;
    }
    storage = make_weights(WeightKind::None, q);
    return storage;
}

// The general multi-rater estimator of Gwet (2014): p_a averaged over units with >= 2
// ratings, category shares pi_k averaged over units with >= 1 rating, and the linearised
// variance (Gwet 2008, 2014) whose per-unit terms correct for the randomness of p_e.
// `repeat` (if set): how many units each row stands for (RepeatedRows).
Estimate multi_rater(const RatingTable& table, const WeightMatrix* weights, Chance chance,
                     const char* metric, const std::vector<std::int64_t>* repeat = nullptr)
{
    const int coders = table.n_coders();
    if (coders < 2)
        return Estimate::undefined(metric, "fewer than 2 coders", 0, coders);
    const detail::Categorized cat = detail::categorize(table);
    const int q = cat.q;
    WeightMatrix storage;
    // Unweighted is the identity matrix, so one code path serves AC1/AC2, kappa and weighted kappa.
    const WeightMatrix& w = weights_or_identity(weights, q, storage);

    // Per-unit category counts of the units with at least one rating, and how many units
    // each row stands for (a multiplicity of 1 leaves every sum below as it was, to the bit).
    std::vector<int> counts;
    std::vector<int> raters;
    std::vector<double> times;
    const int rows = table.n_units();
    const auto row_repeat = [&](int u)
    { return repeat ? static_cast<double>((*repeat)[static_cast<std::size_t>(u)]) : 1.0; };
    double units = 0.0;
    const auto uq = static_cast<std::size_t>(q);
    for (int u = 0; u < rows; ++u)
    {
        units += row_repeat(u);
        int r = 0;
        const std::size_t base = counts.size();
        for (int c = 0; c < coders; ++c)
        {
            const int code = cat.code(u, c, coders);
            if (code < 0)
                continue;
            if (r == 0)
                counts.resize(base + uq, 0);
            ++counts[base + static_cast<std::size_t>(code)];
            ++r;
        }
        if (r > 0)
        {
            raters.push_back(r);
            times.push_back(row_repeat(u));
        }
    }
    // n counts units with any rating (they feed the category shares); n2 those with a pair
    // (they feed p_a). Units with no rating never enter, so they cannot change a result.
    const int n_rows = static_cast<int>(raters.size());
    double n = 0.0;
    double n2 = 0.0;
    for (int i = 0; i < n_rows; ++i)
    {
        n += times[static_cast<std::size_t>(i)];
        n2 += raters[static_cast<std::size_t>(i)] >= 2 ? times[static_cast<std::size_t>(i)] : 0.0;
    }
    if (n2 == 0)
    {
        Estimate e =
            Estimate::undefined(metric, "no unit was rated by at least 2 coders", 0, coders);
        e.n_dropped = static_cast<int>(units);
        return e;
    }

    // Dense q columns per rated unit: q is small for real schemes and the loops below stay simple.
    auto row = [&](int i) { return counts.data() + static_cast<std::size_t>(i) * uq; };
    std::vector<double> pa_i(static_cast<std::size_t>(n_rows), 0.0);
    std::vector<double> pi(uq, 0.0);
    double pa = 0.0;
    for (int i = 0; i < n_rows; ++i)
    {
        const int* r_ik = row(i);
        const double ri = raters[static_cast<std::size_t>(i)];
        const double ti = times[static_cast<std::size_t>(i)];
        for (int k = 0; k < q; ++k)
            pi[static_cast<std::size_t>(k)] += ti * (r_ik[k] / ri);
        // A unit with one rating has no pair to agree or disagree; it contributes to pi only.
        if (ri < 2)
            continue;
        double s = 0.0;
        for (int k = 0; k < q; ++k)
        {
            if (r_ik[k] == 0)
                continue;
            double r_star = 0.0;
            for (int l = 0; l < q; ++l)
                r_star += w(k, l) * r_ik[l];
            s += r_ik[k] * (r_star - 1.0);
        }
        pa_i[static_cast<std::size_t>(i)] = s / (ri * (ri - 1.0));
        pa += ti * pa_i[static_cast<std::size_t>(i)];
    }
    pa /= n2;
    for (double& p : pi)
        p /= n;

    // T_w, the sum of all weights, scales the chance agreement of AC2 and Brennan-Prediger.
    double t_w = 0.0;
    for (double x : w.w)
        t_w += x;
    double pe = 0.0;
    std::vector<double> pi_w(uq, 0.0); // sum_l pi_l w_lk, for the Fleiss per-unit term
    switch (chance)
    {
    case Chance::None: break;
    case Chance::Fleiss:
        for (int k = 0; k < q; ++k)
            for (int l = 0; l < q; ++l)
            {
                pe += w(k, l) * pi[static_cast<std::size_t>(k)] * pi[static_cast<std::size_t>(l)];
                pi_w[static_cast<std::size_t>(k)] += pi[static_cast<std::size_t>(l)] * w(l, k);
            }
        break;
    case Chance::Gwet:
        if (q < 2)
            return Estimate::undefined(metric, "fewer than 2 categories", static_cast<int>(n),
                                       coders);
        for (double p : pi)
            pe += p * (1.0 - p);
        pe *= t_w / (q * (q - 1.0));
        break;
    case Chance::Uniform:
        if (q < 2)
            return Estimate::undefined(metric, "fewer than 2 categories", static_cast<int>(n),
                                       coders);
        pe = t_w / (static_cast<double>(q) * q);
        break;
    }

    Estimate e;
    e.metric = metric;
    e.n_units = static_cast<int>(n2);
    e.n_coders = coders;
    e.n_dropped = static_cast<int>(units - n2);
    e.observed = pa;
    if (chance != Chance::None)
        e.expected = pe;
    // p_e = 1 happens when every rating falls in one category: the ratio is 0/0, so it is reported
    // as undefined instead of letting NaN through.
    if (1.0 - pe < kEps)
    {
        e.reason = "no variation: chance agreement is 1 (all ratings in one category)";
        return e;
    }
    const double value = (pa - pe) / (1.0 - pe);
    e.value = value;

    // Linearised variance: each unit's contribution to the coefficient, corrected for its
    // contribution to p_e, around the estimate (Gwet 2014, eq. 5.x; Gwet 2008).
    if (n >= 2)
    {
        const double scale = n / n2;
        double ss = 0.0;
        for (int i = 0; i < n_rows; ++i)
        {
            const int* r_ik = row(i);
            const double ri = raters[static_cast<std::size_t>(i)];
            const double has_pair = ri >= 2 ? 1.0 : 0.0;
            const double v_i =
                scale * (pa_i[static_cast<std::size_t>(i)] - pe * has_pair) / (1.0 - pe);
            double pe_i = pe;
            if (chance == Chance::Fleiss)
            {
                pe_i = 0.0;
                for (int k = 0; k < q; ++k)
                    pe_i += r_ik[k] / ri * pi_w[static_cast<std::size_t>(k)];
            }
            else if (chance == Chance::Gwet)
            {
                pe_i = 0.0;
                for (int k = 0; k < q; ++k)
                    pe_i += r_ik[k] / ri * (1.0 - pi[static_cast<std::size_t>(k)]);
                pe_i *= t_w / (q * (q - 1.0));
            }
            const double v_star = v_i - 2.0 * (1.0 - value) * (pe_i - pe) / (1.0 - pe);
            ss += times[static_cast<std::size_t>(i)] * ((v_star - value) * (v_star - value));
        }
        const double se = std::sqrt(ss / (n * (n - 1.0)));
        const double t = detail::t_quantile_975(static_cast<int>(n) - 1);
        e.se = se;
        // Clipped to the coefficient's range ([0,1] for p_a), as Gwet (2014) reports them.
        e.ci_low = std::max(chance == Chance::None ? 0.0 : -1.0, value - t * se);
        e.ci_high = std::min(1.0, value + t * se);
        e.ci_method = "value +/- t(0.975, " + std::to_string(static_cast<std::int64_t>(n) - 1) +
                      ") * se (Gwet 2014)";
    }
    return e;
}

// The units rated by both of two coders, as a two-column table.
RatingTable both_rated(const RatingTable& table)
{
    RatingTable out(table.coders(), table.categories(), table.category_values());
    for (int u = 0; u < table.n_units(); ++u)
        if (table.at(u, 0) && table.at(u, 1))
            out.add_unit(table.unit_ids()[static_cast<std::size_t>(u)],
                         {table.at(u, 0), table.at(u, 1)});
    return out;
}

} // namespace

static Estimate percent_agreement_unchecked(const RatingTable& table, const WeightMatrix* weights)
{
    return multi_rater(table, weights, Chance::None, "percent-agreement");
}

static Estimate fleiss_kappa_unchecked(const RatingTable& table, const WeightMatrix* weights,
                                       const std::vector<std::int64_t>* repeat = nullptr)
{
    Estimate e = multi_rater(table, weights, Chance::Fleiss, "fleiss-kappa", repeat);
    if (!e.value || (weights && !weights->identity()))
        return e;
    // se0 of Fleiss, Nee & Landis (1979), for the test of kappa = 0. It assumes every unit
    // has the same number m of ratings; with missing ratings it is not defined.
    const detail::Categorized cat = detail::categorize(table);
    const int coders = table.n_coders();
    std::vector<double> p(static_cast<std::size_t>(cat.q), 0.0);
    double n = 0.0;
    for (int u = 0; u < table.n_units(); ++u)
    {
        int r = 0;
        for (int c = 0; c < coders; ++c)
            r += cat.code(u, c, coders) >= 0 ? 1 : 0;
        if (r == 0)
            continue;
        if (r != coders)
        {
            e.note = "se0 (Fleiss, Nee & Landis 1979) needs every unit rated by all coders";
            return e;
        }
        const double times =
            repeat ? static_cast<double>((*repeat)[static_cast<std::size_t>(u)]) : 1.0;
        n += times;
        for (int c = 0; c < coders; ++c)
            p[static_cast<std::size_t>(cat.code(u, c, coders))] += times;
    }
    const double total = n * coders;
    double sum_pq = 0.0;
    double sum_pq_qp = 0.0;
    for (double& pj : p)
    {
        pj /= total;
        const double qj = 1.0 - pj;
        sum_pq += pj * qj;
        sum_pq_qp += pj * qj * (qj - pj);
    }
    const double m = coders;
    const double var0 =
        2.0 / (n * m * (m - 1.0)) * (sum_pq * sum_pq - sum_pq_qp) / (sum_pq * sum_pq);
    if (var0 >= 0.0)
        e.se0 = std::sqrt(var0);
    return e;
}

static Estimate gwet_ac_unchecked(const RatingTable& table, const WeightMatrix* weights)
{
    // An identity matrix is the unweighted coefficient, so it is named AC1 whatever the caller
    // passed.
    const bool weighted = weights && !weights->identity();
    return multi_rater(table, weights, Chance::Gwet, weighted ? "gwet-ac2" : "gwet-ac1");
}

static Estimate brennan_prediger_unchecked(const RatingTable& table, const WeightMatrix* weights)
{
    return multi_rater(table, weights, Chance::Uniform, "brennan-prediger");
}

static Estimate scott_pi_unchecked(const RatingTable& table, const WeightMatrix* weights)
{
    if (table.n_coders() != 2)
        return Estimate::undefined("scott-pi", "Scott's pi needs exactly 2 coders", 0,
                                   table.n_coders());
    // Categorical first, so the subset keeps every category (and q) of the full table.
    const RatingTable both = both_rated(detail::as_categorical(table));
    Estimate e = multi_rater(both, weights, Chance::Fleiss, "scott-pi");
    e.n_dropped = table.n_units() - both.n_units();
    return e;
}

static Estimate cohen_kappa_unchecked(const RatingTable& table, const WeightMatrix* weights,
                                      const std::vector<std::int64_t>* repeat = nullptr)
{
    const int coders = table.n_coders();
    if (coders != 2)
        return Estimate::undefined("cohen-kappa", "Cohen's kappa needs exactly 2 coders", 0,
                                   coders);
    const detail::Categorized cat = detail::categorize(table);
    const int q = cat.q;
    WeightMatrix storage;
    const WeightMatrix& w = weights_or_identity(weights, q, storage);
    const auto uq = static_cast<std::size_t>(q);

    // The q x q contingency table of the units both coders rated, as proportions below.
    std::vector<double> p(uq * uq, 0.0);
    double n = 0.0;
    double units = 0.0;
    for (int u = 0; u < table.n_units(); ++u)
    {
        const double times =
            repeat ? static_cast<double>((*repeat)[static_cast<std::size_t>(u)]) : 1.0;
        units += times;
        const int a = cat.code(u, 0, coders);
        const int b = cat.code(u, 1, coders);
        if (a < 0 || b < 0)
            continue;
        p[static_cast<std::size_t>(a) * uq + static_cast<std::size_t>(b)] += times;
        n += times;
    }
    if (n == 0)
    {
        Estimate e =
            Estimate::undefined("cohen-kappa", "no unit was rated by both coders", 0, coders);
        e.n_dropped = static_cast<int>(units);
        return e;
    }
    std::vector<double> row(uq, 0.0);
    std::vector<double> col(uq, 0.0);
    for (std::size_t i = 0; i < uq; ++i)
        for (std::size_t j = 0; j < uq; ++j)
        {
            double& x = p[i * uq + j];
            x /= n;
            row[i] += x;
            col[j] += x;
        }
    double po = 0.0;
    double pe = 0.0;
    for (int i = 0; i < q; ++i)
        for (int j = 0; j < q; ++j)
        {
            const auto si = static_cast<std::size_t>(i);
            const auto sj = static_cast<std::size_t>(j);
            po += w(i, j) * p[si * uq + sj];
            pe += w(i, j) * row[si] * col[sj];
        }
    Estimate e;
    e.metric = "cohen-kappa";
    e.n_units = static_cast<int>(n);
    e.n_coders = coders;
    e.n_dropped = static_cast<int>(units - n);
    e.observed = po;
    e.expected = pe;
    if (1.0 - pe < kEps)
    {
        e.reason = "no variation: chance agreement is 1 (both coders used one category)";
        return e;
    }
    const double k = (po - pe) / (1.0 - pe);
    e.value = k;

    // Fleiss, Cohen & Everitt (1969): large-sample variance of (weighted) kappa, and the
    // variance under H0 (independent ratings) for se0.
    std::vector<double> w_row(uq, 0.0); // w̄_i. = sum_j p_.j w_ij
    std::vector<double> w_col(uq, 0.0); // w̄_.j = sum_i p_i. w_ij
    for (int i = 0; i < q; ++i)
        for (int j = 0; j < q; ++j)
        {
            w_row[static_cast<std::size_t>(i)] += col[static_cast<std::size_t>(j)] * w(i, j);
            w_col[static_cast<std::size_t>(j)] += row[static_cast<std::size_t>(i)] * w(i, j);
        }
    double s = 0.0;
    double s0 = 0.0;
    for (int i = 0; i < q; ++i)
        for (int j = 0; j < q; ++j)
        {
            const auto si = static_cast<std::size_t>(i);
            const auto sj = static_cast<std::size_t>(j);
            const double d = w(i, j) - (w_row[si] + w_col[sj]) * (1.0 - k);
            s += p[si * uq + sj] * d * d;
            const double d0 = w(i, j) - (w_row[si] + w_col[sj]);
            s0 += row[si] * col[sj] * d0 * d0;
        }
    const double denom = n * (1.0 - pe) * (1.0 - pe);
    const double var = (s - std::pow(k - pe * (1.0 - k), 2)) / denom;
    const double var0 = (s0 - pe * pe) / denom;
    if (var >= 0.0)
    {
        e.se = std::sqrt(var);
        const double z = detail::z_975();
        e.ci_low = std::max(-1.0, k - z * *e.se);
        e.ci_high = std::min(1.0, k + z * *e.se);
        e.ci_method = "value +/- z(0.975) * se (Fleiss, Cohen & Everitt 1969)";
    }
    if (var0 >= 0.0)
        e.se0 = std::sqrt(var0);
    return e;
}

// Every public statistic passes through finite_or_undefined: huge ratings (1e308) overflow
// intermediate sums, and a NaN must never reach the output as a number.
Estimate percent_agreement(const RatingTable& table, const WeightMatrix* weights)
{
    return detail::finite_or_undefined(percent_agreement_unchecked(table, weights));
}

Estimate cohen_kappa(const RatingTable& table, const WeightMatrix* weights)
{
    return detail::finite_or_undefined(cohen_kappa_unchecked(table, weights));
}

Estimate scott_pi(const RatingTable& table, const WeightMatrix* weights)
{
    return detail::finite_or_undefined(scott_pi_unchecked(table, weights));
}

Estimate fleiss_kappa(const RatingTable& table, const WeightMatrix* weights)
{
    return detail::finite_or_undefined(fleiss_kappa_unchecked(table, weights));
}

Estimate cohen_kappa(const RepeatedRows& t, const WeightMatrix* weights)
{
    ATTUNE_ASSERT(t.repeat.size() == static_cast<std::size_t>(t.rows.n_units()));
    return detail::finite_or_undefined(cohen_kappa_unchecked(t.rows, weights, &t.repeat));
}

Estimate fleiss_kappa(const RepeatedRows& t, const WeightMatrix* weights)
{
    ATTUNE_ASSERT(t.repeat.size() == static_cast<std::size_t>(t.rows.n_units()));
    return detail::finite_or_undefined(fleiss_kappa_unchecked(t.rows, weights, &t.repeat));
}

Estimate gwet_ac(const RatingTable& table, const WeightMatrix* weights)
{
    return detail::finite_or_undefined(gwet_ac_unchecked(table, weights));
}

Estimate brennan_prediger(const RatingTable& table, const WeightMatrix* weights)
{
    return detail::finite_or_undefined(brennan_prediger_unchecked(table, weights));
}

} // namespace attune::stats
