// SPDX-License-Identifier: GPL-3.0-or-later
// The study's facts for a methods paragraph, read through the Session.
#include "core/analysis/study_facts.h"

#include "core/base/error.h"
#include "core/base/version.h"
#include "core/project/session.h"
#include "core/project/study_rules.h"
#include "core/scheme/scheme.h"
#include "core/team/team.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <map>
#include <set>
#include <string_view>

namespace attune::analysis
{
namespace
{

std::vector<NameCount> ranked(const std::map<std::string, int>& counts)
{
    std::vector<NameCount> out;
    for (const auto& [name, count] : counts)
        out.push_back({name, count});
    std::stable_sort(out.begin(), out.end(),
                     [](const NameCount& a, const NameCount& b) { return a.count > b.count; });
    return out;
}

// The coders whose packages were merged, from the audit log's "merge package" entries (their
// `after` names the coder). A damaged entry shows nothing, so it counts for nobody.
std::set<std::string> merged_coders(project::Session& session)
{
    std::set<std::string> out;
    for (const auto& entry : session.audit_log_of("merge package"))
    {
        if (!entry.after_json)
            continue;
        const auto what = nlohmann::json::parse(*entry.after_json, nullptr, false);
        if (what.is_object() && what.contains("coder") && what["coder"].is_string())
            out.insert(what["coder"].get<std::string>());
    }
    return out;
}

} // namespace

Result<StudyFacts> study_facts(project::Session& session, const AgreementReport& report,
                               const AgreementOptions& options)
{
    StudyFacts facts;
    facts.version = kVersion;
    facts.transcripts_analysed = static_cast<int>(report.transcripts.size());
    const std::set<project::TranscriptId> selected(report.transcripts.begin(),
                                                   report.transcripts.end());
    // The analysis read the transcript list (each reading of a row walks its text) and named
    // them as the report does.
    ATTUNE_ASSERT(report.transcript_names.size() == report.transcripts.size());
    facts.transcripts_total = report.transcripts_current;
    facts.transcript_names = report.transcript_names;

    // ---- schemes: the one asked for, else every stored one (as analyze_agreement reads them)
    std::set<std::string, std::less<>> scheme_ids;
    std::vector<const scheme::Scheme*> schemes;
    std::vector<std::shared_ptr<const scheme::Scheme>> keep;
    for (const auto& s : project::latest_schemes(session.schemes()))
    {
        if (!options.scheme.empty() && s.scheme_id != options.scheme)
            continue;
        scheme_ids.insert(s.scheme_id);
        facts.schemes.push_back(s.name + " " + s.version);
        auto loaded = session.scheme(s.scheme_id);
        if (!loaded)
            return loaded.error();
        keep.push_back(*loaded);
        schemes.push_back(keep.back().get());
    }

    // ---- coders and who coded what: any record under an analysed scheme counts
    std::map<project::CoderId, std::set<project::TranscriptId>> coded;
    auto note = [&](project::TranscriptId t, project::CoderId c, std::string_view scheme_id)
    {
        if (selected.count(t) && scheme_ids.count(scheme_id))
            coded[c].insert(t);
    };
    // The analysis has read every record already when it computed the passages; otherwise the
    // annotations by their places only (a project has hundreds of thousands).
    if (report.coded_complete)
        for (const auto& c : report.coded)
            note(c.transcript, c.coder, c.scheme_id);
    else
    {
        session.for_each_span([&](const store::SpanRow& a)
                              { note(a.transcript_id, a.coder_id, a.scheme_id); },
                              store::SpanOrder::Transcript);
        for (const auto& r : session.ratings())
            note(r.transcript_id, r.coder_id, r.scheme_id);
        for (const auto& c : session.classifications())
            note(c.transcript_id, c.coder_id, c.scheme_id);
    }

    const std::set<std::string> merged = merged_coders(session);
    std::map<project::TranscriptId, int> pooled_per_transcript;
    int blind = 0;
    auto add = [&](const std::string& name, const char* role_default) -> Result<void>
    {
        auto c = session.coder(name);
        if (!c)
            return c.error();
        StudyCoder sc;
        sc.name = c->name;
        sc.role = role_default;
        const auto it = coded.find(c->id);
        sc.transcripts_coded = it == coded.end() ? 0 : static_cast<int>(it->second.size());
        sc.through_package = merged.count(c->name) > 0;
        if (sc.role == std::string("coder"))
        {
            blind += sc.through_package ? 1 : 0;
            if (it != coded.end())
                for (const auto t : it->second)
                    ++pooled_per_transcript[t];
        }
        facts.coders.push_back(std::move(sc));
        return {};
    };
    for (const auto& name : report.coders)
        if (auto r = add(name, "coder"); !r)
            return r.error();
    if (!report.master.empty())
        if (auto r = add(report.master, "master"); !r)
            return r.error();
    if (!report.consensus.empty())
        if (auto r = add(report.consensus, "consensus"); !r)
            return r.error();
    for (const auto& [t, n] : pooled_per_transcript)
    {
        facts.double_coded += n >= 2 ? 1 : 0;
        facts.single_coded += n == 1 ? 1 : 0;
    }
    const int pooled = static_cast<int>(report.coders.size());
    facts.blind = blind == 0        ? Blindness::NotShown
                  : blind == pooled ? Blindness::All
                                    : Blindness::Some;

    // ---- the reliability subset as assigned: transcripts assigned as such to a pooled coder
    std::set<std::string> pooled_names(report.coders.begin(), report.coders.end());
    std::map<project::CoderId, std::string> coder_names;
    for (const auto& c : session.coders())
        coder_names[c.id] = c.name;
    std::set<project::TranscriptId> subset;
    for (const auto& a : team::assignments(session))
        if (a.reliability && selected.count(a.transcript) &&
            pooled_names.count(coder_names[a.coder]))
            subset.insert(a.transcript);
    facts.reliability_assigned = static_cast<int>(subset.size());

    // ---- consensus decisions on the analysed transcripts
    std::map<std::string, int> kinds, decisions, reasons, deciders;
    for (const auto& d : session.consensus_decisions())
    {
        if (!selected.count(d.transcript_id))
            continue;
        ++facts.consensus.decided;
        ++kinds[d.kind];
        ++decisions[d.decision];
        std::string reason = d.reason;
        for (const scheme::Scheme* s : schemes)
            if (const auto* declared = s->find_consensus_reason(d.reason))
            {
                reason = declared->label;
                break;
            }
        if (!reason.empty())
            ++reasons[reason];
        ++deciders[d.decided_by];
    }
    facts.consensus.by_kind = ranked(kinds);
    facts.consensus.by_decision = ranked(decisions);
    facts.consensus.reasons = ranked(reasons);
    facts.consensus.decided_by = ranked(deciders);
    return facts;
}

} // namespace attune::analysis
