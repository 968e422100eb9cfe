// SPDX-License-Identifier: GPL-3.0-or-later
// The 2016 unitizing family. Notation follows Krippendorff et al. (2016): coder i's continuum is
// a partition into sections g of length l_ig with value c_ig (a code, or ∅ for a gap); l_ck are
// the observed coincidences of lengths, e_ck the expected ones (docs/agreement.md).
#include "core/stats/unitizing_2016.h"

#include "core/base/error.h"
#include "core/stats/detail.h"

#include <algorithm>
#include <map>
#include <set>

namespace attune::stats
{
namespace
{

struct Section
{
    std::int64_t begin = 0;
    std::int64_t end = 0;
    int value = 0; ///< index of the code in the domain, or the gap index q
};

/// One intersection of two coders' sections: the unit of the bootstrap.
struct Piece
{
    long double length = 0.0L;
    int a = 0;
    int b = 0;
};

/// The coincidences of one domain (q codes; value q is the gap).
struct Coincidences
{
    int q = 0;
    std::vector<long double> l;    ///< (q+1)², observed coincidences l_ck
    std::vector<long double> self; ///< q+1: Σ l_ig² of each code's units, Σ l_ig of gaps
    std::vector<long double>
        cu_self; ///< q: Σ_i Σ_g Σ_j≠i x_igj² / (m−1), x = overlap with j's units
    std::vector<long double> marked; ///< q: total marked length of each code over all coders
    std::vector<int> units;          ///< q: units of each code over all coders
    std::vector<Piece> pieces;
    int n_units = 0;

    long double& at(int c, int k)
    {
        return l[static_cast<std::size_t>(c) * static_cast<std::size_t>(q + 1) +
                 static_cast<std::size_t>(k)];
    }
    long double get(int c, int k) const
    {
        return l[static_cast<std::size_t>(c) * static_cast<std::size_t>(q + 1) +
                 static_cast<std::size_t>(k)];
    }
    long double margin(int c) const
    {
        long double s = 0.0L;
        for (int k = 0; k <= q; ++k)
            s += get(c, k);
        return s;
    }
};

/// Disagreement amounts (code points) of one coefficient: value = 1 − observed / expected, both
/// divided by `pairable` for the Estimate's D_o and D_e.
struct Amounts
{
    long double observed = 0.0L;
    long double expected = 0.0L;
    long double pairable = 0.0L;
};

enum class Kind
{
    All,    ///< uα: every value, gaps included
    Binary, ///< |uα: unit against gap
    Coding, ///< cuα: the codes of intersecting units
};

bool disagrees(Kind kind, int q, const Piece& p)
{
    switch (kind)
    {
    case Kind::All: return p.a != p.b;
    case Kind::Binary: return (p.a == q) != (p.b == q);
    case Kind::Coding: return p.a != p.b;
    }
    return false;
}

bool counts(Kind kind, int q, const Piece& p)
{
    return kind != Kind::Coding || (p.a != q && p.b != q);
}

std::string name_of(const Unitizing2016Options& o, int coder)
{
    if (coder >= 0 && static_cast<std::size_t>(coder) < o.coder_names.size())
        return "coder '" + o.coder_names[static_cast<std::size_t>(coder)] + "'";
    return "the coder at index " + std::to_string(coder);
}

std::string range(std::int64_t b, std::int64_t e)
{
    return "[" + std::to_string(b) + "," + std::to_string(e) + ")";
}

/// The spans of each code, in their order: a partition reads only its own codes' spans (a
/// scheme of 40 codes made 80 passes over every span, each looking its code up by name).
using SpansByCode = std::map<std::string, std::vector<const CodedSpan*>, std::less<>>;

// Sections of every coder over the codes of one domain; an empty string when fine, otherwise why
// the domain has no partition (two codes of the domain overlapping within one coder).
std::string partition(const SpansByCode& by_code, const std::map<std::string, int>& codes,
                      int n_coders, std::int64_t begin, std::int64_t end,
                      const Unitizing2016Options& options,
                      std::vector<std::vector<Section>>& sections, int& merged)
{
    const int q = static_cast<int>(codes.size());
    std::vector<std::vector<Section>> units(static_cast<std::size_t>(n_coders));
    for (const auto& [code, value] : codes)
        if (const auto it = by_code.find(code); it != by_code.end())
            for (const CodedSpan* s : it->second)
                units[static_cast<std::size_t>(s->coder)].push_back({s->start, s->end, value});
    sections.assign(static_cast<std::size_t>(n_coders), {});
    for (int c = 0; c < n_coders; ++c)
    {
        auto& list = units[static_cast<std::size_t>(c)];
        std::sort(list.begin(), list.end(),
                  [](const Section& x, const Section& y)
                  { return x.begin != y.begin ? x.begin < y.begin : x.value < y.value; });
        std::vector<Section> joined;
        for (const Section& u : list)
        {
            if (!joined.empty() && u.begin < joined.back().end)
            {
                Section& last = joined.back();
                if (u.value != last.value)
                {
                    std::string a;
                    std::string b;
                    for (const auto& [name, index] : codes)
                    {
                        if (index == last.value)
                            a = name;
                        if (index == u.value)
                            b = name;
                    }
                    return name_of(options, c) + " marked '" + a + "' " +
                           range(last.begin, last.end) + " and '" + b + "' " +
                           range(u.begin, u.end) +
                           ", which overlap: the codes of a domain must be mutually exclusive";
                }
                last.end = std::max(last.end, u.end);
                ++merged;
                continue;
            }
            joined.push_back(u);
        }
        auto& out = sections[static_cast<std::size_t>(c)];
        std::int64_t pos = begin;
        for (const Section& u : joined)
        {
            if (u.begin > pos)
                out.push_back({pos, u.begin, q});
            out.push_back(u);
            pos = u.end;
        }
        if (pos < end)
            out.push_back({pos, end, q});
    }
    return {};
}

// `pieces`: keep every intersection, for a bootstrap.
Coincidences coincide(const std::vector<std::vector<Section>>& sections, int q, bool pieces)
{
    Coincidences co;
    co.q = q;
    co.l.assign(static_cast<std::size_t>(q + 1) * static_cast<std::size_t>(q + 1), 0.0L);
    co.self.assign(static_cast<std::size_t>(q + 1), 0.0L);
    co.cu_self.assign(static_cast<std::size_t>(q), 0.0L);
    co.marked.assign(static_cast<std::size_t>(q), 0.0L);
    co.units.assign(static_cast<std::size_t>(q), 0);
    const auto m = static_cast<long double>(sections.size());
    for (const auto& coder : sections)
        for (const Section& s : coder)
        {
            const auto len = static_cast<long double>(s.end - s.begin);
            // A unit is indivisible, so it cannot pair with any of its own l² point pairs; a gap
            // is no unit and pairs only each of its points with itself (Krippendorff et al. 2016).
            if (s.value == q)
                co.self[static_cast<std::size_t>(q)] += len;
            else
            {
                co.self[static_cast<std::size_t>(s.value)] += len * len;
                co.marked[static_cast<std::size_t>(s.value)] += len;
                ++co.units[static_cast<std::size_t>(s.value)];
                ++co.n_units;
            }
        }
    // Sections of two coders intersect in at most (|a| + |b|) places, found by a merge walk.
    std::vector<long double> acc_a;
    std::vector<long double> acc_b;
    for (std::size_t i = 0; i < sections.size(); ++i)
        for (std::size_t j = i + 1; j < sections.size(); ++j)
        {
            const auto& a = sections[i];
            const auto& b = sections[j];
            acc_a.assign(a.size(), 0.0L);
            acc_b.assign(b.size(), 0.0L);
            std::size_t x = 0;
            std::size_t y = 0;
            while (x < a.size() && y < b.size())
            {
                const std::int64_t lo = std::max(a[x].begin, b[y].begin);
                const std::int64_t hi = std::min(a[x].end, b[y].end);
                if (hi > lo)
                {
                    const auto ov = static_cast<long double>(hi - lo);
                    co.at(a[x].value, b[y].value) += ov / (m - 1.0L);
                    co.at(b[y].value, a[x].value) += ov / (m - 1.0L);
                    if (pieces)
                        co.pieces.push_back({ov, a[x].value, b[y].value});
                    if (a[x].value != q && b[y].value != q)
                    {
                        acc_a[x] += ov;
                        acc_b[y] += ov;
                    }
                }
                if (a[x].end < b[y].end)
                    ++x;
                else if (b[y].end < a[x].end)
                    ++y;
                else
                {
                    ++x;
                    ++y;
                }
            }
            // The self-pairing term of cuα, coder pair by coder pair (docs/agreement.md).
            for (std::size_t g = 0; g < a.size(); ++g)
                if (a[g].value != q)
                    co.cu_self[static_cast<std::size_t>(a[g].value)] +=
                        acc_a[g] * acc_a[g] / (m - 1.0L);
            for (std::size_t h = 0; h < b.size(); ++h)
                if (b[h].value != q)
                    co.cu_self[static_cast<std::size_t>(b[h].value)] +=
                        acc_b[h] * acc_b[h] / (m - 1.0L);
        }
    return co;
}

// Expected disagreement below this share of the pairable length is rounding, not chance
// disagreement (e_cc of a single code is n(n² − S)/(n² − S), computed in long double).
constexpr long double kTiny = 1e-12L;

Estimate make_estimate(const char* metric, int n_coders, int n_units)
{
    Estimate e;
    e.metric = metric;
    e.n_coders = n_coders;
    e.n_units = n_units;
    return e;
}

void finish(Estimate& e, const Amounts& a, const char* no_expected)
{
    e.observed = static_cast<double>(a.observed / a.pairable);
    e.expected = static_cast<double>(a.expected / a.pairable);
    if (!(a.expected > kTiny * a.pairable))
    {
        e.reason = no_expected;
        return;
    }
    e.value = static_cast<double>(1.0L - a.observed / a.expected);
}

// l.. and Σ_c self_c over every category and the gap, the two sums both uα and |uα start from.
std::pair<long double, long double> totals(const Coincidences& co)
{
    long double n = 0.0L;
    long double self = 0.0L;
    for (int c = 0; c <= co.q; ++c)
    {
        n += co.margin(c);
        self += co.self[static_cast<std::size_t>(c)];
    }
    return {n, self};
}

// uα: 1 − (l.. − Σ_c l_cc) / (l.. − Σ_c e_cc), e_cc = l..(l_c.² − self_c) / (l..² − Σ self).
Amounts all_amounts(const Coincidences& co)
{
    Amounts a;
    const auto [n, self] = totals(co);
    const long double denominator = n * n - self;
    long double agree = 0.0L;
    long double expected_agree = 0.0L;
    for (int c = 0; c <= co.q; ++c)
    {
        const long double lc = co.margin(c);
        agree += co.get(c, c);
        if (denominator > 0.0L)
            expected_agree += n * (lc * lc - co.self[static_cast<std::size_t>(c)]) / denominator;
    }
    a.pairable = n;
    a.observed = n - agree;
    a.expected = denominator > 0.0L ? n - expected_agree : 0.0L;
    return a;
}

// |uα: the gap row of the same matrices, 2 Σ_k≠∅ l_∅k against 2 Σ_k≠∅ e_∅k.
Amounts binary_amounts(const Coincidences& co)
{
    Amounts a;
    const auto [n, self] = totals(co);
    const long double gap = co.margin(co.q);
    const long double denominator = n * n - self;
    a.pairable = n;
    a.observed = 2.0L * (gap - co.get(co.q, co.q));
    a.expected = denominator > 0.0L ? 2.0L * n * gap * (n - gap) / denominator : 0.0L;
    return a;
}

/// cuα's matrices: the coincidences of intersecting units only, with their expected values.
struct CodingMatrix
{
    long double pairable = 0.0L;       ///< N = Σ over codes c, k of l_ck
    std::vector<long double> margin;   ///< l_c of the reduced matrix
    std::vector<long double> e_diag;   ///< e_cc
    std::vector<long double> e_margin; ///< e_c = Σ_k e_ck
    /// n² − Σ_c X_c ≤ 0: every chance pairing would be a self-pairing (for m ≥ 3 a single
    /// intersection of two units gives exactly 0), so no expected coincidence is defined.
    bool degenerate = false;
};

CodingMatrix coding_matrix(const Coincidences& co)
{
    CodingMatrix cm;
    const auto q = static_cast<std::size_t>(co.q);
    cm.margin.assign(q, 0.0L);
    cm.e_diag.assign(q, 0.0L);
    cm.e_margin.assign(q, 0.0L);
    long double self = 0.0L;
    for (int c = 0; c < co.q; ++c)
    {
        cm.margin[static_cast<std::size_t>(c)] = co.margin(c) - co.get(c, co.q);
        cm.pairable += cm.margin[static_cast<std::size_t>(c)];
        self += co.cu_self[static_cast<std::size_t>(c)];
    }
    const long double n = cm.pairable;
    const long double denominator = n * n - self;
    if (!(denominator > kTiny * n * n))
    {
        cm.degenerate = true;
        return cm;
    }
    for (std::size_t c = 0; c < q; ++c)
    {
        cm.e_diag[c] = n * (cm.margin[c] * cm.margin[c] - co.cu_self[c]) / denominator;
        cm.e_margin[c] = n * (cm.margin[c] * n - co.cu_self[c]) / denominator;
    }
    return cm;
}

Amounts coding_amounts(const Coincidences& co, const CodingMatrix& cm)
{
    Amounts a;
    a.pairable = cm.pairable;
    long double agree = 0.0L;
    long double expected_agree = 0.0L;
    for (int c = 0; c < co.q; ++c)
    {
        agree += co.get(c, c);
        expected_agree += cm.e_diag[static_cast<std::size_t>(c)];
    }
    a.observed = cm.pairable - agree;
    a.expected = cm.degenerate ? 0.0L : cm.pairable - expected_agree;
    return a;
}

/// Everything a pooled estimate and its bootstrap need from one domain and one coefficient.
struct Part
{
    Amounts amounts;
    const std::vector<Piece>* pieces = nullptr;
    int q = 0;
};

// Resamples the coders' intersections (with replacement, as many as there are) and keeps D_e
// fixed, as Hayes & Krippendorff (2007) keep it for α: α* = 1 − D_o* / D_e, where D_o* is the
// length-weighted share of disagreeing intersections in the resample.
void bootstrap(Estimate& e, Kind kind, const std::vector<Part>& parts, long double expected,
               const BootstrapOptions& options)
{
    if (options.resamples <= 0 || !e.value || !(expected > 0.0L))
        return;
    std::vector<double> length; // double: the draws are the hot loop
    std::vector<char> differ;
    for (const Part& p : parts)
        for (const Piece& piece : *p.pieces)
            if (counts(kind, p.q, piece))
            {
                length.push_back(static_cast<double>(piece.length));
                differ.push_back(static_cast<char>(disagrees(kind, p.q, piece)));
            }
    if (length.empty())
        return;
    detail::Rng rng(options.seed);
    const std::size_t k = length.size();
    std::vector<double> sample(static_cast<std::size_t>(options.resamples));
    for (double& a : sample)
    {
        double total = 0.0;
        double off = 0.0;
        for (std::size_t d = 0; d < k; ++d)
        {
            auto i = static_cast<std::size_t>(rng.uniform() * static_cast<double>(k));
            if (i >= k)
                i = k - 1;
            total += length[i];
            if (differ[i])
                off += length[i];
        }
        a = 1.0 - (off / total) / static_cast<double>(expected);
    }
    detail::bootstrap_interval(sample, e);
    e.ci_method = "bootstrap of the coders' intersections, " + std::to_string(options.resamples) +
                  " resamples of " + std::to_string(k) + ", seed " + std::to_string(options.seed) +
                  ", 2.5/97.5 percentiles";
}

void pool(Estimate& e, Kind kind, const std::vector<Part>& parts, const char* no_expected,
          const BootstrapOptions& options)
{
    Amounts sum;
    for (const Part& p : parts)
    {
        sum.observed += p.amounts.observed;
        sum.expected += p.amounts.expected;
        sum.pairable += p.amounts.pairable;
    }
    if (parts.empty() || !(sum.pairable > 0.0L))
    {
        if (e.reason.empty())
            e.reason = "no domain has this coefficient defined";
        return;
    }
    e.reason.clear();
    finish(e, sum, no_expected);
    if (e.value)
        bootstrap(e, kind, parts, sum.expected / sum.pairable, options);
}

constexpr const char* kNoUnitVariation =
    "no expected disagreement (every possible unitizing of these codes agrees)";
constexpr const char* kNoBinaryVariation =
    "no expected disagreement: the coders marked the whole continuum, or nothing";
constexpr const char* kNoCodingVariation =
    "no expected disagreement: the intersecting units carry one code only";

} // namespace

Unitizing2016Result unitizing_alpha_2016(const std::vector<CodedSpan>& spans, int n_coders,
                                         std::int64_t begin, std::int64_t end,
                                         const Unitizing2016Options& options)
{
    Unitizing2016Result result;
    result.u_alpha = make_estimate("u-alpha-2016", n_coders, 0);
    result.binary = make_estimate("binary-u-alpha", n_coders, 0);
    result.coding = make_estimate("Cu-alpha", n_coders, 0);

    std::vector<SemanticDomain> domains = options.domains;
    SpansByCode by_code;
    for (const CodedSpan& s : spans)
    {
        ATTUNE_ASSERT(s.coder >= 0 && s.coder < n_coders);
        ATTUNE_ASSERT(begin <= s.start && s.start < s.end && s.end <= end);
        auto it = by_code.find(s.code);
        if (it == by_code.end())
            it = by_code.emplace(s.code, std::vector<const CodedSpan*>{}).first;
        it->second.push_back(&s);
    }
    if (domains.empty())
    {
        domains.push_back({"", {}});
        for (const auto& [code, list] : by_code)
            domains.back().codes.push_back(code);
    }
    std::set<std::string> assigned;
    for (const SemanticDomain& d : domains)
        assigned.insert(d.codes.begin(), d.codes.end());
    for (const auto& [code, list] : by_code)
        if (!assigned.count(code))
            result.unassigned.push_back(code);
    const auto& wanted = options.bootstrap_members;
    const bool pieces =
        options.bootstrap.resamples > 0 && (wanted.u_alpha || wanted.binary || wanted.coding);

    std::string global_reason;
    if (auto ok = check_continuum(begin, end); !ok)
        global_reason = ok.error().message;
    else if (n_coders < 2)
        global_reason = "fewer than 2 coders";

    std::vector<Part> all_parts;
    std::vector<Part> binary_parts;
    std::vector<Part> coding_parts;
    // Coincidences stay alive for the pooled bootstrap, which reads their pieces.
    std::vector<Coincidences> kept;
    kept.reserve(domains.size());
    int total_units = 0;
    for (const SemanticDomain& d : domains)
    {
        UnitizingDomain2016 out;
        out.name = d.name;
        std::map<std::string, int> codes;
        for (const std::string& c : std::set<std::string>(d.codes.begin(), d.codes.end()))
            codes.emplace(c, static_cast<int>(codes.size()));
        const int q = static_cast<int>(codes.size());
        out.u_alpha = make_estimate("u-alpha-2016", n_coders, 0);
        out.binary = make_estimate("binary-u-alpha", n_coders, 0);
        out.coding = make_estimate("cu-alpha", n_coders, 0);
        for (const auto& [code, index] : codes)
        {
            UnitizingCode2016 uc;
            uc.code = code;
            uc.domain = d.name;
            uc.binary = make_estimate("binary-u-alpha", n_coders, 0);
            uc.coding = make_estimate("cu-alpha", n_coders, 0);
            out.per_code.push_back(std::move(uc));
        }
        auto set_all = [&](const std::string& why)
        {
            for (Estimate* e : {&out.u_alpha, &out.binary, &out.coding})
                e->reason = why;
            for (auto& uc : out.per_code)
            {
                if (uc.binary.reason.empty() && !uc.binary.value)
                    uc.binary.reason = why;
                uc.coding.reason = why;
            }
        };
        if (!global_reason.empty())
        {
            set_all(global_reason);
            result.per_domain.push_back(std::move(out));
            continue;
        }

        // |uα of each code alone: a domain of one code never conflicts with itself.
        for (auto& uc : out.per_code)
        {
            if (!options.codes_alone)
            {
                uc.binary.reason = "not computed (the code alone was not asked for)";
                continue;
            }
            std::vector<std::vector<Section>> sections;
            int ignored = 0;
            (void)partition(by_code, {{uc.code, 0}}, n_coders, begin, end, options, sections,
                            ignored);
            const Coincidences one = coincide(sections, 1, false);
            uc.binary.n_units = one.n_units;
            if (one.n_units == 0)
                uc.binary.reason = "no coder marked this code";
            else
                finish(uc.binary, binary_amounts(one), kNoBinaryVariation);
        }

        std::vector<std::vector<Section>> sections;
        const std::string conflict =
            partition(by_code, codes, n_coders, begin, end, options, sections, result.merged);
        if (!conflict.empty())
        {
            set_all(conflict);
            result.per_domain.push_back(std::move(out));
            continue;
        }
        kept.push_back(coincide(sections, q, pieces));
        const Coincidences& co = kept.back();
        total_units += co.n_units;
        for (Estimate* e : {&out.u_alpha, &out.binary, &out.coding})
            e->n_units = co.n_units;
        if (co.n_units == 0)
        {
            set_all("no coder marked a code of this domain");
            result.per_domain.push_back(std::move(out));
            continue;
        }
        const Amounts all = all_amounts(co);
        finish(out.u_alpha, all, kNoUnitVariation);
        const Amounts bin = binary_amounts(co);
        finish(out.binary, bin, kNoBinaryVariation);
        const CodingMatrix cm = coding_matrix(co);
        if (!(cm.pairable > 0.0L))
            out.coding.reason = "no unit intersects another coder's unit";
        else
            finish(out.coding, coding_amounts(co, cm), kNoCodingVariation);

        // (k)uα = 1 − (e_k / l_k) (l_k − l_kk) / (e_k − e_kk) (Krippendorff et al. 2016).
        for (auto& uc : out.per_code)
        {
            const auto k = static_cast<std::size_t>(codes.at(uc.code));
            uc.coding.n_units = co.units[k];
            if (co.units[k] == 0)
            {
                uc.coding.reason = "no coder marked this code";
                continue;
            }
            const long double lk = cm.margin[k];
            uc.coverage = static_cast<double>(lk / co.marked[k]);
            if (!(lk > 0.0L))
            {
                uc.coding.reason = "no other coder's unit intersects a unit of this code";
                continue;
            }
            const long double lkk = co.get(static_cast<int>(k), static_cast<int>(k));
            const long double ek = cm.e_margin[k];
            const long double off_expected = ek - cm.e_diag[k];
            uc.coding.observed = static_cast<double>((lk - lkk) / lk);
            uc.coding.expected = static_cast<double>(ek > 0.0L ? off_expected / ek : 0.0L);
            if (!(ek > 0.0L) || !(off_expected > kTiny * ek))
            {
                uc.coding.reason = kNoCodingVariation;
                continue;
            }
            uc.coding.value = static_cast<double>(1.0L - (ek / lk) * (lk - lkk) / off_expected);
        }

        if (out.u_alpha.value)
            all_parts.push_back({all, &co.pieces, q});
        if (out.binary.value)
            binary_parts.push_back({bin, &co.pieces, q});
        if (out.coding.value)
            coding_parts.push_back({coding_amounts(co, cm), &co.pieces, q});
        if (wanted.u_alpha)
            bootstrap(out.u_alpha, Kind::All, {{all, &co.pieces, q}}, all.expected / all.pairable,
                      options.bootstrap);
        if (wanted.binary)
            bootstrap(out.binary, Kind::Binary, {{bin, &co.pieces, q}}, bin.expected / bin.pairable,
                      options.bootstrap);
        if (wanted.coding && out.coding.value)
        {
            const Amounts ca = coding_amounts(co, cm);
            bootstrap(out.coding, Kind::Coding, {{ca, &co.pieces, q}}, ca.expected / ca.pairable,
                      options.bootstrap);
        }
        result.per_domain.push_back(std::move(out));
    }

    for (Estimate* e : {&result.u_alpha, &result.binary, &result.coding})
    {
        e->n_units = total_units;
        e->reason = global_reason;
    }
    if (global_reason.empty())
    {
        if (domains.size() == 1)
        {
            // One domain: its own estimates, CI included, under the pooled names.
            const UnitizingDomain2016& only = result.per_domain.front();
            result.u_alpha = only.u_alpha;
            result.binary = only.binary;
            result.coding = only.coding;
            result.coding.metric = "Cu-alpha";
        }
        else
        {
            const BootstrapOptions none{};
            pool(result.u_alpha, Kind::All, all_parts, kNoUnitVariation,
                 wanted.u_alpha ? options.bootstrap : none);
            pool(result.binary, Kind::Binary, binary_parts, kNoBinaryVariation,
                 wanted.binary ? options.bootstrap : none);
            pool(result.coding, Kind::Coding, coding_parts, kNoCodingVariation,
                 wanted.coding ? options.bootstrap : none);
        }
    }
    if (result.merged > 0)
        result.u_alpha.note = std::to_string(result.merged) +
                              " overlapping span(s) of the same coder and code merged";
    for (Estimate* e : {&result.u_alpha, &result.binary, &result.coding})
        *e = detail::finite_or_undefined(std::move(*e));
    for (auto& d : result.per_domain)
    {
        for (Estimate* e : {&d.u_alpha, &d.binary, &d.coding})
            *e = detail::finite_or_undefined(std::move(*e));
        for (auto& uc : d.per_code)
        {
            uc.binary = detail::finite_or_undefined(std::move(uc.binary));
            uc.coding = detail::finite_or_undefined(std::move(uc.coding));
        }
    }
    return result;
}

} // namespace attune::stats
