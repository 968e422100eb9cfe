// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/annotation_rows.h"

#include "core/text/text_index.h"

#include <algorithm>
#include <numeric>

namespace attune::app
{

namespace
{

constexpr std::int64_t kExcerptCodePoints = 60;

} // namespace

std::string code_display_name(const std::vector<SchemeView>* schemes, const std::string& scheme_id,
                              const std::string& code)
{
    if (schemes)
        if (const CodeItem* c = find_code(*schemes, scheme_id, code))
            return c->name;
    return code;
}

void AnnotationRows::reset(std::vector<store::AnnotationRecord> annotations,
                           const std::string& text, std::vector<std::int64_t> line_starts,
                           const std::vector<SchemeView>* schemes,
                           std::vector<std::pair<store::CoderId, std::string>> coder_names,
                           std::function<std::int64_t(std::int64_t)> cp_to_byte)
{
    m_items = std::move(annotations);
    m_line_starts = std::move(line_starts);
    m_schemes = schemes;
    m_coders = std::move(coder_names);
    m_text = &text;
    if (cp_to_byte)
    {
        m_own_map.reset();
        m_cp_to_byte = std::move(cp_to_byte);
    }
    else
    {
        m_own_map = std::make_shared<TextPositionMap>(text);
        m_cp_to_byte = [map = m_own_map](std::int64_t cp) { return map->cp_to_byte(cp); };
    }
    m_excerpts.assign(m_items.size(), std::nullopt);
    m_order.resize(m_items.size());
    std::iota(m_order.begin(), m_order.end(), std::size_t{0});
    sort_by(m_sort_column, m_ascending);
}

const std::string& AnnotationRows::excerpt(std::size_t item) const
{
    auto& slot = m_excerpts[item];
    if (!slot)
    {
        const auto& a = m_items[item];
        const std::int64_t stop = std::min(a.end, a.start + kExcerptCodePoints);
        const auto b = static_cast<std::size_t>(m_cp_to_byte(a.start));
        const auto e = static_cast<std::size_t>(m_cp_to_byte(stop));
        std::string s = e > b && m_text ? m_text->substr(b, e - b) : std::string();
        std::replace(s.begin(), s.end(), '\n', ' ');
        if (stop < a.end)
            s += "\u2026";
        slot = std::move(s);
    }
    return *slot;
}

const store::AnnotationRecord& AnnotationRows::at(std::size_t row) const
{
    return m_items.at(m_order.at(row));
}

int AnnotationRows::row_of(const std::string& uuid) const
{
    for (std::size_t r = 0; r < m_order.size(); ++r)
        if (m_items[m_order[r]].uuid == uuid)
            return static_cast<int>(r);
    return -1;
}

std::int64_t AnnotationRows::line_of(std::int64_t cp) const
{
    return text::line_of(m_line_starts, cp);
}

std::string AnnotationRows::cell(std::size_t row, AnnotationColumn column) const
{
    const std::size_t i = m_order.at(row);
    const auto& a = m_items[i];
    switch (column)
    {
    case AnnotationColumn::Code: return code_display_name(m_schemes, a.scheme_id, a.code);
    case AnnotationColumn::Lines:
    {
        const auto first = line_of(a.start);
        const auto last = line_of(std::max(a.start, a.end - 1));
        return first == last ? std::to_string(first)
                             : std::to_string(first) + "\u2013" + std::to_string(last);
    }
    case AnnotationColumn::Excerpt: return excerpt(i);
    case AnnotationColumn::Memo: return a.memo;
    case AnnotationColumn::Coder:
        for (const auto& [id, name] : m_coders)
            if (id == a.coder_id)
                return name;
        return std::to_string(a.coder_id.value());
    }
    return {};
}

void AnnotationRows::sort_by(AnnotationColumn column, bool ascending)
{
    m_sort_column = column;
    m_ascending = ascending;
    auto key_less = [&](std::size_t x, std::size_t y)
    {
        const auto& a = m_items[x];
        const auto& b = m_items[y];
        switch (column)
        {
        case AnnotationColumn::Lines: break;
        case AnnotationColumn::Code:
        {
            const auto na = code_display_name(m_schemes, a.scheme_id, a.code);
            const auto nb = code_display_name(m_schemes, b.scheme_id, b.code);
            if (na != nb)
                return na < nb;
            break;
        }
        case AnnotationColumn::Excerpt:
            if (excerpt(x) != excerpt(y))
                return excerpt(x) < excerpt(y);
            break;
        case AnnotationColumn::Memo:
            if (a.memo != b.memo)
                return a.memo < b.memo;
            break;
        case AnnotationColumn::Coder:
            if (a.coder_id != b.coder_id)
                return a.coder_id < b.coder_id;
            break;
        }
        if (a.start != b.start)
            return a.start < b.start;
        return a.end < b.end;
    };
    std::stable_sort(m_order.begin(), m_order.end(),
                     [&](std::size_t x, std::size_t y)
                     { return ascending ? key_less(x, y) : key_less(y, x); });
}

} // namespace attune::app
