// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "app/scale_choices.h"

#include <wx/scrolwin.h>

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

class wxChoice;
class wxStaticText;

namespace attune::app
{

/// Every scale of the schemes, one row per scale and target: its range, a value chooser with
/// half points, anchors on hover, and the evidence passages coded for it.
class RatingsPanel : public wxScrolledWindow
{
public:
    explicit RatingsPanel(wxWindow* parent);

    void set_schemes(const std::vector<SchemeView>& views);
    /// Shows the current coder's ratings and the evidence passages (keyed "scheme/scale").
    void set_state(const std::vector<store::RatingRecord>& ratings,
                   const std::map<std::string, std::vector<EvidencePassage>>& evidence);
    void on_rate(std::function<void(const ScaleItem&, const std::string&, RatingChoice)> f)
    {
        m_on_rate = std::move(f);
    }
    void on_jump(std::function<void(std::int64_t, std::int64_t)> f) { m_on_jump = std::move(f); }

    /// Sets a row's chooser as a user would and fires the rating (GUI tests drive this).
    bool choose(const std::string& scale, const std::string& target, const std::string& label);

private:
    struct Row
    {
        ScaleItem scale;
        std::string target;
        wxChoice* choice = nullptr;
        wxStaticText* evidence = nullptr;
        std::vector<EvidencePassage> passages;
        std::size_t next = 0;
    };
    void fire(Row& row);

    std::vector<Row> m_rows;
    std::function<void(const ScaleItem&, const std::string&, RatingChoice)> m_on_rate;
    std::function<void(std::int64_t, std::int64_t)> m_on_jump;
};

} // namespace attune::app
