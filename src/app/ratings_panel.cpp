// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/ratings_panel.h"

#include "app/wx_string.h"

#include <wx/choice.h>
#include <wx/sizer.h>
#include <wx/stattext.h>

#include <cmath>

namespace attune::app
{

namespace
{
/// Labels shrink to this with an ellipsis before the choosers leave the pane.
constexpr int kMinLabelWidth = 90;
} // namespace

RatingsPanel::RatingsPanel(wxWindow* parent)
    : wxScrolledWindow(parent, wxID_ANY, wxDefaultPosition, wxDefaultSize, wxVSCROLL)
{
    SetScrollRate(0, 10);
    SetName("ratings_panel");
}

void RatingsPanel::set_schemes(const std::vector<SchemeView>& views)
{
    DestroyChildren();
    m_rows.clear();
    // Two columns (scale with its evidence beneath | chooser) so the panel fits beside the
    // transcript at 1024 px.
    // A heading spans the panel; each scheme's scales are a grid of their own below it.
    auto* outer = new wxBoxSizer(wxVERTICAL);
    wxFlexGridSizer* sizer = nullptr;
    auto new_grid = [&]
    {
        sizer = new wxFlexGridSizer(2, wxSize(8, 6));
        sizer->AddGrowableCol(0, 1);
        outer->Add(sizer, 0, wxEXPAND | wxLEFT | wxRIGHT | wxBOTTOM, 6);
    };
    for (const auto& v : views)
        for (const auto& s : v.scales)
        {
            const std::vector<std::string> targets =
                s.targets.empty() ? std::vector<std::string>{""} : s.targets;
            for (const auto& t : targets)
            {
                Row row;
                row.scale = s;
                row.target = t;
                m_rows.push_back(std::move(row));
            }
        }
    std::string last_scheme;
    for (auto& row : m_rows)
    {
        if (row.scale.scheme_id != last_scheme)
        {
            last_scheme = row.scale.scheme_id;
            std::string heading = last_scheme;
            for (const auto& v : views)
                if (v.id == last_scheme)
                    heading = v.name;
            // Font first, then the label: the minimum size is measured with the bold font.
            // Long scheme titles are cut with an ellipsis (full title in the tooltip): a heading
            // as wide as its text pushed the choosers out of a 1024 px window.
            auto* h = new wxStaticText(this, wxID_ANY, "", wxDefaultPosition, wxDefaultSize,
                                       wxST_ELLIPSIZE_END | wxST_NO_AUTORESIZE);
            h->SetFont(h->GetFont().Bold());
            h->SetLabel(to_wx(heading));
            h->SetToolTip(to_wx(heading));
            h->SetMinSize(wxSize(kMinLabelWidth, h->GetTextExtent(to_wx(heading)).y));
            outer->Add(h, 0, wxTOP | wxLEFT | wxRIGHT | wxEXPAND, 6);
            new_grid();
        }
        std::string label = row.scale.name;
        if (!row.target.empty())
            label += " (" + row.target + ")";
        auto* name = new wxStaticText(this, wxID_ANY, to_wx(label), wxDefaultPosition,
                                      wxDefaultSize, wxST_ELLIPSIZE_END | wxST_NO_AUTORESIZE);
        name->SetMinSize(wxSize(kMinLabelWidth, name->GetBestSize().y));
        name->SetToolTip(to_wx(scale_tooltip(row.scale)));
        wxArrayString items;
        for (const auto& l : ScaleChoices(row.scale).labels())
            items.Add(to_wx(l));
        row.choice = new wxChoice(this, wxID_ANY, wxDefaultPosition, wxDefaultSize, items);
        row.choice->SetName(to_wx("rate:" + row.scale.id + "/" + row.target));
        row.choice->SetSelection(0);
        row.choice->SetToolTip(to_wx(scale_tooltip(row.scale)));
        row.evidence = new wxStaticText(this, wxID_ANY, "", wxDefaultPosition, wxDefaultSize,
                                        wxST_ELLIPSIZE_END | wxST_NO_AUTORESIZE);
        row.evidence->SetFont(row.evidence->GetFont().Smaller());
        row.evidence->SetForegroundColour(wxColour(0x1A, 0x3C, 0x8C));
        row.evidence->SetCursor(wxCursor(wxCURSOR_HAND));
        const std::size_t index = static_cast<std::size_t>(&row - m_rows.data());
        row.choice->Bind(wxEVT_CHOICE, [this, index](wxCommandEvent&) { fire(m_rows[index]); });
        row.evidence->Bind(wxEVT_LEFT_UP,
                           [this, index](wxMouseEvent&)
                           {
                               Row& r = m_rows[index];
                               if (r.passages.empty() || !m_on_jump)
                                   return;
                               const auto& p = r.passages[r.next++ % r.passages.size()];
                               m_on_jump(p.start, p.end);
                           });
        if (!sizer)
            new_grid();
        auto* label_box = new wxBoxSizer(wxVERTICAL);
        label_box->Add(name, 0, wxEXPAND);
        label_box->Add(row.evidence, 0, wxTOP | wxEXPAND, 1);
        sizer->Add(label_box, 1, wxALIGN_CENTER_VERTICAL | wxLEFT | wxEXPAND, 6);
        sizer->Add(row.choice, 0, wxALIGN_CENTER_VERTICAL);
    }
    if (m_rows.empty())
        outer->Add(new wxStaticText(this, wxID_ANY, "The project's schemes define no scales."), 0,
                   wxALL, 8);
    SetSizer(outer);
    FitInside();
    Layout();
}

void RatingsPanel::set_state(const std::vector<store::RatingRecord>& ratings,
                             const std::map<std::string, std::vector<EvidencePassage>>& evidence)
{
    for (auto& row : m_rows)
    {
        std::optional<store::RatingRecord> found;
        for (const auto& r : ratings)
            if (r.scheme_id == row.scale.scheme_id && r.scale == row.scale.id &&
                r.target == row.target)
                found = r;
        row.choice->SetSelection(ScaleChoices(row.scale).index_of(found));
        auto it = evidence.find(row.scale.scheme_id + "/" + row.scale.id);
        row.passages = it == evidence.end() ? std::vector<EvidencePassage>{} : it->second;
        row.next = 0;
        std::string text;
        if (!row.scale.evidence_codes.empty())
        {
            text = row.passages.empty()
                       ? "no evidence coded"
                       : std::to_string(row.passages.size()) +
                             (row.passages.size() == 1 ? " passage:" : " passages:");
            std::string tip;
            for (std::size_t i = 0; i < row.passages.size(); ++i)
            {
                if (i < 6)
                    text +=
                        (i ? ", " : " ") + std::string("l.") + std::to_string(row.passages[i].line);
                tip += "line " + std::to_string(row.passages[i].line) + ": " +
                       row.passages[i].code_name + "\n";
            }
            if (row.passages.size() > 6)
                text += ", \u2026";
            row.evidence->SetToolTip(to_wx(tip.empty() ? "Codes that count as evidence for this "
                                                         "scale have not been applied yet."
                                                       : tip + "Click to jump to the next one."));
        }
        // The scale's range and step lead the line; evidence follows.
        const std::string range = format_scale_value(row.scale.min) + "\u2013" +
                                  format_scale_value(row.scale.max) + " by " +
                                  format_scale_value(row.scale.step);
        row.evidence->SetLabel(to_wx(text.empty() ? range : range + " \u00b7 " + text));
        // Height from the text, width from the pane: long evidence lists end in an ellipsis
        // (every line is in the tooltip) rather than widening the panel past the window.
        row.evidence->SetMinSize(wxSize(kMinLabelWidth, row.evidence->GetBestSize().y));
    }
    Layout();
    FitInside();
}

void RatingsPanel::fire(Row& row)
{
    if (m_on_rate)
        m_on_rate(row.scale, row.target,
                  ScaleChoices(row.scale).choice_at(row.choice->GetSelection()));
}

bool RatingsPanel::choose(const std::string& scale, const std::string& target,
                          const std::string& label)
{
    for (auto& row : m_rows)
        if (row.scale.id == scale && row.target == target)
        {
            const int i = row.choice->FindString(to_wx(label), true);
            if (i == wxNOT_FOUND)
                return false;
            row.choice->SetSelection(i);
            wxCommandEvent ev(wxEVT_CHOICE, row.choice->GetId());
            ev.SetEventObject(row.choice);
            ev.SetInt(i);
            row.choice->GetEventHandler()->ProcessEvent(ev);
            return true;
        }
    return false;
}

} // namespace attune::app
