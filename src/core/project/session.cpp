// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/project/session.h"
#include "core/project/session_access.h"

#include "core/project/scheme_rules.h"
#include "core/project/study_rules.h"
#include "core/project/text_facts.h"
#include "core/scheme/scheme.h"
#include "core/store/project_store.h"
#include "core/store/schema.h"
#include "core/text/code_points.h"
#include "core/text/decode.h"
#include "core/text/names.h"
#include "core/text/sha256.h"
#include "core/text/text_index.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdlib>
#include <iterator>
#include <map>
#include <set>
#include <sstream>
#include <type_traits>

namespace attune::project
{

namespace
{

using json = nlohmann::json;

json to_json(const Annotation& a)
{
    return {{"uuid", a.uuid},      {"transcript", a.transcript_id},
            {"coder", a.coder_id}, {"scheme", a.scheme_id},
            {"code", a.code},      {"start", a.start},
            {"end", a.end},        {"memo", a.memo}};
}

json to_json(const Rating& r)
{
    json j = {{"transcript", r.transcript_id},
              {"coder", r.coder_id},
              {"scheme", r.scheme_id},
              {"scale", r.scale},
              {"target", r.target},
              {"note", r.note}};
    if (r.value)
        j["value"] = *r.value;
    else
        j["value"] = "not-scorable";
    return j;
}

json opt(const std::optional<std::string>& s)
{
    return s ? json(*s) : json(nullptr);
}

json to_json(const Classification& c)
{
    return {{"transcript", c.transcript_id},
            {"coder", c.coder_id},
            {"scheme", c.scheme_id},
            {"category", c.category},
            {"subcategory", opt(c.subcategory)},
            {"unresolved", opt(c.unresolved)},
            {"alternative", opt(c.alternative)},
            {"note", c.note}};
}

json to_json(const ConsensusDecision& d)
{
    return {{"uuid", d.uuid},         {"transcript", d.transcript_id},
            {"kind", d.kind},         {"disagreement", d.disagreement},
            {"decision", d.decision}, {"sources", d.sources},
            {"results", d.results},   {"reason", d.reason},
            {"note", d.note},         {"decided_by", d.decided_by}};
}

template <typename T> std::optional<std::string> state_json(const std::optional<T>& v)
{
    if (!v)
        return std::nullopt;
    return to_json(*v).dump();
}

// One row's state before and after a command; undo writes `before`, redo writes `after`.
template <typename T> struct StateChange
{
    std::optional<T> before;
    std::optional<T> after;
};
using AnyChange = std::variant<StateChange<Annotation>, StateChange<Rating>,
                               StateChange<Classification>, StateChange<ConsensusDecision>>;

struct UndoStep
{
    std::string label;
    Change kinds = Change::None;
    std::string who;
    std::vector<AnyChange> changes;
};

// Whether the stored row is still exactly the state an undo step expects (the step left it so,
// and nobody -- another process, another coder -- changed it since). Row ids are not compared:
// a row deleted and restored keeps its identity through the uuid or the natural key.
bool same_state(const Annotation& a, const Annotation& b)
{
    return a.uuid == b.uuid && a.transcript_id == b.transcript_id && a.coder_id == b.coder_id &&
           a.scheme_id == b.scheme_id && a.code == b.code && a.start == b.start && a.end == b.end &&
           a.memo == b.memo && a.modified == b.modified;
}
bool same_state(const Rating& a, const Rating& b)
{
    return a.transcript_id == b.transcript_id && a.coder_id == b.coder_id &&
           a.scheme_id == b.scheme_id && a.scale == b.scale && a.target == b.target &&
           a.value == b.value && a.not_scorable == b.not_scorable && a.note == b.note &&
           a.modified == b.modified;
}
bool same_state(const Classification& a, const Classification& b)
{
    return a.transcript_id == b.transcript_id && a.coder_id == b.coder_id &&
           a.scheme_id == b.scheme_id && a.category == b.category &&
           a.subcategory == b.subcategory && a.unresolved == b.unresolved &&
           a.alternative == b.alternative && a.note == b.note && a.modified == b.modified;
}
bool same_state(const ConsensusDecision& a, const ConsensusDecision& b)
{
    return a.uuid == b.uuid && a.transcript_id == b.transcript_id && a.kind == b.kind &&
           a.disagreement == b.disagreement && a.decision == b.decision && a.sources == b.sources &&
           a.results == b.results && a.reason == b.reason && a.note == b.note &&
           a.decided_by == b.decided_by && a.decided == b.decided;
}
template <typename T> bool same_state(const std::optional<T>& a, const std::optional<T>& b)
{
    if (!a || !b)
        return !a && !b;
    return same_state(*a, *b);
}

// Whether two states are of the same row: the uuid of an annotation, the natural key of a
// rating or a classification (a cleared and re-entered score is the same slot).
bool same_row(const Annotation& a, const Annotation& b)
{
    return a.uuid == b.uuid;
}
bool same_row(const Rating& a, const Rating& b)
{
    return a.transcript_id == b.transcript_id && a.coder_id == b.coder_id &&
           a.scheme_id == b.scheme_id && a.scale == b.scale && a.target == b.target;
}
bool same_row(const Classification& a, const Classification& b)
{
    return a.transcript_id == b.transcript_id && a.coder_id == b.coder_id &&
           a.scheme_id == b.scheme_id;
}
bool same_row(const ConsensusDecision& a, const ConsensusDecision& b)
{
    return a.uuid == b.uuid;
}

// A batch may change one row several times (annotate, then move it). Its undo step keeps one
// change per row, from the state before the first command to the state after the last, so
// the replay check compares each row with what the whole batch left. A row the batch made and
// removed again is dropped.
std::vector<AnyChange> net_changes(const std::vector<AnyChange>& changes)
{
    std::vector<AnyChange> out;
    for (const auto& change : changes)
    {
        bool merged = false;
        for (auto& earlier : out)
            std::visit(
                [&](auto& e, const auto& c)
                {
                    if constexpr (std::is_same_v<std::decay_t<decltype(e)>,
                                                 std::decay_t<decltype(c)>>)
                    {
                        const auto& ek = e.before ? *e.before : *e.after;
                        const auto& ck = c.before ? *c.before : *c.after;
                        if (!merged && same_row(ek, ck))
                        {
                            e.after = c.after;
                            merged = true;
                        }
                    }
                },
                earlier, change);
        if (!merged)
            out.push_back(change);
    }
    out.erase(std::remove_if(
                  out.begin(), out.end(),
                  [](const AnyChange& c)
                  { return std::visit([](const auto& x) { return !x.before && !x.after; }, c); }),
              out.end());
    return out;
}

// The commands that can be part of a batch: those whose whole effect is in the undo step.
bool batchable(const Command& c)
{
    return !std::holds_alternative<AddCoder>(c) && !std::holds_alternative<AddTranscript>(c) &&
           !std::holds_alternative<AddScheme>(c) && !std::holds_alternative<EditTranscript>(c) &&
           !std::holds_alternative<RemoveTranscript>(c);
}

const char* command_name(const Command& c)
{
    static constexpr const char* kNames[] = {"AddCoder",
                                             "AddTranscript",
                                             "AddScheme",
                                             "Annotate",
                                             "ChangeSpan",
                                             "DeleteAnnotation",
                                             "SetMemo",
                                             "Rate",
                                             "ClearRating",
                                             "Classify",
                                             "ClearClassification",
                                             "ChangeCode",
                                             "EditTranscript",
                                             "RemoveTranscript",
                                             "RecordDecision"};
    static_assert(std::size(kNames) == std::variant_size_v<Command>);
    return kNames[c.index()];
}

/// One coder's undo and redo stacks.
struct History
{
    std::vector<UndoStep> undo;
    std::vector<UndoStep> redo;
};

// Why a metadata text is refused, or nullopt. Nesting is bounded well below SQLite's JSON
// depth limit (1000), whose CHECK constraint would otherwise fail with a raw SQL message.
std::optional<std::string> metadata_problem(const std::string& text)
{
    constexpr int kMaxDepth = 64;
    int depth = 0;
    int deepest = 0;
    bool in_string = false;
    for (std::size_t i = 0; i < text.size(); ++i)
    {
        const char ch = text[i];
        if (in_string)
        {
            if (ch == '\\')
                ++i;
            else if (ch == '"')
                in_string = false;
        }
        else if (ch == '"')
            in_string = true;
        else if (ch == '{' || ch == '[')
            deepest = std::max(deepest, ++depth);
        else if (ch == '}' || ch == ']')
            --depth;
        if (deepest > kMaxDepth)
            return "transcript metadata nests deeper than " + std::to_string(kMaxDepth) +
                   " levels (at byte " + std::to_string(i + 1) + ")";
    }
    try
    {
        if (!json::parse(text).is_object())
            return std::string("transcript metadata must be a JSON object ({...}), not ") +
                   json::parse(text).type_name();
    }
    catch (const json::parse_error& e)
    {
        return "transcript metadata is not valid JSON (at byte " + std::to_string(e.byte) + ")";
    }
    return std::nullopt;
}

// Every write is refused before it starts, with the file's name, so a read-only project reads
// "study.attune: error: the project is read-only (the file is read-only); nothing was changed".
Error read_only_error(store::Database& db)
{
    return make_error(ErrorCode::Io, db.read_only_message(), SourceLocation{db.path().string()});
}
} // namespace

struct Session::Impl
{
    store::ProjectStore store;
    SessionOptions options;
    // Undo histories by owner (the coder the workbench works as; "" when none was named).
    std::map<std::string, History> histories;
    std::string history_owner;
    // PRAGMA data_version when this session last looked: another connection's commit changes it.
    std::int64_t data_version = 0;
    std::map<int, std::function<void(const Changed&)>> subscribers;
    int next_token = 1;
    // Parsed schemes keyed by scheme id; the row id detects a newer version added meanwhile.
    std::map<std::string, std::pair<std::int64_t, std::shared_ptr<const scheme::Scheme>>> schemes;
    // Text is immutable, so its length in code points can be cached forever.
    std::map<TranscriptId, std::int64_t> text_lengths;
    // What the running command (or batch) changed, for its notification.
    Changed touched;

    explicit Impl(store::ProjectStore s, SessionOptions o) : store(std::move(s)), options(o) {}

    void notify(const Changed& c)
    {
        // Copy: a callback may unsubscribe itself.
        auto subs = subscribers;
        for (auto& [token, cb] : subs)
            cb(c);
    }

    void audit(const std::string& who, const std::string& action, const std::string& entity,
               std::optional<std::string> before, std::optional<std::string> after)
    {
        store.append_audit(
            {0, store::now_iso8601(), who, action, entity, std::move(before), std::move(after)});
    }

    std::string coder_name(CoderId id)
    {
        auto c = store.coder_by_id(id);
        return c ? c->name : options.user;
    }

    Result<std::shared_ptr<const scheme::Scheme>> load_scheme(const std::string& scheme_id)
    {
        auto latest = store.latest_scheme(scheme_id);
        if (!latest)
            return make_error(ErrorCode::NotFound, "no scheme '" + scheme_id +
                                                       "' in the project (add it with "
                                                       "'attune-cli scheme add')");
        auto it = schemes.find(scheme_id);
        if (it != schemes.end() && it->second.first == latest->first.id)
            return it->second.second;
        auto parsed = rules::parse(latest->second, scheme_id);
        if (!parsed)
            return parsed.error();
        schemes[scheme_id] = {latest->first.id, *parsed};
        return *parsed;
    }

    // Labels name codes and scales by the scheme's names; an unloadable scheme leaves the ids.
    std::shared_ptr<const scheme::Scheme> scheme_for_label(const std::string& scheme_id)
    {
        auto s = load_scheme(scheme_id);
        return s ? *s : nullptr;
    }

    Result<std::int64_t> text_length(TranscriptId id)
    {
        if (auto it = text_lengths.find(id); it != text_lengths.end())
            return it->second;
        auto t = store.transcript_text(id);
        if (!t)
            return make_error(ErrorCode::NotFound, "no transcript " + std::to_string(id.value()));
        const auto n = text::code_point_count(*t);
        text_lengths[id] = n;
        return n;
    }

    Result<void> check_span(TranscriptId t, std::int64_t start, std::int64_t end)
    {
        auto n = text_length(t);
        if (!n)
            return n.error();
        if (start < 0 || end <= start || end > *n)
            return make_error(ErrorCode::InvalidArgument,
                              "span [" + std::to_string(start) + ", " + std::to_string(end) +
                                  ") is not inside transcript " + std::to_string(t.value()) +
                                  " (0.." + std::to_string(*n) + " code points) or is empty");
        return {};
    }

    Result<void> check_coder(CoderId id)
    {
        if (!store.coder_by_id(id))
            return make_error(ErrorCode::NotFound,
                              "no coder with id " + std::to_string(id.value()));
        return {};
    }

    // Writes one row state (used by commands, undo and redo alike).
    void write(const std::optional<Annotation>& target, const std::string& uuid)
    {
        if (target)
            store.put_annotation(*target);
        else
            store.delete_annotation(uuid);
    }
    void write(const std::optional<Rating>& target, const Rating& key)
    {
        if (target)
            store.put_rating(*target);
        else
            store.delete_rating(key.transcript_id, key.coder_id, key.scheme_id, key.scale,
                                key.target);
    }
    void write(const std::optional<Classification>& target, const Classification& key)
    {
        if (target)
            store.put_classification(*target);
        else
            store.delete_classification(key.transcript_id, key.coder_id, key.scheme_id);
    }

    void write(const std::optional<ConsensusDecision>& target, const ConsensusDecision& key)
    {
        if (target)
            store.put_consensus_decision(*target);
        else
            store.delete_consensus_decision(key.uuid);
    }

    History& history() { return histories[history_owner]; }

    // The one coder of role "consensus"; with `make`, one is added when there is none (named
    // kConsensusCoderName, or with a number when a coder has that name), not undoably: an undo
    // leaves it without records, which is what a project without decisions looks like.
    Result<Coder> consensus_coder(bool make)
    {
        std::vector<Coder> found;
        for (auto& c : store.coders())
            if (c.role == "consensus")
                found.push_back(std::move(c));
        if (found.size() > 1)
            return make_error(ErrorCode::Conflict,
                              "the project has " + std::to_string(found.size()) +
                                  " consensus coders (" + found[0].name + ", " + found[1].name +
                                  "); a project holds one consensus");
        if (!found.empty())
            return found.front();
        if (!make)
            return make_error(ErrorCode::NotFound, "the project has no consensus coder");
        std::string name = kConsensusCoderName;
        for (int n = 2; store.coder_by_name(name); ++n)
            name = std::string(kConsensusCoderName) + "-" + std::to_string(n);
        const auto id = store.insert_coder(
            store::CoderRecord{CoderId{}, name, store::now_iso8601(), {}, "consensus"});
        audit(options.user, "add coder", "coder " + std::to_string(id.value()), std::nullopt,
              json{{"name", name}, {"role", "consensus"}}.dump());
        touched.coders.insert(id);
        return *store.coder_by_id(id);
    }

    // Session::as_stated: the classification in the form Classify takes.
    Classification stated(Classification stored)
    {
        if (!stored.subcategory || !stored.alternative)
            return stored;
        const auto s = load_scheme(stored.scheme_id);
        if (s &&
            rules::subcategory_refines_alternative(**s, stored.subcategory, stored.alternative))
        {
            stored.alternative = std::move(stored.subcategory);
            stored.subcategory.reset();
        }
        return stored;
    }

    // The author rule (may_change), with a message that names the author and who tried.
    Result<void> check_author(const Annotation& a, CoderId acting, const std::string& verb)
    {
        const auto actor = store.coder_by_id(acting);
        if (!actor)
            return make_error(ErrorCode::NotFound,
                              "no coder with id " + std::to_string(acting.value()));
        if (may_change(a, acting))
            return {};
        return make_error(ErrorCode::Conflict, "this passage (" + a.code + ") is " +
                                                   coder_name(a.coder_id) +
                                                   "'s: only its author can " + verb + " it, not " +
                                                   actor->name + ". Nothing was changed.");
    }

    // The records a change names, for the notification.
    static void mark(Changed& c, const Annotation& a)
    {
        c.transcripts.insert(a.transcript_id);
        c.annotations.insert(a.uuid);
    }
    static void mark(Changed& c, const Rating& r)
    {
        c.transcripts.insert(r.transcript_id);
        c.ratings.insert(r.uuid);
    }
    static void mark(Changed& c, const Classification& k)
    {
        c.transcripts.insert(k.transcript_id);
        c.classifications.insert(k.uuid);
    }
    static void mark(Changed& c, const ConsensusDecision& d)
    {
        c.transcripts.insert(d.transcript_id);
        c.decisions.insert(d.uuid);
    }
    static void mark(Changed& c, const std::vector<AnyChange>& changes)
    {
        for (const auto& change : changes)
            std::visit(
                [&](const auto& x)
                {
                    if (x.before)
                        mark(c, *x.before);
                    if (x.after)
                        mark(c, *x.after);
                },
                change);
    }
    // Tells the subscribers what `touched` holds, under `kinds` and `label`; clears it.
    void notify_touched(Change kinds, std::string label)
    {
        Changed c = std::move(touched);
        touched = {};
        c.kinds = kinds;
        c.label = std::move(label);
        notify(c);
    }

    // Undoes the newest step (redo = false) or redoes the newest undone one (true) in one
    // transaction, moves it to the other list and notifies; refuses what check_replayable does.
    Result<Change> step_history(bool redo)
    {
        History& h = history();
        if (store.db().read_only())
            return read_only_error(store.db());
        auto& from = redo ? h.redo : h.undo;
        auto& to = redo ? h.undo : h.redo;
        if (from.empty())
            return make_error(ErrorCode::InvalidArgument,
                              redo ? "nothing to redo" : "nothing to undo");
        const UndoStep& step = from.back();
        try
        {
            store::Transaction tx(store.db());
            if (auto ok = check_replayable(step, redo); !ok)
            {
                // The history no longer describes the file: every older step may be stale too.
                h.undo.clear();
                h.redo.clear();
                return ok.error();
            }
            replay(step, redo);
            tx.commit();
        }
        catch (const store::StoreError& e)
        {
            return e.to_error();
        }
        const Change kinds = step.kinds;
        touched = {};
        mark(touched, step.changes);
        const std::string label = (redo ? "Redo " : "Undo ") + step.label;
        to.push_back(std::move(from.back()));
        from.pop_back();
        notify_touched(kinds, label);
        return kinds;
    }

    // Refuses to replay a step when a row it touches is no longer what the step left (undo) or
    // found (redo): somebody else changed it since, and writing the old state back would
    // silently overwrite their work.
    Result<void> check_replayable(const UndoStep& step, bool forward)
    {
        Result<void> verdict;
        auto check_one = [&](const auto& ch)
        {
            if (!verdict)
                return;
            const auto& expected = forward ? ch.before : ch.after;
            const auto& key = ch.before ? *ch.before : *ch.after;
            using Row = std::decay_t<decltype(key)>;
            std::optional<Row> current;
            if constexpr (std::is_same_v<Row, Annotation>)
                current = store.annotation_by_uuid(key.uuid);
            else if constexpr (std::is_same_v<Row, Rating>)
                current = store.rating(key.transcript_id, key.coder_id, key.scheme_id, key.scale,
                                       key.target);
            else if constexpr (std::is_same_v<Row, Classification>)
                current = store.classification(key.transcript_id, key.coder_id, key.scheme_id);
            else
                current = store.consensus_decision_by_uuid(key.uuid);
            if (!same_state(current, expected))
                verdict = make_error(
                    ErrorCode::Conflict,
                    std::string(forward ? "cannot redo '" : "cannot undo '") + step.label +
                        "': it was changed since (by another program or another window), and " +
                        (forward ? "redoing" : "undoing") +
                        " it would overwrite that change. Nothing was changed; the undo "
                        "history of this project was cleared.");
        };
        for (const auto& c : step.changes)
            std::visit(check_one, c);
        return verdict;
    }

    // Applies one side (`after` when forward) of every change of a step.
    void replay(const UndoStep& step, bool forward)
    {
        auto apply_one = [&](const auto& ch)
        {
            const auto& target = forward ? ch.after : ch.before;
            const auto& key = ch.before ? *ch.before : *ch.after;
            if constexpr (std::is_same_v<std::decay_t<decltype(key)>, Annotation>)
                write(target, key.uuid);
            else
                write(target, key);
            audit(step.who, forward ? "redo: " + step.label : "undo: " + step.label,
                  entity_name(key), state_json(forward ? ch.before : ch.after), state_json(target));
        };
        if (forward)
            for (const auto& c : step.changes)
                std::visit(apply_one, c);
        else
            for (auto it = step.changes.rbegin(); it != step.changes.rend(); ++it)
                std::visit(apply_one, *it);
    }

    static std::string entity_name(const Annotation& a) { return "annotation " + a.uuid; }
    static std::string entity_name(const Rating& r)
    {
        return "rating t" + std::to_string(r.transcript_id.value()) + " c" +
               std::to_string(r.coder_id.value()) + " " + r.scheme_id + "/" + r.scale +
               (r.target.empty() ? "" : "/" + r.target);
    }
    static std::string entity_name(const Classification& c)
    {
        return "classification t" + std::to_string(c.transcript_id.value()) + " c" +
               std::to_string(c.coder_id.value()) + " " + c.scheme_id;
    }
    static std::string entity_name(const ConsensusDecision& d)
    {
        return "consensus decision " + d.uuid + " (" + d.disagreement + ")";
    }

    // ---- the commands; each runs inside the transaction opened by apply()
    Result<Outcome> run(const AddCoder& c, UndoStep&);
    Result<Outcome> run(const AddTranscript& c, UndoStep&);
    Result<Outcome> run(const AddScheme& c, UndoStep&);
    Result<Outcome> run(const Annotate& c, UndoStep&);
    Result<Outcome> run(const ChangeSpan& c, UndoStep&);
    Result<Outcome> run(const ChangeCode& c, UndoStep&);
    Result<Outcome> run(const DeleteAnnotation& c, UndoStep&);
    Result<Outcome> run(const SetMemo& c, UndoStep&);
    Result<Outcome> run(const Rate& c, UndoStep&);
    Result<Outcome> run(const ClearRating& c, UndoStep&);
    Result<Outcome> run(const Classify& c, UndoStep&);
    Result<Outcome> run(const ClearClassification& c, UndoStep&);
    Result<Outcome> run(const EditTranscript& c, UndoStep&);
    Result<Outcome> run(const RemoveTranscript& c, UndoStep&);
    Result<Outcome> run(const RecordDecision& c, UndoStep&);

    // How the messages name a transcript: "transcript 3 (P01)", else by its title.
    static std::string transcript_name(const Transcript& t)
    {
        return "transcript " + std::to_string(t.id.value()) + " (" +
               t.participant.value_or(t.title) + ")";
    }

    std::vector<std::string> orphan_notes(const std::string& scheme_id, const scheme::Scheme& s);
    std::vector<Orphan> orphans();
};

// ---------------------------------------------------------------------------------------------
// Commands

Result<Outcome> Session::Impl::run(const AddCoder& c, UndoStep& step)
{
    auto name = text::normalize_name(c.name, "a coder name");
    if (!name)
        return name.error();
    if (store.coder_by_name(*name))
        return make_error(ErrorCode::Conflict, "coder '" + *name + "' exists already");
    const auto id = store.insert_coder(*name, store::now_iso8601());
    audit(options.user, "add coder", "coder " + std::to_string(id.value()), std::nullopt,
          json{{"name", *name}}.dump());
    step.label = "Add coder " + *name;
    touched.coders.insert(id);
    Outcome out{id.value(), {}, Change::Coders, {}};
    out.coder = id;
    return out;
}

Result<Outcome> Session::Impl::run(const AddTranscript& c, UndoStep& step)
{
    if (auto bad = metadata_problem(c.meta.metadata_json))
        return make_error(ErrorCode::InvalidArgument, *bad);
    if (!text::is_valid_utf8(c.text))
        return make_error(ErrorCode::Encoding, "transcript text is not valid UTF-8");
    Transcript t = c.meta;
    // One rule for every name a person types (text::normalize_name): NFC, one visible line.
    if (!t.title.empty())
    {
        auto title = text::normalize_name(t.title, "a transcript title");
        if (!title)
            return title.error();
        t.title = std::move(*title);
    }
    const std::pair<std::optional<std::string>*, const char*> names[] = {
        {&t.participant, "a participant id"}, {&t.interviewer, "an interviewer name"}};
    for (const auto& [field, what] : names)
        if (*field)
        {
            auto v = text::normalize_name(**field, what);
            if (!v)
                return v.error();
            *field = std::move(*v);
        }
    const TextFacts facts = text_facts(c.text);
    if (!c.allow_duplicate)
        if (const auto same = store.transcripts_by_sha256(facts.sha256); !same.empty())
            return make_error(ErrorCode::Conflict, "this text is already in the project as " +
                                                       transcript_name(same.front()));
    t.sha256 = facts.sha256;
    t.word_count = facts.words;
    t.turn_count = facts.turns;
    t.line_count = facts.lines;
    t.created = store::now_iso8601();
    if (t.title.empty())
        t.title = t.participant.value_or("untitled");

    Outcome out;
    out.changed = Change::Transcripts;
    TranscriptId added;
    std::vector<Annotation> moved;
    if (t.supersedes)
    {
        auto old = store.transcript(*t.supersedes);
        if (!old)
            return make_error(ErrorCode::NotFound, "transcript " +
                                                       std::to_string(t.supersedes->value()) +
                                                       " (to supersede) does not exist");
        t.version = old->version + 1;
        if (!t.participant)
            t.participant = old->participant;
        const store::RowFilter f{*t.supersedes, std::nullopt};
        auto anns = store.annotations(f);
        auto rats = store.ratings(f);
        auto clss = store.classifications(f);
        const auto work = anns.size() + rats.size() + clss.size();
        if (work > 0 && !c.remap)
            return make_error(
                ErrorCode::Conflict,
                "transcript " + std::to_string(t.supersedes->value()) + " has " +
                    std::to_string(anns.size()) + " annotation(s), " + std::to_string(rats.size()) +
                    " rating(s) and " + std::to_string(clss.size()) +
                    " classification(s); refusing to import a new version unless they are "
                    "remapped explicitly (--remap)");
        if (work > 0)
        {
            const auto old_text = *store.transcript_text(*t.supersedes);
            const SpanRemap remap = make_remap(old_text, c.text);
            std::vector<std::string> stuck;
            for (auto& a : anns)
            {
                auto mapped = remap.map(a.start, a.end);
                if (!mapped)
                {
                    stuck.push_back(a.uuid + " [" + std::to_string(a.start) + ", " +
                                    std::to_string(a.end) + ")");
                    continue;
                }
                Annotation b = a;
                b.start = mapped->first;
                b.end = mapped->second;
                moved.push_back(b);
            }
            if (!stuck.empty())
            {
                std::string list;
                for (const auto& s : stuck)
                    list += "\n  " + s;
                return make_error(ErrorCode::Conflict,
                                  std::to_string(stuck.size()) +
                                      " annotation(s) overlap the changed text and cannot be "
                                      "remapped; refusing the import:" +
                                      list);
            }
        }
        const auto id = store.insert_transcript(t, c.text);
        for (auto& b : moved)
        {
            const auto before = store.annotation_by_uuid(b.uuid);
            b.transcript_id = id;
            b.modified = store::now_iso8601();
            store.put_annotation(b);
            mark(touched, *before);
            mark(touched, b);
            audit(options.user, "remap annotation", "annotation " + b.uuid, state_json(before),
                  to_json(b).dump());
            out.notes.push_back("annotation " + b.uuid + " moved from transcript " +
                                std::to_string(before->transcript_id.value()) + " [" +
                                std::to_string(before->start) + ", " + std::to_string(before->end) +
                                ") to transcript " + std::to_string(id.value()) + " [" +
                                std::to_string(b.start) + ", " + std::to_string(b.end) + ")");
        }
        for (auto r : rats)
        {
            store.delete_rating(r.transcript_id, r.coder_id, r.scheme_id, r.scale, r.target);
            r.transcript_id = id;
            store.put_rating(r);
            mark(touched, r);
            out.notes.push_back("rating " + r.scheme_id + "/" + r.scale + " moved to transcript " +
                                std::to_string(id.value()));
        }
        for (auto cl : clss)
        {
            store.delete_classification(cl.transcript_id, cl.coder_id, cl.scheme_id);
            cl.transcript_id = id;
            store.put_classification(cl);
            mark(touched, cl);
            out.notes.push_back("classification " + cl.scheme_id + " moved to transcript " +
                                std::to_string(id.value()));
        }
        if (work > 0)
        {
            out.changed = out.changed | Change::Codings | Change::Ratings | Change::Classifications;
            // Undo steps name the old transcript's rows; they no longer describe the file.
            histories.clear();
        }
        added = id;
    }
    else
        added = store.insert_transcript(t, c.text);
    out.id = added.value();
    out.transcript = added;

    json after = {{"title", t.title}, {"sha256", t.sha256}, {"version", t.version}};
    if (t.participant)
        after["participant"] = *t.participant;
    if (t.supersedes)
        after["supersedes"] = *t.supersedes;
    audit(options.user, "add transcript", "transcript " + std::to_string(added.value()),
          std::nullopt, after.dump());
    step.label = "Add transcript " + t.title;
    touched.transcripts.insert(added);
    if (t.supersedes)
        touched.transcripts.insert(*t.supersedes);
    return out;
}

Result<Outcome> Session::Impl::run(const AddScheme& c, UndoStep& step)
{
    auto parsed = rules::parse(c.xml, c.source_name);
    if (!parsed)
        return parsed.error();
    const auto ident = rules::identity(**parsed);
    const auto hash = text::sha256_hex(c.xml);
    Outcome out;
    out.changed = Change::Scheme;
    if (auto existing = store.scheme_version(ident.id, ident.version))
    {
        if (existing->sha256 != hash)
            return make_error(ErrorCode::Conflict,
                              "scheme '" + ident.id + "' version " + ident.version +
                                  " is stored already with different content; give the changed "
                                  "scheme a new version");
        out.id = existing->id;
        out.changed = Change::None;
        out.notes.push_back("scheme '" + ident.id + "' version " + ident.version +
                            " is stored already (identical); nothing to do");
        step.label = "Add scheme " + ident.id;
        return out;
    }
    out.id = store.insert_scheme(
        store::SchemeRecord{0, ident.id, ident.version, ident.name, hash, store::now_iso8601()},
        c.xml);
    schemes[ident.id] = {out.id, *parsed};
    touched.schemes.insert(ident.id);
    out.notes = orphan_notes(ident.id, **parsed);
    // A key shared with another stored scheme is told, not refused (rules::shortcut_clashes).
    for (const auto& r : latest_schemes(store.schemes()))
        if (r.scheme_id != ident.id)
            if (auto other = load_scheme(r.scheme_id))
                for (auto& note : rules::shortcut_clashes(**parsed, **other))
                    out.notes.push_back(std::move(note));
    audit(options.user, "add scheme", "scheme " + ident.id, std::nullopt,
          json{{"id", ident.id}, {"version", ident.version}, {"sha256", hash}}.dump());
    step.label = "Add scheme " + ident.id;
    return out;
}

Result<Outcome> Session::Impl::run(const Annotate& c, UndoStep& step)
{
    if (auto r = rules::check_memo(c.memo, "memo"); !r)
        return r.error();
    if (!store.transcript(c.transcript))
        return make_error(ErrorCode::NotFound,
                          "no transcript " + std::to_string(c.transcript.value()));
    if (auto r = check_coder(c.coder); !r)
        return r.error();
    auto s = load_scheme(c.scheme_id);
    if (!s)
        return s.error();
    if (!rules::has_code(**s, c.code))
        return make_error(ErrorCode::NotFound,
                          "scheme '" + c.scheme_id + "' has no code '" + c.code + "'");
    if (auto r = check_span(c.transcript, c.start, c.end); !r)
        return r.error();
    const auto now = store::now_iso8601();
    // The store gives the uuid and names the scheme version the code was checked against.
    Annotation a{0,       {},    c.transcript, c.coder, c.scheme_id, c.code,
                 c.start, c.end, c.memo,       now,     now};
    a = *store.annotation_by_id(store.insert_annotation(a));
    step.label = "Annotate " + rules::code_label(s->get(), c.code);
    step.kinds = Change::Codings;
    step.who = coder_name(c.coder);
    step.changes.push_back(StateChange<Annotation>{std::nullopt, a});
    audit(step.who, "annotate", entity_name(a), std::nullopt, to_json(a).dump());
    return Outcome{a.id, a.uuid, step.kinds, {}};
}

Result<Outcome> Session::Impl::run(const ChangeSpan& c, UndoStep& step)
{
    auto before = store.annotation_by_uuid(c.uuid);
    if (!before)
        return make_error(ErrorCode::NotFound, "no annotation " + c.uuid);
    if (auto r = check_author(*before, c.coder, "change"); !r)
        return r.error();
    if (auto r = check_span(before->transcript_id, c.start, c.end); !r)
        return r.error();
    Annotation after = *before;
    after.start = c.start;
    after.end = c.end;
    after.modified = store::now_iso8601();
    store.put_annotation(after);
    step.label = "Change span of " +
                 rules::code_label(scheme_for_label(before->scheme_id).get(), before->code);
    step.kinds = Change::Codings;
    step.who = coder_name(before->coder_id);
    step.changes.push_back(StateChange<Annotation>{before, after});
    audit(step.who, "change span", entity_name(after), to_json(*before).dump(),
          to_json(after).dump());
    return Outcome{after.id, after.uuid, step.kinds, {}};
}

Result<Outcome> Session::Impl::run(const ChangeCode& c, UndoStep& step)
{
    auto before = store.annotation_by_uuid(c.uuid);
    if (!before)
        return make_error(ErrorCode::NotFound, "no annotation " + c.uuid);
    if (auto r = check_author(*before, c.coder, "change"); !r)
        return r.error();
    // Only a code of the annotation's own scheme: another scheme's code would change what the
    // passage is evidence for without anyone having chosen that scheme.
    auto s = load_scheme(before->scheme_id);
    if (!s)
        return s.error();
    if (!rules::has_code(**s, c.code))
        return make_error(ErrorCode::NotFound,
                          "scheme '" + before->scheme_id + "' has no code '" + c.code + "'");
    if (c.code == before->code)
        return make_error(ErrorCode::InvalidArgument, "the passage already has that code");
    Annotation after = *before;
    after.code = c.code;
    after.modified = store::now_iso8601();
    after.scheme_version.clear(); // the code is now one of the newest version's
    store.put_annotation(after);
    after = *store.annotation_by_uuid(after.uuid);
    step.label = "Change " + rules::code_label(s->get(), before->code) + " to " +
                 rules::code_label(s->get(), c.code);
    step.kinds = Change::Codings;
    step.who = coder_name(before->coder_id);
    step.changes.push_back(StateChange<Annotation>{before, after});
    audit(step.who, "change code", entity_name(after), to_json(*before).dump(),
          to_json(after).dump());
    return Outcome{after.id, after.uuid, step.kinds, {}};
}

Result<Outcome> Session::Impl::run(const DeleteAnnotation& c, UndoStep& step)
{
    auto before = store.annotation_by_uuid(c.uuid);
    if (!before)
        return make_error(ErrorCode::NotFound, "no annotation " + c.uuid);
    if (auto r = check_author(*before, c.coder, "delete"); !r)
        return r.error();
    store.delete_annotation(c.uuid);
    step.label =
        "Delete " + rules::code_label(scheme_for_label(before->scheme_id).get(), before->code);
    step.kinds = Change::Codings;
    step.who = coder_name(before->coder_id);
    step.changes.push_back(StateChange<Annotation>{before, std::nullopt});
    audit(step.who, "delete annotation", entity_name(*before), to_json(*before).dump(),
          std::nullopt);
    return Outcome{before->id, before->uuid, step.kinds, {}};
}

Result<Outcome> Session::Impl::run(const SetMemo& c, UndoStep& step)
{
    if (auto r = rules::check_memo(c.memo, "memo"); !r)
        return r.error();
    auto before = store.annotation_by_uuid(c.uuid);
    if (!before)
        return make_error(ErrorCode::NotFound, "no annotation " + c.uuid);
    if (auto r = check_author(*before, c.coder, "change"); !r)
        return r.error();
    Annotation after = *before;
    after.memo = c.memo;
    after.modified = store::now_iso8601();
    store.put_annotation(after);
    step.label =
        "Memo on " + rules::code_label(scheme_for_label(before->scheme_id).get(), before->code);
    step.kinds = Change::Memos;
    step.who = coder_name(before->coder_id);
    step.changes.push_back(StateChange<Annotation>{before, after});
    audit(step.who, "set memo", entity_name(after), to_json(*before).dump(), to_json(after).dump());
    return Outcome{after.id, after.uuid, step.kinds, {}};
}

Result<Outcome> Session::Impl::run(const Rate& c, UndoStep& step)
{
    if (auto r = rules::check_memo(c.note, "note"); !r)
        return r.error();
    if (!store.transcript(c.transcript))
        return make_error(ErrorCode::NotFound,
                          "no transcript " + std::to_string(c.transcript.value()));
    if (auto r = check_coder(c.coder); !r)
        return r.error();
    auto s = load_scheme(c.scheme_id);
    if (!s)
        return s.error();
    if (auto r = rules::check_rating(**s, c.scale, c.target, c.value); !r)
        return r.error();
    auto before = store.rating(c.transcript, c.coder, c.scheme_id, c.scale, c.target);
    Rating after{0,       c.transcript,         c.coder, c.scheme_id,         c.scale, c.target,
                 c.value, !c.value.has_value(), c.note,  store::now_iso8601()};
    store.put_rating(after);
    after = *store.rating(c.transcript, c.coder, c.scheme_id, c.scale, c.target); // uuid, version
    step.label = "Rate " + rules::scale_label(s->get(), c.scale, c.target) + " " +
                 (c.value ? scheme::format_value(*c.value) : std::string("not scorable"));
    step.kinds = Change::Ratings;
    step.who = coder_name(c.coder);
    step.changes.push_back(StateChange<Rating>{before, after});
    audit(step.who, "rate", entity_name(after), state_json(before), to_json(after).dump());
    return Outcome{after.id, {}, step.kinds, {}};
}

Result<Outcome> Session::Impl::run(const ClearRating& c, UndoStep& step)
{
    auto before = store.rating(c.transcript, c.coder, c.scheme_id, c.scale, c.target);
    if (!before)
        return make_error(ErrorCode::NotFound, "no score of scale '" + c.scale + "' to clear");
    store.delete_rating(c.transcript, c.coder, c.scheme_id, c.scale, c.target);
    step.label =
        "Clear " + rules::scale_label(scheme_for_label(c.scheme_id).get(), c.scale, c.target);
    step.kinds = Change::Ratings;
    step.who = coder_name(c.coder);
    step.changes.push_back(StateChange<Rating>{before, std::nullopt});
    audit(step.who, "clear rating", entity_name(*before), to_json(*before).dump(), std::nullopt);
    return Outcome{before->id, {}, step.kinds, {}};
}

Result<Outcome> Session::Impl::run(const Classify& c, UndoStep& step)
{
    if (auto r = rules::check_memo(c.note, "note"); !r)
        return r.error();
    if (!store.transcript(c.transcript))
        return make_error(ErrorCode::NotFound,
                          "no transcript " + std::to_string(c.transcript.value()));
    if (auto r = check_coder(c.coder); !r)
        return r.error();
    auto s = load_scheme(c.scheme_id);
    if (!s)
        return s.error();
    auto checked =
        rules::check_classification(**s, c.category, c.subcategory, c.unresolved, c.alternative);
    if (!checked)
        return checked.error();
    auto before = store.classification(c.transcript, c.coder, c.scheme_id);
    Classification after{0,
                         c.transcript,
                         c.coder,
                         c.scheme_id,
                         checked->category,
                         checked->subcategory,
                         checked->unresolved,
                         checked->alternative,
                         c.note,
                         store::now_iso8601()};
    store.put_classification(after);
    after = *store.classification(c.transcript, c.coder, c.scheme_id); // uuid, version
    step.label =
        "Classify " + rules::classification_label(s->get(), after.category, after.subcategory,
                                                  after.unresolved, after.alternative);
    step.kinds = Change::Classifications;
    step.who = coder_name(c.coder);
    step.changes.push_back(StateChange<Classification>{before, after});
    audit(step.who, "classify", entity_name(after), state_json(before), to_json(after).dump());
    return Outcome{after.id, {}, step.kinds, {}};
}

Result<Outcome> Session::Impl::run(const ClearClassification& c, UndoStep& step)
{
    auto before = store.classification(c.transcript, c.coder, c.scheme_id);
    if (!before)
        return make_error(ErrorCode::NotFound, "no classification to clear");
    store.delete_classification(c.transcript, c.coder, c.scheme_id);
    step.label = "Clear classification";
    step.kinds = Change::Classifications;
    step.who = coder_name(c.coder);
    step.changes.push_back(StateChange<Classification>{before, std::nullopt});
    audit(step.who, "clear classification", entity_name(*before), to_json(*before).dump(),
          std::nullopt);
    return Outcome{before->id, {}, step.kinds, {}};
}

Result<Outcome> Session::Impl::run(const EditTranscript& c, UndoStep& step)
{
    auto before = store.transcript(c.id);
    if (!before)
        return make_error(ErrorCode::NotFound, "no transcript " + std::to_string(c.id.value()));
    std::string title = before->title;
    if (c.title)
    {
        auto v = text::normalize_name(*c.title, "a transcript title");
        if (!v)
            return v.error();
        title = std::move(*v);
    }
    std::optional<std::string> participant = before->participant;
    if (c.participant && c.participant->empty())
        participant.reset();
    else if (c.participant)
    {
        auto v = text::normalize_name(*c.participant, "a participant id");
        if (!v)
            return v.error();
        participant = std::move(*v);
    }
    // The participant is the person interviewed: every version of the interview is theirs, or
    // resolve_transcript would find an older version under the old name as a chain of its own.
    std::vector<Transcript> chain{*before};
    for (auto older = before->supersedes; older;)
    {
        auto t = store.transcript(*older);
        if (!t)
            break;
        chain.push_back(*t);
        older = t->supersedes;
    }
    for (std::size_t i = 0; i < chain.size(); ++i)
        for (auto& newer : store.transcripts_superseding(chain[i].id))
            if (std::none_of(chain.begin(), chain.end(),
                             [&](const Transcript& k) { return k.id == newer.id; }))
                chain.push_back(std::move(newer));
    Outcome out{c.id.value(), {}, Change::None, {}};
    out.transcript = c.id;
    for (const auto& t : chain)
    {
        const std::string new_title = t.id == c.id ? title : t.title;
        if (new_title == t.title && participant == t.participant)
            continue;
        store.set_transcript_names(t.id, new_title, participant);
        touched.transcripts.insert(t.id);
        json b = {{"title", t.title}, {"participant", opt(t.participant)}};
        json a = {{"title", new_title}, {"participant", opt(participant)}};
        audit(options.user, "edit transcript", "transcript " + std::to_string(t.id.value()),
              b.dump(), a.dump());
        if (t.id != c.id)
            out.notes.push_back("participant of " + transcript_name(t) + " (version " +
                                std::to_string(t.version) + ") changed too");
        out.changed = Change::Transcripts;
    }
    if (!any(out.changed))
        out.notes.push_back("transcript " + std::to_string(c.id.value()) +
                            " already has these names; nothing to do");
    step.label = "Rename transcript " + title;
    return out;
}

Result<Outcome> Session::Impl::run(const RemoveTranscript& c, UndoStep& step)
{
    auto t = store.transcript(c.id);
    if (!t)
        return make_error(ErrorCode::NotFound, "no transcript " + std::to_string(c.id.value()));
    // Whose work is on it, per coder: the refusal names it so the coder knows what to move or
    // delete first (nothing coded is ever removed as a side effect).
    struct Work
    {
        std::size_t annotations = 0, ratings = 0, classifications = 0;
    };
    std::map<std::string, Work> work;
    const store::RowFilter f{c.id, std::nullopt};
    for (const auto& a : store.annotations(f))
        ++work[coder_name(a.coder_id)].annotations;
    for (const auto& r : store.ratings(f))
        ++work[coder_name(r.coder_id)].ratings;
    for (const auto& cl : store.classifications(f))
        ++work[coder_name(cl.coder_id)].classifications;
    if (!work.empty())
    {
        auto count = [](std::size_t n, const char* what)
        { return std::to_string(n) + " " + what + (n == 1 ? "" : "s"); };
        std::string list;
        for (const auto& [who, w] : work)
        {
            std::vector<std::string> parts;
            if (w.annotations)
                parts.push_back(count(w.annotations, "annotation"));
            if (w.ratings)
                parts.push_back(count(w.ratings, "rating"));
            if (w.classifications)
                parts.push_back(count(w.classifications, "classification"));
            list += (list.empty() ? "" : "; ") + who + ": ";
            for (std::size_t i = 0; i < parts.size(); ++i)
                list += (i ? ", " : "") + parts[i];
        }
        return make_error(ErrorCode::Conflict, transcript_name(*t) +
                                                   " holds coded work and is not removed (" + list +
                                                   ")");
    }
    if (const auto decided = store.consensus_decisions(c.id); !decided.empty())
        return make_error(ErrorCode::Conflict, transcript_name(*t) + " holds " +
                                                   std::to_string(decided.size()) +
                                                   " consensus decision(s) and is not removed");
    if (const auto newer = store.transcripts_superseding(c.id); !newer.empty())
        return make_error(ErrorCode::Conflict,
                          transcript_name(*t) + " is the earlier version of transcript " +
                              std::to_string(newer.front().id.value()) +
                              " and is kept with it; remove the newer version first");
    json before = {{"title", t->title},
                   {"participant", opt(t->participant)},
                   {"source", opt(t->source_name)},
                   {"sha256", t->sha256},
                   {"version", t->version},
                   {"created", t->created},
                   {"text", *store.transcript_text(c.id)}};
    if (t->supersedes)
        before["supersedes"] = *t->supersedes;
    store.delete_transcript(c.id);
    text_lengths.erase(c.id);
    touched.transcripts.insert(c.id);
    // Undo steps about this transcript's (since deleted) rows could never be replayed.
    auto touches = [&](const UndoStep& s)
    {
        auto on_it = [&](const auto& x)
        { return (x.before ? *x.before : *x.after).transcript_id == c.id; };
        return std::any_of(s.changes.begin(), s.changes.end(),
                           [&](const AnyChange& ch) { return std::visit(on_it, ch); });
    };
    for (auto& [owner, h] : histories)
        for (auto* stack : {&h.undo, &h.redo})
            stack->erase(std::remove_if(stack->begin(), stack->end(), touches), stack->end());
    audit(options.user, "remove transcript", "transcript " + std::to_string(c.id.value()),
          before.dump(), std::nullopt);
    step.label = "Remove transcript " + t->title;
    Outcome out{c.id.value(), {}, Change::Transcripts, {}};
    out.transcript = c.id;
    return out;
}

Result<Outcome> Session::Impl::run(const RecordDecision& c, UndoStep& step)
{
    static const std::map<std::string, std::size_t> kKinds = {
        {"passage", 1}, {"rating", 2}, {"classification", 3}}; // index into `edited`
    const auto kind = kKinds.find(c.kind);
    if (kind == kKinds.end())
        return make_error(ErrorCode::InvalidArgument, "unknown kind of disagreement '" + c.kind +
                                                          "' (passage, rating or classification)");
    if (std::find(std::begin(store::kDecisions), std::end(store::kDecisions), c.decision) ==
        std::end(store::kDecisions))
        return make_error(ErrorCode::InvalidArgument,
                          "unknown decision '" + c.decision +
                              "' (accept-a, accept-b, both, neither or edited)");
    const bool has_edit = !std::holds_alternative<std::monostate>(c.edited);
    if ((c.decision == "edited") != has_edit)
        return make_error(ErrorCode::InvalidArgument,
                          has_edit ? "an edited record goes with the decision 'edited' only"
                                   : "the decision 'edited' needs the edited record");
    if (has_edit && c.edited.index() != kind->second)
        return make_error(ErrorCode::InvalidArgument,
                          "the edited record is not a " + c.kind + " record");
    if (has_edit && !c.take.empty())
        return make_error(ErrorCode::InvalidArgument,
                          "an edited decision takes no coder's record as it is");
    if (c.kind != "passage" && c.take.size() > 1)
        return make_error(ErrorCode::InvalidArgument,
                          "a " + c.kind + " has one value: take one coder's, or edit it");
    if (c.disagreement.empty())
        return make_error(ErrorCode::InvalidArgument, "a decision names its disagreement");
    for (const auto* field : {&c.reason, &c.note})
        if (auto r = rules::check_memo(*field, field == &c.reason ? "reason" : "note"); !r)
            return r.error();
    if (!store.transcript(c.transcript))
        return make_error(ErrorCode::NotFound,
                          "no transcript " + std::to_string(c.transcript.value()));
    if (const auto earlier = store.consensus_decision_for(c.disagreement))
        return make_error(ErrorCode::Conflict,
                          "disagreement " + c.disagreement + " was decided already (" +
                              earlier->decision + ", by " + earlier->decided_by + " at " +
                              earlier->decided + "); undo that decision to decide it again");
    for (const auto& uuid : c.take)
        if (std::find(c.sources.begin(), c.sources.end(), uuid) == c.sources.end())
            return make_error(ErrorCode::InvalidArgument,
                              "record " + uuid + " is not one the disagreement is about");

    // The coders' records, as the commands that would make them again for the consensus coder.
    std::map<std::string, Command> remake;
    for (const auto& uuid : c.sources)
    {
        std::optional<Command> cmd;
        TranscriptId on;
        if (c.kind == "passage")
            if (auto a = store.annotation_by_uuid(uuid))
            {
                on = a->transcript_id;
                cmd = Annotate{a->transcript_id, {},     a->scheme_id, a->code,
                               a->start,         a->end, a->memo};
            }
        if (c.kind == "rating")
            if (auto r = store.rating_by_uuid(uuid))
            {
                on = r->transcript_id;
                cmd = Rate{r->transcript_id, {},        r->scheme_id,
                           r->scale,         r->target, r->not_scorable ? std::nullopt : r->value,
                           r->note};
            }
        if (c.kind == "classification")
            if (auto k = store.classification_by_uuid(uuid))
            {
                on = k->transcript_id;
                const auto st = stated(*k);
                cmd = Classify{st.transcript_id, {},
                               st.scheme_id,     st.category,
                               st.subcategory,   st.unresolved,
                               st.alternative,   st.note};
            }
        if (!cmd)
            return make_error(ErrorCode::NotFound, "no " + c.kind + " record " + uuid);
        if (on != c.transcript)
            return make_error(ErrorCode::InvalidArgument,
                              c.kind + " record " + uuid + " is on another transcript");
        remake.emplace(uuid, std::move(*cmd));
    }
    auto consensus = consensus_coder(true);
    if (!consensus)
        return consensus.error();
    std::vector<Command> commands;
    for (const auto& uuid : c.take)
        commands.push_back(remake.at(uuid));
    if (has_edit)
        std::visit(
            [&](const auto& e)
            {
                if constexpr (!std::is_same_v<std::decay_t<decltype(e)>, std::monostate>)
                    commands.push_back(e);
            },
            c.edited);

    // Each record is made by its own command, so it obeys every rule a coder's record does.
    Change kinds = Change::Consensus;
    std::vector<AnyChange> changes;
    for (auto& command : commands)
    {
        UndoStep part;
        auto r = std::visit(
            [&](auto& x) -> Result<Outcome>
            {
                using T = std::decay_t<decltype(x)>;
                if constexpr (std::is_same_v<T, Annotate> || std::is_same_v<T, Rate> ||
                              std::is_same_v<T, Classify>)
                {
                    x.transcript = c.transcript;
                    x.coder = consensus->id;
                    return run(x, part);
                }
                else
                    return make_error(ErrorCode::Internal, "not a record command");
            },
            command);
        if (!r)
        {
            Error e = r.error();
            e.message = "the consensus " + c.kind + " is refused: " + e.message;
            return e;
        }
        kinds = kinds | part.kinds;
        changes.insert(changes.end(), part.changes.begin(), part.changes.end());
    }
    ConsensusDecision d;
    d.transcript_id = c.transcript;
    d.kind = c.kind;
    d.disagreement = c.disagreement;
    d.decision = c.decision;
    d.sources = c.sources;
    for (const auto& change : changes)
        std::visit(
            [&](const auto& x)
            {
                if constexpr (!std::is_same_v<std::decay_t<decltype(x)>,
                                              StateChange<ConsensusDecision>>)
                    if (x.after)
                        d.results.push_back(x.after->uuid);
            },
            change);
    d.reason = c.reason;
    d.note = c.note;
    d.decided_by = c.decided_by.empty() ? options.user : c.decided_by;
    d.decided = store::now_iso8601();
    d.uuid = store::new_uuid();
    store.put_consensus_decision(d);
    d = *store.consensus_decision_by_uuid(d.uuid); // the row id
    changes.push_back(StateChange<ConsensusDecision>{std::nullopt, d});
    step.changes = std::move(changes);
    step.kinds = kinds;
    step.who = d.decided_by;
    step.label = "Decide " + c.disagreement + " (" + c.decision + ")";
    audit(d.decided_by, "record decision", entity_name(d), std::nullopt, to_json(d).dump());
    Outcome out{d.id, d.uuid, kinds | (touched.coders.empty() ? Change::None : Change::Coders), {}};
    out.coder = consensus->id;
    return out;
}

// ---------------------------------------------------------------------------------------------
// Orphans: stored work whose code/scale/category the latest scheme version lacks.

std::vector<Orphan> Session::Impl::orphans()
{
    std::vector<Orphan> out;
    std::map<CoderId, std::string> names;
    for (const auto& c : store.coders())
        names[c.id] = c.name;
    const store::RowFilter all{};
    for (const auto& a : store.annotations(all))
    {
        auto s = load_scheme(a.scheme_id);
        if (!s || !rules::has_code(**s, a.code))
            out.push_back(
                {"annotation", a.scheme_id, a.code, a.transcript_id, names[a.coder_id], a.uuid});
    }
    for (const auto& r : store.ratings(all))
    {
        auto s = load_scheme(r.scheme_id);
        if (!s || !rules::has_scale(**s, r.scale))
            out.push_back({"rating", r.scheme_id, r.scale, r.transcript_id, names[r.coder_id],
                           r.scale + (r.target.empty() ? "" : "/" + r.target)});
    }
    for (const auto& c : store.classifications(all))
    {
        auto s = load_scheme(c.scheme_id);
        for (const auto* id :
             {&c.category, c.subcategory ? &*c.subcategory : nullptr,
              c.unresolved ? &*c.unresolved : nullptr, c.alternative ? &*c.alternative : nullptr})
            if (id && (!s || !rules::has_category(**s, *id)))
                out.push_back({"classification", c.scheme_id, *id, c.transcript_id,
                               names[c.coder_id], c.category});
    }
    return out;
}

std::vector<std::string> Session::Impl::orphan_notes(const std::string& scheme_id,
                                                     const scheme::Scheme&)
{
    std::vector<std::string> notes;
    for (const auto& o : orphans())
        if (o.scheme_id == scheme_id)
            notes.push_back("orphaned " + o.kind + " (kept): '" + o.code +
                            "' is not in the new version; transcript " +
                            std::to_string(o.transcript.value()) + ", coder " + o.coder + ", " +
                            o.ref);
    return notes;
}

// ---------------------------------------------------------------------------------------------
// Session

Session::Session(std::unique_ptr<Impl> impl) : m_impl(std::move(impl))
{
    m_impl->data_version = m_impl->store.db().query_int("PRAGMA data_version");
}
Session::~Session() = default;

namespace
{
SessionOptions with_defaults(SessionOptions o)
{
    if (o.user.empty())
    {
        const char* u = std::getenv("USER");
        o.user = u && *u ? u : "unknown";
    }
    return o;
}
} // namespace

Result<std::unique_ptr<Session>> Session::create(const std::filesystem::path& path,
                                                 SessionOptions options)
{
    options = with_defaults(options);
    auto s = store::ProjectStore::create(path, options.busy_timeout_ms);
    if (!s)
        return s.error();
    return std::unique_ptr<Session>(
        new Session(std::make_unique<Impl>(std::move(*s), std::move(options))));
}

Result<std::unique_ptr<Session>> Session::open(const std::filesystem::path& path,
                                               SessionOptions options)
{
    options = with_defaults(options);
    auto s = store::ProjectStore::open(path, options.busy_timeout_ms);
    if (!s)
        return s.error();
    return std::unique_ptr<Session>(
        new Session(std::make_unique<Impl>(std::move(*s), std::move(options))));
}

Result<std::unique_ptr<Session>> Session::open_to_read(const std::filesystem::path& path,
                                                       SessionOptions options)
{
    options = with_defaults(options);
    auto s = store::ProjectStore::open_to_read_shared(path, options.busy_timeout_ms);
    if (!s)
    {
        // A file of an older schema version is Unsupported here and only open() brings it up
        // to date (verified, after a backup copy); for any other Unsupported file open() gives
        // the same refusal.
        if (s.error().code == ErrorCode::Unsupported)
            return open(path, std::move(options));
        return s.error();
    }
    return std::unique_ptr<Session>(
        new Session(std::make_unique<Impl>(std::move(*s), std::move(options))));
}

std::unique_ptr<Session> Session::reader_beside() const
{
    if (m_impl->store.db().is_snapshot())
        return nullptr;
    auto s = store::ProjectStore::open_to_read_shared(path(), m_impl->options.busy_timeout_ms);
    if (!s || s->db().is_snapshot())
        return nullptr;
    return std::unique_ptr<Session>(
        new Session(std::make_unique<Impl>(std::move(*s), m_impl->options)));
}

const std::filesystem::path& Session::path() const
{
    return m_impl->store.db().path();
}

std::optional<std::filesystem::path> Session::migration_backup() const
{
    return m_impl->store.migration().backup;
}

bool Session::read_only() const
{
    return m_impl->store.db().read_only();
}

std::string Session::read_only_reason() const
{
    return m_impl->store.db().read_only_reason();
}

Result<Outcome> Session::apply(const Command& command)
{
    auto& impl = *m_impl;
    if (impl.store.db().read_only())
        return read_only_error(impl.store.db());
    UndoStep step;
    Result<Outcome> result = make_error(ErrorCode::Internal, "command did not run");
    impl.touched = {};
    try
    {
        store::Transaction tx(impl.store.db());
        result = std::visit([&](const auto& c) { return impl.run(c, step); }, command);
        if (!result)
            return result; // the transaction rolls back
        tx.commit();
    }
    catch (const store::StoreError& e)
    {
        // A failed command may have filled the caches with rows of the rolled-back transaction.
        impl.schemes.clear();
        return e.to_error();
    }
    Impl::mark(impl.touched, step.changes);
    if (!step.changes.empty())
    {
        impl.history().undo.push_back(step);
        impl.history().redo.clear();
    }
    if (any(result->changed))
        impl.notify_touched(result->changed, step.label);
    return result;
}

Result<Outcome> Session::apply(const std::vector<Command>& commands, std::string label)
{
    auto& impl = *m_impl;
    if (impl.store.db().read_only())
        return read_only_error(impl.store.db());
    const auto n = std::to_string(commands.size());
    for (std::size_t i = 0; i < commands.size(); ++i)
        if (!batchable(commands[i]))
            return make_error(ErrorCode::InvalidArgument,
                              std::string(command_name(commands[i])) + " (command " +
                                  std::to_string(i + 1) + " of " + n +
                                  ") cannot be part of a batch: it is not undone with the "
                                  "others; run it on its own. Nothing was changed.");
    if (commands.empty())
        return Outcome{};
    if (label.empty())
        label = n + " changes";
    UndoStep batch;
    batch.label = label;
    Outcome total;
    impl.touched = {};
    try
    {
        store::Transaction tx(impl.store.db());
        impl.audit(impl.options.user, "batch", "batch", std::nullopt,
                   json{{"label", label}, {"commands", commands.size()}}.dump());
        for (std::size_t i = 0; i < commands.size(); ++i)
        {
            UndoStep step;
            auto r = std::visit([&](const auto& c) { return impl.run(c, step); }, commands[i]);
            if (!r)
            {
                Error e = r.error();
                e.message += " (command " + std::to_string(i + 1) + " of " + n + " of '" + label +
                             "'; nothing of it was saved)";
                return e; // the transaction rolls back
            }
            batch.kinds = batch.kinds | step.kinds;
            if (batch.who.empty())
                batch.who = step.who;
            batch.changes.insert(batch.changes.end(), step.changes.begin(), step.changes.end());
            total.changed = total.changed | r->changed;
            total.notes.insert(total.notes.end(), r->notes.begin(), r->notes.end());
            total.id = r->id;
            total.uuid = r->uuid;
            total.parts.push_back(std::move(*r));
        }
        tx.commit();
    }
    catch (const store::StoreError& e)
    {
        impl.schemes.clear();
        return e.to_error();
    }
    batch.changes = net_changes(batch.changes);
    Impl::mark(impl.touched, batch.changes);
    if (!batch.changes.empty())
    {
        impl.history().undo.push_back(std::move(batch));
        impl.history().redo.clear();
    }
    if (any(total.changed))
        impl.notify_touched(total.changed, label);
    return total;
}

Result<Change> Session::undo()
{
    return m_impl->step_history(false);
}

Result<Change> Session::redo()
{
    return m_impl->step_history(true);
}

bool Session::can_undo() const
{
    return !m_impl->history().undo.empty();
}
bool Session::can_redo() const
{
    return !m_impl->history().redo.empty();
}
std::string Session::undo_label() const
{
    const auto& h = m_impl->history();
    return h.undo.empty() ? std::string() : "Undo " + h.undo.back().label;
}
std::string Session::redo_label() const
{
    const auto& h = m_impl->history();
    return h.redo.empty() ? std::string() : "Redo " + h.redo.back().label;
}

void Session::set_history_owner(const std::string& owner)
{
    m_impl->history_owner = owner;
}

const std::string& Session::history_owner() const
{
    return m_impl->history_owner;
}

std::filesystem::path automatic_backup_path(const std::filesystem::path& project)
{
    auto p = project;
    p += ".backup";
    return p;
}

std::vector<Backup> good_backups(const std::filesystem::path& project)
{
    std::vector<std::filesystem::path> candidates;
    std::error_code ec;
    if (std::filesystem::is_regular_file(automatic_backup_path(project), ec))
        candidates.push_back(automatic_backup_path(project));
    const auto dir = project.has_parent_path() ? project.parent_path() : ".";
    const std::string prefix = project.filename().string() + ".v";
    for (const auto& entry : std::filesystem::directory_iterator(dir, ec))
    {
        const std::string name = entry.path().filename().string();
        if (name.rfind(prefix, 0) == 0 && name.find(".bak") != std::string::npos &&
            name.find(".partial") == std::string::npos && entry.is_regular_file(ec))
            candidates.push_back(entry.path());
    }
    std::vector<Backup> good;
    for (const auto& c : candidates)
    {
        const auto written = std::filesystem::last_write_time(c, ec);
        if (ec)
            continue;
        // Verified as it is: an older copy is not migrated (that would change the backup).
        if (store::verify_file(c))
            good.push_back({c, written});
    }
    std::sort(good.begin(), good.end(),
              [](const Backup& a, const Backup& b) { return a.written > b.written; });
    return good;
}

Result<void> Session::save_copy(const std::filesystem::path& target, bool replace)
{
    std::error_code ec;
    const auto here = std::filesystem::weakly_canonical(path(), ec);
    const auto there = std::filesystem::weakly_canonical(target, ec);
    if (!ec && here == there)
        return make_error(ErrorCode::Conflict, "a copy cannot replace the project itself",
                          SourceLocation{target.string()});
    if (!replace && std::filesystem::exists(target, ec))
        return make_error(ErrorCode::Conflict, "the file already exists; refusing to overwrite it",
                          SourceLocation{target.string()});
    if (read_only() && target == automatic_backup_path(path()))
        return make_error(ErrorCode::Io,
                          "the project is read-only (" + read_only_reason() +
                              "): its automatic backup is not written",
                          SourceLocation{target.string()});
    return m_impl->store.db().backup_to(target);
}

namespace
{
Changed changed_elsewhere()
{
    Changed c;
    c.kinds = Change::Codings | Change::Ratings | Change::Memos | Change::Scheme |
              Change::Transcripts | Change::Coders | Change::Classifications | Change::Consensus;
    c.label = kChangedElsewhere;
    c.everything = true;
    return c;
}
} // namespace

Result<bool> Session::refresh_if_changed_elsewhere()
{
    auto& impl = *m_impl;
    if (impl.store.db().snapshot_outdated())
    {
        // A snapshot never sees another program's commits (data_version stays put): the file
        // changed, so the project is read afresh, read-only or not as its place now is.
        auto fresh =
            store::ProjectStore::open(impl.store.db().path(), impl.options.busy_timeout_ms);
        if (!fresh)
            return fresh.error();
        impl.store = std::move(*fresh);
        impl.schemes.clear();
        impl.text_lengths.clear();
        impl.histories.clear();
        try
        {
            impl.data_version = impl.store.db().query_int("PRAGMA data_version");
        }
        catch (const store::StoreError& e)
        {
            return e.to_error();
        }
        impl.notify(changed_elsewhere());
        return true;
    }
    std::int64_t now = 0;
    try
    {
        now = impl.store.db().query_int("PRAGMA data_version");
    }
    catch (const store::StoreError& e)
    {
        return e.to_error();
    }
    if (now == impl.data_version)
        return false;
    impl.data_version = now;
    // Cached schemes are keyed by their row id and re-read when a newer version appears; text
    // lengths are of immutable texts. Nothing else is cached, so the views only need telling.
    impl.notify(changed_elsewhere());
    return true;
}

store::ProjectStore& SessionAccess::store(Session& session)
{
    return session.m_impl->store;
}

const std::string& SessionAccess::user(Session& session)
{
    return session.m_impl->options.user;
}

void SessionAccess::changed_in_bulk(Session& session, const std::string& label)
{
    auto& impl = *session.m_impl;
    impl.schemes.clear();
    impl.histories.clear();
    Changed c;
    c.kinds = Change::Codings | Change::Ratings | Change::Memos | Change::Scheme |
              Change::Transcripts | Change::Coders | Change::Classifications | Change::Consensus;
    c.label = label;
    c.everything = true;
    impl.notify(c);
}

int Session::subscribe(std::function<void(const Changed&)> callback)
{
    const int token = m_impl->next_token++;
    m_impl->subscribers[token] = std::move(callback);
    return token;
}

void Session::unsubscribe(int token)
{
    m_impl->subscribers.erase(token);
}

std::vector<TranscriptSummary> Session::transcripts()
{
    std::vector<TranscriptSummary> out;
    for (auto& t : m_impl->store.transcripts())
    {
        auto coders = m_impl->store.coders_of_transcript(t.id);
        out.push_back({std::move(t), std::move(coders)});
    }
    return out;
}

std::vector<Transcript> Session::transcript_list()
{
    return m_impl->store.transcripts();
}

Result<Transcript> Session::transcript(TranscriptId id)
{
    auto t = m_impl->store.transcript(id);
    if (!t)
        return make_error(ErrorCode::NotFound, "no transcript " + std::to_string(id.value()));
    return *t;
}

Result<std::string> Session::text(TranscriptId id)
{
    auto t = m_impl->store.verified_transcript_text(id);
    if (!t)
        return make_error(ErrorCode::NotFound, "no transcript " + std::to_string(id.value()));
    return *t;
}

Result<TranscriptId> Session::resolve_transcript(const std::string& name)
{
    if (!name.empty() && name.find_first_not_of("0123456789") == std::string::npos &&
        name.size() < 18)
    {
        const TranscriptId id{std::stoll(name)};
        if (m_impl->store.transcript(id))
            return id;
        // A participant id may also be numeric; fall through to that lookup.
    }
    const auto normal = text::normalize_name(name, "a participant id");
    auto matches = m_impl->store.transcripts_by_participant(normal ? *normal : name);
    if (matches.empty())
        return make_error(ErrorCode::NotFound,
                          "no transcript with id or participant '" + name + "'");
    const auto heads = current_transcripts(matches);
    if (heads.size() != 1)
        return make_error(ErrorCode::Conflict, "participant '" + name + "' names " +
                                                   std::to_string(heads.size()) +
                                                   " transcripts; use the numeric id");
    return heads.front().id;
}

std::vector<Transcript> Session::transcripts_with_text(const std::string& text)
{
    return m_impl->store.transcripts_by_sha256(text::sha256_hex(text));
}

std::string Session::project_uuid()
{
    return m_impl->store.project_uuid();
}

std::vector<Coder> Session::coders()
{
    return m_impl->store.coders();
}

Result<Coder> Session::coder(const std::string& name)
{
    // Stored names are NFC; an NFD spelling of the same name finds the same coder.
    const auto normal = text::normalize_name(name, "a coder name");
    auto c = m_impl->store.coder_by_name(normal ? *normal : name);
    if (!c)
        return make_error(ErrorCode::NotFound,
                          "no coder '" + name + "' (add coders with 'attune-cli coder add')");
    return *c;
}

std::vector<SchemeInfo> Session::schemes()
{
    return m_impl->store.schemes();
}

Result<std::shared_ptr<const scheme::Scheme>> Session::scheme(const std::string& scheme_id)
{
    return m_impl->load_scheme(scheme_id);
}

namespace
{
template <typename Pred>
Result<std::string> unique_scheme(Session& s, const std::string& what, const std::string& id,
                                  Pred has)
{
    std::vector<std::string> found;
    for (const auto& info : latest_schemes(s.schemes()))
    {
        auto sch = s.scheme(info.scheme_id);
        if (sch && has(**sch, id))
            found.push_back(info.scheme_id);
    }
    if (found.empty())
        return make_error(ErrorCode::NotFound,
                          "no stored scheme defines " + what + " '" + id + "'");
    if (found.size() > 1)
        return make_error(ErrorCode::Conflict, "several schemes define " + what + " '" + id +
                                                   "' (" + found[0] + ", " + found[1] +
                                                   "); name one with --scheme");
    return found.front();
}
} // namespace

Result<std::string> Session::scheme_for_code(const std::string& code)
{
    return unique_scheme(*this, "code", code, rules::has_code);
}
Result<std::string> Session::scheme_for_scale(const std::string& scale)
{
    return unique_scheme(*this, "scale", scale, rules::has_scale);
}
Result<std::string> Session::scheme_for_category(const std::string& category)
{
    return unique_scheme(*this, "classification category", category, rules::has_category);
}

void Session::for_each_span(const std::function<void(const store::SpanRow&)>& fn,
                            store::SpanOrder order)
{
    m_impl->store.for_each_span(fn, order);
}

std::vector<Annotation> Session::annotations(std::optional<TranscriptId> transcript,
                                             std::optional<CoderId> coder)
{
    return m_impl->store.annotations({transcript, coder});
}

Result<Annotation> Session::annotation(const std::string& uuid)
{
    auto a = m_impl->store.annotation_by_uuid(uuid);
    if (!a)
        return make_error(ErrorCode::NotFound, "no annotation " + uuid);
    return *a;
}

void Session::for_each_rating_value(const std::function<void(const store::RatingValueRow&)>& fn)
{
    m_impl->store.for_each_rating_value(fn);
}

std::vector<Rating> Session::ratings(std::optional<TranscriptId> transcript,
                                     std::optional<CoderId> coder)
{
    return m_impl->store.ratings({transcript, coder});
}

std::vector<Classification> Session::classifications(std::optional<TranscriptId> transcript,
                                                     std::optional<CoderId> coder)
{
    return m_impl->store.classifications({transcript, coder});
}

Classification Session::as_stated(Classification stored)
{
    return m_impl->stated(std::move(stored));
}

std::optional<Coder> Session::consensus_coder()
{
    auto c = m_impl->consensus_coder(false);
    if (!c)
        return std::nullopt;
    return *c;
}

std::vector<ConsensusDecision> Session::consensus_decisions(std::optional<TranscriptId> transcript)
{
    return m_impl->store.consensus_decisions(transcript);
}

std::vector<CoderProgress> Session::progress()
{
    std::vector<CoderProgress> out;
    for (const auto& c : m_impl->store.coders())
    {
        const store::RowFilter f{std::nullopt, c.id};
        out.push_back(coder_progress(c, m_impl->store.annotations(f), m_impl->store.ratings(f),
                                     m_impl->store.classifications(f)));
    }
    return out;
}

Result<AuditEntry> Session::record_unblind(const std::string& coder, const std::string& reveals,
                                           const std::string& reason)
{
    auto& impl = *m_impl;
    auto who = impl.store.coder_by_name(coder);
    if (!who)
        return make_error(ErrorCode::NotFound, "no coder '" + coder + "' in the project");
    if (impl.store.db().read_only())
        return read_only_error(impl.store.db());
    try
    {
        AuditEntry entry{
            0,
            store::now_iso8601(),
            who->name,
            "unblind",
            "coder " + std::to_string(who->id.value()),
            std::nullopt,
            json{
                {"coder", who->name}, {"role", who->role}, {"reveals", reveals}, {"reason", reason}}
                .dump()};
        store::Transaction tx(impl.store.db());
        impl.store.append_audit(entry);
        tx.commit();
        return entry;
    }
    catch (const store::StoreError& e)
    {
        return e.to_error();
    }
}

std::int64_t Session::revision()
{
    return m_impl->store.revision();
}

std::optional<std::string> Session::current_derived(const std::string& key)
{
    auto kept = m_impl->store.derived(key);
    if (!kept || kept->revision != m_impl->store.revision())
        return std::nullopt;
    return std::move(kept->value);
}

Result<void> Session::keep_derived(const std::vector<std::pair<std::string, std::string>>& values,
                                   std::int64_t revision)
{
    auto& impl = *m_impl;
    if (impl.store.db().read_only())
        return read_only_error(impl.store.db());
    try
    {
        store::Transaction tx(impl.store.db());
        const std::string made = store::now_iso8601();
        for (const auto& [key, value] : values)
            impl.store.put_derived(key, revision, value, made, 8);
        tx.commit();
        return {};
    }
    catch (const store::StoreError& e)
    {
        return e.to_error();
    }
}

std::vector<AuditEntry> Session::audit_log(std::int64_t limit)
{
    return m_impl->store.audit_log(limit);
}

std::vector<AuditEntry> Session::audit_log_of(const std::string& action)
{
    return m_impl->store.audit_log_of(action);
}

Result<std::vector<SearchHit>> Session::search(const std::string& query)
{
    try
    {
        return m_impl->store.search(query);
    }
    catch (const store::StoreError& e)
    {
        return e.to_error();
    }
}

Result<CheckReport> Session::check()
{
    try
    {
        CheckReport r;
        r.integrity_problems = store::integrity_problems(m_impl->store.db());
        r.orphans = m_impl->orphans();
        return r;
    }
    catch (const store::StoreError& e)
    {
        return e.to_error();
    }
}

std::vector<std::pair<std::int64_t, std::int64_t>> line_spans(const std::string& text)
{
    // Each line ends where the next begins, before its '\n'; the last at the end of the text.
    const auto starts = text::line_starts(text);
    std::vector<std::pair<std::int64_t, std::int64_t>> out;
    for (std::size_t i = 0; i + 1 < starts.size(); ++i)
        out.emplace_back(starts[i], starts[i + 1] - 1);
    out.emplace_back(starts.back(), text::code_point_count(text));
    return out;
}

} // namespace attune::project
