// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The classification chooser's entries, as data: what each list offers and how the chosen
// indexes become a classification (and back).

#include "app/scheme_view.h"
#include "core/store/records.h"

#include <array>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace attune::app
{

/// A classification as the chooser assembles it.
struct ClassificationChoice
{
    std::string scheme_id;
    std::string category;
    std::optional<std::string> subcategory;
    std::optional<std::string> unresolved;
    std::optional<std::string> alternative;
    std::string note;
};

/// The options a classification scheme offers, as chooser entries (wx-free, testable):
/// main = organised categories then cannot-classify; unresolved = "no" then U and its
/// subclasses; alternatives = organised categories, each followed by its subclasses (a forced
/// alternative may be a subclass: CC with Ds1).
class ClassificationOptions
{
public:
    ClassificationOptions() = default;
    explicit ClassificationOptions(const SchemeView& scheme);

    const std::string& scheme_id() const { return m_scheme_id; }
    std::vector<std::string> main_labels() const;
    std::vector<std::string> sub_labels(int main_index) const; ///< "(none)" first
    std::vector<std::string> unresolved_labels() const;        ///< "not unresolved" first
    std::vector<std::string> alternative_labels() const;       ///< "(none)" first
    /// Whether the main choice needs a forced alternative (cannot classify).
    bool needs_alternative(int main_index) const;

    ClassificationChoice make(int main_index, int sub_index, int unresolved_index,
                              int alternative_index) const;
    /// Indexes (main, sub, unresolved, alternative) showing a stored classification.
    std::array<int, 4> indexes_of(const store::ClassificationRecord& c) const;
    bool empty() const { return m_main.empty(); }

private:
    std::string m_scheme_id;
    std::vector<CategoryItem> m_main; ///< organised, then cannot-classify
    std::vector<std::pair<std::string, std::string>> m_unresolved;   ///< (id, label)
    std::vector<std::pair<std::string, std::string>> m_alternatives; ///< (id, label)
};

} // namespace attune::app
