// SPDX-License-Identifier: GPL-3.0-or-later
// The reliability report as HTML. Written into one reserved string by appending: the report of a
// 1,000-transcript project has a row per transcript and heat-map cells listing transcripts, and
// must stay linear in their number. Numbers go through coefficient()/share() only, and a number
// the methods paragraph repeats is written once into a string that both the table and the
// paragraph use (Refs), so the two cannot differ.
#include "core/io/reliability_report.h"

#include "core/base/version.h"
#include "core/project/session.h"
#include "core/stats/proportion.h"
#include "core/store/database.h"
#include "core/text/sha256.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <ctime>
#include <map>
#include <string_view>

namespace attune::io
{
namespace
{

// On screen (unless every transcript is asked for), a per-transcript table longer than
// kBriefAbove rows shows only the kBriefRows transcripts with the lowest αu.
constexpr std::size_t kBriefAbove = 20;
constexpr std::size_t kBriefRows = 10;

using analysis::AgreementReport;
using analysis::ClassificationAgreement;
using analysis::PairAgreement;
using analysis::PassageAgreement;
using analysis::ScaleAgreement;
using analysis::StudyFacts;
using stats::Estimate;

/// The `keep` transcripts of lowest αu, lowest first (an undefined αu after every defined one;
/// ties in their order).
std::vector<const PassageAgreement*> lowest_alpha(std::vector<const PassageAgreement*> rows,
                                                  std::size_t keep)
{
    std::stable_sort(rows.begin(), rows.end(),
                     [](const PassageAgreement* x, const PassageAgreement* y)
                     {
                         const auto& a = x->alpha_u.value;
                         const auto& b = y->alpha_u.value;
                         return a && (!b || *a < *b);
                     });
    if (rows.size() > keep)
        rows.resize(keep);
    return rows;
}

void escape_into(std::string& out, std::string_view s)
{
    for (const char c : s)
        switch (c)
        {
        case '&': out += "&amp;"; break;
        case '<': out += "&lt;"; break;
        case '>': out += "&gt;"; break;
        case '"': out += "&quot;"; break;
        case '\'': out += "&#39;"; break;
        default: out += c;
        }
}

std::string esc(std::string_view s)
{
    std::string out;
    out.reserve(s.size());
    escape_into(out, s);
    return out;
}

std::string fixed(double v, int decimals)
{
    // Residue like -1e-17 or -0.001 rounded would print "-0.00": a reader sees a sign that
    // means nothing, so values that round to zero print without one.
    const double scale = std::pow(10.0, decimals);
    if (std::round(std::abs(v) * scale) == 0.0)
        v = 0.0;
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
    return buf;
}

std::string share(double v)
{
    return fixed(100.0 * v, 1) + "%";
}

// A coefficient with its CI, or the percent-share form; "n/a" when undefined.
std::string estimate_text(const Estimate& e, bool as_share = false)
{
    if (!e.value)
        return "n/a";
    auto f = [&](double v) { return as_share ? share(v) : report_coefficient(v); };
    std::string s = f(*e.value);
    if (e.ci_low && e.ci_high)
        s += " [" + f(*e.ci_low) + ", " + f(*e.ci_high) + "]";
    return s;
}

std::string join(const std::vector<std::string>& items, std::string_view sep = ", ")
{
    std::string out;
    for (std::size_t i = 0; i < items.size(); ++i)
    {
        if (i)
            out += sep;
        out += items[i];
    }
    return out;
}

// "a, b and c" (already escaped items).
std::string listing(const std::vector<std::string>& items)
{
    if (items.size() <= 1)
        return join(items);
    std::vector<std::string> head(items.begin(), items.end() - 1);
    return join(head) + " and " + items.back();
}

std::string way(const ClassificationAgreement& c)
{
    static const char* const kWays[] = {"", "", "two-way", "three-way", "four-way", "five-way"};
    if (c.collapsing.find("subclass") == std::string::npos && c.labels.size() < 6)
        return kWays[c.labels.size()];
    return "\u201c" + c.name + "\u201d";
}

const char* kappa_name(const Estimate& e)
{
    return e.metric == "cohen-kappa" ? "Cohen\u2019s \u03ba" : "Fleiss\u2019 \u03ba";
}

// The percent agreement of a pair, with its Wilson interval.
Estimate pair_share(const PairAgreement& p)
{
    return stats::proportion_wilson(p.agree, p.n);
}

// The percent agreement at a collapsing: for two coders the pair's share with its interval; for
// more, the analysis's mean over pairs of coders, which has no interval here.
Estimate collapsing_share(const ClassificationAgreement& c)
{
    if (c.pairs.size() == 1)
        return pair_share(c.pairs.front());
    return c.percent;
}

/// The strings of numbers the paragraph repeats, keyed by data-ref.
using Refs = std::map<std::string, std::string>;

class Writer
{
public:
    Writer(const AgreementReport& r, const StudyFacts& f, const ReliabilityHtmlOptions& o)
        : m_r(r), m_f(f), m_o(o)
    {
        m_out.reserve(64 * 1024 + r.passages.size() * 256);
        for (std::size_t i = 0; i < r.transcripts.size() && i < f.transcript_names.size(); ++i)
            m_names.emplace(r.transcripts[i], f.transcript_names[i]);
    }

    std::string run();

private:
    void raw(std::string_view s) { m_out += s; }
    void text(std::string_view s) { escape_into(m_out, s); }
    /// A number the paragraph may repeat: remembered under `ref`, written with data-ref.
    const std::string& ref(const std::string& key, std::string value)
    {
        return m_refs[key] = std::move(value);
    }
    void ref_cell(const std::string& key, std::string value, const char* tag = "td")
    {
        const std::string& v = ref(key, std::move(value));
        raw("<");
        raw(tag);
        raw(" class=\"n\" data-ref=\"");
        raw(key);
        raw("\">");
        text(v);
        raw("</");
        raw(tag);
        raw(">");
    }
    /// The paragraph's copy of a remembered number.
    std::string cite(const std::string& key) const
    {
        const auto it = m_refs.find(key);
        if (it == m_refs.end())
            return "n/a";
        return "<span class=\"num\" data-ref=\"" + key + "\">" + esc(it->second) + "</span>";
    }
    std::string name_of(store::TranscriptId id) const
    {
        const auto it = m_names.find(id);
        return it == m_names.end() ? "#" + std::to_string(id.value()) : it->second;
    }
    void transcript_link(store::TranscriptId id, std::string_view label);

    void head();
    void summary();
    void methods();
    void classifications();
    void heat_map(const ClassificationAgreement& c, const PairAgreement& p, const char* versus);
    void scales();
    void forest_plot();
    void passages();
    void bar_chart(const std::vector<const PassageAgreement*>& codes);
    void pairwise();

    const AgreementReport& m_r;
    const StudyFacts& m_f;
    const ReliabilityHtmlOptions& m_o;
    std::string m_out;
    Refs m_refs;
    std::map<store::TranscriptId, std::string> m_names;
};

const char* const kStyle = R"CSS(
:root{color-scheme:light}
body{font:15px/1.45 "DejaVu Sans",Arial,sans-serif;color:#1a1a1a;background:#fff;margin:0}
main{max-width:1000px;margin:0 auto;padding:16px 24px 40px}
h1{font-size:26px;margin:8px 0 4px}h2{font-size:20px;margin:28px 0 8px;border-bottom:2px solid #333;padding-bottom:2px}
h3{font-size:16px;margin:18px 0 6px}
summary{cursor:pointer;margin:8px 0;font-weight:600}
.sub,.filters,.note,.cells{color:#444;font-size:13px}
.filters span{display:inline-block;margin-right:14px}
table{border-collapse:collapse;margin:6px 0 10px;font-size:13px}
th,td{border:1px solid #999;padding:3px 7px;text-align:left;vertical-align:top}
th{background:#eee}
td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}
.methods{background:#f6f6f6;border-left:4px solid #333;padding:10px 14px}
.num{font-weight:bold}
ul.cert{padding-left:20px;margin:6px 0}
.maps{display:flex;flex-wrap:wrap;gap:14px 22px}
figure{margin:6px 0 10px}
figcaption{font-size:12px;color:#333;margin-bottom:3px}
table.heat{font-size:12px}table.heat th,table.heat td{padding:1px 4px}
table.heat td{text-align:center;min-width:20px;font-variant-numeric:tabular-nums}
table.heat td.zero{color:#777}
table.heat td.diag{outline:2px solid #000;outline-offset:-3px;font-weight:bold}
table.heat a{color:inherit}
svg{max-width:100%;height:auto}
svg text{font-family:"DejaVu Sans",Arial,sans-serif;font-size:12px;fill:#1a1a1a}
a{color:#0645ad}
.block{break-inside:avoid}
@page{size:A4;margin:16mm 14mm 18mm}
@media print{
 body{font-size:11pt}main{max-width:none;padding:0}
 h2,h3{break-after:avoid}
 table,figure,.block,.methods{break-inside:avoid}
 table.long{break-inside:auto}
 tr{break-inside:avoid}
 thead{display:table-header-group}
 a{color:inherit;text-decoration:none}
 th{background:#eee!important;-webkit-print-color-adjust:exact;print-color-adjust:exact}
 table.heat td{-webkit-print-color-adjust:exact;print-color-adjust:exact}
}
)CSS";

void Writer::transcript_link(store::TranscriptId id, std::string_view label)
{
    if (m_o.links)
    {
        raw("<a href=\"attune://transcript/");
        raw(std::to_string(id.value()));
        raw("\">");
        text(label);
        raw("</a>");
    }
    else
        text(label);
}

void Writer::head()
{
    raw("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
        "style-src 'unsafe-inline'; img-src data:\">\n"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        "<meta name=\"generator\" content=\"");
    text(m_f.software + " " + m_f.version);
    raw("\">\n<title>Reliability report");
    if (!m_o.project.empty())
    {
        raw(" \u2014 ");
        text(m_o.project);
    }
    raw("</title>\n<style>");
    raw(kStyle);
    raw("</style>\n</head>\n<body>\n<main>\n<header>\n<h1>Reliability report</h1>\n<p "
        "class=\"sub\">");
    if (!m_o.project.empty())
    {
        raw("Project <b>");
        text(m_o.project);
        raw("</b> \u00b7 ");
    }
    text(m_f.software + " " + m_f.version);
    if (!m_o.generated.empty())
    {
        raw(" \u00b7 ");
        text(m_o.generated);
    }
    raw("</p>\n<p class=\"filters\" id=\"filters\"><span><b>Coders:</b> ");
    text(join(m_r.coders));
    raw("</span><span><b>Master:</b> ");
    text(m_r.master.empty() ? "none" : m_r.master);
    raw("</span><span><b>Consensus:</b> ");
    text(m_r.consensus.empty() ? "none" : m_r.consensus);
    raw("</span><span><b>Transcripts:</b> ");
    if (m_o.filters.transcripts.empty())
        text("all current (" + std::to_string(m_r.transcripts.size()) + ")");
    else
    {
        std::vector<std::string> shown(m_o.filters.transcripts.begin(),
                                       m_o.filters.transcripts.begin() +
                                           static_cast<std::ptrdiff_t>(std::min<std::size_t>(
                                               20, m_o.filters.transcripts.size())));
        text(join(shown));
        if (m_o.filters.transcripts.size() > shown.size())
            text(" \u2026 (" + std::to_string(m_o.filters.transcripts.size()) + ")");
    }
    raw("</span><span><b>Scheme:</b> ");
    text(m_o.filters.scheme.empty() ? "all (" + join(m_f.schemes) + ")" : m_o.filters.scheme);
    raw("</span><span><b>Section:</b> ");
    text(m_r.section.empty() ? "whole transcripts" : m_r.section);
    raw("</span></p>\n</header>\n");
}

void Writer::summary()
{
    raw("<section id=\"summary\">\n<h2>Summary</h2>\n<div class=\"block\"><table "
        "class=\"facts\"><tbody>\n<tr><th>Transcripts in the project</th>");
    ref_cell("f-total", std::to_string(m_f.transcripts_total));
    raw("</tr>\n<tr><th>Transcripts analysed</th>");
    ref_cell("f-analysed", std::to_string(m_f.transcripts_analysed));
    raw("</tr>\n<tr><th>Double-coded (\u2265 2 coders)</th>");
    ref_cell("f-double", std::to_string(m_f.double_coded));
    raw("</tr>\n<tr><th>Coded by one coder only</th>");
    ref_cell("f-single", std::to_string(m_f.single_coded));
    raw("</tr>\n<tr><th>Coders pooled</th>");
    ref_cell("f-coders", std::to_string(m_r.coders.size()));
    raw("</tr>\n<tr><th>Consensus decisions</th>");
    ref_cell("f-decided", std::to_string(m_f.consensus.decided));
    raw("</tr>\n</tbody></table></div>\n");

    raw("<div class=\"block\"><table class=\"coders\"><thead><tr><th>Coder</th><th>Role</th>"
        "<th class=\"n\">Transcripts coded</th><th>Coded blind</th></tr></thead><tbody>\n");
    for (const auto& c : m_f.coders)
    {
        raw("<tr><td>");
        text(c.name);
        raw("</td><td>");
        text(c.role);
        raw("</td><td class=\"n\">");
        raw(std::to_string(c.transcripts_coded));
        raw("</td><td>");
        raw(c.role != "coder"   ? "\u2014"
            : c.through_package ? "yes: own package, merged"
                                : "not recorded");
        raw("</td></tr>\n");
    }
    raw("</tbody></table></div>\n");

    // Certification lines: each pooled coder against the master and the consensus.
    std::string lines;
    auto line = [&](const ClassificationAgreement& c, const PairAgreement& p, const char* role)
    {
        lines += "<li>";
        escape_into(lines, p.coder_a);
        lines += " agrees with the ";
        lines += role;
        lines += " (";
        escape_into(lines, p.coder_b);
        lines += ") on " + std::to_string(p.agree) + " of " + std::to_string(p.n) + " ";
        escape_into(lines, way(c));
        lines += " classifications";
        if (p.n > 0)
            lines += ", " + share(static_cast<double>(p.agree) / p.n);
        lines += "</li>\n";
    };
    for (const std::string& coder : m_r.coders)
        for (const auto& c : m_r.classifications)
        {
            for (const auto& p : c.vs_master)
                if (p.coder_a == coder)
                    line(c, p, "master");
            for (const auto& p : c.vs_consensus)
                if (p.coder_a == coder)
                    line(c, p, "consensus");
        }
    if (!lines.empty())
    {
        raw("<h3>Certification</h3>\n<ul class=\"cert\" id=\"certification\">\n");
        raw(lines);
        raw("</ul>\n");
    }
    if (m_f.consensus.decided > 0)
    {
        raw("<h3>Consensus decisions</h3>\n<div class=\"block\"><table "
            "class=\"consensus\"><thead><tr><th>Of</th><th>What</th><th "
            "class=\"n\">Decisions</th></tr></thead><tbody>\n");
        auto rows =
            [&](const char* of, const char* key, const std::vector<analysis::NameCount>& items)
        {
            for (std::size_t i = 0; i < items.size(); ++i)
            {
                raw("<tr><td>");
                raw(of);
                raw("</td><td>");
                text(items[i].name.empty() ? "(unnamed)" : items[i].name);
                raw("</td>");
                ref_cell(std::string(key) + "-" + std::to_string(i),
                         std::to_string(items[i].count));
                raw("</tr>\n");
            }
        };
        rows("kind", "k", m_f.consensus.by_kind);
        rows("decision", "d", m_f.consensus.by_decision);
        rows("reason", "r", m_f.consensus.reasons);
        rows("decided by", "b", m_f.consensus.decided_by);
        raw("</tbody></table></div>\n");
    }
    raw("</section>\n");
}

void Writer::classifications()
{
    if (m_r.classifications.empty())
        return;
    raw("<section id=\"classifications\">\n<h2>Classification agreement</h2>\n");
    for (std::size_t i = 0; i < m_r.classifications.size(); ++i)
    {
        const auto& c = m_r.classifications[i];
        const std::string key = "c" + std::to_string(i);
        raw("<div class=\"collapsing\" id=\"");
        raw(key);
        raw("\">\n<h3>");
        text(c.name);
        raw(" <span class=\"note\">(");
        text(c.scheme_id + " \u00b7 " + c.classification + " \u00b7 " + c.collapsing);
        raw(")</span></h3>\n<div class=\"block\"><table class=\"overall\"><thead><tr><th "
            "class=\"n\">Transcripts</th><th class=\"n\">Percent agreement [95% CI]</th><th "
            "class=\"n\">");
        raw(kappa_name(c.kappa));
        raw(" [95% CI]</th></tr></thead><tbody><tr>");
        ref_cell(key + "-n", std::to_string(c.n_transcripts));
        ref_cell(key + "-pct", estimate_text(collapsing_share(c), true));
        ref_cell(key + "-kappa", estimate_text(c.kappa));
        raw("</tr></tbody></table></div>\n");

        raw("<div class=\"block\"><table class=\"pairs\"><thead><tr><th>Coders</th><th "
            "class=\"n\">n</th><th class=\"n\">Agree</th><th class=\"n\">Percent [95% "
            "CI]</th><th class=\"n\">Cohen\u2019s \u03ba [95% CI]</th></tr></thead><tbody>\n");
        auto row = [&](const PairAgreement& p, const char* versus, const std::string& k)
        {
            raw("<tr><td>");
            text(p.coder_a);
            raw(" \u2013 ");
            text(p.coder_b);
            raw(versus);
            raw("</td><td class=\"n\">");
            raw(std::to_string(p.n));
            raw("</td><td class=\"n\">");
            raw(std::to_string(p.agree));
            raw("</td>");
            ref_cell(k + "-pct", estimate_text(pair_share(p), true));
            ref_cell(k + "-kappa", estimate_text(p.kappa));
            raw("</tr>\n");
        };
        for (std::size_t j = 0; j < c.pairs.size(); ++j)
            row(c.pairs[j], "", key + "-p" + std::to_string(j));
        for (std::size_t j = 0; j < c.vs_master.size(); ++j)
            row(c.vs_master[j], " (master)", key + "-m" + std::to_string(j));
        for (std::size_t j = 0; j < c.vs_consensus.size(); ++j)
            row(c.vs_consensus[j], " (consensus)", key + "-s" + std::to_string(j));
        raw("</tbody></table></div>\n<div class=\"maps\">\n");
        // Maps for the coder pairs and the master; the consensus holds the decided transcripts
        // only, so its rows in the table above say enough.
        for (const auto& p : c.pairs)
            heat_map(c, p, "");
        for (const auto& p : c.vs_master)
            heat_map(c, p, ", master");
        raw("</div>\n</div>\n");
    }
    raw("</section>\n");
}

void Writer::heat_map(const ClassificationAgreement& c, const PairAgreement& p, const char* versus)
{
    int most = 1;
    for (const auto& r : p.confusion)
        for (const int v : r)
            most = std::max(most, v);
    raw("<figure class=\"block\"><figcaption>");
    text(p.coder_a);
    raw(" (rows) \u00d7 ");
    text(p.coder_b);
    raw(versus);
    raw(" (columns)</figcaption>\n<table class=\"heat\"><thead><tr><th></th>");
    for (const auto& l : c.labels)
    {
        raw("<th>");
        text(l);
        raw("</th>");
    }
    raw("</tr></thead><tbody>\n");
    std::string footnote;
    for (std::size_t a = 0; a < c.labels.size() && a < p.confusion.size(); ++a)
    {
        raw("<tr><th>");
        text(c.labels[a]);
        raw("</th>");
        for (std::size_t b = 0; b < c.labels.size() && b < p.confusion[a].size(); ++b)
        {
            const int v = p.confusion[a][b];
            // Lightness carries the count, so the map reads in grey; the number is in the cell.
            const double t = static_cast<double>(v) / most;
            const int light = static_cast<int>(std::lround(97.0 - 60.0 * t));
            raw("<td");
            if (a == b)
                raw(v ? " class=\"diag\"" : " class=\"diag zero\"");
            else if (v == 0)
                raw(" class=\"zero\"");
            raw(" style=\"background:hsl(215,40%,");
            raw(std::to_string(light));
            raw(light < 60 ? "%);color:#fff\"" : "%)\"");
            static const std::vector<store::TranscriptId> kNone;
            const auto& ids = a < p.cells.size() && b < p.cells[a].size() ? p.cells[a][b] : kNone;
            if (!ids.empty())
            {
                // A tooltip names the first transcripts; the full list is the link (screen)
                // or, for a disagreeing cell, the footnote (file).
                raw(" title=\"");
                for (std::size_t k = 0; k < ids.size() && k < 30; ++k)
                {
                    if (k)
                        raw(", ");
                    text(name_of(ids[k]));
                }
                if (ids.size() > 30)
                    raw(" \u2026");
                raw("\"");
            }
            raw(">");
            if (m_o.links && !ids.empty())
            {
                raw("<a href=\"attune://transcripts?ids=");
                for (std::size_t k = 0; k < ids.size(); ++k)
                {
                    if (k)
                        raw(",");
                    raw(std::to_string(ids[k].value()));
                }
                raw("\">");
                raw(std::to_string(v));
                raw("</a>");
            }
            else
                raw(std::to_string(v));
            raw("</td>");
            if (!m_o.links && a != b && !ids.empty())
            {
                footnote += footnote.empty() ? "" : "; ";
                escape_into(footnote, c.labels[a] + " \u2192 " + c.labels[b] + ": ");
                for (std::size_t k = 0; k < ids.size(); ++k)
                {
                    if (k)
                        footnote += ", ";
                    escape_into(footnote, name_of(ids[k]));
                }
            }
        }
        raw("</tr>\n");
    }
    raw("</tbody></table>\n");
    if (!footnote.empty())
    {
        raw("<div class=\"cells\">Differ: ");
        raw(footnote);
        raw("</div>\n");
    }
    raw("</figure>\n");
}

void Writer::scales()
{
    if (m_r.scales.empty())
        return;
    raw("<section id=\"scales\">\n<h2>Scale agreement</h2>\n<table class=\"scales\"><thead><tr>"
        "<th>Scale</th><th>Target</th><th class=\"n\">n</th><th class=\"n\">Not scorable</th>"
        "<th class=\"n\">ICC(2,1) [95% CI]</th><th class=\"n\">Within 1 point</th><th "
        "class=\"n\">\u03b1 interval</th></tr></thead><tbody>\n");
    for (std::size_t i = 0; i < m_r.scales.size(); ++i)
    {
        const ScaleAgreement& s = m_r.scales[i];
        const std::string key = "s" + std::to_string(i);
        raw("<tr><td>");
        text(s.scale);
        raw("</td><td>");
        text(s.target.empty() ? "\u2014" : s.target);
        raw("</td><td class=\"n\">");
        raw(std::to_string(s.n_transcripts));
        raw("</td><td class=\"n\">");
        raw(std::to_string(s.not_scorable));
        raw("</td>");
        ref_cell(key + "-icc", estimate_text(s.icc));
        ref_cell(key + "-w1", estimate_text(s.within1, true));
        ref_cell(key + "-alpha", estimate_text(s.alpha));
        raw("</tr>\n");
    }
    raw("</tbody></table>\n");
    forest_plot();
    raw("</section>\n");
}

// x position of value v on an axis [lo, 1] drawn from x0 to x1.
double axis_x(double v, double lo, double x0, double x1)
{
    return x0 + (v - lo) / (1.0 - lo) * (x1 - x0);
}

std::string px(double v)
{
    return fixed(v, 1);
}

void Writer::forest_plot()
{
    // The axis reaches the lowest ICC and CI, but not below -0.5 for a CI alone: an interval of
    // a few transcripts can reach -600 and would squeeze every other row into a corner; such an
    // interval is cut at the axis and marked with an arrow.
    double lowest_value = 0.0, lowest = 0.0;
    for (const auto& s : m_r.scales)
        if (s.icc.value)
        {
            lowest_value = std::min(lowest_value, *s.icc.value);
            lowest = std::min({lowest, *s.icc.value, s.icc.ci_low.value_or(0.0)});
        }
    double lo = std::max(lowest, std::min(-0.5, lowest_value));
    lo = std::max(-1.0, std::floor(lo * 5.0) / 5.0);
    const double x0 = 230, x1 = 560, top = 34, row = 22;
    const double height = top + row * static_cast<double>(m_r.scales.size()) + 40;
    raw("<figure class=\"block\" id=\"forest\"><figcaption>ICC(2,1) with 95% CI per scale "
        "(squares and bars; an arrow: the interval goes on beyond the axis); dashed lines at 0.5, "
        "0.75 and 0.9, the bounds of poor, moderate, "
        "good and excellent reliability (Koo &amp; Li 2016)</figcaption>\n<svg role=\"img\" "
        "aria-label=\"Forest plot of ICC\" "
        "width=\"760\" height=\"");
    raw(px(height));
    raw("\" viewBox=\"0 0 760 ");
    raw(px(height));
    raw("\">\n");
    const double bottom = top + row * static_cast<double>(m_r.scales.size());
    for (double t = lo; t <= 1.0001; t += 0.2)
    {
        const double x = axis_x(t, lo, x0, x1);
        raw("<line x1=\"" + px(x) + "\" y1=\"" + px(top - 6) + "\" x2=\"" + px(x) + "\" y2=\"" +
            px(bottom) + "\" stroke=\"#ddd\"/>\n");
        raw("<text x=\"" + px(x) + "\" y=\"" + px(bottom + 16) + "\" text-anchor=\"middle\">" +
            fixed(t, 1) + "</text>\n");
    }
    for (const double t : {0.5, 0.75, 0.9})
    {
        const double x = axis_x(t, lo, x0, x1);
        raw("<line x1=\"" + px(x) + "\" y1=\"" + px(top - 10) + "\" x2=\"" + px(x) + "\" y2=\"" +
            px(bottom) + "\" stroke=\"#555\" stroke-dasharray=\"4 3\"/>\n");
        raw("<text x=\"" + px(x) + "\" y=\"" + px(top - 14) + "\" text-anchor=\"middle\">" +
            report_coefficient(t) + "</text>\n");
    }
    raw("<line x1=\"" + px(x0) + "\" y1=\"" + px(bottom) + "\" x2=\"" + px(x1) + "\" y2=\"" +
        px(bottom) + "\" stroke=\"#000\"/>\n");
    raw("<text x=\"" + px((x0 + x1) / 2) + "\" y=\"" + px(bottom + 32) +
        "\" text-anchor=\"middle\">ICC(2,1)</text>\n");
    for (std::size_t i = 0; i < m_r.scales.size(); ++i)
    {
        const ScaleAgreement& s = m_r.scales[i];
        const double y = top + row * static_cast<double>(i) + row / 2;
        raw("<text x=\"" + px(x0 - 10) + "\" y=\"" + px(y + 4) + "\" text-anchor=\"end\">");
        text(s.target.empty() ? s.scale : s.scale + " (" + s.target + ")");
        raw("</text>\n");
        raw("<text x=\"" + px(x1 + 12) + "\" y=\"" + px(y + 4) + "\">");
        text(estimate_text(s.icc));
        raw("</text>\n");
        if (!s.icc.value)
            continue;
        if (s.icc.ci_low && s.icc.ci_high)
        {
            const double left = axis_x(std::max(lo, *s.icc.ci_low), lo, x0, x1);
            raw("<line x1=\"" + px(left) + "\" y1=\"" + px(y) + "\" x2=\"" +
                px(axis_x(std::min(1.0, *s.icc.ci_high), lo, x0, x1)) + "\" y2=\"" + px(y) +
                "\" stroke=\"#000\" stroke-width=\"1.6\"/>\n");
            if (*s.icc.ci_low < lo)
                raw("<path d=\"M" + px(left - 6) + " " + px(y) + " l7 -4 v8 z\" fill=\"#000\"/>\n");
        }
        const double x = axis_x(*s.icc.value, lo, x0, x1);
        raw("<rect x=\"" + px(x - 4.5) + "\" y=\"" + px(y - 4.5) +
            "\" width=\"9\" height=\"9\" fill=\"#000\"/>\n");
    }
    raw("</svg></figure>\n");
}

void Writer::bar_chart(const std::vector<const PassageAgreement*>& codes)
{
    double lo = 0.0;
    for (const auto* p : codes)
        if (p->alpha_u.value)
            lo = std::min(lo, *p->alpha_u.value);
    lo = std::max(-1.0, std::floor(lo * 5.0) / 5.0);
    const double x0 = 230, x1 = 560, top = 12, row = 22;
    const double bottom = top + row * static_cast<double>(codes.size());
    raw("<figure class=\"block\"><figcaption>\u03b1u per code, all transcripts end to end "
        "</figcaption>\n<svg role=\"img\" "
        "aria-label=\"Bar chart of alpha-u per code\" width=\"760\" height=\"");
    raw(px(bottom + 40));
    raw("\" viewBox=\"0 0 760 " + px(bottom + 40) + "\">\n");
    for (double t = lo; t <= 1.0001; t += 0.2)
    {
        const double x = axis_x(t, lo, x0, x1);
        raw("<line x1=\"" + px(x) + "\" y1=\"" + px(top) + "\" x2=\"" + px(x) + "\" y2=\"" +
            px(bottom) + "\" stroke=\"#ddd\"/>\n<text x=\"" + px(x) + "\" y=\"" + px(bottom + 16) +
            "\" text-anchor=\"middle\">" + fixed(t, 1) + "</text>\n");
    }
    const double zero = axis_x(0.0, lo, x0, x1);
    for (std::size_t i = 0; i < codes.size(); ++i)
    {
        const PassageAgreement& p = *codes[i];
        const double y = top + row * static_cast<double>(i);
        raw("<text x=\"" + px(x0 - 10) + "\" y=\"" + px(y + 15) + "\" text-anchor=\"end\">");
        text(p.code);
        raw("</text>\n<text x=\"" + px(x1 + 12) + "\" y=\"" + px(y + 15) + "\">");
        text(estimate_text(p.alpha_u));
        raw("</text>\n");
        if (!p.alpha_u.value)
            continue;
        const double x = axis_x(*p.alpha_u.value, lo, x0, x1);
        raw("<rect x=\"" + px(std::min(x, zero)) + "\" y=\"" + px(y + 4) + "\" width=\"" +
            px(std::max(1.0, std::abs(x - zero))) +
            "\" height=\"14\" fill=\"#4d4d4d\" stroke=\"#000\" stroke-width=\"0.5\"/>\n");
    }
    raw("<line x1=\"" + px(zero) + "\" y1=\"" + px(top) + "\" x2=\"" + px(zero) + "\" y2=\"" +
        px(bottom) + "\" stroke=\"#000\"/>\n<line x1=\"" + px(x0) + "\" y1=\"" + px(bottom) +
        "\" x2=\"" + px(x1) + "\" y2=\"" + px(bottom) + "\" stroke=\"#000\"/>\n<text x=\"" +
        px((x0 + x1) / 2) + "\" y=\"" + px(bottom + 32) +
        "\" text-anchor=\"middle\">\u03b1u</text>\n</svg></figure>\n");
}

void Writer::passages()
{
    if (m_r.passages.empty())
        return;
    raw("<section id=\"passages\">\n<h2>Passage agreement</h2>\n");
    std::vector<std::string> schemes;
    for (const auto& p : m_r.passages)
        if (std::find(schemes.begin(), schemes.end(), p.scheme_id) == schemes.end())
            schemes.push_back(p.scheme_id);
    for (const std::string& scheme : schemes)
    {
        std::vector<const PassageAgreement*> codes, per_transcript;
        const PassageAgreement* all = nullptr;
        for (const auto& p : m_r.passages)
        {
            if (p.scheme_id != scheme)
                continue;
            if (p.transcript)
                per_transcript.push_back(&p);
            else if (p.code.empty())
                all = &p;
            else
                codes.push_back(&p);
        }
        raw("<h3>");
        text(scheme);
        raw("</h3>\n");
        if (all)
        {
            raw("<div class=\"block\"><table class=\"overall\"><thead><tr><th>All codes</th>"
                "<th class=\"n\">\u03b1u</th><th class=\"n\">u\u03b1 (2016)</th><th "
                "class=\"n\">|u\u03b1</th><th class=\"n\">Cu\u03b1</th></tr></thead><tbody><tr>"
                "<td>every transcript coded by all coders</td>");
            ref_cell("u-" + scheme, estimate_text(all->alpha_u));
            raw("<td class=\"n\">" + esc(estimate_text(all->u_alpha_2016)) +
                "</td><td "
                "class=\"n\">" +
                esc(estimate_text(all->binary)) + "</td><td class=\"n\">" +
                esc(estimate_text(all->cu)) + "</td></tr></tbody></table></div>\n");
        }
        if (!codes.empty())
        {
            bar_chart(codes);
            raw("<div class=\"block\"><table class=\"codes\"><thead><tr><th>Code</th><th>Domain"
                "</th><th class=\"n\">\u03b1u</th><th class=\"n\">\u03b1-binary</th><th "
                "class=\"n\">cu\u03b1</th></tr></thead><tbody>\n");
            for (const auto* p : codes)
            {
                raw("<tr><td>");
                text(p->code);
                raw("</td><td>");
                text(p->domain);
                raw("</td><td class=\"n\">");
                text(estimate_text(p->alpha_u));
                raw("</td><td class=\"n\">");
                text(estimate_text(p->binary));
                raw("</td><td class=\"n\">");
                text(estimate_text(p->cu));
                raw("</td></tr>\n");
            }
            raw("</tbody></table></div>\n");
        }
        // On screen a long table shows the transcripts that need a look (a 1,000-row table
        // is most of the time WebKit takes to show the page); a file shows every row, for print.
        if (m_o.links && !m_o.every_transcript && per_transcript.size() > kBriefAbove)
        {
            raw("<p class=\"note brief\">The ");
            raw(std::to_string(kBriefRows));
            raw(" of ");
            raw(std::to_string(per_transcript.size()));
            raw(" transcripts with the lowest \u03b1u. <a href=\"attune://every-transcript\">"
                "Show all ");
            raw(std::to_string(per_transcript.size()));
            raw("</a></p>\n");
            per_transcript = lowest_alpha(std::move(per_transcript), kBriefRows);
        }
        if (!per_transcript.empty())
        {
            raw("<table class=\"long per-transcript\"><thead><tr><th>Transcript</th><th "
                "class=\"n\">\u03b1u</th><th class=\"n\">u\u03b1 (2016)</th><th "
                "class=\"n\">|u\u03b1</th><th class=\"n\">Cu\u03b1</th></tr></thead><tbody>\n");
            for (const auto* p : per_transcript)
            {
                raw("<tr><td>");
                transcript_link(p->transcript, p->transcript_title);
                raw("</td><td class=\"n\">");
                text(estimate_text(p->alpha_u));
                raw("</td><td class=\"n\">");
                text(estimate_text(p->u_alpha_2016));
                raw("</td><td class=\"n\">");
                text(estimate_text(p->binary));
                raw("</td><td class=\"n\">");
                text(estimate_text(p->cu));
                raw("</td></tr>\n");
            }
            raw("</tbody></table>\n");
        }
    }
    raw("</section>\n");
}

void Writer::pairwise()
{
    if (m_r.classifications.empty())
        return;
    std::vector<std::string> people = m_r.coders;
    if (!m_r.master.empty())
        people.push_back(m_r.master);
    if (!m_r.consensus.empty())
        people.push_back(m_r.consensus);
    raw("<section id=\"pairwise\">\n<h2>Pairwise coder matrix</h2>\n<p class=\"note\">Cohen\u2019s "
        "\u03ba and percent agreement of each pair of coders, per collapsing; the master and the "
        "consensus are compared with each pooled coder only.</p>\n<div class=\"maps\">\n");
    for (const auto& c : m_r.classifications)
    {
        std::map<std::pair<std::string, std::string>, const PairAgreement*> cell;
        for (const auto* list : {&c.pairs, &c.vs_master, &c.vs_consensus})
            for (const auto& p : *list)
            {
                cell[{p.coder_a, p.coder_b}] = &p;
                cell[{p.coder_b, p.coder_a}] = &p;
            }
        raw("<figure class=\"block\"><figcaption>");
        text(c.name);
        raw("</figcaption><table class=\"matrix\"><thead><tr><th></th>");
        for (const auto& who : people)
        {
            raw("<th>");
            text(who);
            raw("</th>");
        }
        raw("</tr></thead><tbody>\n");
        for (const auto& a : people)
        {
            raw("<tr><th>");
            text(a);
            raw("</th>");
            for (const auto& b : people)
            {
                const auto it = cell.find({a, b});
                if (a == b || it == cell.end())
                {
                    raw("<td class=\"n\">\u2014</td>");
                    continue;
                }
                const PairAgreement& p = *it->second;
                raw("<td class=\"n\">\u03ba ");
                text(report_coefficient(p.kappa.value));
                raw("<br>");
                raw(p.n ? share(static_cast<double>(p.agree) / p.n) : "n/a");
                raw(" (" + std::to_string(p.agree) + "/" + std::to_string(p.n) + ")</td>");
            }
            raw("</tr>\n");
        }
        raw("</tbody></table></figure>\n");
    }
    raw("</div>\n</section>\n");
}

// The methods paragraph. Every number is cited from the tables' strings (cite), except counts
// of words such as "three-way", so the paragraph and the tables cannot disagree.
void Writer::methods()
{
    std::string p;
    const auto& f = m_f;
    const int pooled = static_cast<int>(m_r.coders.size());
    p += "Of the " + cite("f-total") + " transcripts in the project, " + cite("f-double") +
         " were double-coded, that is coded independently by at least two of the " +
         cite("f-coders") + " coders";
    if (f.transcripts_analysed != f.transcripts_total)
        p += " (the analysis covers a selection of " + cite("f-analysed") + " transcripts)";
    if (!m_r.section.empty())
        p += ", and passages were compared within section " + esc(m_r.section) + " only";
    p += ". ";
    std::vector<std::string> names;
    for (const auto& c : m_r.coders)
        names.push_back(esc(c));
    p += "The coders were " + listing(names) + " (role coder)";
    if (!m_r.master.empty())
        p += "; " + esc(m_r.master) +
             " was the master coder, whose codes each coder was compared with and who was not "
             "pooled with the coders";
    p += ". ";
    if (f.reliability_assigned > 0)
        p += "The reliability subset of " + std::to_string(f.reliability_assigned) +
             " transcripts was assigned to the coders in advance. ";
    std::vector<std::string> blind, unknown;
    for (const auto& c : f.coders)
        if (c.role == "coder")
            (c.through_package ? blind : unknown).push_back(esc(c.name));
    switch (f.blind)
    {
    case analysis::Blindness::All:
        p += "Each coder coded blind to the others\u2019 codes, in a separate package of the "
             "project that held none of the other coders\u2019 records; the packages were merged "
             "afterwards (recorded in the project\u2019s audit log). ";
        break;
    case analysis::Blindness::Some:
        p += listing(blind) +
             " coded blind, each in a separate package of the project holding none of the "
             "other coders\u2019 records; the project does not record whether " +
             listing(unknown) + " could see the other coders\u2019 work. ";
        break;
    case analysis::Blindness::NotShown:
        p += "The project does not record whether the coders were blind to each other\u2019s "
             "codes (no coder\u2019s package was merged into it); state it from the study\u2019s "
             "procedure. ";
        break;
    }
    if (!m_r.classifications.empty())
    {
        p += "Classification agreement is reported as percent agreement (95% CI: Wilson score "
             "interval) and as ";
        p += pooled == 2 ? "Cohen\u2019s \u03ba (95% CI from its large-sample standard error, "
                           "Fleiss, Cohen &amp; Everitt 1969)"
                         : "Fleiss\u2019 \u03ba over all coders (no CI is computed for it; each "
                           "pair\u2019s Cohen\u2019s \u03ba with its 95% CI is in the tables)";
        p += ": ";
        std::vector<std::string> parts;
        for (std::size_t i = 0; i < m_r.classifications.size(); ++i)
        {
            const auto& c = m_r.classifications[i];
            const std::string key = "c" + std::to_string(i);
            // "three-way (F / Ds / E, n = 8)"; a subclass collapsing is named by its name only.
            const std::string named = way(c);
            const bool quoted = named.rfind("\u201c", 0) == 0;
            parts.push_back(esc(named) + " (" + (quoted ? "" : esc(c.name) + ", ") +
                            "n = " + cite(key + "-n") + ") " + cite(key + "-pct") +
                            ", \u03ba = " + cite(key + "-kappa"));
        }
        p += join(parts, "; ") + ". ";
        for (std::size_t i = 0; i < m_r.classifications.size() && !m_r.master.empty(); ++i)
        {
            const auto& c = m_r.classifications[i];
            if (c.labels.size() != 3 || c.vs_master.empty())
                continue;
            std::vector<std::string> vs;
            for (std::size_t j = 0; j < c.vs_master.size(); ++j)
            {
                const std::string key = "c" + std::to_string(i) + "-m" + std::to_string(j);
                vs.push_back(esc(c.vs_master[j].coder_a) + " " + cite(key + "-pct") +
                             " (\u03ba = " + cite(key + "-kappa") + ")");
            }
            p += "Against the master coder on the three-way classification, agreement was " +
                 listing(vs) + ". ";
            break;
        }
    }
    if (!m_r.scales.empty())
    {
        std::size_t lo = m_r.scales.size(), hi = m_r.scales.size();
        for (std::size_t i = 0; i < m_r.scales.size(); ++i)
        {
            const auto& v = m_r.scales[i].icc.value;
            if (!v)
                continue;
            if (lo == m_r.scales.size() || *v < *m_r.scales[lo].icc.value)
                lo = i;
            if (hi == m_r.scales.size() || *v > *m_r.scales[hi].icc.value)
                hi = i;
        }
        p += "Agreement on the scale ratings was computed as ICC(2,1), a two-way random-effects "
             "model for absolute agreement of a single rater (Koo &amp; Li 2016; Shrout &amp; "
             "Fleiss 1979), with 95% CIs from the F distribution (McGraw &amp; Wong 1996), on the "
             "transcripts every coder scored; ratings marked not scorable were left out";
        auto scale_name = [&](std::size_t i)
        {
            const auto& s = m_r.scales[i];
            return esc(s.target.empty() ? s.scale : s.scale + " (" + s.target + ")");
        };
        if (lo == m_r.scales.size())
            p += ". No ICC could be computed for the " + std::to_string(m_r.scales.size()) +
                 " scale(s) (see the table). ";
        else if (lo == hi)
            p += ". ICC was " + cite("s" + std::to_string(lo) + "-icc") + " for " + scale_name(lo) +
                 "; the share of rating pairs within one scale point was " +
                 cite("s" + std::to_string(lo) + "-w1") + " and Krippendorff\u2019s \u03b1 " +
                 "(interval) " + cite("s" + std::to_string(lo) + "-alpha") + ". ";
        else
            p += ". Across the " + std::to_string(m_r.scales.size()) +
                 " scale ratings ICC ranged from " + cite("s" + std::to_string(lo) + "-icc") +
                 " (" + scale_name(lo) + ") to " + cite("s" + std::to_string(hi) + "-icc") + " (" +
                 scale_name(hi) +
                 "); the share of rating pairs within one scale point and Krippendorff\u2019s "
                 "\u03b1 (interval) of each scale are in the table. ";
    }
    std::vector<std::string> unitizing;
    for (const auto& pa : m_r.passages)
        if (!pa.transcript && pa.code.empty())
            unitizing.push_back(esc(pa.scheme_id) + " \u03b1u = " + cite("u-" + pa.scheme_id));
    if (!unitizing.empty())
        p += "Agreement on coded passages (where they begin and end, and their codes) was "
             "measured with Krippendorff\u2019s unitizing \u03b1u over the transcripts coded by "
             "every coder, placed end to end: " +
             join(unitizing, "; ") + ". ";
    if (f.consensus.decided > 0)
    {
        auto counted =
            [&](const char* key, const std::vector<analysis::NameCount>& items, std::size_t most)
        {
            std::vector<std::string> out;
            for (std::size_t i = 0; i < items.size() && i < most; ++i)
                out.push_back(esc(items[i].name.empty() ? "(unnamed)" : items[i].name) + " " +
                              cite(std::string(key) + "-" + std::to_string(i)));
            return join(out);
        };
        p += "Disagreements were resolved by consensus and each decision was recorded with its "
             "reason: " +
             cite("f-decided") + " decisions (" + counted("k", f.consensus.by_kind, 3) + "; " +
             counted("d", f.consensus.by_decision, 5) + ")";
        if (!f.consensus.decided_by.empty())
            p += ", taken by " + counted("b", f.consensus.decided_by, 3);
        if (!f.consensus.reasons.empty())
            p += "; the most frequent reasons were " + counted("r", f.consensus.reasons, 3);
        p += ". ";
    }
    else
        p += "The project records no consensus decisions. ";
    p += "All statistics were computed with " + esc(f.software) + " " + esc(f.version) + ".";

    raw("<section id=\"methods\">\n<h2>Methods paragraph</h2>\n<p class=\"methods\" "
        "id=\"methods-text\">");
    raw(p);
    raw("</p>\n<p class=\"note\">Ready to adapt for a manuscript (GRRAS, Kottner et al. 2011). "
        "Every number in bold is the one in the tables below.</p>\n</section>\n");
}

std::string Writer::run()
{
    head();
    summary();
    // The tables are written first into a side string so that the paragraph, which comes
    // before them in the document, can cite their numbers.
    std::string top = std::move(m_out);
    m_out.clear();
    m_out.reserve(top.capacity());
    classifications();
    scales();
    passages();
    pairwise();
    std::string tables = std::move(m_out);
    m_out = std::move(top);
    methods();
    m_out += tables;
    raw("<footer class=\"note\"><p>Made by ");
    text(m_f.software + " " + m_f.version);
    raw(". Definitions of every statistic: docs/agreement.md.</p></footer>\n</main>\n</body>\n"
        "</html>\n");
    return std::move(m_out);
}

} // namespace

std::string report_coefficient(const std::optional<double>& value)
{
    return value ? fixed(*value, 2) : "n/a";
}

std::string reliability_html(const AgreementReport& report, const analysis::StudyFacts& facts,
                             const ReliabilityHtmlOptions& options)
{
    return Writer(report, facts, options).run();
}

namespace
{

// Bumped whenever the page of the same records and options would read differently (the
// analysis, the facts or the HTML changed), so that no file keeps showing an older page.
constexpr int kPageFormat = 3;

void key_part(std::string& key, std::string_view part)
{
    key += std::to_string(part.size());
    key += ':';
    key += part;
}

} // namespace

std::string reliability_page_key(const analysis::AgreementOptions& filters,
                                 const ReliabilityHtmlOptions& html)
{
    // Every input of the page but the records (whose revision is kept beside it), each
    // length-prefixed so that no two selections give the same text.
    std::string all;
    key_part(all, kVersion);
    key_part(all, std::to_string(kPageFormat));
    key_part(all, filters.master);
    key_part(all, filters.scheme);
    key_part(all, filters.section);
    key_part(all, filters.passages ? "passages" : "no passages");
    for (const auto* list : {&filters.coders, &filters.transcripts})
    {
        key_part(all, std::to_string(list->size()));
        for (const std::string& name : *list)
            key_part(all, name);
    }
    key_part(all, html.links ? "links" : "file");
    // A file has every row whatever every_transcript says: one page, one key.
    key_part(all, html.links && !html.every_transcript ? "brief" : "every transcript");
    key_part(all, html.project);
    key_part(all, html.generated);
    return "reliability-page/" + text::sha256_hex(all);
}

namespace
{

/// A page with a time on it, from the same page without one: the header's first line ends with
/// the time (Writer's header). Project text there is escaped, so the first end of that line is
/// the one. nullopt if the page is not one of ours.
std::optional<std::string> with_time(std::string page, const std::string& generated)
{
    static constexpr std::string_view kLineEnd = "</p>\n<p class=\"filters\" id=\"filters\">";
    const auto at = page.find(kLineEnd);
    if (at == std::string::npos)
        return std::nullopt;
    std::string item = " \u00b7 ";
    escape_into(item, generated);
    page.insert(at, item);
    return page;
}

} // namespace

std::optional<std::string> kept_reliability_page(project::Session& session,
                                                 const analysis::AgreementOptions& filters,
                                                 const ReliabilityHtmlOptions& html)
{
    // A page with a time on it says when it was made: it is never kept, but made from the
    // kept page without one (the same but for the time).
    ReliabilityHtmlOptions timeless = html;
    timeless.generated.clear();
    try
    {
        auto page = session.current_derived(reliability_page_key(filters, timeless));
        if (!page || html.generated.empty())
            return page;
        return with_time(std::move(*page), html.generated);
    }
    catch (const store::StoreError&)
    {
        return std::nullopt;
    }
}

Result<MadePages> make_reliability_pages(project::Session& session,
                                         const analysis::AgreementOptions& filters,
                                         ReliabilityHtmlOptions html)
{
    MadePages made;
    // The revision is read before the records: a change while the page is made leaves the
    // kept page outdated, never wrong. A page with a time on it is never kept (its variants
    // without one are).
    try
    {
        made.revision = session.revision();
    }
    catch (const store::StoreError&)
    {
        made.revision = -1; // made below all the same, and not kept
    }
    analysis::AgreementOptions options = filters;
    options.places = false;
    auto report = analysis::analyze_agreement(session, options);
    if (!report)
        return report.error();
    auto facts = analysis::study_facts(session, *report, options);
    if (!facts)
        return facts.error();
    html.filters = filters;
    made.page = reliability_html(*report, *facts, html);
    // Every variant without a time from the same analysis, a few milliseconds each: the file
    // (`attune-cli report`) and the screen's two (brief, every transcript). Whichever of them is
    // asked for next, by the dashboard or the CLI, computes nothing.
    for (const auto& [links, every] : {std::pair{false, true}, {true, false}, {true, true}})
    {
        ReliabilityHtmlOptions variant = html;
        variant.links = links;
        variant.every_transcript = every;
        variant.generated.clear();
        const bool same = html.generated.empty() && html.links == links &&
                          (!links || html.every_transcript == every);
        made.variants.emplace_back(reliability_page_key(filters, variant),
                                   same ? made.page : reliability_html(*report, *facts, variant));
    }
    return made;
}

void keep_reliability_pages(project::Session& session, const MadePages& made)
{
    // A read-only project keeps nothing; the page is still right.
    if (made.revision < 0 || session.read_only())
        return;
    (void)session.keep_derived(made.variants, made.revision);
}

Result<std::string> reliability_page(project::Session& session,
                                     const analysis::AgreementOptions& filters,
                                     ReliabilityHtmlOptions html, bool* kept)
{
    if (auto page = kept_reliability_page(session, filters, html))
    {
        if (kept)
            *kept = true;
        return std::move(*page);
    }
    if (kept)
        *kept = false;
    auto made = make_reliability_pages(session, filters, html);
    if (!made)
        return made.error();
    keep_reliability_pages(session, *made);
    return std::move(made->page);
}

std::string report_timestamp()
{
    const std::time_t t = std::time(nullptr);
    std::tm tm{};
    localtime_r(&t, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%d %H:%M", &tm);
    return buf;
}

} // namespace attune::io
