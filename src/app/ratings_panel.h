// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "app/scale_choices.h"

#include <wx/scrolwin.h>
#include <wx/sizer.h>

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

class wxChoice;
class wxSizer;
class wxStaticText;
class wxTextCtrl;

namespace attune::app
{

/// Every scale of the schemes, one row per scale and target: its range, a value chooser with
/// half points, anchors on hover, a note, and one link per evidence passage coded for it.
/// The wheel scrolls the panel and never changes a value (wheel_guard.h).
class RatingsPanel : public wxScrolledWindow
{
public:
    explicit RatingsPanel(wxWindow* parent);

    void set_schemes(const std::vector<SchemeView>& views);
    /// Shows the current coder's ratings and each row's evidence passages, keyed
    /// evidence_key(scheme, scale, target) (core's rules::evidence decides what they are).
    void set_state(const std::vector<store::RatingRecord>& ratings,
                   const std::map<std::string, std::vector<EvidencePassage>>& evidence);
    /// A rating chosen, or its note edited: the choice shown and the note typed, to be saved.
    void on_rate(
        std::function<void(const ScaleItem&, const std::string&, RatingChoice, const std::string&)>
            f)
    {
        m_on_rate = std::move(f);
    }
    void on_jump(std::function<void(std::int64_t, std::int64_t)> f) { m_on_jump = std::move(f); }

    /// Saves every note typed but not yet saved (before the coder leaves the transcript).
    void commit_notes();

    /// Sets a row's chooser as a user would and fires the rating (GUI tests drive this).
    bool choose(const std::string& scale, const std::string& target, const std::string& label);
    /// Types a row's note and presses Enter, as a user would. False when there is no such row or
    /// its note cannot be edited (not rated yet).
    bool type_note(const std::string& scale, const std::string& target, const std::string& text);
    /// The row's evidence links as shown ("l.14 l.28"), or nullopt for no such row.
    std::optional<std::string> evidence_text(const std::string& scale,
                                             const std::string& target) const;
    /// The row's value chooser, or its n-th (1-based) evidence link; nullptr when absent.
    wxWindow* chooser(const std::string& scale, const std::string& target) const;
    wxWindow* evidence_link(const std::string& scale, const std::string& target,
                            std::size_t n) const;

private:
    struct Row
    {
        ScaleItem scale;
        std::string target;
        wxChoice* choice = nullptr;
        wxStaticText* evidence = nullptr;
        wxSizer* links_sizer = nullptr;
        std::vector<wxStaticText*> links;
        wxTextCtrl* note = nullptr;
        std::string saved_note;
        std::vector<EvidencePassage> passages;
    };
    /// set_schemes' parts: a scheme's heading; one scale's (and target's) block of m_rows.
    void add_heading(wxBoxSizer& outer, const std::string& heading);
    void add_row(wxBoxSizer& outer, std::size_t index);
    void fire(Row& row);
    void commit_note(Row& row);
    void show_links(Row& row, std::size_t index);
    const Row* find(const std::string& scale, const std::string& target) const;

    std::vector<Row> m_rows;
    std::function<void(const ScaleItem&, const std::string&, RatingChoice, const std::string&)>
        m_on_rate;
    std::function<void(std::int64_t, std::int64_t)> m_on_jump;
};

/// The key of a row's evidence in RatingsPanel::set_state: "scheme/scale/target".
std::string evidence_key(const std::string& scheme_id, const std::string& scale,
                         const std::string& target);

} // namespace attune::app
