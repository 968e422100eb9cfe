// SPDX-License-Identifier: GPL-3.0-or-later
// agree, spans mode: reads coder,start,end,code spans and prints Krippendorff's unitizing alpha
// (1995/2004), the 2016 unitizing family, span-matching F1 or gamma (docs/agreement.md
// "## Spans mode").
#include "cli/agree_spans_input.h"
#include "cli/cmd_agree.h"
#include "cli/cmd_agree_gamma.h"
#include "cli/cmd_project_common.h"
#include "cli/csv_reader.h"
#include "cli/estimate_json.h"

#include "core/stats/span_match.h"
#include "core/stats/unitizing.h"
#include "core/stats/unitizing_2016.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <charconv>
#include <iomanip>
#include <iostream>
#include <map>
#include <sstream>

namespace attune::cli
{
namespace
{

std::string num(double v)
{
    return format_number(v);
}

int run_alpha_u(const AgreeOptions& o, const SpanData& d, std::int64_t begin, std::int64_t end)
{
    const auto r = stats::unitizing_alpha(d.spans, static_cast<int>(d.coders.size()), begin, end);
    const stats::Estimate& e = r.overall;
    if (o.format == "json")
    {
        nlohmann::json j;
        j["metric"] = "alpha-u";
        j["value"] = json_or_null(e.value);
        if (!e.value)
            j["reason"] = e.reason;
        j["n_units"] = e.n_units;
        j["n_coders"] = e.n_coders;
        j["coders"] = d.coders;
        j["continuum"] = {begin, end};
        j["observed"] = json_or_null(e.observed);
        j["expected"] = json_or_null(e.expected);
        nlohmann::json per = nlohmann::json::object();
        for (const auto& c : r.per_code)
        {
            nlohmann::json x;
            x["value"] = json_or_null(c.estimate.value);
            x["observed"] = json_or_null(c.estimate.observed);
            x["expected"] = json_or_null(c.estimate.expected);
            x["n_units"] = c.estimate.n_units;
            if (!c.estimate.value)
                x["reason"] = c.estimate.reason;
            per[c.code] = x;
        }
        j["per_code"] = per;
        if (!e.note.empty())
            j["note"] = e.note;
        std::cout << j.dump() << '\n';
    }
    else if (o.format == "csv")
    {
        std::cout << "code,value,observed,expected,n_units,reason\n";
        auto row = [](const std::string& code, const stats::Estimate& x)
        {
            // Codes and reasons may hold commas or quotes: every field as RFC 4180 wants it.
            std::cout << io::csv_record({code, format_optional(x.value),
                                         format_optional(x.observed), format_optional(x.expected),
                                         std::to_string(x.n_units), x.value ? "" : x.reason});
        };
        row("(all)", e);
        for (const auto& c : r.per_code)
            row(c.code, c.estimate);
    }
    else
    {
        std::cout << "alpha-u";
        if (e.value)
            std::cout << " = " << num(*e.value) << "  (D_o " << num(*e.observed) << ", D_e "
                      << num(*e.expected) << ")\n";
        else
            std::cout << ": undefined: " << e.reason << '\n';
        std::cout << "units: " << e.n_units << "; coders: " << e.n_coders << "; continuum ["
                  << begin << "," << end << ")\n";
        for (const auto& c : r.per_code)
        {
            std::cout << "  " << c.code << ": ";
            if (c.estimate.value)
                std::cout << num(*c.estimate.value) << "  (D_o " << num(*c.estimate.observed)
                          << ", D_e " << num(*c.estimate.expected) << ", " << c.estimate.n_units
                          << " units)\n";
            else
                std::cout << "undefined: " << c.estimate.reason << '\n';
        }
        if (!e.note.empty())
            std::cout << "note: " << e.note << '\n';
    }
    return kExitOk;
}

bool is_2016(const std::string& metric)
{
    return metric == "u-alpha-2016" || metric == "binary-u-alpha" || metric == "cu-alpha" ||
           metric == "Cu-alpha";
}

// The member of the family a metric names, for the whole run (Unitizing2016Result) and for one
// domain (UnitizingDomain2016).
template <typename Family> const stats::Estimate& member(const std::string& metric, const Family& r)
{
    if (metric == "u-alpha-2016")
        return r.u_alpha;
    if (metric == "binary-u-alpha")
        return r.binary;
    return r.coding;
}

std::string estimate_text(const stats::Estimate& e)
{
    if (!e.value)
        return "undefined: " + e.reason;
    std::string t = num(*e.value) + "  (D_o " + num(*e.observed) + ", D_e " + num(*e.expected);
    if (e.ci_low && e.ci_high)
        t += ", 95% CI " + num(*e.ci_low) + " to " + num(*e.ci_high);
    return t + ")";
}

int run_2016(const AgreeOptions& o, const SpanData& d, std::int64_t begin, std::int64_t end,
             const std::vector<stats::SemanticDomain>& domains)
{
    stats::Unitizing2016Options options;
    options.domains = domains;
    options.coder_names = d.coders;
    if (o.bootstrap)
        options.bootstrap = {*o.bootstrap, o.seed.value_or(1)};
    // Only the member printed gets resampled: each costs resamples × intersections.
    options.bootstrap_members = {o.metric == "u-alpha-2016", o.metric == "binary-u-alpha",
                                 o.metric == "cu-alpha" || o.metric == "Cu-alpha"};
    const auto r = stats::unitizing_alpha_2016(d.spans, static_cast<int>(d.coders.size()), begin,
                                               end, options);
    const stats::Estimate& e = member(o.metric, r);
    const bool codes = o.metric == "binary-u-alpha" || o.metric == "cu-alpha";
    const bool by_domain = !domains.empty();
    std::string note = e.note.empty() ? r.u_alpha.note : e.note;
    if (r.per_domain.size() > 1 && o.metric != "Cu-alpha")
        note += std::string(note.empty() ? "" : "; ") + "pooled over " +
                std::to_string(r.per_domain.size()) + " domains" +
                (o.metric == "cu-alpha" ? " (= Cu-alpha)" : "");
    // With --domain the other codes are left out on purpose; only without it is that news.
    const std::vector<std::string> unassigned =
        o.domain.empty() ? r.unassigned : std::vector<std::string>{};
    if (!unassigned.empty())
    {
        std::string list;
        for (const auto& c : unassigned)
            list += (list.empty() ? "" : ", ") + c;
        note += std::string(note.empty() ? "" : "; ") + "codes in no domain left out: " + list;
    }
    auto code_value = [&](const stats::UnitizingCode2016& c) -> const stats::Estimate&
    { return o.metric == "binary-u-alpha" ? c.binary : c.coding; };

    if (o.format == "json")
    {
        nlohmann::json j = estimate_json(e);
        j["metric"] = o.metric;
        j["n_coders"] = e.n_coders;
        j["coders"] = d.coders;
        j["continuum"] = {begin, end};
        if (e.ci_low && e.ci_high)
            j["ci_method"] = e.ci_method;
        if (codes)
        {
            nlohmann::json per = nlohmann::json::object();
            for (const auto& dom : r.per_domain)
                for (const auto& c : dom.per_code)
                {
                    nlohmann::json x = estimate_json(code_value(c));
                    if (by_domain)
                        x["domain"] = c.domain;
                    if (o.metric == "cu-alpha")
                        x["coverage"] = json_or_null(c.coverage);
                    per[c.code] = x;
                }
            j["per_code"] = per;
        }
        if (by_domain)
        {
            nlohmann::json per = nlohmann::json::object();
            for (const auto& dom : r.per_domain)
                per[dom.name] = estimate_json(member(o.metric, dom));
            j["per_domain"] = per;
        }
        if (!unassigned.empty())
            j["unassigned"] = unassigned;
        if (!note.empty())
            j["note"] = note;
        std::cout << j.dump() << '\n';
        return kExitOk;
    }
    if (o.format == "csv")
    {
        std::cout << "domain,code,value,observed,expected,ci_low,ci_high,n_units,reason\n";
        auto row = [&](const std::string& domain, const std::string& code, const stats::Estimate& x)
        {
            std::cout << io::csv_record({domain, code, format_optional(x.value),
                                         format_optional(x.observed), format_optional(x.expected),
                                         format_optional(x.ci_low), format_optional(x.ci_high),
                                         std::to_string(x.n_units), x.value ? "" : x.reason});
        };
        row("(all)", "(all)", e);
        for (const auto& dom : r.per_domain)
        {
            if (by_domain)
                row(dom.name, "(all)", member(o.metric, dom));
            if (codes)
                for (const auto& c : dom.per_code)
                    row(dom.name, c.code, code_value(c));
        }
        return kExitOk;
    }
    std::cout << o.metric << " = " << estimate_text(e) << '\n';
    std::cout << "units: " << e.n_units << "; coders: " << e.n_coders << "; continuum [" << begin
              << "," << end << ")\n";
    if (e.ci_low && e.ci_high)
        std::cout << "CI: " << e.ci_method << '\n';
    for (const auto& dom : r.per_domain)
    {
        const std::string indent = by_domain ? "    " : "  ";
        if (by_domain)
            std::cout << "  domain " << dom.name << ": " << estimate_text(member(o.metric, dom))
                      << '\n';
        if (codes)
            for (const auto& c : dom.per_code)
            {
                std::cout << indent << c.code << ": " << estimate_text(code_value(c));
                if (o.metric == "cu-alpha" && c.coverage)
                    std::cout << ", coverage " << num(*c.coverage);
                std::cout << '\n';
            }
    }
    if (!note.empty())
        std::cout << "note: " << note << '\n';
    return kExitOk;
}

int run_span_f1(const AgreeOptions& o, const SpanData& d, double theta)
{
    const int m = static_cast<int>(d.coders.size());
    std::vector<std::vector<stats::CodedSpan>> per(static_cast<std::size_t>(m));
    for (const auto& s : d.spans)
        per[static_cast<std::size_t>(s.coder)].push_back(s);
    struct Pair
    {
        int a, b;
        stats::SpanMatch match;
    };
    std::vector<Pair> pairs;
    double sum = 0.0;
    int defined = 0;
    for (int a = 0; a < m; ++a)
        for (int b = a + 1; b < m; ++b)
        {
            auto match = stats::span_match(per[static_cast<std::size_t>(a)],
                                           per[static_cast<std::size_t>(b)], theta);
            if (match.f1.value)
            {
                sum += *match.f1.value;
                ++defined;
            }
            pairs.push_back({a, b, std::move(match)});
        }
    // With two coders the value is their F1; with more, the mean over the defined pairs.
    std::optional<double> value;
    if (defined > 0)
        value = sum / defined;
    const std::string overlap = theta > 0.0 ? num(theta) : std::string("exact");
    if (o.format == "json")
    {
        nlohmann::json j;
        j["metric"] = "span-f1";
        j["value"] = json_or_null(value);
        if (!value)
            j["reason"] = "no coder marked a span";
        j["n_units"] = static_cast<int>(d.spans.size());
        j["n_coders"] = m;
        j["coders"] = d.coders;
        j["overlap"] = theta > 0.0 ? nlohmann::json(theta) : nlohmann::json("exact");
        if (m == 2)
        {
            j["precision"] = json_or_null(pairs[0].match.precision);
            j["recall"] = json_or_null(pairs[0].match.recall);
            j["matched"] = pairs[0].match.matched;
        }
        nlohmann::json list = nlohmann::json::array();
        for (const auto& p : pairs)
            list.push_back({{"reference", d.coders[static_cast<std::size_t>(p.a)]},
                            {"other", d.coders[static_cast<std::size_t>(p.b)]},
                            {"f1", json_or_null(p.match.f1.value)},
                            {"precision", json_or_null(p.match.precision)},
                            {"recall", json_or_null(p.match.recall)},
                            {"matched", p.match.matched},
                            {"n_reference", p.match.n_reference},
                            {"n_other", p.match.n_other}});
        j["pairs"] = list;
        std::cout << j.dump() << '\n';
        return kExitOk;
    }
    if (o.format == "csv")
    {
        std::cout << "reference,other,f1,precision,recall,matched,n_reference,n_other\n";
        for (const auto& p : pairs)
            std::cout << io::csv_record(
                {d.coders[static_cast<std::size_t>(p.a)], d.coders[static_cast<std::size_t>(p.b)],
                 format_optional(p.match.f1.value), format_optional(p.match.precision),
                 format_optional(p.match.recall), std::to_string(p.match.matched),
                 std::to_string(p.match.n_reference), std::to_string(p.match.n_other)});
        return kExitOk;
    }
    std::cout << "span-f1 (overlap " << overlap << ")";
    if (value)
        std::cout << " = " << num(*value) << (m > 2 ? "  (mean over coder pairs)" : "") << '\n';
    else
        std::cout << ": undefined: no coder marked a span\n";
    for (const auto& p : pairs)
        std::cout << "  " << d.coders[static_cast<std::size_t>(p.a)] << " vs "
                  << d.coders[static_cast<std::size_t>(p.b)] << ": F1 "
                  << (p.match.f1.value ? num(*p.match.f1.value) : "undefined") << ", precision "
                  << (p.match.precision ? num(*p.match.precision) : "undefined") << ", recall "
                  << (p.match.recall ? num(*p.match.recall) : "undefined") << ", "
                  << p.match.matched << " matched of " << p.match.n_reference << " / "
                  << p.match.n_other << '\n';
    return kExitOk;
}

} // namespace

int agree_spans(const AgreeOptions& o)
{
    static const char* kMetrics =
        "alpha-u, u-alpha-2016, binary-u-alpha, cu-alpha, Cu-alpha, span-f1, gamma";
    const bool family = is_2016(o.metric);
    const bool gamma = o.metric == "gamma";
    if (o.metric != "alpha-u" && o.metric != "span-f1" && !family && !gamma)
        return usage_error(o.metric.empty()
                               ? std::string("agree --spans needs --metric ") + kMetrics
                               : "unknown spans metric '" + o.metric + "' (" + kMetrics + ")");
    if (o.continuum.empty())
        return usage_error("agree --spans needs --continuum BEGIN,END");
    const auto comma = o.continuum.find(',');
    const auto begin = parse_code_point(trim_spaces(o.continuum.substr(0, comma)));
    const auto end = comma == std::string::npos
                         ? std::nullopt
                         : parse_code_point(trim_spaces(o.continuum.substr(comma + 1)));
    if (!begin || !end || *begin >= *end)
        return usage_error("--continuum must be BEGIN,END with whole numbers BEGIN < END, got '" +
                           o.continuum + "'");
    // The length must fit the statistic's arithmetic (end - begin overflowed int64 before).
    if (auto ok = stats::check_continuum(*begin, *end); !ok)
        return usage_error("--continuum: " + ok.error().message);
    double theta = 0.0;
    if (o.overlap)
    {
        if (o.metric != "span-f1")
            return usage_error("--overlap applies to span-f1 only");
        if (!(*o.overlap > 0.0 && *o.overlap <= 1.0))
            return usage_error("--overlap must be in (0, 1]");
        theta = *o.overlap;
    }
    if (!o.table.empty() || !o.categories.empty() || !o.level.empty() || !o.weights.empty() ||
        !o.weight_matrix.empty() || !o.form.empty() || !o.master.empty() ||
        !o.transcripts.empty() || !o.scheme.empty() || !o.section.empty())
        return usage_error("only --metric, --continuum, --coders, --overlap, --domains, --domain, "
                           "--bootstrap, --seed, the gamma options and --format apply to --spans");
    const bool gamma_options =
        o.gamma_alpha || o.gamma_beta || o.gamma_empty || !o.sampler.empty() || o.samples;
    if (gamma_options && !gamma)
        return usage_error("--gamma-alpha, --gamma-beta, --gamma-empty, --sampler and --samples "
                           "apply to --metric gamma only");
    if ((!o.domains.empty() || !o.domain.empty()) && !family && !gamma)
        return usage_error("--domains and --domain apply to u-alpha-2016, binary-u-alpha, "
                           "cu-alpha, Cu-alpha and gamma");
    if (!o.domain.empty() && o.domains.empty())
        return usage_error("--domain NAME needs --domains CODES.csv");
    if (o.bootstrap && !family)
        return usage_error("--bootstrap applies to u-alpha-2016, binary-u-alpha, cu-alpha and "
                           "Cu-alpha in spans mode");
    if (o.seed && !family && !gamma)
        return usage_error("--seed applies to the bootstrap (u-alpha-2016, binary-u-alpha, "
                           "cu-alpha, Cu-alpha) and to gamma's sampling");
    if (o.seed && family && !o.bootstrap)
        return usage_error("--seed needs --bootstrap N");
    std::vector<stats::SemanticDomain> domains;
    if (family && !o.domains.empty())
    {
        auto read = read_domains(o.domains, o.domain);
        if (!read)
            return report(read.error());
        domains = std::move(read.value());
    }
    auto data = read_spans(o, *begin, *end);
    if (!data)
        return report(data.error());
    if (o.metric == "alpha-u")
        return run_alpha_u(o, data.value(), *begin, *end);
    if (family)
        return run_2016(o, data.value(), *begin, *end, domains);
    if (gamma)
        return run_gamma(o, data.value(), *begin, *end);
    return run_span_f1(o, data.value(), theta);
}

} // namespace attune::cli
