// SPDX-License-Identifier: GPL-3.0-or-later
// agree, spans mode: reads coder,start,end,code spans and prints Krippendorff's unitizing alpha
// or span-matching F1 (docs/agreement.md "## Spans mode").
#include "cli/agree_spans_input.h"
#include "cli/cmd_agree.h"
#include "cli/cmd_agree_gamma.h"
#include "cli/csv_reader.h"

#include "core/stats/span_match.h"
#include "core/stats/unitizing.h"

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

nlohmann::json opt(const std::optional<double>& v)
{
    return v ? nlohmann::json(*v) : nlohmann::json(nullptr);
}

int run_alpha_u(const AgreeOptions& o, const SpanData& d, std::int64_t begin, std::int64_t end)
{
    const auto r = stats::unitizing_alpha(d.spans, static_cast<int>(d.coders.size()), begin, end);
    const stats::Estimate& e = r.overall;
    if (o.format == "json")
    {
        nlohmann::json j;
        j["metric"] = "alpha-u";
        j["value"] = opt(e.value);
        if (!e.value)
            j["reason"] = e.reason;
        j["n_units"] = e.n_units;
        j["n_coders"] = e.n_coders;
        j["coders"] = d.coders;
        j["continuum"] = {begin, end};
        j["observed"] = opt(e.observed);
        j["expected"] = opt(e.expected);
        nlohmann::json per = nlohmann::json::object();
        for (const auto& c : r.per_code)
        {
            nlohmann::json x;
            x["value"] = opt(c.estimate.value);
            x["observed"] = opt(c.estimate.observed);
            x["expected"] = opt(c.estimate.expected);
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
            std::cout << code << ',' << (x.value ? num(*x.value) : "") << ','
                      << (x.observed ? num(*x.observed) : "") << ','
                      << (x.expected ? num(*x.expected) : "") << ',' << x.n_units << ','
                      << (x.value ? "" : x.reason) << '\n';
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
        j["value"] = opt(value);
        if (!value)
            j["reason"] = "no coder marked a span";
        j["n_units"] = static_cast<int>(d.spans.size());
        j["n_coders"] = m;
        j["coders"] = d.coders;
        j["overlap"] = theta > 0.0 ? nlohmann::json(theta) : nlohmann::json("exact");
        if (m == 2)
        {
            j["precision"] = opt(pairs[0].match.precision);
            j["recall"] = opt(pairs[0].match.recall);
            j["matched"] = pairs[0].match.matched;
        }
        nlohmann::json list = nlohmann::json::array();
        for (const auto& p : pairs)
            list.push_back({{"reference", d.coders[static_cast<std::size_t>(p.a)]},
                            {"other", d.coders[static_cast<std::size_t>(p.b)]},
                            {"f1", opt(p.match.f1.value)},
                            {"precision", opt(p.match.precision)},
                            {"recall", opt(p.match.recall)},
                            {"matched", p.match.matched},
                            {"n_reference", p.match.n_reference},
                            {"n_other", p.match.n_other}});
        j["pairs"] = list;
        std::cout << j.dump() << '\n';
        return kExitOk;
    }
    auto cell = [](const std::optional<double>& v) { return v ? num(*v) : std::string(); };
    if (o.format == "csv")
    {
        std::cout << "reference,other,f1,precision,recall,matched,n_reference,n_other\n";
        for (const auto& p : pairs)
            std::cout << d.coders[static_cast<std::size_t>(p.a)] << ','
                      << d.coders[static_cast<std::size_t>(p.b)] << ',' << cell(p.match.f1.value)
                      << ',' << cell(p.match.precision) << ',' << cell(p.match.recall) << ','
                      << p.match.matched << ',' << p.match.n_reference << ',' << p.match.n_other
                      << '\n';
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
    if (o.metric != "alpha-u" && o.metric != "span-f1" && o.metric != "gamma")
        return usage_error(
            o.metric.empty() ? "agree --spans needs --metric alpha-u, span-f1 or gamma"
                             : "unknown spans metric '" + o.metric + "' (alpha-u, span-f1, gamma)");
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
        !o.weight_matrix.empty() || !o.form.empty() || o.bootstrap || o.seed || !o.master.empty() ||
        !o.transcripts.empty() || !o.scheme.empty() || !o.section.empty())
        return usage_error("only --metric, --continuum, --coders, --overlap and --format apply "
                           "to --spans");
    auto data = read_spans(o, *begin, *end);
    if (!data)
        return report(data.error());
    if (o.metric == "alpha-u")
        return run_alpha_u(o, data.value(), *begin, *end);
    if (o.metric == "gamma")
        return run_gamma(o, data.value(), *begin, *end);
    return run_span_f1(o, data.value(), theta);
}

} // namespace attune::cli
