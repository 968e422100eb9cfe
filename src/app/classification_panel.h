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
/// alternative, for the first scheme that defines classification categories.
class ClassificationPanel : public wxPanel
{
public:
    explicit ClassificationPanel(wxWindow* parent);

    void set_schemes(const std::vector<SchemeView>& views);
    void set_state(const std::optional<store::ClassificationRecord>& current);
    void on_classify(std::function<void(const ClassificationChoice&)> f)
    {
        m_on_classify = std::move(f);
    }
    void on_clear(std::function<void(const std::string& scheme_id)> f)
    {
        m_on_clear = std::move(f);
    }

    /// Sets the choosers by label and presses Save, as a user would (GUI tests drive this).
    bool choose(const std::string& main, const std::string& sub, const std::string& unresolved,
                const std::string& alternative);

private:
    void refill_subs();
    void update_enabled();
    void save();

    ClassificationOptions m_options;
    wxChoice* m_main = nullptr;
    wxChoice* m_sub = nullptr;
    wxChoice* m_unresolved = nullptr;
    wxChoice* m_alternative = nullptr;
    wxTextCtrl* m_note = nullptr;
    wxStaticText* m_status = nullptr;
    std::function<void(const ClassificationChoice&)> m_on_classify;
    std::function<void(const std::string&)> m_on_clear;
};

} // namespace attune::app
