// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// What the transcript's right-click menu offers and what a click in the text selects: decided
// here, wx-free, so the rules are tested without a window (annotation_menu.cpp shows them).

#include "app/scheme_view.h"
#include "core/store/records.h"

#include <cstdint>
#include <string>
#include <vector>

namespace attune::app
{

/// The innermost (shortest) annotation containing code point `cp`, or nullptr. Ties go to the
/// one that starts last, the one drawn on top.
const store::AnnotationRecord* innermost_at(const std::vector<store::AnnotationRecord>& visible,
                                            std::int64_t cp);

/// One entry of the passage menu.
struct PassageAction
{
    enum class Kind
    {
        Heading, ///< a disabled line that says what the menu is about (or why it is disabled)
        Separator,
        Memo,
        ChangeCode, ///< to `code`
        AdjustSpan,
        Delete,
        Copy,
        ApplyCode, ///< `scheme_id`/`code` to the selection
    };
    Kind kind = Kind::Heading;
    std::string label;
    bool enabled = true;
    bool checked = false;  ///< the annotation's current code in "Change code"
    std::string submenu;   ///< non-empty: the entry sits in the submenu of that name
    std::string scheme_id; ///< ChangeCode, ApplyCode
    std::string code;      ///< ChangeCode, ApplyCode
};

/// The menu for a right-click at a code point: the passage's actions when it is on one (only
/// the author may use them; for another coder's passage they are shown disabled with the
/// reason), otherwise the codes to apply to the selection. Copy needs a selection.
struct PassageMenu
{
    std::string uuid; ///< the passage acted on; empty when the click was on uncoded text
    std::vector<PassageAction> items;
};

/// `coder_name` names the annotation's author for the heading ("" when it is the coder's own).
PassageMenu make_passage_menu(const std::vector<store::AnnotationRecord>& visible, std::int64_t cp,
                              store::CoderId coder_id, bool has_selection,
                              const std::vector<SchemeView>& schemes,
                              const std::string& other_coder_name = "");

} // namespace attune::app
