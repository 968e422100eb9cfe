// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/progress_rows.h"

#include "core/project/study_rules.h"

namespace attune::app
{

std::vector<ProgressRow>
make_progress_rows(const std::vector<store::TranscriptRecord>& transcripts,
                   const std::vector<store::AnnotationRecord>& annotations,
                   const std::vector<store::RatingRecord>& ratings,
                   const std::vector<store::ClassificationRecord>& classes,
                   const std::vector<std::shared_ptr<const scheme::Scheme>>& schemes)
{
    const auto current = project::current_transcripts(transcripts);
    std::vector<project::TranscriptId> ids;
    ids.reserve(current.size());
    for (const auto& t : current)
        ids.push_back(t.id);
    const auto progress = project::transcript_progress(ids, annotations, ratings, classes, schemes);
    std::vector<ProgressRow> rows;
    rows.reserve(current.size());
    for (std::size_t i = 0; i < current.size(); ++i)
    {
        const auto& t = current[i];
        const auto& p = progress[i];
        rows.push_back({t.id, t.title, t.participant.value_or(""), p.passages, p.rated, p.rateable,
                        p.classified()});
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
