// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "app/classification_options.h"

#include <wx/panel.h>

#include <array>
#include <functional>
#include <optional>
#include <string>
#include <vector>

class wxChoice;
class wxStaticText;
class wxTextCtrl;

namespace attune::app
{

/// The classification chooser: category, subclass, unresolved placement and the forced
/// alternative, for the first scheme that defines classification categories. Every choice is
/// offered for saving at once (like a rating); one the scheme cannot store yet (CC without its
/// alternative) stays visible with a hint, and has_unsaved() tells the frame to ask on leaving.
/// The wheel never changes a chooser (wheel_guard.h).
class ClassificationPanel : public wxPanel
{
public:
    explicit ClassificationPanel(wxWindow* parent);

    void set_schemes(const std::vector<SchemeView>& views);
    void set_state(const std::optional<store::ClassificationRecord>& current);
    /// A choice to save; `deliberate` is true when Save was pressed, false for a choice made in
    /// a chooser (saved only once complete).
    void on_classify(std::function<void(const ClassificationChoice&, bool deliberate)> f)
    {
        m_on_classify = std::move(f);
    }
    void on_clear(std::function<void(const std::string& scheme_id)> f)
    {
        m_on_clear = std::move(f);
    }

    /// Shows that what the choosers hold is not stored, and why: "Not saved yet: WHY."
    void show_unsaved(const std::string& why);
    /// Whether the choosers or the note differ from the stored classification.
    bool has_unsaved() const;
    /// The choice on screen in the usual notation ("CC", "U/Ds1") and why it is not stored.
    std::string unsaved_summary() const;
    const std::string& unsaved_reason() const { return m_unsaved_reason; }
    /// Saves a typed note when the choice on screen is stored (Enter or leaving the field).
    void commit_note();

    /// Sets the choosers by label, as a user would, then presses Save when `press_save` (GUI
    /// tests drive this).
    bool choose(const std::string& main, const std::string& sub, const std::string& unresolved,
                const std::string& alternative, bool press_save = true);

private:
    void refill_subs();
    void update_enabled();
    void save(bool deliberate);
    std::array<int, 4> indexes() const;

    ClassificationOptions m_options;
    wxChoice* m_main = nullptr;
    wxChoice* m_sub = nullptr;
    wxChoice* m_unresolved = nullptr;
    wxChoice* m_alternative = nullptr;
    wxTextCtrl* m_note = nullptr;
    wxStaticText* m_status = nullptr;
    /// What is stored: chooser indexes (main is wxNOT_FOUND when nothing is) and the note.
    std::array<int, 4> m_saved{{-1, 0, 0, 0}};
    std::string m_saved_note;
    std::string m_unsaved_reason;
    std::function<void(const ClassificationChoice&, bool)> m_on_classify;
    std::function<void(const std::string&)> m_on_clear;
};

} // namespace attune::app
