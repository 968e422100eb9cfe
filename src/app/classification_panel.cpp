// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/classification_panel.h"

#include "app/wheel_guard.h"
#include "app/wx_string.h"
#include "core/project/scheme_rules.h"

#include <wx/button.h>
#include <wx/choice.h>
#include <wx/sizer.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>

namespace attune::app
{

ClassificationPanel::ClassificationPanel(wxWindow* parent) : wxPanel(parent, wxID_ANY)
{
    SetName("classification_panel");
    auto* grid = new wxFlexGridSizer(2, wxSize(8, 6));
    grid->AddGrowableCol(1, 1);
    auto add = [&](const char* label, wxWindow* w)
    {
        grid->Add(new wxStaticText(this, wxID_ANY, label), 0, wxALIGN_CENTER_VERTICAL);
        grid->Add(w, 1, wxEXPAND);
    };
    m_main = new wxChoice(this, wxID_ANY);
    m_main->SetName("class_main");
    m_sub = new wxChoice(this, wxID_ANY);
    m_unresolved = new wxChoice(this, wxID_ANY);
    m_alternative = new wxChoice(this, wxID_ANY);
    m_sub->SetName("class_sub");
    m_unresolved->SetName("class_unresolved");
    m_alternative->SetName("class_alternative");
    m_note =
        new wxTextCtrl(this, wxID_ANY, "", wxDefaultPosition, wxDefaultSize, wxTE_PROCESS_ENTER);
    m_note->SetName("class_note");
    for (wxChoice* c : {m_main, m_sub, m_unresolved, m_alternative})
        keep_wheel_for_scrolling(c);
    add("Category", m_main);
    add("Subclass", m_sub);
    add("Unresolved (U)", m_unresolved);
    add("Forced alternative", m_alternative);
    add("Note", m_note);
    m_main->SetToolTip("The best-fitting organised category, or Cannot Classify.");
    m_unresolved->SetToolTip("An unresolved placement on top of the organised category.");
    m_alternative->SetToolTip(
        "The organised category that fits best: required with Cannot Classify.");
    auto* save_button = new wxButton(this, wxID_ANY, "&Save classification");
    save_button->SetName("class_save");
    auto* clear = new wxButton(this, wxID_ANY, "Clear");
    m_status = new wxStaticText(this, wxID_ANY, "");
    auto* buttons = new wxBoxSizer(wxHORIZONTAL);
    buttons->Add(save_button, 0, wxRIGHT, 6);
    buttons->Add(clear, 0);
    auto* outer = new wxBoxSizer(wxVERTICAL);
    outer->Add(grid, 0, wxEXPAND | wxALL, 8);
    outer->Add(buttons, 0, wxLEFT | wxRIGHT, 8);
    outer->Add(m_status, 0, wxALL, 8);
    SetSizer(outer);
    // Each choice is saved as it is made, as soon as it is complete (MainFrame::classify).
    m_main->Bind(wxEVT_CHOICE,
                 [this](wxCommandEvent&)
                 {
                     refill_subs();
                     update_enabled();
                     save(false);
                 });
    m_sub->Bind(wxEVT_CHOICE, [this](wxCommandEvent&) { save(false); });
    m_unresolved->Bind(wxEVT_CHOICE,
                       [this](wxCommandEvent&)
                       {
                           update_enabled();
                           save(false);
                       });
    m_alternative->Bind(wxEVT_CHOICE, [this](wxCommandEvent&) { save(false); });
    m_note->Bind(wxEVT_TEXT_ENTER, [this](wxCommandEvent&) { commit_note(); });
    m_note->Bind(wxEVT_KILL_FOCUS,
                 [this](wxFocusEvent& e)
                 {
                     e.Skip();
                     commit_note();
                 });
    save_button->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { save(true); });
    clear->Bind(wxEVT_BUTTON,
                [this](wxCommandEvent&)
                {
                    if (m_on_clear && !m_options.empty())
                        m_on_clear(m_options.scheme_id());
                });
}

namespace
{
/// Sets a label and widens it: a control's minimum size is fixed at creation.
void set_label(wxStaticText* t, const wxString& text, bool warning = false)
{
    // An unsaved choice reads in a warning colour (dark enough for 4.5:1 on the panel).
    t->SetForegroundColour(warning ? wxColour(0x9A, 0x3B, 0x00) : wxNullColour);
    t->SetLabel(text);
    // Wrapped to the panel, so a hint is read whole in a narrow pane.
    const int width = t->GetParent()->GetClientSize().x - 16;
    if (width > 80)
        t->Wrap(width);
    t->SetMinSize(t->GetBestSize());
    t->GetParent()->Layout();
}

void fill(wxChoice* c, const std::vector<std::string>& labels)
{
    c->Clear();
    for (const auto& l : labels)
        c->Append(to_wx(l));
    if (!labels.empty())
        c->SetSelection(0);
}
} // namespace

void ClassificationPanel::set_schemes(const std::vector<SchemeView>& views)
{
    m_options = ClassificationOptions();
    for (const auto& v : views)
        if (!v.categories.empty())
        {
            m_options = ClassificationOptions(v);
            break;
        }
    fill(m_main, m_options.main_labels());
    m_main->SetSelection(wxNOT_FOUND);
    fill(m_unresolved, m_options.unresolved_labels());
    fill(m_alternative, m_options.alternative_labels());
    refill_subs();
    update_enabled();
    set_label(m_status, m_options.empty() ? "The project's schemes define no classification."
                                          : "Not classified yet.");
    Enable(!m_options.empty());
}

void ClassificationPanel::refill_subs()
{
    fill(m_sub, m_options.sub_labels(m_main->GetSelection()));
}

void ClassificationPanel::update_enabled()
{
    const bool cc = m_options.needs_alternative(m_main->GetSelection());
    const bool u = m_unresolved->GetSelection() > 0;
    m_alternative->Enable(cc || u);
    m_sub->Enable(m_sub->GetCount() > 1);
}

void ClassificationPanel::set_state(const std::optional<store::ClassificationRecord>& current)
{
    m_unsaved_reason.clear();
    if (!current)
    {
        m_main->SetSelection(wxNOT_FOUND);
        refill_subs();
        m_unresolved->SetSelection(0);
        m_alternative->SetSelection(0);
        m_note->ChangeValue("");
        set_label(m_status, m_options.empty() ? "The project's schemes define no classification."
                                              : "Not classified yet.");
    }
    else
    {
        const auto idx = m_options.indexes_of(*current);
        m_main->SetSelection(idx[0]);
        refill_subs();
        m_sub->SetSelection(idx[1]);
        m_unresolved->SetSelection(idx[2]);
        m_alternative->SetSelection(idx[3]);
        m_note->ChangeValue(to_wx(current->note));
        std::string s = "Saved: " + current->category;
        if (current->subcategory)
            s += " / " + *current->subcategory;
        if (current->unresolved)
            s += ", unresolved " + *current->unresolved;
        if (current->alternative)
            s += ", alternative " + *current->alternative;
        set_label(m_status, to_wx(s));
    }
    update_enabled();
    m_saved = indexes();
    m_saved_note = from_wx(m_note->GetValue());
    Layout();
}

std::array<int, 4> ClassificationPanel::indexes() const
{
    // A disabled alternative is not part of the choice (save() sends none).
    return {m_main->GetSelection(), m_sub->GetSelection(), m_unresolved->GetSelection(),
            m_alternative->IsEnabled() ? m_alternative->GetSelection() : 0};
}

bool ClassificationPanel::has_unsaved() const
{
    if (m_options.empty())
        return false;
    return indexes() != m_saved || from_wx(m_note->GetValue()) != m_saved_note;
}

std::string ClassificationPanel::unsaved_summary() const
{
    if (m_options.empty() || m_main->GetSelection() == wxNOT_FOUND)
        return "(none)";
    const auto c = m_options.make(m_main->GetSelection(), m_sub->GetSelection(),
                                  m_unresolved->GetSelection(), indexes()[3]);
    return project::rules::classification_label(nullptr, c.category, c.subcategory, c.unresolved,
                                                c.alternative);
}

void ClassificationPanel::show_unsaved(const std::string& why)
{
    m_unsaved_reason = why;
    set_label(m_status, to_wx("Not saved yet: " + why + "."), true);
    Layout();
}

void ClassificationPanel::commit_note()
{
    // The note goes with a stored choice; with an unsaved one it waits for the choice.
    if (from_wx(m_note->GetValue()) == m_saved_note || indexes() != m_saved ||
        m_main->GetSelection() == wxNOT_FOUND)
        return;
    save(false);
}

void ClassificationPanel::save(bool deliberate)
{
    if (m_options.empty() || !m_on_classify)
        return;
    if (m_main->GetSelection() == wxNOT_FOUND)
    {
        if (deliberate)
            show_unsaved("choose a category first");
        return;
    }
    auto c =
        m_options.make(m_main->GetSelection(), m_sub->GetSelection(), m_unresolved->GetSelection(),
                       m_alternative->IsEnabled() ? m_alternative->GetSelection() : 0);
    c.note = from_wx(m_note->GetValue());
    m_on_classify(c, deliberate);
}

bool ClassificationPanel::choose(const std::string& main, const std::string& sub,
                                 const std::string& unresolved, const std::string& alternative,
                                 bool press_save)
{
    auto pick = [](wxChoice* c, const std::string& prefix)
    {
        if (prefix.empty())
            return true;
        // Labels read "F — Secure"; tests name the id, so match "id" or "id — …".
        for (unsigned i = 0; i < c->GetCount(); ++i)
        {
            const std::string l = from_wx(c->GetString(i));
            if (l == prefix || l.rfind(prefix + " \u2014", 0) == 0)
            {
                c->SetSelection(static_cast<int>(i));
                wxCommandEvent ev(wxEVT_CHOICE, c->GetId());
                ev.SetEventObject(c);
                ev.SetInt(static_cast<int>(i));
                c->GetEventHandler()->ProcessEvent(ev);
                return true;
            }
        }
        return false;
    };
    if (!pick(m_main, main) || !pick(m_sub, sub) || !pick(m_unresolved, unresolved) ||
        !pick(m_alternative, alternative))
        return false;
    if (press_save)
        save(true);
    return true;
}

} // namespace attune::app
