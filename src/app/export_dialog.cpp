// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/export_dialog.h"

#include "app/wheel_guard.h"
#include "app/wx_string.h"
#include "core/project/study_rules.h"

#include <wx/checkbox.h>
#include <wx/checklst.h>
#include <wx/choice.h>
#include <wx/radiobut.h>
#include <wx/settings.h>
#include <wx/sizer.h>
#include <wx/statbox.h>
#include <wx/stattext.h>
#include <wx/wrapsizer.h>

#include <filesystem>
#include <set>

namespace attune::app
{

namespace
{

std::string transcript_name(const project::Transcript& t)
{
    return t.participant ? *t.participant + " (" + t.title + ")" : t.title;
}

/// A list of names, all ticked. Its size is fixed (`size`, in DIPs): GTK gives a list its real
/// best size only once shown, too late for the dialog's layout; a long name scrolls sideways.
wxCheckListBox* checklist(wxWindow* parent, const wxString& name, const wxArrayString& items,
                          wxSize size)
{
    auto* list = new wxCheckListBox(parent, wxID_ANY, wxDefaultPosition, wxDefaultSize, items, 0,
                                    wxDefaultValidator, name);
    list->SetMinSize(parent->FromDIP(size));
    for (unsigned i = 0; i < list->GetCount(); ++i)
        list->Check(i);
    return list;
}

/// The checked entries' indices; empty when every entry is checked (an empty filter means all).
std::vector<std::size_t> checked_subset(const wxCheckListBox* list)
{
    std::vector<std::size_t> out;
    for (unsigned i = 0; i < list->GetCount(); ++i)
        if (list->IsChecked(i))
            out.push_back(i);
    if (out.size() == list->GetCount())
        out.clear();
    return out;
}

bool none_checked(const wxCheckListBox* list)
{
    for (unsigned i = 0; i < list->GetCount(); ++i)
        if (list->IsChecked(i))
            return false;
    return list->GetCount() > 0;
}

} // namespace

ExportChoices export_choices(project::Session& s, project::TranscriptId selected)
{
    ExportChoices c;
    for (const auto& t : project::current_transcripts(s.transcripts()))
    {
        c.transcripts.emplace_back(t.transcript.id, transcript_name(t.transcript));
        if (t.transcript.id == selected)
            c.selected = selected;
    }
    for (const auto& coder : s.coders())
        c.coders.emplace_back(coder.id, coder.name);
    std::set<std::string> seen;
    for (const auto& info : s.schemes())
        if (seen.insert(info.scheme_id).second)
            c.schemes.emplace_back(info.scheme_id, info.name.empty() ? info.scheme_id : info.name);
    return c;
}

ExportDialog::ExportDialog(wxWindow* parent, ExportChoices choices)
    : wxDialog(parent, wxID_ANY, "Export dataset", wxDefaultPosition, wxDefaultSize,
               wxDEFAULT_DIALOG_STYLE | wxRESIZE_BORDER),
      m_choices(std::move(choices))
{
    auto* sizer = new wxBoxSizer(wxVERTICAL);
    build_what(sizer);
    build_subset(sizer);
    m_with_text = new wxCheckBox(this, wxID_ANY, "Include transcript &text", wxDefaultPosition,
                                 wxDefaultSize, 0, wxDefaultValidator, "export_with_text");
    sizer->Add(m_with_text, 0, wxLEFT | wxRIGHT | wxTOP, 10);
    auto* hint = new wxStaticText(this, wxID_ANY,
                                  "The passages' words are confidential interview material: "
                                  "share such a file only as your ethics approval allows.");
    hint->SetForegroundColour(wxSystemSettings::GetColour(wxSYS_COLOUR_GRAYTEXT));
    hint->Wrap(FromDIP(460));
    sizer->Add(hint, 0, wxLEFT | wxRIGHT, 10 + FromDIP(24));
    sizer->Add(CreateStdDialogButtonSizer(wxOK | wxCANCEL), 0, wxEXPAND | wxALL, 10);
    if (auto* ok = FindWindow(wxID_OK))
        ok->SetLabel("&Export\u2026");
    SetSizerAndFit(sizer);
    update_controls();
    // The keyboard starts on the dataset, then Tab goes down the dialog. Set once the dialog is
    // shown: on showing, wxGTK gives the keyboard to the default button (Export…).
    CallAfter([this] { m_dataset->SetFocus(); });
}

void ExportDialog::build_what(wxSizer* sizer)
{
    auto* grid = new wxFlexGridSizer(2, 8, 8);
    grid->AddGrowableCol(1);
    wxArrayString names;
    for (const char* name : io::kDatasetNames)
        names.Add(name);
    names.Add(io::kProjectDataset);
    names.Add("All datasets (into a folder)"); // all_datasets(): the entry after these
    grid->Add(new wxStaticText(this, wxID_ANY, "&Dataset:"), 0, wxALIGN_CENTER_VERTICAL);
    m_dataset = new wxChoice(this, wxID_ANY, wxDefaultPosition, wxDefaultSize, names, 0,
                             wxDefaultValidator, "export_dataset");
    m_dataset->SetSelection(0);
    grid->Add(m_dataset, 1, wxEXPAND);
    m_format_label = new wxStaticText(this, wxID_ANY, "&Format:");
    grid->Add(m_format_label, 0, wxALIGN_CENTER_VERTICAL);
    auto* formats = new wxBoxSizer(wxVERTICAL);
    m_format = new wxChoice(this, wxID_ANY, wxDefaultPosition, wxDefaultSize, {}, 0,
                            wxDefaultValidator, "export_format");
    formats->Add(m_format, 0, wxEXPAND);
    auto* boxes = new wxWrapSizer(wxHORIZONTAL);
    for (const io::ExportFormat f : io::kExportFormats)
    {
        auto* box =
            new wxCheckBox(this, wxID_ANY, io::describe(f), wxDefaultPosition, wxDefaultSize, 0,
                           wxDefaultValidator, wxString("export_all_") + io::to_string(f));
        box->SetValue(true);
        box->Bind(wxEVT_CHECKBOX, [this](wxCommandEvent&) { update_controls(); });
        m_all_formats.push_back(box);
        boxes->Add(box, 0, wxRIGHT | wxBOTTOM, 8);
    }
    formats->Add(boxes, 0, wxEXPAND);
    grid->Add(formats, 1, wxEXPAND);
    grid->AddSpacer(0);
    m_excel =
        new wxCheckBox(this, wxID_ANY, "CSV for E&xcel (byte order mark, Windows line ends)",
                       wxDefaultPosition, wxDefaultSize, 0, wxDefaultValidator, "export_excel");
    grid->Add(m_excel, 0);
    grid->Add(new wxStaticText(this, wxID_ANY, "&Matrix cells:"), 0, wxALIGN_CENTER_VERTICAL);
    m_code_values = new wxChoice(this, wxID_ANY, wxDefaultPosition, wxDefaultSize, {}, 0,
                                 wxDefaultValidator, "export_code_values");
    // The order of io::CodeValues.
    m_code_values->Append("As usual (code matrix: passages per code; turn matrix: 0/1)");
    m_code_values->Append("Passages per code");
    m_code_values->Append("0/1 (coded or not)");
    m_code_values->SetSelection(0);
    grid->Add(m_code_values, 1, wxEXPAND);
    sizer->Add(grid, 0, wxEXPAND | wxALL, 10);
    // The wheel over a choice must not change what is exported.
    keep_wheel_for_scrolling(m_dataset);
    keep_wheel_for_scrolling(m_format);
    keep_wheel_for_scrolling(m_code_values);
    m_dataset->Bind(wxEVT_CHOICE, [this](wxCommandEvent&) { update_controls(); });
    m_format->Bind(wxEVT_CHOICE, [this](wxCommandEvent&) { update_controls(); });
}

void ExportDialog::build_subset(wxSizer* sizer)
{
    auto* row = new wxBoxSizer(wxHORIZONTAL);
    auto* tbox = new wxStaticBoxSizer(wxVERTICAL, this, "Transcripts");
    wxWindow* tparent = tbox->GetStaticBox();
    m_all_transcripts =
        new wxRadioButton(tparent, wxID_ANY, "&All", wxDefaultPosition, wxDefaultSize, wxRB_GROUP,
                          wxDefaultValidator, "export_all_transcripts");
    std::string selected_name;
    for (const auto& [id, name] : m_choices.transcripts)
        if (id == m_choices.selected)
            selected_name = name;
    m_selected_transcript = new wxRadioButton(
        tparent, wxID_ANY,
        to_wx(selected_name.empty() ? "The one selected in the list"
                                    : "The one selected in the list: " + selected_name),
        wxDefaultPosition, wxDefaultSize, 0, wxDefaultValidator, "export_selected_transcript");
    m_selected_transcript->Enable(!selected_name.empty());
    m_some_transcripts =
        new wxRadioButton(tparent, wxID_ANY, "T&hese:", wxDefaultPosition, wxDefaultSize, 0,
                          wxDefaultValidator, "export_some_transcripts");
    wxArrayString names;
    for (const auto& entry : m_choices.transcripts)
        names.Add(to_wx(entry.second));
    m_transcripts = checklist(tparent, "export_transcripts", names, wxSize(280, 130));
    for (wxWindow* w :
         {static_cast<wxWindow*>(m_all_transcripts), static_cast<wxWindow*>(m_selected_transcript),
          static_cast<wxWindow*>(m_some_transcripts)})
    {
        tbox->Add(w, 0, wxBOTTOM, 4);
        w->Bind(wxEVT_RADIOBUTTON, [this](wxCommandEvent&) { update_controls(); });
    }
    tbox->Add(m_transcripts, 1, wxEXPAND | wxLEFT, FromDIP(20));
    row->Add(tbox, 1, wxEXPAND | wxRIGHT, 8);

    auto* cbox = new wxStaticBoxSizer(wxVERTICAL, this, "&Coders");
    names.clear();
    for (const auto& entry : m_choices.coders)
        names.Add(to_wx(entry.second));
    m_coders = checklist(cbox->GetStaticBox(), "export_coders", names, wxSize(200, 130));
    cbox->Add(m_coders, 1, wxEXPAND);
    row->Add(cbox, 1, wxEXPAND);
    sizer->Add(row, 1, wxEXPAND | wxLEFT | wxRIGHT, 10);
    if (m_choices.schemes.size() < 2)
        return;
    auto* sbox = new wxStaticBoxSizer(wxVERTICAL, this, "&Schemes");
    names.clear();
    for (const auto& entry : m_choices.schemes)
        names.Add(to_wx(entry.second));
    m_schemes = checklist(sbox->GetStaticBox(), "export_schemes", names, wxSize(500, 95));
    sbox->Add(m_schemes, 1, wxEXPAND);
    sizer->Add(sbox, 0, wxEXPAND | wxLEFT | wxRIGHT | wxTOP, 10);
}

void ExportDialog::fill_formats()
{
    // Core says which formats fit the dataset ("project" is JSON only): a request is checked
    // for each format against a file name in the temporary folder, which is writable.
    const std::string dataset = from_wx(m_dataset->GetStringSelection());
    const io::ExportFormat previous =
        m_format->GetSelection() >= 0
            ? m_formats[static_cast<std::size_t>(m_format->GetSelection())]
            : io::ExportFormat::Csv;
    m_formats.clear();
    std::error_code ec;
    const auto dir = std::filesystem::temp_directory_path(ec);
    for (const io::ExportFormat f : io::kExportFormats)
    {
        io::ExportRequest probe;
        probe.dataset = dataset;
        probe.formats = {f};
        probe.out = dir / (std::string("attune-export-check.") + io::to_string(f));
        if (io::check_export_request(probe))
            m_formats.push_back(f);
    }
    if (m_formats.empty()) // core will say what is wrong when the export is asked for
        m_formats.assign(std::begin(io::kExportFormats), std::end(io::kExportFormats));
    m_format->Clear();
    int select = 0;
    for (std::size_t i = 0; i < m_formats.size(); ++i)
    {
        m_format->Append(io::describe(m_formats[i]));
        if (m_formats[i] == previous)
            select = static_cast<int>(i);
    }
    m_format->SetSelection(select);
    m_formats_for = dataset;
}

bool ExportDialog::all_datasets() const
{
    return m_dataset->GetSelection() == static_cast<int>(std::size(io::kDatasetNames)) + 1;
}

bool ExportDialog::csv_chosen() const
{
    if (all_datasets())
        return m_all_formats.front()->GetValue(); // kExportFormats starts with CSV
    const int i = m_format->GetSelection();
    return i >= 0 && m_formats[static_cast<std::size_t>(i)] == io::ExportFormat::Csv;
}

void ExportDialog::update_controls()
{
    const bool all = all_datasets();
    if (!all && from_wx(m_dataset->GetStringSelection()) != m_formats_for)
        fill_formats(); // the dataset changed: offer the formats that fit it
    m_format->Show(!all);
    for (auto* box : m_all_formats)
        box->Show(all);
    m_format_label->SetLabel(all ? "Formats:" : "&Format:");
    m_excel->Enable(csv_chosen());
    const std::string dataset = from_wx(m_dataset->GetStringSelection());
    m_code_values->Enable(all || dataset == "code-matrix" || dataset == "turn-matrix");
    m_transcripts->Enable(m_some_transcripts->GetValue());
    Layout();
    GetSizer()->SetSizeHints(this);
}

io::ExportRequest ExportDialog::request() const
{
    io::ExportRequest r;
    r.all = all_datasets();
    if (r.all)
    {
        for (std::size_t i = 0; i < m_all_formats.size(); ++i)
            if (m_all_formats[i]->GetValue())
                r.formats.push_back(io::kExportFormats[i]);
    }
    else
    {
        r.dataset = from_wx(m_dataset->GetStringSelection());
        r.formats = {m_formats[static_cast<std::size_t>(m_format->GetSelection())]};
    }
    if (m_selected_transcript->GetValue() && m_choices.selected)
        r.options.transcripts = {m_choices.selected};
    else if (m_some_transcripts->GetValue())
        for (std::size_t i : checked_subset(m_transcripts))
            r.options.transcripts.push_back(m_choices.transcripts[i].first);
    for (std::size_t i : checked_subset(m_coders))
        r.options.coders.push_back(m_choices.coders[i].first);
    if (m_schemes)
        for (std::size_t i : checked_subset(m_schemes))
            r.options.schemes.push_back(m_choices.schemes[i].first);
    r.options.with_text = m_with_text->GetValue();
    r.excel_csv = m_excel->IsEnabled() && m_excel->GetValue();
    if (m_code_values->IsEnabled())
        r.options.code_values = static_cast<io::CodeValues>(m_code_values->GetSelection());
    return r;
}

std::string ExportDialog::problem() const
{
    if (m_some_transcripts->GetValue() && none_checked(m_transcripts))
        return "No transcript is ticked: tick the transcripts to export, or choose All.";
    if (none_checked(m_coders))
        return "No coder is ticked: tick the coders whose work to export.";
    if (m_schemes && none_checked(m_schemes))
        return "No scheme is ticked: tick the schemes to export.";
    return "";
}

} // namespace attune::app
