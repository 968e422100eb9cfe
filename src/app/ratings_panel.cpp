// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/ratings_panel.h"

#include "app/wheel_guard.h"
#include "app/wx_string.h"

#include <wx/choice.h>
#include <wx/sizer.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>
#include <wx/wrapsizer.h>

#include <cmath>

namespace attune::app
{

namespace
{
/// Labels shrink to this with an ellipsis before the choosers leave the pane.
constexpr int kMinLabelWidth = 90;
/// Links shown per row; the rest are named in the tooltip.
constexpr std::size_t kMaxLinks = 12;
} // namespace

std::string evidence_key(const std::string& scheme_id, const std::string& scale,
                         const std::string& target)
{
    return scheme_id + "/" + scale + "/" + target;
}

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
    // One block per scale and target: name and chooser on one line, then the range with the
    // evidence links (wrapping), then the note. Only the name line sets the panel's minimum
    // width (the name shrinks with an ellipsis), so the choosers stay in a narrow pane.
    // A heading spans the panel above each scheme's scales.
    auto* outer = new wxBoxSizer(wxVERTICAL);
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
            add_heading(*outer, heading);
        }
        add_row(*outer, static_cast<std::size_t>(&row - m_rows.data()));
    }
    if (m_rows.empty())
        outer->Add(new wxStaticText(this, wxID_ANY, "The project's schemes define no scales."), 0,
                   wxALL, 8);
    outer->AddSpacer(6);
    SetSizer(outer);
    FitInside();
    Layout();
}

void RatingsPanel::add_heading(wxBoxSizer& outer, const std::string& heading)
{
    // Font first, then the label: the minimum size is measured with the bold font.
    // Long scheme titles are cut with an ellipsis (full title in the tooltip): a heading
    // as wide as its text pushed the choosers out of a 1024 px window.
    auto* h = new wxStaticText(this, wxID_ANY, "", wxDefaultPosition, wxDefaultSize,
                               wxST_ELLIPSIZE_END | wxST_NO_AUTORESIZE);
    h->SetFont(h->GetFont().Bold());
    h->SetLabel(to_wx(heading));
    h->SetToolTip(to_wx(heading));
    h->SetMinSize(wxSize(kMinLabelWidth, h->GetTextExtent(to_wx(heading)).y));
    outer.Add(h, 0, wxTOP | wxLEFT | wxRIGHT | wxEXPAND, 6);
}

void RatingsPanel::add_row(wxBoxSizer& outer, std::size_t index)
{
    Row& row = m_rows[index];
    std::string label = row.scale.name;
    if (!row.target.empty())
        label += " (" + row.target + ")";
    auto* name = new wxStaticText(this, wxID_ANY, to_wx(label), wxDefaultPosition, wxDefaultSize,
                                  wxST_ELLIPSIZE_END | wxST_NO_AUTORESIZE);
    name->SetMinSize(wxSize(kMinLabelWidth, name->GetBestSize().y));
    name->SetToolTip(to_wx(scale_tooltip(row.scale)));
    wxArrayString items;
    for (const auto& l : ScaleChoices(row.scale).labels())
        items.Add(to_wx(l));
    row.choice = new wxChoice(this, wxID_ANY, wxDefaultPosition, wxDefaultSize, items);
    row.choice->SetName(to_wx("rate:" + row.scale.id + "/" + row.target));
    row.choice->SetSelection(0);
    row.choice->SetToolTip(to_wx(scale_tooltip(row.scale)));
    keep_wheel_for_scrolling(row.choice);
    row.evidence = new wxStaticText(this, wxID_ANY, "");
    row.evidence->SetFont(row.evidence->GetFont().Smaller());
    row.note =
        new wxTextCtrl(this, wxID_ANY, "", wxDefaultPosition, wxDefaultSize, wxTE_PROCESS_ENTER);
    row.note->SetName(to_wx("rate-note:" + row.scale.id + "/" + row.target));
    row.note->SetHint("Note on this rating");
    row.note->SetFont(row.note->GetFont().Smaller());
    row.note->SetMinSize(wxSize(kMinLabelWidth, -1));
    row.choice->Bind(wxEVT_CHOICE, [this, index](wxCommandEvent&) { fire(m_rows[index]); });
    row.note->Bind(wxEVT_TEXT_ENTER,
                   [this, index](wxCommandEvent&) { commit_note(m_rows[index]); });
    row.note->Bind(wxEVT_KILL_FOCUS,
                   [this, index](wxFocusEvent& e)
                   {
                       e.Skip();
                       commit_note(m_rows[index]);
                   });
    auto* block = new wxBoxSizer(wxVERTICAL);
    auto* top = new wxBoxSizer(wxHORIZONTAL);
    top->Add(name, 1, wxALIGN_CENTER_VERTICAL | wxRIGHT, 8);
    top->Add(row.choice, 0, wxALIGN_CENTER_VERTICAL);
    block->Add(top, 0, wxEXPAND);
    // The range, the evidence count and one link per passage, wrapping under the name; no
    // item is stretched, so a link is only as wide as its text.
    auto* links = new wxWrapSizer(wxHORIZONTAL, 0);
    links->Add(row.evidence, 0, wxRIGHT | wxALIGN_CENTER_VERTICAL, 4);
    row.links_sizer = links;
    block->Add(links, 0, wxTOP | wxEXPAND, 1);
    block->Add(row.note, 0, wxTOP | wxEXPAND, 3);
    outer.Add(block, 0, wxEXPAND | wxLEFT | wxRIGHT | wxTOP, 6);
}

void RatingsPanel::set_state(const std::vector<store::RatingRecord>& ratings,
                             const std::map<std::string, std::vector<EvidencePassage>>& evidence)
{
    Freeze();
    for (auto& row : m_rows)
    {
        std::optional<store::RatingRecord> found;
        for (const auto& r : ratings)
            if (r.scheme_id == row.scale.scheme_id && r.scale == row.scale.id &&
                r.target == row.target)
                found = r;
        row.choice->SetSelection(ScaleChoices(row.scale).index_of(found));
        // A note being typed in another row survives this refresh; it is saved on Enter or
        // when the field loses the keyboard.
        const bool typing = from_wx(row.note->GetValue()) != row.saved_note;
        row.saved_note = found ? found->note : std::string();
        if (!found || !typing)
            row.note->ChangeValue(to_wx(row.saved_note));
        row.note->Enable(found.has_value());
        row.note->SetToolTip(found ? "A note kept with this rating: Enter saves it."
                                   : "Rate the scale first; the note is kept with the rating.");
        auto it = evidence.find(evidence_key(row.scale.scheme_id, row.scale.id, row.target));
        row.passages = it == evidence.end() ? std::vector<EvidencePassage>{} : it->second;
        show_links(row, static_cast<std::size_t>(&row - m_rows.data()));
    }
    Thaw();
    Layout();
    FitInside();
}

void RatingsPanel::show_links(Row& row, std::size_t index)
{
    for (auto* l : row.links)
    {
        row.links_sizer->Detach(l);
        l->Destroy();
    }
    row.links.clear();
    // The scale's range and step lead the line; evidence follows.
    std::string text = format_scale_value(row.scale.min) + "\u2013" +
                       format_scale_value(row.scale.max) + " by " +
                       format_scale_value(row.scale.step);
    std::string tip;
    if (!row.scale.evidence_codes.empty())
    {
        text += row.passages.empty() ? " \u00b7 no evidence coded"
                                     : " \u00b7 " + std::to_string(row.passages.size()) +
                                           (row.passages.size() == 1 ? " passage:" : " passages:");
        for (const auto& p : row.passages)
            tip += "line " + std::to_string(p.line) + ": " + p.code_name + "\n";
        tip = tip.empty() ? "Codes that count as evidence for this rating have not been applied "
                            "yet."
                          : tip + "Click a line to go to its passage.";
    }
    row.evidence->SetLabel(to_wx(text));
    row.evidence->SetToolTip(to_wx(tip));
    for (std::size_t i = 0; i < row.passages.size() && i < kMaxLinks; ++i)
    {
        const auto& p = row.passages[i];
        auto* link = new wxStaticText(this, wxID_ANY, to_wx("l." + std::to_string(p.line)));
        link->SetName(
            to_wx("evidence:" + row.scale.id + "/" + row.target + ":" + std::to_string(i + 1)));
        wxFont f = link->GetFont().Smaller();
        f.SetUnderlined(true);
        link->SetFont(f);
        link->SetForegroundColour(wxColour(0x1A, 0x3C, 0x8C));
        link->SetCursor(wxCursor(wxCURSOR_HAND));
        link->SetToolTip(to_wx("Go to line " + std::to_string(p.line) + ": " + p.code_name));
        // Each link goes to its own passage (the line it names), not to "the next one".
        link->Bind(wxEVT_LEFT_UP,
                   [this, index, i](wxMouseEvent&)
                   {
                       const Row& r = m_rows[index];
                       if (i < r.passages.size() && m_on_jump)
                           m_on_jump(r.passages[i].start, r.passages[i].end);
                   });
        row.links_sizer->Add(link, 0, wxRIGHT | wxALIGN_CENTER_VERTICAL, 5);
        row.links.push_back(link);
    }
    if (row.passages.size() > kMaxLinks)
    {
        auto* more = new wxStaticText(
            this, wxID_ANY,
            to_wx("\u2026 " + std::to_string(row.passages.size() - kMaxLinks) + " more"));
        more->SetFont(more->GetFont().Smaller());
        more->SetToolTip(to_wx(tip));
        row.links_sizer->Add(more, 0, wxALIGN_CENTER_VERTICAL);
        row.links.push_back(more);
    }
}

void RatingsPanel::fire(Row& row)
{
    if (m_on_rate)
        m_on_rate(row.scale, row.target,
                  ScaleChoices(row.scale).choice_at(row.choice->GetSelection()),
                  from_wx(row.note->GetValue()));
}

void RatingsPanel::commit_note(Row& row)
{
    // Only a stored rating carries a note; Rate needs its value, so the chooser's goes along.
    const std::string typed = from_wx(row.note->GetValue());
    if (typed == row.saved_note || row.choice->GetSelection() <= 0)
        return;
    fire(row);
}

void RatingsPanel::commit_notes()
{
    for (auto& row : m_rows)
        commit_note(row);
}

const RatingsPanel::Row* RatingsPanel::find(const std::string& scale,
                                            const std::string& target) const
{
    for (const auto& row : m_rows)
        if (row.scale.id == scale && row.target == target)
            return &row;
    return nullptr;
}

bool RatingsPanel::choose(const std::string& scale, const std::string& target,
                          const std::string& label)
{
    const Row* row = find(scale, target);
    if (!row)
        return false;
    const int i = row->choice->FindString(to_wx(label), true);
    if (i == wxNOT_FOUND)
        return false;
    row->choice->SetSelection(i);
    wxCommandEvent ev(wxEVT_CHOICE, row->choice->GetId());
    ev.SetEventObject(row->choice);
    ev.SetInt(i);
    row->choice->GetEventHandler()->ProcessEvent(ev);
    return true;
}

bool RatingsPanel::type_note(const std::string& scale, const std::string& target,
                             const std::string& text)
{
    const Row* row = find(scale, target);
    if (!row || !row->note->IsEnabled())
        return false;
    row->note->SetFocus();
    row->note->ChangeValue(to_wx(text));
    wxCommandEvent ev(wxEVT_TEXT_ENTER, row->note->GetId());
    ev.SetEventObject(row->note);
    row->note->GetEventHandler()->ProcessEvent(ev);
    return true;
}

std::optional<std::string> RatingsPanel::evidence_text(const std::string& scale,
                                                       const std::string& target) const
{
    const Row* row = find(scale, target);
    if (!row)
        return std::nullopt;
    std::string out;
    for (const auto* l : row->links)
        out += (out.empty() ? "" : " ") + from_wx(l->GetLabel());
    return out;
}

wxWindow* RatingsPanel::chooser(const std::string& scale, const std::string& target) const
{
    const Row* row = find(scale, target);
    return row ? row->choice : nullptr;
}

wxWindow* RatingsPanel::evidence_link(const std::string& scale, const std::string& target,
                                      std::size_t n) const
{
    const Row* row = find(scale, target);
    return row && n >= 1 && n <= row->links.size() && n <= row->passages.size() ? row->links[n - 1]
                                                                                : nullptr;
}

} // namespace attune::app
