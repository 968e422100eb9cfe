// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/scale_choices.h"

#include <cmath>

namespace attune::app
{

ScaleChoices::ScaleChoices(const ScaleItem& scale)
    : m_values(scale_values(scale)), m_not_scorable(scale.not_scorable_allowed)
{
}

std::vector<std::string> ScaleChoices::labels() const
{
    std::vector<std::string> out{"\u2014"};
    for (double v : m_values)
        out.push_back(format_scale_value(v));
    if (m_not_scorable)
        out.push_back("not scorable");
    return out;
}

RatingChoice ScaleChoices::choice_at(int index) const
{
    if (index <= 0)
        return {};
    const auto i = static_cast<std::size_t>(index - 1);
    if (i < m_values.size())
        return {RatingChoice::Kind::Value, m_values[i]};
    if (m_not_scorable && i == m_values.size())
        return {RatingChoice::Kind::NotScorable, 0};
    return {};
}

int ScaleChoices::index_of(const std::optional<store::RatingRecord>& rating) const
{
    if (!rating)
        return 0;
    if (rating->not_scorable)
        return m_not_scorable ? static_cast<int>(m_values.size()) + 1 : 0;
    if (!rating->value)
        return 0;
    for (std::size_t i = 0; i < m_values.size(); ++i)
        if (std::fabs(m_values[i] - *rating->value) < 1e-9)
            return static_cast<int>(i) + 1;
    return 0;
}

std::string scale_tooltip(const ScaleItem& s)
{
    std::string t = s.name + ": " + format_scale_value(s.min) + "\u2013" +
                    format_scale_value(s.max) + " in steps of " + format_scale_value(s.step);
    if (s.not_scorable_allowed)
        t += "; may be marked not scorable";
    if (!s.description.empty())
        t += "\n" + s.description;
    for (const auto& a : s.anchors)
        t += "\n" + format_scale_value(a.value) + ": " + a.text;
    return t;
}

} // namespace attune::app
