// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/import_dialog.h"

#include "app/wx_string.h"

#include <wx/button.h>
#include <wx/sizer.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>

namespace attune::app
{

TranscriptNamesDialog::TranscriptNamesDialog(wxWindow* parent, const wxString& caption,
                                             const std::string& intro, const ImportNames& initial,
                                             const wxString& ok_label)
    : wxDialog(parent, wxID_ANY, caption), m_suggested(initial)
{
    const ImportNames& suggested = initial;
    auto* sizer = new wxBoxSizer(wxVERTICAL);
    sizer->Add(new wxStaticText(this, wxID_ANY, to_wx(intro)), 0, wxALL, 10);
    auto* grid = new wxFlexGridSizer(2, 8, 8);
    grid->AddGrowableCol(1);
    grid->Add(new wxStaticText(this, wxID_ANY, "&Participant id:"), 0, wxALIGN_CENTER_VERTICAL);
    m_participant =
        new wxTextCtrl(this, wxID_ANY, to_wx(suggested.participant.value_or("")), wxDefaultPosition,
                       wxSize(320, -1), 0, wxDefaultValidator, "names_participant");
    m_participant->SetHint("e.g. P03 (optional)");
    grid->Add(m_participant, 1, wxEXPAND);
    grid->Add(new wxStaticText(this, wxID_ANY, "&Title:"), 0, wxALIGN_CENTER_VERTICAL);
    m_title = new wxTextCtrl(this, wxID_ANY, to_wx(suggested.title), wxDefaultPosition,
                             wxSize(320, -1), 0, wxDefaultValidator, "names_title");
    grid->Add(m_title, 1, wxEXPAND);
    sizer->Add(grid, 0, wxEXPAND | wxLEFT | wxRIGHT, 10);
    auto* buttons = CreateStdDialogButtonSizer(wxOK | wxCANCEL);
    if (auto* ok = FindWindow(wxID_OK))
        ok->SetLabel(ok_label);
    sizer->Add(buttons, 0, wxEXPAND | wxALL, 10);
    SetSizerAndFit(sizer);
    // Enter in either field imports; the participant field has the keyboard, all selected, so
    // typing replaces the guess.
    m_participant->SetFocus();
    m_participant->SelectAll();
}

ImportNames TranscriptNamesDialog::names() const
{
    ImportNames out;
    wxString participant = m_participant->GetValue();
    participant.Trim(true).Trim(false);
    if (!participant.empty())
        out.participant = from_wx(participant);
    wxString title = m_title->GetValue();
    title.Trim(true).Trim(false);
    out.title = title.empty() ? m_suggested.title : from_wx(title);
    return out;
}

} // namespace attune::app
