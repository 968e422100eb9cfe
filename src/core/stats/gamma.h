// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Mathet, Widlöcher & Métivier's γ (Computational Linguistics 41(3), 2015, 437–479): agreement on
// units that coders both place (unitizing) and label (categorizing), measured on the alignment of
// their units that has the least disorder. Formulas, defaults and limits: docs/agreement.md
// "### Gamma".

#include "core/base/result.h"
#include "core/stats/estimate.h"
#include "core/stats/unitizing.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace attune::stats
{

/// The combined dissimilarity d(u,v) = α·d_pos(u,v) + β·d_cat(u,v) between two units, with
///   d_pos(u,v) = Δ∅ · ((|begin_u − begin_v| + |end_u − end_v|) / (len_u + len_v))²
///   d_cat(u,v) = Δ∅ · M[code_u][code_v]
/// and d(u,∅) = Δ∅ for the empty unit ∅. Invariant (check_dissimilarity): α, β ≥ 0, Δ∅ > 0,
/// all finite; M empty (0 for the same code, 1 otherwise) or codes.size()² values in [0,1],
/// symmetric, zero diagonal, row-major in the order of `codes`.
struct GammaDissimilarity
{
    double alpha = 1.0;       ///< weight of the positional dissimilarity
    double beta = 1.0;        ///< weight of the categorical dissimilarity
    double delta_empty = 1.0; ///< Δ∅, the cost of pairing a unit with the empty unit
    std::vector<std::string> codes;
    std::vector<double> matrix;
};

/// Errors: InvalidArgument naming the first parameter or matrix cell that breaks the invariant.
[[nodiscard]] Result<void> check_dissimilarity(const GammaDissimilarity& d);

/// How the chance (expected) disorder's random continua are made.
enum class GammaSampler
{
    /// Mathet et al. 2015 §5.2 (pygamma's ShuffleContinuumSampler): each sampled coder is an
    /// observed coder, drawn at random, whose units are rotated round the continuum by a random
    /// shift; shifts of different sampled coders lie at least half a mean unit length apart.
    Shuffle,
    /// pygamma's StatisticalContinuumSampler: each coder gets |N(mean, sd)| units (of the units
    /// per coder), separated by N(mean, sd) gaps, with |N(mean, sd)| lengths and codes drawn with
    /// their observed frequencies.
    Statistical,
};

/// Parse "shuffle" / "statistical"; nullopt otherwise.
std::optional<GammaSampler> parse_gamma_sampler(const std::string& name);
const char* to_string(GammaSampler s);

/// One unitary alignment: for each coder (0..n−1) the index of its unit in the span list the
/// caller passed, or −1 for the empty unit. Never all −1.
using UnitaryAlignment = std::vector<int>;

/// An alignment: a partition of all units into unitary alignments, with its disorder
///   δ(A) = Σ_ā δ(ā) / (|U| / n),  δ(ā) = Σ_{pairs i<j of ā} d(ā_i, ā_j) / C(n,2)
/// (every pair with an empty unit, ∅–∅ included, costs Δ∅, as in pygamma-agreement).
struct GammaAlignment
{
    std::vector<UnitaryAlignment> unitary;
    std::vector<double> unitary_disorder; ///< δ(ā) of each unitary alignment
    double disorder = 0.0;                ///< δ(A)
    int candidates = 0; ///< unitary alignments the integer program chose among, after pruning
};

/// Most candidate unitary alignments best_gamma_alignment() builds for one continuum before it
/// refuses with TooLarge. Candidates are pruned exactly (a unitary alignment of k real units is
/// kept only if δ(ā) < k·Δ∅, the cost of leaving those units unaligned), so the count grows with
/// how many units of different coders lie close together, not with the continuum's length.
inline constexpr int kMaxGammaCandidates = 200000;

/// The alignment of least disorder among all partitions of `spans` (n_coders coders, spans'
/// coder indices in [0, n_coders)), found exactly as the set-partitioning integer program
///   minimise Σ_a δ(a)·x_a  subject to  Σ_{a ∋ u} x_a = 1 for every unit u,  x_a ∈ {0,1}
/// over the pruned candidates, solved by GLPK's branch-and-cut (each connected group of
/// candidates separately). Errors: InvalidArgument (fewer than 2 coders, no span, a bad
/// dissimilarity, a code missing from its matrix), TooLarge (more than kMaxGammaCandidates
/// candidates), Internal (GLPK failed).
[[nodiscard]] Result<GammaAlignment> best_gamma_alignment(const std::vector<CodedSpan>& spans,
                                                          int n_coders,
                                                          const GammaDissimilarity& d);

/// δ(A) of an alignment built by hand. Errors: InvalidArgument when `alignment` is not a
/// partition of the spans (a unit missing, repeated, or under the wrong coder).
[[nodiscard]] Result<double>
gamma_alignment_disorder(const std::vector<CodedSpan>& spans, int n_coders,
                         const std::vector<UnitaryAlignment>& alignment,
                         const GammaDissimilarity& d);

/// Everything gamma() needs besides the data.
struct GammaOptions
{
    GammaDissimilarity dissimilarity;
    GammaSampler sampler = GammaSampler::Statistical; ///< pygamma-agreement's default
    int samples = 30;                                 ///< pygamma-agreement's default
    std::uint64_t seed = 1;
};

/// γ with its parts. estimate.value = 1 − observed/expected (1 when observed = 0, as in
/// pygamma-agreement); estimate.observed = δ of the best alignment (exact, deterministic);
/// estimate.expected = mean best-alignment disorder of `samples` random continua;
/// estimate.ci_low/ci_high = γ at the ends of the 95 % normal interval of that mean (the only
/// random part), when samples ≥ 2 and the interval stays above 0.
struct GammaResult
{
    Estimate estimate;
    GammaAlignment best;
    std::vector<double> sample_disorders; ///< each random continuum's best disorder, in order
    double expected_sd = 0.0;             ///< sample standard deviation of sample_disorders
    /// Relative precision of the expected disorder: 1.96·sd/√N / mean (Mathet et al. 2015 §5.3).
    double precision = 0.0;
};

/// γ of `spans` on the continuum [begin, end) for n_coders coders (a coder without spans takes
/// part with no units). Undefined (estimate.value nullopt, reason set): no coder marked a unit.
/// Errors: InvalidArgument (fewer than 2 coders, samples < 1, a bad dissimilarity, a span outside
/// the continuum, check_continuum's refusals), TooLarge and Internal as best_gamma_alignment()
/// (also for a random continuum).
[[nodiscard]] Result<GammaResult> gamma(const std::vector<CodedSpan>& spans, int n_coders,
                                        std::int64_t begin, std::int64_t end,
                                        const GammaOptions& options);

} // namespace attune::stats
