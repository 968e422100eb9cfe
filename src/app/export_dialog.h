// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// File → Export Dataset… (issue 12, docs/export.md): what to export, in which format, of which
// transcripts, coders and schemes. The dataset and format names come from core
// (io::kDatasetNames, io::kExportFormats); which format fits which dataset is core's rule too
// (io::check_export_request). The dialog shows names only; ids stay inside.

#include "core/io/export_job.h"
#include "core/project/session.h"

#include <wx/dialog.h>

#include <string>
#include <utility>
#include <vector>

class wxCheckBox;
class wxCheckListBox;
class wxChoice;
class wxRadioButton;
class wxStaticText;

namespace attune::app
{

/// What the export can cover, by the names the coder knows.
struct ExportChoices
{
    std::vector<std::pair<project::TranscriptId, std::string>> transcripts; ///< current versions
    project::TranscriptId selected; ///< the transcript list's selection (0: none)
    std::vector<std::pair<project::CoderId, std::string>> coders;
    std::vector<std::pair<std::string, std::string>> schemes; ///< scheme id, scheme name
};

/// The open project's current transcripts, coders and schemes (latest versions).
ExportChoices export_choices(project::Session& s, project::TranscriptId selected);

class ExportDialog : public wxDialog
{
public:
    ExportDialog(wxWindow* parent, ExportChoices choices);

    /// The request as chosen, without `out` (asked next, with a file or folder dialog).
    io::ExportRequest request() const;
    /// Why the choices cannot be exported as they are ("no coder is chosen"), or "".
    std::string problem() const;

private:
    void build_what(wxSizer* sizer);
    void build_subset(wxSizer* sizer);
    /// The format list of a single dataset: the formats core accepts for it.
    void fill_formats();
    /// Enables what fits the dataset and format chosen (format checkboxes for All, CSV for Excel).
    void update_controls();
    bool all_datasets() const;
    bool csv_chosen() const;

    ExportChoices m_choices;
    std::vector<io::ExportFormat> m_formats; ///< m_format's entries
    std::string m_formats_for;               ///< the dataset m_formats were chosen for
    wxChoice* m_dataset = nullptr;
    wxChoice* m_format = nullptr;
    wxStaticText* m_format_label = nullptr;
    std::vector<wxCheckBox*> m_all_formats; ///< for All: one per io::kExportFormats entry
    wxRadioButton* m_all_transcripts = nullptr;
    wxRadioButton* m_selected_transcript = nullptr;
    wxRadioButton* m_some_transcripts = nullptr;
    wxCheckListBox* m_transcripts = nullptr;
    wxCheckListBox* m_coders = nullptr;
    wxCheckListBox* m_schemes = nullptr; ///< null with one scheme
    wxCheckBox* m_with_text = nullptr;
    wxCheckBox* m_excel = nullptr;
    wxChoice* m_code_values = nullptr; ///< io::CodeValues, for the code and turn matrices
};

} // namespace attune::app
