// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/passage_menu.h"

#include "core/project/session.h"

namespace attune::app
{

const store::AnnotationRecord* innermost_at(const std::vector<store::AnnotationRecord>& visible,
                                            std::int64_t cp)
{
    const store::AnnotationRecord* best = nullptr;
    for (const auto& a : visible)
    {
        if (cp < a.start || cp >= a.end)
            continue;
        if (!best || a.end - a.start < best->end - best->start ||
            (a.end - a.start == best->end - best->start && a.start > best->start))
            best = &a;
    }
    return best;
}

namespace
{

using Kind = PassageAction::Kind;

// Codes in the menu are indented by their depth in the scheme's tree, as the tree shows them.
std::string indent(const CodeItem& c)
{
    return std::string(static_cast<std::size_t>(c.depth) * 2, ' ');
}

PassageAction entry(Kind kind, std::string label, bool enabled)
{
    PassageAction a;
    a.kind = kind;
    a.label = std::move(label);
    a.enabled = enabled;
    return a;
}

PassageAction code_entry(Kind kind, const CodeItem& c, std::string label, bool enabled,
                         std::string submenu)
{
    PassageAction a = entry(kind, std::move(label), enabled);
    a.submenu = std::move(submenu);
    a.scheme_id = c.scheme_id;
    a.code = c.id;
    return a;
}

std::string code_name(const std::vector<SchemeView>& schemes, const std::string& scheme_id,
                      const std::string& code)
{
    const CodeItem* c = find_code(schemes, scheme_id, code);
    return c ? c->name : code;
}

} // namespace

PassageMenu make_passage_menu(const std::vector<store::AnnotationRecord>& visible, std::int64_t cp,
                              store::CoderId coder_id, bool has_selection,
                              const std::vector<SchemeView>& schemes,
                              const std::string& other_coder_name)
{
    PassageMenu menu;
    auto add = [&menu](PassageAction a) { menu.items.push_back(std::move(a)); };
    if (const auto* a = innermost_at(visible, cp))
    {
        menu.uuid = a->uuid;
        const bool own = project::may_change(*a, coder_id);
        const std::string name = code_name(schemes, a->scheme_id, a->code);
        // Nobody changes another coder's work (blind coding, agreement): the actions stay in
        // view, so the coder sees what exists and why it is not offered.
        add(entry(Kind::Heading,
                  own ? name
                      : name + " \u2014 " +
                            (other_coder_name.empty() ? "another coder" : other_coder_name) +
                            "'s passage: only its author can change it",
                  false));
        add(entry(Kind::Memo, "&Memo\u2026", own));
        for (const auto& v : schemes)
            if (v.id == a->scheme_id)
                for (const auto& c : v.codes)
                    if (!c.is_group)
                    {
                        auto e = code_entry(Kind::ChangeCode, c, indent(c) + c.name,
                                            own && c.id != a->code, "C&hange code");
                        e.checked = c.id == a->code;
                        add(std::move(e));
                    }
        add(entry(Kind::AdjustSpan,
                  has_selection ? "&Adjust span to selection"
                                : "&Adjust span to selection (select the new extent first)",
                  own && has_selection));
        add(entry(Kind::Delete, "&Delete", own));
    }
    else
    {
        add(entry(Kind::Heading,
                  has_selection ? "Code the selection as:" : "Select text to code it", false));
        for (const auto& v : schemes)
            for (const auto& c : v.codes)
                if (!c.is_group)
                    add(code_entry(Kind::ApplyCode, c,
                                   indent(c) + c.name +
                                       (c.shortcut.empty() ? "" : "\t" + c.shortcut),
                                   has_selection, schemes.size() > 1 ? v.name : ""));
    }
    add(entry(Kind::Separator, "", false));
    add(entry(Kind::Copy, "&Copy", has_selection));
    return menu;
}

} // namespace attune::app
