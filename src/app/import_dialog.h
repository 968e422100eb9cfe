// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "app/import_naming.h"

#include <wx/dialog.h>

#include <string>

class wxTextCtrl;

namespace attune::app
{

/// Asks for a transcript's participant id and title: before one file is imported ("Import
/// transcript", prefilled with suggested_names()) and to rename one ("Rename transcript",
/// prefilled with its names). Names are checked by core when the command runs, not here.
class TranscriptNamesDialog : public wxDialog
{
public:
    TranscriptNamesDialog(wxWindow* parent, const wxString& caption, const std::string& intro,
                          const ImportNames& initial, const wxString& ok_label);
    /// What was typed: the participant is unset when the field is left empty; an empty title
    /// falls back to the initial one.
    ImportNames names() const;

private:
    ImportNames m_suggested;
    wxTextCtrl* m_participant = nullptr;
    wxTextCtrl* m_title = nullptr;
};

} // namespace attune::app
