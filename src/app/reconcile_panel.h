// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The Reconcile tab: the disagreement queue of two coders (a virtual list over ReconcileQueue),
// the selected item's details, a reason, and the decisions. It holds no project: the main
// window lists the disagreements, runs the decisions through the Session and refreshes it.

#include "app/reconcile_rows.h"
#include "core/scheme/scheme.h"

#include <wx/listctrl.h>
#include <wx/panel.h>

#include <functional>
#include <optional>
#include <string>
#include <vector>

class wxButton;
class wxChoice;
class wxStaticText;
class wxTextCtrl;

namespace attune::app
{

/// The queue's list: asks the queue for each visible cell (wxLC_VIRTUAL), so a queue of
/// thousands shows as fast as one of ten.
class ReconcileList : public wxListView
{
public:
    ReconcileList(wxWindow* parent, const ReconcileQueue& queue);

private:
    wxString OnGetItemText(long item, long column) const override;
    const ReconcileQueue& m_queue;
};

/// Coders A and B, the filter, the queue with progress, the details, the reason (one of the
/// schemes' consensus reasons, or free text) and the actions Accept A, Accept B, Both,
/// Neither, Edit…, and "accept every identical passage". Invariant: the list shows
/// queue().rows() rows.
class ReconcilePanel : public wxPanel
{
public:
    explicit ReconcilePanel(wxWindow* parent);

    ReconcileQueue& queue() { return m_queue; }
    /// Call after queue() changed: the row count, progress and the selection (kept by id).
    void refresh();
    /// The coders to choose A and B from, and the two chosen.
    void set_coders(const std::vector<std::string>& names, const std::string& a,
                    const std::string& b);
    /// The reasons the project's schemes offer (<consensus-reasons>), by id and label.
    void set_reasons(const std::vector<scheme::ConsensusReason>& reasons);
    /// Shows `why` instead of the queue ("" shows the queue).
    void set_blocked(const std::string& why);
    /// How many identical passages "Accept identical" would accept.
    void set_identical_count(std::size_t n);
    void show_details(const std::string& text);

    /// Selects and shows a row, without telling on_select.
    void select_row(std::optional<std::size_t> row);
    std::optional<std::size_t> selected_row() const;
    /// The reason for the next decision: the text typed, else the chosen reason's id.
    std::string reason() const;
    /// The text typed as the reason, trimmed ("" when none).
    std::string typed_reason() const;
    /// After a decision: the typed reason is cleared (each decision has its own).
    void clear_typed_reason();
    void focus_reason();
    void focus_queue();

    void on_select(std::function<void(std::size_t row)> f) { m_on_select = std::move(f); }
    void on_decide(std::function<void(analysis::Take)> f) { m_on_decide = std::move(f); }
    void on_edit(std::function<void()> f) { m_on_edit = std::move(f); }
    void on_accept_identical(std::function<void()> f) { m_on_identical = std::move(f); }
    void on_coders(std::function<void(const std::string&, const std::string&)> f)
    {
        m_on_coders = std::move(f);
    }

private:
    wxWindow* build_top();
    wxWindow* build_actions();
    void coders_chosen();

    ReconcileQueue m_queue;
    std::vector<std::string> m_reason_ids; ///< parallel to m_reason's entries; "" for free text
    bool m_quiet = false;                  ///< selecting a row ourselves: no on_select
    /// The selected row, kept here: asking a virtual wxListView scans every row (O(n) per F8).
    std::optional<std::size_t> m_selected;
    wxChoice* m_coder_a = nullptr;
    wxChoice* m_coder_b = nullptr;
    wxChoice* m_filter = nullptr;
    wxStaticText* m_progress = nullptr;
    wxStaticText* m_blocked = nullptr;
    ReconcileList* m_list = nullptr;
    wxTextCtrl* m_details = nullptr;
    wxChoice* m_reason = nullptr;
    wxTextCtrl* m_typed_reason = nullptr;
    wxButton* m_identical = nullptr;
    std::function<void(std::size_t)> m_on_select;
    std::function<void(analysis::Take)> m_on_decide;
    std::function<void()> m_on_edit;
    std::function<void()> m_on_identical;
    std::function<void(const std::string&, const std::string&)> m_on_coders;
};

} // namespace attune::app
