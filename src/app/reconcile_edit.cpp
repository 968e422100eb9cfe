// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/reconcile_edit.h"

#include "app/wx_string.h"

#include <wx/button.h>
#include <wx/choicdlg.h>
#include <wx/choice.h>
#include <wx/dialog.h>
#include <wx/sizer.h>
#include <wx/spinctrl.h>
#include <wx/stattext.h>

#include <algorithm>
#include <limits>

namespace attune::app
{

namespace
{

using analysis::DisagreementItem;
using analysis::DisagreementKind;

std::optional<std::string> pick(wxWindow* parent, const std::string& question,
                                const std::vector<std::string>& labels,
                                const std::vector<std::string>& values, int initial)
{
    wxArrayString choices;
    for (const auto& l : labels)
        choices.Add(to_wx(l));
    wxSingleChoiceDialog dialog(parent, to_wx(question), "Consensus value", choices);
    dialog.SetSelection(std::max(0, initial));
    if (dialog.ShowModal() != wxID_OK)
        return std::nullopt;
    return values.at(static_cast<std::size_t>(dialog.GetSelection()));
}

std::optional<std::string> ask_rating(wxWindow* parent, const DisagreementItem& d,
                                      const scheme::Scheme& s)
{
    const auto* scale = s.find_scale(d.scale);
    if (!scale)
        return std::nullopt;
    std::vector<std::string> values;
    for (const double v : scheme::scale_points(*scale))
        values.push_back(scheme::format_value(v));
    if (scale->allows_not_scorable)
        values.emplace_back("not-scorable");
    int initial = 0;
    for (std::size_t i = 0; i < values.size(); ++i)
        if (values[i] == d.a.value)
            initial = static_cast<int>(i);
    return pick(parent,
                "The consensus score for " + scale->name +
                    (d.target.empty() ? "" : " (" + d.target + ")") + ": A gave " + d.a.value +
                    ", B " + d.b.value,
                values, values, initial);
}

std::optional<std::string> ask_category(wxWindow* parent, const DisagreementItem& d,
                                        const scheme::Scheme& s)
{
    const scheme::Classification* owner = nullptr;
    if (!s.find_collapsing(d.collapsing, &owner) || !owner)
        return std::nullopt;
    std::vector<std::string> labels, values;
    for (const auto& c : owner->categories)
    {
        labels.push_back(c.id + " \u2014 " + c.name);
        values.push_back(c.id);
        for (const auto& sub : c.subcategories)
        {
            labels.push_back("    " + sub.id + " \u2014 " + sub.name);
            values.push_back(sub.id);
        }
    }
    return pick(parent,
                "The consensus classification (A: " + d.a.detail + ", B: " + d.b.detail + ")",
                labels, values, 0);
}

std::optional<std::string> ask_passage(wxWindow* parent, const DisagreementItem& d,
                                       const scheme::Scheme& s,
                                       std::optional<CpSelection> selection)
{
    wxDialog dialog(parent, wxID_ANY, "Consensus passage");
    auto* col = new wxBoxSizer(wxVERTICAL);
    auto* code = new wxChoice(&dialog, wxID_ANY);
    std::vector<std::string> ids;
    const auto& side = d.a.uuid.empty() ? d.b : d.a;
    for (const auto& c : s.codes())
    {
        code->Append(to_wx(c.name + " (" + c.id + ")"));
        ids.push_back(c.id);
        if (c.id == side.code)
            code->SetSelection(code->GetCount() - 1);
    }
    const int most = std::numeric_limits<int>::max();
    auto* start = new wxSpinCtrl(&dialog, wxID_ANY, "", wxDefaultPosition, wxDefaultSize,
                                 wxSP_ARROW_KEYS, 0, most, static_cast<int>(side.start));
    auto* end = new wxSpinCtrl(&dialog, wxID_ANY, "", wxDefaultPosition, wxDefaultSize,
                               wxSP_ARROW_KEYS, 0, most, static_cast<int>(side.end));
    auto* grid = new wxFlexGridSizer(2, 6, 6);
    grid->Add(new wxStaticText(&dialog, wxID_ANY, "Code:"), 0, wxALIGN_CENTER_VERTICAL);
    grid->Add(code, 1, wxEXPAND);
    grid->Add(new wxStaticText(&dialog, wxID_ANY, "Start (code point):"), 0,
              wxALIGN_CENTER_VERTICAL);
    grid->Add(start);
    grid->Add(new wxStaticText(&dialog, wxID_ANY, "End (code point, not included):"), 0,
              wxALIGN_CENTER_VERTICAL);
    grid->Add(end);
    col->Add(grid, 0, wxALL, 10);
    if (selection && selection->end > selection->start)
    {
        auto* use = new wxButton(&dialog, wxID_ANY, "Use the transcript's selection");
        use->Bind(wxEVT_BUTTON,
                  [start, end, selection](wxCommandEvent&)
                  {
                      start->SetValue(static_cast<int>(selection->start));
                      end->SetValue(static_cast<int>(selection->end));
                  });
        col->Add(use, 0, wxLEFT | wxRIGHT, 10);
    }
    col->Add(dialog.CreateButtonSizer(wxOK | wxCANCEL), 0, wxEXPAND | wxALL, 10);
    dialog.SetSizerAndFit(col);
    if (dialog.ShowModal() != wxID_OK || code->GetSelection() < 0)
        return std::nullopt;
    return ids.at(static_cast<std::size_t>(code->GetSelection())) + ":" +
           std::to_string(start->GetValue()) + "-" + std::to_string(end->GetValue());
}

} // namespace

std::optional<std::string> ask_consensus_value(wxWindow* parent, const DisagreementItem& item,
                                               const scheme::Scheme& scheme,
                                               std::optional<CpSelection> selection)
{
    switch (item.kind)
    {
    case DisagreementKind::Rating: return ask_rating(parent, item, scheme);
    case DisagreementKind::Classification: return ask_category(parent, item, scheme);
    default: return ask_passage(parent, item, scheme, selection);
    }
}

} // namespace attune::app
