// SPDX-License-Identifier: GPL-3.0-or-later
// The reliability report's HTML (io/reliability_report.h) on the analysis tests' demo project:
// the methods paragraph cites exactly the tables' numbers, project text is escaped, nothing
// loads from outside, links only on screen, and a 1,000-transcript report stays fast.
#include "core/analysis/disagreements.h"
#include "core/analysis/study_facts.h"
#include "core/io/reliability_report.h"
#include "core/store/database.h"

#include "../analysis/demo_project.h"

#include <map>
#include <regex>

using namespace attune;
using namespace attune::testing;

namespace
{

const char* const kHostile = "<b>&\"x\"'";

struct Rendered
{
    AgreementReport report;
    analysis::StudyFacts facts;
    std::string html;
};

Rendered render(Session& s, bool links)
{
    Rendered r;
    AgreementOptions options;
    options.master = "m"; // the demo's master by name (its role is "coder")
    r.report = ok(analysis::analyze_agreement(s, options));
    r.facts = ok(analysis::study_facts(s, r.report, options));
    io::ReliabilityHtmlOptions o;
    o.links = links;
    o.project = std::string("study ") + kHostile + ".attune";
    r.html = io::reliability_html(r.report, r.facts, o);
    return r;
}

// The demo project plus a transcript whose participant id is hostile HTML, coded differently by
// a and b (so it is named in a confusion cell and has a row in the per-transcript table), and
// one consensus decision.
struct ReportProject : DemoProject
{
    TranscriptId hostile;
    ReportProject()
    {
        Transcript meta;
        meta.title = kHostile;
        meta.participant = kHostile;
        hostile = ok(session->apply(AddTranscript{meta, kText, false, true})).transcript;
        const std::string sid = "aai-state-of-mind";
        ok(session->apply(Classify{hostile, a, sid, "Ds", {}, {}, {}, ""}));
        ok(session->apply(Classify{hostile, b, sid, "E", {}, {}, {}, ""}));
        ok(session->apply(Annotate{hostile, a, sid, "lack-of-recall", 38, 67, ""}));
        ok(session->apply(Annotate{hostile, b, sid, "lack-of-recall", 40, 67, ""}));
        analysis::DisagreementOptions o;
        o.coders = {"a", "b"};
        for (const auto& d : ok(analysis::list_disagreements(*session, o)).items)
            if (d.kind == analysis::DisagreementKind::Rating)
            {
                ok(session->apply(ok(analysis::make_decision(d, analysis::Take::A, {}, "x<y"))));
                break;
            }
    }
};

// data-ref → text of every table cell and of every number the paragraph cites.
std::map<std::string, std::string> refs(const std::string& html, const std::string& tag)
{
    std::map<std::string, std::string> out;
    const std::regex re("<" + tag + "[^>]* data-ref=\"([^\"]+)\">([^<]*)</" + tag + ">");
    for (auto it = std::sregex_iterator(html.begin(), html.end(), re); it != std::sregex_iterator();
         ++it)
        out[(*it)[1]] = (*it)[2];
    return out;
}

std::string between(const std::string& html, const std::string& from, const std::string& to)
{
    const auto b = html.find(from);
    REQUIRE(b != std::string::npos);
    const auto e = html.find(to, b);
    REQUIRE(e != std::string::npos);
    return html.substr(b, e - b);
}

} // namespace

TEST_CASE("reliability report: every number of the methods paragraph is the table's",
          "[io][report]")
{
    ReportProject p;
    const Rendered r = render(*p.session, false);
    const std::string paragraph = between(r.html, "<p class=\"methods\"", "</p>");
    const auto cited = refs(paragraph, "span");
    const auto cells = refs(r.html, "td");
    REQUIRE(cited.size() >= 10);
    for (const auto& [key, value] : cited)
    {
        INFO("data-ref " << key);
        REQUIRE(cells.count(key) == 1);
        CHECK(cells.at(key) == value);
    }
    // The facts and the statistics themselves, as the analysis computed them.
    CHECK(cited.at("f-total") == "5");
    CHECK(cited.at("f-double") == "5");
    CHECK(cited.at("f-coders") == "2");
    CHECK(cited.at("f-decided") == "1");
    std::size_t three = 0;
    while (r.report.classifications[three].collapsing != "aai-3way")
        ++three;
    const auto& c = r.report.classifications[three];
    const std::string key = "c" + std::to_string(three);
    const std::string kappa = io::report_coefficient(c.kappa.value) + " [" +
                              io::report_coefficient(c.kappa.ci_low) + ", " +
                              io::report_coefficient(c.kappa.ci_high) + "]";
    CHECK(cited.at(key + "-kappa") == kappa);
    CHECK(cited.at(key + "-n") == std::to_string(c.n_transcripts));
    // 3 of 5 alike (T1, T2, T4): 60.0% with its Wilson interval.
    CHECK(cited.at(key + "-pct").rfind("60.0% [", 0) == 0);
    // GRRAS items: the ICC form in words, who coded, blindness not claimed, the software.
    CHECK(paragraph.find("two-way random-effects model for absolute agreement of a single "
                         "rater") != std::string::npos);
    CHECK(paragraph.find("m was the master coder") != std::string::npos);
    CHECK(paragraph.find("does not record whether the coders were blind") != std::string::npos);
    CHECK(paragraph.find("Attune " + r.facts.version) != std::string::npos);
    CHECK(paragraph.find("x&lt;y") != std::string::npos); // the reason, escaped
    // Certification lines: each coder against the master.
    CHECK(r.html.find("<li>a agrees with the master (m) on ") != std::string::npos);
}

TEST_CASE("reliability report: project text is escaped everywhere", "[io][report]")
{
    ReportProject p;
    for (const bool links : {false, true})
    {
        const std::string html = render(*p.session, links).html;
        CHECK(html.find(kHostile) == std::string::npos);
        CHECK(html.find("&lt;b&gt;&amp;&quot;x&quot;&#39;") != std::string::npos);
        CHECK(html.find("<b>&") == std::string::npos);
    }
}

TEST_CASE("reliability report: self-contained, nothing loads from outside", "[io][report]")
{
    ReportProject p;
    for (const bool links : {false, true})
    {
        const std::string html = render(*p.session, links).html;
        CHECK(html.rfind("<!DOCTYPE html>", 0) == 0);
        CHECK(html.find("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src "
                        "'none'; style-src 'unsafe-inline'; img-src data:\">") !=
              std::string::npos);
        CHECK(html.find("http:") == std::string::npos);
        CHECK(html.find("https:") == std::string::npos);
        CHECK(html.find("<script") == std::string::npos);
        CHECK(html.find("url(") == std::string::npos);
        CHECK(html.find("@import") == std::string::npos);
        CHECK(html.find(" src=") == std::string::npos);
        // Every link points into the app.
        const std::regex href(" href=\"([^\"]*)\"");
        int n = 0;
        for (auto it = std::sregex_iterator(html.begin(), html.end(), href);
             it != std::sregex_iterator(); ++it, ++n)
            CHECK((*it)[1].str().rfind("attune://", 0) == 0);
        CHECK((n > 0) == links);
        for (const char* id :
             {"summary", "methods", "classifications", "scales", "forest", "passages", "pairwise"})
            CHECK(html.find(std::string("id=\"") + id + "\"") != std::string::npos);
    }
}

TEST_CASE("reliability report: confusion cells link on screen and are listed in a file",
          "[io][report]")
{
    ReportProject p;
    const std::string screen = render(*p.session, true).html;
    // 3-way a vs b: T3 is E/F, the hostile transcript Ds/E.
    CHECK(screen.find("<a href=\"attune://transcripts?ids=" + std::to_string(p.t[2].value()) +
                      "\">1</a>") != std::string::npos);
    CHECK(screen.find("<a href=\"attune://transcript/" + std::to_string(p.hostile.value()) +
                      "\">") != std::string::npos);
    const std::string file = render(*p.session, false).html;
    CHECK(file.find("attune://") == std::string::npos);
    CHECK(file.find("E \u2192 F: T3") != std::string::npos);
    CHECK(file.find("Ds \u2192 E: &lt;b&gt;") != std::string::npos);
}

TEST_CASE("reliability report: blindness is stated only as far as the project shows it",
          "[io][report]")
{
    ReportProject p;
    Rendered r = render(*p.session, false);
    r.facts.blind = analysis::Blindness::All;
    for (auto& c : r.facts.coders)
        c.through_package = c.role == "coder";
    const std::string all = io::reliability_html(r.report, r.facts, {});
    CHECK(all.find("Each coder coded blind") != std::string::npos);
    r.facts.blind = analysis::Blindness::Some;
    r.facts.coders[1].through_package = false;
    const std::string some = io::reliability_html(r.report, r.facts, {});
    CHECK(some.find("a coded blind") != std::string::npos);
    CHECK(some.find("whether b could see") != std::string::npos);
}

// How long this takes is measured in bench/dashboard-benchmark, not here.
TEST_CASE("reliability report: 1,000 transcripts render, each named", "[io][report]")
{
    AgreementReport big;
    big.coders = {"a", "b", "c"};
    big.master = "m";
    analysis::StudyFacts facts;
    facts.version = "test";
    analysis::ClassificationAgreement c;
    c.scheme_id = "s";
    c.collapsing = "aai-3way";
    c.name = "F / Ds / E";
    c.labels = {"F", "Ds", "E"};
    c.n_transcripts = 1000;
    for (int i = 1; i <= 1000; ++i)
    {
        big.transcripts.push_back(TranscriptId{i});
        facts.transcript_names.push_back("P" + std::to_string(i));
        analysis::PassageAgreement pa;
        pa.scheme_id = "s";
        pa.transcript = TranscriptId{i};
        pa.transcript_title = "P" + std::to_string(i);
        // Every value once (37 and 1,000 are coprime); one transcript in a hundred undefined.
        if (i % 100 != 0)
            pa.alpha_u.value = ((i * 37) % 1000) / 1000.0;
        big.passages.push_back(pa);
    }
    analysis::PairAgreement pair;
    pair.n = 1000;
    pair.confusion.assign(3, std::vector<int>(3, 0));
    pair.cells.assign(3, std::vector<std::vector<TranscriptId>>(3));
    for (int i = 1; i <= 1000; ++i)
    {
        const auto a = static_cast<std::size_t>(i % 3);
        const auto b = static_cast<std::size_t>((i / 3) % 3);
        ++pair.confusion[a][b];
        pair.cells[a][b].push_back(TranscriptId{i});
    }
    for (const char* x : {"a", "b", "c"})
    {
        for (const char* y : {"b", "c", "m"})
        {
            pair.coder_a = x;
            pair.coder_b = y;
            (std::string(y) == "m" ? c.vs_master : c.pairs).push_back(pair);
        }
    }
    for (int k = 0; k < 5; ++k)
        big.classifications.push_back(c);
    // The transcripts of lowest αu, worked out here by brute force.
    std::vector<std::pair<double, int>> by_alpha;
    for (int i = 1; i <= 1000; ++i)
        if (i % 100 != 0)
            by_alpha.emplace_back(((i * 37) % 1000) / 1000.0, i);
    std::sort(by_alpha.begin(), by_alpha.end());
    const auto named = [](const std::string& html, int i)
    { return html.find(">P" + std::to_string(i) + "<"); };

    io::ReliabilityHtmlOptions o;
    for (const bool links : {false, true})
    {
        // A file, and the screen with every transcript asked for: all 1,000 rows.
        o.links = links;
        o.every_transcript = true;
        const std::string html = io::reliability_html(big, facts, o);
        INFO("links " << links);
        for (int i = 1; i <= 1000; ++i)
            CHECK(named(html, i) != std::string::npos);
        CHECK(html.find("attune://every-transcript") == std::string::npos);
    }
    // A file has every row whatever every_transcript says.
    o.links = false;
    o.every_transcript = false;
    CHECK(named(io::reliability_html(big, facts, o), 1000) != std::string::npos);

    // The screen by default: the 10 of lowest αu, lowest first, and a link to all of them.
    o.links = true;
    const std::string brief = io::reliability_html(big, facts, o);
    CHECK(brief.find("The 10 of 1000 transcripts with the lowest \u03b1u. <a "
                     "href=\"attune://every-transcript\">Show all 1000</a>") != std::string::npos);
    std::size_t last = 0;
    for (std::size_t k = 0; k < 10; ++k)
    {
        const auto at = named(brief, by_alpha[k].second);
        INFO("rank " << k << ": P" << by_alpha[k].second);
        REQUIRE(at != std::string::npos);
        CHECK(at > last);
        last = at;
    }
    for (std::size_t k = 10; k < by_alpha.size(); ++k)
        CHECK(named(brief, by_alpha[k].second) == std::string::npos);
    CHECK(named(brief, 1000) == std::string::npos); // undefined: after every defined one
}

// The page as computed from scratch, as reliability_page makes it when nothing is kept.
std::string fresh_page(Session& s, const AgreementOptions& filters, io::ReliabilityHtmlOptions o)
{
    AgreementOptions options = filters;
    options.places = false;
    const auto report = ok(analysis::analyze_agreement(s, options));
    const auto facts = ok(analysis::study_facts(s, report, options));
    o.filters = filters;
    return io::reliability_html(report, facts, o);
}

TEST_CASE("reliability report: a page is kept at the records' revision and made again after any "
          "change",
          "[io][report][derived]")
{
    ReportProject p;
    Session& s = *p.session;
    AgreementOptions filters;
    filters.master = "m";
    io::ReliabilityHtmlOptions o;
    o.project = "study.attune";
    bool kept = true;
    const std::string first = ok(io::reliability_page(s, filters, o, &kept));
    CHECK_FALSE(kept);
    CHECK(first == fresh_page(s, filters, o));
    const auto revision = s.revision();

    // Nothing changed: the kept page, byte for byte, and the revision did not move.
    CHECK(ok(io::reliability_page(s, filters, o, &kept)) == first);
    CHECK(kept);
    CHECK(s.revision() == revision);

    // Recording that a coder left blind mode changes no result: the page stays kept.
    (void)ok(s.record_unblind("a", "everyone's work", "reliability dashboard"));
    CHECK(s.revision() == revision);
    CHECK(ok(io::reliability_page(s, filters, o, &kept)) == first);
    CHECK(kept);

    // One analysis keeps every variant without a time: the file's page, made first, kept the
    // screen's two as well (brief, and with every transcript), each as a fresh one reads.
    o.links = true;
    const std::string brief_key = io::reliability_page_key(filters, o);
    CHECK(ok(io::reliability_page(s, filters, o, &kept)) == fresh_page(s, filters, o));
    CHECK(kept);
    o.every_transcript = true;
    CHECK(io::reliability_page_key(filters, o) != brief_key);
    CHECK(ok(io::reliability_page(s, filters, o, &kept)) == fresh_page(s, filters, o));
    CHECK(kept);
    o.every_transcript = false;
    o.links = false;

    // Other options are another page.
    AgreementOptions only_ab = filters;
    only_ab.coders = {"a", "b"};
    CHECK(io::reliability_page_key(only_ab, o) != io::reliability_page_key(filters, o));
    (void)ok(io::reliability_page(s, only_ab, o, &kept));
    CHECK_FALSE(kept);
    CHECK(ok(io::reliability_page(s, filters, o, &kept)) == first);
    CHECK(kept);

    // A coding change through the session: made again, and what it shows is the new state.
    ok(s.apply(Annotate{p.t[0], p.b, "aai-state-of-mind", "lack-of-recall", 10, 30, ""}));
    CHECK(s.revision() > revision);
    const std::string changed = ok(io::reliability_page(s, filters, o, &kept));
    CHECK_FALSE(kept);
    CHECK(changed != first);
    CHECK(changed == fresh_page(s, filters, o));

    // Undo restores the records: the page reads as the first one again, made afresh.
    ok(s.undo());
    CHECK(ok(io::reliability_page(s, filters, o, &kept)) == first);
    CHECK_FALSE(kept);

    // A change by another program, straight in SQL, raises the revision too (triggers).
    {
        auto other = ok(store::Database::open(s.path(), store::OpenMode::ExistingOnly));
        other.exec("UPDATE classifications SET category = 'F' WHERE category = 'E'");
    }
    (void)s.refresh_if_changed_elsewhere();
    const std::string edited = ok(io::reliability_page(s, filters, o, &kept));
    CHECK_FALSE(kept);
    CHECK(edited != first);
    CHECK(edited == fresh_page(s, filters, o));

    // A page with a time on it is never kept; its variants without one are (a change first,
    // so that nothing is kept before it). The next page with a time is made from the kept one
    // without it, the time put in: byte for byte what the renderer writes, a time to escape
    // included.
    ok(s.apply(Annotate{p.t[0], p.b, "aai-state-of-mind", "lack-of-recall", 40, 60, ""}));
    io::ReliabilityHtmlOptions timed = o;
    timed.generated = "2026-12-02 09:00";
    const std::string made = ok(io::reliability_page(s, filters, timed, &kept));
    CHECK_FALSE(kept);
    CHECK(made == fresh_page(s, filters, timed));
    CHECK(made.find("2026-12-02 09:00") != std::string::npos);
    CHECK(ok(io::reliability_page(s, filters, o, &kept)) == fresh_page(s, filters, o));
    CHECK(kept);
    for (const char* when : {"2026-12-02 09:05", "<b>soon</b> & later"})
    {
        INFO(when);
        timed.generated = when;
        CHECK(ok(io::reliability_page(s, filters, timed, &kept)) == fresh_page(s, filters, timed));
        CHECK(kept);
    }
    // So does the screen's page, should one ask for it with a time.
    timed.links = true;
    CHECK(ok(io::reliability_page(s, filters, timed, &kept)) == fresh_page(s, filters, timed));
    CHECK(kept);
}
