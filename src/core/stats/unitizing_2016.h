// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The 2016 family of unitizing alphas (Krippendorff, Mathet, Bouvry & Widlöcher 2016, "On the
// reliability of unitizing textual continua: further developments", Quality & Quantity 50,
// 2347-2364; Krippendorff 2019, Content Analysis, 4th ed., § 12.6): uα, |uα, cuα, (k)uα and
// their per-domain and across-domain (Cuα) forms. Formulas, the readings chosen where the
// literature leaves a choice open, and citations: docs/agreement.md "## The 2016 unitizing family".
// The 1995/2004 αu stays in unitizing.h, unchanged.

#include "core/stats/agreement.h"
#include "core/stats/estimate.h"
#include "core/stats/unitizing.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace attune::stats
{

/// A semantic domain: a named set of mutually exclusive codes (one coder's units of two codes of
/// one domain may not overlap). Units of different domains may overlap each other.
struct SemanticDomain
{
    std::string name;
    std::vector<std::string> codes;
};

/// Settings of unitizing_alpha_2016.
struct Unitizing2016Options
{
    /// The domains to compute. Empty: one unnamed domain holding every code of the spans.
    std::vector<SemanticDomain> domains;
    /// resamples > 0: percentile CIs for the per-domain and pooled uα, |uα and cuα.
    BootstrapOptions bootstrap;
    /// Coder names for messages (optional; index i names coder i).
    std::vector<std::string> coder_names;
    /// Which coefficients get the bootstrap (each costs resamples × intersections).
    struct Members
    {
        bool u_alpha = true;
        bool binary = true;
        bool coding = true;
    };
    Members bootstrap_members;
    /// |uα of each code alone (UnitizingCode2016::binary), a partition of its own per code.
    /// Off when only the domains' and the overall values are read (an analysis per transcript:
    /// it was half the time); each code's binary then says it was not computed.
    bool codes_alone = true;
};

/// One code's forms: `binary` is |uα of the code alone (its units against everything else,
/// ATLAS.ti's α-binary per code); `coding` is (k)uα, the code's share of its domain's cuα.
/// `coverage` is the share of the code's marked length that intersects another coder's unit
/// (the part (k)uα looks at), in [0, 1], or nullopt when nobody marked the code.
struct UnitizingCode2016
{
    std::string code;
    std::string domain;
    Estimate binary;
    Estimate coding;
    std::optional<double> coverage;
};

/// One domain's coefficients: uα (units of the domain's codes and the gaps between them), |uα
/// (unit against gap) and cuα (the codes of intersecting units), and its codes in ascending order.
struct UnitizingDomain2016
{
    std::string name;
    Estimate u_alpha;
    Estimate binary;
    Estimate coding;
    std::vector<UnitizingCode2016> per_code;
};

/// The family over the domains. u_alpha, binary and coding are pooled over the domains whose
/// coefficient is defined, 1 − Σ_d D_o(d) / Σ_d D_e(d) with disagreements in code points (equal
/// to the domain's own value when there is one domain); `coding` pooled is Cuα.
struct Unitizing2016Result
{
    Estimate u_alpha;
    Estimate binary;
    Estimate coding;
    std::vector<UnitizingDomain2016> per_domain; ///< in the order of the options' domains
    std::vector<std::string> unassigned;         ///< codes of the spans no domain lists (left out)
    int merged = 0; ///< spans merged because one coder overlapped himself within a code
};

/// The 2016 unitizing family of `n_coders` coders on the continuum [begin, end); a coder without
/// spans of a domain's codes is one gap over the whole continuum. Overlapping spans of the same
/// coder and code are merged (counted in `merged`); touching ones stay separate units. Runs in
/// O(n log n + m² n) per domain for n spans and m coders (plus resamples × intersections).
/// Undefined (value nullopt with reason): fewer than 2 coders; a continuum check_continuum()
/// refuses; a domain whose codes overlap within one coder (that domain's uα, |uα, cuα and (k)uα;
/// the per-code |uα stays defined); no unit; no expected disagreement; for cuα and (k)uα, no unit
/// of the domain (of the code) intersecting another coder's unit.
/// Preconditions (assert): every span inside [begin, end) with start < end and a coder index in
/// [0, n_coders).
Unitizing2016Result unitizing_alpha_2016(const std::vector<CodedSpan>& spans, int n_coders,
                                         std::int64_t begin, std::int64_t end,
                                         const Unitizing2016Options& options = {});

} // namespace attune::stats
