// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/progress_rows.h"

#include <map>
#include <set>

namespace attune::app
{

std::vector<ProgressRow> make_progress_rows(const std::vector<store::TranscriptRecord>& transcripts,
                                            const std::vector<store::AnnotationRecord>& annotations,
                                            const std::vector<store::RatingRecord>& ratings,
                                            const std::vector<store::ClassificationRecord>& classes,
                                            const std::vector<SchemeView>& schemes)
{
    std::int64_t rateable = 0;
    std::set<std::string> known_scales; // "scheme/scale/target": only these count as rated
    for (const auto& v : schemes)
        for (const auto& s : v.scales)
        {
            if (s.targets.empty())
            {
                ++rateable;
                known_scales.insert(v.id + "/" + s.id + "/");
            }
            for (const auto& t : s.targets)
            {
                ++rateable;
                known_scales.insert(v.id + "/" + s.id + "/" + t);
            }
        }
    std::set<std::int64_t> superseded;
    for (const auto& t : transcripts)
        if (t.supersedes)
            superseded.insert(*t.supersedes);
    std::map<std::int64_t, std::int64_t> passages;
    for (const auto& a : annotations)
        ++passages[a.transcript_id];
    std::map<std::int64_t, std::int64_t> rated;
    for (const auto& r : ratings)
        if (known_scales.count(r.scheme_id + "/" + r.scale + "/" + r.target))
            ++rated[r.transcript_id];
    std::set<std::int64_t> classified;
    for (const auto& c : classes)
        classified.insert(c.transcript_id);

    std::vector<ProgressRow> rows;
    for (const auto& t : transcripts)
    {
        if (superseded.count(t.id))
            continue;
        ProgressRow r;
        r.transcript_id = t.id;
        r.title = t.title;
        r.participant = t.participant.value_or("");
        r.passages = passages[t.id];
        r.rated = rated[t.id];
        r.rateable = rateable;
        r.classified = classified.count(t.id) > 0;
        rows.push_back(std::move(r));
    }
    return rows;
}

std::string format_rated(const ProgressRow& r)
{
    if (r.rateable == 0)
        return "\u2014";
    return std::to_string(r.rated) + "/" + std::to_string(r.rateable);
}

} // namespace attune::app
