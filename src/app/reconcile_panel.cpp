// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/reconcile_panel.h"

#include "app/wx_string.h"

#include <wx/button.h>
#include <wx/choice.h>
#include <wx/sizer.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>

namespace attune::app
{

ReconcileList::ReconcileList(wxWindow* parent, const ReconcileQueue& queue)
    : wxListView(parent, wxID_ANY, wxDefaultPosition, wxDefaultSize,
                 wxLC_REPORT | wxLC_VIRTUAL | wxLC_SINGLE_SEL),
      m_queue(queue)
{
    SetName("reconcile_queue");
    AppendColumn("Kind", wxLIST_FORMAT_LEFT, 64);
    AppendColumn("Where", wxLIST_FORMAT_LEFT, 90);
    AppendColumn("A", wxLIST_FORMAT_LEFT, 80);
    AppendColumn("B", wxLIST_FORMAT_LEFT, 80);
    AppendColumn("Decided", wxLIST_FORMAT_LEFT, 54);
    SetMinSize(wxSize(-1, 140));
}

wxString ReconcileList::OnGetItemText(long item, long column) const
{
    if (item < 0 || static_cast<std::size_t>(item) >= m_queue.rows())
        return {};
    return to_wx(
        m_queue.cell(static_cast<std::size_t>(item), static_cast<ReconcileColumn>(column)));
}

ReconcilePanel::ReconcilePanel(wxWindow* parent) : wxPanel(parent)
{
    SetName("reconcile_panel");
    auto* col = new wxBoxSizer(wxVERTICAL);
    col->Add(build_top(), 0, wxEXPAND | wxALL, 3);
    m_blocked = new wxStaticText(this, wxID_ANY, "");
    col->Add(m_blocked, 0, wxEXPAND | wxALL, 4);
    m_list = new ReconcileList(this, m_queue);
    col->Add(m_list, 3, wxEXPAND);
    m_details = new wxTextCtrl(this, wxID_ANY, "", wxDefaultPosition, wxSize(-1, 110),
                               wxTE_MULTILINE | wxTE_READONLY | wxTE_WORDWRAP);
    m_details->SetName("reconcile_details");
    col->Add(m_details, 2, wxEXPAND | wxTOP, 3);
    col->Add(build_actions(), 0, wxEXPAND | wxALL, 3);
    SetSizer(col);
    m_blocked->Hide();
    m_list->Bind(wxEVT_LIST_ITEM_SELECTED,
                 [this](wxListEvent& e)
                 {
                     if (e.GetIndex() < 0)
                         return;
                     m_selected = static_cast<std::size_t>(e.GetIndex());
                     if (!m_quiet && m_on_select)
                         m_on_select(*m_selected);
                 });
    m_list->Bind(wxEVT_LIST_ITEM_DESELECTED,
                 [this](wxListEvent& e)
                 {
                     if (m_selected && e.GetIndex() == static_cast<long>(*m_selected))
                         m_selected.reset();
                 });
}

wxWindow* ReconcilePanel::build_top()
{
    auto* top = new wxPanel(this);
    auto* grid = new wxFlexGridSizer(2, 4, 3);
    grid->AddGrowableCol(1);
    m_coder_a = new wxChoice(top, wxID_ANY);
    m_coder_b = new wxChoice(top, wxID_ANY);
    m_filter = new wxChoice(top, wxID_ANY);
    for (const auto& [filter, label] : reconcile_filters())
        m_filter->Append(to_wx(label));
    m_filter->SetSelection(0);
    m_progress = new wxStaticText(top, wxID_ANY, "");
    m_progress->SetName("reconcile_progress");
    m_progress->SetFont(m_progress->GetFont().Bold());
    auto* coders = new wxBoxSizer(wxHORIZONTAL);
    coders->Add(m_coder_a, 1, wxRIGHT, 4);
    coders->Add(new wxStaticText(top, wxID_ANY, "B:"), 0, wxALIGN_CENTER_VERTICAL | wxRIGHT, 4);
    coders->Add(m_coder_b, 1);
    grid->Add(new wxStaticText(top, wxID_ANY, "A:"), 0, wxALIGN_CENTER_VERTICAL);
    grid->Add(coders, 1, wxEXPAND);
    grid->Add(new wxStaticText(top, wxID_ANY, "Show:"), 0, wxALIGN_CENTER_VERTICAL);
    grid->Add(m_filter, 1, wxEXPAND);
    grid->AddSpacer(0);
    grid->Add(m_progress, 0);
    top->SetSizer(grid);
    for (auto* c : {m_coder_a, m_coder_b})
        c->Bind(wxEVT_CHOICE, [this](wxCommandEvent&) { coders_chosen(); });
    m_filter->Bind(wxEVT_CHOICE,
                   [this](wxCommandEvent&)
                   {
                       const auto i = static_cast<std::size_t>(m_filter->GetSelection());
                       m_queue.set_filter(reconcile_filters().at(i).first);
                       refresh();
                   });
    return top;
}

wxWindow* ReconcilePanel::build_actions()
{
    auto* p = new wxPanel(this);
    auto* col = new wxBoxSizer(wxVERTICAL);
    auto* reason = new wxBoxSizer(wxHORIZONTAL);
    reason->Add(new wxStaticText(p, wxID_ANY, "Reason:"), 0, wxALIGN_CENTER_VERTICAL | wxRIGHT, 4);
    m_reason = new wxChoice(p, wxID_ANY);
    m_reason->SetName("reconcile_reason");
    reason->Add(m_reason, 1);
    col->Add(reason, 0, wxEXPAND | wxBOTTOM, 3);
    m_typed_reason = new wxTextCtrl(p, wxID_ANY);
    m_typed_reason->SetName("reconcile_typed_reason");
    m_typed_reason->SetHint("or type why (F8 puts the keyboard here)");
    col->Add(m_typed_reason, 0, wxEXPAND | wxBOTTOM, 3);
    struct Action
    {
        const char* label;
        const char* tip;
        analysis::Take take;
    };
    static const Action kActions[] = {
        {"Accept &A", "Alt+1: the consensus takes A's version", analysis::Take::A},
        {"Accept &B", "Alt+2: the consensus takes B's version", analysis::Take::B},
        {"Both", "Alt+3: the consensus takes both passages", analysis::Take::Both},
        {"Neither", "Alt+0: the consensus takes neither (reconciled, nothing kept)",
         analysis::Take::Neither},
    };
    auto* buttons = new wxBoxSizer(wxHORIZONTAL);
    for (const auto& a : kActions)
    {
        auto* b =
            new wxButton(p, wxID_ANY, a.label, wxDefaultPosition, wxDefaultSize, wxBU_EXACTFIT);
        b->SetToolTip(a.tip);
        const auto take = a.take;
        b->Bind(wxEVT_BUTTON,
                [this, take](wxCommandEvent&)
                {
                    if (m_on_decide)
                        m_on_decide(take);
                });
        buttons->Add(b, 0, wxRIGHT, 2);
    }
    auto* edit =
        new wxButton(p, wxID_ANY, "Edit\u2026", wxDefaultPosition, wxDefaultSize, wxBU_EXACTFIT);
    edit->SetToolTip("Alt+4: the consensus takes a value of your own");
    edit->Bind(wxEVT_BUTTON,
               [this](wxCommandEvent&)
               {
                   if (m_on_edit)
                       m_on_edit();
               });
    buttons->Add(edit, 0);
    col->Add(buttons, 0, wxBOTTOM, 3);
    m_identical = new wxButton(p, wxID_ANY, "Accept identical passages");
    m_identical->SetToolTip("Every passage both coders marked alike goes to the consensus, in one "
                            "step (one undo)");
    m_identical->Bind(wxEVT_BUTTON,
                      [this](wxCommandEvent&)
                      {
                          if (m_on_identical)
                              m_on_identical();
                      });
    col->Add(m_identical, 0);
    p->SetSizer(col);
    return p;
}

void ReconcilePanel::coders_chosen()
{
    if (m_on_coders && m_coder_a->GetSelection() >= 0 && m_coder_b->GetSelection() >= 0)
        m_on_coders(from_wx(m_coder_a->GetStringSelection()),
                    from_wx(m_coder_b->GetStringSelection()));
}

void ReconcilePanel::refresh()
{
    const auto row = selected_row();
    const std::string id = row && *row < m_queue.rows() ? m_queue.at_row(*row).id : "";
    m_quiet = true;
    m_list->SetItemCount(static_cast<long>(m_queue.rows()));
    m_quiet = false;
    if (m_selected && *m_selected >= m_queue.rows())
        m_selected.reset();
    m_list->Refresh();
    m_progress->SetLabel(to_wx(m_queue.progress_text()));
    if (!id.empty())
        select_row(m_queue.row_of(id));
    Layout();
}

void ReconcilePanel::set_coders(const std::vector<std::string>& names, const std::string& a,
                                const std::string& b)
{
    for (auto* c : {m_coder_a, m_coder_b})
    {
        c->Clear();
        for (const auto& n : names)
            c->Append(to_wx(n));
    }
    m_coder_a->SetStringSelection(to_wx(a));
    m_coder_b->SetStringSelection(to_wx(b));
}

void ReconcilePanel::set_reasons(const std::vector<scheme::ConsensusReason>& reasons)
{
    m_reason->Clear();
    m_reason_ids.clear();
    for (const auto& r : reasons)
    {
        m_reason->Append(to_wx(r.label));
        m_reason_ids.push_back(r.id);
    }
    m_reason->Append("(the text typed)");
    m_reason_ids.emplace_back();
    m_reason->SetSelection(0);
}

void ReconcilePanel::set_blocked(const std::string& why)
{
    m_blocked->SetLabel(to_wx(why));
    m_blocked->Wrap(std::max(200, GetClientSize().x - 8));
    m_blocked->Show(!why.empty());
    m_list->Show(why.empty());
    Layout();
}

void ReconcilePanel::set_identical_count(std::size_t n)
{
    m_identical->SetLabel(to_wx("Accept identical passages (" + std::to_string(n) + ")"));
    m_identical->Enable(n > 0);
    Layout();
}

void ReconcilePanel::show_details(const std::string& text)
{
    m_details->ChangeValue(to_wx(text));
}

void ReconcilePanel::select_row(std::optional<std::size_t> row)
{
    m_quiet = true;
    if (m_selected && m_selected != row && *m_selected < m_queue.rows())
        m_list->SetItemState(static_cast<long>(*m_selected), 0,
                             wxLIST_STATE_SELECTED | wxLIST_STATE_FOCUSED);
    m_selected.reset();
    if (row && *row < m_queue.rows())
    {
        const long r = static_cast<long>(*row);
        m_list->SetItemState(r, wxLIST_STATE_SELECTED | wxLIST_STATE_FOCUSED,
                             wxLIST_STATE_SELECTED | wxLIST_STATE_FOCUSED);
        m_list->EnsureVisible(r);
        m_selected = row;
    }
    m_quiet = false;
}

std::optional<std::size_t> ReconcilePanel::selected_row() const
{
    return m_selected && *m_selected < m_queue.rows() ? m_selected : std::nullopt;
}

std::string ReconcilePanel::typed_reason() const
{
    return from_wx(m_typed_reason->GetValue().Strip(wxString::both));
}

std::string ReconcilePanel::reason() const
{
    const std::string typed = typed_reason();
    if (!typed.empty())
        return typed;
    const int i = m_reason->GetSelection();
    return i >= 0 && static_cast<std::size_t>(i) < m_reason_ids.size()
               ? m_reason_ids[static_cast<std::size_t>(i)]
               : std::string();
}

void ReconcilePanel::clear_typed_reason()
{
    m_typed_reason->ChangeValue("");
}

void ReconcilePanel::focus_reason()
{
    m_typed_reason->SetFocus();
}

void ReconcilePanel::focus_queue()
{
    m_list->SetFocus();
}

} // namespace attune::app
