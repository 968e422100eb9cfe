// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/analysis/side_by_side.h"

#include "core/project/scheme_rules.h"
#include "core/scheme/scheme.h"
#include "core/store/database.h"

#include <algorithm>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <tuple>

namespace attune::analysis
{

namespace
{

using project::Coder;
using project::Session;

/// Where a rating's row goes: the scheme, the scale's place in it, the target's place.
using RatingKey = std::tuple<std::string, std::size_t, std::size_t, std::string, std::string>;

RatingKey rating_key(const scheme::Scheme* s, const project::Rating& r)
{
    std::size_t scale_at = 0;
    std::size_t target_at = 0;
    if (s)
    {
        const auto& scales = s->scales();
        for (scale_at = 0; scale_at < scales.size() && scales[scale_at].id != r.scale; ++scale_at)
            ;
        if (scale_at < scales.size())
        {
            const auto& targets = scales[scale_at].targets;
            for (target_at = 0;
                 target_at < targets.size() && scheme::to_string(targets[target_at]) != r.target;
                 ++target_at)
                ;
        }
    }
    return {r.scheme_id, scale_at, target_at, r.scale, r.target};
}

std::string rating_text(const project::Rating& r)
{
    return r.not_scorable || !r.value ? "not scorable" : scheme::format_value(*r.value);
}

/// max − min of the scores of the independent columns, "differs" when a not-scorable meets a
/// score, "" when fewer than two have a value.
std::string rating_difference(const std::vector<const project::Rating*>& of,
                              const std::vector<bool>& independent)
{
    std::vector<double> scores;
    int given = 0;
    bool not_scorable = false;
    for (std::size_t i = 0; i < of.size(); ++i)
    {
        if (!independent[i] || !of[i])
            continue;
        ++given;
        if (of[i]->not_scorable || !of[i]->value)
            not_scorable = true;
        else
            scores.push_back(*of[i]->value);
    }
    if (given < 2)
        return {};
    if (not_scorable)
        return scores.empty() ? "0" : "differs";
    const auto [lo, hi] = std::minmax_element(scores.begin(), scores.end());
    return scheme::format_value(*hi - *lo);
}

std::string label_difference(const std::vector<std::string>& values,
                             const std::vector<bool>& independent)
{
    std::set<std::string> seen;
    int given = 0;
    for (std::size_t i = 0; i < values.size(); ++i)
        if (independent[i] && !values[i].empty())
            ++given, seen.insert(values[i]);
    if (given < 2)
        return {};
    return seen.size() > 1 ? "differs" : "same";
}

void add_ratings(Session& session, project::TranscriptId transcript, const SideBySide& table,
                 const std::vector<bool>& independent, std::vector<SideBySideRow>& rows)
{
    std::map<RatingKey, std::vector<std::optional<project::Rating>>> by_key;
    std::map<std::string, std::shared_ptr<const scheme::Scheme>> schemes;
    for (std::size_t i = 0; i < table.coders.size(); ++i)
        for (auto& r : session.ratings(transcript, table.coders[i].id))
        {
            if (!schemes.count(r.scheme_id))
            {
                auto s = session.scheme(r.scheme_id);
                schemes[r.scheme_id] = s ? *s : nullptr;
            }
            auto& slot = by_key[rating_key(schemes[r.scheme_id].get(), r)];
            slot.resize(table.coders.size());
            slot[i] = std::move(r);
        }
    for (const auto& [key, of] : by_key)
    {
        SideBySideRow row;
        row.scheme_id = std::get<0>(key);
        row.id = std::get<3>(key);
        row.target = std::get<4>(key);
        row.label = project::rules::scale_label(schemes[row.scheme_id].get(), row.id, row.target);
        std::vector<const project::Rating*> given;
        for (const auto& r : of)
        {
            given.push_back(r ? &*r : nullptr);
            row.values.push_back(r ? rating_text(*r) : std::string());
        }
        row.difference = rating_difference(given, independent);
        rows.push_back(std::move(row));
    }
}

/// The rows of one scheme's classification: as stated, then at each collapsing.
void add_classification(const scheme::Scheme& s, const scheme::Classification& c,
                        const std::vector<const project::Classification*>& of,
                        const std::vector<bool>& independent, std::vector<SideBySideRow>& rows)
{
    const std::string name = c.name.empty() ? c.id : c.name;
    SideBySideRow stated{SideBySideRow::Kind::Classification, s.id(), c.id, {}, name, {}, {}};
    for (const auto* k : of)
        stated.values.push_back(
            k ? project::rules::classification_label(&s, k->category, k->subcategory, k->unresolved,
                                                     k->alternative)
              : std::string());
    stated.difference = label_difference(stated.values, independent);
    rows.push_back(std::move(stated));
    for (const auto& collapsing : c.collapsings)
    {
        SideBySideRow row{SideBySideRow::Kind::Collapsing,
                          s.id(),
                          collapsing.id,
                          {},
                          name + ": " + (collapsing.name.empty() ? collapsing.id : collapsing.name),
                          {},
                          {}};
        for (const auto* k : of)
        {
            std::optional<std::string> label;
            if (k)
                label = scheme::collapse(
                    c, collapsing, {k->category, k->subcategory, k->unresolved, k->alternative});
            row.values.push_back(label.value_or(""));
        }
        row.difference = label_difference(row.values, independent);
        rows.push_back(std::move(row));
    }
}

void add_classifications(Session& session, project::TranscriptId transcript,
                         const SideBySide& table, const std::vector<bool>& independent,
                         std::vector<SideBySideRow>& rows)
{
    // By scheme, then by the classification the category belongs to.
    std::map<std::string, std::vector<std::optional<project::Classification>>> by_scheme;
    for (std::size_t i = 0; i < table.coders.size(); ++i)
        for (auto& k : session.classifications(transcript, table.coders[i].id))
        {
            auto& slot = by_scheme[k.scheme_id];
            slot.resize(table.coders.size());
            slot[i] = std::move(k);
        }
    for (const auto& [scheme_id, of] : by_scheme)
    {
        auto s = session.scheme(scheme_id);
        if (!s)
            continue; // cannot be loaded: no names, no collapsings
        for (const auto& c : (*s)->classifications())
        {
            std::vector<const project::Classification*> mine;
            bool any = false;
            for (const auto& k : of)
            {
                const auto ref = k ? (*s)->find_category(k->category) : std::nullopt;
                const bool here = ref && ref->classification == &c;
                mine.push_back(here ? &*k : nullptr);
                any = any || here;
            }
            if (any)
                add_classification(**s, c, mine, independent, rows);
        }
    }
}

} // namespace

Result<SideBySide> side_by_side(Session& session, project::TranscriptId transcript,
                                const std::vector<std::string>& coders)
{
    if (coders.empty())
        return make_error(ErrorCode::InvalidArgument, "name at least one coder to compare");
    if (auto t = session.transcript(transcript); !t)
        return t.error();
    SideBySide table;
    std::set<std::string> seen;
    for (const auto& name : coders)
    {
        if (!seen.insert(name).second)
            return make_error(ErrorCode::InvalidArgument, "coder '" + name + "' is named twice");
        auto c = session.coder(name);
        if (!c)
            return c.error();
        table.coders.push_back(*c);
    }
    std::vector<bool> independent;
    for (const auto& c : table.coders)
        independent.push_back(c.role != "consensus");
    try
    {
        add_ratings(session, transcript, table, independent, table.rows);
        add_classifications(session, transcript, table, independent, table.rows);
    }
    catch (const store::StoreError& e)
    {
        return e.to_error();
    }
    return table;
}

} // namespace attune::analysis
