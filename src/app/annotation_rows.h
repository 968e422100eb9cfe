// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Row mapping for the annotation list: which annotation each row shows, how its cells read, and
// the sort order. wx-free, so the list's behaviour is tested without a window.

#include "app/scheme_view.h"
#include "app/text_position_map.h"
#include "core/store/records.h"

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace attune::app
{

/// Columns of the annotation list, in display order.
enum class AnnotationColumn
{
    Code = 0,
    Lines = 1,
    Excerpt = 2,
    Memo = 3,
    Coder = 4,
};
inline constexpr int kAnnotationColumns = 5;

/// The current transcript's annotations as list rows: keeps the records and a row order.
class AnnotationRows
{
public:
    /// `line_starts` are the code-point starts of the text's lines (line 1 first); `text` the
    /// transcript, for excerpts (it must outlive the rows, as must `schemes`); `coder_names`
    /// (id, name) pairs; `cp_to_byte` the text's code point → byte map, when the caller has one
    /// (else the rows build their own).
    void reset(std::vector<store::AnnotationRecord> annotations, const std::string& text,
               std::vector<std::int64_t> line_starts, const std::vector<SchemeView>* schemes,
               std::vector<std::pair<store::CoderId, std::string>> coder_names = {},
               std::function<std::int64_t(std::int64_t)> cp_to_byte = {});

    std::size_t size() const { return m_order.size(); }
    const store::AnnotationRecord& at(std::size_t row) const;
    /// Row of an annotation, or -1.
    int row_of(const std::string& uuid) const;
    std::string cell(std::size_t row, AnnotationColumn column) const;

    /// Sorts by a column; ties keep text order. Sorting again by the same column reverses.
    void sort_by(AnnotationColumn column, bool ascending);
    AnnotationColumn sort_column() const { return m_sort_column; }
    bool sort_ascending() const { return m_ascending; }

    /// 1-based line of a code-point offset.
    std::int64_t line_of(std::int64_t cp) const;

private:
    /// Cut on first use: a list shows a screenful of rows, not thousands.
    const std::string& excerpt(std::size_t item) const;

    std::vector<store::AnnotationRecord> m_items;
    std::vector<std::size_t> m_order;
    std::vector<std::int64_t> m_line_starts;
    mutable std::vector<std::optional<std::string>> m_excerpts;
    const std::string* m_text = nullptr;
    std::function<std::int64_t(std::int64_t)> m_cp_to_byte;
    std::shared_ptr<TextPositionMap> m_own_map;
    const std::vector<SchemeView>* m_schemes = nullptr;
    std::vector<std::pair<store::CoderId, std::string>> m_coders;
    AnnotationColumn m_sort_column = AnnotationColumn::Lines;
    bool m_ascending = true;
};

/// The code's display name ("Idealization (mother)") or its id when the scheme lacks it.
std::string code_display_name(const std::vector<SchemeView>* schemes, const std::string& scheme_id,
                              const std::string& code);

} // namespace attune::app
