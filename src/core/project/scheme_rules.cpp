// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/project/scheme_rules.h"

#include "core/scheme/scheme.h"

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
                              "scale '" + scale + "' is rated once per transcript; it takes no "
                              "target (got '" + target + "')");
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
                          "rating " + scheme::format_value(*value) + " is not on scale '" +
                              scale + "' (" + scheme::format_value(sc->min) + " to " +
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
                return make_error(ErrorCode::InvalidArgument,
                                  "two subcategories given: '" + *a.subcategory + "' and '" +
                                      *alt->subcategory + "'");
            a.subcategory = alt->subcategory;
        }
    }
    if (auto ok = scheme::check_assignment(*primary->owner, a); !ok)
        return ok.error();
    return CheckedClassification{a.primary, a.subcategory, a.unresolved, a.alternative};
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

} // namespace attune::project::rules
