// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Span matching (precision, recall, F1) between two coders' passages (spans mode).
// Definitions: docs/agreement.md "## Spans mode".

#include "core/stats/unitizing.h"

#include <cstddef>
#include <optional>
#include <utility>
#include <vector>

namespace attune::stats
{

/// Span matching between two coders (spans of `reference` against spans of `other`): spans
/// match when they have the same code and, with `min_overlap` ≤ 0 (exact), the same start and
/// end, otherwise an overlap |A∩B| / |A∪B| ≥ min_overlap. Matching is one-to-one, greedy by
/// descending overlap (ties: earlier reference span, then earlier other span).
/// precision = matched / |other|, recall = matched / |reference|, F1 = 2·matched / (|ref|+|other|).
struct SpanMatch
{
    Estimate f1;                     ///< value = F1; nullopt when neither coder marked a span
    std::optional<double> precision; ///< nullopt when `other` has no span
    std::optional<double> recall;    ///< nullopt when `reference` has no span
    int matched = 0;
    int n_reference = 0;
    int n_other = 0;
};

/// See SpanMatch. The `coder` field of the spans is ignored. Precondition: min_overlap ≤ 1.
SpanMatch span_match(const std::vector<CodedSpan>& reference, const std::vector<CodedSpan>& other,
                     double min_overlap);

/// The pairs span_match counts, as positions (reference, other) in the two lists, code by code
/// (codes in byte order), each code's pairs in the order the matching chose them. The
/// reconciliation's listing of disagreements (analysis/disagreements.h) uses the same matching.
std::vector<std::pair<std::size_t, std::size_t>> span_pairs(const std::vector<CodedSpan>& reference,
                                                            const std::vector<CodedSpan>& other,
                                                            double min_overlap);

} // namespace attune::stats
