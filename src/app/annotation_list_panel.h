// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "app/annotation_rows.h"

#include <wx/button.h>
#include <wx/dataview.h>
#include <wx/panel.h>

#include <functional>

namespace attune::app
{

/// wxDataView model over AnnotationRows: keeps no data of its own, only asks the rows.
class AnnotationListModel : public wxDataViewVirtualListModel
{
public:
    explicit AnnotationListModel(const AnnotationRows& rows) : m_rows(rows) {}
    unsigned GetColumnCount() const override { return kAnnotationColumns; }
    wxString GetColumnType(unsigned) const override { return "string"; }
    void GetValueByRow(wxVariant& variant, unsigned row, unsigned col) const override;
    bool SetValueByRow(const wxVariant&, unsigned, unsigned) override { return false; }
    bool GetAttrByRow(unsigned row, unsigned col, wxDataViewItemAttr& attr) const override;

private:
    const AnnotationRows& m_rows;
};

/// The current transcript's annotations: sortable by a click on a column header; selecting a row
/// jumps to the passage; Enter/double-click edits the memo; Delete removes it.
class AnnotationListPanel : public wxPanel
{
public:
    explicit AnnotationListPanel(wxWindow* parent);

    AnnotationRows& rows() { return m_rows; }
    /// Call after rows() changed.
    void refresh();
    /// Selects an annotation's row (none for an unknown uuid) without jumping to it.
    void select_uuid(const std::string& uuid);
    /// Screen position of a column header's middle (for GUI tests that click it).
    wxPoint header_point(int column) const;
    /// The Coder column matters only outside blind mode.
    void show_coder_column(bool show);
    /// The selected annotation's uuid, or "".
    std::string selected_uuid() const;
    /// Gives the list the keyboard, with a row selected when there is one.
    void focus_list();
    /// Whether Edit memo and Delete are enabled now (after the pending UI update: GUI tests).
    bool actions_enabled();

    void on_jump(std::function<void(const store::AnnotationRecord&)> f)
    {
        m_on_jump = std::move(f);
    }
    void on_edit_memo(std::function<void(const store::AnnotationRecord&)> f)
    {
        m_on_memo = std::move(f);
    }
    void on_delete(std::function<void(const store::AnnotationRecord&)> f)
    {
        m_on_delete = std::move(f);
    }
    /// Whether the coder may change an annotation: Edit memo and Delete are enabled only for a
    /// selected row it allows (unset: any selected row).
    void may_change(std::function<bool(const store::AnnotationRecord&)> f)
    {
        m_may_change = std::move(f);
    }

private:
    /// The selected row's annotation; nullptr when none.
    const store::AnnotationRecord* current_row() const;
    /// Selection, activation, Delete key and the two buttons call the coder's handlers.
    void bind_actions(wxButton& memo, wxButton& del);
    void on_header_click(wxDataViewEvent& e);

    AnnotationRows m_rows;
    wxObjectDataPtr<AnnotationListModel> m_model;
    wxDataViewCtrl* m_view = nullptr;
    wxButton* m_memo = nullptr;
    wxButton* m_delete = nullptr;
    bool m_selecting = false; ///< select_uuid is selecting: not the coder's choice
    std::function<void(const store::AnnotationRecord&)> m_on_jump;
    std::function<void(const store::AnnotationRecord&)> m_on_memo;
    std::function<void(const store::AnnotationRecord&)> m_on_delete;
    std::function<bool(const store::AnnotationRecord&)> m_may_change;
};

} // namespace attune::app
