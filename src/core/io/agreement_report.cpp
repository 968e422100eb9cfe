// SPDX-License-Identifier: GPL-3.0-or-later
// The agreement report's three renderings. Moved from attune-cli unchanged: its tests (tests/cli,
// tests/samples) compare the output byte for byte.
#include "core/io/agreement_report.h"

#include "core/io/csv_writer.h"
#include "core/io/number_format.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <iomanip>
#include <locale>
#include <sstream>

namespace attune::io
{
namespace
{

using analysis::AgreementReport;
using nlohmann::json;

std::string num(double v, int precision = 4)
{
    return format_number(v, precision);
}

std::string percent(int agree, int n)
{
    if (n == 0)
        return "n/a";
    std::ostringstream s;
    s.imbue(std::locale::classic());
    s << std::fixed << std::setprecision(1) << 100.0 * agree / n << '%';
    return s.str();
}

std::string way(const analysis::ClassificationAgreement& c)
{
    static const char* const kWays[] = {"", "", "two-way", "three-way", "four-way", "five-way"};
    if (c.collapsing.find("subclass") == std::string::npos && c.labels.size() < 6)
        return std::string(kWays[c.labels.size()]) + " classifications";
    return "\"" + c.name + "\" classifications";
}

json estimate(const stats::Estimate& e)
{
    json j;
    j["metric"] = e.metric;
    j["value"] = e.value ? json(*e.value) : json(nullptr);
    if (!e.value)
        j["reason"] = e.reason;
    j["n_units"] = e.n_units;
    if (e.ci_low && e.ci_high)
    {
        j["ci_low"] = *e.ci_low;
        j["ci_high"] = *e.ci_high;
    }
    if (e.observed)
        j["observed"] = *e.observed;
    if (e.expected)
        j["expected"] = *e.expected;
    return j;
}

std::string text_of(const stats::Estimate& e)
{
    if (!e.value)
        return "undefined (" + e.reason + ")";
    std::string s = num(*e.value, 3);
    if (e.ci_low && e.ci_high)
        s += " [" + num(*e.ci_low, 3) + ", " + num(*e.ci_high, 3) + "]";
    return s;
}

// The 2016 family after a passage line's αu (empty when it was not computed).
std::string family_text(const analysis::PassageAgreement& p)
{
    std::string s;
    if (!p.u_alpha_2016.metric.empty())
        s += "; u-alpha-2016 " + text_of(p.u_alpha_2016);
    if (!p.binary.metric.empty())
        s += "; binary-u-alpha " + text_of(p.binary);
    if (!p.cu.metric.empty())
        s += std::string(p.code.empty() ? "; Cu-alpha " : "; cu-alpha ") + text_of(p.cu);
    if (!p.domain.empty())
        s += " (domain " + p.domain + ")";
    return s;
}

json pair_json(const analysis::PairAgreement& p)
{
    return {{"coder_a", p.coder_a},
            {"coder_b", p.coder_b},
            {"n", p.n},
            {"agree", p.agree},
            {"share", p.n ? json(static_cast<double>(p.agree) / p.n) : json(nullptr)},
            {"kappa", estimate(p.kappa)},
            {"confusion", p.confusion}};
}

// A JSON array of `items`, each made by `one`: every part of the report is one.
template <typename T> json array_of(const std::vector<T>& items, json (*one)(const T&))
{
    json a = json::array();
    for (const auto& item : items)
        a.push_back(one(item));
    return a;
}

json classification_json(const analysis::ClassificationAgreement& c)
{
    return {{"scheme", c.scheme_id},
            {"classification", c.classification},
            {"collapsing", c.collapsing},
            {"name", c.name},
            {"labels", c.labels},
            {"n_transcripts", c.n_transcripts},
            {"percent", estimate(c.percent)},
            {"kappa", estimate(c.kappa)},
            {"pairs", array_of(c.pairs, pair_json)},
            {"vs_master", array_of(c.vs_master, pair_json)},
            {"vs_consensus", array_of(c.vs_consensus, pair_json)}};
}

json scale_json(const analysis::ScaleAgreement& s)
{
    return {{"scheme", s.scheme_id},
            {"scale", s.scale},
            {"target", s.target},
            {"n_transcripts", s.n_transcripts},
            {"not_scorable", s.not_scorable},
            {"icc", estimate(s.icc)},
            {"within_1", estimate(s.within1)},
            {"alpha_interval", estimate(s.alpha)}};
}

json passage_json(const analysis::PassageAgreement& p)
{
    json x = estimate(p.alpha_u);
    x["scheme"] = p.scheme_id;
    x["code"] = p.code.empty() ? json(nullptr) : json(p.code);
    x["transcript"] = p.transcript ? json(p.transcript) : json(nullptr);
    if (p.transcript)
        x["title"] = p.transcript_title;
    // The 2016 family next to αu: for all codes uα, |uα and Cuα; for a code its α-binary
    // and (k)uα in its domain.
    if (!p.u_alpha_2016.metric.empty())
        x["u_alpha_2016"] = estimate(p.u_alpha_2016);
    if (!p.binary.metric.empty())
        x["binary_u_alpha"] = estimate(p.binary);
    if (!p.cu.metric.empty())
        x[p.code.empty() ? "Cu_alpha" : "cu_alpha"] = estimate(p.cu);
    if (!p.domain.empty())
        x["domain"] = p.domain;
    return x;
}

json domain_json(const analysis::DomainAgreement& d)
{
    return {{"scheme", d.scheme_id},
            {"domain", d.domain},
            {"codes", d.codes},
            {"u_alpha_2016", estimate(d.u_alpha_2016)},
            {"binary_u_alpha", estimate(d.binary)},
            {"cu_alpha", estimate(d.cu)}};
}

json turn_json(const analysis::TurnPresence& t)
{
    return {{"scheme", t.scheme_id}, {"code", t.code}, {"kappa", estimate(t.kappa)}};
}

json disagreement_json(const analysis::Disagreement& d)
{
    return {{"transcript", d.transcript}, {"title", d.transcript_title},
            {"scheme", d.scheme_id},      {"code", d.code},
            {"start", d.start},           {"end", d.end},
            {"first_line", d.first_line}, {"last_line", d.last_line},
            {"marked_by", d.marked_by},   {"not_marked_by", d.not_marked_by}};
}

json report_json(const AgreementReport& r, const std::string& path)
{
    json j;
    j["metric"] = "aai-agreement";
    j["project"] = path;
    j["coders"] = r.coders;
    j["n_coders"] = r.coders.size();
    j["master"] = r.master.empty() ? json(nullptr) : json(r.master);
    j["consensus"] = r.consensus.empty() ? json(nullptr) : json(r.consensus);
    j["transcripts"] = r.transcripts;
    j["section"] = r.section.empty() ? json(nullptr) : json(r.section);
    j["classifications"] = array_of(r.classifications, classification_json);
    j["scales"] = array_of(r.scales, scale_json);
    j["passages"] = array_of(r.passages, passage_json);
    j["domains"] = array_of(r.domains, domain_json);
    j["turns"] = array_of(r.turns, turn_json);
    j["disagreements"] = array_of(r.disagreements, disagreement_json);
    return j;
}

void write_text(std::ostream& out, const AgreementReport& r, const std::string& path)
{
    out << "Project " << path << ": coders";
    for (const auto& c : r.coders)
        out << ' ' << c;
    out << "; " << r.transcripts.size() << " transcript(s)";
    if (!r.master.empty())
        out << "; master " << r.master;
    if (!r.consensus.empty())
        out << "; consensus " << r.consensus;
    if (!r.section.empty())
        out << "; passages in section " << r.section;
    out << "\n\nClassification agreement\n";
    for (const auto& c : r.classifications)
    {
        out << "  " << c.scheme_id << ": " << c.collapsing << " \"" << c.name
            << "\": " << c.n_transcripts << " transcript(s), agreement " << text_of(c.percent)
            << ", " << (c.kappa.metric == "cohen-kappa" ? "Cohen's kappa " : "Fleiss' kappa ")
            << text_of(c.kappa) << '\n';
        for (const auto& p : c.pairs)
        {
            out << "    " << p.coder_a << " vs " << p.coder_b << ": " << p.agree << " of " << p.n
                << " (" << percent(p.agree, p.n) << "), Cohen's kappa " << text_of(p.kappa) << '\n';
            if (c.labels.size() > 5)
                continue; // wide matrices (subclasses) are in --format json/csv
            out << "      confusion (rows " << p.coder_a << ", columns " << p.coder_b << "):\n";
            // Columns as wide as their label (at least 3), rows labelled to the widest label.
            std::size_t row_width = 0;
            for (const auto& l : c.labels)
                row_width = std::max(row_width, l.size());
            out << "        " << std::string(row_width, ' ');
            for (const auto& l : c.labels)
                out << ' ' << std::setw(static_cast<int>(std::max<std::size_t>(3, l.size()))) << l;
            out << '\n';
            for (std::size_t i = 0; i < c.labels.size(); ++i)
            {
                out << "        " << std::setw(static_cast<int>(row_width)) << c.labels[i];
                for (std::size_t j = 0; j < c.labels.size(); ++j)
                    out << ' '
                        << std::setw(static_cast<int>(std::max<std::size_t>(3, c.labels[j].size())))
                        << p.confusion[i][j];
                out << '\n';
            }
        }
        for (const auto* refs : {&c.vs_master, &c.vs_consensus})
            for (const auto& p : *refs)
                out << "    " << p.coder_a << " agrees with " << p.coder_b
                    << (refs == &c.vs_consensus ? " (consensus)" : "") << " on " << p.agree
                    << " of " << p.n << ' ' << way(c) << ", " << percent(p.agree, p.n) << '\n';
    }
    out << "\nScale agreement (not-scorable ratings left out)\n";
    if (r.scales.empty())
        out << "  no ratings\n";
    for (const auto& s : r.scales)
        out << "  " << s.scale << (s.target.empty() ? "" : "/" + s.target) << ": "
            << s.n_transcripts << " transcript(s), " << s.not_scorable << " not scorable; ICC(2,1) "
            << text_of(s.icc) << "; within 1 point " << text_of(s.within1) << "; alpha (interval) "
            << text_of(s.alpha) << '\n';
    out << "\nPassage agreement (unitizing alpha)\n";
    if (r.passages.empty())
        out << "  no transcript coded by every coder\n";
    for (const auto& p : r.passages)
        out << "  " << p.scheme_id << ": "
            << (p.transcript ? p.transcript_title : std::string("all transcripts")) << " / "
            << (p.code.empty() ? std::string("all codes") : p.code) << ": " << text_of(p.alpha_u)
            << family_text(p) << '\n';
    if (!r.domains.empty())
        out << "\nPassage agreement per semantic domain (2016 unitizing family, all "
               "transcripts)\n";
    for (const auto& d : r.domains)
        out << "  " << d.scheme_id << ": " << d.domain << ": u-alpha-2016 "
            << text_of(d.u_alpha_2016) << "; binary-u-alpha " << text_of(d.binary) << "; cu-alpha "
            << text_of(d.cu) << '\n';
    if (!r.turns.empty())
        out << "\nCode presence per speaker turn (kappa)\n";
    for (const auto& t : r.turns)
        out << "  " << t.scheme_id << ": " << t.code << ": " << text_of(t.kappa) << " ("
            << t.kappa.n_units << " turns)\n";
    out << "\nDisagreements to reconcile: " << r.disagreements.size() << '\n';
    for (const auto& d : r.disagreements)
    {
        out << "  " << d.transcript_title << " lines " << d.first_line;
        if (d.last_line != d.first_line)
            out << '-' << d.last_line;
        out << ' ' << d.code << ": marked by";
        for (const auto& c : d.marked_by)
            out << ' ' << c;
        out << ", not by";
        for (const auto& c : d.not_marked_by)
            out << ' ' << c;
        out << '\n';
    }
}

void write_csv(std::ostream& out, const AgreementReport& r)
{
    out << "part,scheme,item,coders,metric,value,n,detail\n";
    auto row = [&out](const std::string& part, const std::string& scheme, const std::string& item,
                      const std::string& coders, const std::string& metric,
                      const std::optional<double>& v, int n, const std::string& detail)
    {
        // Every field through csv_field: a metric such as "icc-2,1" holds a comma too.
        out << csv_record({part, scheme, item, coders, metric, format_optional(v, 10),
                           std::to_string(n), detail});
    };
    std::string all;
    for (const auto& c : r.coders)
        all += (all.empty() ? "" : " ") + c;
    for (const auto& c : r.classifications)
    {
        row("classification", c.scheme_id, c.collapsing, all, "percent-agreement", c.percent.value,
            c.n_transcripts, c.percent.reason);
        row("classification", c.scheme_id, c.collapsing, all, c.kappa.metric, c.kappa.value,
            c.n_transcripts, c.kappa.reason);
        for (const auto& p : c.pairs)
            row("pair", c.scheme_id, c.collapsing, p.coder_a + " " + p.coder_b, "agree",
                p.n ? std::optional<double>(static_cast<double>(p.agree) / p.n) : std::nullopt, p.n,
                std::to_string(p.agree) + " of " + std::to_string(p.n));
        for (const auto* refs : {&c.vs_master, &c.vs_consensus})
            for (const auto& p : *refs)
                row(refs == &c.vs_master ? "master" : "consensus", c.scheme_id, c.collapsing,
                    p.coder_a + " " + p.coder_b, "agree",
                    p.n ? std::optional<double>(static_cast<double>(p.agree) / p.n) : std::nullopt,
                    p.n, std::to_string(p.agree) + " of " + std::to_string(p.n));
    }
    for (const auto& s : r.scales)
    {
        const std::string item = s.scale + (s.target.empty() ? "" : "/" + s.target);
        row("scale", s.scheme_id, item, all, "icc-2,1", s.icc.value, s.icc.n_units,
            "not scorable " + std::to_string(s.not_scorable));
        row("scale", s.scheme_id, item, all, "within-1", s.within1.value, s.within1.n_units, "");
        row("scale", s.scheme_id, item, all, "alpha-interval", s.alpha.value, s.alpha.n_units, "");
    }
    for (const auto& p : r.passages)
        row("passage", p.scheme_id,
            (p.transcript ? p.transcript_title : std::string("*")) + "/" +
                (p.code.empty() ? std::string("*") : p.code),
            all, "alpha-u", p.alpha_u.value, p.alpha_u.n_units, p.alpha_u.reason);
    for (const auto& p : r.passages)
    {
        const std::string item = (p.transcript ? p.transcript_title : std::string("*")) + "/" +
                                 (p.code.empty() ? std::string("*") : p.code);
        if (!p.u_alpha_2016.metric.empty())
            row("passage", p.scheme_id, item, all, "u-alpha-2016", p.u_alpha_2016.value,
                p.u_alpha_2016.n_units, p.u_alpha_2016.reason);
        if (!p.binary.metric.empty())
            row("passage", p.scheme_id, item, all, "binary-u-alpha", p.binary.value,
                p.binary.n_units, p.binary.reason);
        if (!p.cu.metric.empty())
            row("passage", p.scheme_id, item, all, p.code.empty() ? "Cu-alpha" : "cu-alpha",
                p.cu.value, p.cu.n_units, p.cu.reason);
    }
    for (const auto& d : r.domains)
    {
        row("domain", d.scheme_id, d.domain, all, "u-alpha-2016", d.u_alpha_2016.value,
            d.u_alpha_2016.n_units, d.u_alpha_2016.reason);
        row("domain", d.scheme_id, d.domain, all, "binary-u-alpha", d.binary.value,
            d.binary.n_units, d.binary.reason);
        row("domain", d.scheme_id, d.domain, all, "cu-alpha", d.cu.value, d.cu.n_units,
            d.cu.reason);
    }
    for (const auto& t : r.turns)
        row("turn", t.scheme_id, t.code, all, t.kappa.metric, t.kappa.value, t.kappa.n_units,
            t.kappa.reason);
    for (const auto& d : r.disagreements)
    {
        std::string by;
        for (const auto& c : d.marked_by)
            by += (by.empty() ? "" : " ") + c;
        row("disagreement", d.scheme_id, d.code, by, "lines", std::nullopt, 0,
            d.transcript_title + " " + std::to_string(d.first_line) + "-" +
                std::to_string(d.last_line));
    }
}

} // namespace

std::string agreement_report_json(const AgreementReport& report, const std::string& project)
{
    return report_json(report, project).dump();
}

void write_agreement_report(std::ostream& out, const AgreementReport& report,
                            const std::string& project, ReportFormat format)
{
    // Counts and labels as written for a reader of the file, not in a locale a GUI installed.
    const std::locale previous = out.imbue(std::locale::classic());
    switch (format)
    {
    case ReportFormat::Json: out << agreement_report_json(report, project) << '\n'; break;
    case ReportFormat::Csv: write_csv(out, report); break;
    case ReportFormat::Text: write_text(out, report, project); break;
    }
    out.imbue(previous);
}

} // namespace attune::io
