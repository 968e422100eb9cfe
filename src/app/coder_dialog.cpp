// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/coder_dialog.h"

#include "app/wx_string.h"

#include <wx/button.h>
#include <wx/listbox.h>
#include <wx/sizer.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>

namespace attune::app
{

CoderDialog::CoderDialog(wxWindow* parent, const std::vector<std::string>& coders,
                         const std::string& preselect)
    : wxDialog(parent, wxID_ANY, "Who is coding?", wxDefaultPosition, wxDefaultSize,
               wxDEFAULT_DIALOG_STYLE | wxRESIZE_BORDER)
{
    auto* sizer = new wxBoxSizer(wxVERTICAL);
    sizer->Add(new wxStaticText(this, wxID_ANY,
                                "Choose your coder name. In blind mode (the default) you see only "
                                "your own work."),
               0, wxALL, 10);
    wxArrayString items;
    for (const auto& c : coders)
        items.Add(to_wx(c));
    m_list = new wxListBox(this, wxID_ANY, wxDefaultPosition, wxSize(320, 160), items);
    sizer->Add(m_list, 1, wxEXPAND | wxLEFT | wxRIGHT, 10);
    sizer->Add(new wxStaticText(this, wxID_ANY, "\u2026or add a new coder:"), 0,
               wxLEFT | wxRIGHT | wxTOP, 10);
    m_new = new wxTextCtrl(this, wxID_ANY);
    m_new->SetHint("New coder name");
    sizer->Add(m_new, 0, wxEXPAND | wxLEFT | wxRIGHT | wxTOP, 10);
    m_why = new wxStaticText(this, wxID_ANY, "Choose or type a name to continue.");
    m_why->SetName("coder_why");
    sizer->Add(m_why, 0, wxLEFT | wxRIGHT | wxTOP, 10);
    sizer->Add(CreateStdDialogButtonSizer(wxOK | wxCANCEL), 0, wxEXPAND | wxALL, 10);
    SetSizerAndFit(sizer);
    bool chosen = false;
    for (std::size_t i = 0; i < coders.size(); ++i)
        if (coders[i] == preselect)
        {
            m_list->SetSelection(static_cast<int>(i));
            chosen = true;
        }
    // With no name chosen yet the keyboard starts in the name field: type a new name, or click
    // (or Tab to) a listed one; Enter does nothing until there is a name.
    if (chosen)
        m_list->SetFocus();
    else
        m_new->SetFocus();
    m_list->Bind(wxEVT_LISTBOX_DCLICK,
                 [this](wxCommandEvent&)
                 {
                     if (!name().empty())
                         EndModal(wxID_OK);
                 });
    m_new->Bind(wxEVT_TEXT, [this](wxCommandEvent&) { m_list->SetSelection(wxNOT_FOUND); });
    // OK with no name would cancel opening the project: it waits for a name, and says so.
    Bind(
        wxEVT_UPDATE_UI,
        [this](wxUpdateUIEvent& e)
        {
            const bool named = !name().empty();
            e.Enable(named);
            if (m_why->IsShown() == named)
            {
                m_why->Show(!named);
                Layout();
            }
        },
        wxID_OK);
    Bind(
        wxEVT_BUTTON,
        [this](wxCommandEvent& e)
        {
            if (name().empty())
                return; // Enter in the name field reaches OK even while it is disabled
            e.Skip();
        },
        wxID_OK);
}

std::string CoderDialog::name() const
{
    wxString typed = m_new->GetValue();
    typed.Trim(true).Trim(false);
    if (!typed.empty())
        return from_wx(typed);
    const int sel = m_list->GetSelection();
    return sel == wxNOT_FOUND ? std::string()
                              : from_wx(m_list->GetString(static_cast<unsigned>(sel)));
}

} // namespace attune::app
