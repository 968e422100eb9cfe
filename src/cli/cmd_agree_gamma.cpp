// SPDX-License-Identifier: GPL-3.0-or-later
// agree --spans --metric gamma: Mathet, Widlöcher & Métivier's γ (docs/agreement.md "### Gamma").
// cmd_agree_spans.cpp has already checked which options may be given; the values are checked
// here, where their meaning is known.
#include "cli/cmd_agree_gamma.h"

#include "cli/cmd_project_common.h"
#include "cli/estimate_json.h"

#include "core/stats/gamma.h"

#include <cmath>
#include <iostream>
#include <set>

namespace attune::cli
{
namespace
{

// Beyond this, one run takes hours on a typical continuum; pygamma-agreement's default is 30.
constexpr int kMaxSamples = 100000;

struct Part
{
    std::string domain; ///< empty for the whole run
    stats::GammaResult result;
};

nlohmann::json part_json(const stats::GammaResult& r)
{
    nlohmann::json j = estimate_json(r.estimate, "observed_disorder", "expected_disorder");
    if (!r.sample_disorders.empty())
    {
        j["expected_sd"] = r.expected_sd;
        j["precision"] = r.precision;
        j["unitary_alignments"] = r.best.unitary.size();
        j["candidates"] = r.best.candidates;
    }
    return j;
}

std::string part_text(const stats::GammaResult& r)
{
    const stats::Estimate& e = r.estimate;
    if (!e.value)
        return "undefined: " + e.reason;
    std::string t = format_number(*e.value) + "  (observed disorder " + format_number(*e.observed) +
                    ", expected " + format_number(*e.expected);
    if (e.ci_low && e.ci_high)
        t += ", 95% interval " + format_number(*e.ci_low) + " to " + format_number(*e.ci_high);
    return t + ")";
}

} // namespace

int run_gamma(const AgreeOptions& o, const SpanData& d, std::int64_t begin, std::int64_t end)
{
    stats::GammaOptions options;
    options.dissimilarity.alpha = o.gamma_alpha.value_or(1.0);
    options.dissimilarity.beta = o.gamma_beta.value_or(1.0);
    options.dissimilarity.delta_empty = o.gamma_empty.value_or(1.0);
    if (auto ok = stats::check_dissimilarity(options.dissimilarity); !ok)
        return usage_error("--gamma-alpha/--gamma-beta/--gamma-empty: " + ok.error().message);
    if (!o.sampler.empty())
    {
        const auto s = stats::parse_gamma_sampler(o.sampler);
        if (!s)
            return usage_error("--sampler must be shuffle or statistical, not '" + o.sampler + "'");
        options.sampler = *s;
    }
    if (o.samples && (*o.samples < 1 || *o.samples > kMaxSamples))
        return usage_error("--samples must be between 1 and " + std::to_string(kMaxSamples));
    options.samples = o.samples.value_or(options.samples);
    options.seed = o.seed.value_or(1);

    std::vector<stats::SemanticDomain> domains;
    if (!o.domains.empty())
    {
        auto read = read_domains(o.domains, o.domain);
        if (!read)
            return report(read.error());
        domains = std::move(read.value());
    }
    const int n = static_cast<int>(d.coders.size());
    auto compute = [&](const std::vector<stats::CodedSpan>& spans) -> Result<stats::GammaResult>
    { return stats::gamma(spans, n, begin, end, options); };

    // With domains: γ over the codes of all of them (or of the one --domain names), and for
    // more than one domain, each domain's γ on its own codes. Codes of no domain are left out.
    std::vector<Part> parts;
    std::set<std::string> unassigned;
    std::vector<stats::CodedSpan> kept;
    std::set<std::string> listed;
    for (const auto& dom : domains)
        listed.insert(dom.codes.begin(), dom.codes.end());
    for (const auto& s : d.spans)
    {
        if (domains.empty() || listed.count(s.code))
            kept.push_back(s);
        else
            unassigned.insert(s.code);
    }
    auto all = compute(kept);
    if (!all)
        return report(all.error());
    parts.push_back({"", std::move(all.value())});
    if (domains.size() > 1)
        for (const auto& dom : domains)
        {
            const std::set<std::string> codes(dom.codes.begin(), dom.codes.end());
            std::vector<stats::CodedSpan> mine;
            for (const auto& s : kept)
                if (codes.count(s.code))
                    mine.push_back(s);
            auto r = compute(mine);
            if (!r)
                return report(r.error());
            parts.push_back({dom.name, std::move(r.value())});
        }
    const stats::GammaResult& main = parts.front().result;
    std::string note = main.estimate.note;
    if (!unassigned.empty())
    {
        std::string list;
        for (const auto& c : unassigned)
            list += (list.empty() ? "" : ", ") + c;
        note += std::string(note.empty() ? "" : "; ") + "codes in no domain left out: " + list;
    }
    const auto& dis = options.dissimilarity;

    if (o.format == "json")
    {
        nlohmann::json j = part_json(main);
        j["metric"] = "gamma";
        j["n_coders"] = n;
        j["coders"] = d.coders;
        j["continuum"] = {begin, end};
        j["samples"] = options.samples;
        j["sampler"] = stats::to_string(options.sampler);
        j["seed"] = options.seed;
        j["alpha"] = dis.alpha;
        j["beta"] = dis.beta;
        j["delta_empty"] = dis.delta_empty;
        if (!domains.empty())
        {
            nlohmann::json per = nlohmann::json::object();
            if (domains.size() == 1)
                per[domains.front().name] = part_json(main);
            for (std::size_t i = 1; i < parts.size(); ++i)
                per[parts[i].domain] = part_json(parts[i].result);
            j["per_domain"] = per;
        }
        if (!unassigned.empty())
            j["unassigned"] = std::vector<std::string>(unassigned.begin(), unassigned.end());
        if (!note.empty())
            j["note"] = note;
        std::cout << j.dump() << '\n';
        return kExitOk;
    }
    if (o.format == "csv")
    {
        std::cout << "domain,value,observed_disorder,expected_disorder,ci_low,ci_high,samples,"
                     "n_units,reason\n";
        auto row = [&](const std::string& domain, const stats::GammaResult& r)
        {
            const stats::Estimate& e = r.estimate;
            std::cout << io::csv_record({domain, format_optional(e.value),
                                         format_optional(e.observed), format_optional(e.expected),
                                         format_optional(e.ci_low), format_optional(e.ci_high),
                                         std::to_string(r.sample_disorders.size()),
                                         std::to_string(e.n_units), e.value ? "" : e.reason});
        };
        row(domains.size() == 1 ? domains.front().name : "(all)", main);
        for (std::size_t i = 1; i < parts.size(); ++i)
            row(parts[i].domain, parts[i].result);
        return kExitOk;
    }
    std::cout << "gamma = " << part_text(main) << '\n';
    std::cout << "units: " << main.estimate.n_units << "; coders: " << n << "; continuum [" << begin
              << "," << end << ")\n";
    std::cout << "dissimilarity: alpha " << format_number(dis.alpha) << ", beta "
              << format_number(dis.beta) << ", empty unit " << format_number(dis.delta_empty)
              << "\n";
    if (main.estimate.value)
        std::cout << "best alignment: " << main.best.unitary.size() << " unitary alignments ("
                  << main.best.candidates << " candidates)\n"
                  << "expected disorder: " << options.samples << " "
                  << stats::to_string(options.sampler) << " samples, seed " << options.seed
                  << ", sd " << format_number(main.expected_sd) << ", precision "
                  << format_number(100.0 * main.precision, 3) << "%\n";
    if (domains.size() == 1)
        std::cout << "  domain " << domains.front().name << " only\n";
    for (std::size_t i = 1; i < parts.size(); ++i)
        std::cout << "  domain " << parts[i].domain << ": " << part_text(parts[i].result) << '\n';
    if (!note.empty())
        std::cout << "note: " << note << '\n';
    return kExitOk;
}

} // namespace attune::cli
