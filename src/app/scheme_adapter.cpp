// SPDX-License-Identifier: GPL-3.0-or-later
// The only app file that reads scheme::Scheme: it copies what the panels show into SchemeView,
// and answers the panels' questions about scale values with the scheme's own rules.
#include "app/scheme_view.h"

#include "core/scheme/scheme.h"

namespace attune::app
{

namespace
{

std::string join_notes(const scheme::Code& c)
{
    std::string s = c.definition;
    if (!c.inclusion.empty())
        s += (s.empty() ? "" : "\n\n") + std::string("Include: ") + c.inclusion;
    if (!c.exclusion.empty())
        s += (s.empty() ? "" : "\n\n") + std::string("Exclude: ") + c.exclusion;
    for (const auto& e : c.examples)
        s += (s.empty() ? "" : "\n\n") + std::string("Example: ") + e;
    return s;
}

CategoryRole role_of(scheme::CategoryRole r)
{
    switch (r)
    {
    case scheme::CategoryRole::Organised: return CategoryRole::Organised;
    case scheme::CategoryRole::Unresolved: return CategoryRole::Unresolved;
    case scheme::CategoryRole::CannotClassify: return CategoryRole::CannotClassify;
    }
    return CategoryRole::Organised;
}

} // namespace

SchemeView make_scheme_view(const scheme::Scheme& s)
{
    SchemeView v;
    v.id = s.id();
    v.name = s.title().empty() ? s.id() : s.title();
    for (const auto& entry : s.code_tree())
    {
        CodeItem item;
        item.scheme_id = s.id();
        item.depth = entry.depth;
        item.is_group = entry.is_group;
        if (entry.is_group)
        {
            const auto& g = s.groups().at(entry.index);
            item.name = g.name.empty() ? g.id : g.name;
            item.definition = g.description;
        }
        else
        {
            const auto& c = s.codes().at(entry.index);
            item.id = c.id;
            item.name = c.name.empty() ? c.id : c.name;
            item.rgb = c.colour;
            item.shortcut = c.shortcut.value_or("");
            item.definition = join_notes(c);
            if (c.target)
                item.target = scheme::to_string(*c.target);
        }
        v.codes.push_back(std::move(item));
    }
    for (const auto& sc : s.scales())
    {
        ScaleItem item;
        item.scheme_id = s.id();
        item.id = sc.id;
        item.name = sc.name.empty() ? sc.id : sc.name;
        item.description = sc.description;
        item.min = sc.min;
        item.max = sc.max;
        item.step = sc.step;
        for (auto t : sc.targets)
            item.targets.emplace_back(scheme::to_string(t));
        for (const auto& a : sc.anchors)
            item.anchors.push_back({a.value, a.text});
        item.evidence_codes = sc.evidence_codes;
        item.not_scorable_allowed = sc.allows_not_scorable;
        v.scales.push_back(std::move(item));
    }
    // The session classifies against a scheme's categories; a scheme with several
    // classification systems would need a chooser per system, which no shipped scheme has.
    if (!s.classifications().empty())
        for (const auto& c : s.classifications().front().categories)
        {
            CategoryItem item;
            item.scheme_id = s.id();
            item.id = c.id;
            item.name = c.name;
            item.role = role_of(c.role);
            for (const auto& sub : c.subcategories)
                item.subcategories.emplace_back(sub.id, sub.name);
            v.categories.push_back(std::move(item));
        }
    return v;
}

std::vector<double> scale_values(const ScaleItem& item)
{
    scheme::Scale scale;
    scale.min = item.min;
    scale.max = item.max;
    scale.step = item.step;
    return scheme::scale_points(scale);
}

std::string format_scale_value(double v)
{
    return scheme::format_value(v);
}

} // namespace attune::app
