// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The compare view's tab (docs/user-guide.md "Comparing coders"): which coders are compared (a
// checklist), a legend naming each coder's colour in the margin and style in the text, and the
// ratings and classifications of the transcript on show side by side with their difference
// (analysis::side_by_side computes the table; this panel only shows it).

#include "core/analysis/side_by_side.h"

#include <wx/panel.h>

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

class wxCheckListBox;
class wxListView;
class wxStaticText;
class wxBoxSizer;

namespace attune::app
{

/// A coder as the panel lists them.
struct CompareCoder
{
    std::string name;
    std::string role;       ///< "coder", "master", "consensus"
    std::uint32_t rgb = 0;  ///< the margin column's colour
    std::string text_style; ///< how the text shows this coder's passages, e.g. "dotted box"
    bool compared = false;  ///< ticked
};

class ComparePanel : public wxPanel
{
public:
    explicit ComparePanel(wxWindow* parent);

    /// The checklist and the legend. Keeps the ticks as given.
    void set_coders(const std::vector<CompareCoder>& coders);
    /// The ticked coders' names, in list order.
    std::vector<std::string> compared() const;
    /// Every listed coder's name, ticked or not.
    const std::vector<std::string>& names() const { return m_names; }
    /// Fills the table; `title` says which transcript it is.
    void show_table(const analysis::SideBySide& table, const std::string& title);
    /// Empties the table and says why (no transcript, no coder ticked, an error).
    void show_empty(const std::string& why);
    /// Ticks or unticks `name` as a click does (the change callback runs); false: not listed.
    bool tick(const std::string& name, bool on);
    /// Called after the coder ticked or unticked a name.
    void on_change(std::function<void()> f) { m_change = std::move(f); }

    /// The table's row whose first cell is `label`, cells joined by " | " ("" when none): what
    /// the GUI tests check.
    std::string row_text(const std::string& label) const;
    /// The table's column headings joined by " | ".
    std::string header_text() const;

private:
    void rebuild_legend(const std::vector<CompareCoder>& coders);

    wxCheckListBox* m_coders = nullptr;
    wxBoxSizer* m_legend = nullptr;
    wxStaticText* m_title = nullptr;
    wxListView* m_table = nullptr;
    std::vector<std::string> m_names; ///< parallel to the checklist
    std::function<void()> m_change;
};

} // namespace attune::app
