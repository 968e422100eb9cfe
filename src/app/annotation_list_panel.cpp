// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/annotation_list_panel.h"

#include "app/wx_string.h"

#include <wx/button.h>
#include <wx/sizer.h>

namespace attune::app
{

void AnnotationListModel::GetValueByRow(wxVariant& variant, unsigned row, unsigned col) const
{
    if (row >= m_rows.size())
    {
        variant = wxString();
        return;
    }
    variant = to_wx(m_rows.cell(row, static_cast<AnnotationColumn>(col)));
}

bool AnnotationListModel::GetAttrByRow(unsigned row, unsigned col, wxDataViewItemAttr& attr) const
{
    if (col != static_cast<unsigned>(AnnotationColumn::Memo) || row >= m_rows.size() ||
        !m_rows.at(row).memo.empty())
        return false;
    attr.SetColour(wxColour(0x76, 0x76, 0x76));
    return true;
}

AnnotationListPanel::AnnotationListPanel(wxWindow* parent) : wxPanel(parent, wxID_ANY)
{
    m_model = new AnnotationListModel(m_rows);
    // Created at a real size: GTK cannot fit the scrollbars into the 48 px an unsized list
    // gets before the first layout (a Gtk-CRITICAL on every start).
    m_view = new wxDataViewCtrl(this, wxID_ANY, wxDefaultPosition, FromDIP(wxSize(360, 200)),
                                wxDV_SINGLE | wxDV_ROW_LINES);
    m_view->SetName("annotation_list");
    m_view->SetMinSize(FromDIP(wxSize(120, 80))); // the initial size is not a minimum
    m_view->AssociateModel(m_model.get());
    const struct
    {
        const char* title;
        int width;
    } columns[kAnnotationColumns] = {// the first four fit the 370 px pane of a 1024 px window
                                     {"Code", 130},
                                     {"Lines", 44},
                                     {"Passage", 110},
                                     {"Memo", 80},
                                     {"Coder", 70}};
    for (int c = 0; c < kAnnotationColumns; ++c)
    {
        auto* col = m_view->AppendTextColumn(columns[c].title, static_cast<unsigned>(c),
                                             wxDATAVIEW_CELL_INERT, columns[c].width, wxALIGN_LEFT,
                                             wxDATAVIEW_COL_RESIZABLE);
        // Sorting is done by AnnotationRows; the header only reports the click.
        col->SetSortable(false);
    }
    auto* memo = m_memo = new wxButton(this, wxID_ANY, "Edit &memo\u2026");
    auto* del = m_delete = new wxButton(this, wxID_ANY, "&Delete");
    auto* buttons = new wxBoxSizer(wxHORIZONTAL);
    buttons->Add(memo, 0, wxRIGHT, 6);
    buttons->Add(del, 0);
    auto* sizer = new wxBoxSizer(wxVERTICAL);
    sizer->Add(m_view, 1, wxEXPAND);
    sizer->Add(buttons, 0, wxALL, 4);
    SetSizer(sizer);
    bind_actions(*memo, *del);
}

const store::AnnotationRecord* AnnotationListPanel::current_row() const
{
    const int row = m_model->GetRow(m_view->GetSelection());
    return row >= 0 && static_cast<std::size_t>(row) < m_rows.size()
               ? &m_rows.at(static_cast<std::size_t>(row))
               : nullptr;
}

void AnnotationListPanel::bind_actions(wxButton& memo, wxButton& del)
{
    auto current = [this] { return current_row(); };
    m_view->Bind(wxEVT_DATAVIEW_SELECTION_CHANGED,
                 [this, current](wxDataViewEvent&)
                 {
                     if (m_selecting)
                         return; // the program picked the row (a click in the text): no jump
                     if (auto* a = current(); a && m_on_jump)
                         m_on_jump(*a);
                 });
    m_view->Bind(wxEVT_DATAVIEW_ITEM_ACTIVATED,
                 [this, current](wxDataViewEvent&)
                 {
                     if (auto* a = current(); a && m_on_memo)
                         m_on_memo(*a);
                 });
    m_view->Bind(wxEVT_DATAVIEW_COLUMN_HEADER_CLICK, &AnnotationListPanel::on_header_click, this);
    m_view->Bind(wxEVT_KEY_DOWN,
                 [this, current](wxKeyEvent& e)
                 {
                     if (e.GetKeyCode() == WXK_DELETE || e.GetKeyCode() == WXK_BACK)
                     {
                         if (auto* a = current(); a && m_on_delete)
                             m_on_delete(*a);
                         return;
                     }
                     e.Skip();
                 });
    memo.Bind(wxEVT_BUTTON,
              [this, current](wxCommandEvent&)
              {
                  if (auto* a = current(); a && m_on_memo)
                      m_on_memo(*a);
              });
    del.Bind(wxEVT_BUTTON,
             [this, current](wxCommandEvent&)
             {
                 if (auto* a = current(); a && m_on_delete)
                     m_on_delete(*a);
             });
    // Greyed out when nothing is selected, in a read-only project and on another coder's
    // passage: what the commands would refuse is not offered.
    auto enable = [this, current](wxUpdateUIEvent& e)
    {
        const auto* a = current();
        e.Enable(a && (!m_may_change || m_may_change(*a)));
    };
    memo.Bind(wxEVT_UPDATE_UI, enable);
    del.Bind(wxEVT_UPDATE_UI, enable);
}

bool AnnotationListPanel::actions_enabled()
{
    UpdateWindowUI(wxUPDATE_UI_RECURSE);
    return m_memo->IsEnabled() && m_delete->IsEnabled();
}

wxPoint AnnotationListPanel::header_point(int column) const
{
    int x = 0;
    for (int c = 0; c < column; ++c)
        if (auto* col = m_view->GetColumn(static_cast<unsigned>(c)); col && !col->IsHidden())
            x += col->GetWidth();
    const int w = m_view->GetColumn(static_cast<unsigned>(column))->GetWidth();
    return m_view->ClientToScreen(wxPoint(x + w / 2, 10));
}

void AnnotationListPanel::show_coder_column(bool show)
{
    if (auto* col = m_view->GetColumn(static_cast<unsigned>(AnnotationColumn::Coder)))
        col->SetHidden(!show);
}

void AnnotationListPanel::refresh()
{
    m_model->Reset(static_cast<unsigned>(m_rows.size()));
}

void AnnotationListPanel::on_header_click(wxDataViewEvent& e)
{
    const auto col = static_cast<AnnotationColumn>(e.GetColumn());
    const bool asc = m_rows.sort_column() == col ? !m_rows.sort_ascending() : true;
    const std::string keep = selected_uuid();
    m_rows.sort_by(col, asc);
    refresh();
    if (!keep.empty())
        select_uuid(keep);
}

void AnnotationListPanel::select_uuid(const std::string& uuid)
{
    const int row = m_rows.row_of(uuid);
    if (row < 0)
    {
        m_selecting = true;
        m_view->UnselectAll();
        m_selecting = false;
        return;
    }
    const wxDataViewItem item = m_model->GetItem(static_cast<unsigned>(row));
    // GTK reports a selection made by the program like a coder's; jumping to the passage then
    // would replace the text selection the coder just made (a click, a right-click).
    m_selecting = true;
    m_view->UnselectAll();
    m_view->Select(item);
    m_view->EnsureVisible(item);
    m_selecting = false;
}

std::string AnnotationListPanel::selected_uuid() const
{
    const int row = m_model->GetRow(m_view->GetSelection());
    return row >= 0 && static_cast<std::size_t>(row) < m_rows.size()
               ? m_rows.at(static_cast<std::size_t>(row)).uuid
               : std::string();
}

void AnnotationListPanel::focus_list()
{
    m_view->SetFocus();
    if (m_view->GetSelectedItemsCount() == 0 && m_model->GetCount() > 0)
    {
        const wxDataViewItem first = m_model->GetItem(0);
        m_view->Select(first);
        m_view->SetCurrentItem(first);
    }
}

} // namespace attune::app
