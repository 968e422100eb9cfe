// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/team/worklist.h"

#include <algorithm>
#include <map>

namespace attune::team
{

std::vector<WorklistEntry> coder_worklist(const std::vector<TranscriptId>& transcripts,
                                          const std::vector<Assignment>& assignments, CoderId coder)
{
    std::map<TranscriptId, Assigned> mine;
    for (const auto& a : assignments)
        if (a.coder == coder)
            mine[a.transcript] = a.reliability ? Assigned::Reliability : Assigned::Yes;
    std::vector<WorklistEntry> out;
    out.reserve(transcripts.size());
    for (const auto& t : transcripts)
    {
        const auto found = mine.find(t);
        out.push_back({t, found == mine.end() ? Assigned::No : found->second});
    }
    // Stable: within each group the caller's order (the project's list order) is kept.
    std::stable_partition(out.begin(), out.end(),
                          [](const WorklistEntry& e) { return e.assigned != Assigned::No; });
    return out;
}

const char* to_string(Assigned a) noexcept
{
    switch (a)
    {
    case Assigned::No: return "";
    case Assigned::Yes: return "assigned";
    case Assigned::Reliability: return "reliability";
    }
    return "";
}

} // namespace attune::team
