// SPDX-License-Identifier: GPL-3.0-or-later
// Assignments: who codes which transcript (team.h).
#include "core/project/session_access.h"
#include "core/project/study_rules.h"
#include "core/store/team_tables.h"
#include "core/team/team.h"
#include "core/team/team_detail.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <limits>
#include <random>
#include <set>

namespace attune::team
{

namespace
{

// A uniform draw from [0, n) by rejection, so that the draw depends only on the standard's
// fully specified mt19937_64 and not on a library's distribution.
std::uint64_t below(std::mt19937_64& gen, std::uint64_t n)
{
    const std::uint64_t limit =
        std::numeric_limits<std::uint64_t>::max() - std::numeric_limits<std::uint64_t>::max() % n;
    std::uint64_t x = gen();
    while (x >= limit)
        x = gen();
    return x % n;
}

// Fisher-Yates, from the last element down.
void shuffle(std::vector<TranscriptId>& v, std::uint64_t seed)
{
    std::mt19937_64 gen(seed);
    for (std::size_t i = v.size(); i > 1; --i)
        std::swap(v[i - 1], v[below(gen, i)]);
}

Result<void> check_request(store::ProjectStore& store, const AssignRequest& r)
{
    if (r.coders.empty())
        return make_error(ErrorCode::InvalidArgument, "name at least one coder");
    std::set<CoderId> seen;
    for (const auto c : r.coders)
    {
        if (!store.coder_by_id(c))
            return make_error(ErrorCode::NotFound, "no coder " + std::to_string(c.value()));
        if (!seen.insert(c).second)
            return make_error(ErrorCode::InvalidArgument,
                              "coder '" + store.coder_by_id(c)->name + "' is named twice");
    }
    if (r.transcripts.empty() && !r.share)
        return make_error(ErrorCode::InvalidArgument,
                          "give the reliability subset: transcripts, or a share to draw");
    if (r.share && !(*r.share > 0.0 && *r.share <= 1.0))
        return make_error(ErrorCode::InvalidArgument,
                          "the share must be more than 0 and at most 1 (e.g. 0.25)");
    for (const auto t : r.transcripts)
        if (!store.transcript(t))
            return make_error(ErrorCode::NotFound, "no transcript " + std::to_string(t.value()));
    return {};
}

} // namespace

Result<AssignOutcome> assign(project::Session& session, const AssignRequest& request)
{
    auto& store = project::SessionAccess::store(session);
    try
    {
        if (store.db().read_only())
            return make_error(ErrorCode::Io, store.db().read_only_message());
        if (store::is_package(store.db()))
            return package_refusal("assign transcripts");
        if (auto ok = check_request(store, request); !ok)
            return ok.error();

        std::vector<TranscriptId> current;
        for (const auto& t : project::current_transcripts(store.transcripts()))
            current.push_back(t.id);
        if (current.empty())
            return make_error(ErrorCode::InvalidArgument, "the project has no transcripts");

        AssignOutcome out;
        std::vector<TranscriptId> order = current;
        shuffle(order, request.seed);
        if (!request.transcripts.empty())
        {
            out.reliability = request.transcripts;
            std::sort(out.reliability.begin(), out.reliability.end());
            out.reliability.erase(std::unique(out.reliability.begin(), out.reliability.end()),
                                  out.reliability.end());
        }
        else
        {
            const auto n =
                std::max<std::size_t>(1, static_cast<std::size_t>(std::llround(
                                             *request.share * static_cast<double>(order.size()))));
            out.reliability.assign(order.begin(), order.begin() + static_cast<std::ptrdiff_t>(
                                                                      std::min(n, order.size())));
        }
        const std::set<TranscriptId> subset(out.reliability.begin(), out.reliability.end());
        for (const auto c : request.coders)
            out.rest.emplace_back(c, std::vector<TranscriptId>{});
        if (request.split_rest)
        {
            std::size_t next = 0;
            for (const auto t : order)
                if (!subset.count(t))
                    out.rest[next++ % out.rest.size()].second.push_back(t);
        }

        const auto now = store::now_iso8601();
        store::Transaction tx(store.db());
        nlohmann::json after = nlohmann::json::object();
        for (const auto& [coder, rest] : out.rest)
        {
            std::vector<store::AssignmentRecord> rows;
            nlohmann::json mine = nlohmann::json::array();
            for (const auto t : out.reliability)
                rows.push_back({t, coder, true, now}), mine.push_back(t.value());
            for (const auto t : rest)
                rows.push_back({t, coder, false, now}), mine.push_back(t.value());
            store::replace_assignments(store.db(), coder, rows);
            after[store.coder_by_id(coder)->name] = mine;
        }
        nlohmann::json subset_json = nlohmann::json::array();
        for (const auto t : out.reliability)
            subset_json.push_back(t.value());
        after["reliability"] = subset_json;
        if (request.share)
            after["share"] = *request.share, after["seed"] = request.seed;
        store.append_audit({0, now, project::SessionAccess::user(session), "assign", "assignments",
                            std::nullopt, after.dump()});
        tx.commit();
        project::SessionAccess::changed_in_bulk(session, "Assign transcripts");
        return out;
    }
    catch (const store::StoreError& e)
    {
        return e.to_error();
    }
}

std::vector<Assignment> assignments(project::Session& session)
{
    std::vector<Assignment> out;
    for (const auto& a : store::assignments(project::SessionAccess::store(session).db()))
        out.push_back({a.transcript_id, a.coder_id, a.reliability, a.assigned});
    return out;
}

Error package_refusal(const std::string& what)
{
    return make_error(ErrorCode::Conflict, "this file is a coder's package, not the project: " +
                                               what + " in the project it was made from");
}

} // namespace attune::team
