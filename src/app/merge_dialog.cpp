// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/merge_dialog.h"

#include "app/wx_string.h"

#include <wx/button.h>
#include <wx/dialog.h>
#include <wx/sizer.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>

#include <algorithm>

namespace attune::app
{

bool show_merge_report(wxWindow* parent, const std::string& title, const std::string& headline,
                       const std::string& report, bool ask)
{
    wxDialog dlg(parent, wxID_ANY, to_wx(title), wxDefaultPosition, wxDefaultSize,
                 wxDEFAULT_DIALOG_STYLE | wxRESIZE_BORDER);
    dlg.SetName("merge_report");
    auto* sizer = new wxBoxSizer(wxVERTICAL);
    auto* head = new wxStaticText(&dlg, wxID_ANY, to_wx(headline));
    head->Wrap(dlg.FromDIP(520));
    sizer->Add(head, 0, wxALL, dlg.FromDIP(12));
    // A text control, not labels: a merge of many packages with conflicts can be long, and the
    // person may want to copy a conflict's words into a note.
    const auto lines = static_cast<int>(std::count(report.begin(), report.end(), '\n')) + 1;
    auto* body = new wxTextCtrl(&dlg, wxID_ANY, to_wx(report), wxDefaultPosition,
                                dlg.FromDIP(wxSize(560, std::clamp(lines * 19 + 12, 80, 360))),
                                wxTE_MULTILINE | wxTE_READONLY);
    body->SetName("merge_report_text");
    sizer->Add(body, 1, wxEXPAND | wxLEFT | wxRIGHT, dlg.FromDIP(12));
    auto* buttons = new wxStdDialogButtonSizer;
    wxButton* primary = nullptr;
    if (ask)
    {
        primary = new wxButton(&dlg, wxID_OK, "&Merge");
        buttons->AddButton(new wxButton(&dlg, wxID_CANCEL, "Cancel"));
    }
    else
        primary = new wxButton(&dlg, wxID_OK, "OK");
    buttons->AddButton(primary);
    buttons->Realize();
    sizer->Add(buttons, 0, wxEXPAND | wxALL, dlg.FromDIP(12));
    primary->SetDefault();
    primary->SetFocus();
    dlg.SetSizerAndFit(sizer);
    dlg.CentreOnParent();
    return dlg.ShowModal() == wxID_OK && ask;
}

} // namespace attune::app
