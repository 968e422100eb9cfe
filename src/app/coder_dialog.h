// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <wx/dialog.h>

#include <string>
#include <vector>

class wxListBox;
class wxStaticText;
class wxTextCtrl;

namespace attune::app
{

/// Asks who is coding: pick a coder of the project or type a new name.
class CoderDialog : public wxDialog
{
public:
    CoderDialog(wxWindow* parent, const std::vector<std::string>& coders,
                const std::string& preselect);
    /// The chosen or typed name (trimmed); empty when none.
    std::string name() const;

private:
    wxListBox* m_list = nullptr;
    wxTextCtrl* m_new = nullptr;
    wxStaticText* m_why = nullptr; ///< "choose or type a name", while OK is disabled
};

} // namespace attune::app
