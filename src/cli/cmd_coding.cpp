// SPDX-License-Identifier: GPL-3.0-or-later
// Coding commands: code, rate, classify, annotations (docs/cli.md).
#include "cli/cmd_project_common.h"
#include "core/text/text_index.h"

#include <nlohmann/json.hpp>

#include <charconv>
#include <cmath>
#include <iostream>
#include <limits>
#include <map>

namespace attune::cli
{

namespace
{

// The scheme named with --scheme, else the one stored scheme that defines `id`.
template <typename Finder>
std::optional<std::string> pick_scheme(project::Session& s, const std::string& given, Finder find,
                                       Context& ctx)
{
    if (!given.empty())
        return given;
    auto r = find(s);
    if (!r)
    {
        fail(ctx, r.error(), s.path().string());
        return std::nullopt;
    }
    return *r;
}

struct CodeArgs
{
    std::string code, scheme, memo, lines;
    std::int64_t start = -1;
    std::int64_t end = -1;
};

// Parses "A-B" or "A" (1-based, inclusive) into a code-point span of those lines.
std::optional<std::pair<std::int64_t, std::int64_t>>
lines_to_span(const std::string& spec,
              const std::vector<std::pair<std::int64_t, std::int64_t>>& spans)
{
    std::int64_t a = 0;
    std::int64_t b = 0;
    const auto dash = spec.find('-');
    const std::string first = spec.substr(0, dash);
    const std::string second = dash == std::string::npos ? first : spec.substr(dash + 1);
    auto parse = [](const std::string& t, std::int64_t& v)
    {
        auto [p, ec] = std::from_chars(t.data(), t.data() + t.size(), v);
        return ec == std::errc() && p == t.data() + t.size();
    };
    if (!parse(first, a) || !parse(second, b) || a < 1 || b < a ||
        b > static_cast<std::int64_t>(spans.size()))
        return std::nullopt;
    return std::make_pair(spans[static_cast<std::size_t>(a - 1)].first,
                          spans[static_cast<std::size_t>(b - 1)].second);
}

void add_code(CLI::App& app, Context& ctx)
{
    auto* cmd = app.add_subcommand(
        "code", "Code a span of a transcript (code points, half-open [start, end)); prints the "
                "new annotation's uuid");
    auto a = std::make_shared<CodeArgs>();
    ProjectCommand project_cmd(*cmd, ctx);
    project_cmd.with_transcript().with_coder("Coder name (must exist: 'coder add')");
    cmd->add_option("--code", a->code, "Code id from a stored scheme")->required();
    cmd->add_option("--scheme", a->scheme, "Scheme id (needed only if several define the code)");
    constexpr auto kMaxOffset = std::numeric_limits<std::int64_t>::max();
    auto* start = cmd->add_option("--start", a->start, "First code point (0-based)")
                      ->transform(decimal_integer(0, kMaxOffset));
    auto* end = cmd->add_option("--end", a->end, "One past the last code point")
                    ->transform(decimal_integer(0, kMaxOffset));
    auto* lines = cmd->add_option("--lines", a->lines,
                                  "Whole lines A-B instead (1-based, inclusive, without the "
                                  "final line break)");
    start->needs(end);
    end->needs(start);
    lines->excludes(start)->excludes(end);
    cmd->add_option("--memo", a->memo, "Memo text");
    project_cmd.run(
        [&ctx, a](const OpenProject& p)
        {
            auto scheme = pick_scheme(
                p.session, a->scheme,
                [&](project::Session& ss) { return ss.scheme_for_code(a->code); }, ctx);
            if (!scheme)
                return;
            const auto t = *p.transcript;
            project::Annotate command{t, p.coder->id, *scheme, a->code, a->start, a->end, a->memo};
            if (!a->lines.empty())
            {
                const auto spans = project::line_spans(p.session.text(t).value());
                auto span = lines_to_span(a->lines, spans);
                if (!span)
                    return fail(
                        ctx,
                        make_error(ErrorCode::InvalidArgument, "--lines '" + a->lines +
                                                                   "' is not a range A-B of "
                                                                   "lines 1.." +
                                                                   std::to_string(spans.size())),
                        p.path);
                command.start = span->first;
                command.end = span->second;
            }
            auto out = p.session.apply(command);
            if (!out)
                return fail(ctx, out.error(), p.path);
            std::cout << out->uuid << '\n';
        },
        [a]
        {
            if (a->lines.empty() && a->start < 0)
                return usage_error("give --start and --end, or --lines");
            return kExitOk;
        });
}

struct RateArgs
{
    std::string scale, scheme, target, value, note;
    bool clear = false;
    std::optional<double> number; // --value read, when it is not not-scorable
};

void add_rate(CLI::App& app, Context& ctx)
{
    auto* cmd = app.add_subcommand(
        "rate", "Score a scale for a transcript (value on the scale's grid, or not-scorable)");
    auto a = std::make_shared<RateArgs>();
    ProjectCommand project_cmd(*cmd, ctx);
    project_cmd.with_transcript().with_coder("Coder name (must exist)");
    cmd->add_option("--scale", a->scale, "Scale id")->required();
    cmd->add_option("--scheme", a->scheme, "Scheme id (needed only if several define the scale)");
    cmd->add_option("--target", a->target, "Target of a per-target scale, e.g. mother");
    auto* value = cmd->add_option("--value", a->value, "A number on the grid, or not-scorable");
    auto* clear = cmd->add_flag("--clear", a->clear, "Remove the score instead");
    value->excludes(clear);
    cmd->add_option("--note", a->note, "Note");
    project_cmd.run(
        [&ctx, a](const OpenProject& p)
        {
            auto scheme = pick_scheme(
                p.session, a->scheme,
                [&](project::Session& ss) { return ss.scheme_for_scale(a->scale); }, ctx);
            if (!scheme)
                return;
            const auto t = *p.transcript;
            const auto c = p.coder->id;
            Result<project::Outcome> out =
                a->clear ? p.session.apply(project::ClearRating{t, c, *scheme, a->scale, a->target})
                         : p.session.apply(project::Rate{t, c, *scheme, a->scale, a->target,
                                                         a->number, a->note});
            if (!out)
                return fail(ctx, out.error(), p.path);
        },
        [a]
        {
            if (a->value.empty() && !a->clear)
                return usage_error("give --value V|not-scorable, or --clear");
            if (!a->clear && a->value != "not-scorable")
            {
                double d = 0;
                auto [end, ec] =
                    std::from_chars(a->value.data(), a->value.data() + a->value.size(), d);
                if (ec != std::errc() || end != a->value.data() + a->value.size() ||
                    !std::isfinite(d))
                    return usage_error("--value must be a number or 'not-scorable', not '" +
                                       a->value + "'");
                a->number = d;
            }
            return kExitOk;
        });
}

struct ClassifyArgs
{
    std::string scheme, category, subcategory, unresolved, alternative, note;
    bool clear = false;
};

void add_classify(CLI::App& app, Context& ctx)
{
    auto* cmd = app.add_subcommand(
        "classify", "Classify a transcript: organised category (or CC), U on top, CC's forced "
                    "alternative");
    auto a = std::make_shared<ClassifyArgs>();
    ProjectCommand project_cmd(*cmd, ctx);
    project_cmd.with_transcript().with_coder("Coder name (must exist)");
    auto* category = cmd->add_option(
        "--category", a->category,
        "Organised category or subcategory (e.g. F, F3), or the cannot-classify category");
    cmd->add_option("--subcategory", a->subcategory,
                    "Subcategory, if --category names the main "
                    "category");
    cmd->add_option("--unresolved", a->unresolved, "Unresolved (U) placement on top");
    cmd->add_option("--alternative", a->alternative,
                    "Forced/best-fitting organised alternative (for CC, or U)");
    cmd->add_option("--scheme", a->scheme, "Scheme id (needed only if several define it)");
    cmd->add_option("--note", a->note, "Note");
    auto* clear = cmd->add_flag("--clear", a->clear, "Remove the classification instead");
    category->excludes(clear);
    project_cmd.run(
        [&ctx, a](const OpenProject& p)
        {
            auto scheme = pick_scheme(
                p.session, a->scheme,
                [&](project::Session& ss) { return ss.scheme_for_category(a->category); }, ctx);
            if (!scheme)
                return;
            const auto t = *p.transcript;
            const auto c = p.coder->id;
            auto opt = [](const std::string& v)
            { return v.empty() ? std::nullopt : std::optional<std::string>(v); };
            Result<project::Outcome> out =
                a->clear ? p.session.apply(project::ClearClassification{t, c, *scheme})
                         : p.session.apply(
                               project::Classify{t, c, *scheme, a->category, opt(a->subcategory),
                                                 opt(a->unresolved), opt(a->alternative), a->note});
            if (!out)
                return fail(ctx, out.error(), p.path);
        },
        [a]
        {
            if (a->category.empty() && !a->clear)
                return usage_error("give --category, or --clear");
            if (a->clear && a->scheme.empty())
                return usage_error("--clear needs --scheme");
            return kExitOk;
        });
}

struct AnnotationsArgs
{
    std::string format = "csv";
};

void add_annotations(CLI::App& app, Context& ctx)
{
    auto* cmd = app.add_subcommand(
        "annotations", "List annotations (all, or of one transcript and/or coder) as CSV or JSON");
    auto a = std::make_shared<AnnotationsArgs>();
    ProjectCommand project_cmd(*cmd, ctx);
    project_cmd.with_transcript(false).with_coder("Only this coder's", false);
    cmd->add_option("--format", a->format, "csv (default) or json")
        ->check(CLI::IsMember({"csv", "json"}));
    project_cmd.run(
        [a](const OpenProject& p)
        {
            auto& s = p.session;
            std::optional<project::CoderId> coder;
            if (p.coder)
                coder = p.coder->id;
            std::map<project::CoderId, std::string> names;
            for (const auto& c : s.coders())
                names[c.id] = c.name;
            std::map<project::TranscriptId, std::vector<CpOffset>> lines;
            auto line_table = [&](project::TranscriptId id) -> const auto&
            {
                auto it = lines.find(id);
                if (it == lines.end())
                    it = lines.emplace(id, text::line_starts(s.text(id).value())).first;
                return it->second;
            };
            const auto list = s.annotations(p.transcript, coder);
            if (a->format == "json")
            {
                nlohmann::json out = nlohmann::json::array();
                for (const auto& x : list)
                {
                    const auto& starts = line_table(x.transcript_id);
                    out.push_back({{"uuid", x.uuid},
                                   {"transcript", x.transcript_id},
                                   {"coder", names[x.coder_id]},
                                   {"scheme", x.scheme_id},
                                   {"scheme_version", x.scheme_version},
                                   {"code", x.code},
                                   {"start", x.start},
                                   {"end", x.end},
                                   {"start_line", text::line_of(starts, x.start)},
                                   {"end_line", text::line_of(starts, x.end - 1)},
                                   {"memo", x.memo},
                                   {"created", x.created},
                                   {"modified", x.modified}});
                }
                std::cout << out.dump(2) << '\n';
                return;
            }
            std::cout << "uuid,transcript,coder,scheme,code,start,end,start_line,end_line,memo,"
                         "created,modified\n";
            for (const auto& x : list)
            {
                const auto& starts = line_table(x.transcript_id);
                std::cout << x.uuid << ',' << x.transcript_id << ',' << csv_field(names[x.coder_id])
                          << ',' << csv_field(x.scheme_id) << ',' << csv_field(x.code) << ','
                          << x.start << ',' << x.end << ',' << text::line_of(starts, x.start) << ','
                          << text::line_of(starts, x.end - 1) << ',' << csv_field(x.memo) << ','
                          << x.created << ',' << x.modified << '\n';
            }
        });
}

const bool registered = register_group("project-coding",
                                       [](CLI::App& app, Context& ctx)
                                       {
                                           add_code(app, ctx);
                                           add_rate(app, ctx);
                                           add_classify(app, ctx);
                                           add_annotations(app, ctx);
                                       });

} // namespace

} // namespace attune::cli
