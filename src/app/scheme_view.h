// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The workbench's flat view of the project's coding schemes: what the panels show, copied once
// from core's scheme model (scheme_view.cpp is the only app file that reads scheme::Scheme), so
// the panels stay small and the adapters can be tested without a window.

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace attune::scheme
{
class Scheme;
}

namespace attune::app
{

/// A passage code or a group of codes, in tree order (a group's members follow it, one deeper).
struct CodeItem
{
    std::string scheme_id;
    std::string id; ///< empty for a group
    std::string name;
    std::uint32_t rgb = 0x808080; ///< 0xRRGGBB
    std::string shortcut;         ///< as written in the scheme, e.g. "Ctrl+1"; may be empty
    std::string definition;
    std::string target; ///< e.g. "mother"; may be empty
    int depth = 0;
    bool is_group = false;
};

/// One anchor description of a scale at a point.
struct AnchorItem
{
    double value = 0;
    std::string text;
};

/// A rating scale; a per-target scale is rated once per target.
struct ScaleItem
{
    std::string scheme_id;
    std::string id;
    std::string name;
    std::string description;
    double min = 1;
    double max = 9;
    double step = 0.5;
    std::vector<std::string> targets; ///< empty: one global rating
    std::vector<AnchorItem> anchors;
    std::vector<std::string> evidence_codes;
    bool not_scorable_allowed = false;
};

/// What role a classification category plays in an AAI-style assignment.
enum class CategoryRole
{
    Organised,
    Unresolved,
    CannotClassify,
};

/// A classification category with its subcategories (id, name).
struct CategoryItem
{
    std::string scheme_id;
    std::string id;
    std::string name;
    CategoryRole role = CategoryRole::Organised;
    std::vector<std::pair<std::string, std::string>> subcategories;
};

/// Everything of one stored scheme the panels need.
struct SchemeView
{
    std::string id;
    std::string name;
    std::vector<CodeItem> codes;
    std::vector<ScaleItem> scales;
    std::vector<CategoryItem> categories;
};

/// Copies a parsed scheme into the flat view.
SchemeView make_scheme_view(const scheme::Scheme& s);

/// The values a scale offers, min to max by step (half points: 1, 1.5, …, 9): core's grid
/// (scheme::scale_points).
std::vector<double> scale_values(const ScaleItem& scale);

/// "4.5", "7": a scale value as core writes it everywhere (scheme::format_value).
std::string format_scale_value(double v);

/// Finds a code by scheme and id across views; nullptr when none.
const CodeItem* find_code(const std::vector<SchemeView>& views, const std::string& scheme_id,
                          const std::string& code);

} // namespace attune::app
