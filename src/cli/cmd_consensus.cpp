// SPDX-License-Identifier: GPL-3.0-or-later
// disagreements / resolve (docs/cli.md, docs/team-workflow.md "Reconciling into a consensus"):
// the places two coders differ, each with a stable id, and the decision that settles one. The
// listing and the decision are core's (analysis/disagreements.h), which the reconciliation view
// shares; this file only reads options and prints.
#include "cli/cmd_project_common.h"

#include "core/analysis/disagreements.h"
#include "core/scheme/scheme.h"

#include <nlohmann/json.hpp>

#include <iostream>
#include <map>

namespace attune::cli
{

namespace
{

using analysis::CoderVersion;
using analysis::DisagreementItem;
using analysis::DisagreementKind;
using json = nlohmann::json;

struct ListArgs
{
    std::vector<std::string> coders;
    std::vector<std::string> transcripts;
    std::string format = "text";
    double min_difference = 0.0;
    bool all = false;
};

bool is_passage(const DisagreementItem& d)
{
    return std::string(analysis::record_kind(d.kind)) == "passage";
}

json version_json(const DisagreementItem& d, const CoderVersion& v)
{
    json j = {{"coder", v.coder}, {"uuid", v.uuid.empty() ? json(nullptr) : json(v.uuid)}};
    if (is_passage(d))
    {
        if (v.uuid.empty())
            return j;
        j["code"] = v.code;
        j["name"] = v.detail;
        j["start"] = v.start;
        j["end"] = v.end;
        j["lines"] = {v.first_line, v.last_line};
    }
    else
    {
        j["value"] = v.value;
        j[d.kind == DisagreementKind::Rating ? "note" : "classification"] = v.detail;
    }
    return j;
}

// The label of a reason the disagreement's scheme declares (<consensus-reasons>), or null: the
// reason is then free text.
json reason_label(project::Session& session, const std::string& scheme_id,
                  const std::string& reason)
{
    auto s = session.scheme(scheme_id);
    if (!s)
        return nullptr;
    const auto* r = (*s)->find_consensus_reason(reason);
    return r ? json(r->label) : json(nullptr);
}

json item_json(project::Session& session, const DisagreementItem& d)
{
    json j = {
        {"id", d.id},
        {"kind", analysis::kind_name(d.kind)},
        {"record", analysis::record_kind(d.kind)},
        {"transcript",
         {{"id", d.transcript.value()}, {"uuid", d.transcript_uuid}, {"name", d.transcript_title}}},
        {"scheme", d.scheme_id}};
    if (is_passage(d))
        j["lines"] = {d.first_line, d.last_line};
    else
        j["lines"] = nullptr;
    if (d.kind == DisagreementKind::Rating)
    {
        j["scale"] = d.scale;
        j["target"] = d.target;
    }
    if (d.kind == DisagreementKind::Classification)
        j["collapsing"] = d.collapsing;
    j["a"] = version_json(d, d.a);
    j["b"] = version_json(d, d.b);
    if (d.decision)
        j["decision"] = {{"uuid", d.decision->uuid},
                         {"decision", d.decision->decision},
                         {"reason", d.decision->reason},
                         {"note", d.decision->note},
                         {"results", d.decision->results},
                         {"decided_by", d.decision->decided_by},
                         {"decided", d.decision->decided},
                         {"reason_label", reason_label(session, d.scheme_id, d.decision->reason)}};
    else
        j["decision"] = nullptr;
    return j;
}

std::string version_text(const DisagreementItem& d, const CoderVersion& v)
{
    if (!is_passage(d))
        return v.value + (d.kind == DisagreementKind::Classification ? " (" + v.detail + ")" : "");
    if (v.uuid.empty())
        return "-";
    return v.code + " [" + std::to_string(v.start) + ", " + std::to_string(v.end) + ")";
}

std::string where_text(const DisagreementItem& d)
{
    if (d.kind == DisagreementKind::Rating)
        return d.scale + (d.target.empty() ? "" : "/" + d.target);
    if (d.kind == DisagreementKind::Classification)
        return d.collapsing;
    return "lines " + std::to_string(d.first_line) +
           (d.last_line != d.first_line ? "-" + std::to_string(d.last_line) : "");
}

void add_disagreements(CLI::App& app, Context& ctx)
{
    auto* cmd = app.add_subcommand(
        "disagreements",
        "List where two coders differ (passages only-A, only-B, different code, boundary; "
        "ratings; classifications at each collapsing), each with a stable id for 'resolve'");
    ProjectCommand project_cmd(*cmd, ctx);
    auto a = std::make_shared<ListArgs>();
    cmd->add_option("--coders", a->coders, "The two coders A,B (default: the two of role coder)")
        ->delimiter(',');
    cmd->add_option("--transcripts", a->transcripts, "Transcripts (ids or participants)")
        ->delimiter(',');
    cmd->add_option("--min-difference", a->min_difference,
                    "Ratings differing by less are not listed (default: any difference)")
        ->transform(decimal_number(0.0, 1e9));
    cmd->add_flag("--all", a->all, "Also list the disagreements decided already");
    cmd->add_option("--format", a->format, "text (default) or json")
        ->check(CLI::IsMember({"text", "json"}));
    project_cmd.run(
        [&ctx, a](const OpenProject& p)
        {
            analysis::DisagreementOptions o;
            o.coders = a->coders;
            o.transcripts = a->transcripts;
            o.min_rating_difference = a->min_difference;
            auto list = analysis::list_disagreements(p.session, o);
            if (!list)
                return fail(ctx, list.error(), p.path);
            std::size_t decided = 0;
            std::vector<const DisagreementItem*> shown;
            for (const auto& d : list->items)
            {
                decided += d.decision ? 1 : 0;
                if (a->all || !d.decision)
                    shown.push_back(&d);
            }
            if (a->format == "json")
            {
                json out = json::array();
                for (const auto* d : shown)
                    out.push_back(item_json(p.session, *d));
                std::cout << out.dump(2) << '\n';
                return;
            }
            std::cout << "Disagreements of " << list->coder_a << " (A) and " << list->coder_b
                      << " (B): " << list->items.size() - decided << " open, " << decided
                      << " decided" << (a->all || decided == 0 ? "" : " (--all lists them)")
                      << '\n';
            for (const auto* d : shown)
            {
                std::cout << d->id << '\t' << analysis::kind_name(d->kind) << '\t'
                          << tsv_field(d->transcript_title) << '\t' << tsv_field(where_text(*d))
                          << '\t' << d->scheme_id << "\tA: " << tsv_field(version_text(*d, d->a))
                          << "\tB: " << tsv_field(version_text(*d, d->b));
                if (d->decision)
                    std::cout << "\tdecided: " << d->decision->decision;
                std::cout << '\n';
            }
        });
}

struct ResolveArgs
{
    std::string id;
    std::vector<std::string> take;
    std::string reason;
    std::string note;
    std::vector<std::string> coders;
};

void add_resolve(CLI::App& app, Context& ctx)
{
    auto* cmd = app.add_subcommand(
        "resolve", "Record the consensus decision on one disagreement (an id from "
                   "'disagreements'): the consensus coder gets the chosen version; prints the "
                   "decision's uuid and the consensus records made");
    ProjectCommand project_cmd(*cmd, ctx);
    auto a = std::make_shared<ResolveArgs>();
    cmd->add_option("ID", a->id, "Disagreement id, e.g. p-3f9a1c2b7d")->required();
    cmd->add_option("--take", a->take,
                    "A, B, both (passages), neither, or value V (an edited passage CODE:START-END, "
                    "score or category)")
        ->expected(1, 2)
        ->required();
    cmd->add_option("--reason", a->reason, "Why (a reason the scheme declares, or free text)")
        ->required();
    cmd->add_option("--note", a->note, "A longer note kept with the decision");
    cmd->add_option("--coders", a->coders, "The two coders A,B the id was listed for")
        ->delimiter(',');
    auto take = std::make_shared<analysis::Take>(analysis::Take::A);
    auto value = std::make_shared<std::string>();
    project_cmd.run(
        [&ctx, a, take, value](const OpenProject& p)
        {
            analysis::DisagreementOptions o;
            o.coders = a->coders;
            auto item = analysis::find_disagreement(p.session, a->id, o);
            if (!item)
                return fail(ctx, item.error(), p.path);
            auto command = analysis::make_decision(*item, *take, *value, a->reason, a->note);
            if (!command)
                return fail(ctx, command.error(), p.path);
            auto out = p.session.apply(*command);
            if (!out)
                return fail(ctx, out.error(), p.path);
            auto decided = p.session.consensus_decisions(item->transcript);
            std::cout << out->uuid << '\n';
            if (const auto label = reason_label(p.session, item->scheme_id, a->reason);
                label.is_string())
                std::cout << "reason " << a->reason << ": " << label.get<std::string>() << '\n';
            for (const auto& d : decided)
                if (d.uuid == out->uuid)
                    for (const auto& r : d.results)
                        std::cout << "consensus " << command->kind << ' ' << r << '\n';
        },
        [a, take, value]
        {
            const std::string mode = a->take.empty() ? "" : a->take.front();
            static const std::map<std::string, analysis::Take> kTakes = {
                {"A", analysis::Take::A},        {"a", analysis::Take::A},
                {"B", analysis::Take::B},        {"b", analysis::Take::B},
                {"both", analysis::Take::Both},  {"neither", analysis::Take::Neither},
                {"value", analysis::Take::Value}};
            const auto it = kTakes.find(mode);
            if (it == kTakes.end())
                return usage_error("--take: '" + mode + "' is not A, B, both, neither or value V");
            if ((it->second == analysis::Take::Value) != (a->take.size() == 2))
                return usage_error(it->second == analysis::Take::Value
                                       ? "--take value needs the value: --take value V"
                                       : "--take " + mode + " takes no value");
            *take = it->second;
            *value = a->take.size() == 2 ? a->take[1] : "";
            return kExitOk;
        });
}

struct IdenticalArgs
{
    std::vector<std::string> coders;
    std::vector<std::string> transcripts;
    std::string reason = analysis::kIdenticalReason;
    std::string note;
};

void add_accept_identical(CLI::App& app, Context& ctx)
{
    auto* cmd = app.add_subcommand(
        "accept-identical",
        "Give the consensus every passage coders A and B marked identically (the same code and "
        "span, which 'disagreements' does not list), as one step; prints how many");
    ProjectCommand project_cmd(*cmd, ctx);
    auto a = std::make_shared<IdenticalArgs>();
    cmd->add_option("--coders", a->coders, "The two coders A,B (default: the two of role coder)")
        ->delimiter(',');
    cmd->add_option("--transcripts", a->transcripts, "Transcripts (ids or participants)")
        ->delimiter(',');
    cmd->add_option("--reason", a->reason, "Why (default: identical in both codings)");
    cmd->add_option("--note", a->note, "A longer note kept with each decision");
    project_cmd.run(
        [&ctx, a](const OpenProject& p)
        {
            analysis::DisagreementOptions o;
            o.coders = a->coders;
            o.transcripts = a->transcripts;
            auto decisions =
                analysis::identical_passage_decisions(p.session, o, a->reason, a->note);
            if (!decisions)
                return fail(ctx, decisions.error(), p.path);
            const std::vector<project::Command> batch(decisions->begin(), decisions->end());
            const std::string n = std::to_string(batch.size());
            if (!batch.empty())
                if (auto out = p.session.apply(batch, "Accept " + n + " identical passages"); !out)
                    return fail(ctx, out.error(), p.path);
            std::cout << "accepted " << n << " identical passage" << (batch.size() == 1 ? "" : "s")
                      << '\n';
        });
}

const bool registered = register_group("consensus",
                                       [](CLI::App& app, Context& ctx)
                                       {
                                           add_disagreements(app, ctx);
                                           add_resolve(app, ctx);
                                           add_accept_identical(app, ctx);
                                       });

} // namespace

} // namespace attune::cli
