// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/io/listing_json.h"

#include <nlohmann/json.hpp>

#include <optional>

namespace attune::io
{
namespace
{

template <typename T> nlohmann::json or_null(const std::optional<T>& v)
{
    return v ? nlohmann::json(*v) : nlohmann::json(nullptr);
}

} // namespace

std::string transcripts_json(const std::vector<project::TranscriptSummary>& transcripts,
                             const std::vector<std::vector<AssignedCoder>>& assigned)
{
    nlohmann::json out = nlohmann::json::array();
    for (std::size_t i = 0; i < transcripts.size(); ++i)
    {
        const auto& t = transcripts[i];
        const auto& r = t.transcript;
        nlohmann::json who = nlohmann::json::array();
        if (i < assigned.size())
            for (const auto& a : assigned[i])
                who.push_back({{"coder", a.coder}, {"reliability", a.reliability}});
        out.push_back({{"id", r.id},
                       {"uuid", r.uuid},
                       {"title", r.title},
                       {"participant", or_null(r.participant)},
                       {"words", r.word_count},
                       {"turns", r.turn_count},
                       {"version", r.version},
                       {"supersedes", or_null(r.supersedes)},
                       {"supersedes_uuid", or_null(r.supersedes_uuid)},
                       {"coders", t.coders},
                       {"assigned", who}});
    }
    return out.dump(2);
}

std::string coders_json(const std::vector<project::CoderProgress>& coders)
{
    nlohmann::json out = nlohmann::json::array();
    for (const auto& p : coders)
        out.push_back({{"id", p.coder.id},
                       {"uuid", p.coder.uuid},
                       {"name", p.coder.name},
                       {"role", p.coder.role},
                       {"transcripts", p.transcripts_coded},
                       {"annotations", p.annotations},
                       {"ratings", p.ratings},
                       {"classified", p.classified}});
    return out.dump(2);
}

} // namespace attune::io
