// SPDX-License-Identifier: GPL-3.0-or-later
// The disagreements of two coders, with stable ids, and the decision that settles one.
#include "core/analysis/disagreements.h"

#include "core/analysis/project_agreement.h"

#include "core/project/scheme_rules.h"
#include "core/project/study_rules.h"
#include "core/scheme/scheme.h"
#include "core/stats/span_match.h"
#include "core/text/sha256.h"
#include "core/text/text_index.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <limits>
#include <map>
#include <set>

namespace attune::analysis
{
namespace
{

using project::Annotation;
using project::Coder;
using project::Session;
using project::TranscriptId;

// The id hashes what the disagreement is about in a fixed order (the two sides sorted), so it
// does not depend on which coder is named first.
std::string stable_id(char prefix, std::vector<std::string> parts, std::vector<std::string> sides)
{
    std::sort(sides.begin(), sides.end());
    std::string key;
    for (const auto& p : parts)
        key += p + '\x1f';
    for (const auto& s : sides)
        key += s + '\x1e';
    return std::string(1, prefix) + "-" + text::sha256_hex(key).substr(0, 10);
}

const char* family(DisagreementKind k)
{
    switch (k)
    {
    case DisagreementKind::OnlyA:
    case DisagreementKind::OnlyB: return "only";
    case DisagreementKind::DifferentCode: return "different-code";
    default: return "boundary";
    }
}

std::string rating_value(const project::Rating& r)
{
    return r.not_scorable || !r.value ? std::string("not-scorable")
                                      : scheme::format_value(*r.value);
}

struct Pair
{
    Coder a;
    Coder b;
};

Result<Pair> pick_coders(Session& session, const std::vector<std::string>& names)
{
    std::vector<Coder> chosen;
    if (names.empty())
    {
        for (auto& c : session.coders())
            if (c.role == "coder")
                chosen.push_back(std::move(c));
        std::sort(chosen.begin(), chosen.end(),
                  [](const Coder& x, const Coder& y) { return x.id < y.id; });
        if (chosen.size() != 2)
            return make_error(ErrorCode::InvalidArgument,
                              "the project has " + std::to_string(chosen.size()) +
                                  " coders of role 'coder'; name the two to compare with "
                                  "--coders A,B");
    }
    else
    {
        if (names.size() != 2)
            return make_error(ErrorCode::InvalidArgument,
                              "disagreements are between two coders; --coders names " +
                                  std::to_string(names.size()));
        for (const auto& n : names)
        {
            auto c = session.coder(n);
            if (!c)
                return c.error();
            if (c->role == "consensus")
                return make_error(ErrorCode::InvalidArgument,
                                  "coder '" + c->name +
                                      "' holds the consensus; compare it with 'agree' instead");
            chosen.push_back(*c);
        }
        if (chosen[0].id == chosen[1].id)
            return make_error(ErrorCode::InvalidArgument,
                              "--coders names '" + chosen[0].name + "' twice");
    }
    return Pair{chosen[0], chosen[1]};
}

// How A's and B's passages on one transcript pair up (indices into their lists), by
// span_match's own rule (stats::span_pairs), round by round on what is left.
struct PassagePairs
{
    std::vector<std::pair<std::size_t, std::size_t>> same; ///< same code and span: agreement
    std::vector<std::pair<std::size_t, std::size_t>> boundary;
    std::vector<std::pair<std::size_t, std::size_t>> different;
    std::vector<std::size_t> rest_a;
    std::vector<std::size_t> rest_b;
};

PassagePairs pair_passages(const std::vector<Annotation>& of_a, const std::vector<Annotation>& of_b)
{
    PassagePairs out;
    auto& rest_a = out.rest_a;
    auto& rest_b = out.rest_b;
    rest_a.resize(of_a.size());
    rest_b.resize(of_b.size());
    for (std::size_t i = 0; i < rest_a.size(); ++i)
        rest_a[i] = i;
    for (std::size_t j = 0; j < rest_b.size(); ++j)
        rest_b[j] = j;
    // Each round pairs what is left by span_match's own rule; `with_code` keys spans by scheme
    // and code, else by scheme only (a different code on the same stretch).
    auto pairing = [&](bool with_code, double min_overlap,
                       std::vector<std::pair<std::size_t, std::size_t>>& keep)
    {
        auto spans = [&](const std::vector<Annotation>& list, const std::vector<std::size_t>& idx)
        {
            std::vector<stats::CodedSpan> v;
            for (const auto i : idx)
                v.push_back({0, list[i].scheme_id + (with_code ? "\x1f" + list[i].code : ""),
                             list[i].start, list[i].end});
            return v;
        };
        const auto pairs = stats::span_pairs(spans(of_a, rest_a), spans(of_b, rest_b), min_overlap);
        std::set<std::size_t> used_a, used_b;
        for (const auto& [i, j] : pairs)
        {
            keep.emplace_back(rest_a[i], rest_b[j]);
            used_a.insert(i);
            used_b.insert(j);
        }
        auto drop = [](std::vector<std::size_t>& idx, const std::set<std::size_t>& used)
        {
            std::vector<std::size_t> left;
            for (std::size_t k = 0; k < idx.size(); ++k)
                if (!used.count(k))
                    left.push_back(idx[k]);
            idx = std::move(left);
        };
        drop(rest_a, used_a);
        drop(rest_b, used_b);
    };
    const double any_overlap = std::numeric_limits<double>::min();
    pairing(true, 0.0, out.same);
    pairing(true, any_overlap, out.boundary);
    pairing(false, any_overlap, out.different);
    return out;
}

// One transcript's passages of A and B (all schemes) into disagreements.
void passage_disagreements(const std::vector<Annotation>& of_a, const std::vector<Annotation>& of_b,
                           const Pair& coders, const std::vector<CpOffset>& line_starts,
                           const DisagreementItem& proto, std::vector<DisagreementItem>& out)
{
    const PassagePairs paired = pair_passages(of_a, of_b);
    auto version = [&](const Coder& who, const Annotation* a)
    {
        CoderVersion v;
        v.coder = who.name;
        if (!a)
            return v;
        v.uuid = a->uuid;
        v.code = a->code;
        v.start = a->start;
        v.end = a->end;
        v.first_line = text::line_of(line_starts, a->start);
        v.last_line = text::line_of(line_starts, a->end - 1);
        return v;
    };
    auto add = [&](DisagreementKind kind, const Annotation* a, const Annotation* b)
    {
        DisagreementItem d = proto;
        d.kind = kind;
        d.scheme_id = a ? a->scheme_id : b->scheme_id;
        d.a = version(coders.a, a);
        d.b = version(coders.b, b);
        const auto begin = std::min(a ? a->start : b->start, b ? b->start : a->start);
        const auto end = std::max(a ? a->end : b->end, b ? b->end : a->end);
        d.first_line = text::line_of(line_starts, begin);
        d.last_line = text::line_of(line_starts, end - 1);
        std::vector<std::string> sides;
        if (a)
            sides.push_back(coders.a.uuid + ":" + a->uuid);
        if (b)
            sides.push_back(coders.b.uuid + ":" + b->uuid);
        d.id = stable_id('p', {"passage", family(kind), d.transcript_uuid}, sides);
        out.push_back(std::move(d));
    };
    for (const auto& [i, j] : paired.boundary)
        add(DisagreementKind::Boundary, &of_a[i], &of_b[j]);
    for (const auto& [i, j] : paired.different)
        add(DisagreementKind::DifferentCode, &of_a[i], &of_b[j]);
    for (const auto i : paired.rest_a)
        add(DisagreementKind::OnlyA, &of_a[i], nullptr);
    for (const auto j : paired.rest_b)
        add(DisagreementKind::OnlyB, nullptr, &of_b[j]);
}

} // namespace

const char* kind_name(DisagreementKind kind)
{
    switch (kind)
    {
    case DisagreementKind::OnlyA: return "only-a";
    case DisagreementKind::OnlyB: return "only-b";
    case DisagreementKind::DifferentCode: return "different-code";
    case DisagreementKind::Boundary: return "boundary";
    case DisagreementKind::Rating: return "rating";
    case DisagreementKind::Classification: return "classification";
    }
    return "?";
}

const char* record_kind(DisagreementKind kind)
{
    switch (kind)
    {
    case DisagreementKind::Rating: return "rating";
    case DisagreementKind::Classification: return "classification";
    default: return "passage";
    }
}

Result<DisagreementList> list_disagreements(Session& session, const DisagreementOptions& options)
{
    auto coders = pick_coders(session, options.coders);
    if (!coders)
        return coders.error();
    DisagreementList list;
    list.coder_a = coders->a.name;
    list.coder_b = coders->b.name;

    auto chosen = analysed_transcripts(session, options.transcripts);
    if (!chosen)
        return chosen.error();
    const std::vector<TranscriptId> transcripts = std::move(*chosen);

    std::map<std::string, project::ConsensusDecision> decided;
    for (auto& d : session.consensus_decisions())
        decided[d.disagreement] = std::move(d);

    for (const TranscriptId id : transcripts)
    {
        auto t = session.transcript(id);
        if (!t)
            return t.error();
        DisagreementItem proto;
        proto.transcript = id;
        proto.transcript_uuid = t->uuid;
        proto.transcript_title = t->participant ? *t->participant : t->title;
        std::vector<DisagreementItem> found;

        // ---- passages
        auto of_a = session.annotations(id, coders->a.id);
        auto of_b = session.annotations(id, coders->b.id);
        if (!of_a.empty() || !of_b.empty())
        {
            auto text = session.text(id);
            if (!text)
                return text.error();
            const auto starts = text::line_starts(*text);
            std::vector<DisagreementItem> passages;
            passage_disagreements(of_a, of_b, *coders, starts, proto, passages);
            std::stable_sort(passages.begin(), passages.end(),
                             [](const DisagreementItem& x, const DisagreementItem& y)
                             {
                                 const auto xs = x.a.uuid.empty() ? x.b.start : x.a.start;
                                 const auto ys = y.a.uuid.empty() ? y.b.start : y.a.start;
                                 return xs < ys;
                             });
            for (auto& p : passages)
            {
                auto sch = session.scheme(p.scheme_id);
                for (auto* v : {&p.a, &p.b})
                    if (!v->uuid.empty())
                        v->detail = project::rules::code_label(sch ? sch->get() : nullptr, v->code);
            }
            found.insert(found.end(), passages.begin(), passages.end());
        }

        // ---- ratings both scored differently
        const auto ratings_b = session.ratings(id, coders->b.id);
        for (const auto& ra : session.ratings(id, coders->a.id))
            for (const auto& rb : ratings_b)
            {
                if (ra.scheme_id != rb.scheme_id || ra.scale != rb.scale || ra.target != rb.target)
                    continue;
                const bool a_scored = !ra.not_scorable && ra.value;
                const bool b_scored = !rb.not_scorable && rb.value;
                if (!a_scored && !b_scored)
                    continue;
                if (a_scored && b_scored)
                {
                    const double gap = std::fabs(*ra.value - *rb.value);
                    if (gap == 0.0 || gap + 1e-9 < options.min_rating_difference)
                        continue;
                }
                DisagreementItem d = proto;
                d.kind = DisagreementKind::Rating;
                d.scheme_id = ra.scheme_id;
                d.scale = ra.scale;
                d.target = ra.target;
                d.a = {coders->a.name, ra.uuid, {}, 0, 0, 0, 0, rating_value(ra), ra.note};
                d.b = {coders->b.name, rb.uuid, {}, 0, 0, 0, 0, rating_value(rb), rb.note};
                d.id = stable_id('r', {"rating", t->uuid, ra.scheme_id, ra.scale, ra.target},
                                 {coders->a.uuid, coders->b.uuid});
                found.push_back(std::move(d));
            }

        // ---- classifications, at each collapsing of the classification both used
        const auto classes_b = session.classifications(id, coders->b.id);
        for (const auto& ca : session.classifications(id, coders->a.id))
            for (const auto& cb : classes_b)
            {
                if (ca.scheme_id != cb.scheme_id)
                    continue;
                auto sch = session.scheme(ca.scheme_id);
                if (!sch)
                    continue; // a scheme that cannot be loaded has no collapsings to compare
                const auto ref_a = (*sch)->find_category(ca.category);
                const auto ref_b = (*sch)->find_category(cb.category);
                if (!ref_a || !ref_b || ref_a->classification != ref_b->classification)
                    continue;
                const scheme::Assignment as_a{ca.category, ca.subcategory, ca.unresolved,
                                              ca.alternative};
                const scheme::Assignment as_b{cb.category, cb.subcategory, cb.unresolved,
                                              cb.alternative};
                const auto label_a = project::rules::classification_label(
                    sch->get(), ca.category, ca.subcategory, ca.unresolved, ca.alternative);
                const auto label_b = project::rules::classification_label(
                    sch->get(), cb.category, cb.subcategory, cb.unresolved, cb.alternative);
                for (const auto& k : ref_a->classification->collapsings)
                {
                    const auto la = scheme::collapse(*ref_a->classification, k, as_a);
                    const auto lb = scheme::collapse(*ref_a->classification, k, as_b);
                    if (!la || !lb || *la == *lb)
                        continue;
                    DisagreementItem d = proto;
                    d.kind = DisagreementKind::Classification;
                    d.scheme_id = ca.scheme_id;
                    d.collapsing = k.id;
                    d.a = {coders->a.name, ca.uuid, {}, 0, 0, 0, 0, *la, label_a};
                    d.b = {coders->b.name, cb.uuid, {}, 0, 0, 0, 0, *lb, label_b};
                    d.id = stable_id('c', {"classification", t->uuid, ca.scheme_id, k.id},
                                     {coders->a.uuid, coders->b.uuid});
                    found.push_back(std::move(d));
                }
            }

        for (auto& d : found)
        {
            if (const auto it = decided.find(d.id); it != decided.end())
                d.decision = it->second;
            list.items.push_back(std::move(d));
        }
    }
    return list;
}

Result<std::vector<project::RecordDecision>>
identical_passage_decisions(Session& session, const DisagreementOptions& options,
                            const std::string& reason, const std::string& note)
{
    auto coders = pick_coders(session, options.coders);
    if (!coders)
        return coders.error();
    auto chosen = analysed_transcripts(session, options.transcripts);
    if (!chosen)
        return chosen.error();
    std::set<std::string> decided;
    for (const auto& d : session.consensus_decisions())
        decided.insert(d.disagreement);
    std::vector<project::RecordDecision> out;
    for (const TranscriptId id : *chosen)
    {
        const auto of_a = session.annotations(id, coders->a.id);
        const auto of_b = session.annotations(id, coders->b.id);
        if (of_a.empty() || of_b.empty())
            continue;
        auto t = session.transcript(id);
        if (!t)
            return t.error();
        for (const auto& [i, j] : pair_passages(of_a, of_b).same)
        {
            project::RecordDecision c;
            c.kind = "passage";
            c.transcript = id;
            c.disagreement = stable_id(
                'p', {"passage", "identical", t->uuid},
                {coders->a.uuid + ":" + of_a[i].uuid, coders->b.uuid + ":" + of_b[j].uuid});
            if (decided.count(c.disagreement))
                continue;
            c.decision = "accept-a"; // the two are the same passage: the consensus holds it once
            c.sources = {of_a[i].uuid, of_b[j].uuid};
            c.take = {of_a[i].uuid};
            c.reason = reason;
            c.note = note;
            out.push_back(std::move(c));
        }
    }
    return out;
}

Result<DisagreementItem> find_disagreement(Session& session, const std::string& id,
                                           const DisagreementOptions& options)
{
    std::vector<std::vector<std::string>> pairs;
    if (!options.coders.empty())
        pairs.push_back(options.coders);
    else
    {
        std::vector<Coder> all;
        for (auto& c : session.coders())
            if (c.role != "consensus")
                all.push_back(std::move(c));
        std::sort(all.begin(), all.end(),
                  [](const Coder& x, const Coder& y) { return x.id < y.id; });
        for (std::size_t i = 0; i < all.size(); ++i)
            for (std::size_t j = i + 1; j < all.size(); ++j)
                pairs.push_back({all[i].name, all[j].name});
    }
    for (const auto& pair : pairs)
    {
        DisagreementOptions o = options;
        o.coders = pair;
        o.min_rating_difference = 0.0; // a decided id stays findable whatever the listing hid
        auto list = list_disagreements(session, o);
        if (!list)
            return list.error();
        for (auto& d : list->items)
            if (d.id == id)
                return std::move(d);
    }
    return make_error(ErrorCode::NotFound,
                      "no disagreement '" + id + "' (list them with 'attune-cli disagreements')");
}

namespace
{
Result<double> parse_number(const std::string& s, const std::string& what)
{
    double v = 0;
    const auto* end = s.data() + s.size();
    const auto [p, ec] = std::from_chars(s.data(), end, v);
    if (s.empty() || ec != std::errc() || p != end || !std::isfinite(v))
        return make_error(ErrorCode::InvalidArgument, what + " '" + s + "' is not a number");
    return v;
}
} // namespace

Result<project::RecordDecision> make_decision(const DisagreementItem& item, Take take,
                                              const std::string& value, const std::string& reason,
                                              const std::string& note)
{
    project::RecordDecision c;
    c.kind = record_kind(item.kind);
    c.transcript = item.transcript;
    c.disagreement = item.id;
    c.reason = reason;
    c.note = note;
    for (const auto* v : {&item.a, &item.b})
        if (!v->uuid.empty())
            c.sources.push_back(v->uuid);
    if (take != Take::Value && !value.empty())
        return make_error(ErrorCode::InvalidArgument, "a value goes with taking an edited value");
    switch (take)
    {
    case Take::A:
        c.decision = "accept-a";
        if (!item.a.uuid.empty())
            c.take.push_back(item.a.uuid);
        return c;
    case Take::B:
        c.decision = "accept-b";
        if (!item.b.uuid.empty())
            c.take.push_back(item.b.uuid);
        return c;
    case Take::Both:
        if (c.kind != "passage")
            return make_error(ErrorCode::InvalidArgument,
                              std::string("a ") + c.kind +
                                  " has one value: take A's, B's, neither or a value");
        c.decision = "both";
        c.take = c.sources;
        return c;
    case Take::Neither: c.decision = "neither"; return c;
    case Take::Value: break;
    }
    c.decision = "edited";
    if (c.kind == "passage")
    {
        // CODE:START-END; the code may itself hold ':', so the last one splits.
        const auto colon = value.rfind(':');
        const auto dash = colon == std::string::npos ? colon : value.find('-', colon);
        if (colon == std::string::npos || colon == 0 || dash == std::string::npos)
            return make_error(ErrorCode::InvalidArgument,
                              "an edited passage is CODE:START-END (code points), not '" + value +
                                  "'");
        auto start = parse_number(value.substr(colon + 1, dash - colon - 1), "start");
        auto end = parse_number(value.substr(dash + 1), "end");
        if (!start)
            return start.error();
        if (!end)
            return end.error();
        if (*start != std::floor(*start) || *end != std::floor(*end))
            return make_error(ErrorCode::InvalidArgument,
                              "an edited passage's START and END are whole numbers");
        c.edited = project::Annotate{item.transcript,
                                     {},
                                     item.scheme_id,
                                     value.substr(0, colon),
                                     static_cast<std::int64_t>(*start),
                                     static_cast<std::int64_t>(*end),
                                     {}};
    }
    else if (c.kind == "rating")
    {
        std::optional<double> v;
        if (value != "not-scorable")
        {
            auto n = parse_number(value, "the score");
            if (!n)
                return n.error();
            v = *n;
        }
        c.edited =
            project::Rate{item.transcript, {}, item.scheme_id, item.scale, item.target, v, {}};
    }
    else
    {
        if (value.empty())
            return make_error(ErrorCode::InvalidArgument,
                              "an edited classification names a category or subcategory");
        project::Classify k;
        k.transcript = item.transcript;
        k.scheme_id = item.scheme_id;
        k.category = value;
        c.edited = std::move(k);
    }
    return c;
}

} // namespace attune::analysis
