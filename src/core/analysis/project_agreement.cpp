// SPDX-License-Identifier: GPL-3.0-or-later
// The AAI agreement analysis: reads a project through the Session and feeds stats.
#include "core/analysis/project_agreement.h"

#include "core/project/session.h"
#include "core/project/study_rules.h"
#include "core/scheme/scheme.h"
#include "core/stats/agreement.h"
#include "core/stats/rating_table.h"
#include "core/stats/scale.h"
#include "core/stats/unitizing.h"
#include "core/stats/unitizing_2016.h"
#include "core/text/code_points.h"
#include "core/text/structure.h"
#include "core/text/text_index.h"

#include <algorithm>
#include <atomic>
#include <cctype>
#include <condition_variable>
#include <exception>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <thread>

namespace attune::analysis
{
namespace
{

using project::CoderId;
using project::Session;
using project::TranscriptId;

struct CoderSet
{
    std::vector<std::string> names;
    std::vector<CoderId> ids;
    std::map<CoderId, int> index; ///< coder id → column
};

// `units` are the table's transcripts, unit by unit, to name the transcripts of each cell.
PairAgreement compare(const stats::RatingTable& table, const std::vector<TranscriptId>& units,
                      int a, int b)
{
    PairAgreement p;
    p.coder_a = table.coders()[static_cast<std::size_t>(a)];
    p.coder_b = table.coders()[static_cast<std::size_t>(b)];
    const stats::RatingTable two = table.select_coders({a, b});
    const auto q = table.categories().size();
    p.confusion.assign(q, std::vector<int>(q, 0));
    p.cells.assign(q, std::vector<std::vector<TranscriptId>>(q));
    for (int u = 0; u < two.n_units(); ++u)
    {
        const auto& x = two.at(u, 0);
        const auto& y = two.at(u, 1);
        if (!x || !y)
            continue;
        ++p.n;
        p.agree += *x == *y ? 1 : 0;
        const auto row = static_cast<std::size_t>(*x);
        const auto column = static_cast<std::size_t>(*y);
        ++p.confusion[row][column];
        p.cells[row][column].push_back(units[static_cast<std::size_t>(u)]);
    }
    p.percent = stats::percent_agreement(two);
    p.kappa = stats::cohen_kappa(two);
    return p;
}

std::string upper(std::string s)
{
    for (char& c : s)
        c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return s;
}

/// One transcript's text facts needed for passages.
struct TextInfo
{
    std::int64_t length = 0;
    std::int64_t begin = 0; ///< continuum (the section, when one is asked for)
    std::int64_t end = 0;
    std::vector<CpOffset> line_starts; ///< display lines, for the places only
    std::vector<std::pair<std::int64_t, std::int64_t>> turns; ///< inside the continuum
};

using Intervals = std::vector<std::pair<std::int64_t, std::int64_t>>;

/// One scheme's passages: per transcript, per pooled coder, per code, in start order.
struct SchemeSpans
{
    std::map<TranscriptId, std::vector<std::map<std::string, Intervals, std::less<>>>> spans;
    std::set<std::string, std::less<>> used_codes;
};

Intervals merged(Intervals v)
{
    std::sort(v.begin(), v.end());
    Intervals out;
    for (const auto& iv : v)
    {
        if (!out.empty() && iv.first <= out.back().second)
            out.back().second = std::max(out.back().second, iv.second);
        else
            out.push_back(iv);
    }
    return out;
}

// Stretches where the set of coders marking `code` is neither empty nor everybody; consecutive
// stretches with the same set are one place to reconcile.
void find_disagreements(const std::vector<Intervals>& per_coder, const CoderSet& coders,
                        const TextInfo& info, Disagreement proto, std::vector<Disagreement>& out)
{
    std::set<std::int64_t> cuts;
    for (const auto& list : per_coder)
        for (const auto& [s, e] : list)
        {
            cuts.insert(s);
            cuts.insert(e);
        }
    const std::vector<std::int64_t> points(cuts.begin(), cuts.end());
    std::vector<std::size_t> next(per_coder.size(), 0);
    std::vector<bool> open_mask;
    std::int64_t open_start = 0;
    std::int64_t open_end = 0;
    auto flush = [&]
    {
        if (open_mask.empty())
            return;
        Disagreement d = proto;
        d.start = open_start;
        d.end = open_end;
        d.first_line = text::line_of(info.line_starts, open_start);
        d.last_line = text::line_of(info.line_starts, open_end - 1);
        for (std::size_t c = 0; c < open_mask.size(); ++c)
            (open_mask[c] ? d.marked_by : d.not_marked_by).push_back(coders.names[c]);
        out.push_back(std::move(d));
        open_mask.clear();
    };
    for (std::size_t k = 0; k + 1 < points.size(); ++k)
    {
        const std::int64_t s = points[k];
        const std::int64_t e = points[k + 1];
        std::vector<bool> mask(per_coder.size(), false);
        int marked = 0;
        for (std::size_t c = 0; c < per_coder.size(); ++c)
        {
            const auto& list = per_coder[c];
            while (next[c] < list.size() && list[next[c]].second <= s)
                ++next[c];
            if (next[c] < list.size() && list[next[c]].first <= s)
            {
                mask[c] = true;
                ++marked;
            }
        }
        const bool differs = marked > 0 && marked < static_cast<int>(per_coder.size());
        if (differs && mask == open_mask && open_end == s)
        {
            open_end = e;
            continue;
        }
        flush();
        if (differs)
        {
            open_mask = mask;
            open_start = s;
            open_end = e;
        }
    }
    flush();
}

// A scheme's groups as semantic domains (codes of a group are the mutually exclusive values of
// one variable): each code goes to its innermost group; a code in no group, and every code of a
// scheme without groups, is a domain of its own, since nothing says it excludes another code.
std::vector<stats::SemanticDomain> semantic_domains(const scheme::Scheme& sch)
{
    std::vector<stats::SemanticDomain> domains;
    std::map<std::string, std::size_t> index;
    for (const scheme::Code& code : sch.codes())
    {
        const std::string name = code.group_path.empty() ? code.id : code.group_path.back();
        auto [it, fresh] = index.emplace(name, domains.size());
        if (fresh)
            domains.push_back({name, {}});
        domains[it->second].codes.push_back(code.id);
    }
    return domains;
}

// analysed_transcripts on the list of every transcript, read once: reading a transcript's row
// walks its text (stored before the later columns), about 50 ms a pass on 49 MB of text.
Result<std::vector<store::TranscriptId>>
select_transcripts(project::Session& session, const std::vector<project::Transcript>& list,
                   const std::vector<std::string>& names)
{
    std::vector<store::TranscriptId> transcripts;
    if (names.empty())
        for (const auto& t : project::current_transcripts(list))
            transcripts.push_back(t.id);
    else
        for (const auto& name : names)
        {
            auto id = session.resolve_transcript(name);
            if (!id)
                return id.error();
            if (std::find(transcripts.begin(), transcripts.end(), *id) == transcripts.end())
                transcripts.push_back(*id);
        }
    std::sort(transcripts.begin(), transcripts.end());
    return transcripts;
}

} // namespace

Result<std::vector<store::TranscriptId>> analysed_transcripts(project::Session& session,
                                                              const std::vector<std::string>& names)
{
    return select_transcripts(
        session, names.empty() ? session.transcript_list() : std::vector<project::Transcript>{},
        names);
}

Result<AgreementReport> analyze_agreement(Session& session, const AgreementOptions& options)
{
    AgreementReport report;

    // ---- coders. Only coders of role "coder" are pooled in the inter-coder statistics; the
    // master and the consensus are references each coder is compared with, never raters among
    // the others (their labels are meant to be right, which would inflate agreement).
    std::vector<std::string> wanted = options.coders;
    if (wanted.empty())
        for (const auto& c : session.coders())
            wanted.push_back(c.name);
    std::string master_name = options.master;
    if (master_name.empty())
    {
        std::vector<std::string> masters;
        for (const auto& c : session.coders())
            if (c.role == "master")
                masters.push_back(c.name);
        if (masters.size() == 1)
            master_name = masters.front();
    }
    std::optional<project::Coder> master;
    if (!master_name.empty())
    {
        auto c = session.coder(master_name);
        if (!c)
            return c.error();
        master = *c;
    }
    std::optional<project::Coder> consensus = session.consensus_coder();
    if (consensus && master && consensus->id == master->id)
        consensus.reset();
    CoderSet coders; // the coders pooled: columns 0..p-1 of every table
    for (const auto& name : wanted)
    {
        auto c = session.coder(name);
        if (!c)
            return c.error();
        if (coders.index.count(c->id) || c->role == "master" || c->role == "consensus" ||
            (master && c->id == master->id))
            continue;
        coders.index.emplace(c->id, static_cast<int>(coders.names.size()));
        coders.names.push_back(c->name);
        coders.ids.push_back(c->id);
    }
    CoderSet columns = coders; // pooled, then the master, then the consensus
    for (const auto* ref : {master ? &*master : nullptr, consensus ? &*consensus : nullptr})
        if (ref)
        {
            columns.index.emplace(ref->id, static_cast<int>(columns.names.size()));
            columns.names.push_back(ref->name);
            columns.ids.push_back(ref->id);
        }
    if (coders.names.empty() || columns.names.size() < 2)
        return make_error(ErrorCode::InvalidArgument,
                          "agreement needs at least 2 coders (or a coder and a master or "
                          "consensus); the selection has " +
                              std::to_string(coders.names.size()) + " coder(s) of role 'coder'");
    report.coders = coders.names;
    report.master = master ? master->name : "";
    report.consensus = consensus ? consensus->name : "";
    const int p = static_cast<int>(coders.names.size());
    const int m = static_cast<int>(coders.names.size());
    const int n_columns = static_cast<int>(columns.names.size());
    const int master_col = master ? p : -1;
    const int consensus_col = consensus ? (master ? p + 1 : p) : -1;
    std::vector<int> pool_cols;
    for (int c = 0; c < p; ++c)
        pool_cols.push_back(c);

    // ---- transcripts: the newest version of each, or the named ones
    const std::vector<project::Transcript> every_transcript = session.transcript_list();
    auto chosen = select_transcripts(session, every_transcript, options.transcripts);
    if (!chosen)
        return chosen.error();
    std::vector<TranscriptId> transcripts = std::move(*chosen);
    std::map<TranscriptId, std::string> titles;
    for (const auto& t : every_transcript)
        if (std::binary_search(transcripts.begin(), transcripts.end(), t.id))
            titles[t.id] = t.participant ? *t.participant : t.title;
    for (const TranscriptId id : transcripts)
        if (!titles.count(id))
            return make_error(ErrorCode::NotFound, "no transcript " + std::to_string(id.value()));
    report.transcripts = transcripts;
    for (const TranscriptId id : transcripts)
        report.transcript_names.push_back(titles.at(id));
    report.transcripts_current =
        static_cast<int>(project::current_transcripts(every_transcript).size());
    const std::set<TranscriptId> selected(transcripts.begin(), transcripts.end());

    // ---- schemes
    std::vector<std::string> scheme_ids;
    if (!options.scheme.empty())
        scheme_ids.push_back(options.scheme);
    else
        for (const auto& s : project::latest_schemes(session.schemes()))
            scheme_ids.push_back(s.scheme_id);

    // ---- progress, in steps: each transcript's text, the annotations; for each scheme, its
    // classifications and scales, then each transcript's passages; the end.
    const std::size_t n_steps = options.passages ? transcripts.size() + 1 : 0;
    const std::size_t scheme_steps = options.passages ? transcripts.size() + 1 : 1;
    const std::size_t total = n_steps + scheme_ids.size() * scheme_steps + 1;
    std::size_t done = 0;
    const auto go_on = [&] { return !options.progress || options.progress(done++, total); };
    const auto stopped = [] { return make_error(ErrorCode::Cancelled, "agreement cancelled"); };

    // ---- every annotation's place, by scheme, transcript and pooled coder, as marked (cut to
    // the continuum below, once the texts are read). The rows come as stored (the store reads
    // the table straight through, no index, no sort): each list is sorted where its order
    // matters (merged(); the αu functions sort what they are given). They are read on a
    // connection of their own while this thread reads the texts and scores, when the session
    // can give one (Session::reader_beside), else after them through the session.
    std::map<std::string, SchemeSpans, std::less<>> spans_by_scheme;
    for (const std::string& scheme_id : scheme_ids)
        (void)spans_by_scheme[scheme_id]; // made here: the threads only look schemes up
    std::vector<CodedBy> marked; // who marked under which scheme, on the selected transcripts
    struct StopReading
    {
    };
    std::atomic<bool> stop_reading{false};
    const auto read_places = [&](Session& from)
    {
        // Rows come in runs of one transcript (as a package or the workbench stored them), so
        // what a row needs is looked up once per run (whether it is selected, who marked what
        // in it) and once per scheme in it; any order gives the same result.
        std::optional<TranscriptId> current;
        bool current_selected = false;
        struct SchemeHere
        {
            std::string_view scheme_id; ///< a key of spans_by_scheme
            std::vector<std::map<std::string, Intervals, std::less<>>>* per_coder = nullptr;
        };
        std::vector<SchemeHere> here;
        std::vector<CodedBy> marked_here;
        const auto flush_marked = [&]
        {
            marked.insert(marked.end(), marked_here.begin(), marked_here.end());
            marked_here.clear();
        };
        from.for_each_span(
            [&](const store::SpanRow& a)
            {
                if (current != a.transcript_id)
                {
                    if (stop_reading)
                        throw StopReading{};
                    flush_marked();
                    here.clear();
                    current = a.transcript_id;
                    current_selected = selected.count(a.transcript_id) > 0;
                }
                if (!current_selected)
                    return;
                if (std::none_of(marked_here.begin(), marked_here.end(),
                                 [&](const CodedBy& x)
                                 { return x.coder == a.coder_id && x.scheme_id == a.scheme_id; }))
                    marked_here.push_back({a.transcript_id, a.coder_id, std::string(a.scheme_id)});
                const auto coder_it = coders.index.find(a.coder_id);
                if (coder_it == coders.index.end())
                    return;
                auto h =
                    std::find_if(here.begin(), here.end(),
                                 [&](const SchemeHere& x) { return x.scheme_id == a.scheme_id; });
                if (h == here.end())
                {
                    auto scheme_it = spans_by_scheme.find(a.scheme_id);
                    if (scheme_it == spans_by_scheme.end())
                        scheme_it =
                            spans_by_scheme.emplace(std::string(a.scheme_id), SchemeSpans{}).first;
                    auto& per_coder = scheme_it->second.spans[a.transcript_id];
                    per_coder.resize(static_cast<std::size_t>(m));
                    here.push_back({scheme_it->first, &per_coder});
                    h = std::prev(here.end());
                }
                auto& mine = (*h->per_coder)[static_cast<std::size_t>(coder_it->second)];
                auto it = mine.find(a.code);
                if (it == mine.end())
                    it = mine.emplace(std::string(a.code), Intervals{}).first;
                it->second.emplace_back(a.start, a.end);
            },
            store::SpanOrder::Stored);
        flush_marked();
    };
    std::unique_ptr<Session> beside;
    if (options.passages && options.read_beside && std::thread::hardware_concurrency() > 1)
        beside = session.reader_beside();
    std::exception_ptr places_failed;
    // Joined on every way out; told to stop first (at its next transcript) unless it finished.
    struct PlacesReader
    {
        std::optional<std::thread> thread;
        std::atomic<bool>& stop;
        ~PlacesReader()
        {
            if (!thread)
                return;
            stop = true;
            thread->join();
        }
    } places_reader{std::nullopt, stop_reading};
    if (beside)
        places_reader.thread.emplace(
            [&]
            {
                try
                {
                    read_places(*beside);
                }
                catch (const StopReading&)
                {
                }
                catch (...)
                {
                    places_failed = std::current_exception();
                }
            });

    // ---- text facts (lines, section, turns) of each transcript, for passages
    report.section = options.section.empty() ? "" : upper(options.section);
    std::map<TranscriptId, TextInfo> texts;
    for (const TranscriptId id : options.passages ? transcripts : std::vector<TranscriptId>{})
    {
        if (!go_on())
            return stopped();
        auto text = session.text(id);
        if (!text)
            return text.error();
        const auto structure =
            text::analyze_structure(*text, text::SpeakerRules{}, text::WordCounts::Skip);
        TextInfo info;
        info.length = structure.length;
        if (options.places) // only the places name their lines
            info.line_starts = text::line_starts(*text);
        info.end = info.length;
        if (!report.section.empty())
        {
            const auto it =
                std::find_if(structure.sections.begin(), structure.sections.end(),
                             [&](const text::Section& s) { return upper(s.id) == report.section; });
            if (it == structure.sections.end())
                continue; // a transcript without the section has no passages in it
            info.begin = static_cast<std::int64_t>(it->begin);
            info.end = static_cast<std::int64_t>(it->end);
        }
        for (const auto& turn : structure.turns)
        {
            const auto b = std::max(static_cast<std::int64_t>(turn.begin), info.begin);
            const auto e = std::min(static_cast<std::int64_t>(turn.end), info.end);
            if (b < e)
                info.turns.emplace_back(b, e);
        }
        if (info.begin < info.end)
            texts.emplace(id, std::move(info));
    }
    if (!report.section.empty() && texts.empty())
        return make_error(ErrorCode::NotFound, "no selected transcript has a section '" +
                                                   report.section + "' (markers like [Q3])");

    const auto all_classifications = session.classifications();
    // The selected transcripts' scale scores by scheme, scale and target (the tables look up
    // theirs), and who scored under which scheme.
    struct Score
    {
        TranscriptId transcript;
        CoderId coder;
        std::optional<double> value; ///< unset: not scorable
    };
    using ScoreKey = std::tuple<std::string, std::string, std::string>;
    std::map<ScoreKey, std::vector<Score>, std::less<>> scores;
    std::vector<CodedBy> scored;
    session.for_each_rating_value(
        [&](const store::RatingValueRow& r)
        {
            if (!selected.count(r.transcript_id))
                return;
            auto it = scores.find(std::tuple{r.scheme_id, r.scale, r.target});
            if (it == scores.end())
                it = scores
                         .emplace(ScoreKey{std::string(r.scheme_id), std::string(r.scale),
                                           std::string(r.target)},
                                  std::vector<Score>{})
                         .first;
            it->second.push_back({r.transcript_id, r.coder_id, r.value});
            // A coder's scores of a transcript come together, so this keeps the list short.
            if (scored.empty() || scored.back().transcript != r.transcript_id ||
                scored.back().coder != r.coder_id || scored.back().scheme_id != r.scheme_id)
                scored.push_back({r.transcript_id, r.coder_id, std::string(r.scheme_id)});
        });
    // The annotations' step, told before the threads start: afterwards every step is told
    // through scheme_step, one at a time.
    if (options.passages && !go_on())
        return stopped();
    // ---- each scheme in four tasks: its tables (classifications and scales), its transcripts'
    // passages, its joined continuum and its turns. A task writes only its scheme's part of the
    // report (the parts go into the report in the schemes' order) and reads only what was read
    // before it, which nothing changes meanwhile, so two threads take the tasks in turn: the
    // tables while the annotations are read, the rest once they are (a joined continuum and the
    // turns once their scheme's transcripts are done).
    std::vector<std::shared_ptr<const scheme::Scheme>> loaded_schemes;
    for (const std::string& scheme_id : scheme_ids)
    {
        auto loaded = session.scheme(scheme_id);
        if (!loaded)
            return loaded.error();
        loaded_schemes.push_back(*loaded);
    }
    std::vector<AgreementReport> parts(scheme_ids.size());
    struct SchemeWork
    {
        stats::Unitizing2016Options family_options;
        std::vector<stats::CodedSpan> joined; ///< every transcript's spans, end to end
        std::int64_t offset = 0;              ///< the joined continuum's length so far
        std::vector<std::tuple<TranscriptId, std::int64_t, std::int64_t>> turn_units;
        std::map<std::string, std::vector<std::vector<Intervals>>> turn_spans; // code → coder
        int included = 0;
        std::map<TranscriptId, std::size_t> included_index;
        bool transcripts_done = false; ///< its transcripts' task ran to the end
    };
    std::vector<SchemeWork> works(scheme_ids.size());
    // Every step of every scheme tells the progress, one thread at a time, so the calls are
    // the same whichever thread takes which scheme; once told to stop, no thread goes on.
    std::mutex progress_mutex;
    std::atomic<bool> cancelled{false};
    const auto scheme_step = [&]
    {
        const std::lock_guard lock(progress_mutex);
        if (cancelled)
            return false;
        if (options.progress && !options.progress(std::min(done, total - 1), total))
            cancelled = true;
        ++done;
        return !cancelled;
    };
    // Its classifications and scales: they need neither texts nor passages.
    const auto tables = [&](std::size_t nth)
    {
        const std::string& scheme_id = scheme_ids[nth];
        AgreementReport& out = parts[nth];
        if (!scheme_step())
            return;
        const scheme::Scheme& sch = *loaded_schemes[nth];

        // ---- classifications at each collapsing
        for (const scheme::Classification& cls : sch.classifications())
        {
            std::map<TranscriptId, std::vector<std::optional<scheme::Assignment>>> assigned;
            for (const auto& r : all_classifications)
            {
                if (r.scheme_id != scheme_id || !selected.count(r.transcript_id) ||
                    !columns.index.count(r.coder_id))
                    continue;
                const auto ref = sch.find_category(r.category);
                if (!ref || ref->classification != &cls)
                    continue;
                auto& row = assigned[r.transcript_id];
                row.resize(static_cast<std::size_t>(n_columns));
                row[static_cast<std::size_t>(columns.index.at(r.coder_id))] =
                    scheme::Assignment{r.category, r.subcategory, r.unresolved, r.alternative};
            }
            for (const scheme::Collapsing& k : cls.collapsings)
            {
                ClassificationAgreement ca;
                ca.scheme_id = scheme_id;
                ca.classification = cls.id;
                ca.collapsing = k.id;
                ca.name = k.name;
                ca.labels = k.labels;
                stats::RatingTable table(columns.names, k.labels);
                for (const TranscriptId id : transcripts)
                {
                    std::vector<stats::Rating> row(static_cast<std::size_t>(n_columns));
                    if (const auto it = assigned.find(id); it != assigned.end())
                        for (std::size_t c = 0; c < it->second.size(); ++c)
                        {
                            if (!it->second[c])
                                continue;
                            const auto label = scheme::collapse(cls, k, *it->second[c]);
                            if (!label)
                                continue;
                            const auto pos = std::find(k.labels.begin(), k.labels.end(), *label);
                            row[c] = static_cast<double>(pos - k.labels.begin());
                        }
                    int pooled_labels = 0;
                    for (int c = 0; c < p; ++c)
                        pooled_labels += row[static_cast<std::size_t>(c)] ? 1 : 0;
                    ca.n_transcripts += pooled_labels >= 2 ? 1 : 0;
                    table.add_unit(titles.at(id), std::move(row));
                }
                if (p >= 2)
                {
                    const stats::RatingTable among = table.select_coders(pool_cols);
                    ca.percent = stats::percent_agreement(among);
                    ca.kappa = p == 2 ? stats::cohen_kappa(among) : stats::fleiss_kappa(among);
                }
                else
                {
                    ca.percent = stats::Estimate::undefined("percent-agreement",
                                                            "fewer than 2 coders pooled", 0, p);
                    ca.kappa =
                        stats::Estimate::undefined("kappa", "fewer than 2 coders pooled", 0, p);
                }
                for (int a = 0; a < p; ++a)
                    for (int b = a + 1; b < p; ++b)
                        ca.pairs.push_back(compare(table, transcripts, a, b));
                for (int a = 0; a < p; ++a)
                {
                    if (master_col >= 0)
                        ca.vs_master.push_back(compare(table, transcripts, a, master_col));
                    if (consensus_col >= 0)
                        ca.vs_consensus.push_back(compare(table, transcripts, a, consensus_col));
                }
                out.classifications.push_back(std::move(ca));
            }
        }

        // ---- scales and passages: among the pooled coders only
        if (p < 2)
            return;
        // ---- scales, per target
        for (const scheme::Scale& scale : sch.scales())
        {
            std::vector<std::string> targets;
            for (const auto t : scale.targets)
                targets.emplace_back(scheme::to_string(t));
            if (targets.empty())
                targets.emplace_back();
            for (const std::string& target : targets)
            {
                ScaleAgreement sa;
                sa.scheme_id = scheme_id;
                sa.scale = scale.id;
                sa.target = target;
                std::map<TranscriptId, std::vector<stats::Rating>> rows;
                bool any = false;
                const auto found =
                    scores.find(std::tuple{std::string_view(scheme_id), std::string_view(scale.id),
                                           std::string_view(target)});
                if (found == scores.end())
                    continue; // nobody scored it
                for (const Score& r : found->second)
                {
                    const auto coder_it = coders.index.find(r.coder);
                    if (coder_it == coders.index.end())
                        continue;
                    any = true;
                    auto& row = rows[r.transcript];
                    row.resize(static_cast<std::size_t>(m));
                    if (!r.value)
                    {
                        ++sa.not_scorable;
                        continue;
                    }
                    row[static_cast<std::size_t>(coder_it->second)] = *r.value;
                }
                if (!any)
                    continue;
                stats::RatingTable table(coders.names);
                for (auto& [id, row] : rows)
                {
                    if (std::any_of(row.begin(), row.end(), [](const auto& v) { return v; }))
                        ++sa.n_transcripts;
                    table.add_unit(titles.at(id), std::move(row));
                }
                sa.icc = stats::icc(table, stats::IccForm::Two1);
                sa.within1 = stats::share_within(table, 1.0);
                sa.alpha = stats::krippendorff_alpha(table, stats::Level::Interval);
                out.scales.push_back(std::move(sa));
            }
        }
    };
    // Its passages, transcript by transcript (after the annotations are read): each one's
    // αu and 2016 family, the places, and what the joined continuum and the turns need.
    const auto transcripts_of = [&](std::size_t nth)
    {
        if (!options.passages || p < 2)
            return;
        const std::string& scheme_id = scheme_ids[nth];
        AgreementReport& out = parts[nth];
        SchemeWork& w = works[nth];
        SchemeSpans& scheme_spans = spans_by_scheme.at(scheme_id);
        auto& spans = scheme_spans.spans;
        const std::set<std::string, std::less<>>& used_codes = scheme_spans.used_codes;
        // The scheme's semantic domains for the 2016 family: each group holding codes directly.
        w.family_options.domains = semantic_domains(*loaded_schemes[nth]);
        w.family_options.coder_names = coders.names;
        // Each transcript's values are its overall ones: no code alone.
        stats::Unitizing2016Options per_transcript = w.family_options;
        per_transcript.codes_alone = false;
        auto& joined = w.joined;
        auto& offset = w.offset;
        auto& turn_units = w.turn_units;
        auto& turn_spans = w.turn_spans;
        auto& included = w.included;
        auto& included_index = w.included_index;
        for (auto& [id, per_coder] : spans)
        {
            if (!scheme_step())
                return;
            if (std::any_of(per_coder.begin(), per_coder.end(),
                            [](const auto& codes) { return codes.empty(); }))
                continue; // not every selected coder coded this transcript
            included_index[id] = static_cast<std::size_t>(included++);
            const TextInfo& info = texts.at(id);
            std::vector<stats::CodedSpan> local;
            for (int c = 0; c < m; ++c)
                for (const auto& [code, list] : per_coder[static_cast<std::size_t>(c)])
                    for (const auto& [s, e] : list)
                        local.push_back({c, code, s, e});
            const auto r = stats::unitizing_alpha(local, m, info.begin, info.end);
            const auto r16 =
                stats::unitizing_alpha_2016(local, m, info.begin, info.end, per_transcript);
            PassageAgreement pa;
            pa.scheme_id = scheme_id;
            pa.transcript = id;
            pa.transcript_title = titles.at(id);
            pa.alpha_u = r.overall;
            pa.u_alpha_2016 = r16.u_alpha;
            pa.binary = r16.binary;
            pa.cu = r16.coding;
            out.passages.push_back(std::move(pa));
            // Into the joined continuum, moved (its codes' strings are not copied again).
            for (stats::CodedSpan& span : local)
            {
                span.start += offset - info.begin;
                span.end += offset - info.begin;
                joined.push_back(std::move(span));
            }
            offset += info.end - info.begin;

            for (const std::string& code : used_codes)
            {
                std::vector<Intervals> per(static_cast<std::size_t>(m));
                for (int c = 0; c < m; ++c)
                    if (const auto it = per_coder[static_cast<std::size_t>(c)].find(code);
                        it != per_coder[static_cast<std::size_t>(c)].end())
                        per[static_cast<std::size_t>(c)] = merged(it->second);
                if (options.places)
                {
                    Disagreement proto;
                    proto.transcript = id;
                    proto.transcript_title = titles.at(id);
                    proto.scheme_id = scheme_id;
                    proto.code = code;
                    find_disagreements(per, coders, info, proto, out.disagreements);
                }
                auto& presence = turn_spans[code];
                presence.push_back(std::move(per));
            }
            for (const auto& [b, e] : info.turns)
                turn_units.emplace_back(id, b, e);
        }
        w.transcripts_done = true;
        // Each task lets go of what only it reads, on its own thread: freeing the places of a
        // project with 450,000 of them took 140 ms on the calling thread at the end.
        spans = {};
    };
    const auto codes_used = [&](std::size_t nth) -> const std::set<std::string, std::less<>>&
    { return spans_by_scheme.at(scheme_ids[nth]).used_codes; };
    // All its transcripts end to end, one continuum, for per-code αu and the domains.
    const auto join = [&](std::size_t nth)
    {
        SchemeWork& w = works[nth];
        const std::string& scheme_id = scheme_ids[nth];
        AgreementReport& out = parts[nth];
        const auto& used_codes = codes_used(nth);
        const auto& joined = w.joined;
        const auto offset = w.offset;
        const auto included = w.included;
        const stats::Unitizing2016Options& family_options = w.family_options;
        if (included > 0 && offset > 0)
        {
            const auto r = stats::unitizing_alpha(joined, m, 0, offset);
            const auto r16 = stats::unitizing_alpha_2016(joined, m, 0, offset, family_options);
            std::map<std::string, const stats::UnitizingCode2016*> family_codes;
            for (const auto& d : r16.per_domain)
            {
                for (const auto& c : d.per_code)
                    family_codes.emplace(c.code, &c);
                DomainAgreement da;
                da.scheme_id = scheme_id;
                da.domain = d.name;
                for (const auto& c : d.per_code)
                    if (used_codes.count(c.code))
                        da.codes.push_back(c.code);
                da.u_alpha_2016 = d.u_alpha;
                da.binary = d.binary;
                da.cu = d.coding;
                if (!da.codes.empty())
                    out.domains.push_back(std::move(da));
            }
            for (const auto& c : r.per_code)
            {
                PassageAgreement pa;
                pa.scheme_id = scheme_id;
                pa.code = c.code;
                pa.alpha_u = c.estimate;
                if (const auto it = family_codes.find(c.code); it != family_codes.end())
                {
                    pa.domain = it->second->domain;
                    pa.binary = it->second->binary;
                    pa.cu = it->second->coding;
                }
                out.passages.push_back(std::move(pa));
            }
            PassageAgreement all;
            all.scheme_id = scheme_id;
            all.alpha_u = r.overall;
            all.u_alpha_2016 = r16.u_alpha;
            all.binary = r16.binary;
            all.cu = r16.coding;
            out.passages.push_back(std::move(all));
        }
        w.joined = {};
    };
    // Code presence per speaker turn.
    const auto turns = [&](std::size_t nth)
    {
        SchemeWork& w = works[nth];
        auto& turn_spans = w.turn_spans;
        const auto& used_codes = codes_used(nth);
        AgreementReport& out = parts[nth];
        const std::string& scheme_id = scheme_ids[nth];
        const auto& turn_units = w.turn_units;
        const auto& included_index = w.included_index;
        for (const std::string& code : used_codes)
        {
            const auto& per_transcript = turn_spans[code];
            // A turn's row is each coder's absent (0) or present (1): at most 2^m distinct rows,
            // so the table holds each once with how many turns had it (stats::RepeatedRows),
            // some 20 rows instead of 100,000. Beyond 20 coders a turn is a row of its own.
            const bool by_pattern = m <= 20;
            std::vector<std::int64_t> turns_with(by_pattern ? std::size_t{1} << m : 0, 0);
            stats::RepeatedRows table{stats::RatingTable(coders.names, {"absent", "present"}), {}};
            // Turns come in text order per transcript and each coder's list is merged (sorted,
            // disjoint), so one pointer per coder walks both: a passage ending at or before a
            // turn's start touches neither it nor any later turn.
            // The units are unnamed: kappa reads only their cells.
            std::vector<std::size_t> next(static_cast<std::size_t>(m));
            std::optional<TranscriptId> current;
            const std::vector<Intervals>* per = nullptr;
            std::vector<stats::Rating> row(static_cast<std::size_t>(m));
            for (const auto& [id, b, e] : turn_units)
            {
                if (current != id)
                {
                    std::fill(next.begin(), next.end(), 0);
                    current = id;
                    per = &per_transcript[included_index.at(id)];
                }
                std::size_t pattern = 0;
                for (std::size_t c = 0; c < static_cast<std::size_t>(m); ++c)
                {
                    const auto& list = (*per)[c];
                    std::size_t& i = next[c];
                    while (i < list.size() && list[i].second <= b)
                        ++i;
                    const bool present =
                        i < list.size() &&
                        project::passage_touches(list[i].first, list[i].second, b, e);
                    if (by_pattern)
                        pattern |= present ? std::size_t{1} << c : 0;
                    else
                        row[c] = present ? 1.0 : 0.0;
                }
                if (by_pattern)
                    ++turns_with[pattern];
                else
                {
                    table.rows.add_unit({}, row);
                    table.repeat.push_back(1);
                }
            }
            for (std::size_t pattern = 0; pattern < turns_with.size(); ++pattern)
            {
                if (turns_with[pattern] == 0)
                    continue;
                for (std::size_t c = 0; c < static_cast<std::size_t>(m); ++c)
                    row[c] = (pattern >> c) & 1 ? 1.0 : 0.0;
                table.rows.add_unit({}, row);
                table.repeat.push_back(turns_with[pattern]);
            }
            TurnPresence tp;
            tp.scheme_id = scheme_id;
            tp.code = code;
            tp.kappa = m == 2 ? stats::cohen_kappa(table) : stats::fleiss_kappa(table);
            out.turns.push_back(std::move(tp));
        }
        w.turn_spans = {};
        w.turn_units = {};
    };
    // Tasks in the order they are taken: every scheme's tables, then its transcripts, then its
    // joined continuum and turns.
    const std::size_t n_schemes = scheme_ids.size();
    const std::size_t n_tasks = 4 * n_schemes;
    std::atomic<std::size_t> next_task{0};
    std::mutex ready_mutex;
    std::condition_variable ready_changed;
    bool spans_read = false;
    std::vector<char> transcripts_finished(n_schemes, 0);
    const auto wait_until = [&](const auto& ready)
    {
        std::unique_lock lock(ready_mutex);
        ready_changed.wait(lock, [&] { return cancelled || ready(); });
    };
    const auto run_task = [&](std::size_t t)
    {
        const std::size_t k = t % n_schemes;
        switch (t / n_schemes)
        {
        case 0: tables(k); break;
        case 1:
        {
            wait_until([&] { return spans_read; });
            // Finished, or given up on: either way its joined continuum and turns may look.
            struct Finished
            {
                std::mutex& mutex;
                std::condition_variable& changed;
                char& flag;
                ~Finished()
                {
                    {
                        const std::lock_guard lock(mutex);
                        flag = 1;
                    }
                    changed.notify_all();
                }
            } finished{ready_mutex, ready_changed, transcripts_finished[k]};
            if (!cancelled)
                transcripts_of(k);
            break;
        }
        default:
            wait_until([&] { return transcripts_finished[k] != 0; });
            // Its transcripts' task may have stopped early (told to): nothing to join then.
            if (cancelled || !works[k].transcripts_done)
                break;
            if (t / n_schemes == 2)
                join(k);
            else
                turns(k);
        }
    };
    std::exception_ptr failed;
    const auto take_tasks = [&]
    {
        try
        {
            for (std::size_t t; !cancelled && (t = next_task++) < n_tasks;)
                run_task(t);
        }
        catch (...)
        {
            {
                const std::lock_guard lock(ready_mutex);
                if (!failed)
                    failed = std::current_exception();
                cancelled = true;
            }
            ready_changed.notify_all();
        }
    };
    // The helper is joined on every way out (a failed read of the annotations included), and
    // told to stop first unless every task is done.
    struct Helper
    {
        std::optional<std::thread> thread;
        std::atomic<bool>& cancelled;
        std::mutex& mutex;
        std::condition_variable& changed;
        ~Helper()
        {
            if (!thread)
                return;
            {
                const std::lock_guard lock(mutex);
                cancelled = true;
            }
            changed.notify_all();
            thread->join();
        }
    } helper{std::nullopt, cancelled, ready_mutex, ready_changed};
    if (n_schemes > 0 && std::thread::hardware_concurrency() > 1)
        helper.thread.emplace(take_tasks);
    if (options.passages)
    {
        if (places_reader.thread)
        {
            places_reader.thread->join();
            places_reader.thread.reset();
            if (places_failed)
                std::rethrow_exception(places_failed);
        }
        else
            read_places(session);
        // Cut to each transcript's continuum (all of it, or the section): a transcript without
        // one has no passages; a place outside it leaves its coder an entry "" (they coded
        // something here, even outside the section).
        for (auto& [scheme_id, scheme_spans] : spans_by_scheme)
            for (auto t = scheme_spans.spans.begin(); t != scheme_spans.spans.end();)
            {
                const auto text_it = texts.find(t->first);
                if (text_it == texts.end())
                {
                    t = scheme_spans.spans.erase(t);
                    continue;
                }
                const TextInfo& info = text_it->second;
                for (auto& codes : t->second)
                {
                    bool outside = false;
                    for (auto c = codes.begin(); c != codes.end();)
                    {
                        Intervals& list = c->second;
                        std::size_t kept = 0;
                        for (const auto& [b, e] : list)
                        {
                            const auto cut_b = std::max(b, info.begin);
                            const auto cut_e = std::min(e, info.end);
                            if (cut_b < cut_e)
                                list[kept++] = {cut_b, cut_e};
                            else
                                outside = true;
                        }
                        list.resize(kept);
                        c = list.empty() ? codes.erase(c) : std::next(c);
                    }
                    if (outside)
                        codes.emplace("", Intervals{});
                }
                ++t;
            }
        // The codes marked inside the continuum, per scheme (the entry "" has no places).
        for (auto& [scheme_id, scheme_spans] : spans_by_scheme)
            for (const auto& [id, per_coder] : scheme_spans.spans)
                for (const auto& codes : per_coder)
                    for (const auto& [code, list] : codes)
                        if (!list.empty())
                            scheme_spans.used_codes.insert(code);
        report.coded.insert(report.coded.end(), marked.begin(), marked.end());
        report.coded_complete = true;
    }
    report.coded.insert(report.coded.end(), scored.begin(), scored.end());
    for (const auto& c : all_classifications)
        if (selected.count(c.transcript_id))
            report.coded.push_back({c.transcript_id, c.coder_id, c.scheme_id});
    std::sort(report.coded.begin(), report.coded.end());
    report.coded.erase(std::unique(report.coded.begin(), report.coded.end()), report.coded.end());
    {
        const std::lock_guard lock(ready_mutex);
        spans_read = true;
    }
    ready_changed.notify_all();
    take_tasks();
    if (helper.thread)
    {
        helper.thread->join();
        helper.thread.reset();
    }
    if (failed)
        std::rethrow_exception(failed);
    if (cancelled)
        return stopped();
    for (AgreementReport& part : parts)
    {
        const auto append = [](auto& to, auto& from)
        {
            to.insert(to.end(), std::make_move_iterator(from.begin()),
                      std::make_move_iterator(from.end()));
        };
        append(report.classifications, part.classifications);
        append(report.scales, part.scales);
        append(report.passages, part.passages);
        append(report.domains, part.domains);
        append(report.turns, part.turns);
        append(report.disagreements, part.disagreements);
    }
    done = total;
    if (!go_on())
        return stopped();
    return report;
}

} // namespace attune::analysis
