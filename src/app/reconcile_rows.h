// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The reconciliation queue as list rows: core's disagreement list (analysis::list_disagreements,
// the same order and ids as `attune-cli disagreements`), a filter by kind, the walk to the next
// undecided item, progress, and how cells and details read. wx-free, so it is tested without a
// window; the panel shows it in a virtual list.

#include "core/analysis/disagreements.h"

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace attune::app
{

/// Which disagreements the queue shows (and F8 walks).
enum class ReconcileFilter
{
    All,
    Passages,
    OnlyA,
    OnlyB,
    DifferentCode,
    Boundary,
    Ratings,
    Classifications,
};

/// The filters with the labels the panel's chooser shows, in its order.
const std::vector<std::pair<ReconcileFilter, std::string>>& reconcile_filters();

/// Columns of the queue, in display order.
enum class ReconcileColumn
{
    Kind = 0,
    Where = 1,
    A = 2,
    B = 3,
    Decision = 4,
};
inline constexpr int kReconcileColumns = 5;

/// One coder's passage that is evidence for a rating (core's rules::evidence picks them).
struct EvidenceLine
{
    std::string code_name;
    std::int64_t start = 0;
    std::int64_t end = 0;
    int line = 0;
};

/// The disagreements of two coders as the queue holds them. Invariant: the items are grouped
/// by transcript in ascending id (list_disagreements' order) and `m_rows` indexes those the
/// filter lets through, in that order.
class ReconcileQueue
{
public:
    void set(analysis::DisagreementList list);
    /// Replaces transcript `t`'s items with `fresh` (list_disagreements of `t` alone), where
    /// `t` belongs in the order: what a change to one transcript needs, instead of listing
    /// every transcript again.
    void replace_transcript(store::TranscriptId t, std::vector<analysis::DisagreementItem> fresh);
    void set_filter(ReconcileFilter filter);
    ReconcileFilter filter() const { return m_filter; }

    const std::string& coder_a() const { return m_list.coder_a; }
    const std::string& coder_b() const { return m_list.coder_b; }
    const std::vector<analysis::DisagreementItem>& items() const { return m_list.items; }
    std::size_t rows() const { return m_rows.size(); }
    const analysis::DisagreementItem& at_row(std::size_t row) const;
    std::optional<std::size_t> row_of(const std::string& id) const;
    std::string cell(std::size_t row, ReconcileColumn column) const;

    /// The next (step +1) or previous (-1) undecided row after `from` (before the first row
    /// when nullopt), wrapping around; nullopt when every shown row is decided.
    std::optional<std::size_t> next_undecided(std::optional<std::size_t> from, int step) const;

    std::size_t total() const { return m_list.items.size(); }
    std::size_t decided() const { return m_decided; }
    /// "12 of 40 resolved" (over every kind, whatever the filter shows).
    std::string progress_text() const;

private:
    void reindex();
    analysis::DisagreementList m_list;
    ReconcileFilter m_filter = ReconcileFilter::All;
    std::vector<std::size_t> m_rows;
    std::size_t m_decided = 0;
};

/// Whether `filter` lets `item` through.
bool reconcile_shows(ReconcileFilter filter, const analysis::DisagreementItem& item);
/// "only A", "only B", "other code", "boundary", "rating", "class.".
std::string kind_label(analysis::DisagreementKind kind);
/// A side as a cell: a passage's code and lines ("—" when the coder has none there), a rating's
/// value, a classification's label at the collapsing.
std::string version_cell(const analysis::DisagreementItem& d, const analysis::CoderVersion& v);
/// Where: "P01 l.3-4", "P01 idealization/mother", "P01 aai-3way".
std::string where_cell(const analysis::DisagreementItem& d);
/// The decision as a cell ("" when open): "A", "B", "both", "neither", "edited".
std::string decision_cell(const analysis::DisagreementItem& d);

/// Everything the details box says of one item: what it is, each side with its text excerpt
/// (`text`, the transcript; "" when not at hand) and, for a rating, each coder's evidence
/// passages; the decision and its reason when decided.
std::string reconcile_details(const analysis::DisagreementItem& d, const std::string& text,
                              const std::vector<EvidenceLine>& evidence_a,
                              const std::vector<EvidenceLine>& evidence_b);

} // namespace attune::app
