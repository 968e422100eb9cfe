// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/annotation_rows.h"

#include <algorithm>
#include <numeric>

namespace attune::app {

namespace {

constexpr std::size_t kExcerptCodePoints = 60;

bool is_continuation(unsigned char c)
{
    return (c & 0xC0) == 0x80;
}

/// Byte offset of code point `cp` in `text`, scanning from a known (byte, cp) pair; the list
/// only needs this once per annotation, in text order, so a forward scan is enough.
std::size_t advance(const std::string& text, std::size_t byte, std::int64_t from_cp,
                    std::int64_t to_cp)
{
    while (from_cp < to_cp && byte < text.size())
    {
        ++byte;
        while (byte < text.size() && is_continuation(static_cast<unsigned char>(text[byte])))
            ++byte;
        ++from_cp;
    }
    return byte;
}

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
                           std::vector<std::pair<std::int64_t, std::string>> coder_names)
{
    m_items = std::move(annotations);
    m_line_starts = std::move(line_starts);
    m_schemes = schemes;
    m_coders = std::move(coder_names);
    // Excerpts are cut once here: the text is immutable and cells are asked for on every paint.
    std::vector<std::size_t> by_start(m_items.size());
    std::iota(by_start.begin(), by_start.end(), std::size_t{0});
    std::sort(by_start.begin(), by_start.end(),
              [&](std::size_t a, std::size_t b) { return m_items[a].start < m_items[b].start; });
    m_excerpts.assign(m_items.size(), {});
    std::size_t byte = 0;
    std::int64_t cp = 0;
    for (std::size_t i : by_start)
    {
        const auto& a = m_items[i];
        byte = advance(text, byte, cp, a.start);
        cp = std::max(cp, a.start);
        const std::int64_t stop = std::min<std::int64_t>(
            a.end, a.start + static_cast<std::int64_t>(kExcerptCodePoints));
        const std::size_t end_byte = advance(text, byte, a.start, stop);
        std::string s = text.substr(byte, end_byte - byte);
        std::replace(s.begin(), s.end(), '\n', ' ');
        if (stop < a.end)
            s += "\u2026";
        m_excerpts[i] = std::move(s);
    }
    m_order.resize(m_items.size());
    std::iota(m_order.begin(), m_order.end(), std::size_t{0});
    sort_by(m_sort_column, m_ascending);
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
    auto it = std::upper_bound(m_line_starts.begin(), m_line_starts.end(), cp);
    return std::max<std::int64_t>(1, static_cast<std::int64_t>(it - m_line_starts.begin()));
}

std::string AnnotationRows::cell(std::size_t row, AnnotationColumn column) const
{
    const std::size_t i = m_order.at(row);
    const auto& a = m_items[i];
    switch (column)
    {
    case AnnotationColumn::Code:
        return code_display_name(m_schemes, a.scheme_id, a.code);
    case AnnotationColumn::Lines:
    {
        const auto first = line_of(a.start);
        const auto last = line_of(std::max(a.start, a.end - 1));
        return first == last ? std::to_string(first)
                             : std::to_string(first) + "\u2013" + std::to_string(last);
    }
    case AnnotationColumn::Excerpt:
        return m_excerpts[i];
    case AnnotationColumn::Memo:
        return a.memo;
    case AnnotationColumn::Coder:
        for (const auto& [id, name] : m_coders)
            if (id == a.coder_id)
                return name;
        return std::to_string(a.coder_id);
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
        case AnnotationColumn::Lines:
            break;
        case AnnotationColumn::Code:
        {
            const auto na = code_display_name(m_schemes, a.scheme_id, a.code);
            const auto nb = code_display_name(m_schemes, b.scheme_id, b.code);
            if (na != nb)
                return na < nb;
            break;
        }
        case AnnotationColumn::Excerpt:
            if (m_excerpts[x] != m_excerpts[y])
                return m_excerpts[x] < m_excerpts[y];
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
