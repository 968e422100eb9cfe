// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/project/scheme_rules.h"

#include "core/scheme/scheme.h"
#include "core/text/code_points.h"

#include <algorithm>
#include <cmath>

namespace attune::project::rules
{

Result<std::shared_ptr<const scheme::Scheme>> parse(const std::string& xml,
                                                    const std::string& source_name)
{
    auto loaded = scheme::load_scheme_string(xml, source_name);
    if (!loaded)
        return loaded.error();
    return std::make_shared<const scheme::Scheme>(std::move(*loaded));
}

SchemeIdentity identity(const scheme::Scheme& s)
{
    return SchemeIdentity{s.id(), s.version(), s.title().empty() ? s.id() : s.title()};
}

bool has_code(const scheme::Scheme& s, const std::string& code)
{
    return s.find_code(code) != nullptr;
}

bool has_scale(const scheme::Scheme& s, const std::string& scale)
{
    return s.find_scale(scale) != nullptr;
}

bool has_category(const scheme::Scheme& s, const std::string& id)
{
    return s.find_category(id).has_value();
}

Result<void> check_rating(const scheme::Scheme& s, const std::string& scale,
                          const std::string& target, const std::optional<double>& value)
{
    const scheme::Scale* sc = s.find_scale(scale);
    if (!sc)
        return make_error(ErrorCode::NotFound,
                          "scheme '" + s.id() + "' has no scale '" + scale + "'");
    if (sc->targets.empty())
    {
        if (!target.empty())
            return make_error(ErrorCode::InvalidArgument,
                              "scale '" + scale +
                                  "' is rated once per transcript; it takes no "
                                  "target (got '" +
                                  target + "')");
    }
    else
    {
        if (target.empty())
        {
            std::string list;
            for (auto t : sc->targets)
                list += (list.empty() ? "" : ", ") + std::string(scheme::to_string(t));
            return make_error(ErrorCode::InvalidArgument,
                              "scale '" + scale + "' is rated per target; give one of: " + list);
        }
        auto t = scheme::target_from_string(target);
        bool known = false;
        for (auto st : sc->targets)
            known = known || (t && *t == st);
        if (!known)
            return make_error(ErrorCode::NotFound,
                              "scale '" + scale + "' has no target '" + target + "'");
    }
    if (!value)
    {
        if (!sc->allows_not_scorable)
            return make_error(ErrorCode::InvalidArgument,
                              "scale '" + scale + "' cannot be marked not scorable");
        return {};
    }
    if (!std::isfinite(*value) || !scheme::is_valid_rating(*sc, *value))
        return make_error(ErrorCode::InvalidArgument,
                          "rating " + scheme::format_value(*value) + " is not on scale '" + scale +
                              "' (" + scheme::format_value(sc->min) + " to " +
                              scheme::format_value(sc->max) + " in steps of " +
                              scheme::format_value(sc->step) + ")");
    return {};
}

namespace
{

/// Splits an id that may name a subcategory into (category, subcategory).
struct Split
{
    const scheme::Classification* owner = nullptr;
    std::string category;
    std::optional<std::string> subcategory;
};

Result<Split> split(const scheme::Scheme& s, const std::string& id)
{
    auto ref = s.find_category(id);
    if (!ref)
        return make_error(ErrorCode::NotFound,
                          "scheme '" + s.id() + "' has no category or subcategory '" + id + "'");
    Split out{ref->classification, ref->category->id, std::nullopt};
    if (ref->subcategory)
        out.subcategory = ref->subcategory->id;
    return out;
}

} // namespace

Result<CheckedClassification> check_classification(const scheme::Scheme& s,
                                                   const std::string& category,
                                                   const std::optional<std::string>& subcategory,
                                                   const std::optional<std::string>& unresolved,
                                                   const std::optional<std::string>& alternative)
{
    auto primary = split(s, category);
    if (!primary)
        return primary.error();
    scheme::Assignment a;
    a.primary = primary->category;
    a.subcategory = primary->subcategory;
    if (subcategory)
    {
        if (a.subcategory && *a.subcategory != *subcategory)
            return make_error(ErrorCode::InvalidArgument, "'" + category +
                                                              "' is already a subcategory; it "
                                                              "cannot also be '" +
                                                              *subcategory + "'");
        a.subcategory = subcategory;
    }
    a.unresolved = unresolved;
    if (alternative)
    {
        // The forced alternative may be given as a subcategory (CC with Ds1): it then names the
        // organised category and refines it.
        auto alt = split(s, *alternative);
        if (!alt)
            return alt.error();
        if (alt->owner != primary->owner)
            return make_error(ErrorCode::InvalidArgument,
                              "'" + *alternative + "' belongs to another classification");
        a.alternative = alt->category;
        if (alt->subcategory)
        {
            if (a.subcategory && *a.subcategory != *alt->subcategory)
                return make_error(ErrorCode::InvalidArgument, "two subcategories given: '" +
                                                                  *a.subcategory + "' and '" +
                                                                  *alt->subcategory + "'");
            a.subcategory = alt->subcategory;
        }
    }
    if (auto ok = scheme::check_assignment(*primary->owner, a); !ok)
        return ok.error();
    return CheckedClassification{a.primary, a.subcategory, a.unresolved, a.alternative};
}

std::optional<std::string> missing_part(const scheme::Scheme& s, const std::string& category,
                                        const std::optional<std::string>& subcategory,
                                        const std::optional<std::string>& unresolved,
                                        const std::optional<std::string>& alternative)
{
    const auto ref = s.find_category(category);
    if (!ref)
        return std::nullopt;
    const scheme::Slots& slots = ref->classification->slots;
    if (ref->category->role == scheme::CategoryRole::CannotClassify &&
        slots.alternative == scheme::SlotUse::Required && !alternative)
        return std::string("a forced alternative: the organised category that fits best");
    if (slots.unresolved == scheme::SlotUse::Required && !unresolved)
        return std::string("an unresolved placement");
    if (slots.subcategory == scheme::SlotUse::Required && !subcategory && !ref->subcategory)
    {
        // The organised placement a subcategory refines: the category, or CC's alternative.
        const scheme::Category* organised =
            ref->category->role == scheme::CategoryRole::Organised ? ref->category : nullptr;
        if (alternative)
        {
            const auto alt = s.find_category(*alternative);
            if (alt && alt->subcategory)
                return std::nullopt; // the alternative was given as a subcategory (Ds1)
            organised = alt ? alt->category : nullptr;
        }
        if (organised && !organised->subcategories.empty())
            return "a subcategory of " + organised->id;
    }
    return std::nullopt;
}

bool subcategory_refines_alternative(const scheme::Scheme& s,
                                     const std::optional<std::string>& subcategory,
                                     const std::optional<std::string>& alternative)
{
    if (!subcategory || !alternative)
        return false;
    const auto ref = s.find_category(*subcategory);
    return ref && ref->category->id == *alternative;
}

std::vector<std::string> evidence_codes(const scheme::Scheme& s, const std::string& scale,
                                        const std::string& target)
{
    std::vector<std::string> out;
    const scheme::Scale* sc = s.find_scale(scale);
    if (!sc)
        return out;
    std::optional<scheme::Target> t;
    if (!sc->targets.empty())
    {
        t = scheme::target_from_string(target);
        if (!t || std::find(sc->targets.begin(), sc->targets.end(), *t) == sc->targets.end())
            return out;
    }
    else if (!target.empty())
        return out;
    for (const auto& id : sc->evidence_codes)
    {
        const scheme::Code* c = s.find_code(id);
        // The format links a code to a scale, not to one of its targets; the code's own target
        // says which rating it supports ("Loving episode (mother)" is no evidence for father).
        if (c && (!t || !c->target || *c->target == *t))
            out.push_back(id);
    }
    return out;
}

std::vector<store::AnnotationRecord> evidence(const scheme::Scheme& s, const std::string& scale,
                                              const std::string& target,
                                              const std::vector<store::AnnotationRecord>& all)
{
    const auto codes = evidence_codes(s, scale, target);
    std::vector<store::AnnotationRecord> out;
    for (const auto& a : all)
        if (a.scheme_id == s.id() && std::find(codes.begin(), codes.end(), a.code) != codes.end())
            out.push_back(a);
    return out;
}

std::string code_label(const scheme::Scheme* s, const std::string& code)
{
    const scheme::Code* c = s ? s->find_code(code) : nullptr;
    return c && !c->name.empty() ? c->name : code;
}

std::string scale_label(const scheme::Scheme* s, const std::string& scale,
                        const std::string& target)
{
    const scheme::Scale* sc = s ? s->find_scale(scale) : nullptr;
    std::string out = sc && !sc->name.empty() ? sc->name : scale;
    if (!target.empty())
        out += " (" + target + ")";
    return out;
}

std::string classification_label(const scheme::Scheme* s, const std::string& category,
                                 const std::optional<std::string>& subcategory,
                                 const std::optional<std::string>& unresolved,
                                 const std::optional<std::string>& alternative)
{
    std::string out = unresolved ? *unresolved + "/" : std::string();
    if (alternative)
    {
        // A subcategory stored with a forced alternative refines the alternative (CC with E2);
        // without the scheme it is still the more precise name of the alternative.
        const bool refines =
            subcategory && (!s || subcategory_refines_alternative(*s, subcategory, alternative));
        out += category + " (alternative " + (refines ? *subcategory : *alternative) + ")";
    }
    else
        out += subcategory.value_or(category);
    return out;
}

Result<void> check_memo(const std::string& text, const std::string& what)
{
    // Every code point takes at least one byte, so a text this short is within the limit.
    if (text.size() <= kMaxMemoLength)
        return {};
    const auto length = static_cast<std::size_t>(text::code_point_count(text));
    if (length <= kMaxMemoLength)
        return {};
    return make_error(ErrorCode::TooLarge, "the " + what + " is " + std::to_string(length) +
                                               " characters long; the limit is " +
                                               std::to_string(kMaxMemoLength));
}

std::vector<std::string> shortcut_clashes(const scheme::Scheme& added, const scheme::Scheme& other)
{
    std::vector<std::string> notes;
    const std::string added_id = identity(added).id;
    const std::string other_id = identity(other).id;
    if (added_id == other_id)
        return notes; // a new version of the same scheme replaces it
    for (const auto& c : added.codes())
    {
        if (!c.shortcut)
            continue;
        if (const scheme::Code* o = other.find_code_by_shortcut(*c.shortcut))
        {
            // The workbench applies the code of the scheme that sorts first (by id).
            const bool added_first = added_id < other_id;
            notes.push_back("shortcut " + *c.shortcut + " is code '" + c.id + "' of scheme '" +
                            added_id + "' and code '" + o->id + "' of scheme '" + other_id +
                            "'; the key applies '" + (added_first ? c.id : o->id) +
                            "' (the workbench says so) — change one of them to tell the codes "
                            "apart");
        }
    }
    return notes;
}

} // namespace attune::project::rules
