// SPDX-License-Identifier: GPL-3.0-or-later
// dashboard_benchmark: what the reliability dashboard (View → Reliability Dashboard) and
// `attune-cli report` spend on a project, part by part, in one process: opening the project,
// the agreement analysis as the dashboard asks for it (no list of places, see
// DashboardWindow::options) and as `agree` does (with it), the study facts, and the HTML.
// The whole-process and GUI figures are bench/dashboard-benchmark's; this program says where
// the time goes.
//
//   dashboard_benchmark PROJECT [--rounds N]      (default 3; the best round is printed)
#include "core/analysis/project_agreement.h"
#include "core/analysis/study_facts.h"
#include "core/io/reliability_report.h"
#include "core/project/session.h"
#include "core/project/study_rules.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <functional>
#include <string>
#include <utility>
#include <vector>

using namespace attune;

namespace
{

double ms_of(const std::function<void()>& fn)
{
    const auto t0 = std::chrono::steady_clock::now();
    fn();
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
}

[[noreturn]] void fail(const std::string& what)
{
    std::fprintf(stderr, "dashboard_benchmark: %s\n", what.c_str());
    std::exit(1);
}

} // namespace

int main(int argc, char** argv)
{
    if (argc < 2 || std::strcmp(argv[1], "--help") == 0)
    {
        std::puts("usage: dashboard_benchmark PROJECT [--rounds N]");
        return argc < 2 ? 2 : 0;
    }
    int rounds = 3;
    if (argc >= 4 && std::strcmp(argv[2], "--rounds") == 0)
        rounds = std::max(1, std::atoi(argv[3]));
    std::unique_ptr<project::Session> session;
    const double open_ms = ms_of(
        [&]
        {
            auto s = project::Session::open(argv[1]);
            if (!s)
                fail(s.error().message);
            session = std::move(*s);
        });
    std::printf("open_ms %.1f\n", open_ms);
    double best_dash = 1e300, best_full = 1e300, best_facts = 1e300, best_html = 1e300,
           best_scales = 1e300;
    std::size_t bytes = 0;
    for (int r = 0; r < rounds; ++r)
    {
        analysis::AgreementOptions dash;
        dash.places = false;
        std::optional<analysis::AgreementReport> report;
        best_dash = std::min(best_dash, ms_of(
                                            [&]
                                            {
                                                auto rep =
                                                    analysis::analyze_agreement(*session, dash);
                                                if (!rep)
                                                    fail(rep.error().message);
                                                report = std::move(*rep);
                                            }));
        std::optional<analysis::StudyFacts> facts;
        best_facts =
            std::min(best_facts, ms_of(
                                     [&]
                                     {
                                         auto f = analysis::study_facts(*session, *report, dash);
                                         if (!f)
                                             fail(f.error().message);
                                         facts = std::move(*f);
                                     }));
        best_html =
            std::min(best_html, ms_of(
                                    [&]
                                    {
                                        io::ReliabilityHtmlOptions html;
                                        html.links = true;
                                        bytes = io::reliability_html(*report, *facts, html).size();
                                    }));
        analysis::AgreementOptions no_passages;
        no_passages.passages = false;
        best_scales = std::min(
            best_scales, ms_of([&] { (void)analysis::analyze_agreement(*session, no_passages); }));
        best_full =
            std::min(best_full, ms_of([&] { (void)analysis::analyze_agreement(*session, {}); }));
    }
    // One more analysis, timed step by step through its progress: the texts, the annotations,
    // the schemes (on up to two threads), from the start of the analysis.
    {
        std::vector<std::pair<std::size_t, double>> calls;
        const auto t0 = std::chrono::steady_clock::now();
        analysis::AgreementOptions timed;
        timed.places = false;
        timed.progress = [&](std::size_t done, std::size_t)
        {
            calls.emplace_back(done, std::chrono::duration<double, std::milli>(
                                         std::chrono::steady_clock::now() - t0)
                                         .count());
            return true;
        };
        auto rep = analysis::analyze_agreement(*session, timed);
        if (!rep)
            fail(rep.error().message);
        // Steps: each transcript's text, the annotations, then each scheme's first step (its
        // tables, taken while the annotations are read) and its transcripts, which wait for
        // the annotations: the first of those marks when they were read.
        const std::size_t n = rep->transcripts.size();
        const std::size_t n_schemes = project::latest_schemes(session->schemes()).size();
        double texts = 0, annotations = 0;
        for (const auto& [done, ms] : calls)
        {
            if (done == n)
                texts = ms;
            if (done == n + 1 + n_schemes)
                annotations = ms;
        }
        std::printf(
            "steps: texts read by %.0f ms, annotations read by %.0f ms, schemes and the rest "
            "by %.0f ms\n",
            texts, annotations, calls.empty() ? 0.0 : calls.back().second);
    }
    // The page as the dashboard asks for it: made (and kept in the project) when the records
    // changed since it was last kept, then given back as kept while they do not change.
    io::ReliabilityHtmlOptions screen;
    screen.links = true;
    screen.project = std::filesystem::path(argv[1]).filename().string();
    analysis::AgreementOptions page_filters;
    bool kept = false;
    const double page_first_ms = ms_of(
        [&]
        {
            if (auto page = io::reliability_page(*session, page_filters, screen, &kept); !page)
                fail(page.error().message);
        });
    std::printf("page_first_ms %.1f (%s)\n", page_first_ms, kept ? "kept" : "made and kept");
    double best_kept = 1e300;
    for (int r = 0; r < rounds; ++r)
        best_kept = std::min(best_kept, ms_of(
                                            [&]
                                            {
                                                auto page = io::reliability_page(
                                                    *session, page_filters, screen, &kept);
                                                if (!page || !kept)
                                                    fail("the page was not kept");
                                            }));
    std::printf("page_kept_ms %.1f\n", best_kept);
    std::printf("analysis_dashboard_ms %.1f\nstudy_facts_ms %.1f\nhtml_ms %.1f\nhtml_bytes %zu\n"
                "dashboard_total_ms %.1f\nanalysis_without_passages_ms %.1f\n"
                "analysis_with_places_ms %.1f\n",
                best_dash, best_facts, best_html, bytes, best_dash + best_facts + best_html,
                best_scales, best_full);
    return 0;
}
