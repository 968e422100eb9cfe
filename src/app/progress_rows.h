// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The transcript list's rows: each current transcript with its participant and the current
// coder's progress on it. The rules are core's (project::current_transcripts,
// project::transcript_progress); this file only joins them with the names the list shows.

#include "core/project/session.h" // the records, and scheme::Scheme declared

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace attune::app
{

/// One transcript as the list shows it.
struct ProgressRow
{
    project::TranscriptId transcript_id;
    std::string title;
    std::string participant;
    std::int64_t passages = 0; ///< this coder's annotations
    std::int64_t rated = 0;    ///< scale instances this coder rated (incl. not scorable)
    std::int64_t rateable = 0; ///< scale instances the schemes define
    bool classified = false;
};

/// Builds the rows in the given transcript order from one coder's records. Superseded versions
/// are left out: the list shows the newest version of each transcript. `schemes` are the
/// project's current scheme versions (what is rateable).
std::vector<ProgressRow>
make_progress_rows(const std::vector<store::TranscriptRecord>& transcripts,
                   const std::vector<store::AnnotationRecord>& annotations,
                   const std::vector<store::RatingRecord>& ratings,
                   const std::vector<store::ClassificationRecord>& classes,
                   const std::vector<std::shared_ptr<const scheme::Scheme>>& schemes);

/// "12/26" for rated/rateable, "—" when nothing is rateable.
std::string format_rated(const ProgressRow& r);

} // namespace attune::app
