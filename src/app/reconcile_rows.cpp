// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/reconcile_rows.h"

#include "core/text/code_points.h"

#include <algorithm>

namespace attune::app
{

using analysis::CoderVersion;
using analysis::DisagreementItem;
using analysis::DisagreementKind;

namespace
{

constexpr std::int64_t kExcerptCodePoints = 160;

bool is_passage(const DisagreementItem& d)
{
    return d.kind != DisagreementKind::Rating && d.kind != DisagreementKind::Classification;
}

std::string lines_text(int first, int last)
{
    return "l." + std::to_string(first) + (last != first ? "-" + std::to_string(last) : "");
}

std::string excerpt(const std::string& text, std::int64_t start, std::int64_t end)
{
    if (text.empty())
        return {};
    const std::int64_t stop = std::min(end, start + kExcerptCodePoints);
    std::string s(text::code_point_substr(text, CpOffset{start}, CpOffset{stop}));
    std::replace(s.begin(), s.end(), '\n', ' ');
    return "\u201c" + s + (stop < end ? "\u2026" : "") + "\u201d";
}

void add_side(std::string& out, const DisagreementItem& d, const char* who, const CoderVersion& v,
              const std::string& text, const std::vector<EvidenceLine>& evidence)
{
    out += std::string(who) + " (" + v.coder + "): ";
    if (is_passage(d))
    {
        if (v.uuid.empty())
        {
            out += "no passage here\n";
            return;
        }
        out += v.detail + ", " + lines_text(v.first_line, v.last_line) + " [" +
               std::to_string(v.start) + ", " + std::to_string(v.end) + ")\n   " +
               excerpt(text, v.start, v.end) + "\n";
        return;
    }
    out += v.value;
    if (!v.detail.empty())
        out += d.kind == DisagreementKind::Classification ? " (" + v.detail + ")"
                                                          : " \u2014 note: " + v.detail;
    out += "\n";
    if (d.kind != DisagreementKind::Rating)
        return;
    if (evidence.empty())
        out += "   no evidence passages\n";
    for (const auto& e : evidence)
        out += "   evidence " + lines_text(e.line, e.line) + " " + e.code_name + ": " +
               excerpt(text, e.start, e.end) + "\n";
}

} // namespace

const std::vector<std::pair<ReconcileFilter, std::string>>& reconcile_filters()
{
    static const std::vector<std::pair<ReconcileFilter, std::string>> kFilters = {
        {ReconcileFilter::All, "All disagreements"},
        {ReconcileFilter::Passages, "Passages"},
        {ReconcileFilter::OnlyA, "Passages only A marked"},
        {ReconcileFilter::OnlyB, "Passages only B marked"},
        {ReconcileFilter::DifferentCode, "Passages with another code"},
        {ReconcileFilter::Boundary, "Passages with other boundaries"},
        {ReconcileFilter::Ratings, "Ratings"},
        {ReconcileFilter::Classifications, "Classifications"},
    };
    return kFilters;
}

bool reconcile_shows(ReconcileFilter filter, const DisagreementItem& item)
{
    switch (filter)
    {
    case ReconcileFilter::All: return true;
    case ReconcileFilter::Passages: return is_passage(item);
    case ReconcileFilter::OnlyA: return item.kind == DisagreementKind::OnlyA;
    case ReconcileFilter::OnlyB: return item.kind == DisagreementKind::OnlyB;
    case ReconcileFilter::DifferentCode: return item.kind == DisagreementKind::DifferentCode;
    case ReconcileFilter::Boundary: return item.kind == DisagreementKind::Boundary;
    case ReconcileFilter::Ratings: return item.kind == DisagreementKind::Rating;
    case ReconcileFilter::Classifications: return item.kind == DisagreementKind::Classification;
    }
    return true;
}

void ReconcileQueue::set(analysis::DisagreementList list)
{
    m_list = std::move(list);
    reindex();
}

void ReconcileQueue::replace_transcript(store::TranscriptId t, std::vector<DisagreementItem> fresh)
{
    auto& items = m_list.items;
    const auto first =
        std::find_if(items.begin(), items.end(),
                     [t](const DisagreementItem& d) { return d.transcript.value() >= t.value(); });
    const auto last = std::find_if(first, items.end(),
                                   [t](const DisagreementItem& d) { return d.transcript != t; });
    const auto at = items.erase(first, last);
    items.insert(at, std::make_move_iterator(fresh.begin()), std::make_move_iterator(fresh.end()));
    reindex();
}

void ReconcileQueue::set_filter(ReconcileFilter filter)
{
    m_filter = filter;
    reindex();
}

void ReconcileQueue::reindex()
{
    m_rows.clear();
    m_decided = 0;
    for (std::size_t i = 0; i < m_list.items.size(); ++i)
    {
        m_decided += m_list.items[i].decision ? 1 : 0;
        if (reconcile_shows(m_filter, m_list.items[i]))
            m_rows.push_back(i);
    }
}

const DisagreementItem& ReconcileQueue::at_row(std::size_t row) const
{
    return m_list.items.at(m_rows.at(row));
}

std::optional<std::size_t> ReconcileQueue::row_of(const std::string& id) const
{
    for (std::size_t r = 0; r < m_rows.size(); ++r)
        if (m_list.items[m_rows[r]].id == id)
            return r;
    return std::nullopt;
}

std::optional<std::size_t> ReconcileQueue::next_undecided(std::optional<std::size_t> from,
                                                          int step) const
{
    const std::size_t n = m_rows.size();
    if (n == 0)
        return std::nullopt;
    // A plain scan: a vector of some thousand items is walked in microseconds, so F8 needs no
    // index of its own that every change would have to keep up to date.
    std::size_t at = from ? std::min(*from, n - 1) : (step > 0 ? n - 1 : 0);
    for (std::size_t k = 0; k < n; ++k)
    {
        at = step > 0 ? (at + 1) % n : (at + n - 1) % n;
        if (!m_list.items[m_rows[at]].decision)
            return at;
    }
    return std::nullopt;
}

std::string ReconcileQueue::cell(std::size_t row, ReconcileColumn column) const
{
    const auto& d = at_row(row);
    switch (column)
    {
    case ReconcileColumn::Kind: return kind_label(d.kind);
    case ReconcileColumn::Where: return where_cell(d);
    case ReconcileColumn::A: return version_cell(d, d.a);
    case ReconcileColumn::B: return version_cell(d, d.b);
    case ReconcileColumn::Decision: return decision_cell(d);
    }
    return {};
}

std::string ReconcileQueue::progress_text() const
{
    return std::to_string(m_decided) + " of " + std::to_string(total()) + " resolved";
}

std::string kind_label(DisagreementKind kind)
{
    switch (kind)
    {
    case DisagreementKind::OnlyA: return "only A";
    case DisagreementKind::OnlyB: return "only B";
    case DisagreementKind::DifferentCode: return "other code";
    case DisagreementKind::Boundary: return "boundary";
    case DisagreementKind::Rating: return "rating";
    case DisagreementKind::Classification: return "class.";
    }
    return "?";
}

std::string version_cell(const DisagreementItem& d, const CoderVersion& v)
{
    if (!is_passage(d))
        return v.value;
    if (v.uuid.empty())
        return "\u2014";
    return v.code + " " + lines_text(v.first_line, v.last_line);
}

std::string where_cell(const DisagreementItem& d)
{
    if (d.kind == DisagreementKind::Rating)
        return d.transcript_title + " " + d.scale + (d.target.empty() ? "" : "/" + d.target);
    if (d.kind == DisagreementKind::Classification)
        return d.transcript_title + " " + d.collapsing;
    return d.transcript_title + " " + lines_text(d.first_line, d.last_line);
}

std::string decision_cell(const DisagreementItem& d)
{
    if (!d.decision)
        return {};
    const std::string& k = d.decision->decision;
    if (k == "accept-a")
        return "A";
    if (k == "accept-b")
        return "B";
    return k;
}

std::string reconcile_details(const DisagreementItem& d, const std::string& text,
                              const std::vector<EvidenceLine>& evidence_a,
                              const std::vector<EvidenceLine>& evidence_b)
{
    std::string out = kind_label(d.kind) + " \u00b7 " + d.transcript_title + " \u00b7 ";
    if (d.kind == DisagreementKind::Rating)
        out += "scale " + d.scale + (d.target.empty() ? "" : " (" + d.target + ")");
    else if (d.kind == DisagreementKind::Classification)
        out += "classification at " + d.collapsing;
    else
        out += "lines " + std::to_string(d.first_line) + "-" + std::to_string(d.last_line);
    out += " \u00b7 " + d.id + "\n";
    add_side(out, d, "A", d.a, text, evidence_a);
    add_side(out, d, "B", d.b, text, evidence_b);
    if (d.decision)
        out += "Decided: " + decision_cell(d) + " by " + d.decision->decided_by +
               ", reason: " + d.decision->reason +
               (d.decision->note.empty() ? "" : " (" + d.decision->note + ")") +
               " \u2014 Undo (Ctrl+Z) takes it back\n";
    return out;
}

} // namespace attune::app
