// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "app/scheme_view.h"

#include <wx/panel.h>

#include <functional>
#include <optional>
#include <vector>

class wxTreeCtrl;
class wxTextCtrl;
class wxTreeEvent;
class wxMouseEvent;

namespace attune::app
{

/// The schemes' passage codes as a tree with colour swatches and shortcuts, and a detail pane
/// with the selected code's definition. Clicking or activating a code asks to apply it.
class CodeTreePanel : public wxPanel
{
public:
    explicit CodeTreePanel(wxWindow* parent);

    /// `read_only`: the project cannot be changed, and the hint under the tree says so instead
    /// of inviting the coder to code.
    void set_schemes(const std::vector<SchemeView>& views, bool read_only = false);
    /// Called when the user clicks a code's label, presses Enter on it or double-clicks it.
    void on_apply(std::function<void(const CodeItem&)> f) { m_on_apply = std::move(f); }
    /// Selects a code in the tree (e.g. the one under the caret), without applying it.
    void select_code(const std::string& scheme_id, const std::string& code);
    /// Screen position of a code's label (for GUI tests that click it); nullopt when absent.
    std::optional<wxPoint> code_point(const std::string& code);
    /// The code selected in the tree; nullptr when none or a group is selected.
    const CodeItem* selected_code() const;
    /// Gives the tree the keyboard (not the definition pane), with an item selected.
    void focus_tree();

private:
    void on_sel_changed(wxTreeEvent& e);
    void on_activated(wxTreeEvent& e);
    void on_left_down(wxMouseEvent& e);
    const CodeItem* item_of(const void* tree_item_id) const;

    wxTreeCtrl* m_tree = nullptr;
    wxTextCtrl* m_detail = nullptr;
    std::vector<CodeItem> m_items;
    std::function<void(const CodeItem&)> m_on_apply;
};

/// "Idealization — Ctrl+1" style tree label.
std::string code_tree_label(const CodeItem& c);
/// The definition pane text for a code.
std::string code_detail_text(const CodeItem& c);

} // namespace attune::app
