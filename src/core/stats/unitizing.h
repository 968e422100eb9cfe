// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Agreement on passages (spans mode): Krippendorff's unitizing alpha (αu) on a continuum of code
// points. Formulas and citations: docs/agreement.md "## Spans mode".

#include "core/base/result.h"
#include "core/stats/estimate.h"

#include <cstdint>
#include <string>
#include <vector>

namespace attune::stats
{

/// One coder's span of one code, half-open [start, end) on the continuum. `coder` is a 0-based
/// index into the coder list the caller keeps.
struct CodedSpan
{
    int coder = 0;
    std::string code;
    std::int64_t start = 0;
    std::int64_t end = 0;
};

/// αu for one code: estimate.value = 1 − D_o/D_e (observed = D_o, expected = D_e,
/// n_units = units of this code over all coders after merging overlaps).
struct UnitizingCode
{
    std::string code;
    Estimate estimate;
};

/// αu per code and over all codes (1 − Σ D_o / Σ D_e over the codes that someone marked).
struct UnitizingResult
{
    Estimate overall;
    std::vector<UnitizingCode> per_code; ///< codes in ascending order
    int merged = 0; ///< spans merged because one coder overlapped himself within a code
};

/// Longest continuum αu accepts: 2^40 code points, far beyond any transcript, and short enough
/// that L² and the cubed unit lengths of D_e keep their precision in a long double.
inline constexpr std::int64_t kMaxContinuumLength = std::int64_t{1} << 40;

/// Checks a continuum [begin, end) before any arithmetic on it. Errors: InvalidArgument when
/// begin >= end or end − begin exceeds kMaxContinuumLength (computed without overflow).
[[nodiscard]] Result<void> check_continuum(std::int64_t begin, std::int64_t end);

/// Krippendorff's αu (Krippendorff 1995; 2004, Content Analysis, 2nd ed., worked example p. 254) of
/// `n_coders` coders on the continuum [begin, end). Each coder's spans of a code become units,
/// the rest of the continuum gaps; a coder without spans of a code has one gap over the whole
/// continuum (this lowers agreement, as it should). Overlapping spans of the same coder and code
/// are merged into one unit (αu needs non-overlapping units per coder and code), counted in
/// `merged`. Runs in O(n log n + m² n) for n spans and m coders.
/// Undefined (value nullopt with reason): fewer than 2 coders; a code nobody marked; D_e = 0;
/// a continuum check_continuum() refuses (overall reason only, no per-code results).
/// Preconditions (assert): every span inside [begin, end) with start < end and a
/// coder index in [0, n_coders).
UnitizingResult unitizing_alpha(const std::vector<CodedSpan>& spans, int n_coders,
                                std::int64_t begin, std::int64_t end);

} // namespace attune::stats
