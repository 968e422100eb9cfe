// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/refi_dialog.h"

#include "app/wx_string.h"

#include <wx/button.h>
#include <wx/dialog.h>
#include <wx/radiobox.h>
#include <wx/sizer.h>
#include <wx/stattext.h>

namespace attune::app
{

std::optional<io::RefiImportOptions> ask_refi_import_options(wxWindow* parent,
                                                             const std::string& file_name)
{
    wxDialog dlg(parent, wxID_ANY, "Import REFI-QDA");
    dlg.SetName("refi_import_options");
    auto* sizer = new wxBoxSizer(wxVERTICAL);
    auto* head = new wxStaticText(
        &dlg, wxID_ANY,
        to_wx("How does " + file_name +
              " count the positions of its selections? The standard counts Unicode code "
              "points with a CR LF as two; NVivo counts UTF-16 units, ATLAS.ti a CR LF as one. "
              "Automatic takes the convention under which every selection fits the text."));
    head->Wrap(dlg.FromDIP(460));
    sizer->Add(head, 0, wxALL, dlg.FromDIP(12));
    const wxString units[] = {"&Automatic", "Unicode &code points (the standard)",
                              "&UTF-16 units (NVivo)"};
    auto* unit = new wxRadioBox(&dlg, wxID_ANY, "Positions", wxDefaultPosition, wxDefaultSize, 3,
                                units, 1, wxRA_SPECIFY_COLS);
    unit->SetName("refi_positions");
    sizer->Add(unit, 0, wxEXPAND | wxLEFT | wxRIGHT, dlg.FromDIP(12));
    const wxString crlfs[] = {"Au&tomatic", "CR LF counts as t&wo (the standard)",
                              "CR LF counts as &one (ATLAS.ti)"};
    auto* crlf = new wxRadioBox(&dlg, wxID_ANY, "Line ends", wxDefaultPosition, wxDefaultSize, 3,
                                crlfs, 1, wxRA_SPECIFY_COLS);
    crlf->SetName("refi_crlf");
    sizer->Add(crlf, 0, wxEXPAND | wxALL, dlg.FromDIP(12));
    auto* buttons = new wxStdDialogButtonSizer;
    auto* ok = new wxButton(&dlg, wxID_OK, "&Import");
    buttons->AddButton(ok);
    buttons->AddButton(new wxButton(&dlg, wxID_CANCEL, "Cancel"));
    buttons->Realize();
    sizer->Add(buttons, 0, wxEXPAND | wxALL, dlg.FromDIP(12));
    ok->SetDefault();
    ok->SetFocus();
    dlg.SetSizerAndFit(sizer);
    dlg.CentreOnParent();
    if (dlg.ShowModal() != wxID_OK)
        return std::nullopt;
    io::RefiImportOptions o;
    constexpr io::RefiUnit kUnits[] = {io::RefiUnit::Auto, io::RefiUnit::CodePoints,
                                       io::RefiUnit::Utf16};
    constexpr io::RefiCrlf kCrlfs[] = {io::RefiCrlf::Auto, io::RefiCrlf::Two, io::RefiCrlf::One};
    o.unit = kUnits[unit->GetSelection()];
    o.crlf = kCrlfs[crlf->GetSelection()];
    return o;
}

} // namespace attune::app
