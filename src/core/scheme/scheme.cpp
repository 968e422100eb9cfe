// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/scheme/scheme.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <cstdio>

namespace attune::scheme
{

namespace
{

// Grid checks compare in units of steps; scales are small (≤ a few hundred points), so a fixed
// tolerance far below any sensible step is safe.
constexpr double kEpsilon = 1e-9;

template <typename T>
void build_index(const std::vector<T>& items, std::unordered_map<std::string, std::size_t>& index)
{
    for (std::size_t i = 0; i < items.size(); ++i)
    {
        const bool inserted = index.emplace(items[i].id, i).second;
        ATTUNE_ASSERT(inserted);
    }
}

char ascii_upper(char c)
{
    return (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c;
}

std::string ascii_lower(std::string_view s)
{
    std::string out(s);
    for (char& c : out)
        if (c >= 'A' && c <= 'Z')
            c = static_cast<char>(c - 'A' + 'a');
    return out;
}

int hex_digit(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

const CollapsingEntry* entry_for(const Collapsing& k, std::string_view id)
{
    for (const auto& e : k.entries)
        if (e.category == id)
            return &e;
    return nullptr;
}

const Category* category_in(const Classification& c, std::string_view id)
{
    for (const auto& cat : c.categories)
        if (cat.id == id)
            return &cat;
    return nullptr;
}

const Category* owner_of_subcategory(const Classification& c, std::string_view id)
{
    for (const auto& cat : c.categories)
        for (const auto& sub : cat.subcategories)
            if (sub.id == id)
                return &cat;
    return nullptr;
}

} // namespace

const char* to_string(Target t) noexcept
{
    switch (t)
    {
    case Target::Mother: return "mother";
    case Target::Father: return "father";
    case Target::Other: return "other";
    case Target::Self: return "self";
    }
    return "?";
}

std::optional<Target> target_from_string(std::string_view s) noexcept
{
    for (Target t : {Target::Mother, Target::Father, Target::Other, Target::Self})
        if (s == to_string(t))
            return t;
    return std::nullopt;
}

const char* to_string(Level l) noexcept
{
    return l == Level::Interval ? "interval" : "ordinal";
}

const char* to_string(CategoryRole r) noexcept
{
    switch (r)
    {
    case CategoryRole::Organised: return "organised";
    case CategoryRole::Unresolved: return "unresolved";
    case CategoryRole::CannotClassify: return "cannot-classify";
    }
    return "?";
}

Scheme::Scheme(SchemeData data) : m_data(std::move(data))
{
    build_index(m_data.codes, m_code_index);
    build_index(m_data.groups, m_group_index);
    build_index(m_data.scales, m_scale_index);
}

const ConsensusReason* Scheme::find_consensus_reason(std::string_view id) const
{
    // Few reasons and rare look-ups: a scan, no index.
    for (const auto& r : m_data.consensus_reasons)
        if (r.id == id)
            return &r;
    return nullptr;
}

const Code* Scheme::find_code(std::string_view id) const
{
    auto it = m_code_index.find(std::string(id));
    return it == m_code_index.end() ? nullptr : &m_data.codes[it->second];
}

const CodeGroup* Scheme::find_group(std::string_view id) const
{
    auto it = m_group_index.find(std::string(id));
    return it == m_group_index.end() ? nullptr : &m_data.groups[it->second];
}

const Scale* Scheme::find_scale(std::string_view id) const
{
    auto it = m_scale_index.find(std::string(id));
    return it == m_scale_index.end() ? nullptr : &m_data.scales[it->second];
}

const Classification* Scheme::find_classification(std::string_view id) const
{
    for (const auto& c : m_data.classifications)
        if (c.id == id)
            return &c;
    return nullptr;
}

std::optional<CategoryRef> Scheme::find_category(std::string_view id) const
{
    for (const auto& c : m_data.classifications)
        for (const auto& cat : c.categories)
        {
            if (cat.id == id)
                return CategoryRef{&c, &cat, nullptr};
            for (const auto& sub : cat.subcategories)
                if (sub.id == id)
                    return CategoryRef{&c, &cat, &sub};
        }
    return std::nullopt;
}

const Collapsing* Scheme::find_collapsing(std::string_view id, const Classification** owner) const
{
    for (const auto& c : m_data.classifications)
        for (const auto& k : c.collapsings)
            if (k.id == id)
            {
                if (owner)
                    *owner = &c;
                return &k;
            }
    return nullptr;
}

const Code* Scheme::find_code_by_shortcut(std::string_view shortcut) const
{
    const auto norm = normalise_shortcut(shortcut);
    if (!norm)
        return nullptr;
    for (const auto& code : m_data.codes)
        if (code.shortcut == norm)
            return &code;
    return nullptr;
}

std::vector<const Code*> Scheme::evidence_for(std::string_view scale_id) const
{
    std::vector<const Code*> out;
    if (const Scale* s = find_scale(scale_id))
        for (const auto& id : s->evidence_codes)
            if (const Code* c = find_code(id))
                out.push_back(c);
    return out;
}

std::vector<const Scale*> Scheme::scales_using(std::string_view code_id) const
{
    std::vector<const Scale*> out;
    for (const auto& s : m_data.scales)
        if (std::find(s.evidence_codes.begin(), s.evidence_codes.end(), code_id) !=
            s.evidence_codes.end())
            out.push_back(&s);
    return out;
}

bool is_valid_rating(const Scale& scale, double value) noexcept
{
    if (!std::isfinite(value) || scale.step <= 0)
        return false;
    if (value < scale.min - kEpsilon || value > scale.max + kEpsilon)
        return false;
    const double steps = (value - scale.min) / scale.step;
    return std::fabs(steps - std::round(steps)) < 1e-6;
}

std::vector<double> scale_points(const Scale& scale)
{
    std::vector<double> out;
    if (scale.step <= 0 || !(scale.max > scale.min))
        return out;
    // Multiplying instead of accumulating keeps 0.1-style steps free of drift.
    const auto n = static_cast<long long>(std::llround((scale.max - scale.min) / scale.step));
    for (long long i = 0; i <= n; ++i)
        out.push_back(scale.min + static_cast<double>(i) * scale.step);
    return out;
}

std::string format_value(double v)
{
    // 15 significant digits, trailing zeros dropped: every digit a number written in a scheme
    // or typed by a coder has, so 5.000001 never reads as 5 in "rating 5.000001 is not on scale"
    // (%.6g rounded it), while a grid point computed as min + k·step (0.1 + 0.2 is
    // 0.30000000000000004) reads as the 0.3 it stands for. −0 is 0.
    if (v == 0)
        v = 0;
    std::array<char, 32> buf{};
    const auto [end, ec] =
        std::to_chars(buf.data(), buf.data() + buf.size(), v, std::chars_format::general, 15);
    ATTUNE_ASSERT(ec == std::errc());
    return std::string(buf.data(), end);
}

Result<void> check_assignment(const Classification& c, const Assignment& a)
{
    const Category* primary = category_in(c, a.primary);
    if (!primary)
    {
        if (owner_of_subcategory(c, a.primary))
            return make_error(ErrorCode::InvalidArgument,
                              "'" + a.primary + "' is a subcategory; give its category as primary");
        return make_error(ErrorCode::NotFound,
                          "no category '" + a.primary + "' in classification '" + c.id + "'");
    }
    if (primary->role == CategoryRole::Unresolved)
        return make_error(ErrorCode::InvalidArgument,
                          "'" + a.primary +
                              "' is an unresolved category: it goes on top of a primary category");

    // The organised category a subcategory may refine: the primary itself, or the forced
    // alternative when the primary is cannot-classify.
    const Category* organised = primary->role == CategoryRole::Organised ? primary : nullptr;

    if (a.alternative)
    {
        if (c.slots.alternative == SlotUse::None)
            return make_error(ErrorCode::InvalidArgument,
                              "classification '" + c.id + "' has no alternative slot");
        if (primary->role != CategoryRole::CannotClassify)
            return make_error(ErrorCode::InvalidArgument,
                              "an alternative goes only with a cannot-classify category");
        const Category* alt = category_in(c, *a.alternative);
        if (!alt)
            return make_error(ErrorCode::NotFound, "no category '" + *a.alternative +
                                                       "' in classification '" + c.id + "'");
        if (alt->role != CategoryRole::Organised)
            return make_error(ErrorCode::InvalidArgument,
                              "the alternative '" + *a.alternative + "' is not organised");
        organised = alt;
    }
    else if (primary->role == CategoryRole::CannotClassify &&
             c.slots.alternative == SlotUse::Required)
        return make_error(ErrorCode::InvalidArgument,
                          "'" + a.primary + "' (" + primary->name +
                              ") needs a forced alternative: the organised category that fits "
                              "best");

    if (a.unresolved)
    {
        if (c.slots.unresolved == SlotUse::None)
            return make_error(ErrorCode::InvalidArgument,
                              "classification '" + c.id + "' has no unresolved slot");
        const Category* u = category_in(c, *a.unresolved);
        if (!u)
            return make_error(ErrorCode::NotFound, "no category '" + *a.unresolved +
                                                       "' in classification '" + c.id + "'");
        if (u->role != CategoryRole::Unresolved)
            return make_error(ErrorCode::InvalidArgument,
                              "'" + *a.unresolved + "' is not an unresolved category");
    }
    else if (c.slots.unresolved == SlotUse::Required)
        return make_error(ErrorCode::InvalidArgument, "an unresolved placement is required");

    if (a.subcategory)
    {
        if (c.slots.subcategory == SlotUse::None)
            return make_error(ErrorCode::InvalidArgument,
                              "classification '" + c.id + "' has no subcategories");
        const Category* owner = owner_of_subcategory(c, *a.subcategory);
        if (!owner)
            return make_error(ErrorCode::NotFound, "no subcategory '" + *a.subcategory +
                                                       "' in classification '" + c.id + "'");
        if (owner != organised)
            return make_error(ErrorCode::InvalidArgument, "subcategory '" + *a.subcategory +
                                                              "' belongs to '" + owner->id +
                                                              "', not to the organised placement");
    }
    else if (c.slots.subcategory == SlotUse::Required && organised &&
             !organised->subcategories.empty())
        return make_error(ErrorCode::InvalidArgument,
                          "a subcategory of '" + organised->id + "' is required");
    return {};
}

std::optional<std::string> collapse(const Classification& c, const Collapsing& k,
                                    const Assignment& a)
{
    // One slot: its subcategory entry wins over the category entry (a collapsing lists one or
    // the other, never both); a missing entry for a listed-by-subcategory category is undecided.
    struct Decision
    {
        bool decided = false;
        std::optional<std::string> label;
    };
    auto decide = [&](const std::string& category,
                      const std::optional<std::string>& sub) -> Decision
    {
        if (const auto* e = entry_for(k, category))
            return {true, e->label};
        if (sub)
        {
            const Category* owner = owner_of_subcategory(c, *sub);
            if (owner && owner->id == category)
                if (const auto* e = entry_for(k, *sub))
                    return {true, e->label};
        }
        return {};
    };

    const Category* primary = category_in(c, a.primary);
    const bool cc = primary && primary->role == CategoryRole::CannotClassify;
    std::vector<std::pair<std::string, std::optional<std::string>>> order;
    if (a.unresolved)
        order.emplace_back(*a.unresolved, std::nullopt);
    order.emplace_back(a.primary, cc ? std::nullopt : a.subcategory);
    if (cc && a.alternative)
        order.emplace_back(*a.alternative, a.subcategory);

    for (const auto& [category, sub] : order)
    {
        const Decision d = decide(category, sub);
        if (!d.decided)
            return std::nullopt;
        if (d.label)
            return d.label;
    }
    return std::nullopt;
}

std::optional<std::string> normalise_shortcut(std::string_view s)
{
    bool ctrl = false;
    bool alt = false;
    bool shift = false;
    std::string key;
    std::size_t pos = 0;
    while (pos <= s.size())
    {
        const std::size_t plus = s.find('+', pos);
        const std::string_view part =
            s.substr(pos, plus == std::string_view::npos ? std::string_view::npos : plus - pos);
        const bool last = plus == std::string_view::npos;
        if (part.empty())
            return std::nullopt;
        const std::string lower = ascii_lower(part);
        if (!last)
        {
            bool* flag = lower == "ctrl"    ? &ctrl
                         : lower == "alt"   ? &alt
                         : lower == "shift" ? &shift
                                            : nullptr;
            if (!flag || *flag)
                return std::nullopt;
            *flag = true;
            pos = plus + 1;
            continue;
        }
        if (part.size() == 1 &&
            ((part[0] >= '0' && part[0] <= '9') || (lower[0] >= 'a' && lower[0] <= 'z')))
            key = std::string(1, ascii_upper(part[0]));
        else if (lower.size() >= 2 && lower.size() <= 3 && lower[0] == 'f')
        {
            int n = 0;
            for (std::size_t i = 1; i < lower.size(); ++i)
            {
                if (lower[i] < '0' || lower[i] > '9')
                    return std::nullopt;
                n = n * 10 + (lower[i] - '0');
            }
            if (n < 1 || n > 12 || lower[1] == '0')
                return std::nullopt;
            key = "F" + std::to_string(n);
        }
        else
            return std::nullopt;
        break;
    }
    return shortcut_text(ctrl, alt, shift, key);
}

std::string shortcut_text(bool ctrl, bool alt, bool shift, const std::string& key)
{
    std::string out;
    if (ctrl)
        out += "Ctrl+";
    if (alt)
        out += "Alt+";
    if (shift)
        out += "Shift+";
    return out + key;
}

std::optional<std::uint32_t> parse_colour(std::string_view s) noexcept
{
    if (s.size() != 7 || s[0] != '#')
        return std::nullopt;
    std::uint32_t v = 0;
    for (std::size_t i = 1; i < 7; ++i)
    {
        const int d = hex_digit(s[i]);
        if (d < 0)
            return std::nullopt;
        v = (v << 4) | static_cast<std::uint32_t>(d);
    }
    return v;
}

std::string format_colour(std::uint32_t rgb)
{
    std::array<char, 8> buf{};
    std::snprintf(buf.data(), buf.size(), "#%06x", static_cast<unsigned>(rgb & 0xFFFFFFu));
    return buf.data();
}

} // namespace attune::scheme
