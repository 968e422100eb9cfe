// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/classification_options.h"

namespace attune::app
{

namespace
{

std::string label_of(const std::string& id, const std::string& name)
{
    return name.empty() || name == id ? id : id + " \u2014 " + name;
}

int clamp_index(int i, std::size_t n)
{
    return i >= 0 && static_cast<std::size_t>(i) < n ? i : -1;
}

} // namespace

ClassificationOptions::ClassificationOptions(const SchemeView& scheme) : m_scheme_id(scheme.id)
{
    for (const auto& c : scheme.categories)
        if (c.role == CategoryRole::Organised)
        {
            m_main.push_back(c);
            m_alternatives.emplace_back(c.id, label_of(c.id, c.name));
            for (const auto& [id, name] : c.subcategories)
                m_alternatives.emplace_back(id, label_of(id, name)); // after its category
        }
    for (const auto& c : scheme.categories)
        if (c.role == CategoryRole::CannotClassify)
            m_main.push_back(c);
    for (const auto& c : scheme.categories)
        if (c.role == CategoryRole::Unresolved)
        {
            m_unresolved.emplace_back(c.id, label_of(c.id, c.name));
            for (const auto& [id, name] : c.subcategories)
                m_unresolved.emplace_back(id, label_of(id, name));
        }
}

std::vector<std::string> ClassificationOptions::main_labels() const
{
    std::vector<std::string> out;
    for (const auto& c : m_main)
        out.push_back(label_of(c.id, c.name));
    return out;
}

std::vector<std::string> ClassificationOptions::sub_labels(int main_index) const
{
    std::vector<std::string> out{"(none)"};
    const int i = clamp_index(main_index, m_main.size());
    if (i >= 0)
        for (const auto& [id, name] : m_main[static_cast<std::size_t>(i)].subcategories)
            out.push_back(label_of(id, name));
    return out;
}

std::vector<std::string> ClassificationOptions::unresolved_labels() const
{
    std::vector<std::string> out{"not unresolved"};
    for (const auto& u : m_unresolved)
        out.push_back(u.second);
    return out;
}

std::vector<std::string> ClassificationOptions::alternative_labels() const
{
    std::vector<std::string> out{"(none)"};
    for (const auto& a : m_alternatives)
        out.push_back(a.second);
    return out;
}

bool ClassificationOptions::needs_alternative(int main_index) const
{
    const int i = clamp_index(main_index, m_main.size());
    return i >= 0 && m_main[static_cast<std::size_t>(i)].role == CategoryRole::CannotClassify;
}

ClassificationChoice ClassificationOptions::make(int main_index, int sub_index,
                                                 int unresolved_index, int alternative_index) const
{
    ClassificationChoice c;
    c.scheme_id = m_scheme_id;
    const int m = clamp_index(main_index, m_main.size());
    if (m < 0)
        return c;
    const auto& cat = m_main[static_cast<std::size_t>(m)];
    c.category = cat.id;
    const int s = clamp_index(sub_index - 1, cat.subcategories.size());
    if (s >= 0)
        c.subcategory = cat.subcategories[static_cast<std::size_t>(s)].first;
    const int u = clamp_index(unresolved_index - 1, m_unresolved.size());
    if (u >= 0)
        c.unresolved = m_unresolved[static_cast<std::size_t>(u)].first;
    const int a = clamp_index(alternative_index - 1, m_alternatives.size());
    if (a >= 0)
        c.alternative = m_alternatives[static_cast<std::size_t>(a)].first;
    return c;
}

std::array<int, 4> ClassificationOptions::indexes_of(const store::ClassificationRecord& r) const
{
    std::array<int, 4> out{-1, 0, 0, 0};
    for (std::size_t i = 0; i < m_main.size(); ++i)
        if (m_main[i].id == r.category)
        {
            out[0] = static_cast<int>(i);
            const auto& subs = m_main[i].subcategories;
            for (std::size_t j = 0; j < subs.size(); ++j)
                if (r.subcategory && subs[j].first == *r.subcategory)
                    out[1] = static_cast<int>(j) + 1;
        }
    for (std::size_t i = 0; i < m_unresolved.size(); ++i)
        if (r.unresolved && m_unresolved[i].first == *r.unresolved)
            out[2] = static_cast<int>(i) + 1;
    for (std::size_t i = 0; i < m_alternatives.size(); ++i)
        if (r.alternative && m_alternatives[i].first == *r.alternative)
            out[3] = static_cast<int>(i) + 1;
    return out;
}

} // namespace attune::app
