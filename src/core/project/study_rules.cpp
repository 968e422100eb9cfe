// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/project/study_rules.h"

#include "core/scheme/scheme.h"

#include <map>
#include <set>
#include <string>
#include <tuple>

namespace attune::project
{

namespace
{

template <typename Row, typename Of>
std::vector<Row> newest_versions(const std::vector<Row>& all, Of transcript_of)
{
    std::set<TranscriptId> superseded;
    for (const auto& row : all)
        if (const auto& older = transcript_of(row).supersedes)
            superseded.insert(*older);
    std::vector<Row> out;
    for (const auto& row : all)
        if (!superseded.count(transcript_of(row).id))
            out.push_back(row);
    return out;
}

using ScaleKey = std::tuple<std::string, std::string, std::string>; ///< scheme, scale, target

} // namespace

std::vector<Transcript> current_transcripts(const std::vector<Transcript>& all)
{
    return newest_versions(all, [](const Transcript& t) -> const Transcript& { return t; });
}

std::vector<TranscriptSummary> current_transcripts(const std::vector<TranscriptSummary>& all)
{
    return newest_versions(
        all, [](const TranscriptSummary& t) -> const Transcript& { return t.transcript; });
}

std::vector<SchemeInfo> latest_schemes(const std::vector<SchemeInfo>& all)
{
    std::vector<SchemeInfo> out;
    std::map<std::string, std::size_t> slot;
    for (const auto& info : all)
    {
        const auto [it, first] = slot.emplace(info.scheme_id, out.size());
        if (first)
            out.push_back(info);
        else if (info.id > out[it->second].id) // a later row is a newer version
            out[it->second] = info;
    }
    return out;
}

std::vector<TranscriptProgress>
transcript_progress(const std::vector<TranscriptId>& transcripts,
                    const std::vector<Annotation>& annotations, const std::vector<Rating>& ratings,
                    const std::vector<Classification>& classifications,
                    const std::vector<std::shared_ptr<const scheme::Scheme>>& schemes)
{
    std::set<ScaleKey> instances;
    for (const auto& s : schemes)
        if (s)
            for (const auto& scale : s->scales())
            {
                if (scale.targets.empty())
                    instances.emplace(s->id(), scale.id, "");
                for (const auto target : scale.targets)
                    instances.emplace(s->id(), scale.id, scheme::to_string(target));
            }
    std::map<TranscriptId, TranscriptProgress> by_transcript;
    for (const TranscriptId id : transcripts)
    {
        auto& p = by_transcript[id];
        p.transcript = id;
        p.rateable = static_cast<std::int64_t>(instances.size());
    }
    auto progress_of = [&](TranscriptId id) -> TranscriptProgress*
    {
        const auto it = by_transcript.find(id);
        return it == by_transcript.end() ? nullptr : &it->second;
    };
    for (const auto& a : annotations)
        if (auto* p = progress_of(a.transcript_id))
            ++p->passages;
    for (const auto& r : ratings)
        if (auto* p = progress_of(r.transcript_id))
        {
            ++p->ratings;
            if (instances.count({r.scheme_id, r.scale, r.target}))
                ++p->rated;
        }
    for (const auto& c : classifications)
        if (auto* p = progress_of(c.transcript_id))
            ++p->classifications;
    std::vector<TranscriptProgress> out;
    out.reserve(transcripts.size());
    for (const TranscriptId id : transcripts)
        out.push_back(by_transcript[id]);
    return out;
}

CoderProgress coder_progress(const Coder& coder, const std::vector<Annotation>& annotations,
                             const std::vector<Rating>& ratings,
                             const std::vector<Classification>& classifications)
{
    std::set<TranscriptId> worked_on;
    for (const auto& a : annotations)
        worked_on.insert(a.transcript_id);
    for (const auto& r : ratings)
        worked_on.insert(r.transcript_id);
    for (const auto& c : classifications)
        worked_on.insert(c.transcript_id);
    CoderProgress total{coder, 0, 0, 0, 0};
    for (const auto& p : transcript_progress({worked_on.begin(), worked_on.end()}, annotations,
                                             ratings, classifications, {}))
    {
        total.transcripts_coded += p.passages > 0 ? 1 : 0;
        total.annotations += p.passages;
        total.ratings += p.ratings;
        total.classified += p.classifications;
    }
    return total;
}

} // namespace attune::project
