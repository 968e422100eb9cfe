// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/compare_panel.h"

#include "app/wx_string.h"

#include <wx/checklst.h>
#include <wx/listctrl.h>
#include <wx/sizer.h>
#include <wx/stattext.h>

#include <algorithm>

namespace attune::app
{

namespace
{

wxColour to_colour(std::uint32_t rgb)
{
    return wxColour((rgb >> 16) & 0xFF, (rgb >> 8) & 0xFF, rgb & 0xFF);
}

std::string heading(const project::Coder& c)
{
    return c.role == "coder" ? c.name : c.name + " (" + c.role + ")";
}

/// A difference worth the eye: the coders gave different values.
bool differs(const std::string& difference)
{
    return !difference.empty() && difference != "0" && difference != "same";
}

} // namespace

ComparePanel::ComparePanel(wxWindow* parent) : wxPanel(parent, wxID_ANY)
{
    SetName("compare_panel");
    auto* s = new wxBoxSizer(wxVERTICAL);
    s->Add(new wxStaticText(this, wxID_ANY, "Coders compared:"), 0, wxLEFT | wxRIGHT | wxTOP, 4);
    m_coders = new wxCheckListBox(this, wxID_ANY);
    m_coders->SetName("compare_coders");
    m_coders->Bind(wxEVT_CHECKLISTBOX,
                   [this](wxCommandEvent&)
                   {
                       if (m_change)
                           m_change();
                   });
    s->Add(m_coders, 0, wxEXPAND | wxALL, 4);
    m_legend = new wxBoxSizer(wxVERTICAL);
    s->Add(m_legend, 0, wxEXPAND | wxLEFT | wxRIGHT, 4);
    m_title = new wxStaticText(this, wxID_ANY, "");
    s->Add(m_title, 0, wxEXPAND | wxALL, 4);
    m_table = new wxListView(this, wxID_ANY, wxDefaultPosition, wxDefaultSize,
                             wxLC_REPORT | wxLC_SINGLE_SEL);
    m_table->SetName("compare_table");
    s->Add(m_table, 1, wxEXPAND | wxLEFT | wxRIGHT | wxBOTTOM, 4);
    SetSizer(s);
}

void ComparePanel::set_coders(const std::vector<CompareCoder>& coders)
{
    m_names.clear();
    wxArrayString items;
    for (const auto& c : coders)
    {
        m_names.push_back(c.name);
        items.Add(to_wx(c.role == "coder" ? c.name : c.name + " (" + c.role + ")"));
    }
    m_coders->Set(items);
    for (std::size_t i = 0; i < coders.size(); ++i)
        m_coders->Check(static_cast<unsigned>(i), coders[i].compared);
    m_coders->SetMinSize(wxSize(-1, m_coders->GetCharHeight() * 3 / 2 *
                                        static_cast<int>(std::max<std::size_t>(coders.size(), 2))));
    rebuild_legend(coders);
    Layout();
}

void ComparePanel::rebuild_legend(const std::vector<CompareCoder>& coders)
{
    m_legend->Clear(true);
    for (const auto& c : coders)
    {
        auto* row = new wxBoxSizer(wxHORIZONTAL);
        auto* swatch = new wxPanel(this, wxID_ANY, wxDefaultPosition, wxSize(12, 12));
        swatch->SetBackgroundColour(to_colour(c.rgb));
        row->Add(swatch, 0, wxALIGN_CENTER_VERTICAL | wxRIGHT, 5);
        row->Add(new wxStaticText(this, wxID_ANY,
                                  to_wx(c.name + ": margin column, text " + c.text_style)),
                 1, wxALIGN_CENTER_VERTICAL);
        m_legend->Add(row, 0, wxEXPAND | wxBOTTOM, 2);
    }
}

bool ComparePanel::tick(const std::string& name, bool on)
{
    const auto at = std::find(m_names.begin(), m_names.end(), name);
    if (at == m_names.end())
        return false;
    m_coders->Check(static_cast<unsigned>(at - m_names.begin()), on);
    if (m_change)
        m_change();
    return true;
}

std::vector<std::string> ComparePanel::compared() const
{
    std::vector<std::string> out;
    for (std::size_t i = 0; i < m_names.size(); ++i)
        if (m_coders->IsChecked(static_cast<unsigned>(i)))
            out.push_back(m_names[i]);
    return out;
}

void ComparePanel::show_table(const analysis::SideBySide& table, const std::string& title)
{
    m_title->SetLabel(to_wx(title));
    m_table->ClearAll();
    m_table->AppendColumn("Scale / classification", wxLIST_FORMAT_LEFT, 170);
    for (const auto& c : table.coders)
        m_table->AppendColumn(to_wx(heading(c)), wxLIST_FORMAT_CENTER, 64);
    m_table->AppendColumn("Difference", wxLIST_FORMAT_CENTER, 72);
    const int diff_column = static_cast<int>(table.coders.size()) + 1;
    if (table.rows.empty())
        m_table->InsertItem(0, "(no ratings or classifications yet)");
    for (const auto& r : table.rows)
    {
        const long item = m_table->InsertItem(m_table->GetItemCount(), to_wx(r.label));
        for (std::size_t i = 0; i < r.values.size(); ++i)
            m_table->SetItem(item, static_cast<int>(i) + 1,
                             to_wx(r.values[i].empty() ? "\u2014" : r.values[i]));
        m_table->SetItem(item, diff_column, to_wx(r.difference));
        if (differs(r.difference))
            m_table->SetItemBackgroundColour(item, wxColour(0xFF, 0xF0, 0xC8));
    }
}

void ComparePanel::show_empty(const std::string& why)
{
    m_title->SetLabel(to_wx(why));
    m_table->ClearAll();
}

std::string ComparePanel::row_text(const std::string& label) const
{
    for (long item = 0; item < m_table->GetItemCount(); ++item)
    {
        if (from_wx(m_table->GetItemText(item, 0)) != label)
            continue;
        std::string out;
        for (int col = 0; col < m_table->GetColumnCount(); ++col)
            out += (col ? " | " : "") + from_wx(m_table->GetItemText(item, col));
        return out;
    }
    return {};
}

std::string ComparePanel::header_text() const
{
    std::string out;
    for (int col = 0; col < m_table->GetColumnCount(); ++col)
    {
        wxListItem info;
        info.SetMask(wxLIST_MASK_TEXT);
        m_table->GetColumn(col, info);
        out += (col ? " | " : "") + from_wx(info.GetText());
    }
    return out;
}

} // namespace attune::app
